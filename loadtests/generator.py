"""Open-loop, constant-arrival-rate HTTP load generator (wrk2-style) on uvloop.

Request i is *due* at t_i = t0 + i/rate whatever happened to earlier requests, and its latency is
recorded as completion - t_i (not completion - actual send), so a stalled server or a full connection
pool shows up in the tail instead of silently slowing the generator (coordinated omission, tech.md §5).
The scheduler arms a timerfd for the next due time (libuv timers only have 1 ms resolution, see
_timer.py) and sends everything already due in one batch when it fires; without timerfd it sleeps to
~1 ms before and then yields in a tight loop. Its own lag (actual send - t_i) is measured and reported
so a run whose generator (or its vCPU) stalled can be recognised. The HTTP side is a callback-only
keep-alive pool (_http.py): no task, timer or future per request, so one core drives thousands of req/s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import uvloop

from loadtests._http import HttpConnection, build_request
from loadtests._timer import TimerFd, timerfd_available
from loadtests._util import (
    HIST_MAX_US,
    HIST_MIN_US,
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

_SPIN_WINDOW = 0.0015  # below this gap, yield instead of sleeping: uvloop timers round to 1 ms
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


class _Run:
    """State shared by the scheduler and the connection callbacks (all on one event loop)."""

    def __init__(self, cfg: LoadConfig, payloads: list[bytes], n_warm: int, n_total: int) -> None:
        self.cfg, self.payloads, self.n_warm, self.n_total = cfg, payloads, n_warm, n_total
        self.host = ensure_loopback(cfg.host)
        self.interval = 1.0 / cfg.rate
        self.t0 = 0.0
        self.idle: deque[HttpConnection] = deque()
        self.busy: set[HttpConnection] = set()
        self.queue: deque[int] = deque()  # due requests waiting for a free connection
        self.latency = new_histogram()
        self.lag = new_histogram()
        self.errors: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self.by_status: dict[int, Any] = {}  # status -> its own latency histogram (shed vs answered)
        self.done = 0
        self.queued_total = 0
        self.first_measured = 0.0
        self.last_completion = 0.0
        self.last_send = 0.0
        self.stopping = False
        self.all_done = asyncio.Event()
        self.tasks: set[asyncio.Task[None]] = set()  # strong refs: the loop only keeps weak ones

    def _factory(self) -> HttpConnection:
        return HttpConnection(self.on_response, self.on_lost)

    async def connect(self, retry: bool = True) -> None:
        loop = asyncio.get_running_loop()
        while not self.stopping:
            try:
                _, conn = await loop.create_connection(self._factory, self.host, self.cfg.port)
            except OSError:
                self.errors["connect"] += 1
                if not retry:
                    return
                await asyncio.sleep(0.05)  # back off; due requests queue and time out meanwhile
                continue
            self.release(conn)
            return

    def dispatch(self, i: int) -> None:
        if self.idle:
            conn = self.idle.popleft()
            self.busy.add(conn)
            conn.send(i, self.t0 + i * self.interval, self.payloads[i % len(self.payloads)])
        else:
            self.queue.append(i)
            self.queued_total += i >= self.n_warm

    def release(self, conn: HttpConnection) -> None:
        self.busy.discard(conn)
        if self.queue:
            i = self.queue.popleft()
            self.busy.add(conn)
            conn.send(i, self.t0 + i * self.interval, self.payloads[i % len(self.payloads)])
        else:
            self.idle.append(conn)

    def _finish(self, index: int) -> bool:
        self.done += 1
        if self.done == self.n_total:
            self.all_done.set()
        return index >= self.n_warm

    def on_response(self, conn: HttpConnection, status: int) -> None:
        now = time.perf_counter()
        if self._finish(conn.index):
            us = int((now - conn.intended) * 1e6)
            self.latency.record_value(min(max(us, HIST_MIN_US), HIST_MAX_US))
            by_status = self.by_status.get(status)
            if by_status is None:
                by_status = self.by_status[status] = new_histogram()
            by_status.record_value(min(max(us, HIST_MIN_US), HIST_MAX_US))
            self.statuses[status] += 1
            self.last_completion = now
        self.release(conn)

    def on_lost(self, conn: HttpConnection, exc: Exception | None) -> None:
        self.busy.discard(conn)
        if conn in self.idle:
            self.idle.remove(conn)
        if conn.busy:  # the server dropped a request in flight
            conn.busy = False
            if self._finish(conn.index):
                self.errors["connection"] += 1
        if not self.stopping:
            task = asyncio.get_running_loop().create_task(self.connect())
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def sweep_timeouts(self) -> None:
        # One periodic sweep instead of a timer per request: keeps the hot path free of call_later().
        limit = self.cfg.timeout
        while not self.stopping:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            for conn in [c for c in self.busy if now - c.intended > limit]:
                self.busy.discard(conn)
                if self._finish(conn.index):
                    self.errors["timeout"] += 1
                conn.abort()  # connection_lost() follows and reconnects
            while self.queue and now - (self.t0 + self.queue[0] * self.interval) > limit:
                if self._finish(self.queue.popleft()):
                    self.errors["timeout"] += 1

    def _send_due(self, i: int, now: float) -> int:
        """Send every request already due at `now` (a batch if we woke late); returns the next index."""
        perf, interval, n, t0 = time.perf_counter, self.interval, self.n_total, self.t0
        while i < n and t0 + i * interval <= now:
            self.dispatch(i)
            if i >= self.n_warm:
                lag = int((perf() - (t0 + i * interval)) * 1e6)
                self.lag.record_value(min(max(lag, 0), HIST_MAX_US))
            i += 1
        self.last_send = perf()
        return i

    async def schedule(self) -> None:
        self.t0 = time.perf_counter() + 0.01
        self.first_measured = self.t0 + self.n_warm * self.interval
        if self.cfg.scheduler == "spin" or not timerfd_available():
            await self._schedule_spin()
        else:
            await self._schedule_timerfd()

    async def _schedule_timerfd(self) -> None:
        loop, timer, finished = asyncio.get_running_loop(), TimerFd(), asyncio.Event()
        i = 0

        def tick() -> None:
            nonlocal i
            timer.clear()
            i = self._send_due(i, time.perf_counter())
            if i < self.n_total:
                timer.arm(self.t0 + i * self.interval)
            else:
                finished.set()

        loop.add_reader(timer.fileno(), tick)
        try:
            timer.arm(self.t0)
            await finished.wait()
        finally:
            loop.remove_reader(timer.fileno())
            timer.close()

    async def _schedule_spin(self) -> None:
        # Fallback without timerfd: sleep to ~1 ms before the due time, then yield in a tight loop.
        perf, i = time.perf_counter, 0
        while i < self.n_total:
            gap = self.t0 + i * self.interval - perf()
            if gap > 0:
                await asyncio.sleep(gap - 0.001 if gap > _SPIN_WINDOW else 0)
                continue
            i = self._send_due(i, perf())


async def run_load(cfg: LoadConfig, scenario: Scenario) -> dict[str, Any]:
    """Run one bounded open-loop test and return a JSON-ready result (histogram included, base64)."""
    ensure_loopback(cfg.host)  # refuse before doing anything else
    n_warm, n_meas = cfg.counts()
    payloads = [
        build_request(m, p, f"{cfg.host}:{cfg.port}", h, b)
        for m, p, h, b in (scenario(i) for i in range(min(n_warm + n_meas, _MAX_UNIQUE)))
    ]
    run = _Run(cfg, payloads, n_warm, n_warm + n_meas)
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
