"""Not asked is not no, as a property over every example policy: taking away an answer to a
question the policy requires (from the caller, or learned from a dispatcher) never moves the
recommendation toward a civilian-only category; and `ask` is exactly what stands in the way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.domain.decision import recommend
from service.domain.model import CIVILIAN_CATEGORIES, Answer, CallEvent, Location, Screening
from service.policy.compile import CompiledPolicy, load_policy
from service.screening.readable import readable
from service.state.incidents import UNREADABLE_MARK
from tests.support import DATA, ROOT
from tests.support.properties import examples

FILES = [*sorted((ROOT / "deploy" / "policies").glob("*.yaml")), DATA / "testville.yaml"]
POLICIES = {path.stem: load_policy(path.read_bytes(), f"{path.stem}@test") for path in FILES}
FIELDS = {
    "weapon": "weapon",
    "violence": "violence",
    "medical": "medical",
    "injury": "injury",
    "intoxication": "substance",
    "crime_in_progress": "crime_in_progress",
    "suicidal": "suicidal",
}
NARRATIVES = [
    "",
    "man sleeping in doorway",
    "no weapons seen, not violent",
    "subj yelling at traffic",
    "mi hermano está muy agitado y no sé qué hacer",
    "pt c/o chest pain",
    "he has a knife",
]
DETERMINANTS = [None, "25-A-1", "25A01C", "25-A-1V", "25-O-2", "25-C-2", "25-B-6", "99Z9"]
BASE = datetime(2026, 1, 5, tzinfo=UTC)


@st.composite
def case(draw: st.DrawFn) -> tuple[CompiledPolicy, CallEvent, list[Answer], datetime]:
    policy = POLICIES[draw(st.sampled_from(sorted(POLICIES)))]
    answers = {
        a: draw(st.sampled_from([None, None, False, False, True])) for a in Screening.__struct_fields__
    }
    learned = [
        Answer(q, draw(st.booleans()), "dispatcher", "test")
        for q in draw(st.lists(st.sampled_from(list(FIELDS)), max_size=3, unique=True))
    ]
    call = CallEvent(
        "p-1",
        1,
        draw(st.sampled_from(sorted(policy.call_types))),
        Location(draw(st.floats(25, 49)), draw(st.floats(-124, -70))),
        priority=draw(st.none() | st.integers(0, 9)),
        narrative=draw(st.sampled_from(NARRATIVES)),
        screening=Screening(**answers),
        determinant=draw(st.sampled_from(DETERMINANTS)),
    )
    return policy, call, learned, BASE + timedelta(minutes=draw(st.integers(0, 7 * 24 * 60)))


def civilian(policy: CompiledPolicy, call: CallEvent, learned: list[Answer], when: datetime) -> bool:
    units = {t: [(f"{t}-1", 100.0)] for r in policy.responses.values() for t in r.unit_types}
    return recommend(call, policy, units, when, "r", learned=learned).category in CIVILIAN_CATEGORIES


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case(), st.data())
def test_removing_a_required_answer_never_moves_toward_civilian(
    c: tuple[CompiledPolicy, CallEvent, list[Answer], datetime], data: st.DataObject
) -> None:
    policy, call, learned, when = c
    before = civilian(policy, call, learned, when)
    question = data.draw(st.sampled_from(policy.questions.required))
    field = FIELDS[question]
    without_caller = msgspec.structs.replace(
        call, screening=msgspec.structs.replace(call.screening, **{field: None})
    )
    without_learned = [a for a in learned if a.question != question]
    # The question becomes unanswered: taken from every source that answered it. (Taking a caller's
    # "yes" away while a dispatcher's "no" stays is not removing the answer: the "no" is one.)
    variants = [(without_caller, without_learned)]
    if len(without_learned) == len(learned):
        variants.append((without_caller, learned))
    if getattr(call.screening, field) is None:
        variants.append((call, without_learned))
    units = {t: [(f"{t}-1", 100.0)] for r in policy.responses.values() for t in r.unit_types}
    for variant, kept in variants:
        after = recommend(variant, policy, units, when, "r", learned=kept)
        if any(a.question == question for a in after.answers):
            continue  # another source (call type, determinant, narrative) still answers it
        # A required question left unanswered never lets a civilian-only response through, so
        # removing its answer can only keep the category or move it away from civilian-only.
        assert after.category not in CIVILIAN_CATEGORIES, (policy.jurisdiction, question, variant, kept)
        assert before or after.category not in CIVILIAN_CATEGORIES


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case())
def test_answering_no_to_every_asked_question_unlocks_what_it_says(
    c: tuple[CompiledPolicy, CallEvent, list[Answer], datetime],
) -> None:
    policy, call, learned, when = c
    units = {t: [(f"{t}-1", 100.0)] for r in policy.responses.values() for t in r.unit_types}
    rec = recommend(call, policy, units, when, "r", learned=learned)
    if not rec.ask:
        return
    assert len({q.unlocks for q in rec.ask}) == 1 and rec.category not in CIVILIAN_CATEGORIES
    told = [Answer(q.question, False, "dispatcher", "test") for q in rec.ask]
    after = recommend(call, policy, units, when, "r", learned=[*learned, *told])
    assert after.ask == [] and not any(r.code.endswith(".unasked") for r in after.reasons)
    assert after.response == rec.ask[0].unlocks


def test_the_revision_stand_in_for_an_unreadable_narrative_is_unreadable() -> None:
    assert not readable(UNREADABLE_MARK)
    assert not readable("mi hermano está muy agitado y tiene algo en la mano")
    assert readable("caller states her brother is upset and yelling, no weapons")


def test_the_dispatchers_no_counts_where_the_determinants_no_does_not() -> None:
    """Found by the property above: a determinant implies "no" to weapon, violence and medical, the
    Spanish narrative cannot be read, so the three are asked; the dispatcher's "no" to each must then
    be the answer kept (not the determinant's, which does not count beside unreadable text)."""
    policy = POLICIES["san-diego"]
    call = CallEvent(
        "p-1", 1, "EDP", Location(32.7, -117.1), narrative=NARRATIVES[4], determinant="25-A-1"
    )
    units = {t: [(f"{t}-1", 100.0)] for r in policy.responses.values() for t in r.unit_types}
    rec = recommend(call, policy, units, BASE, "r", learned=[])
    assert sorted(q.question for q in rec.ask) == ["medical", "violence", "weapon"]
    told = [Answer(q.question, False, "dispatcher", "test") for q in rec.ask]
    after = recommend(call, policy, units, BASE, "r", learned=told)
    assert after.ask == [] and after.response == rec.ask[0].unlocks
    assert {a.question: a.source for a in after.answers} == {
        "medical": "dispatcher", "violence": "dispatcher", "weapon": "dispatcher"
    }
