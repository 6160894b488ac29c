"""Phase 12 of issue #17's tuning for medical (service.screening.vocab.medical_custody), both ways:
a body thrown, slammed or shoved against or into a hard surface (round 12 R1), restraint's effects
on the hands (R2), stated conditions (R4), OC spray or a Taser used on a person, a door or a
vehicle used on a person, hospitals by their own names, a funeral (R6), a record that left injuries
out; and the look-alikes: a crash between vehicles with no one hurt, a near miss, "cut off", civil
damages' "pain and aggravation", the initials "OD", a transport to a police district, a thing
thrown against a wall, a tire stabbed, a pet injured, "pushed against" a car (round 12 labels a
push as no injury), a disabled vehicle. Both readers agree, with the native reader in use."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative

MEDICAL = {"medical", "injury"}

RAISED = [
    "he was thrown against a wall and searched",
    "Officer A slammed him against the living room wall.",
    "the officer tackled him into a vehicle",
    "the officers grabbed him and threw him onto a gate",
    "he was picked up by the handcuffs and shoved into the side of his vehicle",
    "the officer pushed her face into the ground",
    "slammed her into his SUV repeatedly",
    "Officer B exited his patrol car, slammed the complainant against it, handcuffed him",
    "Officer C threw him against the side of his vehicle while",
    "He was thrown into a cement wall",
    "he was slammed face first into a wall",
    "the officer proceeded to grab her and throw her against a wall",
    "two male officers grabbed her shoulders and forced her against the wall",
    "punched the complainant in the jaw, knocking him to the ground",
    "his girlfriend was grabbed by the neck, taken to the floor and arrested",
    "The officers threw her son to the ground",
    "the boy was thrown to the grass",
    "a female officer grabbed him by the collar and pushed him over the rail",
    "grabbed his hands and slammed them on the steering wheel",
    "handcuffed him too tightly, causing his hands to become numb",
    "he was handcuffed to the point his fingers and wrists became numb",
    "flex cuffs, which caused her hands to swell and turn red",
    "he was tightly handcuffed, which affected the circulation and feeling in his hands",
    "the handcuffing aggravated a previous injury",
    "he now has nerve damage in his left arm due to the handcuffs",
    "Officer W cursed the boys before pepper spraying them.",
    "one of the officers pepper sprayed the complainant while he sat in the car",
    "one of the men sprayed him with pepper spray",
    "the complainant maced the male, who then left",
    "hit him with the door, stating",
    "Officer K hit his leg with the door of the patrol vehicle",
    "the officers used their patrol car to stop him and struck him with the front of the vehicle",
    "the officers transported him to the hospital",
    "District officers sent her to Hahnemann Hospital",
    "she woke up at the hospital where she was told",
    "in a manner that resulted in the breakage of his arm",
    "he was on his way to attend his uncle's funeral",
    "The report did not reflect injuries to the complainant and her daughter",
    "he was stopped by two officers, thrown against their vehicle, handcuffed and searched",
    "the officers stomped him and choked him",
    "the officers proceeded to choke, stomp and kick him",
    "Officer B stomped on the complainant's ankle",
]

QUIET = [
    # a condition alone is no emergency: EMS instead of a civilian responder on a person's status
    "he states he is deaf and did not understand",
    "she is eight months pregnant",
    "The complainant, who is hearing impaired, asked for a paper and pencil",
    "he couldn't speak or hear and utilized sign language",
    "neighbor is deaf, requesting welfare check",
    "male is disabled and sleeping in doorway",
    "she is pregnant and was locked out",
    "mother has diabetes and needs help with groceries",
    "autistic son refusing to get out of the car",
    # a ride to a station or a shelter is not care; a thing dragged is not a person
    "officer transported comp to station",
    "comp transported to shelter",
    "trash cans were dragged across the street",
    "While driving, she was struck by another vehicle.",
    "while driving, she was struck by a vehicle that made an illegal U-turn",
    "his vehicle was struck by a vehicle that was traveling on the pike",
    "she almost struck her with her vehicle",
    "she was cut off by a vehicle with an FOP emblem",
    "this incident caused him pain and aggravation that affects him",
    "The complainants, OD, 63/B/M, and NM, state",
    "Officer OD threatened the complainant",
    "he was transported to the 17th District",
    "Officer T got out of the patrol car and stabbed the bike's tire.",
    "the officers damaged several rooms and injured his dogs",
    "One officer pointed his finger as if he was shooting a gun at him.",
    "the phone was thrown against the wall",
    "she threw her phone onto the ground",
    "the officer pushed him against his patrol car",
    "he was pushed into the back of the police car",
    "he was taken to the ground floor",
    "his vehicle was disabled on the highway",
    "the alarm was disabled",
    "she is not pregnant",
    "he discharged his taser",
    "SUSP STOMPED ON REAR WINDSHIELD CAUSING DAMAGE",
    "he told him to empty the narcotics into the street and stomp on it",
    "his phone thrown against the wall",
    "caller hears screaming and what sounds like someone being thrown against the wall",
]


def medical_raised(text: str) -> bool:
    return any(f.flag in MEDICAL and not f.negated for f in screen_narrative(text))


@pytest.mark.parametrize("text", RAISED)
def test_complaint_force_restraint_conditions_and_care_raise_medical(text: str) -> None:
    assert medical_raised(text)


@pytest.mark.parametrize("text", QUIET)
def test_crashes_initials_objects_pushes_and_districts_stay_quiet(text: str) -> None:
    assert not medical_raised(text)


def test_both_readers_agree_on_phase_12() -> None:
    terms = default_terms()
    assert terms.native is not None  # the C reader is in use: no silent fallback
    python_only = dataclasses.replace(terms, native=None)
    for text in (*RAISED, *QUIET):
        assert screen_narrative(text, terms) == screen_narrative(text, python_only)
