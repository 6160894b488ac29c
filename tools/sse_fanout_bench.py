"""Does a crowd of consoles slow the CAD down? POST /v1/calls latency with 0 vs N SSE consoles.

    python -m tools.sse_fanout_bench [--consoles 100] [--rates 100,400] [--duration 15] [--repeat 2]

A private redis-server and the service (uvicorn, pinned to core 0) on loopback; the demo roster and
keys (`service.cli.demo.load_demo`); the open-loop generator of loadtests/ (pinned to core 1) sends
Denver calls at a constant rate while N consoles, in a separate process, hold GET /v1/stream open
on the same jurisdiction — the worst case: every call is an event for every console. Latency is
completion minus *intended* send time (no coordinated omission). The consoles count the
recommendation events they receive, and a few of them measure delivery delay (arrival minus the
recommendation's decided_at); they run in their own process (tools/sse_consoles.py). Bounded in
time and count; loopback only. Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redis import Redis  # noqa: E402

from loadtests._util import default_generator_core, pin_to_core  # noqa: E402
from loadtests.generator import LoadConfig, RequestSpec, run_load_sync  # noqa: E402
from loadtests.servers import process_tree_cpu_seconds, redis_server, start_asgi_server  # noqa: E402
from service.cli.demo import load_demo  # noqa: E402
from service.settings import from_env  # noqa: E402
from service.state import keyspace  # noqa: E402

J = "denver"
CALL_TYPES = [
    "WELFARE",
    "INTOX",
    "TRESPASS",
    "MNTL",
    "SUICTHRT",
    "DISORD",
    "NOISE",
    "CARDIAC",
    "FIGHT",
    "EDP",
]


# ---------------------------------------------------------------- the run


def _scenario(key: str, centre: dict[str, float], seed: int) -> Any:
    rng = random.Random(seed)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
    tag = f"{seed}-{int(time.time())}"

    def make(i: int) -> RequestSpec:
        body = {
            "incident_id": f"bench-{tag}-{i}",
            "seq": 1,
            "call_type": rng.choice(CALL_TYPES),
            "priority": 3,
            "location": {
                "lat": centre["lat"] + rng.uniform(-0.05, 0.05),
                "lon": centre["lon"] + rng.uniform(-0.06, 0.06),
            },
            "narrative": "caller says a man is yelling at traffic, no weapons seen",
        }
        return "POST", "/v1/calls", headers, json.dumps(body).encode()

    return make


def start_consoles(port: int, key: str, n: int) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "tools.sse_consoles", str(port), key, str(n)]
    consoles = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert consoles.stdout is not None
    line = consoles.stdout.readline().strip()
    if line != "ready":
        raise SystemExit(f"consoles did not connect: {line!r}")
    return consoles


def fanout_cpu(server: Any, redis_url: str, key: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The service's CPU spent on fan-out alone: recommendation-sized events appended straight to the
    stream at each rate (no HTTP calls), with 0 and N consoles connected. CPU accounting is far less
    disturbed by other jobs on the machine than latency percentiles are."""
    r = Redis.from_url(redis_url)
    data = json.dumps(
        {"recommendation_id": "r_bench", "decided_at": datetime.now(UTC).isoformat(), "pad": "x" * 900}
    ).encode()  # about the size of a real recommendation event
    rows = []
    for rate in args.rates:
        for n in (0, args.consoles):
            consoles = start_consoles(server.port, key, n) if n else None
            cpu0, t0, sent = process_tree_cpu_seconds(server.pid), time.monotonic(), 0
            while time.monotonic() - t0 < args.duration:
                r.xadd(keyspace.events(J), {"kind": "recommendation", "data": data}, maxlen=10_000,
                       approximate=True)
                sent += 1
                time.sleep(max(0.0, t0 + sent / rate - time.monotonic()))
            share = (process_tree_cpu_seconds(server.pid) - cpu0) / (time.monotonic() - t0)
            if consoles is not None:
                consoles.send_signal(signal.SIGTERM)
                consoles.communicate(timeout=30)
            rows.append({"rate": rate, "consoles": n, "server_cpu_share": round(share, 4)})
            print(
                f"events {rate:>5.0f}/s, {n:>3} consoles: service CPU {share * 100:.1f}% of a core",
                flush=True,
            )
    return rows


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    with redis_server() as redis:
        env = {
            "DISPATCH_REDIS_URL": redis.url,
            "DISPATCH_RATE_LIMIT_RPS": "1000000",
            "DISPATCH_RATE_LIMIT_BURST": "1000000",
            "DISPATCH_SPOOL_DIR": f"/tmp/da-bench-spool-{os.getpid()}",
            "DISPATCH_LOG_LEVEL": "WARNING",
        }
        clean = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
        demo_keys, loaded = asyncio.run(load_demo(from_env({**clean, **env}), 7))
        key = demo_keys[J]
        centre = loaded["spec"]["jurisdictions"][J]["center"]
        with start_asgi_server("api.asgi:app", env=env, ready_path="/healthz") as server:
            time.sleep(1.0)  # the demo keys reach the server's key ring
            pin_to_core(default_generator_core())
            if args.fanout_cpu:
                return fanout_cpu(server, redis.url, key, args)
            plan = [(rate, n) for _ in range(args.repeat) for rate in args.rates for n in (0, args.consoles)]
            for i, (rate, n) in enumerate(plan):
                consoles = start_consoles(server.port, key, n) if n else None
                cpu0 = process_tree_cpu_seconds(server.pid)
                cfg = LoadConfig(
                    "127.0.0.1", server.port, rate, duration=args.duration, warmup=3.0, connections=32
                )
                res = run_load_sync(cfg, _scenario(key, centre, i))
                cpu = process_tree_cpu_seconds(server.pid) - cpu0
                fan: dict[str, Any] = {}
                if consoles is not None:
                    consoles.send_signal(signal.SIGTERM)
                    out, _ = consoles.communicate(timeout=30)
                    fan = json.loads(out.strip().splitlines()[-1])
                row = {
                    "rate": rate,
                    "consoles": n,
                    "achieved_rate": res["achieved_rate"],
                    "errors": res["error_count"],
                    "latency_us": res["latency_us"],
                    "server_cpu_us_per_req": round(cpu / (res["requests"] + rate * cfg.warmup) * 1e6, 1),
                    **fan,
                }
                results.append(row)
                lat = res["latency_us"]
                print(
                    f"rate {rate:>5} consoles {n:>3}: p50 {lat['p50']:>7.0f} us  p99 {lat['p99']:>7.0f} us  "
                    f"p99.9 {lat.get('p99.9', 0):>7.0f} us  max {lat['max']:>7.0f} us  "
                    f"errors {res['error_count']}  "
                    f"server cpu {row['server_cpu_us_per_req']} us/req"
                    + (
                        f"  events/console {fan['events_per_console_min']}..{fan['events_per_console_max']}"
                        f"  delivery p50 {fan['delivery_ms']['p50']} ms p99 {fan['delivery_ms']['p99']} ms"
                        if fan
                        else ""
                    ),
                    flush=True,
                )
                time.sleep(1.0)
    return results


def summarize(results: list[dict[str, Any]]) -> None:
    """Median over the repeats of each (rate, consoles): robust to a neighbour's burst on a shared box."""
    print("\nmedian over repeats:")
    for rate in sorted({r["rate"] for r in results}):
        for n in sorted({r["consoles"] for r in results}):
            rows = [r for r in results if r["rate"] == rate and r["consoles"] == n]
            p50 = statistics.median(r["latency_us"]["p50"] for r in rows) / 1000
            p99 = statistics.median(r["latency_us"]["p99"] for r in rows) / 1000
            cpu = statistics.median(r["server_cpu_us_per_req"] for r in rows)
            line = f"  {rate:>5.0f} calls/s, {n:>3} consoles: p50 {p50:.2f} ms, p99 {p99:.2f} ms"
            line += f", server CPU {cpu:.0f} us/call"
            if n:
                d50 = statistics.median(r["delivery_ms"]["p50"] for r in rows)
                d99 = statistics.median(r["delivery_ms"]["p99"] for r in rows)
                line += f"; delivery to consoles p50 {d50:.0f} ms, p99 {d99:.0f} ms"
            print(line + f" ({len(rows)} runs)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consoles", type=int, default=100)
    parser.add_argument("--rates", type=lambda s: [float(x) for x in s.split(",")], default=[100.0, 400.0])
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--fanout-cpu",
        action="store_true",
        help="measure the service's CPU for fan-out alone (events appended directly, no calls)",
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=-10,
        help="priority for this run and its children (redis, service, consoles), when root: "
        "other jobs on a shared machine then disturb the figures less",
    )
    args = parser.parse_args(argv)
    if args.nice and os.geteuid() == 0:
        os.nice(args.nice)
    results = run(args)
    if not args.fanout_cpu:
        summarize(results)
    if args.out:
        args.out.write_text(json.dumps({"when": datetime.now(UTC).isoformat(), "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
