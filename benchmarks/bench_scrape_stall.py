"""Does a Prometheus scrape stall request handling? Measured on the real service (a script, not a test).

    python benchmarks/bench_scrape_stall.py [--rate 400] [--duration 10] [--scrape-every 0.25] [--rounds 2]

Starts a private redis-server and the service (Granian, one worker, pinned to core 0 when taskset
exists), loads the example policies and the demo roster, then drives POST /v1/calls with the
project's open-loop generator (loadtests/: latency = completion - intended send time, so a stall
shows in full). Each round runs four times at the same rate: nobody scraping; then a separate
process scraping /metrics every --scrape-every seconds from the service as shipped (rendered
family by family in the event loop), from an instance that renders it in one piece in the loop
(benchmarks/asgi_metrics_in_loop.py), and from one that renders it in a worker thread
(benchmarks/asgi_metrics_in_thread.py). Scraping every 0.25-1 s is 15-60x more often than the 15 s
of deploy/prometheus/prometheus.yml, so the effect is visible. Rounds alternate the conditions to
spread the noise of a shared machine over all of them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import msgspec  # noqa: E402

from loadtests.generator import LoadConfig, run_load_sync  # noqa: E402
from loadtests.servers import free_port, redis_server  # noqa: E402
from service.cli.demo import load_demo  # noqa: E402
from service.cli.main import server_command  # noqa: E402
from service.settings import from_env  # noqa: E402

SCRAPER = """
import sys, time, urllib.request
url, every = sys.argv[1], float(sys.argv[2])
while True:
    t = time.monotonic()
    urllib.request.urlopen(url, timeout=5).read()
    time.sleep(max(0.0, every - (time.monotonic() - t)))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=400)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--scrape-every", type=float, default=0.25)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    variants = {"per family (shipped)": "api.asgi:app",
                "one piece in loop": "benchmarks.asgi_metrics_in_loop:app",
                "one piece in thread": "benchmarks.asgi_metrics_in_thread:app"}
    conditions = ("no scrape", *variants)
    results: dict[str, list[dict[str, float]]] = {c: [] for c in conditions}
    with redis_server() as redis:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
        settings = from_env(env, redis_url=redis.url, policy_dir=str(ROOT / "deploy" / "policies"))
        keys, demo = asyncio.run(load_demo(settings, seed=3))
        pin = ["taskset", "-c", "0"] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []
        servers = {}
        for name, module in variants.items():
            port = free_port()
            command = [*server_command("127.0.0.1", port)[:-1], module]
            servers[name] = (port, subprocess.Popen(
                [*pin, *command], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env={**env, "DISPATCH_REDIS_URL": redis.url, "DISPATCH_RATE_LIMIT_RPS": "0",
                     "DISPATCH_POLICY_DIR": settings.policy_dir}))
        try:
            for port, _ in servers.values():
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    try:
                        if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    time.sleep(0.2)
            center = demo["spec"]["jurisdictions"]["denver"]["center"]
            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {keys['denver']}"}
            bodies = [msgspec.json.encode({
                "incident_id": f"stall-{i}", "seq": 1, "event": "created", "call_type": "WELFARE",
                "priority": 3,
                "location": {"lat": center["lat"] + (i % 50) * 0.0005, "lon": center["lon"]},
                "narrative": "man yelling at traffic, no weapons seen", "screening": {"weapon": False}})
                for i in range(50_000)]
            offset = 0
            for _ in range(args.rounds):
                for label in conditions:
                    port = servers["per family (shipped)" if label == "no scrape" else label][0]
                    scraper = None
                    if label != "no scrape":
                        url = f"http://127.0.0.1:{port}/metrics"
                        every = str(args.scrape_every)
                        scraper = subprocess.Popen([sys.executable, "-c", SCRAPER, url, every])
                    start = offset

                    def scenario(i: int, start: int = start) -> tuple[str, str, dict[str, str], bytes]:
                        return "POST", "/v1/calls", headers, bodies[(start + i) % len(bodies)]

                    try:
                        result = run_load_sync(LoadConfig("127.0.0.1", port, args.rate, args.duration,
                                                          warmup=1.0), scenario)
                    finally:
                        if scraper is not None:
                            scraper.terminate()
                            scraper.wait(5)
                    offset += int(args.rate * (args.duration + 1)) + 1
                    lat = result["latency_us"]
                    results[label].append(lat)
                    print(f"{label:>20}: ok {result['ok']}/{result['requests']} {result['errors'] or ''}, "
                          f"p50 {lat['p50'] / 1000:.2f} ms, "
                          f"p99 {lat['p99'] / 1000:.2f} ms, p99.9 {lat['p99.9'] / 1000:.2f} ms, "
                          f"max {lat['max'] / 1000:.2f} ms", flush=True)
        finally:
            for _, proc in servers.values():
                proc.terminate()
                proc.wait(10)
    print(json.dumps({"at": datetime.now(UTC).isoformat(), "rate": args.rate,
                      "scrape_every_s": args.scrape_every, "results": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
