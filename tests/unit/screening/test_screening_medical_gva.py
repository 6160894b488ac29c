"""Medical phase 4 (service.screening.vocab.medical_codes, source GVA): Gun Violence Archive's headline
style raises the medical flag for a person shot; a gun fired with no person as its object, shots
counted, and a gun as the object stay quiet (round 5 guide R12)."""

from __future__ import annotations

import pytest

from service.screening.screen import screen_narrative


def raised(text: str) -> bool:
    return any(f.flag == "medical" and not f.negated for f in screen_narrative(text))


@pytest.mark.parametrize(
    "text",
    [
        "Man shot, leg, stable.",
        "woman found shot outside",
        "Teen shot in right leg on street.",
        "Victim shot once in the right hip",
        "Woman shot, rt. arm; man grazed, elbow;",
        "return later to man with head graze",
        "juvenile shot during robbery",
        "Austin - man w/ gang ties shot, killed; suspect charged",
        "attempted armed robbery ends with perp dead",
        "father shot while protecting his son",
        "Went to theater for help after being robbed and shot",
        "escalated verbal dispute, shot by stray bullet",
    ],
)
def test_gva_headline_person_shot_is_medical(text: str) -> None:
    assert raised(text)


@pytest.mark.parametrize(
    "text",
    [
        "WM MALE PASSENGER SHOT A PISTOL OUT THE WINDOW",
        "W SECTOR HEARD 1 SHOT",
        "the subject outside shot at him, the resident shot back.",
        "man shot at the fleeing car",
        "one shot fired near the park",
        "Loon was shot, both state and federal law protect animal.",
        "off duty ofc shot dog that ran at family",
        "when the subject fired, the resident shot back.",
    ],
)
def test_gva_look_alikes_stay_quiet(text: str) -> None:
    assert not raised(text)
