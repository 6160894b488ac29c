"""Replay (issue 7) on small real extracts, with expectations computed independently in the test.

Data: tests/data/replay/sd_calls_2023-01-10.csv is every SDPD call received 2023-01-10 18:00 to
2023-01-11 02:30 (372 rows, as published); lane_county_200.csv is the first 200 rows of the Mobile
Crisis Services of Lane County log; the code tables are copies of the published ones.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import NormalDist
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest
import yaml

from service.cli import main as cli
from service.domain.decision import decide, plan
from service.domain.model import CallEvent, Location
from service.policy.compile import CompiledPolicy, load_policy
from service.replay.assumptions import diversion, learned_for
from service.replay.calls import CallTable, _Clock, read_calls
from service.replay.classify import Classification, classify
from service.replay.equity import equity, lower_p_value
from service.replay.figures import eligible, scenario_figures, utilisation
from service.replay.mapping import MappingError, load_mapping
from service.replay.roster import RosterFile, Scenario, ServiceSpec, Shift, parse_what_if, service_models
from service.replay.runner import with_hours
from service.replay.servicetime import load_service_log
from service.replay.simulate import simulate
from service.replay.summary import summarise

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data" / "replay"
CALLS = DATA / "sd_calls_2023-01-10.csv"
LANE = DATA / "lane_county_200.csv"
PUBLISHED = ROOT / "data"
LA = ZoneInfo("America/Los_Angeles")


@pytest.fixture(scope="module")
def policy() -> CompiledPolicy:
    return load_policy((DATA / "sd-test-policy.yaml").read_bytes(), version="test")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CALLS.open(newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["disposition"] not in ("DUP", "V")]


@pytest.fixture(scope="module")
def table(policy: CompiledPolicy) -> CallTable:
    t = read_calls(CALLS, load_mapping(DATA / "sd-mapping.yaml"), policy.tz)
    return t.take(t.order())


def classify_asked(table: CallTable, policy: CompiledPolicy) -> Classification:
    """The oracle below reads the policy as if every call-taker asked and heard "no": the replay's
    `--answers no` assumption (service/replay/assumptions.py), stated here as the test's premise."""
    return classify(table, policy, learned=learned_for(policy, "no"))


@pytest.fixture(scope="module")
def result(table: CallTable, policy: CompiledPolicy) -> Classification:
    return classify_asked(table, policy)


# -- an oracle written from the policy YAML, not from the decision core ---------------------------
def _open(spec: dict[str, Any], local: datetime) -> bool:
    if "active_from" in spec and local.date() < date.fromisoformat(str(spec["active_from"])):
        return False
    for hours in spec.get("hours", []):
        days, span = hours.split(" ")
        assert days == "daily"
        start, end = ((int(x[:2]) * 60 + int(x[3:])) for x in span.split("-"))
        minute = local.hour * 60 + local.minute
        if (start <= minute < end) if start < end else (minute >= start or minute < end):
            return True
    return not spec.get("hours")


def oracle(row: dict[str, str], doc: dict[str, Any]) -> tuple[str, bool]:
    """(preferred response, mapped?) for one CSV row, straight from the policy document."""
    code = row["call_type"].strip()
    apco = doc["local_codes"].get(code, code)
    rule = doc["call_types"].get(apco)
    order = (rule or doc["default"])["responses"]
    local = datetime.fromisoformat(row["date_time"])
    return next(r for r in order if _open(doc["responses"][r], local)), rule is not None


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return dict(yaml.safe_load((DATA / "sd-test-policy.yaml").read_text()))


# -- reading ---------------------------------------------------------------------------------------
def test_extracts_are_unchanged_rows_of_the_published_files() -> None:
    pairs = [
        (CALLS, PUBLISHED / "san_diego_pd_cfs" / "pd_calls_for_service_2023_datasd.csv"),
        (LANE, PUBLISHED / "lane_county_mobile_crisis" / "mcslc_dispatches.csv"),
    ]
    for extract, source in pairs:
        published = set(source.read_bytes().splitlines())
        assert set(extract.read_bytes().splitlines()) <= published


def test_reader_keeps_every_row_but_duplicates(table: CallTable, rows: list[dict[str, str]]) -> None:
    with CALLS.open(newline="") as fh:
        everything = list(csv.DictReader(fh))
    assert table.meta["rows"] == len(everything) == 372
    assert table.meta["excluded"] == {"disposition=DUP": sum(r["disposition"] == "DUP" for r in everything)}
    assert len(table) == len(rows)
    assert Counter(table.codes[c] for c in table.code.tolist()) == Counter(r["call_type"] for r in rows)
    assert Counter(table.zones[z] for z in table.zone.tolist()) == Counter(r["beat"] for r in rows)
    by_id = {r["incident_num"]: r for r in rows}
    for i in range(len(table)):
        row = by_id[table.ids[i]]
        wall = datetime.fromisoformat(row["date_time"])
        assert table.ts[i] == wall.replace(tzinfo=LA).timestamp()
        assert table.mow[i] == wall.weekday() * 1440 + wall.hour * 60 + wall.minute
        assert table.priority[i] == int(row["priority"])


@pytest.mark.parametrize("day", [date(2023, 3, 12), date(2023, 11, 5)])
def test_clock_is_exact_on_dst_days(day: date) -> None:
    clock = _Clock(LA, LA)
    start = datetime(day.year, day.month, day.day)
    for minute in range(0, 24 * 60, 7):
        wall = start + timedelta(minutes=minute, seconds=13)
        ts, mow, ordinal = clock.convert(wall)
        assert ts == wall.replace(tzinfo=LA).timestamp()
        seen = datetime.fromtimestamp(ts, LA)
        assert (mow, ordinal) == (seen.weekday() * 1440 + seen.hour * 60 + seen.minute, seen.toordinal())


def test_time_with_offset_and_other_zone(policy: CompiledPolicy, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("t,type\n2023-01-10T20:00:00+00:00,CW\n2023-01-10 15:00:00,CW\nnot a time,CW\n")
    mapping = load_mapping(None, {"received": "t", "call_type": "type"})
    mapping.timezone = "America/New_York"
    t = read_calls(path, mapping, policy.tz)
    assert len(t) == 2 and t.meta["bad_time"] == 1
    assert t.ts.tolist() == [datetime(2023, 1, 10, 20, tzinfo=ZoneInfo("UTC")).timestamp()] * 2
    assert t.mow.tolist() == [1 * 1440 + 12 * 60] * 2  # Tuesday 12:00 in Los Angeles


def test_mapping_errors(policy: CompiledPolicy) -> None:
    with pytest.raises(MappingError, match="no column 'when'"):
        read_calls(CALLS, load_mapping(None, {"received": "when", "call_type": "call_type"}), policy.tz)
    with pytest.raises(MappingError, match="role is one of"):
        load_mapping(None, {"colour": "x"})


# -- classification --------------------------------------------------------------------------------
def _reference(table: CallTable, policy: CompiledPolicy, assume: str = "no") -> list[tuple[str, ...]]:
    out = []
    learned = learned_for(policy, assume)  # type: ignore[arg-type]
    for i in range(len(table)):
        call = cli_call(table, i)
        out.append(tuple(c.name for c in plan(call, policy, table.local_time(i), learned=learned).candidates))
    return out


def cli_call(table: CallTable, i: int) -> CallEvent:
    prio = int(table.priority[i])
    return CallEvent(
        incident_id=table.ids[i],
        seq=0,
        call_type=table.codes[int(table.code[i])],
        location=Location(lat=0.0, lon=0.0, zone=table.zones[int(table.zone[i])] or None),
        priority=None if prio < 0 else prio,
    )


def test_grouped_plan_is_exactly_plan_for_every_call(
    table: CallTable, policy: CompiledPolicy, result: Classification
) -> None:
    grouped = [tuple(c.name for c in result.plans[p].candidates) for p in result.plan_of.tolist()]
    assert grouped == _reference(table, policy)
    assert result.groups < len(table)


def test_grouped_plan_with_the_san_diego_policy() -> None:
    path = ROOT / "deploy" / "policies" / "san-diego.yaml"
    sd = load_policy(path.read_bytes())
    t = read_calls(CALLS, load_mapping(DATA / "sd-mapping.yaml"), sd.tz)
    r = classify(t, sd)  # answers as the CAD sends them: none, only what call types imply
    grouped = [tuple(c.name for c in r.plans[p].candidates) for p in r.plan_of.tolist()]
    assert grouped == _reference(t, sd, "implied")
    assert (classify(t, sd, cache=False).preferred == r.preferred).all()


def test_diversion_three_ways_on_the_san_diego_extract() -> None:
    """Blank answers and call-type implications alone never divert more than answers assumed no,
    and the report names the assumption it used."""
    from service.replay.assumptions import diversion_three_ways, policy_for

    sd = load_policy((ROOT / "deploy" / "policies" / "san-diego.yaml").read_bytes())
    t = read_calls(CALLS, load_mapping(DATA / "sd-mapping.yaml"), sd.tz)
    three = diversion_three_ways(t, sd)
    assert three["blank"]["eligible"] == three["no"]["eligible"] > 0
    assert three["blank"]["share"] <= three["implied"]["share"] <= three["no"]["share"]
    assert three["no"]["share"] > 0.5  # the upper bound: every question asked and answered no
    # The blank policy really has no implications; the implied one has the example's.
    assert not policy_for(sd, "blank").questions.by_call_type and sd.questions.by_call_type
    implied = classify(t, sd)
    assert diversion(t, implied) == {k: three["implied"][k] for k in ("eligible", "civilian", "share")}


def test_shares_match_an_independent_count(
    table: CallTable, result: Classification, rows: list[dict[str, str]], doc: dict[str, Any]
) -> None:
    s = summarise(table, result)
    expected = Counter(oracle(r, doc)[0] for r in rows)
    assert {k: v["calls"] for k, v in s["by_response"].items()} == dict(expected)
    n = len(rows)
    for name, count in expected.items():
        assert s["by_response"][name]["share"] == round(count / n, 4)
    unmapped = Counter(r["call_type"] for r in rows if not oracle(r, doc)[1])
    assert s["unmapped"]["calls"] == sum(unmapped.values())
    assert s["unmapped"]["codes"] == len(unmapped)
    assert {t["code"]: t["calls"] for t in s["by_call_type"]} == dict(Counter(r["call_type"] for r in rows))
    hours = Counter(int(r["date_time"][11:13]) for r in rows)
    assert s["by_hour"]["calls"] == [hours.get(h, 0) for h in range(24)]
    civilian = {"crisis", "community", "pilot", "r311"}
    assert s["civilian"]["preferred"] == sum(v for k, v in expected.items() if k in civilian)
    # The pilot starts on 2023-01-11: only INTOX calls after midnight may get it.
    assert all(
        datetime.fromisoformat(r["date_time"]).date() == date(2023, 1, 11)
        for r in rows
        if oracle(r, doc)[0] == "pilot"
    )


# -- service times ---------------------------------------------------------------------------------
def test_service_log_cleaning_matches_a_hand_count() -> None:
    log = load_service_log(LANE)
    kept = []
    with LANE.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                travel, scene = (
                    float(row["Minutes: Dispatch → Arrival"]),
                    float(row["Minutes: Arrival → Departure"]),
                )
            except ValueError:
                continue
            if 0 <= travel <= 120 and 1 <= scene <= 180:
                kept.append(travel + scene)
    assert log.rows == 200
    assert sorted(log.minutes.tolist()) == sorted(kept)
    assert sum(log.dropped.values()) == 200 - len(kept)
    model = service_models(RosterFile(units={"crisis_van": []}), ["crisis_van"], log)["crisis_van"]
    draws = model.sample(np.random.default_rng(1), 5000) / 60
    assert set(draws.tolist()) <= set(kept)
    assert abs(draws.mean() - np.mean(kept)) < 3


# -- simulation ------------------------------------------------------------------------------------
def _hand_table(
    policy: CompiledPolicy, tmp_path: Path, minutes: list[int]
) -> tuple[CallTable, Classification]:
    path = tmp_path / "hand.csv"
    lines = ["id,t,type,prio,beat"] + [
        f"c{k},2023-01-10 10:{m:02d}:00,CW,3,111" for k, m in enumerate(minutes)
    ]
    path.write_text("\n".join(lines) + "\n")
    mapping = load_mapping(
        None, {"incident_id": "id", "received": "t", "call_type": "type", "priority": "prio", "zone": "beat"}
    )
    t = read_calls(path, mapping, policy.tz)
    return t, classify_asked(t, policy)


def _one_van(hold: float | None = None) -> tuple[Scenario, dict[str, list[Shift]], dict[str, Any]]:
    base = {"crisis_van": [Shift(1, "24/7")]}
    roster = RosterFile(units=base, service_times={"crisis_van": ServiceSpec(fixed_minutes=30)})
    return (
        Scenario("one van", units=base, hold_minutes=hold),
        base,
        service_models(roster, ["crisis_van"], None),
    )


def test_one_van_by_hand(policy: CompiledPolicy, tmp_path: Path) -> None:
    # Welfare checks at 10:00, 10:10, 10:20, 10:40; one van, 30 minutes a call, no waiting:
    # 10:00 takes the van until 10:30; 10:10 and 10:20 fall back to co-response; 10:40 takes it again.
    t, r = _hand_table(policy, tmp_path, [0, 10, 20, 40])
    scenario, base, models = _one_van()
    sim = simulate(t, r, scenario, base=base, models=models)
    assert [r.names[c] for c in sim.chosen.tolist()] == ["crisis", "co_response", "co_response", "crisis"]
    fig = scenario_figures(t, r, sim, {}, models)
    assert (fig["eligible"], fig["served_civilian"], fig["fallbacks"]) == (4, 2, {"co_response": 2})
    # Busy 10:00-10:30 and 10:40-11:10, counted inside the hour 10:00-11:00: 50 of 60 minutes.
    assert utilisation(t, sim)["crisis_van"]["utilisation"] == round(50 / 60, 4)


def test_one_van_with_holding_by_hand(policy: CompiledPolicy, tmp_path: Path) -> None:
    # Waiting up to 25 minutes: 10:10 waits for the van freed at 10:30 (20 min); 10:20 would wait
    # until 10:45 but the van is busy until 11:00, so it falls back at 10:45; 10:40 waits until 11:00.
    t, r = _hand_table(policy, tmp_path, [0, 10, 20, 40])
    scenario, base, models = _one_van(hold=25)
    sim = simulate(t, r, scenario, base=base, models=models)
    assert [r.names[c] for c in sim.chosen.tolist()] == ["crisis", "crisis", "co_response", "crisis"]
    assert sim.held.tolist() == [False, True, True, True]
    assert (sim.wait_s[1:] / 60).tolist() == [20, 25, 20]
    fig = scenario_figures(t, r, sim, {}, models)
    assert (fig["held"], fig["held_served"], fig["held_fell_back"]) == (3, 2, 1)
    assert fig["wait_minutes"]["p50"] == 20


def _second_choice(r: Classification, pid: int, roster_types: set[str]) -> str:
    """What `decide` falls back to when the roster's unit types have no unit at all."""
    p = r.plans[pid]
    availability = {u: [] if u in roster_types else [(u, 0.0)] for c in p.candidates for u in c.unit_types}
    return decide(p, availability).response.name


def test_no_units_and_plenty_of_units(table: CallTable, result: Classification) -> None:
    types = {"crisis_van", "community_van", "co_responder"}
    spec = ServiceSpec(fixed_minutes=45)
    models = service_models(
        RosterFile(units={}, service_times=dict.fromkeys(types, spec)), sorted(types), None
    )
    none = {t: [Shift(0)] for t in types}
    sim = simulate(table, result, Scenario("none", units=none), base=none, models=models)
    want = [_second_choice(result, p, types) for p in result.plan_of.tolist()]
    assert [result.names[c] for c in sim.chosen.tolist()] == want
    assert scenario_figures(table, result, sim, {}, models)["served_civilian"] == 0
    plenty = {t: [Shift(500)] for t in types}
    sim = simulate(table, result, Scenario("plenty", units=plenty), base=plenty, models=models)
    assert (sim.chosen == result.preferred).all()
    fig = scenario_figures(table, result, sim, {}, models)
    assert fig["eligible"] == int(eligible(result).sum()) > 0
    assert fig["served_civilian_share"] == 1.0


# -- equity ----------------------------------------------------------------------------------------
def test_p_value_against_the_normal_distribution() -> None:
    x, n, total_x, total_n = 12, 40, 300, 500
    pooled = total_x / total_n
    z = (x / n - (total_x - x) / (total_n - n)) / math.sqrt(
        pooled * (1 - pooled) * (1 / n + 1 / (total_n - n))
    )
    assert lower_p_value(x, n, total_x, total_n) == pytest.approx(NormalDist().cdf(z), rel=1e-9)


def test_equity_flags_follow_the_rule(table: CallTable, result: Classification) -> None:
    one = {"crisis_van": [Shift(1)], "community_van": [Shift(1)]}
    models = service_models(
        RosterFile(units=one, service_times={t: ServiceSpec(fixed_minutes=60) for t in one}), list(one), None
    )
    sim = simulate(table, result, Scenario("tight", units=one), base=one, models=models)
    eq = equity(table, result, sim, min_calls=3, ratio=0.8)
    city = eq["city"]["availability"]["share"]
    for zone in eq["zones"]:
        m = zone["availability"]
        if m:
            assert m["flagged"] == (m["calls"] >= 3 and m["served"] / m["calls"] < 0.8 * city)
    assert sum(z["availability"]["calls"] for z in eq["zones"] if z["availability"]) == int(
        eligible(result).sum()
    )


# -- what-ifs and the command line -----------------------------------------------------------------
def test_what_if_text() -> None:
    s = parse_what_if("add 2 crisis_van daily 10:00-22:00")
    assert s.add == {"crisis_van": [Shift(2, "daily 10:00-22:00")]}
    assert parse_what_if("hold 15 min").hold_minutes == 15
    with pytest.raises(ValueError, match="what-if"):
        parse_what_if("more vans please")


def test_command_line_reports_a_bad_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(
        [
            "replay",
            str(CALLS),
            "--column",
            "received=nope",
            "--column",
            "call_type=call_type",
            "--policy",
            str(DATA / "sd-test-policy.yaml"),
            "--out",
            str(tmp_path),
            "--no-progress",
        ]
    )
    assert code == 2
    assert "no column 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize(("priority", "held"), [(3, [False, True, True, True]), (2, [False] * 4)])
def test_the_policys_own_hold(doc: dict[str, Any], tmp_path: Path, priority: int, held: list[bool]) -> None:
    # The policy queues priority 3-4 welfare checks for the crisis team up to 25 minutes: the same
    # story as the hand-worked hold above, told by decide() itself; priority 2 is never held.
    with_hold = json.loads(json.dumps(doc, default=str))
    with_hold["responses"]["crisis"]["hold"] = {"max_wait_s": 1500, "priorities": [3, 4]}
    held_policy = load_policy(with_hold)
    t, r = _hand_table(held_policy, tmp_path, [0, 10, 20, 40])
    t.priority[:] = priority
    r = classify_asked(t, held_policy)
    scenario, base, models = _one_van()
    sim = simulate(t, r, scenario, base=base, models=models)
    assert sim.held.tolist() == held
    if priority == 3:
        assert [r.names[c] for c in sim.chosen.tolist()] == ["crisis", "crisis", "co_response", "crisis"]
        assert (sim.wait_s[1:] / 60).tolist() == [20, 25, 20]
    else:
        assert [r.names[c] for c in sim.chosen.tolist()] == ["crisis", "co_response", "co_response", "crisis"]


def test_hours_what_if_plans_again(
    table: CallTable, policy: CompiledPolicy, rows: list[dict[str, str]], doc: dict[str, Any]
) -> None:
    scenario = parse_what_if("hours community daily 08:00-23:00")
    assert scenario.hours == {"community": ["daily 08:00-23:00"]}
    later = classify_asked(table, with_hours(policy, scenario.hours))
    changed = json.loads(json.dumps(doc, default=str))
    changed["responses"]["community"]["hours"] = ["daily 08:00-23:00"]
    by_id = {r["incident_num"]: r for r in rows}
    assert [later.names[p] for p in later.preferred.tolist()] == [
        oracle(by_id[i], changed)[0] for i in table.ids
    ]
    assert (later.preferred != classify_asked(table, policy).preferred).any()
    with pytest.raises(ValueError, match="not a response"):
        with_hours(policy, {"nobody": ["24/7"]})


def test_a_roster_unit_type_the_policy_does_not_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(
        [
            "replay",
            str(CALLS),
            "--mapping",
            str(DATA / "sd-mapping.yaml"),
            "--roster",
            str(DATA / "roster.yaml"),
            "--what-if",
            "add 2 crisis_vans daily 10:00-22:00",
            "--out",
            str(tmp_path),
            "--no-progress",
        ]
    )
    assert code == 2
    assert "crisis_vans is not used by any response" in capsys.readouterr().err
