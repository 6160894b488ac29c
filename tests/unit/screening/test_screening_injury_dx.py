"""Medical phase 5 (service.screening.vocab.injury_dx): injuries as an emergency department codes them
(NEISS diagnosis categories by body part), people struck by gunfire, people shot or killed by role,
completed suicides; their look-alikes (a burn pile, a crime's degree, shots that hit a car, a gun as
the object, the intent to die) stay quiet. "Medical" here is what the evaluation counts: the medical
or injury flag, not denied."""

from __future__ import annotations

import pytest

from service.screening.screen import screen_narrative


def raised(text: str) -> bool:
    return any(f.flag in ("medical", "injury") and not f.negated for f in screen_narrative(text))


@pytest.mark.parametrize(
    "text",
    [
        "41 YOF BURN HAND WHILE COOKING",
        "pt burned his left forearm on the grill",
        "DX: PARTIAL THICKNESS BURN OF R FOREARM",
        "FACIAL BURN FROM A CAMPFIRE",
        "2ND DEG BURNS TO PALM",
        "FELL OFF BIKE. DX: FX R WRIST",
        "DX CLOSED FX'S OF FINGERS",
        "METAL SHAVING IN EYE; DX: FB L EYE",
        "foreign body removed from the ear",
        "HIT BY A BALL, DX HYPHEMA",
        "DX: RUPTURED TYMPANIC MEMBRANE",
        "AMPUTATION OF TIP OF FINGER",
        "DEGLOVING INJURY OF THUMB",
        "LAC TO FOREHEAD AFTER FALL",
        "CONT CHEST WALL",
        "c/o ringing in his ears since the blast",
        "complains of eye pain and redness",
        "pain to r ear after loud noise",
        "was seen at urgent care and sent on",
        "DX: CONCUSSION",
    ],
)
def test_ed_diagnoses_by_body_part_are_medical(text: str) -> None:
    assert raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "neighbor has a burn pile going in the back yard",
        "crew doing a back burn along the ridge",
        "smell of electrical burning in the hallway",
        "charged with 2nd degree theft and 3rd degree burglary",
        "the barn burned down overnight, nobody inside",
        "burn ban in effect county wide",
    ],
)
def test_fires_and_degrees_of_crime_stay_quiet(text: str) -> None:
    assert not raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "the pistol went off striking another student in the leg",
        "he fired two shots, striking a 15 year old male",
        "a round fired from the street hit the bus driver",
        "gun discharged in the hallway striking a teacher",
        "two teens were struck in the crossfire",
        "coach on the field struck by a stray round",
        "suspect shot the principal and fled",
        "shoots classmate in the arm",
        "the husband killed his estranged wife in the lot",
        "fired 6 shots killing 2 and wounding 3",
        "14YOM shot near the gym",
        "16YOF student commit suicide in the restroom",
        "he took his own life at the park",
        "the suspect fired at the security guard twice and fled",
        "fired 5 shells into the crowd outside the game",
        "a man fired shots during a dispute in front of the school",
        "the girl was struck in the leg",
    ],
)
def test_people_struck_shot_or_killed_are_medical(text: str) -> None:
    assert raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "fired one round that struck a parked car",
        "shots fired into the air, hit the building",
        "suspect shot a pistol into the river",
        "he shot 2 rounds into the ground",
        "student said he wanted to commit suicide, counselor notified",
        "threatening to commit suicide, no weapons",
        "took out a gun and showed it to classmates",
        "fired two shots into the air and left",
        "fired at the school building overnight",
        "subject explained his vehicle was shot at last night",
    ],
)
def test_shots_that_hit_no_one_and_intent_stay_quiet(text: str) -> None:
    assert not raised(text)


@pytest.mark.parametrize(
    "person",
    [
        "man", "woman", "boy", "girl", "male", "female", "trans woman", "trans man", "nonbinary person",
        "gender nonconforming person", "husband", "wife", "brother", "sister",
    ],
)
def test_who_was_struck_never_decides(person: str) -> None:
    # The person list of the gunfire kinds is short (PCRE2's size limit): every sex and gender word
    # of the shared list must be in it, so that the same shooting reads the same for all.
    assert raised(f"the gun went off striking the {person} in the arm")
    assert raised(f"suspect shot the {person} outside")


@pytest.mark.parametrize(
    "text",
    [
        "STOMACH HURTS FOR AN HOUR",
        "says her arm is in severe pain",
        "80S YOF CHANGE IN MENTAL STATUS",
        "child broke out in hives after lunch",
        "DIFF BRTH, HX COPD",
        "70YOM SOMETHING STUCK IN HIS THROAT",
        "pale and clammy",
        "history of migraines, worst headache of her life",
    ],
)
def test_chief_complaints_in_a_callers_words_are_medical(text: str) -> None:
    assert raised(text)


@pytest.mark.parametrize(
    "text",
    ["the case is still a pain to close", "hives of bees removed from the wall"],
)
def test_complaint_look_alikes_stay_quiet(text: str) -> None:
    assert not raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "an unknown male fired a gun at them and fled",
        "he fired three rounds at him from the car",
        "victim refused any medical attention at the scene",
        "sick, unable to keep anything down since last night",
    ],
)
def test_gunfire_at_a_pronoun_refusals_and_vomiting_are_medical(text: str) -> None:
    assert raised(text)


def test_a_refusal_with_no_injuries_is_a_denial() -> None:
    assert not raised("victim refused any medical, no injuries")


def test_a_burn_told_with_a_comma_and_a_hit_told_by_the_part_are_injuries() -> None:
    assert raised("DX BURN, R HAND")
    assert raised("shot during practice by a classmate - hit in lower left leg")


@pytest.mark.parametrize(
    "text",
    [
        "he told a friend he planned a school shooting",
        "voices told him to commit a shooting at the mall",
        "posted a threat of a mass shooting online",
    ],
)
def test_a_shooting_planned_or_threatened_is_not_medical(text: str) -> None:
    assert not raised(text)
