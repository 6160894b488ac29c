"""Phase 4 of issue #17's tuning for weapon and violence (service/screening/vocab/headlines.py):
shootings written as incident headlines ("man shot, leg, stable") are raised, for every person
word alike; shots of medicine or drink, and "shot" with nobody named, stay quiet."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


@pytest.mark.parametrize(
    "text",
    [
        "Man shot, leg, stable",
        "victim shot on Grove ran to the corner",
        "clerk shot during robbery",
        "man and woman found shot",
        "Teen shot, chest, killed",
        "south side, gang ties shot, killed",
        "chased 2 blocks away, shot, lower abdomen.",
        "shot twice, back, arm; parking lot",
        "Man fired on by 2 males",
        "Went to theater for help after being robbed and shot",
        "shot by one of 3 men",
        "woman grazed, elbow",
    ],
)
def test_headline_shootings_raise_weapon_and_violence(text: str) -> None:
    assert {"weapon", "violence"} <= raised(text)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Man shot", "Woman shot"), ("male shot, leg", "female shot, leg"), ("boy shot", "girl shot")],
)
def test_which_person_word_never_decides(first: str, second: str) -> None:
    assert raised(first) == raised(second) and "weapon" in raised(first)


@pytest.mark.parametrize(
    "text",
    [
        "patient got her flu shot in the left arm yesterday",
        "shot glass broken on the floor",
        "took a shot of whiskey and passed out",
    ],
)
def test_shots_that_are_not_gunfire_stay_quiet(text: str) -> None:
    assert not {"weapon", "violence"} & raised(text)


def test_a_denied_headline_shooting_stays_denied() -> None:
    denied = [f for f in screen_narrative("no man shot, just fireworks") if f.flag == "weapon"]
    assert denied and all(f.negated for f in denied)


@pytest.mark.parametrize("text", ["Man shot, leg, stable", "Austin - shot, lower back", "one shot"])
def test_both_readers_agree(text: str) -> None:
    terms = default_terms()
    assert screen_narrative(text, terms) == screen_narrative(text, dataclasses.replace(terms, native=None))


@pytest.mark.parametrize("text", ["MALE SHOT HIMSELF IN THE HEAD", "NOTE SAYS MALE SHOT SELF IN HEAD"])
def test_a_person_who_shot_themself_is_a_weapon_not_violence(text: str) -> None:
    assert "weapon" in raised(text) and "violence" not in raised(text)


def test_doubt_about_where_a_shooting_happened_is_not_a_denial() -> None:
    text = "not clear where the shooting happened, victim drove to the hospital"
    weapon = [f for f in screen_narrative(text) if f.flag == "weapon"]
    assert weapon and not any(f.negated for f in weapon)


def test_doubt_whether_is_hedged() -> None:
    weapon = [f for f in screen_narrative("it is unclear whether he has a gun") if f.flag == "weapon"]
    assert weapon and all(f.hedged and not f.negated for f in weapon)


@pytest.mark.parametrize("text", ["not clear, no gun seen", "no gun in the house", "it is not a gun"])
def test_plain_denials_stay_denied(text: str) -> None:
    weapon = [f for f in screen_narrative(text) if f.flag == "weapon"]
    assert weapon and all(f.negated for f in weapon)
