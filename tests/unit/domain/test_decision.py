"""The pure decision core: call type, screening, disqualifiers, hours, ETA and fallbacks."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
import pytest

from service.domain.decision import plan, recommend
from service.domain.model import CIVILIAN_CATEGORIES, CallEvent, Location, Screening
from service.policy.compile import CompiledPolicy, load_policy
from tests.support import DATA

WEDNESDAY_NOON = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)  # 12:00 in Denver
SATURDAY_NOON = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def policy() -> CompiledPolicy:
    return load_policy((DATA / "testville.yaml").read_bytes(), "testville@1")


# The call-taker asked the three questions a civilian-only response needs (not asked is not no).
ASKED = {"weapon": False, "violence": False, "medical": False}


def call(call_type: str = "WELFARE", narrative: str = "", **screening: bool | None) -> CallEvent:
    answers = {**ASKED, **screening}
    return CallEvent(
        "inc-1", 1, call_type, Location(39.74, -104.99), narrative=narrative, screening=Screening(**answers)
    )


def near(*units: tuple[str, float]) -> list[tuple[str, float]]:
    return list(units)


ALL_FREE = {
    "crisis_van": near(("CV-1", 2000.0)),
    "police": near(("P-1", 1000.0), ("P-2", 3000.0)),
    "clinician": near(("CL-1", 1500.0)),
    "ems": near(("M-1", 800.0)),
}


def codes(rec: object) -> list[str]:
    return [r.code for r in rec.reasons]  # type: ignore[attr-defined]


def test_welfare_goes_to_crisis_team_with_nearest_unit_and_eta(policy: CompiledPolicy) -> None:
    rec = recommend(call(), policy, ALL_FREE, WEDNESDAY_NOON, "r_1")
    assert rec.response == "crisis" and rec.category.value == "crisis_team"
    assert [(u.unit_id, u.eta_s, u.distance_m) for u in rec.units] == [("CV-1", 200, 2000)]
    assert not rec.fallback and not rec.degraded
    assert [a.response for a in rec.alternatives] == ["co_response", "police"]
    assert rec.alternatives[0].units[1].unit_id == "P-1"  # clinician + officer
    assert "calltype.WELFARE" in codes(rec) and "choose.crisis" in codes(rec)
    assert rec.decided_at.utcoffset() is not None and rec.decided_at.hour == 12


def test_local_cad_code_maps_to_apco(policy: CompiledPolicy) -> None:
    rec = recommend(call("cw"), policy, ALL_FREE, WEDNESDAY_NOON, "r_1")
    assert rec.call_type == "WELFARE" and rec.response == "crisis"
    assert "CAD code cw" in rec.reasons[0].text


def test_unknown_call_type_uses_default(policy: CompiledPolicy) -> None:
    rec = recommend(call("ZZTOP"), policy, ALL_FREE, WEDNESDAY_NOON, "r_1")
    assert rec.response == "police" and "calltype.default" in codes(rec)


@pytest.mark.parametrize("answer", ["weapon", "violence", "crime_in_progress"])
def test_disqualifying_answer_sends_police(policy: CompiledPolicy, answer: str) -> None:
    rec = recommend(call(**{answer: True}), policy, ALL_FREE, WEDNESDAY_NOON, "r_1")
    assert rec.response == "police"
    assert f"disq.{answer}" in codes(rec)
    assert all(a.category not in CIVILIAN_CATEGORIES for a in rec.alternatives)


def test_medical_answer_escalates_to_ems_first(policy: CompiledPolicy) -> None:
    rec = recommend(call(medical=True), policy, ALL_FREE, WEDNESDAY_NOON, "r_1")
    assert rec.response == "ems" and rec.units[0].unit_id == "M-1"
    assert [a.response for a in rec.alternatives] == ["co_response", "police"]


def test_narrative_weapon_overrides_a_no_answer(policy: CompiledPolicy) -> None:
    rec = recommend(
        call(narrative="caller says he has a gun in his waistband", weapon=False),
        policy,
        ALL_FREE,
        WEDNESDAY_NOON,
        "r_1",
    )
    assert rec.response == "police" and "weapon" in rec.flags
    phrase = next(r.phrase for r in rec.reasons if r.code == "screen.weapon.narrative")
    assert phrase and "gun" in phrase.lower()


def test_negated_narrative_keeps_civilian_response_and_says_why(policy: CompiledPolicy) -> None:
    rec = recommend(
        call(narrative="man yelling at traffic, no weapons seen"), policy, ALL_FREE, WEDNESDAY_NOON, "r_1"
    )
    assert rec.response == "crisis" and "screen.weapon.negated" in codes(rec)


def test_out_of_hours_team_is_skipped_with_reason(policy: CompiledPolicy) -> None:
    rec = recommend(call(), policy, ALL_FREE, SATURDAY_NOON, "r_1")
    assert rec.response == "co_response"
    assert "hours.crisis" in codes(rec) and not rec.fallback


def test_no_unit_in_time_falls_back_and_says_so(policy: CompiledPolicy) -> None:
    far = {**ALL_FREE, "crisis_van": near(("CV-9", 50_000.0)), "clinician": []}
    rec = recommend(call(), policy, far, WEDNESDAY_NOON, "r_1")
    assert rec.response == "police" and rec.fallback
    assert {"eta.crisis", "eta.co_response", "fallback.police"} <= set(codes(rec))


def test_nobody_free_advises_last_allowed_response(policy: CompiledPolicy) -> None:
    rec = recommend(call(), policy, {}, WEDNESDAY_NOON, "r_1")
    assert rec.response == "police" and rec.units == [] and rec.fallback
    assert "none.available" in codes(rec)


def test_phone_line_needs_no_units(policy: CompiledPolicy) -> None:
    rec = recommend(call("SUICTHRT"), policy, {}, WEDNESDAY_NOON, "r_1")
    assert rec.response == "line" and rec.category.value == "phone_line" and rec.units == []


def test_degraded_answers_from_policy_alone(policy: CompiledPolicy) -> None:
    rec = recommend(call(), policy, None, WEDNESDAY_NOON, "r_1")
    assert rec.degraded and rec.response == "crisis" and rec.units == []
    assert "degraded" in codes(rec)


def test_co_response_takes_two_distinct_units(policy: CompiledPolicy) -> None:
    only_co = {"clinician": near(("CL-1", 100.0)), "police": near(("P-1", 200.0))}
    rec = recommend(call(), policy, only_co, SATURDAY_NOON, "r_1")
    assert rec.response == "co_response"
    assert [u.unit_id for u in rec.units] == ["CL-1", "P-1"]


def test_plan_searches_only_needed_unit_types(policy: CompiledPolicy) -> None:
    p = plan(call(weapon=True), policy, WEDNESDAY_NOON)
    # Weapon: police first, then co-response (it has an officer); the crisis van is never searched.
    assert [r.name for r in p.candidates] == ["police", "co_response"]
    assert dict(p.searches) == {"police": pytest.approx(12000.0), "clinician": pytest.approx(12000.0)}


def test_recommendation_round_trips_as_json(policy: CompiledPolicy) -> None:
    rec = recommend(call(), policy, ALL_FREE, WEDNESDAY_NOON, "r_1")
    body = msgspec.json.encode(rec)
    again = msgspec.json.decode(body, type=type(rec))
    assert again == rec and b'"category":"crisis_team"' in body


DOWNTOWN = Location(39.74, -104.99)
UPTOWN = Location(39.80, -104.99)


def at(location: Location, call_type: str, priority: int | None = 3, zone: str | None = None) -> CallEvent:
    loc = Location(location.lat, location.lon, zone=zone)
    return CallEvent("inc-2", 1, call_type, loc, priority=priority, screening=Screening(**ASKED))


def test_area_limits_a_team_to_its_polygon(policy: CompiledPolicy) -> None:
    units = {"outreach": near(("OR-1", 500.0)), "police": near(("P-1", 900.0))}
    inside = recommend(at(DOWNTOWN, "TRESPASS"), policy, units, WEDNESDAY_NOON, "r")
    outside = recommend(at(UPTOWN, "TRESPASS"), policy, units, WEDNESDAY_NOON, "r")
    assert inside.response == "outreach"
    assert outside.response == "police" and "area.outreach" in codes(outside)


def test_zone_override_by_position_and_by_cad_zone_code(policy: CompiledPolicy) -> None:
    units = {"outreach": near(("OR-1", 500.0)), "police": near(("P-1", 900.0))}
    by_position = recommend(at(DOWNTOWN, "NOISE"), policy, units, WEDNESDAY_NOON, "r")
    assert by_position.response == "outreach" and "zone.DOWNTOWN" in codes(by_position)
    elsewhere = recommend(at(UPTOWN, "NOISE"), policy, units, WEDNESDAY_NOON, "r")
    assert elsewhere.response == "r311"


def test_hold_queues_low_priority_call_for_busy_civilian_team(policy: CompiledPolicy) -> None:
    busy = {"police": near(("P-1", 900.0))}
    held = recommend(at(DOWNTOWN, "TRESPASS", priority=3), policy, busy, WEDNESDAY_NOON, "r")
    assert held.response == "outreach" and held.units == [] and not held.fallback
    assert held.queued_for is not None and held.queued_for.max_wait_s == 1800
    assert held.queued_for.expected_wait_s == 900 and "hold.outreach" in codes(held)
    assert [a.response for a in held.alternatives] == ["police"]
    urgent = recommend(at(DOWNTOWN, "TRESPASS", priority=1), policy, busy, WEDNESDAY_NOON, "r")
    assert urgent.response == "police" and urgent.fallback and urgent.queued_for is None
    unknown = recommend(at(DOWNTOWN, "TRESPASS", priority=None), policy, busy, WEDNESDAY_NOON, "r")
    assert unknown.response == "police"


def test_hold_never_applies_to_a_disqualified_call(policy: CompiledPolicy) -> None:
    c = CallEvent("inc-3", 1, "TRESPASS", DOWNTOWN, priority=4, screening=Screening(weapon=True))
    rec = recommend(c, policy, {"police": near(("P-1", 900.0))}, WEDNESDAY_NOON, "r")
    assert rec.response == "police" and rec.queued_for is None
