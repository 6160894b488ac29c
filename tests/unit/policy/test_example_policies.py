"""The example jurisdiction policies in deploy/policies, the demo roster, and the San Diego mapping."""

from __future__ import annotations

import csv
import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from service.domain.model import CIVILIAN_CATEGORIES, CallEvent, Category, Location, Screening
from service.policy.compile import CompiledPolicy, PolicyInvalid, load_policy
from service.policy.schema import REQUIRED_DISQUALIFIERS

ROOT = Path(__file__).resolve().parents[3]
POLICY_DIR = ROOT / "deploy" / "policies"
ROSTER = ROOT / "deploy" / "demo" / "roster.yaml"
POLICY_FILES = sorted(POLICY_DIR.glob("*.yaml"))
REQUIRED = {
    "minneapolis": "America/Chicago",
    "san-francisco": "America/Los_Angeles",
    "tucson": "America/Phoenix",
    "denver": "America/Denver",
    "chicago": "America/Chicago",
}
# Share of the real SDPD calls (2023-01-01..20) that the San Diego example maps; measured 75.5 %.
SD_MIN_COVERAGE = 0.75


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sd_mapping", ROOT / "tools" / "sd_mapping.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("sd_mapping", module)
    spec.loader.exec_module(module)
    return module


sd_mapping = _load_tool()


def raw(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text())
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def policies() -> dict[str, CompiledPolicy]:
    out = {}
    for path in POLICY_FILES:
        policy = load_policy(path.read_bytes(), f"{path.stem}@test")
        out[policy.jurisdiction] = policy
    return out


@pytest.fixture(scope="module")
def roster() -> dict[str, Any]:
    spec = yaml.safe_load(ROSTER.read_text())
    jurisdictions = spec["jurisdictions"]
    assert isinstance(jurisdictions, dict)
    return jurisdictions


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.stem)
def test_each_example_validates_and_is_named_after_its_jurisdiction(path: Path) -> None:
    policy = load_policy(path.read_bytes())
    assert policy.jurisdiction == path.stem


def test_the_five_required_jurisdictions_exist(policies: dict[str, CompiledPolicy]) -> None:
    assert set(REQUIRED) <= set(policies)
    for name, tz in REQUIRED.items():
        assert policies[name].document.timezone == tz


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.stem)
def test_each_example_is_marked_illustrative_and_cites_sources(path: Path) -> None:
    doc = load_policy(path.read_bytes()).document
    assert "ILLUSTRATIVE EXAMPLE" in doc.notice
    assert "not an official policy" in doc.notice.lower()
    assert "as of the cited dates" in " ".join(doc.notice.split())
    assert doc.sources, "sources must cite where each rule comes from"
    assert any("programs.md §" in s and "[" in s for s in doc.sources)


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.stem)
def test_each_example_has_enough_labelled_apco_call_types(path: Path) -> None:
    doc = load_policy(path.read_bytes()).document
    assert len(doc.call_types) >= 35
    for code, rule in doc.call_types.items():
        assert code == code.upper(), code
        assert rule.label, f"{code} has no label"


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.stem)
def test_core_responses_and_a_civilian_alternative(path: Path) -> None:
    policy = load_policy(path.read_bytes())
    categories = {r.category for r in policy.responses.values()}
    assert {Category.POLICE, Category.EMS, Category.FIRE} <= categories
    assert categories & CIVILIAN_CATEGORIES, "an example without any alternative response shows nothing"
    for response in policy.responses.values():
        if response.unit_types:
            assert 300 <= response.max_eta_s <= 3600, response.name
        assert all(t == t.lower() and " " not in t for t in response.unit_types)


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.stem)
def test_disqualifiers_never_escalate_to_a_civilian_team(path: Path) -> None:
    policy = load_policy(path.read_bytes())
    assert set(REQUIRED_DISQUALIFIERS) <= set(policy.disqualifiers)
    assert "crime_in_progress" in policy.disqualifiers
    for flag, escalation in policy.disqualifiers.items():
        responses = [policy.responses[name] for name in escalation]
        assert not any(r.civilian for r in responses), flag
        assert any(r.schedule.always for r in responses), flag
    first_default = policy.responses[policy.default[0]]
    assert first_default.category == Category.POLICE and first_default.schedule.always


def test_every_call_type_ends_with_a_non_civilian_fallback(policies: dict[str, CompiledPolicy]) -> None:
    # Every call type that starts with a dispatched civilian team must end with a sworn or medical
    # response, so a call is never left with no one to send when the team is busy or off duty.
    for policy in policies.values():
        for code, (_, order) in policy.call_types.items():
            last = policy.responses[order[-1]]
            assert not last.civilian, f"{policy.jurisdiction} {code} ends with {last.name}"


def test_published_hours_are_encoded(policies: dict[str, CompiledPolicy]) -> None:
    def hours(j: str, response: str) -> list[str]:
        return list(policies[j].document.responses[response].hours)

    assert hours("denver", "star") == ["daily 06:00-22:00"]            # STAR FAQ [DEN-FAQ]
    assert hours("chicago", "care_alt") == ["mon-fri 10:30-16:30"]     # CARE pilot [CHI-BIZ]
    assert hours("minneapolis", "bcr") == []                           # 24/7 [WIKI-BCR]
    assert hours("san-francisco", "scrt") == []                        # 24/7 [SF-SCRT]
    assert hours("tucson", "crisis_line") == []                        # crisis line, 24/7
    star = policies["denver"].responses["star"]
    tz = policies["denver"].tz
    assert star.schedule.is_open(datetime(2026, 11, 25, 19, 0, tzinfo=UTC), tz)       # 12:00 MST
    assert not star.schedule.is_open(datetime(2026, 11, 26, 6, 0, tzinfo=UTC), tz)    # 23:00 MST
    # Chicago's multidisciplinary team (with a CPD officer) ended with the Sept 2024 transition.
    care_md = policies["chicago"].responses["care_md"]
    assert care_md.schedule.is_open(datetime(2024, 9, 4, 17, 0, tzinfo=UTC), policies["chicago"].tz)
    assert not care_md.schedule.is_open(datetime(2025, 9, 3, 17, 0, tzinfo=UTC), policies["chicago"].tz)


def test_roster_has_every_unit_type_each_policy_references(
    policies: dict[str, CompiledPolicy], roster: dict[str, Any]
) -> None:
    assert set(policies) == set(roster)
    for name, policy in policies.items():
        city = roster[name]
        assert -90 <= city["center"]["lat"] <= 90 and -180 <= city["center"]["lon"] <= 180
        assert 1 <= city["radius_km"] <= 30
        referenced = {t for r in policy.responses.values() for t in r.unit_types}
        missing = referenced - set(city["units"])
        assert not missing, f"{name}: roster lacks {sorted(missing)}"
        assert all(int(city["units"][t]) > 0 for t in referenced)
        unused = set(city["units"]) - referenced
        assert not unused, f"{name}: roster has unit types no response uses: {sorted(unused)}"


def test_policy_rejects_a_weapon_call_escalated_to_the_crisis_team() -> None:
    doc = raw(POLICY_DIR / "denver.yaml")
    doc["disqualifiers"]["weapon"]["escalate"] = ["star"]
    with pytest.raises(PolicyInvalid) as info:
        load_policy(doc)
    errors = {e.field: e.message for e in info.value.errors}
    assert "disqualifiers.weapon.escalate[0]" in errors
    assert "civilian-only" in errors["disqualifiers.weapon.escalate[0]"]
    # STAR has hours, so the escalation also lacks an always-available response.
    assert "disqualifiers.weapon.escalate" in errors


def test_policy_rejects_other_broken_copies() -> None:
    doc = raw(POLICY_DIR / "san-francisco.yaml")
    doc["default"]["responses"] = ["swrt"]
    doc["call_types"]["WELFARE"]["responses"] = ["swrt", "scrt", "sfpd"]
    with pytest.raises(PolicyInvalid) as info:
        load_policy(doc)
    fields = {e.field for e in info.value.errors}
    assert {"default.responses", "call_types.WELFARE.responses[2]"} <= fields

    doc = raw(POLICY_DIR / "san-diego.yaml")
    doc["local_codes"]["CW"] = "WELLNESS"
    with pytest.raises(PolicyInvalid) as info:
        load_policy(doc)
    assert [e.field for e in info.value.errors] == ["local_codes.CW"]


# --- San Diego PD CAD codes -> APCO (the real 2023 SDPD calls for service) ---------------------



@pytest.fixture(scope="module")
def sd_coverage() -> Any:
    return sd_mapping.measure(POLICY_DIR / "san-diego.yaml", sd_mapping.DEFAULT_DATA)


def test_sd_mapping_covers_the_real_calls(sd_coverage: Any) -> None:
    assert sd_coverage.total_calls > 20_000
    assert sd_coverage.mapped_share >= SD_MIN_COVERAGE
    # Whatever is not mapped is, almost entirely, unit status / radio traffic listed on purpose.
    assert sd_coverage.incident_share >= 0.99
    assert sd_coverage.gaps == [], "codes >= 0.2 % of calls neither mapped nor listed as admin"


def test_sd_mapping_matches_the_service_resolution() -> None:
    # Computed independently of the tool: read the CSV, resolve each code as the service does.
    policy = load_policy((POLICY_DIR / "san-diego.yaml").read_bytes())
    with (sd_mapping.DEFAULT_DATA / sd_mapping.CALLS_FILE).open(newline="") as fh:
        codes = [row["call_type"].strip() for row in csv.DictReader(fh)]
    mapped = sum(1 for c in codes if c and c.upper() in policy.call_types)
    assert mapped / len(codes) >= SD_MIN_COVERAGE


def test_sd_behavioral_homeless_and_disturbance_codes_are_all_mapped() -> None:
    policy = load_policy((POLICY_DIR / "san-diego.yaml").read_bytes())
    descriptions = sd_mapping.read_descriptions(sd_mapping.DEFAULT_DATA)
    # ct_map.csv (third-party) puts each call-type description in a simple category.
    wanted: set[str] = set()
    with (sd_mapping.DEFAULT_DATA / "ct_map.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) == 2 and row[1].strip() in ("mental", "homeless", "disturbing"):
                wanted.add(row[0].strip())
    codes = {code for code, desc in descriptions.items() if desc in wanted}
    codes |= {"CW", "11-8", "5150", "5150V", "647F", "SLEEPER", "1140OD", "FS", "MS", "602", "314"}
    assert len(codes) >= 15
    unmapped = sorted(c for c in codes if c.upper() not in policy.call_types)
    assert not unmapped
    assert policy.call_types["CW"][0] == "WELFARE"
    assert policy.call_types["5150"][0] == "MNTL"
    assert policy.call_types["5150V"][0] == "MTLV"
    assert policy.call_types["SLEEPER"][0] == "VAG"
    assert policy.call_types["647F"][0] == "INTOX"
    assert policy.call_types["415"][0] == "DISORD"
    assert policy.call_types["415V"][0] == "FIGHT"


def test_sd_local_code_never_hides_behind_an_apco_code_of_the_same_spelling() -> None:
    # The service lets an APCO call type win over a local code spelled the same (compile_policy), so
    # a local code that differs in meaning must not collide with a call type of the policy.
    doc = load_policy((POLICY_DIR / "san-diego.yaml").read_bytes()).document
    call_types = {c.upper() for c in doc.call_types}
    for local, apco in doc.local_codes.items():
        assert local.upper() not in call_types or local.upper() == apco.upper(), local


# --- The decision on the examples (skipped while the decision core cannot be imported) ----------


def test_denver_welfare_check_by_time_of_day(policies: dict[str, CompiledPolicy]) -> None:
    from service.domain import decision
    denver = policies["denver"]
    units = {"star_van": [("STAR-1", 2500.0)], "co_responder": [("CR-1", 3000.0)],
             "police": [("P-1", 1200.0)], "ems": [("M-1", 900.0)]}

    def call(**screening: bool) -> Any:
        # The call-taker asked weapon and violence (Denver requires both; medical is relaxed).
        answers = {"weapon": False, "violence": False, **screening}
        return CallEvent("t-1", 1, "WELFARE", Location(39.7439, -104.9899), screening=Screening(**answers))

    noon = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
    late = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
    assert decision.recommend(call(), denver, units, noon, "r1").response == "star"
    # Not asked is not no: with violence unasked, the co-responder, and the question to ask.
    unasked = decision.recommend(call(violence=None), denver, units, noon, "r0")
    assert unasked.response == "co_responder" and [q.question for q in unasked.ask] == ["violence"]
    assert decision.recommend(call(), denver, units, late, "r2").response == "co_responder"
    armed = decision.recommend(call(weapon=True), denver, units, noon, "r3")
    assert armed.response == "police" and armed.category == Category.POLICE
    assert all(a.category not in CIVILIAN_CATEGORIES for a in armed.alternatives)
