"""Medical phase 8 (service.screening.vocab.medical_scenes, medical_signs.py, injury_dx.py): a call named
by its type alone ("responded to a medical", APCO's "Medical" incident types), the California Vehicle
Code sections that name a person hurt in a crash (20001, 23153) and the victim of a hit and run; and the
look-alikes read both ways: a medical clinic, examiner or record is no call type, the DUI and property
hit and run sections (23152, 20002) stay quiet, a police log's person code "(FX-23-S)" is no fracture,
a bicycle lying on a sidewalk is no person down, and a non-injury collision told after the vehicles
("auto vs bike non-injury accident") denies the crash. Batch 2: a person checked by a fire or EMS crew,
first aid given, a decedent, smoke or fumes that overcame someone, a burn victim, a crash with ejection
or entrapment, a sick or ill person as a call type (a mentally ill person is not one; first aid kits
are not first aid). Batch 3: an admission to hospital, a time of death, an autopsy, a medical examiner
or coroner's office called, a drowning, a fall through ice, sudden infant death, foam at the mouth
(a confession "admitted to the burglary" and noise "drowned out" are not). Batch 4: a nosebleed,
trouble swallowing, a birth outside hospital (a year of birth is not one), a medical episode. Batch 5:
a fire or EMS report's vitals and procedures (a BP station or a basketball backboard is not). Batch 6:
"no injuries and declined medical attention" is denied. Batch 7: burns by their agent (acid, bleach,
hot water) and a chemical splashed on a body part (a spill alone is not). "Medical" is what the
evaluation counts: the medical or injury flag, not denied."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> bool:
    return any(f.flag in ("medical", "injury") and not f.negated for f in screen_narrative(text))


def denied(text: str) -> bool:
    found = [f for f in screen_narrative(text) if f.flag in ("medical", "injury")]
    return bool(found) and all(f.negated for f in found)


RAISED = [
    "Officers responded to a medical.",
    "Deputies were dispatched on a report of a medical at the park.",
    "Officer assisted with a medical, the man was alert.",
    "Responded to a medical alarm at the residence.",
    "Suspect arrested for 20001 VC.",
    "Booked for 23153(b) VC and 14601 VC.",
    "cited for 20001",
    "Driver booked, 23153 CVC",
    "(FW-41-S) victim of a hit and run near the garage",
    "male victim of hit & run at the crosswalk",
    # the real fracture is still read, with or without the side
    "poss fx L wrist",
    "fell from the ladder, possible fx",
    "female with FX to her arm",
    # a person lying down is still one
    "a man who has been lying on the sidewalk for an hour",
    "subj laying in the street",
    # an injury stated with the collision is not denied by another collision's wording
    "vehicle vs bike, rider complaining of pain",
    # batch 2: other genres' wordings (fire and EMS reports, investigation summaries)
    "The driver was checked by SJFD and released at the scene.",
    "subject evaluated by paramedics",
    "Deputies rendered first aid until medics arrived.",
    "an officer applied a tourniquet to the leg",
    "The decedent's sister identified him.",
    "two residents overcome by fumes in the basement",
    "burn victim at the campground",
    "rollover with entrapment on the highway",
    "sick subject in the lobby",
    "ill female at the bus stop",
    # batch 3: deaths and admissions as investigation summaries and fire or EMS reports tell them
    "The driver was admitted to the hospital overnight.",
    "the boy was admitted to the ICU",
    "Time of death 0217 per the medic.",
    "An autopsy is scheduled for Monday.",
    "Medical examiner notified and on the way.",
    "The coroner's office responded to the residence.",
    "a swimmer drowned at the reservoir",
    "two kids fell through the ice on the pond",
    "possible SIDS, infant not breathing",
    "subject foaming at the mouth on the floor",
    # batch 4: symptoms and a birth by their clinical names
    "juvenile with a nosebleed that will not stop",
    "elderly female having trouble swallowing",
    "caller's daughter is giving birth in the bathroom",
    "newborn delivered at home, mother bleeding",
    "inmate had a medical episode in the cell",
    # batch 5: a fire or EMS report's vitals and procedures (NEMSIS eVitals, eProcedures)
    "BP 90/60, pale and sweaty",
    "GCS of 9 on arrival",
    "SpO2 88 on room air",
    "blood glucose of 38",
    "vital signs taken by E21",
    "c-collar applied and secured to a backboard",
    "IV started, pt packaged",
    "oxygen administered by fire",
    "med flight requested to the scene",
    "medic unit requested for the driver",
    "triage area set up at the corner, triage established",
    # batch 7: burns by their agent, a chemical on a body part
    "Lab accident, a student burned by acid.",
    "employee scalded by hot water in the kitchen",
    "chemical splash to the eyes in room 210",
    # batch 6: a refusal alone, or with an injury named, still counts
    "The victim declined medical attention.",
    "Victim had a cut lip, no other injuries and declined medical treatment.",
]
QUIET = [
    "Officers responded to a medical clinic on a theft report.",
    "Officers assisted the medical examiner's investigator at the office.",
    "Responded to a medical marijuana dispensary for a burglary alarm.",
    "Arrested for 23152(a) VC, vehicle towed.",
    "Cited for 20002 VC, property damage only.",
    "Report of a hit and run to a parked car.",
    "(FX-23-S) REPORTS THEFT OF A LAPTOP",
    "(FX-A-E) REPORTS HARASSING PHONE CALLS",
    "a bicycle that has been laying on the sidewalk for days",
    "backpack lying in the road",
    "20001 Bay Road, report of a found wallet",
    "Hallway cleared by the fire department after burnt toast.",
    "Officers gave first aid kits to the shelter.",
    "mentally ill subject yelling at cars",
    "emotionally ill male refusing to leave the store",
    "The suspect admitted to the burglary during the interview.",
    "loud music drowned out the smoke alarm",
    "she is drowning in paperwork and upset",
    "the baby was born in 2021 according to the custody order",
    "package delivered to the wrong house",
    "theft of fuel at the BP station",
    "the ball hit the backboard during the game",
    "school board meeting disrupted by a speaker",
    "chemical spill in the hallway, hazmat team cleaned it",
    "acid spilled on the lab bench, no one present",
]
DENIED = [
    "Auto vs bike non-injury accident, driver left.",
    "Vehicle vs pedestrian, no injury collision.",
    "car vs ped non injury crash in the lot",
    # batch 6: no injury stated, then care declined
    "Victim reported no physical injuries and declined medical attention.",
    "The driver had no injuries and refused EMS.",
]


@pytest.mark.parametrize("text", RAISED)
def test_phase_8_kinds_raise_medical(text: str) -> None:
    assert raised(text), text


@pytest.mark.parametrize("text", QUIET)
def test_phase_8_look_alikes_stay_quiet(text: str) -> None:
    assert not raised(text), text


@pytest.mark.parametrize("text", DENIED)
def test_a_non_injury_collision_after_the_vehicles_is_denied(text: str) -> None:
    assert denied(text), text


def test_both_readers_agree_on_the_phase_8_kinds() -> None:
    terms = default_terms()
    python_reader = dataclasses.replace(terms, native=None)
    for text in (*RAISED, *QUIET, *DENIED):
        assert screen_narrative(text, terms) == screen_narrative(text, python_reader), text
