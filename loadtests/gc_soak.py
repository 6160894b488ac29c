"""Garbage collection over a long run: memory and collection pauses, per collector setting (issue 19).

    python -m loadtests.gc_soak --minutes 10 --rate 400 --configs "python;700,10,1000"  # docs/performance.md
    python -m loadtests.gc_soak --smoke      # seconds; the harness runs (nothing asserted)

Each setting of `DISPATCH_GC_THRESHOLDS` in --configs ("python": Python's own, 700,10,10) gets its own
redis-server and its own service (`dispatch-assist serve`, one worker), and all of them run *at the
same time*, the n-th service pinned to core n modulo the cores: on a shared machine, settings
measured one after the other would be compared across different neighbours. Each service gets the
service target's traffic (loadtests/service_target.py: the San Diego call mix over five
jurisdictions, half with narratives, and the AVL feed of 10,000 units reporting every 10 s) at a
steady open-loop rate, loopback only, for --minutes. Every --sample-s the harness reads the
service's resident memory (/proc/<pid>/status) and its `dispatch_gc_pause_seconds` histogram from
/metrics; the report gives RSS over time, the collections per generation and how many paused the
loop past 5 and 10 ms, and the calls' latency, next to the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from loadtests._overload_parts import gc_largest, gc_over, gc_pauses, start_service
from loadtests.generator import LoadConfig, run_load
from loadtests.servers import redis_server
from loadtests.service_target import _FEED, _seed, scenario
from loadtests.targets import TargetContext

__all__ = ["main"]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _one(config: str, core: int, args: argparse.Namespace) -> dict[str, Any]:
    samples: list[dict[str, Any]] = []
    with redis_server(core=None) as redis, tempfile.TemporaryDirectory(prefix="da-gcsoak-") as spool:
        assert redis.url is not None
        asyncio.run(_seed(redis.url, 7))
        proc, port = start_service(redis.url, spool, extra_env={"DISPATCH_GC_THRESHOLDS": config}, core=core)
        stop = threading.Event()
        t0 = time.monotonic()

        def sample() -> None:
            while True:
                with contextlib.suppress(OSError):
                    samples.append({"t_s": round(time.monotonic() - t0, 1), "rss_mb": _rss_mb(proc.pid),
                                    "load1": os.getloadavg()[0], "gc": gc_pauses(port)})
                if stop.wait(args.sample_s):
                    return

        sampler = threading.Thread(target=sample, daemon=True)
        try:
            request = scenario(TargetContext(redis.url, seed=1, base_url=f"http://127.0.0.1:{port}"))
            sampler.start()
            cfg = LoadConfig("127.0.0.1", port, args.rate, duration=args.minutes * 60, connections=16,
                             timeout=5.0)
            result = asyncio.run(run_load(cfg, request))
        finally:
            stop.set()
            sampler.join(10)
            if (feed := _FEED.pop("feed", None)) is not None:
                feed.terminate()
                feed.join(5)
            proc.terminate()
            proc.wait(15)
    final = samples[-1]["gc"] if samples else {}
    return {
        "config": config or "python",
        "core": core,
        "calls": result["completed"],
        "status_counts": result["status_counts"],
        "latency_ms": {k: result["latency_us"][k] / 1000 for k in ("p50", "p99", "p99.9", "max")
                       if k in result["latency_us"]},
        "rss_mb": [(s["t_s"], s["rss_mb"]) for s in samples],
        "load1": [s["load1"] for s in samples],
        "gc": {g: {"count": v["count"], "sum_s": v["sum_s"], "over_5ms": gc_over(v, "0.005"),
                   "over_10ms": gc_over(v, "0.01"), "max_le_s": gc_largest(v)}
               for g, v in sorted(final.items())},
        "gc_raw": final,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loadtests.gc_soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", default="python;700,10,1000",
                        help="DISPATCH_GC_THRESHOLDS values separated by ';' ('python': Python's own)")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=300.0, help="calls/s to each service")
    parser.add_argument("--sample-s", type=float, default=10.0)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child: this config only
    parser.add_argument("--core", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.smoke:
        args.minutes, args.rate, args.sample_s = 0.1, 50.0, 2.0
    if args.one is not None:
        print(json.dumps(_one("" if args.one == "python" else args.one, args.core, args)))
        return 0
    configs = [c.strip() for c in args.configs.split(";")]
    cpus = os.cpu_count() or 1
    load_before = os.getloadavg()
    children = [
        subprocess.Popen([sys.executable, "-m", "loadtests.gc_soak", "--one", c, "--core",
                          str(n % cpus), "--minutes", str(args.minutes), "--rate", str(args.rate),
                          "--sample-s", str(args.sample_s)], stdout=subprocess.PIPE)
        for n, c in enumerate(configs)
    ]
    runs = [json.loads(child.communicate()[0].decode().strip().splitlines()[-1]) for child in children]
    report = {"runs": runs, "machine": {"cpus": cpus, "load_avg_before": load_before,
                                        "load_avg_after": os.getloadavg(),
                                        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}}
    for run in runs:
        rss = run["rss_mb"]
        print(f"{run['config']} (core {run['core']}): {run['calls']} calls {run['status_counts']}, "
              f"latency {run['latency_ms']} ms; RSS {rss[0][1] if rss else '?'} -> "
              f"{max((r for _, r in rss), default=0)} max -> {rss[-1][1] if rss else '?'} MB")
        for g, v in run["gc"].items():
            print(f"  gen{g}: {v['count']} collections, {v['sum_s']} s in all, {v['over_5ms']} over 5 ms, "
                  f"{v['over_10ms']} over 10 ms, the longest <= {v['max_le_s']} s")
    print(f"machine: {report['machine']}")
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
