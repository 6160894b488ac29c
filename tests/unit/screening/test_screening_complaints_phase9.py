"""Phase 9 of issue #17's tuning for weapon and violence (service.screening.vocab.complaints), both
ways: force alleged in a complaint with no act named (excessive force, force used against a person),
handcuffs too tight, a knee on a neck, a person pinned, pulled by the hair or slammed onto a car, a
weapon held to a head or fired, spitting in a face and a shoulder bumped into a person (battery by insulting
contact), blows to a person named by title; an officer's threat to arrest, verbal abuse and a
violence-reduction program are no violence, while a threat of harm, a blow or abuse by a parent
stays violence; objects thrown at a person and a belt or unknown object struck with are weapons;
"Officers A and B" is no assault and battery, a threat to take one's own life no violence. Both
readers agree."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


@pytest.mark.parametrize(
    "text",
    [
        "The accused used excessive force against the victim.",
        "Officer B is alleged to have used unnecessary force during the arrest.",
        "During the stop, force was used against Subject 1 which caused injuries.",
        "the deputy used physical force on him in the lockup",
        "The complainant alleged that the accused handcuffed her too tightly.",
        "Officer C handcuffed Complainant 1 too tightly and pulled on the handcuffs.",
        "he stated the cuffs were too tight and the officer refused to loosen them",
        "the officer allegedly spit in the complainant's face",
        "suspect spat on the officer during the booking",
        "the Lieutenant bumped the Officer with his shoulder and yelled at him",
        "the officer punched Mr. [NAME] in the face",
        "the sergeant kicked Ms. Lee while she was on the ground",
        "the officer placed his knee on the complainant's neck",
        "he pushed and held the complainant against a brick wall",
        "the accused pulled the victim by her hair",
        "he was slammed onto a vehicle after being handcuffed",
        "the officers forcefully removed him from his vehicle",
        "the officer held his taser against the man's head",
        "while off duty he fired his weapon without justification",
        "the officer fired a warning shot into the air",
        "failed to notify the zone regarding the discharge of his weapon",
        "failed to unload the gun, causing the weapon to discharge",
        "arrested for A and B on his wife",
        "Sergeant A discharged his pepper spray without justification",
        "the officers pointed their firearms at him",
        "he was then forcefully removed from the vehicle",
        "restrained the victim by twisting the victim's wrist",
        "he left him handcuffed to a rail for three hours",
        "the officer sent complainant numerous threatening and harassing text messages",
        "officers responding to the scene of a battery",
        "charged with trafficking a minor and pimping",
        "during a verbal altercation the officer grabbed, pushed and directed profanities at him",
        "the Officer grabbed, choked, threatened and bit his spouse",
    ],
)
def test_force_alleged_and_battery_by_contact_are_violence(text: str) -> None:
    assert "violence" in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        # (a person handcuffed is restraint, hedged violence under round 10's R4 and its dev half's R2:
        # complaints_force.py, phase 12; a search alone stays procedure)
        "the officers searched him and his vehicle without justification",
        "the officer was rude and threatened to arrest him without justification",
        "the accused threatened him with arrest if he did not leave",
        "it was alleged that the officer verbally abused the complainant",
        "the officer was working on a gang violence suppression mission",
        "new funding for gun violence reduction programs in the county",
        "the tight handcuff policy was reviewed",
        "the officer bumped the squad car with his truck",
        "Mr. [NAME] was thanked for his service",
        "Officers A and B failed to complete a contact card",
        "he violated the order of protection and made threats of taking his own life",
        "the officer held his hat against his chest",
        "the caller pulled the car into the driveway",
        "an accidental discharge of his weapon at the range",
        "sold over 150 firearms, including assault weapons, to an undercover officer",
        "the officer took the victim's cell phone and failed to return or inventory it",
        "he twisted his ankle on the stairs",
        "the dead battery of the car",
        "drug trafficking of heroin",
        "the clerk grabbed a bag and left",
        "one of the accused abused her by calling her names",
    ],
)
def test_lawful_acts_words_and_programs_are_not_violence(text: str) -> None:
    assert "violence" not in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "the officer threatened to kill him",
        "the accused threatened him with a knife",
        "he threatened to arrest her and then punched her",
        "the child was abused by his father",
        "the officer verbally abused and then beat the man",
    ],
)
def test_threats_of_harm_and_blows_stay_violence(text: str) -> None:
    assert "violence" in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "the officer threw coins at the complainant",
        "it was alleged that he threw his FOID card at him",
        "struck the child about the body numerous times with a belt",
        "the victim was struck on the back with an unknown object",
        "Officer A struck him in the face with a pair of handcuffs",
        "the officers struck the victim with a police vehicle",
        "the officer discharged his OC spray at the complainant",
    ],
)
def test_objects_thrown_at_or_struck_with_are_weapons(text: str) -> None:
    assert "weapon" in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "he threw the ball to the dog", "she wore a dress with a belt", "threw his keys at the table",
        "the car struck a pole with its bumper", "OC deputies responded to the call",
    ],
)
def test_objects_not_thrown_at_a_person_are_no_weapon(text: str) -> None:
    assert "weapon" not in raised(text)


def test_both_readers_agree_on_phase_9() -> None:
    terms = default_terms()
    assert terms.native is not None  # the native reader is in use, with no silent fallback
    python = dataclasses.replace(terms, native=None)
    texts = [
        "used excessive force", "handcuffed him too tightly", "spit in his face", "punched Mr. [NAME]",
        "threatened to arrest him", "threatened him with arrest", "verbally abused him",
        "gang violence suppression mission", "bumped the Officer with his shoulder",
        "knee on the complainant's neck", "threw coins at the complainant", "Officers A and B",
        "the discharge of his weapon", "with an unknown object", "assault weapons",
        "took the victim's cell phone and failed to return it", "trafficking a minor", "OC spray",
        "struck the victim with a police vehicle",
    ]
    for text in texts:
        assert screen_narrative(text, terms) == screen_narrative(text, python), text
