"""Phase 2 of issue #17's tuning for weapon and violence (service/screening/vocab/encounters.py): police
gunfire, vehicles driven at officers, struggles and advances on officers are raised; report-taking,
dates that spell ten-codes, parked cars struck and crashes into fixed objects stay quiet."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("Two deputies opened fire after the stop", {"weapon", "violence"}),
        ("the officers returned fire from behind the car", {"weapon", "violence"}),
        ("he was killed in a shootout with troopers", {"weapon", "violence"}),
        ("the trooper fired several times at the truck", {"weapon", "violence"}),
        ("prompting officers to fire", {"weapon", "violence"}),
        ("the suspect shot at officers from the porch", {"weapon", "violence"}),
        ("the driver rammed into two patrol cars", {"weapon", "violence"}),
        ("he reversed toward the officers", {"weapon", "violence"}),
        ("tried to run over a deputy with his truck", {"weapon", "violence"}),
        ("the driver sped off, dragging the officer", {"weapon", "violence"}),
        ("he got into a struggle with two officers", {"violence"}),
        ("a scuffle ensued at the door", {"violence"}),
        ("advancing on a deputy with a shovel", {"violence"}),
        ("the man was killed by a sheriff's deputy", {"violence"}),
        ("officers used a dry stun during the arrest", {"violence"}),
        ("the woman threw coffee at the clerk", {"violence"}),
        ("Party reports receiving a threat.", {"violence"}),
        ("Staff member reports threatening e-mails.", {"violence"}),
    ],
)
def test_encounter_kinds_are_raised(text: str, flags: set[str]) -> None:
    assert flags <= raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officer dispatched to take a report from a student regarding the theft of a wallet.",
        "Sergeant took a statement from the staff member about the graffiti.",
        "On 10/10/18 the fire was set in a vacant house (10/10 0511hrs)",
        "Caller states someone struck her vehicle while it was parked.",
        "The university van was struck while parked on the loading dock.",
        "Pickup ran off the roadway and hit a tree, driver complaining of neck pain",
        "a pedestrian was killed by a police cruiser on the highway",
        "the landlord made a threat to evict the tenant",
    ],
)
def test_encounter_look_alikes_stay_quiet(text: str) -> None:
    assert "violence" not in raised(text) and "weapon" not in raised(text)


def test_a_gun_fired_by_accident_is_a_weapon_not_violence() -> None:
    flags = raised("on a hunting trip he accidentally shot his friend")
    assert "weapon" in flags and "violence" not in flags  # (the medical tuner's injury flag may join)


def test_a_ten_code_written_as_a_code_is_still_read() -> None:
    assert "violence" in raised("10-10 two males at the bar")


def test_both_readers_agree_on_the_encounter_texts() -> None:
    terms = default_terms()
    assert terms.native is not None
    python_only = dataclasses.replace(terms, native=None)
    texts = [
        "Two deputies opened fire; the driver rammed into two patrol cars and sped off, dragging the officer",
        "Officer dispatched to take a report from a student. On 10/10/18 (10/10 0511hrs) a car hit a tree.",
        "a struggle ensued and he was killed by a sheriff's deputy after advancing on a deputy",
    ]
    for text in texts:
        assert screen_narrative(text, terms) == screen_narrative(text, python_only)
