"""Availability simulation: discrete events (heapq) over the calls in time order.

Each call keeps the plan the classification pass gave it (candidates from call type, screening
and hours). Unit types the roster names have that many units on their shifts; the others (police,
EMS ...) are unlimited. At each call the decision core's own `decide` is asked, with the free
on-shift units as availability, which candidate to send: the first one with a unit, else a
fallback (service/replay/simdecide.py, memoised). The chosen units are then busy for a
service time drawn from the crisis-team log (common random numbers: call k draws the same time in
every scenario, so scenarios differ by the roster, not by luck).

Holding: when `decide` says to queue for the preferred team (the policy's `hold` for that response
covers the call's CAD priority), or the scenario gives hold_minutes and the preferred response is a
civilian team the policy sets no hold for, the call waits for that team, first come first served;
a unit that frees up or comes on shift takes the longest-waiting call; at the deadline the call
falls back through `decide` (asked without the priority, so it does not say "queue" again).
"""

from __future__ import annotations

import heapq
import time
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from service.replay.calls import CallTable
from service.replay.classify import Classification
from service.replay.roster import Group, Scenario, compile_groups
from service.replay.servicetime import ServiceModel
from service.replay.simdecide import Decider, unit_need

__all__ = ["SimResult", "simulate"]

_RELEASE, _SHIFT, _DEADLINE = 0, 1, 2


@dataclass
class SimResult:
    name: str
    chosen: npt.NDArray[np.int32]  # per call: index into names of the response sent
    none: npt.NDArray[np.bool_]  # no candidate had a unit: queued for the last one
    held: npt.NDArray[np.bool_]  # waited for the preferred team
    wait_s: npt.NDArray[np.float64]  # seconds waited (nan if not held)
    busy: npt.NDArray[np.float64]  # rows: start, end, unit type index
    unit_types: list[str]
    groups: dict[str, list[Group]]
    hold: dict[str, Any]
    seconds: float
    simulated_calls: int


class _Sim:
    def __init__(
        self,
        table: CallTable,
        result: Classification,
        scenario: Scenario,
        *,
        base: dict[str, Any],
        models: dict[str, ServiceModel],
        seed: int,
        default_hold: float | None,
    ) -> None:
        self.table, self.result = table, result
        self.names = result.names
        self.groups = compile_groups(scenario.roster(base))
        self.types = list(self.groups)
        self.hold_minutes = scenario.hold_minutes if scenario.hold_minutes is not None else default_hold
        n = len(table)
        self.chosen = result.preferred.copy()
        self.none = np.zeros(n, dtype=bool)
        self.held = np.zeros(n, dtype=bool)
        self.wait = np.full(n, np.nan)
        self.busy: list[tuple[float, float, int]] = []
        self.heap: list[tuple[float, int, int, Any]] = []
        self.seq = 0
        self.queues: dict[int, deque[tuple[int, int]]] = {}
        self.waiting: set[int] = set()
        self.on = {t: [g.on.tolist() for g in gs] for t, gs in self.groups.items()}
        self.decider = Decider(result, self.groups, self.free, self.hold_minutes)
        self.decide, self.hold_for = self.decider.decide, self.decider.hold_for
        simulated = np.array([t is not None for t in self.decider.plan_types], dtype=bool)
        self.sim_idx = np.flatnonzero(simulated[result.plan_of]) if n else np.zeros(0, dtype=np.intp)
        self.samples = {
            t: models[t].sample(np.random.default_rng([seed, zlib.crc32(t.encode())]), n)
            for t in self.types
            if t in models
        }

    # -- units -------------------------------------------------------------------------------
    def free(self, unit_type: str, mow: int) -> int:
        groups = self.groups.get(unit_type)
        if groups is None:
            return 1 << 30
        return sum(g.free for g, on in zip(groups, self.on[unit_type], strict=True) if on[mow])

    def mow_at(self, ts: float) -> int:
        local = datetime.fromtimestamp(ts, self.table.tz)
        return local.weekday() * 1440 + local.hour * 60 + local.minute

    def push(self, at: float, kind: int, payload: Any) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (at, self.seq, kind, payload))

    def send(self, i: int, k: int, r: int, at: float, mow: int) -> None:
        self.chosen[i] = r
        response = self.result.policy.responses[self.names[r]]
        duration = None
        for unit_type in response.unit_types:
            groups = self.groups.get(unit_type)
            if groups is None:
                continue
            if duration is None:
                duration = float(self.samples[unit_type][k])
            for g, on in zip(groups, self.on[unit_type], strict=True):
                if g.free > 0 and on[mow]:
                    g.free -= 1
                    end = at + duration
                    self.push(end, _RELEASE, g)
                    self.busy.append((at, end, self.types.index(unit_type)))
                    break

    # -- events ------------------------------------------------------------------------------
    def serve_waiting(self, at: float, unit_type: str) -> None:
        mow = -1
        for r, queue in self.queues.items():
            response = self.result.policy.responses[self.names[r]]
            if unit_type not in response.unit_types:
                continue
            need = unit_need((response,), reserve=False)  # a waiting call takes the unit that frees
            while queue:
                i, k = queue[0]
                if i not in self.waiting:
                    queue.popleft()
                    continue
                if mow < 0:
                    mow = self.mow_at(at)
                if any(self.free(t, mow) < c for t, c in need.items()):
                    break
                queue.popleft()
                self.waiting.discard(i)
                self.wait[i] = at - float(self.table.ts[i])
                self.send(i, k, r, at, mow)

    def event(self, at: float, kind: int, payload: Any) -> None:
        if kind == _RELEASE:
            payload.free += 1
            if self.waiting:
                self.serve_waiting(at, payload.unit_type)
        elif kind == _SHIFT:
            if self.waiting:
                self.serve_waiting(at, payload.unit_type)
        elif payload[0] in self.waiting:
            i, k = payload
            self.waiting.discard(i)
            self.wait[i] = at - float(self.table.ts[i])
            mow = self.mow_at(at)
            r, none, _ = self.decide(int(self.result.plan_of[i]), mow, may_hold=False)
            self.none[i] = none
            self.send(i, k, r, at, mow)

    def shift_starts(self, until: float) -> None:
        """Shift-start events, so a waiting call is taken by a unit coming on duty."""
        if not len(self.table):
            return
        tz = self.table.tz
        first = datetime.fromtimestamp(float(self.table.ts.min()), tz).date()
        monday = datetime.combine(first - timedelta(days=first.weekday()), datetime.min.time())
        for groups in self.groups.values():
            for g in groups:
                starts = np.flatnonzero(g.on & ~np.roll(g.on, 1)).tolist()
                week = 0
                while True:
                    base = monday + timedelta(days=7 * week)
                    if base.replace(tzinfo=tz).timestamp() > until:
                        break
                    for m in starts:
                        self.push((base + timedelta(minutes=m)).replace(tzinfo=tz).timestamp(), _SHIFT, g)
                    week += 1

    def run(self, progress: Callable[[int], None] | None) -> None:
        table, result = self.table, self.result
        ts, mows = table.ts.tolist(), table.mow.tolist()
        plan_of = result.plan_of.tolist()
        first_idx = result.first.tolist()
        heap = self.heap
        holds = self.hold_minutes or any(getattr(r, "hold", None) for r in result.policy.responses.values())
        if holds and len(self.sim_idx):
            self.shift_starts(float(table.ts.max()) + 4 * 3600)
        done = 0
        for k, i in enumerate(self.sim_idx.tolist()):
            if progress is not None and k % 8192 == 8191:
                progress(i - done)  # in calls of the whole stream, which the bar counts
                done = i
            at = ts[i]
            while heap and heap[0][0] <= at:
                ev = heapq.heappop(heap)
                self.event(ev[0], ev[2], ev[3])
            pid = plan_of[i]
            mow = mows[i]
            r, none, policy_wait = self.decide(pid, mow)
            first = first_idx[pid]
            if holds and (policy_wait or r != first):
                wait = self.hold_for(pid, first, policy_wait)
                if wait > 0:
                    self.held[i] = True
                    self.waiting.add(i)
                    self.queues.setdefault(first, deque()).append((i, k))
                    self.push(at + wait, _DEADLINE, (i, k))
                    continue
                if policy_wait:  # the scenario turned the policy's hold off
                    r, none, _ = self.decide(pid, mow, may_hold=False)
            self.none[i] = none
            self.send(i, k, r, at, mow)
        while heap and self.waiting:
            ev = heapq.heappop(heap)
            self.event(ev[0], ev[2], ev[3])


def simulate(
    table: CallTable,
    result: Classification,
    scenario: Scenario,
    *,
    base: dict[str, Any],
    models: dict[str, ServiceModel],
    seed: int = 2023,
    default_hold: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> SimResult:
    """Run one scenario over the calls (sorted by time) with their classification."""
    started = time.perf_counter()
    sim = _Sim(table, result, scenario, base=base, models=models, seed=seed, default_hold=default_hold)
    sim.run(progress)
    busy = np.array(sim.busy, dtype=np.float64).reshape(-1, 3)
    hold = {
        "minutes": sim.hold_minutes,
        "policy": {
            name: {"max_wait_s": spec.max_wait_s, "priorities": list(spec.priorities)}
            for name, r in result.policy.responses.items()
            if (spec := getattr(r, "hold", None)) is not None
        },
    }
    return SimResult(
        scenario.name,
        sim.chosen,
        sim.none,
        sim.held,
        sim.wait,
        busy,
        sim.types,
        sim.groups,
        hold,
        time.perf_counter() - started,
        len(sim.sim_idx),
    )
