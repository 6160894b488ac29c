"""Phase 9 of issue #17's tuning for medical (service.screening.vocab.medical_complaints), both ways:
a person struck with an object, the object named after where the blow landed (hands, feet, a car or
a thing struck stay quiet); a head slammed against a surface, a person thrown down stairs or
through a window; medical attention denied or not given, read as care withheld (never as a
patient's denial of a complaint). Both readers agree, with the native reader in use."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative

MEDICAL = {"medical", "injury"}


def medical_raised(text: str) -> bool:
    return any(f.flag in MEDICAL and not f.negated for f in screen_narrative(text))


def medical_denied(text: str) -> bool:
    found = [f for f in screen_narrative(text) if f.flag in MEDICAL]
    return bool(found) and all(f.negated for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Officer A struck the complainant about the head and body with a retractable baton.",
        "the officer struck the Subject about the body with an asp during the arrest",
        "Officer A struck Victim 2 on the back and/or thigh area with a paddle",
        "it was alleged that he struck her multiple times with a chair",
        "the defendant struck the victim's head with a hammer and fled",
        "Officer B struck him in the face with a pair of handcuffs",
        "the accused hit her on the head with her cell phone",
        "it is alleged that officers struck the man with a police vehicle",
        "the officer slammed the arrestee's head against the squad car",
        "he grabbed her by the shirt and threw her down the stairs",
        "the sergeant pushed the officer, causing him to strike his head on the desk",
        "an unknown officer forcefully pushed him through a window",
        "Officers A and B failed to render medical assistance to Subject 1",
        "the officer did not offer to call for medical assistance for the driver",
        "the detention aide denied him medical attention while in lockup",
        "the arrestee was denied medical care for several hours",
        "he failed to assist or provide her with any medical assistance",
        "the officer placed his knee on the Complainants neck pinning him down",
        "used his forearm on her neck to pin her down",
        "grabbed and squeezed the Victims throat",
        "the officer threw him to the ground and handcuffed him",
        "pushed a cup against her face causing her to fall against a cabinet",
        "the Sergeant pushed the Officer, who fell backwards and struck his back on the desk",
        "Officer A slammed her hand in the door of the squad car",
        "the Sergeant tased the subject without justification",
        "accused the officers of tasing both men without justification",
        "discharged his OC spray at the Complainant",
        "was arrested and charged with Domestic Battery-Bodily Harm",
        "abusing his roommate with Down syndrome",
        "complications resulted in the baby being stillborn",
        "yelled at family members to leave his hospital room",
        "alleged that the accused allowed his dog to bite him on the leg",
        "the arrestee was observed cutting his forearm with a knife",
    ],
)
def test_blows_impacts_and_denied_care_raise_medical(text: str) -> None:
    assert medical_raised(text), text


@pytest.mark.parametrize(
    "text",
    [
        "the officer struck the complainant with his hands and feet",  # personal weapons, no injury
        "he struck the car with a bat and fled",  # a thing struck, nobody hurt
        "the driver intentionally hit the victim's vehicle with their vehicle",  # two cars
        "the officer struck the window of the door with his flashlight",
        "the complainant alleged that the officer was rude and issued a citation",
        "the dog was hit with a stick",
        "the collision caused debris to fall on the freeway",  # no person falls
        "he threw his groceries to the ground",  # a thing thrown
        "the officer grabbed him by the arm and walked him to the car",
        "he threatened him with bodily harm",  # a threat, no harm done
        "the officer's foot was on the brake pedal",
        "he cut his own hair in the lockup",  # no limb cut
        "the dog did not bite anyone and was returned to its owner",
    ],
)
def test_look_alikes_stay_quiet(text: str) -> None:
    assert not medical_raised(text), text


@pytest.mark.parametrize(
    "text",
    [
        "the Conviction Review Unit's report on miscarriages of justice",
        "A search of the apartment resulted in the seizure of 18 kilograms",
        "a tip from federal authorities, leading to the seizure.",
        "the largest fentanyl seizure in the county's history",
        "a man who threatened a mass shooting at the school was convicted of making a criminal threat",
        "convicted of assault with force likely to produce great bodily injury",
    ],
)
def test_prosecutors_look_alikes_stay_quiet(text: str) -> None:
    assert not medical_raised(text), text


@pytest.mark.parametrize(
    "text",
    [
        "she suffered a miscarriage after the assault",
        "the man had a seizure in the lockup",
        "during the seizure he struck several vehicles",
        "the defendant opened fire in a mass shooting that killed three",
        "the assault caused great bodily injury to the victim",
    ],
)
def test_the_real_terms_still_raise(text: str) -> None:
    assert medical_raised(text), text


def test_a_patients_denial_stays_a_denial() -> None:
    assert medical_denied("the man denied needing medical attention")
    assert medical_denied("the complainant did not sustain injuries")


def test_both_readers_agree_on_phase_9() -> None:
    terms = default_terms()
    assert terms.native is not None  # the native reader is in use, with no silent fallback
    python = dataclasses.replace(terms, native=None)
    texts = [
        "struck the Subject on the head with a flashlight", "struck the car with a bat",
        "slammed Complainants head against the Department vehicle", "threw her down the stairs",
        "failed to render medical assistance", "denied her medical attention",
        "denied needing medical attention", "hit the victim's vehicle with their vehicle",
    ]
    for text in texts:
        assert screen_narrative(text, python) == screen_narrative(text, terms), text
