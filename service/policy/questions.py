"""The questions a civilian-only response needs answered, and what call types and determinants imply.

Compiled once per policy (service.policy.compile), so the decision only looks answers up:
`by_call_type` per CAD code, `determinants` as a short list of match rows, and every `ask`
entry (question x response it unlocks) built in advance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.domain.answers import DeterminantRule
from service.domain.model import CIVILIAN_CATEGORIES, Answer, Question
from service.policy.checks import PolicyError
from service.policy.schema import DEFAULT_REQUIRED, PolicyDocument
from service.screening.screen import FLAGS

__all__ = ["DEFAULT_TEXT", "CompiledQuestions", "check_questions", "compile_questions", "question_warnings"]

# What a call-taker reads out, per screening flag; a policy may reword any (questions.text).
DEFAULT_TEXT = {
    "weapon": "Is there a weapon, or access to one?",
    "violence": "Has anyone been violent, or threatened to hurt someone?",
    "medical": "Does anyone need a doctor or an ambulance right now?",
    "injury": "Is anyone hurt?",
    "suicidal": "Is anyone thinking about harming themselves?",
    "suicidal_means": "Does the person have the means to harm themselves at hand?",
    "intoxication": "Has anyone taken alcohol or drugs?",
    "crime_in_progress": "Is a crime happening right now?",
}


@dataclass(frozen=True, slots=True)
class CompiledQuestions:
    required: tuple[str, ...] = DEFAULT_REQUIRED
    narrative_denials: bool = True
    # CAD call-type code (upper case, local codes resolved too) -> answers it implies.
    by_call_type: dict[str, tuple[Answer, ...]] = field(default_factory=dict)
    determinants: tuple[DeterminantRule, ...] = ()
    # (question, response it unlocks) -> the ask entry, for every civilian-only response.
    asks: dict[tuple[str, str], Question] = field(default_factory=dict)
    # (candidate names, unanswered questions) -> (held responses with their asks, reasons): filled
    # on first use by service.domain.eligibility.hold_unasked; a policy has few distinct keys.
    memo: dict[tuple[tuple[str, ...], tuple[str, ...]], Any] = field(default_factory=dict, compare=False)


def compile_questions(doc: PolicyDocument, disqualifiers: dict[str, tuple[str, ...]]) -> CompiledQuestions:
    spec = doc.questions
    required = tuple(q for q in dict.fromkeys(spec.required) if q not in spec.relax)
    by_type: dict[str, list[Answer]] = {}
    rows: list[DeterminantRule] = []
    for row in doc.implications:
        implied = tuple(sorted(row.implies.items()))
        for code in row.call_types:
            answers = by_type.setdefault(code.upper(), [])
            answers += [Answer(flag, value, "call_type", f"{code}: {row.source}") for flag, value in implied]
        if row.determinant is not None:
            protocol, level, number = row.determinant.split("-")
            rows.append(
                DeterminantRule(
                    None
                    if protocol == "*"
                    else (protocol if protocol.startswith("P") else str(int(protocol))),
                    None if level == "*" else level,
                    None if number == "*" else int(number),
                    None if row.suffixes is None else frozenset(row.suffixes),
                    implied,
                    row.source,
                )
            )
    for local, apco in doc.local_codes.items():  # a CAD's own spelling implies what its APCO code does
        if apco.upper() in by_type:
            by_type.setdefault(local.upper(), by_type[apco.upper()])
    asks = {
        (question, name): Question(
            question,
            spec.text.get(question, DEFAULT_TEXT.get(question, question)),
            name,
            disqualifiers[question][0] if disqualifiers.get(question) else "",
        )
        for question in required
        for name, response in doc.responses.items()
        if response.category in CIVILIAN_CATEGORIES
    }
    return CompiledQuestions(
        required, spec.narrative_denials, {k: tuple(v) for k, v in by_type.items()}, tuple(rows), asks
    )


def check_questions(doc: PolicyDocument, err: list[PolicyError]) -> None:
    spec = doc.questions
    for i, flag in enumerate(spec.required):
        if flag not in doc.disqualifiers:
            err.append(
                PolicyError(
                    f"questions.required[{i}]",
                    f"{flag!r} is not under disqualifiers: a yes must say what it sends",
                )
            )
    for flag in DEFAULT_REQUIRED:
        if flag not in spec.required and flag not in spec.relax:
            err.append(
                PolicyError(
                    "questions.required",
                    f"leaves out {flag!r}; to relax it, cite the program rule under questions.relax.{flag}",
                )
            )
    for flag, why in spec.relax.items():
        if flag not in DEFAULT_REQUIRED:
            err.append(
                PolicyError(f"questions.relax.{flag}", "only weapon, violence or medical can be relaxed")
            )
        elif len(why.strip()) < 10:
            err.append(PolicyError(f"questions.relax.{flag}", "cite the program rule that allows it"))
    for flag in spec.text:
        if flag not in FLAGS:
            err.append(PolicyError(f"questions.text.{flag}", f"unknown question; one of {', '.join(FLAGS)}"))
    codes = {c.upper() for c in (*doc.call_types, *doc.local_codes)}
    for i, row in enumerate(doc.implications):
        at = f"implications[{i}]"
        if (row.determinant is None) == (not row.call_types):
            err.append(PolicyError(at, "give either call_types or a determinant (not both)"))
        for flag in row.implies:
            if flag not in FLAGS:
                err.append(
                    PolicyError(f"{at}.implies.{flag}", f"unknown question; one of {', '.join(FLAGS)}")
                )
        for j, code in enumerate(row.call_types):
            if code.upper() not in codes:
                err.append(
                    PolicyError(f"{at}.call_types[{j}]", f"{code!r} is not under call_types or local_codes")
                )
        if row.determinant is not None and row.suffixes is None and False in row.implies.values():
            err.append(
                PolicyError(
                    f"{at}.suffixes",
                    "a determinant row that implies no must list its suffixes "
                    '("" for none), so a V or W suffix is never read as no',
                )
            )


def question_warnings(doc: PolicyDocument) -> list[PolicyError]:
    """Not errors, but a reviewer must see them: every relaxed question, with the rule cited."""
    return [
        PolicyError(
            f"questions.relax.{flag}",
            f"civilian-only responses may be chosen with {flag} not asked, under: {why}",
        )
        for flag, why in doc.questions.relax.items()
    ]
