"""Round 5 of issue #17's medical kinds (service/screening/vocab/medical_signs.py and the injury and
medical additions): each kind raised in wording written here, not copied from the evaluation sets;
doubt read as hedged presence; look-alikes (LOC as a location, a wire hanging, things thrown from a
car, a dead battery, a threat to cut someone) kept quiet."""

from __future__ import annotations

import pytest

from service.screening.screen import screen_narrative


def raised(text: str) -> dict[str, bool]:
    """Flags raised (a finding not denied), each with whether every such finding is hedged."""
    out: dict[str, bool] = {}
    for f in screen_narrative(text):
        if not f.negated:
            out[f.flag] = out.get(f.flag, True) and f.hedged
    return out


def ems(text: str) -> bool:
    """What the evaluation counts: medical or injury raised (both send EMS)."""
    found = raised(text)
    return "medical" in found or "injury" in found


@pytest.mark.parametrize(
    "text",
    [
        # symptoms (ICD-10 chapter XVIII)
        "72 YOF DIZZY AND WEAK",
        "pt feels lightheaded after standing",
        "child with a fever of 104",
        "TEMP 102 AND CONGESTED",
        "elderly male shaking uncontrollably",
        "caller is breathing hard and can't finish sentences",
        "son has been throwing up all night",
        "resident is disoriented in the hallway",
        "grandmother not acting right since lunch",
        "problems speaking, weak on the left side",
        "subj having a panic attack",
        "missing adult with dementia",
        # falls and persons down (EMD)
        "elderly female fell in the shower",
        "male slipped on the ice in the lot",
        "80 yom on the floor, unable to get up",
        "subject found lying in the ditch",
        "man lying on the sidewalk near the store",
        "female slumped over at the bus stop",
        "PT CONSCIOUS AND BREATHING",
        # EMS dispositions, deaths, a quiet response asked for
        "the victim was transported to the hospital",
        "two people were transported to county general hospital",
        "MEDICS TRANSPORTED ONE",
        "individual sought treatment at an urgent care",
        "victim pronounced dead at the scene",
        "DEATH INVESTIGATION",
        "NEEDS A PARAMEDIC",
        "REQ NO LIGHTS OR SIRENS",
        # household poisons (NPDS)
        "toddler drank some window cleaner",
        "teen swallowed a laundry pod",
        # wounds named by what was done to whom (NIBRS 13A)
        "suspect shot the victim twice",
        "he stabbed his roommate",
        "cut her boyfriend with a box cutter",
        "fired a handgun striking the victim in the leg",
        "passenger was thrown from the vehicle",
        # round 5, second batch: stings and bites, foreign bodies, cuts by body part, a shot to
        # oneself, EMS staged, a person waiting at an emergency room
        "hiker stung by a scorpion",
        "boy has a fish hook stuck in his hand",
        "cut her thumb with a bread knife",
        "male cut his wrists",
        "note says he shot self",
        "STAGING REQUIRED, PD EN ROUTE",
        "man in the emergency room lobby asking for help",
        # round 5, last pass: a sick person by who, a reaction to a drug, a dislocation, a fall told
        # by when, a body found, a person treated or driven to hospital, pills by a count
        "SICK FEMALE AT THE PHARMACY",
        "having a reaction to his new medication",
        "KNEE IS OUT OF PLACE",
        "FELL LAST NIGHT, STILL IN PAIN",
        "a body was found near the river",
        "two victims are being treated at a local hospital",
        "a friend drove him to the hospital",
        "took approximately 40 tylenol pills",
        "did not locate any victims of the shooting",
        # a shooting named with nothing said of who was hit (the guide: hedged medical)
        "officers were dispatched for a shooting",
        "SHOOTING IN THE PARKING LOT",
    ],
)
def test_round_five_kinds_raise_ems(text: str) -> None:
    assert ems(text), screen_narrative(text)


@pytest.mark.parametrize(
    "text",
    [
        "possible dead male in the car",
        "POSS PANIC ATTACK",
        "unk if she is dizzy",
    ],
)
def test_doubt_about_a_symptom_is_hedged_presence(text: str) -> None:
    assert raised(text).get("medical") is True, screen_narrative(text)


@pytest.mark.parametrize(
    "text",
    [
        "SUSP VEH LOC UNK",
        "1. At loc. 2. Their loc: front door",
        "WIRE HANGING LOW OVER THE ROAD",
        "keeps hanging up on dispatch",
        "a sign hanging off the building",
        "looking for anything thrown from the car during the pursuit",
        "WATER HEATER IS DEAD",
        "car battery is dead, needs a jump",
        "Chief Complaint: Disturbance / Nuisance",
        "he threatened to cut her with a knife",
        "fired several shots striking a parked vehicle",
        "neighbors shaking the house with loud music",
        "officers found evidence of a shooting at the corner",
        "no one was injured in the shooting",
        "no victims had been shot",
        "practising at the shooting range",
        "kids shooting off fireworks in the street",
        "TREE LAYING ACROSS THE ROADWAY",
        "a parked car was struck by gunfire",
        "debris lying in the road near the exit",
        "group of males shooting dice behind the store",
        "shaking the door handle of cars",
    ],
)
def test_look_alikes_stay_quiet(text: str) -> None:
    assert not ems(text), screen_narrative(text)


def test_a_person_found_hanging_is_still_medical() -> None:
    for text in ("found her husband hanging in the garage", "ATTEMPTED HANGING", "PERSON HANGING"):
        assert "medical" in raised(text), text


@pytest.mark.parametrize(
    "text",
    [
        # phase 2, kinds read in round 4's dev halves: a person killed or dead (NIBRS, NEMSIS)
        "officers returned fire, killing him",
        "Both were killed; the deputy was unharmed.",
        "[NAME] died when the car overturned",
        "[NAME]'s death was ruled an accident",
        # force by police on a person (ICD-10-CM Y35 legal intervention)
        "a deputy shot [NAME] after he refused to drop the knife",
        "Police opened fire during the incident.",
        "he exchanged gunfire with deputies",
        "[NAME] was tasered after fleeing",
        "officers deployed a stun gun",
        "the suspect was shot by a state trooper",
        "the officer drew his weapon and fired.",
        "prompting the officers to shoot",
        "swerved and hit a trooper, breaking his leg",
        # a person or rider struck by a vehicle, a person struck with a hard object (round 4 ruling R8)
        "she was hit by an officer's squad car",
        "the patrol car struck the moped from behind",
        "the actor struck him in the head with a baseball bat",
        # conditions named as the call (ICD-10-CM)
        "88 F POSS HEAT RELATED ILLNESS",
        "female possibly going into labor",
        "student having a reaction from an illegal drug",
    ],
)
def test_round_four_dev_kinds_raise_ems(text: str) -> None:
    assert ems(text), screen_narrative(text)


@pytest.mark.parametrize(
    "text",
    [
        "he threatened to kill him",
        "he threatened to shoot and kill her",
        "the officer has since been fired",
        "MALE SUBJECT IS OUTSIDE OF AMBULANCE BASE",
        "UTILITIES ON LOC",
        "a suspicious person hanging around the house",
        "the suspect fired several shots striking a parked car",
    ],
)
def test_round_four_look_alikes_stay_quiet(text: str) -> None:
    assert not ems(text), screen_narrative(text)
