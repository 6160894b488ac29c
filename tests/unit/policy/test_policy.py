"""Policy language: strict validation with paths, compilation, schedules (DST-correct)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml

from service.policy.compile import PolicyInvalid, load_policy
from service.policy.schedule import Schedule, parse_hours
from tests.support import DATA, policy_variant

BASE = yaml.safe_load((DATA / "testville.yaml").read_text())


def errors_of(doc: dict) -> dict[str, str]:  # type: ignore[type-arg]
    with pytest.raises(PolicyInvalid) as info:
        load_policy(doc)
    return {e.field: e.message for e in info.value.errors}


variant = policy_variant


def test_fixture_policy_is_valid() -> None:
    policy = load_policy(BASE, "testville@1")
    assert policy.call_types["CW"] == ("WELFARE", ("crisis", "co_response", "police"))
    assert policy.responses["police"].radius_m == pytest.approx(9000)


def test_every_error_is_reported_with_its_path() -> None:
    doc = variant(
        timezone="Mars/Olympus",
        responses__crisis__category="wizard",
        call_types__WELFARE__responses=["crisis", "nobody"],
        local_codes={"CW": "NOPE"},
    )
    found = errors_of(doc)
    assert "responses.crisis.category" in found
    # Structural errors stop before cross-references; fix them and the rest show up together.
    doc = variant(
        timezone="Mars/Olympus",
        call_types__WELFARE__responses=["crisis", "nobody"],
        local_codes={"CW": "NOPE"},
        responses__police__max_eta_s=None,
    )
    found = errors_of(doc)
    assert {
        "timezone",
        "call_types.WELFARE.responses[1]",
        "local_codes.CW",
        "responses.police.max_eta_s",
    } <= set(found)


def test_safety_rule_rejects_civilian_escalation() -> None:
    found = errors_of(variant(disqualifiers__weapon__escalate=["crisis"]))
    assert (
        "disqualifiers.weapon.escalate[0]" in found
        and "civilian-only" in found["disqualifiers.weapon.escalate[0]"]
    )


def test_required_disqualifiers_and_default() -> None:
    found = errors_of(variant(disqualifiers__medical=None, default={"responses": ["crisis"]}))
    assert "disqualifiers.medical" in found and "default.responses" in found


def test_bad_hours_and_unknown_fields() -> None:
    found = errors_of(variant(responses__crisis__hours=["mon-fri 25:00-18:00"]))
    assert "responses.crisis.hours[0]" in found
    found = errors_of(variant(responses__police__colour="blue"))
    assert "responses.police.colour" in found


def test_bad_yaml_names_the_line() -> None:
    with pytest.raises(PolicyInvalid) as info:
        load_policy(b"jurisdiction: [unclosed\n")
    assert info.value.errors[0].field.startswith("line ")


@pytest.mark.parametrize(
    ("spec", "local", "open_"),
    [
        ("mon-fri 10:00-18:00", datetime(2026, 11, 25, 10, 0), True),
        ("mon-fri 10:00-18:00", datetime(2026, 11, 25, 18, 0), False),
        ("mon-fri 10:00-18:00", datetime(2026, 11, 28, 12, 0), False),
        ("sat 22:00-02:00", datetime(2026, 11, 29, 1, 59), True),  # Sunday 01:59, Saturday's late shift
        ("sun 22:00-02:00", datetime(2026, 11, 30, 1, 0), True),
        ("sun 22:00-02:00", datetime(2026, 11, 23, 1, 0), True),  # wraps past the end of the week
        ("daily 06:00-22:00", datetime(2026, 11, 25, 5, 59), False),
        ("weekends 09:00-16:00", datetime(2026, 11, 29, 9, 0), True),
    ],
)
def test_hours(spec: str, local: datetime, open_: bool) -> None:
    tz = ZoneInfo("America/Denver")
    schedule = Schedule(tuple(parse_hours(spec)))
    assert schedule.is_open(local.replace(tzinfo=tz), tz) is open_


def test_hours_follow_daylight_saving() -> None:
    tz = ZoneInfo("America/Denver")
    schedule = Schedule(tuple(parse_hours("daily 06:00-22:00")))
    # 13:00 UTC is 07:00 MDT in July but 06:00 MST in January: open in both, by local time.
    assert schedule.is_open(datetime(2026, 7, 1, 12, 30, tzinfo=UTC), tz)  # 06:30 MDT
    assert not schedule.is_open(datetime(2026, 1, 15, 12, 30, tzinfo=UTC), tz)  # 05:30 MST


def test_minute_table_agrees_with_the_intervals_at_every_minute_of_the_week() -> None:
    """open_at looks the minute up in a table built from the intervals; the intervals decide."""
    specs = ["mon-fri 08:00-20:00", "sat-sun 22:00-02:00", "sun 20:00-06:00", "fri-mon 18:00-03:00",
             "daily 23:30-00:30", "weekdays 00:00-24:00"]
    monday = datetime(2026, 11, 23)
    for picked in [specs[:1], specs[1:3], specs[2:5], specs]:
        intervals = tuple(i for spec in picked for i in parse_hours(spec))
        schedule, week = Schedule(intervals), 7 * 24 * 60
        for minute in range(week):
            by_intervals = any(b <= minute < e or minute < e - week for b, e in intervals)
            assert schedule.open_at(monday + timedelta(minutes=minute)) is by_intervals, (picked, minute)


def test_program_dates_bound_the_schedule() -> None:
    tz = ZoneInfo("America/Denver")
    pilot = Schedule(Schedule().intervals, date(2026, 1, 1), date(2026, 6, 30))
    assert pilot.is_open(datetime(2026, 3, 1, 12, tzinfo=tz), tz)
    assert not pilot.is_open(datetime(2026, 7, 1, 12, tzinfo=tz), tz)
    assert not pilot.is_open(datetime(2025, 12, 31, 12, tzinfo=tz), tz)


def test_area_and_hold_validation() -> None:
    found = errors_of(
        variant(
            areas__downtown={"type": "Point", "coordinates": [1, 2]},
            responses__police__hold={"max_wait_s": 60, "priorities": [4]},
            responses__crisis__area="nowhere",
        )
    )
    assert {"areas.downtown", "responses.police.hold", "responses.crisis.area"} <= set(found)
    found = errors_of(variant(zones__downtown__call_types={"NOPE": {"responses": ["police"]}}))
    assert "zones.downtown.call_types.NOPE" in found


def test_whole_day_and_dayless_hours() -> None:
    assert parse_hours("daily 00:00-24:00") == [(d * 1440, d * 1440 + 1440) for d in range(7)]
    assert parse_hours("00:00-24:00") == parse_hours("24/7")
    assert len(parse_hours("22:00-02:00")) == 7
    assert parse_hours("7 days 06:00-22:00") == parse_hours("daily 06:00-22:00")


def test_written_24_7_counts_as_always_available() -> None:
    load_policy(variant(responses__police__hours=["24/7"]))


def test_numeric_codes_duplicates_and_shadowed_local_codes() -> None:
    text = (DATA / "testville.yaml").read_text().replace('"5150": MNTL', "5150: MNTL")
    assert load_policy(text).call_types["5150"][0] == "MNTL"
    with pytest.raises(PolicyInvalid) as info:
        load_policy(text + "\ntimezone: UTC\n")
    assert "appears twice" in info.value.errors[0].message
    found = errors_of(variant(local_codes={"NOISE": "WELFARE"}))
    assert "local_codes.NOISE" in found


def test_ended_program_says_so() -> None:
    from service.domain.decision import plan
    from service.domain.model import CallEvent, Location

    doc = variant(responses__crisis__active_until="2026-01-31")
    p = plan(
        CallEvent("i", 1, "WELFARE", Location(39.7, -104.9)),  # hours drop the team before any question
        load_policy(doc),
        datetime(2026, 11, 25, 19, tzinfo=UTC),
    )
    assert any(r.code == "hours.crisis" and "ended on 2026-01-31" in r.text for r in p.reasons)
