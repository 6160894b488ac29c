"""Phase 10 of issue #17's tuning for medical (service.screening.vocab.medical_force), both ways: a
person forced to the ground or floor, slammed or thrown against a wall or a vehicle, a door slammed
on a body part, a person dragged down stairs, skin scratched or bitten, first aid not rendered, a
bone broken, a person slashed or left scarred; "search and seizure" (a probation term), a
thing thrown down, a door slammed on nobody, a head scratched in thought and a punch with no injury
stay quiet. Both readers agree, with the native reader in use."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative

MEDICAL = {"medical", "injury"}

RAISED = [
    "It was alleged that the accused threw the complainant to the ground.",
    "Officer A and B pushed Victim 1 to the ground and failed to report it",
    "the officer tackled her to the ground during the arrest",
    "the accused took him to the floor and handcuffed him",
    "it is alleged that he was slammed to the ground and beaten",
    "the sergeant pulled the man to the ground",
    "he threw her in the snow and walked away",
    "the officer slammed the Complainant against a wall",
    "he grabbed her arm and slammed her on the marked vehicle",
    "the accused threw him against the squad car",
    "the officer pushed her face against the wall and handcuffed her",
    "the accused slammed a squad car door on his leg",
    "she closed the door on his foot during the argument",
    "caused his vehicle door to strike the complainant",
    "he was pulled by his arms and wrists down the stairs",
    "the officer dragged her down some stairs",
    "the officer scratched Victim B on the neck",
    "she bit him on the arm",
    "the responding officers did not render aid",
    "the accused officer slammed him on the ground and choked him",
    "Threw to the ground, grabbed her and falsely arrested her",
    "the accused broke the victim's jaw in three parts during the arrest",
    "grabbed the man causing him to cut his hand",
    "attacking a man and slashing him in the face on a subway car",
    "the assault left the victim with significant scarring",
    "the officer refused to take her to the hospital",
    "failed to send the Arrestee who was under their control to the nearest hospital",
]

QUIET = [
    "he took her cell phone and threw it to the floor",
    "the officer threw his groceries to the ground",
    "the officer took the complainant to the district station",
    "she slammed the door and left the residence",
    "the officer scratched his head and wrote the ticket",
    "he was a bit late to the roll call",
    "the officer punched the complainant",
    "the defendant pushed the car to the side of the road",
    "sentenced to three years formal probation, search and seizure, and a fine",
    "he broke the window and fled",
    "the suspect threw the gun to the ground and ran",
    "the officer failed to take the report to the district",
]


def medical_raised(text: str) -> bool:
    return any(f.flag in MEDICAL and not f.negated for f in screen_narrative(text))


@pytest.mark.parametrize("text", RAISED)
def test_force_into_a_surface_and_skin_harm_raise_medical(text: str) -> None:
    assert medical_raised(text)


@pytest.mark.parametrize("text", QUIET)
def test_things_thrown_and_doors_slammed_on_nobody_stay_quiet(text: str) -> None:
    assert not medical_raised(text)


def test_both_readers_agree_on_phase_10() -> None:
    terms = default_terms()
    assert terms.native is not None  # the C reader is in use: no silent fallback
    python_only = dataclasses.replace(terms, native=None)
    for text in (*RAISED, *QUIET):
        assert screen_narrative(text, terms) == screen_narrative(text, python_only)
