"""Figures of one simulated scenario: eligible calls served by a civilian team, fallbacks, waits,
utilisation per unit type (overall and per hour of day), and per-hour service."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from service.replay.calls import CallTable
from service.replay.classify import WEEK, Classification
from service.replay.roster import Group
from service.replay.servicetime import ServiceModel
from service.replay.simulate import SimResult
from service.replay.summary import share

__all__ = ["eligible", "scenario_figures", "served_civilian", "utilisation"]


def eligible(result: Classification) -> npt.NDArray[np.bool_]:
    """Calls whose preferred response (units unlimited) is a civilian team that needs units."""
    policy = result.policy
    team = np.array(
        [policy.responses[r].civilian and bool(policy.responses[r].unit_types) for r in result.names],
        dtype=bool,
    )
    return team[result.preferred]


def served_civilian(result: Classification, sim: SimResult) -> npt.NDArray[np.bool_]:
    """Calls a civilian team with a free unit was sent to."""
    policy = result.policy
    team = np.array(
        [policy.responses[r].civilian and bool(policy.responses[r].unit_types) for r in result.names],
        dtype=bool,
    )
    return team[sim.chosen] & ~sim.none


def _hour_grid(table: CallTable) -> tuple[float, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Start of the first UTC hour, and per UTC hour of the period its local hour of day and local
    minute of the week at its start."""
    start = math.floor(float(table.ts.min()) / 3600) * 3600
    hours = int((float(table.ts.max()) - start) // 3600) + 1
    hod = np.empty(hours, dtype=np.int64)
    mow = np.empty(hours, dtype=np.int64)
    for h in range(hours):
        local = datetime.fromtimestamp(start + h * 3600, table.tz)
        hod[h] = local.hour
        mow[h] = local.weekday() * 1440 + local.hour * 60 + local.minute
    return start, hod, mow


def utilisation(table: CallTable, sim: SimResult) -> dict[str, Any]:
    """Busy unit-hours over staffed unit-hours per unit type, overall and per local hour of day."""
    if not len(table):
        return {}
    start, hod, mow = _hour_grid(table)
    end = start + len(hod) * 3600
    out: dict[str, Any] = {}
    for t_index, unit_type in enumerate(sim.unit_types):
        groups: list[Group] = sim.groups[unit_type]
        staffed = np.zeros(WEEK + 60, dtype=np.int64)
        for g in groups:
            staffed[:WEEK] += g.count * g.on
        staffed[WEEK:] = staffed[:60]
        cum = np.concatenate([[0], np.cumsum(staffed)])
        staffed_min = (cum[mow + 60] - cum[mow]).astype(np.float64)  # unit-minutes per UTC hour
        rows = sim.busy[sim.busy[:, 2] == t_index] if len(sim.busy) else np.zeros((0, 3))
        s, e = np.clip(rows[:, 0], start, end), np.clip(rows[:, 1], start, end)
        busy_min = np.zeros(len(hod), dtype=np.float64)
        first = ((s - start) // 3600).astype(np.int64)
        span = int(((e - s).max() // 3600) + 2) if len(s) else 0
        for k in range(span):
            h = first + k
            lo = np.maximum(s, start + h * 3600.0)
            hi = np.minimum(e, start + (h + 1) * 3600.0)
            ok = (hi > lo) & (h < len(hod))
            busy_min += np.bincount(h[ok], weights=(hi - lo)[ok] / 60.0, minlength=len(hod))
        staffed_hod = np.bincount(hod, weights=staffed_min, minlength=24)
        busy_hod = np.bincount(hod, weights=busy_min, minlength=24)
        out[unit_type] = {
            "utilisation": share(busy_min.sum(), staffed_min.sum()),
            "busy_unit_hours": round(float(busy_min.sum()) / 60, 1),
            "staffed_unit_hours": round(float(staffed_min.sum()) / 60, 1),
            "by_hour": [share(b, st) if st else None for b, st in zip(busy_hod, staffed_hod, strict=True)],
            "staffed_by_hour": [round(float(x) / 60 / max(1, len(hod) / 24), 2) for x in staffed_hod],
        }
    return out


def _minutes(values: npt.NDArray[np.float64], q: float) -> float | None:
    return round(float(np.percentile(values, q)) / 60, 1) if values.size else None


def scenario_figures(
    table: CallTable,
    result: Classification,
    sim: SimResult,
    roster: dict[str, Any],
    models: dict[str, ServiceModel],
) -> dict[str, Any]:
    names = result.names
    elig = eligible(result)
    served = served_civilian(result, sim) & elig
    preferred = elig & (sim.chosen == result.preferred) & ~sim.none
    n = int(elig.sum())
    fall = elig & ~preferred
    fallbacks = np.bincount(sim.chosen[fall & ~sim.none], minlength=len(names))
    held = sim.held & elig
    waited = sim.wait_s[held & preferred]
    hour = (table.mow // 60) % 24
    e_hour = np.bincount(hour[elig], minlength=24)
    s_hour = np.bincount(hour[served], minlength=24)
    other = ~elig & np.isin(
        result.plan_of,
        [
            i
            for i, p in enumerate(result.plans)
            if any(u in sim.groups for c in p.candidates for u in c.unit_types)
        ],
    )
    return {
        "name": sim.name,
        "roster": roster,
        "service_times": {t: m.describe() for t, m in models.items() if t in sim.groups},
        "hold": sim.hold,
        "eligible": n,
        "served_civilian": int(served.sum()),
        "served_civilian_share": share(served.sum(), n),
        "served_preferred": int(preferred.sum()),
        "served_preferred_share": share(preferred.sum(), n),
        "fallbacks": {names[r]: int(c) for r, c in enumerate(fallbacks.tolist()) if c},
        "no_unit": int((elig & sim.none).sum()),
        "held": int(held.sum()),
        "held_served": int((held & preferred).sum()),
        "held_fell_back": int((held & ~preferred).sum()),
        "wait_minutes": {
            "p50": _minutes(waited, 50),
            "p90": _minutes(waited, 90),
            "mean": round(float(waited.mean()) / 60, 1) if waited.size else None,
        },
        "other_calls_on_simulated_units": {
            "calls": int(other.sum()),
            "fell_back": int((other & (sim.chosen != result.preferred)).sum()),
        },
        "utilisation": utilisation(table, sim),
        "by_hour": {
            "eligible": e_hour.tolist(),
            "served_civilian": s_hour.tolist(),
            "share": [share(s, e) if e else None for s, e in zip(s_hour, e_hour, strict=True)],
        },
        "simulated_calls": sim.simulated_calls,
        "seconds": round(sim.seconds, 3),
    }
