"""Negation scope, phase 5 of issue #17's tuning, both ways: a denial of a reason ("no known reason for
the rampage"), of who was present ("were not present during the shooting") or a "- no further
information" after a term leaves the event standing; plain denials stay denied."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def states(text: str, flag: str) -> list[bool]:
    """Whether each mention of ``flag`` is negated."""
    return [f.negated for f in screen_narrative(text) if f.flag == flag]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("barricaded himself inside. No known reason for rampage.", "violence"),
        ("there was no apparent motive for the shooting", "weapon"),
        ("Students were not present during the shooting.", "weapon"),
        ("staff were not injured at the time of the stabbing", "violence"),
        ("During the fight, a student was shot - no further in archived report", "violence"),
        ("male was stabbed - no other information", "weapon"),
    ],
)
def test_the_event_stands(text: str, flag: str) -> None:
    found = states(text, flag)
    assert found and not all(found)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("no weapons seen", "weapon"),
        ("he was not armed during the call", "weapon"),
        ("did not shoot during the argument", "weapon"),
        ("no fight, just yelling", "violence"),
        ("gun - no", "weapon"),
    ],
)
def test_plain_denials_stay_denied(text: str, flag: str) -> None:
    found = states(text, flag)
    assert found and all(found)


@pytest.mark.parametrize(
    "text",
    ["Students were not present during the shooting.", "a student was shot - no further in archived report"],
)
def test_both_readers_agree(text: str) -> None:
    terms = default_terms()
    assert screen_narrative(text, terms) == screen_narrative(text, dataclasses.replace(terms, native=None))
