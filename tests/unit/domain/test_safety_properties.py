"""Safety as properties over generated calls, narratives, unit states and times, for every policy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.domain.decision import recommend
from service.domain.model import CIVILIAN_CATEGORIES, CallEvent, Location, Screening
from service.policy.compile import CompiledPolicy, PolicyInvalid, load_policy
from tests.support import DATA, ROOT
from tests.support.properties import examples

POLICY_FILES = [*sorted((ROOT / "deploy" / "policies").glob("*.yaml")), DATA / "testville.yaml"]
POLICIES = {path.stem: load_policy(path.read_bytes(), f"{path.stem}@test") for path in POLICY_FILES}

NEUTRAL = [
    "man sleeping in doorway",
    "caller says male yelling at traffic",
    "no weapons seen",
    "RP states subj confused, unk if ETOH",
    "neighbor playing loud music",
    "denies having a gun",
    "not violent per caller",
    "subj sitting on bench talking to himself",
    "no injuries reported",
    "wants to talk to someone",
    "homeless female refusing to leave lobby",
    "",
]
DISQUALIFYING = {
    "weapon": ["he has a gun in his waistband", "waving a knife at people", "GSW to leg"],
    "violence": ["he is punching his girlfriend", "threatening to kill the neighbor"],
    "medical": ["pt unconscious and not breathing", "c/o chest pain", "possible OD, turning blue"],
    "injury": ["bleeding heavily from the head"],
}
ANSWERS = ("weapon", "violence", "injury", "medical")
BASE = datetime(2026, 1, 1, tzinfo=UTC)


def availability(policy: CompiledPolicy) -> st.SearchStrategy[dict[str, list[tuple[str, float]]]]:
    types = sorted({t for r in policy.responses.values() for t in r.unit_types})
    per_type = st.lists(st.floats(min_value=10, max_value=40_000), max_size=4).map(sorted)
    return st.fixed_dictionaries({t: per_type for t in types}).map(
        lambda d: {t: [(f"{t}-{i}", dist) for i, dist in enumerate(ds)] for t, ds in d.items()}
    )


@st.composite
def scenario(
    draw: st.DrawFn,
) -> tuple[CompiledPolicy, CallEvent, dict[str, list[tuple[str, float]]] | None, datetime]:
    policy = POLICIES[draw(st.sampled_from(sorted(POLICIES)))]
    codes = [*sorted(policy.call_types), "NOSUCHCODE"]
    answers = {a: draw(st.sampled_from([None, False])) for a in ANSWERS}
    call = CallEvent(
        incident_id="prop-1",
        seq=1,
        call_type=draw(st.sampled_from(codes)),
        location=Location(draw(st.floats(25, 49)), draw(st.floats(-124, -70))),
        priority=draw(st.none() | st.integers(0, 9)),
        narrative=". ".join(draw(st.lists(st.sampled_from(NEUTRAL), max_size=3))),
        screening=Screening(**answers),
    )
    units = draw(st.none() | availability(policy))
    when = BASE + timedelta(minutes=draw(st.integers(0, 366 * 24 * 60)))
    return policy, call, units, when


def with_disqualifier(call: CallEvent, how: str, flag: str, phrase: str) -> CallEvent:
    if how == "answer":
        answers = {a: getattr(call.screening, a) for a in ANSWERS}
        answers[flag] = True
        return CallEvent(
            call.incident_id,
            call.seq,
            call.call_type,
            call.location,
            priority=call.priority,
            narrative=call.narrative,
            screening=Screening(**answers),
        )
    narrative = f"{call.narrative}. {phrase}" if call.narrative else phrase
    return CallEvent(
        call.incident_id,
        call.seq,
        call.call_type,
        call.location,
        priority=call.priority,
        narrative=narrative,
        screening=call.screening,
    )


PROPERTY = settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(
    scenario(),
    st.sampled_from(["answer", "narrative"]),
    st.sampled_from([(f, p) for f, ps in DISQUALIFYING.items() for p in ps]),
)
def test_a_disqualifier_never_yields_a_civilian_only_response(
    case: tuple[CompiledPolicy, CallEvent, dict[str, list[tuple[str, float]]] | None, datetime],
    how: str,
    disqualifier: tuple[str, str],
) -> None:
    policy, call, units, when = case
    before = recommend(call, policy, units, when, "r")
    after = recommend(with_disqualifier(call, how, *disqualifier), policy, units, when, "r")
    assert disqualifier[0] in after.flags
    assert after.category not in CIVILIAN_CATEGORIES, after.reasons
    assert after.queued_for is None
    assert all(a.category not in CIVILIAN_CATEGORIES for a in after.alternatives)
    if before.category not in CIVILIAN_CATEGORIES:
        assert after.category not in CIVILIAN_CATEGORIES


@PROPERTY
@given(scenario())
def test_same_inputs_same_answer(
    case: tuple[CompiledPolicy, CallEvent, dict[str, list[tuple[str, float]]] | None, datetime],
) -> None:
    policy, call, units, when = case
    assert recommend(call, policy, units, when, "r") == recommend(call, policy, units, when, "r")


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.stem)
@given(data=st.data())
@settings(max_examples=examples(25), deadline=None)
def test_validation_rejects_a_policy_that_would_break_the_safety_rule(
    path: Path, data: st.DataObject
) -> None:
    doc = yaml.safe_load(path.read_text())
    civilian = sorted(
        n for n, r in doc["responses"].items() if r["category"] in {c.value for c in CIVILIAN_CATEGORIES}
    )
    if not civilian:
        return
    flag = data.draw(st.sampled_from(sorted(doc["disqualifiers"])))
    name = data.draw(st.sampled_from(civilian))
    doc["disqualifiers"][flag]["escalate"].insert(data.draw(st.integers(0, 1)), name)
    with pytest.raises(PolicyInvalid) as info:
        load_policy(doc)
    assert any(
        e.field.startswith(f"disqualifiers.{flag}.escalate") and "civilian-only" in e.message
        for e in info.value.errors
    )
