"""Phase 10 of issue #17's tuning for weapon and violence (service.screening.vocab.complaints), both
ways: an animal shot or killed is no violence against a person (NIBRS 720, animal cruelty), while
the gun stays a weapon, and a person shot or killed in the same words, or a threat to shoot (even an
animal), stays violence. Both readers agree, with the native reader in use."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


@pytest.mark.parametrize(
    "text",
    [
        "The reporting party alleged that the accused officer shot her dog without justification.",
        "it was alleged that the Officer shot the Complainants dog",
        "the accused officer shot her brother's dog",
        "the accused officer shot and killed the victim's pitbull without legal justification",
        "the deputy killed their cat",
    ],
)
def test_an_animal_shot_is_a_weapon_and_no_violence(text: str) -> None:
    found = raised(text)
    assert "violence" not in found, screen_narrative(text)
    if "shoot" in text.lower() or "shot" in text.lower():
        assert "weapon" in found, screen_narrative(text)


@pytest.mark.parametrize(
    "text",
    [
        "the accused officer shot her brother",
        "the officer shot him in the leg",
        "he shot her dog and then shot her",
        "the accused threatened to shoot her",
        "THE SUSPECT THREATENED TO KILL HIS WIFE",
        "he shot and killed the victim",
        # an armed person's threat to fire, even at an animal, is a threat near people (the corpus)
        "neighbor has a rifle and is threatening to shoot the dog",
    ],
)
def test_a_person_shot_killed_or_threatened_stays_violence(text: str) -> None:
    assert "violence" in raised(text), screen_narrative(text)


def test_both_readers_agree_on_phase_10() -> None:
    terms = default_terms()
    assert terms.native is not None  # the native reader is in use, with no silent fallback
    python = dataclasses.replace(terms, native=None)
    texts = [
        "officer shot her dog", "shot the Complainants dog", "shot her brother's dog",
        "threatened to shoot his dog",
        "he shot her dog and then shot her", "shot and killed the victim's pitbull", "the officer shot him",
    ]
    for text in texts:
        assert screen_narrative(text, terms) == screen_narrative(text, python), text
