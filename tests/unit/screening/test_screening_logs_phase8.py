"""Phase 8 of issue #17's tuning for weapon and violence (road.py's phase-8 families and
service.screening.verbal), both ways: California Penal Code sections of offences against persons
and of firearms as arrest and warrant notes write them (an address number is not one);
strangulation; blows by hands, knees and elbows (not a vehicle knocking a person down);
non-accidental trauma and a SANE exam; property taken from a person; an offence named with its
means ("battery via punch"); a threat named with a word of doubt; a person "confrontational" (not
"non-confrontational"); aggressive panhandling, a police pursuit and a device's battery are no
violence; a quarrel the narrative calls verbal only is denied, an act in it is not. Both readers
agree."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


def denied(text: str, flag: str) -> bool:
    found = [f for f in screen_narrative(text) if f.flag == flag]
    return bool(found) and all(f.negated for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "arrested and booked on a misd warrant out of Alameda SO for 273.5pc.",
        "was arrested for 273.5 PC and 236 PC",
        "subject booked for 215 PC",
        "warrant for 212.5(c) PC out of SFPD",
        "arrested for 246pc after the incident",
        "REPORTS THEFT FROM A PERSON, UPPER PLAZA. LOSS $20.",
        "caller reports a purse snatch in the parking lot",
        "pickpocket reported on the bus, wallet taken",
        "(FB-20-S) REPORTS BATTERY VIA BODY CHECK, SUSPECT (BF-23-S)",
        "(MH-29-E) REPORTS BATTERY VIA GRAB, BOALT HALL.",
        "REPORT OF SUSPICIOUS CIRCUMSTANCE REGARDING POTENTIAL THREAT VIA SNAPCHAT",
        "student received a verbal threat from a roommate",
        "Report of a male being confrontational to store employees.",
        "Juvenile cited and released for 148(a) PC.",
        "DV call, victim reports strangulation",
        "impeding her breathing by pressure to the neck",
        "victim was knocked unconscious by an unknown suspect",
        "boyfriend knocked her down in the kitchen",
        "suspect slammed him to the ground and fled",
        "dragged her by the hair across the lot",
        "pt states he was elbowed and kneed by another inmate",
        "male took a swing at the bouncer",
        "pt to ER for SANE exam",
        "infant with non-accidental trauma, CPS notified",
        "he chased her down the street",
        "battery on a peace officer",
    ],
)
def test_offences_against_persons_as_logs_name_them_are_violence(text: str) -> None:
    assert "violence" in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "responded to 215 Main St for a lockout",
        "unit 246 clear",
        "Report of an individual aggressively panhandling in front of the store.",
        "aggressive solicitation near the ATM, subject moved along",
        "subject was non-confrontational and cooperative",
        "there was no credible threat to the school",
        "reports theft of a bicycle from the rack",
        "patient with a history of suffocating asthma attacks",
        "pedestrian knocked down by a car at the crosswalk",
        "a truck knocked him to the ground",
        "power was knocked out by the storm",
        "knocked on the door, no answer",
        "patient states he is sane and wants to leave",
        "accidental injury from a fall, no trauma",
        "State troopers chased him at high speed down the interstate",
        "three others were chased by police after a burglary",
        "Building 250 overheated battery on fuel truck",
        "dead battery on car, requesting a jump",
    ],
)
def test_addresses_panhandling_and_denials_are_no_violence(text: str) -> None:
    assert "violence" not in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "arrested for 25850(a) PC and 29800 PC",
        "booked for 246.3 PC",
        "cited for 21310 PC, dagger in waistband",
        "subject arrested for UCW",
    ],
)
def test_firearm_and_weapon_sections_are_weapons(text: str) -> None:
    assert "weapon" in raised(text)


@pytest.mark.parametrize("text", ["lives at 25850 Alpine Rd", "call 246 times", "unit 21310 on scene"])
def test_a_bare_number_is_no_weapon(text: str) -> None:
    assert "weapon" not in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police responded to family dispute. It was determined the dispute was only verbal.",
        "Domestic disturbance - verbal altercation",
        "Party reports some type of disturbance. Units spoke with individuals who had a verbal argument.",
        "Neighbor dispute reported. No physical contact between the parties.",
    ],
)
def test_a_quarrel_called_verbal_only_is_denied(text: str) -> None:
    assert denied(text, "violence")


@pytest.mark.parametrize(
    "text",
    [
        "During the course of a verbal argument, boyfriend punched and choked girlfriend",
        "Verbal argument became a physical altercation",
        "Family dispute at the house; officers gave verbal commands to drop the knife",
        "Family dispute, caller hung up",
        "ASSAULT / VERBAL DISTURBANCE / UNK INJS",
    ],
)
def test_an_act_or_an_open_quarrel_stays_violence(text: str) -> None:
    assert "violence" in raised(text)


def test_both_readers_agree_on_phase_8() -> None:
    terms = default_terms()
    assert terms.native is not None  # the native reader is in use, with no silent fallback
    python = dataclasses.replace(terms, native=None)
    texts = [
        "warrant for 273.5pc.", "REPORTS BATTERY VIA GRAB", "aggressively panhandling",
        "family dispute. the dispute was only verbal.", "arrested for 29800pc", "purse snatch",
        "POTENTIAL THREAT VIA SNAPCHAT", "being confrontational", "non-confrontational",
    ]
    for text in texts:
        assert screen_narrative(text, terms) == screen_narrative(text, python), text
