"""Open-loop, constant-arrival-rate HTTP load generator (wrk2-style) on uvloop.

Request i is *due* at t_i = t0 + i/rate whatever happened to earlier requests, and its latency is
recorded as completion - t_i (not completion - actual send), so a stalled server or a full connection
pool shows up in the tail instead of silently slowing the generator (coordinated omission, tech.md §5).
The scheduler arms a timerfd for the next due time (libuv timers only have 1 ms resolution, see
_timer.py) and sends everything already due in one batch when it fires; without timerfd it sleeps to
~1 ms before and then yields in a tight loop. Its own lag (actual send - t_i) is measured and reported
so a run whose generator (or its vCPU) stalled can be recognised. The HTTP side is a callback-only
keep-alive pool (_http.py, driven by _run.py): no task, timer or future per request, so one core
drives thousands of req/s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import uvloop

from loadtests._http import build_request
from loadtests._run import OpenLoopRun
from loadtests._timer import timerfd_available
from loadtests._util import (
    default_generator_core,
    ensure_loopback,
    latency_summary,
    new_histogram,
    pin_to_core,
)

__all__ = [
    "LoadConfig",
    "RequestSpec",
    "Scenario",
    "default_generator_core",
    "ensure_loopback",
    "latency_summary",
    "new_histogram",
    "pin_to_core",
    "run_load",
    "run_load_sync",
]

RequestSpec = tuple[str, str, Mapping[str, str], bytes]  # method, path, headers, body
Scenario = Callable[[int], RequestSpec]  # request index -> request; called before the run, never on it

_MAX_UNIQUE = 100_000  # pre-built payloads kept in memory; longer runs cycle through them


@dataclass(frozen=True, slots=True)
class LoadConfig:
    host: str
    port: int
    rate: float  # target requests per second
    duration: float | None = 10.0  # seconds of measured schedule; None = max_requests only
    max_requests: int | None = None
    connections: int = 32
    timeout: float = 5.0  # hard limit per request, counted from its intended send time
    warmup: float = 0.0  # seconds sent at the same rate before measuring; not recorded
    scheduler: str = "auto"  # "auto" (timerfd on Linux, else spin) or "spin"

    def counts(self) -> tuple[int, int]:
        """(warmup requests, measured requests)."""
        if self.rate <= 0:
            raise ValueError("rate must be > 0")
        caps = [n for n in (self.max_requests,) if n is not None]
        if self.duration is not None:
            caps.append(math.ceil(self.rate * self.duration))
        if not caps:
            raise ValueError("need a duration and/or max_requests so the run is bounded")
        return math.ceil(self.rate * self.warmup), min(caps)


async def run_load(cfg: LoadConfig, scenario: Scenario) -> dict[str, Any]:
    """Run one bounded open-loop test and return a JSON-ready result (histogram included, base64)."""
    ensure_loopback(cfg.host)  # refuse before doing anything else
    n_warm, n_meas = cfg.counts()
    payloads = [
        build_request(m, p, f"{cfg.host}:{cfg.port}", h, b)
        for m, p, h, b in (scenario(i) for i in range(min(n_warm + n_meas, _MAX_UNIQUE)))
    ]
    run = OpenLoopRun(cfg, payloads, n_warm, n_warm + n_meas)
    await asyncio.gather(*(run.connect(retry=False) for _ in range(cfg.connections)))
    if not run.idle:
        raise ConnectionError(f"could not connect to {run.host}:{cfg.port}")
    n_open = len(run.idle)
    run.errors.clear()  # failed initial connects shrink the pool (reported) but are not request errors
    sweeper = asyncio.get_running_loop().create_task(run.sweep_timeouts())
    wall0, cpu0 = time.time(), time.process_time()
    await run.schedule()
    deadline = time.perf_counter() + cfg.timeout + 0.1
    with contextlib.suppress(TimeoutError):  # the sweeper counts stragglers as timeouts meanwhile
        await asyncio.wait_for(run.all_done.wait(), deadline - time.perf_counter())
    run.stopping = True
    gen_cpu = time.process_time() - cpu0
    sweeper.cancel()
    for conn in list(run.idle) + list(run.busy):
        conn.abort()
    n_missing = run.n_total - run.done  # only if the sweeper had no chance to count them
    completed = sum(run.statuses.values())
    span = max(run.last_completion - run.first_measured, 1e-9)
    sent_span = max(run.last_send - run.first_measured, 1e-9)
    ok = sum(v for k, v in run.statuses.items() if 200 <= k < 300)
    errors = {f"status_{k}": v for k, v in sorted(run.statuses.items()) if not 200 <= k < 300}
    errors |= dict(run.errors) | ({"unfinished": n_missing} if n_missing else {})
    return {
        "target": f"http://{cfg.host}:{cfg.port}",
        "started_at": wall0,
        "target_rate": cfg.rate,
        "duration_s": cfg.duration,
        "warmup_s": cfg.warmup,
        "connections": cfg.connections,
        "connections_open": n_open,
        "timeout_s": cfg.timeout,
        "scheduler": "spin" if cfg.scheduler == "spin" or not timerfd_available() else "timerfd",
        "requests": n_meas,
        "completed": completed,
        "ok": ok,
        "send_rate": round(n_meas / sent_span if n_meas > 1 else 0.0, 1),
        "achieved_rate": round(completed / span if completed > 1 else 0.0, 1),
        "rate_ratio": round((completed / span) / cfg.rate if completed > 1 else 0.0, 4),
        "queued_for_connection": run.queued_total,
        # The generator's own CPU per request: shows how far this rate is from its single-core ceiling.
        "generator_cpu_us_per_req": round(gen_cpu / max(run.n_total, 1) * 1e6, 1),
        "status_counts": {str(k): v for k, v in sorted(run.statuses.items())},
        "errors": errors,
        "error_count": sum(errors.values()),
        "latency_us": latency_summary(run.latency),
        "latency_us_by_status": {str(k): latency_summary(h) for k, h in sorted(run.by_status.items())},
        "scheduler_lag_us": latency_summary(run.lag),
        "histogram_b64": run.latency.encode().decode("ascii"),
    }


def run_load_sync(cfg: LoadConfig, scenario: Scenario) -> dict[str, Any]:
    """Run on a fresh uvloop loop (from sync code: a CLI or a plain pytest test)."""
    return uvloop.run(run_load(cfg, scenario))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Open-loop constant-rate load against one loopback URL.")
    ap.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8000/noop")
    ap.add_argument("--method", default="POST")
    ap.add_argument("--body", default="{}", help="request body (sent as JSON)")
    ap.add_argument("--rate", type=float, default=1000)
    ap.add_argument("--duration", type=float, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--warmup", type=float, default=2)
    args = ap.parse_args(argv)
    url = urlsplit(args.url)
    ensure_loopback(url.hostname or "")
    pin_to_core(default_generator_core())
    body = args.body.encode()
    headers = {"Content-Type": "application/json"}
    host, port = url.hostname or "", url.port or 80
    cfg = LoadConfig(host, port, args.rate, args.duration, connections=args.connections, warmup=args.warmup)
    result = run_load_sync(cfg, lambda _i: (args.method, url.path or "/", headers, body))
    result.pop("histogram_b64")
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
