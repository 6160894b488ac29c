"""Phase 6 of issue #17's tuning for weapon and violence (service/screening/vocab/mass_harm.py), both
ways: a person killed or wounded by another is violence, by a fire, a crash or oneself it is not;
gunfire loosed on people or a place is a weapon and violence; a plan to kill others is violence, one
to kill oneself is not; abuse and confrontation are violence, spoken only they are not."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


@pytest.mark.parametrize(
    "text",
    [
        "he killed the night manager and wounded two customers",
        "a man killed his two teenage cousins at the house",
        "killing a security guard before he fled",
        "suspect wounded three others in the lobby",
        "killed sixteen people on the campus",
        "opened the door, killing 1 and wounding 3",
        "the clerk was murdered during the holdup",
    ],
)
def test_a_person_killed_or_wounded_by_another_is_violence(text: str) -> None:
    assert "violence" in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "the house fire killed two children overnight",
        "the crash killed the driver and a passenger",
        "she killed herself with her father's pistol",
        "pt wounded his hand on broken glass",
        "killed the engine and walked away",
    ],
)
def test_a_death_by_fire_crash_or_oneself_is_not_violence(text: str) -> None:
    assert "violence" not in raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "car was fired upon on the interstate",
        "unknown suspects fired upon a group standing outside",
        "callers say the firing began near the gym",
        "shot 10 young girls in the classroom",
        "shot three of his coworkers",
        "they went to retrieve guns from the car",
        "walked up to the store and shot, killing a clerk",
        "he was charged in the shootings at the plant",
    ],
)
def test_gunfire_loosed_on_people_or_a_place_is_a_weapon_and_violence(text: str) -> None:
    assert {"weapon", "violence"} <= raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "employee was fired on monday and is upset", "fire upstairs, smoke showing",
        "shot of tequila at the bar",
    ],
)
def test_firing_from_a_job_or_a_fire_is_no_gunfire(text: str) -> None:
    assert not {"weapon", "violence"} & raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "subject told staff he wanted to kill his supervisor",
        "he had decided to kill his classmates",
        "said he was sent to kill the mayor",
        "he planned to take lives at the mall",
    ],
)
def test_a_plan_or_wish_to_kill_others_is_violence(text: str) -> None:
    assert "violence" in raised(text)


@pytest.mark.parametrize("text", ["he wanted to kill himself", "she decided to kill herself last night"])
def test_a_plan_to_kill_oneself_is_not_violence(text: str) -> None:
    assert "violence" not in raised(text)


@pytest.mark.parametrize(
    "text", ["ex-wife says he was unstable and abusive", "fired after a confrontation with a supervisor"]
)
def test_abuse_and_confrontation_are_violence(text: str) -> None:
    assert "violence" in raised(text)


@pytest.mark.parametrize(
    "text", ["verbal confrontation only, no contact", "verbally abusive to staff on the phone"]
)
def test_a_spoken_confrontation_or_abuse_is_not_violence(text: str) -> None:
    assert "violence" not in raised(text)


def test_a_history_of_violence_is_left_as_it_was() -> None:
    # "history of" still denies what follows for every flag: reading a history of violence as a
    # caution would send police to calls that now go to EMS or a crisis team (a decision for the
    # policy owner, not for the vocabulary).
    assert "violence" not in raised("male w/ hx of violence, currently calm, no weapons")


TEXTS = [
    "he killed the night manager and wounded two customers", "car was fired upon on the interstate",
    "ex-wife says he was unstable and abusive",
    "she killed herself with her father's pistol", "he wanted to kill himself",
]


def test_both_readers_agree_on_these_kinds() -> None:
    terms = default_terms()
    assert terms.native is not None
    python = dataclasses.replace(terms, native=None)
    for text in TEXTS:
        assert screen_narrative(text, terms) == screen_narrative(text, python), text


def _violence(text: str) -> list[tuple[bool, bool]]:
    return [(f.negated, f.hedged) for f in screen_narrative(text) if f.flag == "violence"]


@pytest.mark.parametrize(
    "text",
    [
        "male w/ hx of violence, currently calm, no weapons, wants to go to the VA",
        "pt has a history of violent behavior per family",
        "h/o violence",
        "no history of violence",
        "denies any past history of violence",
        "hx of dv, caller requesting welfare check",
    ],
)
def test_a_history_of_violence_neither_raises_nor_denies_violence(text: str) -> None:
    # Neither this call's violence (police on a history alone) nor a "no" (a policy that takes the
    # narrative's denials would skip the question): the question stays open for the call-taker.
    assert _violence(text) == []


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("hx of violence, now punching the walls and threatening staff", False),
        ("he has a history of violence toward his wife; she says he hit her tonight", False),
        ("history of violence, no violence tonight, calm", True),
        ("no violence, no weapons", True),
    ],
)
def test_violence_in_the_call_is_still_read_after_a_history(text: str, denied: bool) -> None:
    found = _violence(text)
    assert found and all(negated == denied for negated, _ in found)
