"""A field break and "no" that start a note about the report, not about the term ("shot - no further
information", "shot himself - no motive was given", "stabbed - no suspects"), deny nothing; a field
break and "no" that answer the term itself ("weapon - no", "injuries - none") still deny it.
(service.screening.terms.TAIL_NEGATION; both readers read it.)"""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str, flag: str) -> bool:
    return any(f.flag == flag and not f.negated for f in screen_narrative(text))


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("during the fight a student was shot - no further in the report", "medical"),
        ("he shot himself - no motive was given", "injury"),
        ("victim stabbed - no suspects at this time", "injury"),
        ("male with a gun - no further information", "weapon"),
        ("caller was assaulted - no arrests made", "violence"),
        ("female bleeding from the head - no details", "injury"),
    ],
)
def test_a_note_about_the_report_denies_nothing(text: str, flag: str) -> None:
    assert raised(text, flag)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("weapons - no", "weapon"),
        ("injuries - none", "injury"),
        ("weapon: no", "weapon"),
    ],
)
def test_a_field_that_answers_the_term_still_denies_it(text: str, flag: str) -> None:
    assert not raised(text, flag)


def test_both_readers_read_the_notes_alike() -> None:
    terms = default_terms()
    python_only = dataclasses.replace(terms, native=None)
    for text in ("shot - no further info", "stabbed - no suspects", "gun - no", "assault - no motive"):
        assert screen_narrative(text, terms) == screen_narrative(text, python_only)
