"""Phase 11 of issue #17's tuning for medical (service.screening.vocab.medical_dispatch), both ways:
a dispatcher's call type and ambulance units, a death notification, an offense report's "causing
pain" (Texas Penal Code 1.07(a)(8)) or SBI, a complainant transported or bitten, the medical
examiner notified, a patient refusal, blows with objects to the complainant, a person pushed out
of a vehicle or dragged, aid not rendered at a crash; and the look-alikes: LOC as a location, a
fire command officer "C3", an ambulance kept in quarters, burnt food, injured animals, gunfire
into the air or at a window, a brick thrown through a window, handcuffs too tight, bloodshot eyes,
a threat to slit a throat, stabbed tires, "me" as a pronoun. Both readers agree, with the native
reader in use."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative

MEDICAL = {"medical", "injury"}

RAISED = [
    "Received a call reporting a medical at [ADDRESS] Engine and Car5 dispatched.",
    "Received a 911 call requesting a medical at the senior housing complex",
    "a paramedic that responded to his medical",
    "E4, M1, and Car5 [NAME] dispatched.",
    "L1 and M2 dispatched, VA PD notified.",
    "M1 transported to Lahey 3.5 miles.",
    "Billerica P15 transported one to Lahey Clinic.",
    "Burlington A-1 responding.",
    "the ambulance transported two to the hospital",
    "Harvard PD requested a Death Notification be made",
    "Sgt requested Next/Kin be called",
    "NATURAL DEATH NO OFFENSE",
    "SUSP PUNCHED COMP CAUSING PAIN AND SWELLING",
    "THE SUSPECT PUSHED HER CAUSING HER PAIN",
    "UNKN SUSP HIT COMP IN FACE WITH GLASS",
    "AP HIT COMP W MOTOR VEH",
    "SUSP PUSHED COMP OUT OF VEHICLE",
    "SUSP LEFT AFTER MVC W/O LEAVING INFO OR RENDERING AID TO COMP",
    "The suspects then fired several gunshots at a man in front of them.",
    "The victim held onto the car and was dragged for approximately 20 feet.",
    "unable to confirm if the party was admitted in the hospital",
    "the student is just sick",
    "pt had brief LOC after the fall",
    "COMP WAS SHOT IN THE LEG",
    "Victim in vehicle was shot in the shoulder",
    "he threw the man through the window",
    "a man was just hit by a car",
    "requesting assistance with an injured man in the back yard",
    "he slit his throat",
    "he was stabbing her with a knife",
    "COMP WAS TRANSPORTED TO PARKLAND",
    "SUSP ASSAULTED COMP CAUSING SBI",
    "COMP TRANSPORTED BY DFR",
    "DFR TRANSPORTED COMP",
    "SUSP BIT COMP ON HAND",
    "CPAC and ME notified.",
    "Patient refusal signed, units clearing.",
]

QUIET = [
    "Received a call reporting a medical marijuana dispensary complaint.",
    "Officers transported him to the station.",
    "Eng 4 responding only. Ladder 1 and Medic 1 to remain in quarters.",
    "E4, L1, C3, [NAME] E2, and Car5 [NAME] dispatched.",
    "Evidence Technician A2 requested to recover the round",
    "UNK SUSP FORCED ENTRY IN TO THE LOC AND STOLE RANDOM ITEMS",
    "SUSP FLED LOC W/O EXCHANGING INFO",
    "LISTED PROP WAS FOUND AT THE LISTED LOC",
    "SUSPECT THREW BRICK THROUGH WINDOW",
    "SUSP SHOT IN THE AIR",
    "COMPS VEHICLE WINDOW SHOT BY UNKNOWN WEAPON.",
    "SUSPECT STRUCK COMPS VEHICLE WITH HIS VEHICLE AND FLED",
    "the resident reported it was burnt toast",
    "Received a call reporting an injured owl at the base of a street lamp",
    "requesting assistance with an injured wild animal in the back yard",
    "a brown dog was just hit by a car at the intersection",
    "Received multiple calls reporting a MVC w/out injury",
    "the handcuffs were too tight causing him pain",
    "the recruit had blood shot red eyes and smelled of alcohol",
    "Officer A threatened to slit his throat.",
    "stabbing her tires with a knife",
    "I am just sick of this",
    "SBI AGENTS ASSISTED WITH THE SEARCH",
    "SUSP PUSHED COMP AND COMP WAS OFFENDED BY THE CONTACT",
    "A/P WAS TRANSPORTED TO LEW STERRETT",
    "the officer told me responding units were late",
    "He called me en route to the station",
    "The operator signed refusal of the breath test",
]


def medical_raised(text: str) -> bool:
    return any(f.flag in MEDICAL and not f.negated for f in screen_narrative(text))


@pytest.mark.parametrize("text", RAISED)
def test_dispatch_remarks_and_offense_shorthand_raise_medical(text: str) -> None:
    assert medical_raised(text)


@pytest.mark.parametrize("text", QUIET)
def test_locations_units_in_quarters_animals_and_property_stay_quiet(text: str) -> None:
    assert not medical_raised(text)


def test_both_readers_agree_on_phase_11() -> None:
    terms = default_terms()
    assert terms.native is not None  # the C reader is in use: no silent fallback
    python_only = dataclasses.replace(terms, native=None)
    for text in (*RAISED, *QUIET):
        assert screen_narrative(text, terms) == screen_narrative(text, python_only)
