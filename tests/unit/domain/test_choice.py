"""The live decision with the policy's `choice` (issue 21): coverage-aware choice among the crisis
vans that reach the call in time, and the last free van kept for higher-priority calls. Pure: the
availability and unit positions are what the Redis read would return."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

import pytest

from service.domain.decision import recommend
from service.domain.model import CallEvent, Location, Screening
from service.policy.compile import CompiledPolicy, load_policy
from tests.support import policy_variant

WEDNESDAY_NOON = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)  # 12:00 in Testville (Denver time)
LAT0, LON0 = 39.74, -104.99
KM_LON = 1 / (111.32 * math.cos(math.radians(LAT0)))  # degrees of longitude per km at LAT0
ASKED = Screening(weapon=False, violence=False, medical=False)


def east(km: float) -> tuple[float, float]:
    return (LAT0, LON0 + km * KM_LON)


# Demand east of the call that only a van east of it covers (the crisis team reaches 12 km in its
# 20 minutes at Testville's 10 m/s), a little to the west, and some at the call itself.
DEMAND = [[*east(10), 100.0], [*east(-11), 10.0], [*east(0), 4.0]]
VANS = {"CV-E": east(2), "CV-W": east(-5)}  # 2 km east (nearest), 5 km west


def policy(
    choice: dict[str, Any] | None, demand: list[list[float]] | None = None, **more: Any
) -> CompiledPolicy:
    changes: dict[str, Any] = {"responses__crisis__choice": choice, "demand": demand, **more}
    doc = policy_variant(**{k: v for k, v in changes.items() if v is not None})
    return load_policy(doc, "testville@choice")


def call(priority: int | None = 3) -> CallEvent:
    return CallEvent("inc-1", 1, "WELFARE", Location(LAT0, LON0), priority=priority, screening=ASKED)


def free(*names: str) -> tuple[dict[str, list[tuple[str, float]]], dict[str, tuple[float, float]]]:
    """Availability as the read gives it (nearest first, metres) and the units' positions."""
    vans = sorted((abs(VANS[n][1] - LON0) / KM_LON * 1000, n) for n in names)
    availability = {
        "crisis_van": [(n, d) for d, n in vans],
        "police": [("P-1", 1000.0)],
        "clinician": [("CL-1", 1500.0)],
    }
    return availability, {n: VANS[n] for n in names}


def codes(rec: Any) -> list[str]:
    return [r.code for r in rec.reasons]


def test_without_a_choice_or_with_closest_the_nearest_van_goes() -> None:
    availability, positions = free("CV-E", "CV-W")
    for p in (policy(None), policy({"strategy": "closest"}), policy({"strategy": "coverage"}, DEMAND)):
        # Without positions (the read had none) a coverage choice has nothing to weigh: nearest.
        rec = recommend(call(), p, availability, WEDNESDAY_NOON, "r")
        assert rec.response == "crisis" and [u.unit_id for u in rec.units] == ["CV-E"]
        assert not any(c.startswith(("coverage.", "reserve.")) for c in codes(rec))
    closest = policy({"strategy": "closest"})
    rec = recommend(call(), closest, availability, WEDNESDAY_NOON, "r", positions=positions)
    assert [u.unit_id for u in rec.units] == ["CV-E"]


def test_coverage_sends_the_farther_van_and_says_why() -> None:
    availability, positions = free("CV-E", "CV-W")
    rec = recommend(call(), policy({"strategy": "coverage", "busy_fraction": 0.5}, DEMAND), availability,
                    WEDNESDAY_NOON, "r", positions=positions)
    assert rec.response == "crisis" and not rec.fallback
    assert [(u.unit_id, u.distance_m, u.eta_s) for u in rec.units] == [("CV-W", 5000, 500)]
    why = next(r for r in rec.reasons if r.code == "coverage.crisis")
    # CV-E alone covers the 100 calls east: losing it costs 100 x 0.5 + 4 x 0.5 x 0.5 (the call's own
    # cell, which both cover); losing CV-W, alone on the 10 west, costs 10 x 0.5 + 1.
    assert "CV-W (8 min) sent rather than the nearest CV-E (3 min)" in why.text
    assert "(51.0 against 6.0 expected calls" in why.text
    assert codes(rec)[-1] == "choose.crisis"


def test_coverage_keeps_the_nearest_when_it_loses_least() -> None:
    availability, positions = free("CV-E", "CV-W")
    west_heavy = [[*east(10), 1.0], [*east(-11), 100.0]]
    rec = recommend(call(), policy({"strategy": "coverage"}, west_heavy), availability, WEDNESDAY_NOON, "r",
                    positions=positions)
    assert [u.unit_id for u in rec.units] == ["CV-E"] and "coverage.crisis" not in codes(rec)


def test_one_van_in_reach_is_sent_whatever_the_demand() -> None:
    availability, positions = free("CV-E")
    rec = recommend(call(), policy({"strategy": "coverage"}, DEMAND), availability, WEDNESDAY_NOON, "r",
                    positions=positions)
    assert [u.unit_id for u in rec.units] == ["CV-E"]


def test_the_last_free_van_is_kept_for_higher_priority_calls() -> None:
    p = policy({"strategy": "closest", "reserve_last_for": [1, 2]})
    availability, _ = free("CV-E")
    low = recommend(call(priority=3), p, availability, WEDNESDAY_NOON, "r")
    assert low.response == "co_response" and low.fallback
    kept = next(r for r in low.reasons if r.code == "reserve.crisis")
    assert "CV-E is the last free crisis_van" in kept.text and "priority 1, 2" in kept.text
    assert "this call is priority 3" in kept.text
    assert "eta.crisis" not in codes(low)  # a van was free: the reason is the reserve, not the ETA
    unknown = recommend(call(priority=None), p, availability, WEDNESDAY_NOON, "r")
    assert unknown.response == "co_response" and "without a priority" in unknown.reasons[-2].text
    high = recommend(call(priority=1), p, availability, WEDNESDAY_NOON, "r")
    assert high.response == "crisis" and [u.unit_id for u in high.units] == ["CV-E"]
    # Two free vans near the call: a priority-3 call takes one.
    two, _ = free("CV-E", "CV-W")
    assert recommend(call(priority=3), p, two, WEDNESDAY_NOON, "r").response == "crisis"


def test_a_kept_back_call_queues_when_the_policy_holds_its_priority() -> None:
    p = policy({"strategy": "closest", "reserve_last_for": [1]},
               responses__crisis__hold={"max_wait_s": 900, "priorities": [3]})
    availability, _ = free("CV-E")
    rec = recommend(call(priority=3), p, availability, WEDNESDAY_NOON, "r")
    assert rec.response == "crisis" and rec.queued_for is not None and rec.units == []
    assert codes(rec)[-2:] == ["reserve.crisis", "hold.crisis"]


def test_a_choice_widens_the_read_and_coverage_asks_for_positions() -> None:
    plain, coverage = policy(None), policy({"strategy": "coverage"}, DEMAND)
    reach = plain.responses["crisis"].radius_m
    assert coverage.responses["crisis"].search_m == pytest.approx(3 * reach)
    assert dict(coverage.routes["WELFARE"].rule.wide_searches)["crisis_van"] == pytest.approx(3 * reach)
    assert dict(plain.routes["WELFARE"].rule.wide_searches)["crisis_van"] == pytest.approx(reach)
    assert coverage.coord_types == frozenset({"crisis_van"}) and plain.coord_types == frozenset()
    reserve_only = policy({"reserve_last_for": [1]})
    assert reserve_only.coord_types == frozenset() and reserve_only.responses["crisis"].demand is None
