"""A shooting named only as the incident is denied for medical when the narrative says no one was hurt
(service.screening.screen._unhurt; round 6 ruling R8); a person shot keeps the flag, and a partial
denial ("no other injuries", "not seriously injured") denies nothing. Both readers agree on it."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def medical(text: str) -> bool:
    return any(f.flag in ("medical", "injury") and not f.negated for f in screen_narrative(text))


@pytest.mark.parametrize(
    "text",
    [
        "Man on the roof randomly shooting, no one was injured.",
        "Officers found evidence of a shooting, however no injuries were reported.",
        "Shots were fired at a crowd. All shots missed. Police believe the shooting was gang related.",
        "Shots missed and neither man was injured. The shooting is under investigation.",
        "A man fired three shots at the victim / No injuries",
        "Shots were fired during a dispute in the lot. No one was hurt.",
    ],
)
def test_a_shooting_that_hurt_no_one_is_not_medical(text: str) -> None:
    assert not medical(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reports of a shooting, caller unsure if anyone was hit.",
        "Shooting at the park; the victim was not seriously injured but is bleeding.",
        "The shooting victim was taken to the hospital, no other injuries.",
        "A student was shot in the leg during the shooting. No staff were injured.",
        "Shooting in progress, multiple callers.",
        "Shooting, the pellet did not seriously injure the boy.",
        "He fired two shots at the clerk, striking her in the arm. No customers were injured.",
        "Suspect fired shots at the officers; status of the officers unknown.",
        "A bus was hit by one round; the driver was not injured. Witnesses saw the shooting.",
    ],
)
def test_a_shooting_with_harm_or_a_partial_denial_stays_medical(text: str) -> None:
    assert medical(text)


def test_both_readers_deny_the_same_shootings() -> None:
    terms = default_terms()
    python_only = dataclasses.replace(terms, native=None)
    for text in (
        "randomly shooting, no one was injured",
        "the shooting victim, no other injuries",
        "All shots missed; the shooting was reported late.",
    ):
        assert screen_narrative(text, terms) == screen_narrative(text, python_only)
