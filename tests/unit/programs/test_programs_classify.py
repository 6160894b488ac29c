"""Program classification, suppression and the monthly tally, on the pure core: Testville's policy,
the real decision, fixed clocks, no I/O."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec
import pytest

from service.domain.decision import recommend
from service.domain.model import CallEvent, Location, Recommendation, Screening
from service.policy.compile import CompiledPolicy, load_policy
from service.programs.classify import ProgramView, classify, program_view, with_outcome
from service.programs.render import count_cells, group_cells, share, timing
from service.programs.tally import tally
from service.state.audit import AuditEntry
from tests.support import DATA, policy_variant

DENVER = ZoneInfo("America/Denver")
WEDNESDAY_NOON = datetime(2026, 3, 4, 12, 0, tzinfo=DENVER)
SUNDAY_NIGHT = datetime(2026, 3, 8, 23, 0, tzinfo=DENVER)
DOWNTOWN = Location(lat=39.7392, lon=-104.9903)
FAR = Location(lat=39.80, lon=-104.90)
ALL_FREE = {
    t: [(f"{t}-1", 200.0)] for t in ("police", "ems", "engine", "crisis_van", "clinician", "outreach")
}


@pytest.fixture(scope="module")
def policy() -> CompiledPolicy:
    return load_policy((DATA / "testville.yaml").read_bytes(), "testville@1")


@pytest.fixture(scope="module")
def view(policy: CompiledPolicy) -> ProgramView:
    return program_view(policy)


def rec(
    policy: CompiledPolicy,
    call_type: str,
    *,
    where: Location = DOWNTOWN,
    now: datetime = WEDNESDAY_NOON,
    free: dict[str, list[tuple[str, float]]] | None = ALL_FREE,
    incident: str = "i-1",
    **screening: bool,
) -> Recommendation:
    # The call-taker asked what a civilian-only response needs unless a test says otherwise (issue 16:
    # a question not asked is not a "no").
    answers = {"weapon": False, "violence": False, "medical": False} | screening
    call = CallEvent(
        incident_id=incident, seq=1, call_type=call_type, location=where, screening=Screening(**answers)
    )
    return recommend(call, policy, free, now, "r_" + incident.encode().hex())


def test_reasons_not_served_follow_the_decision(policy: CompiledPolicy, view: ProgramView) -> None:
    served = classify(rec(policy, "WELFARE"), view)
    assert served.eligible and served.served_by == "crisis" and served.reason is None
    assert classify(rec(policy, "CARDIAC"), view).eligible is False
    cases = {
        "disqualifier": rec(policy, "WELFARE", weapon=True),
        "out_of_hours": rec(policy, "MNTL", now=SUNDAY_NIGHT),
        "outside_area": rec(policy, "TRESPASS", where=FAR),
        "no_unit_in_time": rec(policy, "MNTL", free={"police": [("p", 100.0)]}),
    }
    for reason, r in cases.items():
        c = classify(r, view)
        assert c.eligible and c.served_by is None and c.reason == reason, (reason, r.reasons)
    # WELFARE lists co-response second: with the crisis team out of hours, co-response serves it.
    assert classify(rec(policy, "WELFARE", now=SUNDAY_NIGHT), view).served_by == "co_response"
    # The issue-16 reason code, whatever response was chosen instead.
    unasked = rec(policy, "TRESPASS", weapon=None)  # nobody asked about a weapon: not the outreach team
    assert any(r.code == "screen.weapon.unasked" for r in unasked.reasons)
    assert classify(unasked, view).reason == "question_unanswered"
    # Degraded answers pick the first listed response: TRESPASS lists the outreach team first.
    assert classify(rec(policy, "TRESPASS", free=None), view).served_by == "outreach"


def test_the_last_van_kept_back_is_its_own_reason() -> None:
    """A policy reserve (issue 21, cutoff priority) keeps the last crisis van from a call without a
    priority: a program manager sees "reserved", not "no unit in time"."""
    doc = policy_variant(responses__crisis__choice={"reserve_last_for": [1, 2]})
    reserving = load_policy(doc, "testville@reserve")
    r = rec(reserving, "MNTL")
    assert r.response == "police" and any(x.code == "reserve.crisis" for x in r.reasons)
    c = classify(r, program_view(reserving))
    assert c.eligible and c.served_by is None and c.reason == "reserved"


def test_zone_override_makes_a_call_type_eligible(policy: CompiledPolicy, view: ProgramView) -> None:
    noise_downtown = rec(policy, "NOISE", where=Location(lat=39.7392, lon=-104.9903, zone="DOWNTOWN"))
    noise_far = rec(policy, "NOISE", where=FAR)
    assert classify(noise_downtown, view).served_by == "outreach"
    assert classify(noise_far, view).served_by == "r311"  # a 311 transfer is an alternative response
    assert classify(rec(policy, "ZZTOP"), view).eligible is False  # the default lists police only


def test_outcomes_move_calls_between_served_and_not(policy: CompiledPolicy, view: ProgramView) -> None:
    c = classify(rec(policy, "WELFARE"), view)
    away = with_outcome(c, view, "police", "safety_concern")
    assert away.served_by is None and away.reason == "override" and away.override_reason == "safety_concern"
    assert with_outcome(c, view, "crisis", None) == c  # accepted
    not_served = classify(rec(policy, "WELFARE", weapon=True), view)
    toward = with_outcome(not_served, view, "crisis", "more_info")
    assert toward.served_by == "crisis" and toward.overridden_to_alternative


def test_suppression_rules() -> None:
    assert count_cells([0, 1, 10, 11, 250]) == ["0", "<11", "<11", "11", "250"]
    # One hidden count of a group: the smallest shown one is hidden too, so no subtraction reveals it.
    assert group_cells([[40, 3, 12, 0]]) == [["40", "<11", "suppressed", "0"]]
    assert group_cells([[40, 3, 4]]) == [["40", "<11", "<11"]]
    assert (
        share(5, 100) == "suppressed (<11)"
        and share(0, 100) == "0.0 %"
        and share(12, 10) == "suppressed (<11)"
    )
    assert share(30, 120) == "25.0 %" and share(3, 24000, 1000).startswith("suppressed")
    assert share(150, 24000, 1000) == "6.2 per 1,000"  # CAHOOTS' reported backups, for scale
    assert timing([], "X") == "not available: needs X"
    assert timing([60.0] * 10, "X").startswith("suppressed")
    assert timing([float(s) for s in range(60, 660, 50)], "X").startswith("median 5:")


def _entry(kind: str, doc: object, at: datetime, received: datetime | None = None) -> AuditEntry:
    return AuditEntry("0-0", "testville", kind, "", at, msgspec.Raw(msgspec.json.encode(doc)), None, received)


def test_tally_counts_latest_updates_months_and_late_field_records(
    policy: CompiledPolicy, view: ProgramView
) -> None:
    march = rec(policy, "WELFARE", incident="a")
    update = msgspec.structs.replace(rec(policy, "WELFARE", incident="a", weapon=True), seq=2)
    april = rec(policy, "TRESPASS", incident="b", now=datetime(2026, 4, 1, 9, 0, tzinfo=DENVER))
    field = {
        "recommendation_id": april.recommendation_id,
        "incident_id": "b",
        "seq": 1,
        "call_type": "TRESPASS",
        "flags": [],
        "recommended_response": "outreach",
        "response": "outreach",
        "decided_at": april.decided_at.isoformat(),
        "assigned_at": None,
        "arrived_at": (april.decided_at + timedelta(minutes=9)).isoformat(),
        "backup_requested": True,
        "backup_reason": "violence",
        "safety_incident": None,
        "incident_kind": None,
        "disposition": None,
        "connected_to_care": None,
        "transfer": None,
        "note": "",
        "revision": 1,
        "recorded_at": (april.decided_at + timedelta(hours=5)).isoformat(),
        "recorded_by": "k",
    }
    entries = [
        _entry("recommendation", march, march.decided_at, march.decided_at - timedelta(seconds=40)),
        _entry("recommendation", update, update.decided_at),
        _entry("recommendation", april, april.decided_at),
        _entry("field", field, april.decided_at + timedelta(hours=5)),
    ]
    t = tally("testville", entries, {"testville@1": view}.get, datetime(2026, 3, 1, tzinfo=UTC), None)
    assert sorted(t.months) == ["2026-03", "2026-04"]
    m3, m4 = t.months["2026-03"], t.months["2026-04"]
    # The incident's update (weapon) is the call counted: eligible, not served, disqualifier.
    assert (m3.calls, m3.eligible, dict(m3.not_served), sum(m3.served.values())) == (
        1,
        1,
        {"disqualifier": 1},
        0,
    )
    assert m3.call_to_recommendation == [40.0]  # the received time kept from the first event
    assert (m4.diverted, m4.diverted_with_record, m4.backups) == (1, 1, 1)
    assert m4.to_arrival == [540.0] and dict(m4.misses) == {("TRESPASS", "none"): [1, 1, 0]}
    unknown = tally("testville", entries, {}.get, datetime(2026, 3, 1, tzinfo=UTC), None)
    assert unknown.unknown_versions == {"testville@1"} and unknown.months["2026-03"].eligible == 0


def test_a_share_never_gives_back_a_hidden_count() -> None:
    from collections import Counter

    from service.programs.render import rows
    from service.programs.tally import Month, Tally

    month = Month(
        calls=3000,
        eligible=535,
        not_served=Counter(disqualifier=13, ranked_below=4, out_of_hours=66),
        served=Counter(star=297, co_responder=131, line=24),
        transfers=Counter(line=24),
        transfer_results=Counter({("988", "completed"): 20, ("988", "failed"): 4}),
    )
    t = Tally("x", {"2026-01": month}, {"star", "co_responder", "line"})
    _, table = rows(t)

    def cell(section: str, metric: str) -> str:
        return next(r.cells[0] for r in table if r.section == section and r.metric.startswith(metric))

    # 4 is hidden, so 13 is hidden with it (else 13 + 4 + 66 = the not-served total gives 4 back) ...
    assert cell("Eligible calls not served, by reason", "The policy preferred") == "<11"
    assert cell("Eligible calls not served, by reason", "A disqualifier") == "suppressed"
    # ... and neither share may be shown (6.5 % of 535 is 35: the share is the count again).
    assert cell("Share of eligible calls not served, by reason", "A disqualifier") == "suppressed (<11)"
    assert cell("Share of eligible calls not served, by reason", "Outside the team's hours") == "12.3 %"
    # 4 failed transfers hidden, so the 20 completed are too, and so is the share completed.
    assert cell("Transfer results", "988 crisis line: Failed") == "<11"
    assert cell("Transfer results", "988 crisis line: Completed") == "suppressed"
    assert cell("Transfers (988, 311, nurse line)", "Share of transfers completed") == "suppressed (<11)"
    published = [c for r in table for c in r.cells]
    assert "13" not in published and "4" not in published and "20" not in published


def test_suppression_holds_along_months_and_their_period() -> None:
    # January 5 (hidden), February 40, period 45: February must go too, or 45 - 40 gives January back.
    assert group_cells([[5], [40], [45]], last_is_total=True) == [["<11"], ["suppressed"], ["45"]]
    # Both directions at once: every hidden value sits with at least one other hidden value in its
    # column and in its row, so no single subtraction recovers it.
    cols = [[5, 30, 12], [40, 30, 12], [45, 60, 24]]
    cells = group_cells(cols, last_is_total=True)
    for c, col in enumerate(cells):
        assert sum(1 for r, v in enumerate(col) if v in ("<11", "suppressed") and cols[c][r]) != 1
    for r in range(3):
        assert sum(1 for c in range(3) if cells[c][r] in ("<11", "suppressed") and cols[c][r]) != 1
