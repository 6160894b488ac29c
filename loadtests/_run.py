"""One open-loop run's state: the schedule of due requests, the keep-alive connection pool and the
histograms, driven by callbacks on one event loop (the design: loadtests/generator.py's docstring).
Kept apart from the generator's configuration, result and command line."""

from __future__ import annotations

import asyncio
import time
from collections import Counter, deque
from typing import TYPE_CHECKING, Any

from loadtests._http import HttpConnection
from loadtests._timer import TimerFd, timerfd_available
from loadtests._util import HIST_MAX_US, HIST_MIN_US, ensure_loopback, new_histogram

if TYPE_CHECKING:
    from loadtests.generator import LoadConfig

__all__ = ["OpenLoopRun"]

_SPIN_WINDOW = 0.0015  # below this gap, yield instead of sleeping: uvloop timers round to 1 ms


class OpenLoopRun:
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
            self._send(self.idle.popleft(), i)
        else:
            self.queue.append(i)
            self.queued_total += i >= self.n_warm

    def release(self, conn: HttpConnection) -> None:
        self.busy.discard(conn)
        if self.queue:
            self._send(conn, self.queue.popleft())
        else:
            self.idle.append(conn)

    def _send(self, conn: HttpConnection, i: int) -> None:
        """Request i on conn, stamped with when the open-loop schedule wanted it sent."""
        self.busy.add(conn)
        conn.send(i, self.t0 + i * self.interval, self.payloads[i % len(self.payloads)])

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
