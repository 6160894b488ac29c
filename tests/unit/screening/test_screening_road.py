"""Phase 7 of issue #17's tuning for weapon and violence (service/screening/vocab/road.py), both ways:
a person struck by a vehicle in a crash is no violence, struck on purpose (or by a person) it is, and
the vehicle then a weapon; threats received are violence, threats of suicide are not; penal-code
sections written with a space or a subdivision; fraud and buildings named "abuse" / "physical"."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


@pytest.mark.parametrize(
    "text",
    [
        "the officer was struck and killed by a passing vehicle on the interstate",
        "deputy was struck and killed while directing traffic at the intersection",
        "trooper was struck and injured by the driver of a pickup",
        "the flagger was struck by an excavator that was backing up",
        "both were struck from behind by a driver believed impaired",
        "an approaching snowplow hit him on the shoulder",
        "debris from a commercial vehicle struck him",
        "his patrol car was struck by another vehicle",
        "a driver did not stop and struck him",
        "the driver lost control of the car on ice and struck him",
        "a vehicle approached the scene and struck them",
    ],
)
def test_a_person_struck_in_a_crash_is_not_violence(text: str) -> None:
    assert "violence" not in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "he was struck in the face by a man outside the bar",
        "victim was struck by the suspect with a bottle",
        "the driver struck him with a bat",
        "she was struck and killed by her husband",
        "was struck and killed by a gunman",
        "he lost control and struck her",
        "the suspect ran up and struck him in the face",
    ],
)
def test_a_person_struck_by_a_person_stays_violence(text: str) -> None:
    assert "violence" in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "deputy was intentionally struck by a driver",
        "the driver deliberately drove his vehicle into the officer",
        "a truck rammed into him at speed",
        "driver drove her veh directly at the RP and his wife",
        "RP was almost run off the road by a passing motorist",
        "suspect arrested for vehicular assault",
    ],
)
def test_a_vehicle_driven_at_a_person_is_a_weapon_and_violence(text: str) -> None:
    assert {"weapon", "violence"} <= raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "the car accidentally struck him in the crosswalk",
        "vehicle ran off the road into a ditch",
        "drove his car into a tree",
    ],
)
def test_a_crash_is_no_weapon(text: str) -> None:
    assert "weapon" not in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rp rec a threat via text msg",
        "a student received alarming and threatening electronic messages",
        "arrested and booked for 273 D PC",
        "cited and released for 148 a PC",
        "Husband/wife had 415, x left on foot",
    ],
)
def test_threats_received_and_penal_code_sections_are_violence(text: str) -> None:
    assert "violence" in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "Subj making 10-56a threats, transported on 5150",
        "made suicidal threats to her mother",
        "an officer investigated debit card abuse at the dining hall",
        "tools stolen in the Physical Plant parking lot",
        "collapsed after a physical fitness test",
    ],
)
def test_suicide_threats_card_abuse_and_physical_plant_are_not_violence(text: str) -> None:
    assert "violence" not in raised(text)


def test_both_readers_read_the_road_alike() -> None:
    terms = default_terms()
    assert terms.native is not None  # the new phrases kept every pattern within PCRE2's limits
    python = dataclasses.replace(terms, native=None)
    texts = [
        "was struck and killed while escorting a funeral procession; the vehicle that struck him fled",
        "deliberately drove his vehicle into Deputy [NAME]; rec a threat; 273 D PC; physical plant",
    ]
    for text in texts:
        assert screen_narrative(text, terms) == screen_narrative(text, python)


@pytest.mark.parametrize(
    "text",
    [
        "a student was struck with a water balloon",
        "he threw a cup of hot coffee into her face",
        "RP heard 4-5 popping sounds coming from the rear yard",
        "caller hears several pops from the park",
    ],
)
def test_objects_at_a_person_and_sounds_like_shots_are_weapons(text: str) -> None:
    assert "weapon" in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "he was hit with a fine for parking",
        "jogger was struck with a fist by an unknown subject",
        "victim was hit with a closed fist",
        "heard pops, turned out to be fireworks",
        "RP heard popping sounds, possibly fireworks",
        "heard popping fireworks all night",
        "threw a ball at the wall",
    ],
)
def test_fines_and_fireworks_are_no_weapon(text: str) -> None:
    assert "weapon" not in raised(text)
