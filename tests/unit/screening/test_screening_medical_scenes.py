"""Medical phase 3 (service.screening.vocab.medical_scenes): each family raises the medical flag on the
way police and CAD texts tell it, and its look-alikes stay quiet; and the shared tail rule: a "- NO"
that starts a clause of its own about an injury ("- NO INJ") denies only that injury."""

from __future__ import annotations

import pytest

from service.screening.screen import screen_narrative


def raised(text: str, flag: str = "medical") -> bool:
    return any(f.flag == flag and not f.negated for f in screen_narrative(text))


def denied(text: str, flag: str) -> bool | None:
    found = [f for f in screen_narrative(text) if f.flag == flag]
    return all(f.negated for f in found) if found else None


@pytest.mark.parametrize(
    "text",
    [
        # Y35.0 police gunfire, told by who fired
        "He pointed a rifle at deputies. Three officers fired.",
        "Officer [NAME] fired when the man raised the gun.",
        "Three St. Paul officers fired on him.",
        "They chased him into a yard where he fired at them, and they shot back.",
        "The off-duty officer fired 7 shots, striking one suspect several times.",
        "He was shot several times by police after fleeing.",
        "Officers fired less lethal rounds first, then lethal rounds.",
        "the deputy told him to drop the weapon, prompting him to fire.",
        "the special operations team shot [NAME].",
        "Police shoot and kill a man holding what looked like a gun.",
        # V03 / V19: struck by a police vehicle; a crash that killed
        "An officer driving on Enterprise Avenue hit [NAME] with his vehicle.",
        "[NAME] was hit by Deputy [NAME] while crossing the road.",
        "he was hit by front end of oncoming police vehicle.",
        "a man on a bicycle collided with the cruiser. The impact killed the rider.",
        "He ran over the stop sticks, hit a truck and died.",
        "he was tasered and later died.",
        # EMD chief complaints on CAD pages
        "58 YOM NOT AWAKE BREATHING",
        "EMS CALL 46 YR OLD FEMALE ELEVATED HEART RATE",
        "72 yom tension in chest,",
        "79 YOF PAIN IN UPPER CHEST AND SHOULDER BLADES",
        "Nature Of Call: feels like hes going to pass out",
        "SCHOOL - FEMALE - FOOD ALLERGY",
        "LIFELINE CALL - FEMALE POSSIBLY FALLEN",
        "VEHICLE CRASH INTO POLE. MEDICAL REFUSAL ALL UNITS CLEAR",
        # batch 2
        "An officer responded to a disturbance and shot an off-duty deputy living there to death.",
        "Shot after lunging at an agent with a knife.",
        "Officers restrained him on the floor. [NAME] was asphyxiated.",
        "[NAME] fired back.",
        "[NAME] was hit with the truck's left front.",
        "actor was arrested for intentionally striking a person with her vehicle.",
        "assist at the scene of an accident involving a bicyclist and a pedestrian.",
        "65 YOA FEMALE CANCER PATIENT NEED TRANSPORT",
    ],
)
def test_phase_three_families_raise_medical(text: str) -> None:
    assert raised(text), screen_narrative(text)


@pytest.mark.parametrize(
    "text",
    [
        "The officer was fired from his job last year.",
        "the subject outside shot at him and ran",  # shots at someone, nobody hit: earlier guides' none
        "Unknown suspect fired several shots striking a vehicle / no injuries",
        "Caller reports the car was struck by a trooper's car in the lot, no one hurt",
        "he threatened to shoot and kill her",
        "** ROOF COLLAPSE HAZARD - LIGHTWEIGHT WOOD TRUSS CONSTRUCTION.",
    ],
)
def test_phase_three_look_alikes_stay_quiet(text: str) -> None:
    assert not raised(text), screen_narrative(text)


def test_a_threat_of_injury_is_not_an_injury() -> None:
    assert not raised("BY THREAT OF INJURY party reports suspicious fax", "injury")
    assert raised("party reports an injury to his arm", "injury")


def test_a_tail_no_about_an_injury_leaves_the_fall_standing() -> None:
    text = "75 YO FEM - FELL - SLIPPED - STILL ON FLOOR - NO INJ"
    assert denied(text, "medical") is False, screen_narrative(text)
    assert denied(text, "injury") is True, screen_narrative(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [("PT STILL ON FLOOR - NO", "medical"), ("INJURED - NO", "injury"), ("SHOT - NO INJURIES", "injury")],
)
def test_a_tail_no_answer_still_denies(text: str, flag: str) -> None:
    assert denied(text, flag) is True, screen_narrative(text)
