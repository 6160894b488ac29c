"""Medical phase 6 (service.screening.vocab.injury_notes): killings and woundings told in report prose,
gunfire on people or out of a quarrel, and their look-alikes: psychiatric history (treatment or a
hospital stay for a mental illness, post-traumatic stress, a traumatic childhood) and a feared suicide
are no medical call, while treatment for an injury, a psychiatric emergency now and a completed
suicide still are. "Medical" is what the evaluation counts: the medical or injury flag, not denied."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> bool:
    return any(f.flag in ("medical", "injury") and not f.negated for f in screen_narrative(text))


RAISED = [
    # a killing or wounding with no weapon word (NIBRS 09A, 13A)
    "he returned to the school, killing the superintendent and wounding the principal",
    "the day he killed his parents",
    "went as far as killing a man in 1971",
    "he believed he was saving the world with his random killings",
    "a dispute that left four members of his family dead",
    "the attack left two people injured",
    "she murdered her husband and two coworkers",
    # gunfire on people, a quarrel turned into gunfire (hedged: nobody said hit)
    "a driver fired upon people in three locations",
    "the man opened fire on the crowd outside the club",
    "an argument led to gun shots in the parking lot",
    "a party turned to gun violence after a physical altercation broke out",
    # treatment and hospital stays that are for injuries, psychiatric emergencies now
    "the victim was treated for his injuries at the scene",
    "he was hospitalized for a gunshot wound",
    "pt hallucinating and not alert",
    "he committed suicide in 2003",
    "his brother committing suicide",
    "he left the Army after he witnessed someone get killed",
    # a death named as a noun, an attack meant to kill (round 7 R11), a homicide
    "he was upset at the death of his son",
    "police said this was likely a targeted hit",
    "caller reports a homicide",
    "pt is homicidal",
    # treatment that is for an injury
    "victim received treatment at the scene",
    "he was urged to seek treatment for his injuries",
]
QUIET = [
    # psychiatric history is not medical (round 7 R7)
    "He had been hospitalized for psychiatric reasons and had a history of depression",
    "He was hospitalized at least once for suicidal tendencies",
    "The shooter had been treated for severe depression since he lost his job",
    "He had been treated for this mental illness in the past.",
    "He was undergoing treatment for paranoid schizophrenia and hallucinations.",
    "She was suffering from paranoid schizophrenia and hallucinations prior to the event.",
    "diagnosed with post-traumatic stress disorder",
    "he had suffered an immensely traumatic childhood",
    "no records show he received treatment or diagnosis of mental illness",
    "his family tried to get him to seek treatment.",
    # a disposition is no death (round 7 R6)
    "his sister worried about his homicidal tendencies",
    # a suicide feared or threatened is not a completed one
    "his friends feared he'd commit suicide",
    "he threatened to commit suicide",
    "he talked about committing suicide",
    # killings imagined are not killings
    "he had fantasies about mass killings",
]


@pytest.mark.parametrize("text", RAISED)
def test_killings_woundings_and_gunfire_on_people_raise_medical(text: str) -> None:
    assert raised(text), text


@pytest.mark.parametrize("text", QUIET)
def test_psychiatric_history_and_imagined_harm_stay_quiet(text: str) -> None:
    assert not raised(text), text


def test_both_readers_agree_on_the_phase_6_kinds() -> None:
    terms = default_terms()
    python_reader = dataclasses.replace(terms, native=None)
    for text in (*RAISED, *QUIET):
        assert screen_narrative(text, terms) == screen_narrative(text, python_reader), text
