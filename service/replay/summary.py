"""Figures of the classification pass: shares per response and category, by call type, hour of
day, day of week and zone, and the calls whose type the policy does not map."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from service.domain.model import Category
from service.replay.calls import CallTable
from service.replay.classify import Classification

__all__ = ["CATEGORIES", "DAYS", "CodeFacts", "share", "summarise", "why_not_civilian"]

CATEGORIES = [c.value for c in Category]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_TOP_UNMAPPED = 40


def share(part: float, whole: float) -> float:
    return round(float(part) / float(whole), 4) if whole else 0.0


class CodeFacts:
    """Per CAD code (as written): mapped by the policy?, its APCO code, and whether the first
    response in the policy's own order for it is civilian (hours and screening aside)."""

    def __init__(self, table: CallTable, result: Classification) -> None:
        policy = result.policy
        self.mapped = np.zeros(max(len(table.codes), 1), dtype=bool)
        self.civilian_in_order = np.zeros(max(len(table.codes), 1), dtype=bool)
        self.apco: list[str] = []
        for i, code in enumerate(table.codes):
            rule = policy.call_types.get(code.upper())
            self.mapped[i] = rule is not None
            self.apco.append(rule[0] if rule else "")
            order = rule[1] if rule else policy.default
            self.civilian_in_order[i] = policy.responses[order[0]].civilian


def why_not_civilian(table: CallTable, result: Classification) -> npt.NDArray[np.int8]:
    """Per call, why the plan left out a civilian response its call type lists first: 0 it did not,
    1 outside team hours, 2 outside the team's area, 3 area unknown (the call has no coordinates,
    so whether it lies inside cannot be told), 4 anything else (a disqualifier from screening)."""
    per_plan = np.zeros(max(len(result.plans), 1), dtype=np.int8)
    for k, p in enumerate(result.plans):
        codes = [r.code for r in p.reasons]
        if any(c.startswith("area.") for c in codes):
            per_plan[k] = 2
        elif any(c.startswith("hours.") for c in codes):
            per_plan[k] = 1
        else:
            per_plan[k] = 4
    why = per_plan[result.plan_of]
    if table.lat is None or table.lon is None:
        why[why == 2] = 3
    else:
        why[(why == 2) & (np.isnan(table.lat) | np.isnan(table.lon))] = 3
    return why


def _matrix(
    rows: npt.NDArray[Any], cols: npt.NDArray[Any], nrows: int, ncols: int, w: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    flat = rows.astype(np.int64) * ncols + cols.astype(np.int64)
    return _count(flat, w, nrows * ncols).reshape(nrows, ncols)


def _count(values: npt.NDArray[Any], w: npt.NDArray[np.int64], size: int) -> npt.NDArray[np.int64]:
    """Calls per value (each row weighs its weight: service/replay/stream.py)."""
    return np.bincount(values, weights=w, minlength=size).astype(np.int64)


def _iso(ts: float, table: CallTable) -> str:
    return datetime.fromtimestamp(ts, table.tz).isoformat(timespec="seconds")


def summarise(
    table: CallTable,
    result: Classification,
    descriptions: dict[str, str] | None = None,
    zone_names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The JSON-ready figures; shares are fractions of all calls (4 decimals)."""
    descriptions = descriptions or {}
    zone_names = zone_names or {}
    policy = result.policy
    n = table.calls
    w = table.weights()
    names = result.names
    pref = result.preferred
    resp_cat = np.array([CATEGORIES.index(policy.responses[r].category.value) for r in names], dtype=np.int64)
    resp_civ = np.array([policy.responses[r].civilian for r in names], dtype=bool)
    resp_team = np.array(
        [policy.responses[r].civilian and bool(policy.responses[r].unit_types) for r in names], dtype=bool
    )
    cat = resp_cat[pref]
    facts = CodeFacts(table, result)
    mapped = facts.mapped[table.code]
    in_order = facts.civilian_in_order[table.code]
    civ = resp_civ[pref]
    team = resp_team[pref]
    left_out = np.where(in_order & ~civ, why_not_civilian(table, result), 0)
    hour = (table.mow // 60) % 24
    weekday = table.mow // 1440
    by_resp = _count(pref, w, len(names))
    by_cat = _count(cat, w, len(CATEGORIES))
    ncodes = max(len(table.codes), 1)
    code_resp = _matrix(table.code, pref, ncodes, len(names), w)
    code_calls = code_resp.sum(axis=1)
    code_civ = _count(table.code, civ * w, ncodes)
    nz = max(len(table.zones), 1)
    zone_cat = _matrix(table.zone, cat, nz, len(CATEGORIES), w)
    zone_calls = zone_cat.sum(axis=1)
    zone_civ = _count(table.zone, civ * w, nz)
    zone_order = _count(table.zone, in_order * w, nz)
    hour_cat = _matrix(hour, cat, 24, len(CATEGORIES), w)
    day_cat = _matrix(weekday, cat, 7, len(CATEGORIES), w)
    dates = table.all_dates()
    days = len(dates) if n else 0
    span = table.first_last()

    def calls(mask: npt.NDArray[np.bool_]) -> int:
        return int(w[mask].sum())

    by_type = []
    for i in np.argsort(-code_calls, kind="stable").tolist():
        if code_calls[i] == 0:
            continue
        code = table.codes[i]
        by_type.append(
            {
                "code": code or "(blank)",
                "description": descriptions.get(code.upper(), ""),
                "apco": facts.apco[i],
                "label": policy.labels.get(facts.apco[i], "") if facts.apco[i] else "",
                "mapped": bool(facts.mapped[i]),
                "calls": int(code_calls[i]),
                "share": share(code_calls[i], n),
                "civilian_share": share(code_civ[i], code_calls[i]),
                "responses": {names[r]: int(code_resp[i, r]) for r in np.flatnonzero(code_resp[i]).tolist()},
            }
        )
    unmapped = [t for t in by_type if not t["mapped"]]
    zones = []
    for z in np.argsort(-zone_calls, kind="stable").tolist():
        if zone_calls[z] == 0:
            continue
        code = table.zones[z]
        zones.append(
            {
                "zone": code or "(none)",
                "name": zone_names.get(code.upper(), ""),
                "calls": int(zone_calls[z]),
                "civilian_preferred": int(zone_civ[z]),
                "civilian_share": share(zone_civ[z], zone_calls[z]),
                "civilian_in_order": int(zone_order[z]),
                "civilian_in_order_share": share(zone_order[z], zone_calls[z]),
                "categories": {
                    CATEGORIES[c]: int(zone_cat[z, c]) for c in np.flatnonzero(zone_cat[z]).tolist()
                },
            }
        )
    return {
        "calls": n,
        "days": days,
        "period": {
            "first": _iso(span[0], table) if span else None,
            "last": _iso(span[1], table) if span else None,
        },
        "read": table.meta,
        "by_response": {
            names[r]: {
                "calls": int(by_resp[r]),
                "share": share(by_resp[r], n),
                "category": policy.responses[names[r]].category.value,
                "label": policy.responses[names[r]].label,
            }
            for r in range(len(names))
            if by_resp[r]
        },
        "by_category": {
            CATEGORIES[c]: {"calls": int(by_cat[c]), "share": share(by_cat[c], n)}
            for c in range(len(CATEGORIES))
            if by_cat[c]
        },
        "civilian": {
            "preferred": calls(civ),
            "preferred_share": share(calls(civ), n),
            "team": calls(team),
            "team_share": share(calls(team), n),
            "in_policy_order": calls(in_order),
            "in_policy_order_share": share(calls(in_order), n),
            # Civilian first by type, not preferred: outside hours, outside the area, area unknown
            # (no coordinates), other (screening): each counted under its own reason.
            "closed_hours": calls(left_out == 1),
            "closed_hours_share": share(calls(left_out == 1), n),
            "outside_area": calls(left_out == 2),
            "outside_area_share": share(calls(left_out == 2), n),
            "area_unknown": calls(left_out == 3),
            "area_unknown_share": share(calls(left_out == 3), n),
            "other_reason": calls(left_out == 4),
            "other_reason_share": share(calls(left_out == 4), n),
            # The same among calls whose code the policy maps (leaves out unit-status and desk codes).
            "mapped_calls": calls(mapped),
            "preferred_share_of_mapped": share(calls(civ & mapped), calls(mapped)),
            "team_share_of_mapped": share(calls(team & mapped), calls(mapped)),
        },
        "unmapped": {
            "calls": calls(~mapped),
            "share": share(calls(~mapped), n),
            "codes": len(unmapped),
            "top": [
                {k: t[k] for k in ("code", "description", "calls", "share")} for t in unmapped[:_TOP_UNMAPPED]
            ],
        },
        "by_call_type": by_type,
        "by_hour": {
            "calls": hour_cat.sum(axis=1).tolist(),
            "categories": {
                CATEGORIES[c]: hour_cat[:, c].tolist() for c in range(len(CATEGORIES)) if hour_cat[:, c].any()
            },
        },
        "by_weekday": {
            "days": DAYS,
            # How many dates of each weekday the period holds, for averages per day.
            "dates": np.bincount(
                np.array(
                    [date.fromordinal(d).weekday() for d in dates.tolist()], dtype=np.int64
                ),
                minlength=7,
            ).tolist(),
            "calls": day_cat.sum(axis=1).tolist(),
            "categories": {
                CATEGORIES[c]: day_cat[:, c].tolist() for c in range(len(CATEGORIES)) if day_cat[:, c].any()
            },
        },
        "by_zone": zones,
    }
