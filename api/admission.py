"""Admission control: a bounded number of calls in flight, a fair share per jurisdiction, and a
deadline after which a call that could not start is answered 503 at once.

Why in the process: past its capacity, a worker that takes every call makes every answer late
(issue 19 measured p50 2.1 s at 2.5x capacity) and lets one flooding key slow every other
jurisdiction. Here a call holds a slot from admission to its answer. When all slots are taken, a
call waits for one, in its jurisdiction's queue, for at most `wait_s` (derived from the latency
objective); if none frees in time it gets 503 with Retry-After. Admission is decided from the
headers (the key's jurisdiction), before the body is read, so a shed call costs almost nothing;
while the queue of a jurisdiction is full, its next calls are refused even earlier, by the HTTP
protocol itself (api/protocol.py asks `admit_early`), before any ASGI task exists.

Fairness: a jurisdiction alone may use every slot but `reserve`, so that another jurisdiction's
call arriving in a flood finds a free slot at once; and a freed slot goes to the waiting
jurisdiction with the fewest calls in flight, so each jurisdiction's share is kept however hard
one key pushes.

One event loop, no locks: every method runs on the loop thread.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, deque
from collections.abc import Callable
from typing import ClassVar

from api.loopclock import ThreadClock
from api.shedlog import ShedLog
from service.state.apikeys import Principal

__all__ = ["ADMITTED", "PASS", "SHED", "Admission", "Overloaded"]

_KEYS_CACHED = 1024  # Authorization headers remembered for the early decision; cleared when full
PASS, ADMITTED, SHED = 0, 1, 2  # admit_early's decisions
# Late and busy loop turns in a row that mean saturation. Measured (docs/performance.md, round 3):
# with 1, a Redis failover's burst of work (reconnects, the calls that waited answered at once)
# refused a few calls that would have been answered (tests/e2e/test_failover.py failed 2 runs of
# 4); with 3 it passed every run, at the price of shedding a flood a few turns later. It still
# failed 2 runs of 7 on main later (round 4: the loop late and busy three turns with only 4 calls
# in flight, from the failover's own work), so a late turn also has to be crowded: at least
# `turn_budget` requests arrived in it. A flood brings that many into every late turn (4,000
# calls/s is 12 in 3 ms); a failover at 200 calls/s brings 8 only into a turn of 40 ms.
_SATURATED = 3
_BUSY = 0.75  # share of the time it could run that the loop thread spent on the CPU, for a late turn to count


class Overloaded(Exception):
    """No slot freed before the call's deadline (or its queue was full)."""


class Admission:
    # The process's controller once the app has started (`install`): the HTTP protocol
    # (api/protocol.py) runs below the ASGI app and finds it here. None: nothing is decided early.
    active: ClassVar[Admission | None] = None

    def __init__(
        self,
        limit: int,
        wait_s: float,
        reserve: int | None = None,
        max_waiting: int = 256,
        log_every_s: float = 10.0,
        late_s: float | None = None,
        queue_per_jurisdiction: int | None = None,
        lag_limit_s: float | None = None,
    ) -> None:
        self.limit = max(limit, 1)
        self.wait_s = max(wait_s, 0.0)
        # A call that waited this long in the server's queue before reaching the gate is shed (see
        # enter): by the time it is answered it will be past the objective anyway.
        self.late_s = 2 * self.wait_s if late_s is None else late_s
        self.reserve = min(max(self.limit // 8, 1) if reserve is None else reserve, self.limit - 1)
        self.max_waiting = max_waiting
        # A jurisdiction's own queue is short: past a few waiters, a call would only wait to be shed
        # (and cost a task and a timer to find out), so it is refused at once instead.
        self.queue_cap = max(self.limit // 4, 1) if queue_per_jurisdiction is None else queue_per_jurisdiction
        self._authenticate: Callable[[str], Principal | None] = lambda _key: None
        self._keys: dict[bytes, Principal] = {}
        # The event loop's lag (see _tick): past this, the CPU is saturated and requests queue in the
        # kernel and the loop before any code sees them; calls of the jurisdictions with the most in
        # flight are then refused early until it falls. A fifth of the objective by default (the
        # objective is 2 x wait_s): an answer takes a few loop turns.
        self.lag_limit_s = 0.4 * self.wait_s if lag_limit_s is None else lag_limit_s
        self.lag_cap = max(self.limit // 8, 1)
        # New calls of a busy jurisdiction admitted per loop turn: at ~0.5 ms of CPU each, a turn
        # stays within a few ms, and a 1 ms timer lets through up to 8,000 calls/s when on time.
        self.turn_budget = 2 * self.lag_cap
        self.loop_lag = 0.0
        self._tick_due = 0.0
        self._ticking = False
        self._last_call = 0.0
        self._started_this_turn = 0  # calls admitted early since the timer last ran (one loop turn)
        self._arrived_this_turn = 0  # calls whose headers were parsed in that turn, admitted or not
        # Loop turns in a row that came round late while the loop was busy (see _tick): saturation
        # is lag that lasts. One late turn (a collection, a failover's burst of work) refuses
        # nothing, nor does lag while the loop waits on Redis.
        self.late_turns = 0
        # When the timer last ran, and the loop thread's CPU time and wait for a CPU then.
        self._turn_at = self._turn_cpu = self._turn_waited = 0.0
        self._clock: ThreadClock | None = None  # opened by the loop thread while the timer runs
        self.in_flight = 0
        self.by_jurisdiction: Counter[str] = Counter()
        self._queues: dict[str, deque[asyncio.Future[None]]] = {}
        self.waiting = 0
        # Shed calls: counted, and logged as one line per interval, never one line each.
        self.shed_log = ShedLog(log_every_s, self.wait_s)
        self.shed = self.shed_log.counts  # per jurisdiction since the last line

    @property
    def shed_total(self) -> int:
        return self.shed_log.total

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

    def install(self, authenticate: Callable[[str], Principal | None]) -> None:
        """Make this the process's controller for the early shed; `authenticate(key)` is the live
        keyring's lookup of an API key (None for an unknown one, which the gate then answers 401)."""
        self._authenticate = authenticate
        self._keys.clear()
        Admission.active = self

    def uninstall(self) -> None:
        if Admission.active is self:
            Admission.active = None
        self._stop_clock()

    def _stop_clock(self) -> None:
        if self._clock is not None:
            self._clock.close()
            self._clock = None

    def admit_early(self, authorization: bytes) -> tuple[int, str, Principal | None]:
        """Decide a call from its Authorization header alone, as its headers are parsed (the HTTP
        protocol calls this for every POST /v1/calls): (ADMITTED, jurisdiction, caller) with its
        slot taken here, (SHED, jurisdiction, caller) to refuse it now, or (PASS, "", caller) to
        leave it to the gate (an unknown key, or a slot may free within the deadline). `caller` is
        the key's principal, or None for a header that names no known key: the protocol hands it to
        the gate (api/gate.py), so a key is hashed at most once per request, never for a cached
        one. Taking the slot here, not in the gate a loop turn later, keeps `in_flight` true while a
        burst of requests is parsed.

        Refused: a call whose jurisdiction has no slot and a full queue; and, while the loop has
        come round late several turns in a row (the CPU is saturated), a call of a jurisdiction with
        `lag_cap` calls or more in flight if it holds at least its share of them or is past the
        `turn_budget` admitted since the loop last turned (each admitted call costs a few hundred µs
        of CPU in the next turn, and every request waits for that turn). A quiet jurisdiction is
        served in every case. The key's
        jurisdiction is cached by header: a key revoked since is at worst refused 503 here rather
        than 401; admitted, it is authenticated by the gate as always."""
        self._last_call = now = time.perf_counter()
        self._arrived_this_turn += 1
        if not self._ticking:
            self._start_ticking(now)
        caller = self._keys.get(authorization)
        if caller is None:
            scheme, _, key = authorization.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer" or not (caller := self._authenticate(key.strip())):
                return PASS, "", None
            if len(self._keys) >= _KEYS_CACHED:
                self._keys.clear()
            self._keys[authorization] = caller
        jurisdiction = caller.jurisdiction
        mine = self.by_jurisdiction.get(jurisdiction, 0)
        if (
            mine >= self.lag_cap
            and self.late_turns >= _SATURATED
            # at most turn_budget new calls of a busy jurisdiction per loop turn (its work stays
            # short), none for the one(s) holding at least their share
            and (
                self._started_this_turn >= self.turn_budget
                or mine * len(self.by_jurisdiction) >= self.in_flight
            )
        ):
            self.shed_log.count(jurisdiction, saturated=True)
            return SHED, jurisdiction, caller
        if self.try_enter(jurisdiction):
            self._started_this_turn += 1
            return ADMITTED, jurisdiction, caller
        if len(self._queues.get(jurisdiction, ())) < self.queue_cap:
            return PASS, "", caller
        self.shed_log.count(jurisdiction)
        return SHED, jurisdiction, caller

    _TICK_S = 0.001

    def _start_ticking(self, now: float) -> None:
        self._ticking = True
        self.loop_lag = 0.0
        self._clock = self._clock or ThreadClock()
        self._turn_at = now
        self._turn_cpu, self._turn_waited = self._clock.read()
        self._tick_due = now + self._TICK_S
        asyncio.get_running_loop().call_later(self._TICK_S, self._tick)

    def _tick(self) -> None:
        """Every millisecond while calls come: how late this timer ran is how long the loop took to
        come round (its queue of ready work). Stops after 0.1 s without a call: no wake-ups idle."""
        now = time.perf_counter()
        cpu, waited = self._clock.read() if self._clock else (time.thread_time(), 0.0)
        self.loop_lag = now - self._tick_due
        # Late *and* busy: of the time it could run, the loop thread spent most on the CPU. Late but
        # idle is calls waiting on Redis (a failover's reconnects), and refusing calls would not
        # help; measured: counting lag alone, a Redis failover on a busy machine shed calls that
        # would have been answered (degraded). The wait for a CPU is left out because on a shared
        # machine a saturated loop gets only part of a core (api/loopclock.py).
        busy = ThreadClock.busy(cpu - self._turn_cpu, waited - self._turn_waited, now - self._turn_at, _BUSY)
        crowded = self._arrived_this_turn >= self.turn_budget
        self.late_turns = self.late_turns + 1 if self.loop_lag > self.lag_limit_s and busy and crowded else 0
        self._turn_at, self._turn_cpu, self._turn_waited = now, cpu, waited
        self._started_this_turn = self._arrived_this_turn = 0
        if now - self._last_call > 0.1 and not self.in_flight:
            self._ticking = False
            self.loop_lag = 0.0
            self.late_turns = 0
            self._stop_clock()
            return
        self._tick_due = now + self._TICK_S
        asyncio.get_running_loop().call_later(self._TICK_S, self._tick)

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
            self.shed_log.count(jurisdiction)
            raise Overloaded
        if self.try_enter(jurisdiction):
            return
        queue = self._queues.get(jurisdiction)
        if (
            self.wait_s <= 0
            or self.waiting >= self.max_waiting
            or (queue is not None and len(queue) >= self.queue_cap)
        ):
            self.shed_log.count(jurisdiction)
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
            self.shed_log.count(jurisdiction)
            raise Overloaded from None
        except asyncio.CancelledError:
            # The call's task was cancelled (shutdown, a cancelled test client) after the slot was
            # handed to it: nobody will leave it, so it is handed on here.
            if waiter.done() and not waiter.cancelled():
                self.leave(jurisdiction)
            raise
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

    def forget_keys(self) -> None:
        """The keyring changed: a revoked key must not keep taking slots from the early cache."""
        self._keys.clear()
