"""Phase 3 of issue #17's tuning for weapon and violence (service/screening/vocab/encounters.py), both
ways: the kinds raised (a weapon pointed at officers, police gunfire without a firearm word, people
named by a redaction mark, force used to control a subject, a car used on a person on purpose, hard
objects thrown or swung) and their look-alikes kept quiet (illness attacks, a suicide by gunshot, a
person pushed in a wheelchair, a crash called violent, a car that hit a person by accident)."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("the teen raised a gun at the officer", {"weapon", "violence"}),
        ("he pointed a pellet gun toward the deputies", {"weapon", "violence"}),
        ("moved his gun in the direction of the officers", {"weapon", "violence"}),
        ("the officer broadcast an assist, and shot [NAME].", {"weapon", "violence"}),
        ("deputies fired on him as he ran", {"weapon", "violence"}),
        ("officers fired and killed the man", {"weapon", "violence"}),
        ("he shot it out with troopers", {"weapon", "violence"}),
        ("the officer fired in self defense", {"weapon", "violence"}),
        ("killed by a single shot to the head", {"weapon"}),
        ("the sergeant fired his service weapon", {"weapon", "violence"}),
        ("the trooper fired seven times at the car", {"weapon", "violence"}),
        ("he was tasered by deputies", {"violence"}),
        ("police used pepper spray and a Taser to subdue him", {"violence"}),
        ("officers used a neck hold to restrain him", {"violence"}),
        ("then swings a flagpole and swung at [NAME]", {"violence"}),
        ("the actor attempted to strike him with a vehicle", {"weapon", "violence"}),
        ("arrested for intentionally striking a person with her car", {"weapon", "violence"}),
        ("one female threw a large rock and struck the victim", {"weapon", "violence"}),
        ("arrested for propulsion of missiles", {"weapon"}),
        ("he hit nurses with a metal rod", {"weapon", "violence"}),
        ("[NAME] was reportedly shot several times by police", {"weapon", "violence"}),
        ("the man was allegedly shot by a deputy", {"weapon", "violence"}),
    ],
)
def test_phase3_kinds_are_raised(text: str, flags: set[str]) -> None:
    assert flags <= raised(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("panic attack 69 yo female", "violence"),
        ("anxiety attack, female breathing fast", "violence"),
        ("male poss suicide by gun shot in chest", "violence"),
        ("33 YOM WAS BEING PUSHED IN A WHEEL CHAIR AND FELL OUT", "violence"),
        ("Violent collision with his patrol car.", "violence"),
        ("An officer driving on the avenue hit [NAME] with his vehicle.", "weapon"),
        ("No charges against the driver of the SUV that struck [NAME].", "violence"),
        ("the cars collided in the intersection, killing [NAME].", "violence"),
        ("he was reportedly given a flu vaccine", "weapon"),
        ("the teen had already stabbed himself multiple times", "violence"),
        ("the sergeant battered the door open and they went in", "violence"),
    ],
)
def test_phase3_look_alikes_stay_quiet(text: str, flag: str) -> None:
    assert flag not in raised(text)


def test_a_heart_attack_is_still_medical() -> None:
    assert "medical" in raised("possible heart attack, 60 yo male")


def test_a_real_attack_on_a_woman_is_still_violence() -> None:
    assert "violence" in raised("he attacked a female in the lot")


def test_a_stabbing_of_another_after_self_harm_is_still_violence() -> None:
    assert "violence" in raised("he stabbed himself and then stabbed his wife")
    assert "violence" in raised("he battered his wife")


def test_a_suicide_by_gunshot_keeps_its_weapon() -> None:
    assert "weapon" in raised("male poss suicide by gun shot in chest")


def test_both_readers_agree_on_the_phase3_texts() -> None:
    terms = default_terms()
    assert terms.native is not None
    python_only = dataclasses.replace(terms, native=None)
    texts = [
        "The teen raised a gun at the officer; deputies fired on him and shot [NAME]. He was tasered.",
        "panic attack; suicide by gun shot; BEING PUSHED IN A WHEEL CHAIR; violent collision",
        "attempted to strike his with a vehicle, threw a large rock and struck the victim, metal rod",
    ]
    for text in texts:
        assert screen_narrative(text, terms) == screen_narrative(text, python_only)
