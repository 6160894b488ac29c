"""What the call-taker knows: screening answers from every source the CAD gives, with provenance.

Part of the pure decision core. A CAD rarely sends yes/no fields; it sends the call type the
call-taker chose after questioning, often a protocol determinant, and the narrative. The policy
says which call types and determinants imply which answers (service/policy/questions.py), each
with its protocol source. Answers from all sources, and those learned from earlier events of the
incident, combine in one direction only: any "yes" wins, and a "no" counts only when it comes
from an explicit negative source. An answer nobody gave stays unknown: not asked is not no.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from service.domain.model import Answer, CallEvent, Reason, Screening
from service.screening.screen import FLAGS, ScreeningTerms, screen_narrative

if TYPE_CHECKING:  # the compiled policy imports this module's rule type
    from service.policy.questions import CompiledQuestions

__all__ = [
    "SCREENING_FLAGS",
    "Determinant",
    "DeterminantRule",
    "caller_answers",
    "determinant_answers",
    "known",
    "learned_fields",
    "merge",
    "parse_determinant",
    "why",
]

# Screening answer field -> screening flag; the CAD's "substance" is our "intoxication".
SCREENING_FLAGS = {
    "weapon": "weapon",
    "violence": "violence",
    "injury": "injury",
    "medical": "medical",
    "suicidal": "suicidal",
    "substance": "intoxication",
    "crime_in_progress": "crime_in_progress",
}
_FIELDS = tuple((Screening.__struct_fields__.index(a), flag) for a, flag in SCREENING_FLAGS.items())
# Per flag, the narrative reasons' codes and texts: (code, text, hedged text, denial code, denial text).
_NARRATIVE_REASONS = {
    flag: (
        f"screen.{flag}.narrative",
        f"narrative mentions {flag.replace('_', ' ')}",
        f"narrative mentions {flag.replace('_', ' ')} (hedged, treated as present)",
        f"screen.{flag}.negated",
        f"narrative says no {flag.replace('_', ' ')}",
    )
    for flag in FLAGS
}
_FROM = {
    "caller": "the call-taker's answer",
    "call_type": "the call type",
    "determinant": "the protocol determinant",
    "narrative": "the narrative",
    "dispatcher": "the dispatcher",
}

# MPDS/PPDS codes as CADs store them: 25-A-1, 25A1, 25A01, 25-A-1V, P113C1 (cad-inputs.md §1.1).
_DETERMINANT = re.compile(r"^(P?\d{1,3})[- ]?([OABCDE])[- ]?(\d{1,2})([A-Z]{0,2})$")


class Determinant(NamedTuple):
    protocol: str  # "25", "P113"
    level: str  # O, A, B, C, D, E
    number: int
    suffix: str  # "" when none

    def __str__(self) -> str:
        return f"{self.protocol}-{self.level}-{self.number}{self.suffix}"


class DeterminantRule(NamedTuple):
    """One compiled implication row for determinants; None in a part matches anything."""

    protocol: str | None
    level: str | None
    number: int | None
    suffixes: frozenset[str] | None
    implies: tuple[tuple[str, bool], ...]
    source: str

    def matches(self, d: Determinant) -> bool:
        return (
            (self.protocol is None or self.protocol == d.protocol)
            and (self.level is None or self.level == d.level)
            and (self.number is None or self.number == d.number)
            and (self.suffixes is None or d.suffix in self.suffixes)
        )


def parse_determinant(text: str) -> Determinant | None:
    """The code's parts, or None when it is not a determinant this service can read."""
    m = _DETERMINANT.match(text.strip().upper())
    if m is None:
        return None
    protocol = m.group(1)
    protocol = protocol if protocol.startswith("P") else str(int(protocol))
    return Determinant(protocol, m.group(2), int(m.group(3)), m.group(4))


# Built once: an answer from the caller is one of fourteen values, with its reason.
_CALLER = {
    (flag, value): Answer(flag, value, "caller", "call-taker screening")
    for flag in SCREENING_FLAGS.values()
    for value in (True, False)
}
_CALLER_REASON = {
    (flag, value): Reason(f"screen.{flag}.answer", f"call-taker answered yes to {field}")
    if value
    else Reason(f"answer.{flag}.no", f"{flag}: no, from the call-taker's answer")
    for field, flag in SCREENING_FLAGS.items()
    for value in (True, False)
}
_NO_ANSWERS = (None,) * len(SCREENING_FLAGS)


def caller_answers(call: CallEvent) -> list[Answer]:
    """The CAD's yes/no screening fields; a null field is no answer at all."""
    screening = call.screening
    values = (
        screening.weapon,
        screening.violence,
        screening.injury,
        screening.medical,
        screening.suicidal,
        screening.substance,
        screening.crime_in_progress,
    )
    if values == _NO_ANSWERS:  # the usual case: skip the loop
        return []
    return [
        _CALLER[flag, value] for (_, flag), value in zip(_FIELDS, values, strict=True) if value is not None
    ]


def determinant_answers(d: Determinant, rules: Iterable[DeterminantRule]) -> list[Answer]:
    detail = str(d)
    return [
        Answer(flag, value, "determinant", f"{detail}: {rule.source}")
        for rule in rules
        if rule.matches(d)
        for flag, value in rule.implies
    ]


def why(answer: Answer) -> str:
    """How a "yes" is named in the safety rule's reason."""
    if answer.source == "caller":
        return "call-taker screening"
    if answer.source == "narrative":
        return f'narrative: "{answer.detail}"'
    return f"{_FROM[answer.source]}: {answer.detail}" if answer.detail else _FROM[answer.source]


def _narrative(
    call: CallEvent, terms: ScreeningTerms, raised: set[str], denials: bool, reasons: list[Reason]
) -> list[Answer]:
    """Mentions raise their flag; denials answer no when the policy accepts narrative denials."""
    found: list[Answer] = []
    denied: dict[str, str] = {}
    for finding in screen_narrative(call.narrative, terms):
        flag = finding.flag
        if finding.negated:
            if flag not in denied:
                denied[flag] = finding.phrase
        elif flag not in raised:
            raised.add(flag)
            found.append(Answer(flag, True, "narrative", finding.phrase))
            code, text, hedged, _, _ = _NARRATIVE_REASONS[flag]
            reasons.append(Reason(code, hedged if finding.hedged else text, finding.phrase))
    for flag, phrase in denied.items():
        if flag not in raised:
            _, _, _, code, text = _NARRATIVE_REASONS[flag]
            reasons.append(Reason(code, text, phrase))
            if denials:
                found.append(Answer(flag, False, "narrative", phrase))
    return found


def known(
    call: CallEvent,
    questions: CompiledQuestions,
    terms: ScreeningTerms,
    learned: Iterable[Answer],
    reasons: list[Reason],
) -> dict[str, Answer]:
    """Every answer this event and the incident's earlier ones give, one per question, each
    explained in `reasons` (the caller's yes first, as the safety rule reads them)."""
    caller = caller_answers(call)
    raised: set[str] = set()
    for a in caller:
        if a.value:
            raised.add(a.question)
            reasons.append(_CALLER_REASON[a.question, True])
    said = _narrative(call, terms, raised, questions.narrative_denials, reasons) if call.narrative else []
    implied: list[Answer] = []
    if call.determinant:
        determinant = parse_determinant(call.determinant)
        if determinant is None:
            reasons.append(
                Reason(
                    "determinant.unreadable",
                    f"determinant {call.determinant} is not a code this service reads: it implies nothing",
                )
            )
        else:
            implied = determinant_answers(determinant, questions.determinants)
    by_type = questions.by_call_type.get(call.call_type.upper(), ()) if questions.by_call_type else ()
    if not (said or implied or by_type or learned):  # the caller's fields alone: one answer each
        for a in caller:
            if not a.value:
                reasons.append(_CALLER_REASON[a.question, False])
        return {a.question: a for a in caller}
    merged = merge(caller, said, implied, by_type, learned)
    # Among "no"s the dispatcher's is the one kept: a "no" only implied by the determinant or call
    # type does not count while the narrative is unreadable (eligibility.unasked), and the
    # dispatcher may have just answered the very question that raised. A "yes" keeps its source.
    for a in learned:
        if not (a.value or merged[a.question].value):
            merged[a.question] = a
    for a in merged.values():
        source = a.source
        if source == "narrative" or (source == "caller" and a.value):
            continue  # explained above, with the narrative's own words
        reasons.append(_CALLER_REASON[a.question, False] if source == "caller" else _provenance(a))
    return merged


_PROVENANCE: dict[Answer, Reason] = {}


def _provenance(a: Answer) -> Reason:
    """The reason naming where an answer came from; a policy's implications repeat, so kept."""
    reason = _PROVENANCE.get(a)
    if reason is None:
        value = "yes" if a.value else "no"
        detail = f" ({a.detail})" if a.detail else ""
        reason = Reason(
            f"answer.{a.question}.{value}", f"{a.question}: {value}, from {_FROM[a.source]}{detail}"
        )
        if len(_PROVENANCE) < 8192:
            _PROVENANCE[a] = reason
    return reason


def merge(*sources: Iterable[Answer]) -> dict[str, Answer]:
    """One answer per question: the first "yes" given by any source, else the first "no".

    Sources are given most authoritative first (caller, narrative, determinant, call type, then
    what the incident learned), so the provenance shown is the strongest one. A "yes" is never
    replaced by a "no": a derived answer may raise risk freely, and lower it only where nothing
    said yes.
    """
    merged: dict[str, Answer] = {}
    for answers in sources:
        for answer in answers:
            known = merged.get(answer.question)
            if known is None or (answer.value and not known.value):
                merged[answer.question] = answer
    return merged


def learned_fields(answers: Mapping[str, Answer]) -> list[tuple[str, Answer]]:
    """Hash fields under which the incident keeps them: `weapon:yes`, `violence:no` (see
    service/state/answers.py; keeping yes and no apart means a write of "no" never erases a "yes")."""
    return [(f"{a.question}:{'yes' if a.value else 'no'}", a) for a in answers.values()]
