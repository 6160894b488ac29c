"""Phase 12 of issue #17's tuning for weapon (service.screening.vocab.complaints_weapons), both ways:
the weapons police complaint summaries name (Philadelphia PD Directives 10.2 and 10.3: the ECW, the
expandable baton, OC spray; NIBRS data element 13: blunt objects and vehicles used on a person; the
Pennsylvania Uniform Firearms Act charge) raise weapon, while things thrown at one's own or a parked
property, a finger pointed as if it were a gun and a hand condition do not. Both readers agree, with
the native reader in use."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def weapon(text: str) -> bool:
    return any(f.flag == "weapon" and not f.negated for f in screen_narrative(text))


ARMED = [
    # the ECW and its verbs, drawn, used or threatened (PPD Directive 10.3)
    "the officer unlocked the door, drew his ECW and told him to get out",
    "officers struck and kicked her along with tazing her",
    "the officer threatened to tase her husband several times",
    "another officer threatened to use his electronic control device",
    "he was shocked with a conducted energy weapon",
    # the expandable baton by its trade name, OC spray as a verb (Directive 10.2)
    "his wife told him he had been hit by an officer's ASP",
    "officers used their ASPs on the complainant's hand",
    "the officer cursed the boys before pepper spraying them",
    # blunt objects (NIBRS code 30), the body part named between
    "officers struck him in his private area with a flashlight",
    "the officer struck her in the face and head numerous times with his handcuffs",
    "he hit him in the face with one of his shoes",
    "an officer struck the subject in the groin with a radio",
    "the officer shut the patrol car's door onto his foot",
    # vehicles (NIBRS code 35; round 12 R17)
    "a vehicle with an FOP emblem tried to cut her off the road",
    "the officers used their patrol car to stop him and struck him with the front of the vehicle",
    "the officer almost hit his friend with a vehicle as he drove away",
    # objects and liquids thrown at a person (round 8 R5)
    "the officer yelled at her again before throwing two citations at her",
    "she alleged that the officer threw the cleaning solution on her",
    # firearms charges (18 Pa.C.S. 6105-6108) and spoken threats to shoot (round 12)
    "her son was arrested for VUFA and recklessly endangering another person",
    "he said they could end up shot over disputes such as this one",
    "keep the lights on as a safeguard against his itchy trigger finger",
    "it appeared to him as she was holstering her sidearm",
    "he threatened her with broken glass",
    "he received a cigarette burn to his right hand",
    "he said he was going to blow her head off",
    "he threatened to slit his throat",
    # implements implied or carried, a crowd mowed down, deadly force, a calibre (phase 12, batch 2)
    "charged with bludgeoning three men",
    "she was threatened by a gang of girls with bats",
    "pedestrians were mowed down by the defendant",
    "she threw several items in the direction of an officer",
    "the detective used deadly force in violation of policy",
    "he failed to secure his 380 caliber semi-automatic",
]


@pytest.mark.parametrize("text", ARMED)
def test_complaint_weapons_raise_weapon(text: str) -> None:
    assert weapon(text), screen_narrative(text)


@pytest.mark.parametrize(
    "text",
    [
        # property with no one at it (NIBRS 290)
        "the complainant threw a brick at his own window to get into his apartment",
        "someone threw eggs at her parked car overnight",
        # a mimed gun, a hand condition, a door closed on a room
        "one officer pointed his finger at him as if he was shooting a gun at him",
        "the boy made a finger gun at the camera",
        "she is scheduled for trigger finger release surgery",
        "she closed the door on the meeting and left",
        # a conversation, a window tapped with a knuckle, the snake
        "she struck up a conversation with his cousin",
        "he hit the window with his knuckles",
        "an asp was seen near the trail",
        "he mowed the lawn and cut the hedges",
    ],
)
def test_look_alikes_raise_no_weapon(text: str) -> None:
    assert not weapon(text), screen_narrative(text)


@pytest.mark.parametrize(
    "text",
    [
        # the same words with a person as the target stay a weapon
        "he threw a brick at his brother",
        "kids threw bottles at his car as he was driving",  # occupied (round 10 R6)
        "suspect pointed a silver hand gun at the comp",
    ],
)
def test_the_same_words_at_a_person_stay_a_weapon(text: str) -> None:
    assert weapon(text), screen_narrative(text)


def test_both_readers_agree_on_phase_12() -> None:
    terms = default_terms()
    assert terms.native is not None  # the native reader is in use, with no silent fallback
    python = dataclasses.replace(terms, native=None)
    for text in [*ARMED, "threw a brick at his own window", "as if he was shooting a gun at him"]:
        assert screen_narrative(text, python) == screen_narrative(text, terms), text


@pytest.mark.parametrize(
    "text",
    [
        # a reluctance denied affirms the act (litotes); a "not" on the manner keeps the thing handled
        "the officer said, I don't have a problem shooting you",
        "he said he would not hesitate to shoot her",
        "she would not think twice about stabbing him",
        "the officer did not properly handle his Taser, causing it to discharge",
    ],
)
def test_a_denied_reluctance_or_manner_keeps_the_weapon(text: str) -> None:
    assert weapon(text), screen_narrative(text)


@pytest.mark.parametrize(
    "text",
    [
        "he did not have a gun",
        "she does not have a weapon and did not hesitate to comply",
        "no problem with the neighbors, no weapons in the home",
        "he was not carrying a knife",
    ],
)
def test_plain_denials_stay_denied(text: str) -> None:
    assert not weapon(text), screen_narrative(text)


def test_partners_and_kin_are_named_alike_for_every_sex() -> None:
    # the equity rule: the same act on a boyfriend, a husband or a wife reads the same
    for whom in ("his wife", "his husband", "his boyfriend", "her girlfriend", "their partner",
                 "her husband"):
        flags = {f.flag for f in screen_narrative(f"male threw bleach on {whom}") if not f.negated}
        assert "weapon" in flags, whom
