"""Negation scope (service.screening.terms.BREAKERS): what a plain negation is about when it is not the
term that follows. Each rule has a case it must end and a case it must leave denied."""

from __future__ import annotations

import pytest

from service.screening.screen import screen_narrative


def denied(text: str, flag: str) -> bool | None:
    """None when the flag is not found; else whether every finding for it is denied."""
    found = [f for f in screen_narrative(text) if f.flag == flag]
    return all(f.negated for f in found) if found else None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # the gear not worn is what the negation is about
        ("rider was not wearing a helmet, conscious and talking", "medical"),
        ("DRIVER NOT WEARING SEATBELT UNCONSCIOUS", "medical"),
        # a person's affiliation, then what happened to them
        ("individual not affiliated with the university suffered gunshot wounds", "medical"),
        ("person not affiliated with the school was stabbed", "injury"),
    ],
)
def test_the_negated_thing_ends_the_negation(text: str, flag: str) -> None:
    assert denied(text, flag) is False, screen_narrative(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("he is not wearing a gun", "weapon"),
        ("not carrying any weapons", "weapon"),
        ("no weapons", "weapon"),
        ("not injured", "injury"),
        ("was not wearing a seatbelt, not injured", "injury"),
        ("not affiliated with any gang, no weapons", "weapon"),
    ],
)
def test_a_denial_of_the_term_itself_stays(text: str, flag: str) -> None:
    assert denied(text, flag) is True, screen_narrative(text)
