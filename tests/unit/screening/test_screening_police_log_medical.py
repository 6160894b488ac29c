"""Medical phase 7 (service.screening.vocab.medical_scenes, injury.py): how a police call log says a
person went to hospital or called for EMS (NEMSIS transport dispositions, an ambulance provider named
as the carrier, "self transport", "xport"), the EMD "conscious and breathing" answer and a medical
alarm as CAD notes shorten them, the collision report's "complaint of pain", California radio codes
that name a medical call; and the look-alikes: property cut or slashed is no wound, a transport to
jail is no medical call, a suicide threat is no attempt, a non-injury collision denies the crash.
"Medical" is what the evaluation counts: the medical or injury flag, not denied."""

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
    "Subj transported via AMR to the ER.",
    "female transported to CHOPE via AMR on 5150 hold",
    "the resident was transported to Mercy by Emergency Medical Services",
    "ambulance transported the driver",
    "Self transport to Valley Medical.",
    "pt will self-transport",
    "Male patient xport to hospital",
    "72 yo female, cons and breathing",
    "52 yom cons & breath",
    "Lifeline alert, fire handled.",
    "life line alarm activated at the residence",
    "driver transported for complaint of neck pain",
    "passenger complaining of pain after the collision",
    "taken to county general hospital",
    # California radio codes that name a medical call (Bay Area departments' combined list)
    "req 11-41 for the driver",
    "11-80 on the expressway",
    "11-81, both drivers out of the vehicles",
    "subj 10-56a at the residence",
    "10-45B",
    # CAD call types and dispositions: a medical assist, EMS assisted, fire and medics, a coroner's case
    "medical assist",
    "assist fire with medical",
    "assisted AMR, subj transported",
    "Life line alert /fire/medics handled.",
    "coroner notified",
    "DBF in the creek",
    "subj taken to hosp by family",
    "rushed to the hospital",
    # an injury stated after a non-injury collision still counts
    "non-injury accident; vehicle vs ped, ped complaining of pain",
    "injury accident, vehicle vs. bicyclist",
    # a person cut is still a wound
    "the victim was cut on the arm",
    "the line was cut and then he was cut",
]
QUIET = [
    # property cut, slashed or burned is vandalism, not a wound
    "A bicycle lock was cut and the bicycle was taken.",
    "A secured lock on a fence was cut.",
    "his tires were slashed overnight",
    "the phone lines were cut before the burglary",
    "the seats were slashed with a knife",
    # a transport to jail is no medical call
    "Subject was transported to the county jail by the deputy.",
    "arrestee transported to CJ",
    # assisting fire with something that is no patient
    "assisted fire with traffic control",
    "assist fire with a lockout",
    # a threat of suicide is no attempt
    "Subj making 10-56a threats.",
]
DENIED = [
    "driver denies complaint of pain",
    "Report on a non-injury accident, vehicle vs. bicyclist.",
    "non injury TC vehicle vs ped",
    "no medical call needed",
]


@pytest.mark.parametrize("text", RAISED)
def test_police_log_transports_and_ems_shorthand_raise_medical(text: str) -> None:
    assert raised(text), text


@pytest.mark.parametrize("text", QUIET)
def test_property_damage_and_jail_transports_stay_quiet(text: str) -> None:
    assert not raised(text), text


@pytest.mark.parametrize("text", DENIED)
def test_a_denied_complaint_of_pain_is_denied(text: str) -> None:
    assert denied(text), text


def test_both_readers_agree_on_the_phase_7_kinds() -> None:
    terms = default_terms()
    python_reader = dataclasses.replace(terms, native=None)
    for text in (*RAISED, *QUIET, *DENIED):
        assert screen_narrative(text, terms) == screen_narrative(text, python_reader), text
