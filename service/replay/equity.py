"""Equity: do eligible calls in every zone get a civilian response as often as the city's?

Two shares per zone (beat), for one simulated scenario:

- availability: of the calls whose preferred response was a civilian team at the time of the call,
  the share that found a free unit (the simulation's headline figure, per zone);
- access: of the calls whose type the policy sends to a civilian team first (any hour), the share
  that got one; this adds the effect of the teams' hours to the effect of their numbers.

A zone is flagged when it has at least `min_calls` such calls and its share is below `ratio` times
the city-wide share. The note on significance is a one-sided two-proportion z-test of the zone
against the rest of the city, with a Bonferroni bound over the zones tested; zones differ here
only through when their calls come and what they are (the simulation has no geography).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from service.replay.calls import CallTable
from service.replay.classify import Classification
from service.replay.figures import eligible, served_civilian
from service.replay.simulate import SimResult
from service.replay.summary import share, why_not_civilian

__all__ = ["access_by_hour", "equity", "lower_p_value", "team_in_order"]


def lower_p_value(x: int, n: int, total_x: int, total_n: int) -> float | None:
    """One-sided p-value that a zone's share x/n is lower than the rest of the city's."""
    rest_n, rest_x = total_n - n, total_x - x
    if n == 0 or rest_n == 0:
        return None
    pooled = total_x / total_n
    se = math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / rest_n))
    if se == 0:
        return None
    z = (x / n - rest_x / rest_n) / se
    return 0.5 * math.erfc(-z / math.sqrt(2))


def team_in_order(table: CallTable, result: Classification) -> npt.NDArray[np.bool_]:
    """Calls whose type the policy sends first to a civilian team, whatever the hour."""
    policy = result.policy
    by_code = np.zeros(max(len(table.codes), 1), dtype=bool)
    for i, code in enumerate(table.codes):
        rule = policy.call_types.get(code.upper())
        first = policy.responses[(rule[1] if rule else policy.default)[0]]
        by_code[i] = first.civilian and bool(first.unit_types)
    return by_code[table.code]


def _measure(
    zone: npt.NDArray[np.int32],
    *,
    base: npt.NDArray[np.bool_],
    served: npt.NDArray[np.bool_],
    nz: int,
    min_calls: int,
    ratio: float,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    n_z = np.bincount(zone[base], minlength=nz)
    x_z = np.bincount(zone[base & served], minlength=nz)
    total_n, total_x = int(n_z.sum()), int(x_z.sum())
    city = total_x / total_n if total_n else 0.0
    tested = int((n_z >= min_calls).sum())
    rows: list[dict[str, Any]] = []
    for z in range(nz):
        n, x = int(n_z[z]), int(x_z[z])
        if n == 0:
            rows.append({})
            continue
        p = lower_p_value(x, n, total_x, total_n)
        low = n >= min_calls and x / n < ratio * city
        rows.append(
            {
                "calls": n,
                "served": x,
                "share": share(x, n),
                "ratio": round(x / n / city, 3) if city else None,
                "p_value": round(p, 5) if p is not None else None,
                "flagged": low,
                "significant": bool(low and p is not None and tested and p < 0.05 / tested),
            }
        )
    return {
        "calls": total_n,
        "served": total_x,
        "share": share(total_x, total_n),
        "zones_tested": tested,
    }, rows


def equity(
    table: CallTable,
    result: Classification,
    sim: SimResult,
    *,
    zone_names: dict[str, str] | None = None,
    min_calls: int = 30,
    ratio: float = 0.8,
) -> dict[str, Any]:
    zone_names = zone_names or {}
    nz = max(len(table.zones), 1)
    served = served_civilian(result, sim)
    avail_city, avail = _measure(
        table.zone, base=eligible(result), served=served, nz=nz, min_calls=min_calls, ratio=ratio
    )
    access_city, access = _measure(
        table.zone, base=team_in_order(table, result), served=served, nz=nz, min_calls=min_calls, ratio=ratio
    )
    zones: list[dict[str, Any]] = []
    for z in range(nz):
        if not avail[z] and not access[z]:
            continue
        code = table.zones[z] if z < len(table.zones) else ""
        zones.append(
            {
                "zone": code or "(none)",
                "name": zone_names.get(code.upper(), ""),
                "availability": avail[z] or None,
                "access": access[z] or None,
            }
        )
    zones.sort(key=lambda row: -(row["access"] or {}).get("calls", 0))
    flagged = [
        z for z in zones if (z["availability"] or {}).get("flagged") or (z["access"] or {}).get("flagged")
    ]
    return {
        "scenario": sim.name,
        "min_calls": min_calls,
        "ratio": ratio,
        "city": {"availability": avail_city, "access": access_city},
        "flagged": [
            {
                "zone": z["zone"],
                "name": z["name"],
                "availability": (z["availability"] or {}).get("flagged", False),
                "access": (z["access"] or {}).get("flagged", False),
                "significant": bool(
                    (z["availability"] or {}).get("significant") or (z["access"] or {}).get("significant")
                ),
            }
            for z in flagged
        ],
        "zones": zones,
    }


def access_by_hour(table: CallTable, result: Classification, sim: SimResult) -> dict[str, list[int]]:
    """Calls typed for a civilian team, per local hour: sent one, fell back, outside team hours,
    outside its area, area unknown (no coordinates), left out for another reason (screening)."""
    typed = team_in_order(table, result)
    elig = eligible(result)
    served = served_civilian(result, sim)
    hour = (table.mow // 60) % 24

    def count(mask: npt.NDArray[np.bool_]) -> list[int]:
        return [int(v) for v in np.bincount(hour[mask], minlength=24)]

    left = typed & ~elig & ~served
    why = why_not_civilian(table, result)
    return {
        "served": count(typed & served),
        "fell_back": count(typed & elig & ~served),
        "closed": count(left & (why == 1)),
        "outside_area": count(left & (why == 2)),
        "area_unknown": count(left & (why == 3)),
        "other": count(left & ((why == 0) | (why == 4))),
    }
