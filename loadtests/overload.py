"""Overload benchmark (issue 19, item 1): the bare service, one worker, past its capacity.

    python -m loadtests.overload --pin --realtime --boost 20 --repeat 3  # docs/performance.md's figures
    python -m loadtests.overload --smoke       # seconds; what CI runs (nothing asserted)
    python -m loadtests.overload --pin --boost 20 --rates 1400  # fixed floods: 2,800 and 5,600/s

With one rate in --rates, that rate is taken as the capacity whether or not it met the objective:
the floods then come at the same offered load in every run, which is how two versions of the code
are compared on a machine whose capacity moves from run to run (docs/performance.md, round 3).

Each repetition starts a fresh service and redis-server, then:
1. Capacity: open-loop steps from one key; capacity = the highest rate answered with p99 <= the
   latency objective (10 ms) and at least 99.9 % of calls answered 200 (capacity at the objective,
   not the saturation throughput, which is higher and comes with seconds of queueing).
2. Flood at 2x capacity from one key (jurisdiction A) while another jurisdiction (B) sends 20
   calls/s: A's goodput (200s per second) against capacity, A's admitted and shed p99, B's p99 and
   degraded answers.
3. The same at 4x, then recovery: B's probe goes to 50 calls/s when the flood ends; recovery is the
   time from the end of the flood to the last answer over the objective (or not 200).
The summary gives the median and range of each figure over the repetitions.

Latency is completion - intended send time (open loop; loadtests/generator.py), so it includes the
time a request waits in the kernel's socket buffers and the event loop before the service reads it.
B's calls come from their own process on their own keep-alive connection, timed the same way, and
its bodies are read for `degraded`. With --pin the server runs on core 0 and the generator on core 1.
Each phase records the service's CPU per request and the CPU that *other* processes used meanwhile
(`others_cpu_s`): on a shared machine, read the figures next to it. Priorities: loadtests/_overload_parts.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from loadtests._overload_parts import (
    CpuMeter,
    Probe,
    bodies,
    boost,
    gc_delta,
    gc_pauses,
    realtime,
    start_service,
)
from loadtests._util import pin_to_core
from loadtests.generator import LoadConfig, run_load
from loadtests.servers import redis_server
from loadtests.service_target import _KEYS, _seed

__all__ = ["main"]

FLOODER, OTHER = "denver", "tucson"
OBJECTIVE_US = 10_000


def _scenario(calls: list[bytes], key: str) -> Any:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    return lambda i: ("POST", "/v1/calls", headers, calls[i % len(calls)])


async def _flood(port: int, rate: float, seconds: float, key: str, calls: list[bytes], conns: int) -> Any:
    cfg = LoadConfig("127.0.0.1", port, rate, duration=seconds, connections=conns, timeout=5.0)
    return await run_load(cfg, _scenario(calls, key))


def _summary(result: dict[str, Any], seconds: float, cpu: dict[str, float]) -> dict[str, Any]:
    by = result["latency_us_by_status"]
    ok = result["status_counts"].get("200", 0)
    shed = result["status_counts"].get("503", 0)
    return {
        "offered_per_s": result["target_rate"],
        "goodput_per_s": round(ok / seconds, 1),
        "ok": ok,
        "shed_503": shed,
        "errors": {k: v for k, v in result["errors"].items() if k != "status_503"},
        "admitted_p99_ms": by.get("200", {}).get("p99", 0) / 1000,
        "shed_p99_ms": by.get("503", {}).get("p99", 0) / 1000 if shed else None,
        "generator_lag_p99_ms": result["scheduler_lag_us"]["p99"] / 1000,
        "cpu": cpu,
    }


async def _capacity(
    port: int, key: str, calls: list[bytes], args: argparse.Namespace, meter: CpuMeter
) -> Any:
    best, steps = args.rates[0], []
    for rate in args.rates:
        meter.restart()
        result = await _flood(port, rate, args.step_s, key, calls, conns=64)
        cpu = meter.read()
        ok = result["status_counts"].get("200", 0)
        p99 = result["latency_us"]["p99"]
        per_call = cpu["server_cpu_s"] / max(result["completed"], 1)
        steps.append({"rate": rate, "ok": ok, "p99_ms": p99 / 1000, "errors": result["errors"],
                      "server_cpu_us_per_call": round(per_call * 1e6), "others_cpu_s": cpu["others_cpu_s"]})
        if p99 <= OBJECTIVE_US and ok >= 0.999 * result["requests"]:
            best = rate
        elif len(steps) >= 2 and steps[-2]["rate"] > best:  # two misses in a row: past capacity
            break  # (one miss alone can be a pause of a shared machine)
    return best, steps


async def _repetition(args: argparse.Namespace, port: int, server_pid: int, redis_pid: int) -> dict[str, Any]:
    flood_calls, other_calls = bodies(FLOODER, 20_000, 1), bodies(OTHER, 2_000, 2)
    key_a, key_b = _KEYS[FLOODER]["cad"], _KEYS[OTHER]["cad"]
    meter = CpuMeter(server_pid, [server_pid, os.getpid(), redis_pid])
    await _flood(port, 200, 2.0, key_a, flood_calls, conns=16)  # warm-up, not measured
    capacity, steps = await _capacity(port, key_a, flood_calls, args, meter)
    met = any(s["rate"] == capacity and s["p99_ms"] * 1000 <= OBJECTIVE_US for s in steps)
    # If no step met the objective (a busy machine), the floods are still run from the lowest step.
    out: dict[str, Any] = {"capacity_per_s": capacity, "capacity_met": met, "capacity_steps": steps}
    probe = Probe(port, key_b, other_calls, rt=args.realtime)
    probe.start()
    meter.ours.append(probe.pid or 0)
    for factor in (2, 4):
        await asyncio.sleep(1.0)
        gc_before = gc_pauses(port)
        start = time.perf_counter()
        meter.restart()
        result = await _flood(port, capacity * factor, args.flood_s, key_a, flood_calls, args.connections)
        end = start + args.flood_s
        flood = _summary(result, args.flood_s, meter.read())
        flood["gc"] = gc_delta(gc_before, gc_pauses(port))  # from the flood's start to its last answer
        flood["goodput_vs_capacity"] = round(flood["goodput_per_s"] / capacity, 3)
        flood["other_jurisdiction"] = probe.window(start, end)
        if factor == 4:
            probe.rate = 50.0  # finer resolution for the recovery
            await asyncio.sleep(2.0)
            probe.collect()
            late = [s for s in probe.samples if s[0] >= end and (s[1] * 1e6 > OBJECTIVE_US or s[2] != 200)]
            flood["recovery_s"] = round(max((s[0] + s[1] for s in late), default=end) - end, 3)
            # What the recovery is made of: the probe's late answers after the flood (sent at, ms, status)
            flood["late_after_end"] = [(round(s[0] - end, 3), round(s[1] * 1000, 1), s[2]) for s in late][:40]
            flood["gc_after_end"] = gc_delta(gc_before, gc_pauses(port))
            flood["backlog_drained_s"] = _drained(late, end)
            probe.rate = 20.0
        out[f"flood_{factor}x"] = flood
    probe.stop()
    return out


def _drained(late: list[tuple[float, float, int, bool]], end: float, gap_s: float = 0.2) -> float:
    """When the flood's backlog was answered: the last of the late answers that follow the flood's
    end without a gap of `gap_s` (20 ms probe periods x 10) between them; 0 if none came first.
    `recovery_s` is stricter (the last late answer in the 2 s after the flood, however isolated);
    both are reported because on a shared machine single late answers come without any flood."""
    drained, previous = 0.0, end
    for sent, latency, *_ in sorted(late):
        if sent - previous > gap_s:
            break
        drained, previous = sent + latency - end, sent
    return round(drained, 3)


def _one(args: argparse.Namespace) -> dict[str, Any]:
    spool_dir = tempfile.TemporaryDirectory(prefix="da-overload-")
    with redis_server(core=args.redis_core) as redis, spool_dir as spool:
        assert redis.url is not None
        if args.realtime:
            realtime(redis.pid)
        asyncio.run(_seed(redis.url, 7))
        extra = {"DISPATCH_GC_THRESHOLDS": args.gc_thresholds} if args.gc_thresholds else None
        proc, port = start_service(redis.url, spool, args.pin, extra_env=extra)
        if args.pin:  # after starting them: redis-server stays where --redis-core put it
            pin_to_core(1 if (os.cpu_count() or 1) >= 2 else None)
        try:
            return asyncio.run(_repetition(args, port, proc.pid, redis.pid))
        finally:
            proc.terminate()
            proc.wait(15)


_FIGURES = {  # name -> where it is in a repetition's report
    "capacity_per_s": ("capacity_per_s",),
    "goodput_2x_vs_capacity": ("flood_2x", "goodput_vs_capacity"),
    "admitted_p99_2x_ms": ("flood_2x", "admitted_p99_ms"),
    "shed_p99_2x_ms": ("flood_2x", "shed_p99_ms"),
    "other_p99_2x_ms": ("flood_2x", "other_jurisdiction", "p99_ms"),
    "other_degraded_2x": ("flood_2x", "other_jurisdiction", "degraded"),
    "goodput_4x_vs_capacity": ("flood_4x", "goodput_vs_capacity"),
    "admitted_p99_4x_ms": ("flood_4x", "admitted_p99_ms"),
    "shed_p99_4x_ms": ("flood_4x", "shed_p99_ms"),
    "other_p99_4x_ms": ("flood_4x", "other_jurisdiction", "p99_ms"),
    "recovery_4x_s": ("flood_4x", "recovery_s"),
    "backlog_drained_4x_s": ("flood_4x", "backlog_drained_s"),
    "others_cpu_2x_s": ("flood_2x", "cpu", "others_cpu_s"),
}


def _aggregate(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, path in _FIGURES.items():
        values = []
        for run in runs:
            value: Any = run
            for part in path:
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, int | float):
                values.append(value)
        if values:
            out[name] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="loadtests.overload", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="tiny rates and seconds: the harness runs")
    parser.add_argument("--rates", type=lambda s: [int(x) for x in s.split(",")],
                        default=[400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2400, 2800, 3200])
    parser.add_argument("--step-s", type=float, default=3.0)
    parser.add_argument("--flood-s", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions, each with a fresh service")
    parser.add_argument("--connections", type=int, default=512, help="the flood's connections")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    parser.add_argument("--pin", action="store_true", help="server on core 0, generator on core 1")
    parser.add_argument("--redis-core", type=int, default=None, help="pin redis-server to this core")
    parser.add_argument("--boost", type=int, default=0,
                        help="N nice levels above normal for this session's autogroup and processes (root)")
    parser.add_argument("--realtime", action="store_true",
                        help="generator, probe and redis-server at SCHED_FIFO 1 (the service stays normal)")
    parser.add_argument("--gc-thresholds", default="",
                        help="DISPATCH_GC_THRESHOLDS for the service, e.g. 700,10,1000 (default: Python's)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.rates, args.step_s, args.flood_s, args.connections, args.repeat = [50, 100], 1.0, 1.0, 16, 1
    priority = boost(args.boost) if args.boost else "normal"
    if args.realtime and not realtime():
        priority += "; SCHED_FIFO refused"
    load_before = os.getloadavg()
    runs = [_one(args) for _ in range(args.repeat)]
    report = {"runs": runs, "summary": _aggregate(runs), "machine": {
        "cpus": os.cpu_count(), "load_avg_before": load_before, "load_avg_after": os.getloadavg(),
        "priority": priority, "pinned": args.pin, "realtime": args.realtime,
        "redis_core": args.redis_core, "gc_thresholds": args.gc_thresholds or "default",
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}}
    _print(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))
    return 0


def _print(report: dict[str, Any]) -> None:
    for n, run in enumerate(report["runs"], 1):
        cap = run["capacity_per_s"]
        first = run["capacity_steps"][0]["p99_ms"]
        met = "" if run["capacity_met"] else f" (not met even there: p99 {first:.1f} ms)"
        print(f"run {n}: capacity (p99 <= {OBJECTIVE_US / 1000:g} ms, >= 99.9 % answered): "
              f"{cap} calls/s{met}")
        for name in ("flood_2x", "flood_4x"):
            f = run[name]
            other = f["other_jurisdiction"]
            print(
                f"  {name}: offered {f['offered_per_s']:g}/s  goodput {f['goodput_per_s']:g}/s "
                f"({f['goodput_vs_capacity']:.0%} of capacity)  admitted p99 {f['admitted_p99_ms']:.1f} ms  "
                f"shed {f['shed_503']} p99 {f['shed_p99_ms'] or 0:.1f} ms  errors {f['errors']}  |  other "
                f"jurisdiction: {other['ok']}/{other['calls']} ok, p99 {other['p99_ms']} ms, "
                f"{other['degraded']} degraded"
                + (f"  | recovery {f['recovery_s']} s" if "recovery_s" in f else "")
                + f"  | others' CPU {f['cpu']['others_cpu_s']} s"
                + f"  | gc {f['gc']}"
            )
            if f.get("late_after_end"):
                print(f"    late after the flood (s after its end, ms, status): {f['late_after_end'][:12]}")
    for name, v in report["summary"].items():
        print(f"{name}: median {v['median']:g} (range {v['min']:g} - {v['max']:g})")
    print(f"machine: {report['machine']}")
    print(json.dumps(report, indent=2), file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
