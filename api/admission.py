"""Admission control: a bounded number of calls in flight, a fair share per jurisdiction, and a
deadline after which a call that could not start is answered 503 at once.

Why in the process: past its capacity, a worker that takes every call makes every answer late
(issue 19 measured p50 2.1 s at 2.5x capacity) and lets one flooding key slow every other
jurisdiction. Here a call holds a slot from admission to its answer. When all slots are taken, a
call waits for one, in its jurisdiction's queue, for at most `wait_s` (derived from the latency
objective); if none frees in time it gets 503 with Retry-After. Admission is decided from the
headers (the key's jurisdiction), before the body is read, so a shed call costs almost nothing.

Fairness: a jurisdiction alone may use every slot but `reserve`, so that another jurisdiction's
call arriving in a flood finds a free slot at once; and a freed slot goes to the waiting
jurisdiction with the fewest calls in flight, so each jurisdiction's share is kept however hard
one key pushes.

One event loop, no locks: every method runs on the loop thread.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter, deque

__all__ = ["Admission", "Overloaded"]

log = logging.getLogger("dispatch.admission")


class Overloaded(Exception):
    """No slot freed before the call's deadline (or its queue was full)."""


class Admission:
    def __init__(
        self,
        limit: int,
        wait_s: float,
        reserve: int | None = None,
        max_waiting: int = 256,
        log_every_s: float = 10.0,
        late_s: float | None = None,
    ) -> None:
        self.limit = max(limit, 1)
        self.wait_s = max(wait_s, 0.0)
        # A call that waited this long in the server's queue before reaching the gate is shed (see
        # enter): by the time it is answered it will be past the objective anyway.
        self.late_s = 2 * self.wait_s if late_s is None else late_s
        self.reserve = min(max(self.limit // 8, 1) if reserve is None else reserve, self.limit - 1)
        self.max_waiting = max_waiting
        self.in_flight = 0
        self.by_jurisdiction: Counter[str] = Counter()
        self._queues: dict[str, deque[asyncio.Future[None]]] = {}
        self.waiting = 0
        # Shed calls are counted here and logged as one line per interval, never one line each.
        self.shed: Counter[str] = Counter()
        self.shed_total = 0
        self._logged_at = time.monotonic()
        self._log_every = log_every_s

    @property
    def enabled(self) -> bool:
        return self.limit > 0

    def _may_start(self, jurisdiction: str) -> bool:
        if self.in_flight >= self.limit:
            return False
        mine = self.by_jurisdiction[jurisdiction]
        # Alone, a jurisdiction keeps `reserve` slots free for the others.
        return mine < self.limit - self.reserve or (len(self.by_jurisdiction) > 1 and mine < self._share())

    def _share(self) -> int:
        return max(self.limit // max(len(self.by_jurisdiction), 1), 1)

    def _take(self, jurisdiction: str) -> None:
        self.in_flight += 1
        self.by_jurisdiction[jurisdiction] += 1

    def try_enter(self, jurisdiction: str) -> bool:
        """Take a slot now if there is one (the common case: no await, no allocation)."""
        if self._may_start(jurisdiction) and not self._queues.get(jurisdiction):
            self._take(jurisdiction)
            return True
        return False

    async def enter(self, jurisdiction: str, late: bool = False) -> None:
        """Take a slot, waiting at most `wait_s` for one; Overloaded if none frees in time.

        `late`: the call already waited its deadline in the server's queue before reaching here
        (api/serve.py stamps arrivals). While the process is overloaded (half its slots or more
        taken) it is shed at once, unless its jurisdiction has no call in flight: a quiet
        jurisdiction caught behind another's flood is still served. Below that, lateness is a
        pause of the machine, not overload, and the call is answered."""
        if late and self.by_jurisdiction[jurisdiction] > 0 and self.in_flight >= self.limit // 2:
            self._count_shed(jurisdiction)
            raise Overloaded
        if self.try_enter(jurisdiction):
            return
        if self.wait_s <= 0 or self.waiting >= self.max_waiting:
            self._count_shed(jurisdiction)
            raise Overloaded
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue = self._queues.setdefault(jurisdiction, deque())
        queue.append(waiter)
        self.waiting += 1
        try:
            await asyncio.wait_for(asyncio.shield(waiter), self.wait_s)
        except TimeoutError:
            if waiter.done() and not waiter.cancelled():  # granted just as the deadline passed
                return
            waiter.cancel()
            self._count_shed(jurisdiction)
            raise Overloaded from None
        finally:
            self.waiting -= 1
            if waiter in queue:
                queue.remove(waiter)
            if not queue:
                self._queues.pop(jurisdiction, None)

    def leave(self, jurisdiction: str) -> None:
        self.in_flight -= 1
        left = self.by_jurisdiction[jurisdiction] - 1
        if left:
            self.by_jurisdiction[jurisdiction] = left
        else:
            del self.by_jurisdiction[jurisdiction]
        self._grant()

    def _grant(self) -> None:
        """Hand free slots to waiters: the jurisdiction with the fewest calls in flight first."""
        while self._queues and self.in_flight < self.limit:
            pick = min(self._queues, key=lambda j: self.by_jurisdiction[j])
            queue = self._queues[pick]
            while queue and queue[0].done():  # timed out or cancelled
                queue.popleft()
            if not queue:
                del self._queues[pick]
                continue
            queue.popleft().set_result(None)
            self._take(pick)

    def _count_shed(self, jurisdiction: str) -> None:
        self.shed[jurisdiction] += 1
        self.shed_total += 1
        now = time.monotonic()
        if now - self._logged_at >= self._log_every:
            self.flush_log(now)

    def flush_log(self, now: float | None = None) -> None:
        """One line for every call shed since the last one (the metric has the live count)."""
        now = time.monotonic() if now is None else now
        if self.shed:
            detail = ", ".join(f"{j}: {n}" for j, n in self.shed.most_common(5))
            log.warning(
                "shed %d call(s) over %.0f s: no slot within %.0f ms (%s)",
                sum(self.shed.values()),
                now - self._logged_at,
                self.wait_s * 1000,
                detail,
            )
            self.shed.clear()
        self._logged_at = now
