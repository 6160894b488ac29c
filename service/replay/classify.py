"""The classification pass: every call through the decision core's `plan`, units unlimited.

The policy's preference for a call is the first candidate of `plan(call, policy, now)`: what it
would send if every team had a unit free. Calling `plan` for each of a million calls costs
~15 µs each, so calls are grouped by everything `plan` reads and `plan` runs once per group:

- the call type (upper case, as `plan` looks it up) and the CAD priority;
- the zone, when the policy has zone overrides for it, and which of the policy's areas hold the
  call's point, when the policy has areas and the calls have coordinates;
- the local minute of the week, bucketed between the minutes where any response's weekly hours
  open or close (inside a bucket every `Schedule.is_open` answer is the same);
- for responses with start or end dates, whether the local date is inside them.

Calls with a narrative are screened, so they each go through `plan` on their own. The grouping
is exact, not an approximation: tests/unit/replay/test_replay.py checks it against `plan` for every call of
a real extract.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from service.domain.decision import Plan, plan
from service.domain.model import Answer, CallEvent, Location
from service.policy.compile import CompiledPolicy
from service.replay.calls import CallTable

__all__ = ["WEEK", "Classification", "area_bits", "classify", "date_states", "open_segments"]

WEEK = 7 * 24 * 60


def open_segments(policy: CompiledPolicy) -> npt.NDArray[np.int32]:
    """Minute of week -> bucket id; buckets split wherever any response's hours begin or end."""
    marks = np.zeros(WEEK, dtype=np.int32)
    marks[0] = 1
    for response in policy.responses.values():
        for begin, end in response.schedule.intervals:
            marks[begin % WEEK] = 1
            marks[end % WEEK] = 1
    return (np.cumsum(marks) - 1).astype(np.int32)


def _areas(policy: CompiledPolicy) -> list[Any]:
    """Every area `plan` may test a point against (response areas, zone areas), if the core has them."""
    found: dict[str, Any] = {}
    for response in policy.responses.values():
        area = getattr(response, "area", None)
        if area is not None:
            found[area.name] = area
    for entry in getattr(policy, "zones", {}).values():
        area = entry[0] if isinstance(entry, tuple) else None
        if area is not None:
            found[area.name] = area
    return list(found.values())


@dataclass
class Classification:
    policy: CompiledPolicy
    plans: list[Plan]
    plan_of: npt.NDArray[np.int32]  # per call: index into plans
    names: list[str]  # response names in policy order
    first: npt.NDArray[np.int32]  # per plan: index into names of the preferred response
    seconds: float
    groups: int  # distinct plan inputs (calls that went through `plan`)

    @property
    def preferred(self) -> npt.NDArray[np.int32]:
        """Per call: index into names of the policy's preferred response (units unlimited)."""
        return self.first[self.plan_of]


def _call(table: CallTable, i: int) -> CallEvent:
    lat = float(table.lat[i]) if table.lat is not None else 0.0
    lon = float(table.lon[i]) if table.lon is not None else 0.0
    zone = table.zones[int(table.zone[i])] or None
    prio = int(table.priority[i])
    return CallEvent(
        incident_id=table.ids[i],
        seq=0,
        call_type=table.codes[int(table.code[i])],
        location=Location(lat=lat, lon=lon, zone=zone),
        priority=None if prio < 0 else prio,
        narrative=table.narrative[i] if table.narrative is not None else "",
    )


def _group_key(*parts: tuple[Callable[[], npt.NDArray[np.int64]], int]) -> npt.NDArray[np.int64]:
    """One int64 per call (mixed radix) when the sizes fit, else a row per call for np.unique.
    Each part is made when it is added, so one part is in memory at a time (10M calls: 80 MB each)."""
    total = 1
    for _, size in parts:
        total *= size
    if total >= 1 << 62:
        return np.stack([make() for make, _ in parts], axis=1)
    key: npt.NDArray[np.int64] | None = None
    for make, size in parts:
        values = make()
        if key is None:
            key = values.astype(np.int64, copy=True)
        else:
            key *= size
            key += values
    assert key is not None
    return key


def classify(
    table: CallTable,
    policy: CompiledPolicy,
    cache: bool = True,
    progress: Callable[[int], None] | None = None,
    learned: tuple[Answer, ...] = (),
) -> Classification:
    """Plan every call; `cache=False` calls `plan` once per call (the reference, ~15 µs a call).
    `learned`: screening answers assumed for every call (service/replay/assumptions.py)."""
    started = time.perf_counter()
    n = len(table)
    plans: list[Plan] = []
    seen: dict[tuple[Any, ...], int] = {}
    plan_of = np.zeros(n, dtype=np.int32)

    def add(p: Plan) -> int:
        # decide() reads the candidates and, for a policy hold, the priority.
        sig = (p.call_type, tuple(c.name for c in p.candidates), p.flags, p.priority)
        if sig not in seen:
            seen[sig] = len(plans)
            plans.append(p)
        return seen[sig]

    single = np.ones(n, dtype=bool) if not cache else _uncacheable(table)
    if cache and not single.all():
        grouped = np.flatnonzero(~single)
        uppers: dict[str, int] = {}
        code_key = np.array(
            [uppers.setdefault(c.upper(), len(uppers)) for c in table.codes] or [0], dtype=np.int64
        )
        zone_names = {z.upper() for z in getattr(policy, "zones", {})}
        zkeys: dict[str, int] = {"": 0}
        zone_key = np.array(
            [zkeys.setdefault(z.upper() if z.upper() in zone_names else "", len(zkeys)) for z in table.zones],
            dtype=np.int64,
        )
        areas = _areas(policy) if table.lat is not None and table.lon is not None else []
        area_key = (
            area_bits(policy, table.lat, table.lon)
            if table.lat is not None and table.lon is not None
            else np.zeros(n, dtype=np.int64)
        )
        states: dict[tuple[bool, ...], int] = {}
        day_state = date_states(policy, table.day, states)
        segments = open_segments(policy)
        key = _group_key(
            (lambda: code_key[table.code[grouped]], len(uppers) + 1),
            (lambda: table.priority[grouped].astype(np.int64) + 1, 11),
            (lambda: zone_key[table.zone[grouped]], len(zkeys)),
            (lambda: area_key[grouped], 1 << len(areas)),
            (lambda: segments[table.mow[grouped]].astype(np.int64), WEEK),
            (lambda: day_state[grouped], len(states) + 1),
        )
        _, firsts, inverse = np.unique(
            key, return_index=True, return_inverse=True, axis=0 if key.ndim > 1 else None
        )
        group_plan = np.array(
            [add(plan(_call(table, i), policy, table.local_time(i), learned=learned))
             for i in grouped[firsts].tolist()],
            dtype=np.int32,
        )
        plan_of[grouped] = group_plan[inverse.reshape(-1)]
        groups = len(firsts)
        if progress is not None:
            progress(len(grouped))
    else:
        groups = 0
    for i in np.flatnonzero(single).tolist():
        plan_of[i] = add(plan(_call(table, i), policy, table.local_time(i), learned=learned))
        groups += 1
        if progress is not None and i % 4096 == 0:
            progress(4096)
    names = list(policy.responses)
    first = np.array([names.index(p.candidates[0].name) for p in plans] or [0], dtype=np.int32)
    return Classification(policy, plans, plan_of, names, first, time.perf_counter() - started, groups)


def area_bits(policy: CompiledPolicy, lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64]
              ) -> npt.NDArray[np.int64]:
    """Per point: bit k set when the policy's k-th area (`_areas`) holds it (none without areas)."""
    key = np.zeros(len(lat), dtype=np.int64)
    areas = _areas(policy)
    if len(areas) > 63:  # one bit each in an int64: past 63 the bits would wrap and keys collide
        raise ValueError(f"replay reads at most 63 areas a policy serves; this one has {len(areas)}")
    if areas:
        import shapely  # noqa: PLC0415 (only policies with areas need it)

        for bit, area in enumerate(areas):
            key |= shapely.contains_xy(area.geometry, lon, lat).astype(np.int64) << bit
    return key


def date_states(policy: CompiledPolicy, day: npt.NDArray[np.int32], states: dict[tuple[bool, ...], int]
                ) -> npt.NDArray[np.int64]:
    """Per call: which of the dated responses run on its date, as an id from `states` (which the
    caller keeps across batches so the ids stay the same)."""
    dated = [
        r.schedule
        for r in policy.responses.values()
        if r.schedule.active_from is not None or r.schedule.active_until is not None
    ]
    days, inverse = np.unique(day, return_inverse=True)
    per_day = np.array(
        [states.setdefault(_date_state(dated, int(d)), len(states)) for d in days] or [0], dtype=np.int64
    )
    return per_day[inverse.reshape(-1)] if len(day) else np.zeros(0, dtype=np.int64)


def _uncacheable(table: CallTable) -> npt.NDArray[np.bool_]:
    """Calls `plan` must see one by one: those with a narrative to screen."""
    if table.narrative is None:
        return np.zeros(len(table), dtype=bool)
    return np.array([bool(text.strip()) for text in table.narrative], dtype=bool)


def _date_state(schedules: list[Any], ordinal: int) -> tuple[bool, ...]:
    day = date.fromordinal(ordinal)
    return tuple(
        (s.active_from is None or day >= s.active_from) and (s.active_until is None or day <= s.active_until)
        for s in schedules
    )
