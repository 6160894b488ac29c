"""Where a plain negation ends (service.screening.terms.BREAKERS): a "not" that qualifies a person
("not affiliated with the University") does not reach past the sentence's own verb, while denials
of the hazard itself keep their reach (issue #17: 0 real hazards read as denied)."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def denied(text: str, flag: str) -> bool | None:
    """True when every finding of the flag is negated, False when one is not, None when none."""
    found = [f.negated for f in screen_narrative(text) if f.flag == flag]
    return all(found) if found else None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Individual not affiliated with the University suffered gunshot wounds to the back", "weapon"),
        ("Individual not affiliated with the University suffered gunshot wounds to the back", "violence"),
        ("Male not affiliated with the school was stabbed in the parking lot", "weapon"),
        ("Victim not known to the suspect sustained a gunshot wound", "violence"),
        # the denial is of the victims, the charge or the knowledge, not of the shooting
        ("Responding officers did not locate any victims of a shooting", "weapon"),
        ("the driver was not charged with the shooting", "weapon"),
        ("he was not aware of his intent to shoot at the other car", "violence"),
    ],
)
def test_a_not_that_qualifies_the_person_ends_at_the_verb(text: str, flag: str) -> None:
    assert denied(text, flag) is False, screen_narrative(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("He did not suffer gunshot wounds", "weapon"),
        ("no one suffered gunshot wounds", "violence"),
        ("was not struck with a metal bat", "weapon"),
        ("he was not armed", "weapon"),
        ("He is not known to carry a gun", "weapon"),
        ("not involved in the fight", "violence"),
        ("officers determined that no victims had been shot", "medical"),
    ],
)
def test_denials_of_the_hazard_keep_their_reach(text: str, flag: str) -> None:
    assert denied(text, flag) is True, screen_narrative(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # round 10 cpdb-1052077's kind: the report is denied, not the blow after it
        ("they did not complete a report after an offender struck the victims with a vehicle", "violence"),
        ("he did not resist when the officer struck him", "violence"),
        ("he did not call police until the suspect stabbed him", "weapon"),
        ("officers did not respond because the man had shot his neighbor", "violence"),
        ("did not complete a report after the victim was punched", "violence"),
        ("she did not go to the hospital before she was shot", "weapon"),
        # what "without" denies is the act's lawfulness, not the act
        ("without justification pointed weapons at her face", "weapon"),
        ("the accused arrested him without probable cause for Attempt Robbery", "violence"),
        ("entered without a warrant and struck him", "violence"),
    ],
)
def test_a_denial_ends_where_a_clause_about_another_event_begins(text: str, flag: str) -> None:
    assert denied(text, flag) is False, screen_narrative(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("he did not hit anyone after the game", "violence"),
        ("he was not armed before the stop", "weapon"),
        ("she did not punch him when he arrived", "violence"),
        ("no weapons were found when officers searched the car", "weapon"),
        ("he did not have a gun because he had sold it", "weapon"),
        ("he was without a weapon", "weapon"),
        ("arrived without any weapons", "weapon"),
    ],
)
def test_a_denial_before_the_conjunction_still_denies(text: str, flag: str) -> None:
    assert denied(text, flag) is True, screen_narrative(text)



def test_both_readers_agree_on_the_new_scope() -> None:
    python = dataclasses.replace(default_terms(), native=None)
    for text in (
        "Individual not affiliated with the University suffered gunshot wounds to the back",
        "Male not affiliated with the school was stabbed",
        "subject is not believed to be armed",
        "He did not suffer gunshot wounds",
        "they did not complete a report after an offender struck the victims with a vehicle",
        "he did not have a gun because he had sold it",
        "without justification pointed weapons at her face",
    ):
        assert screen_narrative(text) == screen_narrative(text, python), text
