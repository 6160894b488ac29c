"""Phase 12 of issue #17's tuning for violence (service.screening.vocab.complaints_force), both ways:
what complaint summaries tell that is not force -- an officer's threat of a lawful or non-bodily act
(18 Pa.C.S. 2706 needs a threatened crime of violence), an abuse of authority (18 Pa.C.S. 5301), a
ticket "fought" in court and words-only altercations (round 12 R14, R15), property kicked or struck
(NIBRS 290), dates and initials that spell ten-codes -- raise no violence, while the same words
against a person still do; a person handcuffed (police restraint) and spoken intent to harm (round
12 R13) raise it. Both readers agree, with the native reader in use."""

from __future__ import annotations

import dataclasses

import pytest

from service.screening.screen import default_terms, screen_narrative


def raised(text: str) -> set[str]:
    return {f.flag for f in screen_narrative(text) if not f.negated}


QUIET = [
    # threats of a lawful or non-bodily act
    "one of the officers threatened to confiscate the complainant's weapon",
    "Officer J threatened to break down the door and evict her",
    "the officers told her to be quiet and threatened to plant narcotics on her",
    "the accused threatened to place drugs and guns on him",
    "the sergeant threatened to 302 her",
    "the officer came to the property and threatened to throw her out on the street",
    "an additional officer arrived and threatened the complainant with arrest if she did not confess",
    "her employer has recently threatened to suspend her",
    # official oppression: authority abused
    "an unknown male officer abused his authority and did not return her property",
    "he may have been abusing his police powers",
    "Officer [NAME] abused her police powers while off-duty",
    "she still has persisted in harassing her and abusing her power of authority",
    # contesting a ticket (R14), words only (R15), demeanour
    "she was told that she would have to fight her ticket in court",
    "That is what traffic court is for, to fight tickets",
    "she fought the ticket in court and won",
    "she has had several verbal altercations with him over parking spots",
    "HE WENT TO THE STATION TO FILE A REPORT REGARDING A VERBAL ASSAULT COMMITTED AGAINST HIM",
    "the officer asked her in an aggressive tone of voice to open her car door",
    "Officer [NAME] aggressively informed the complainant that she would be ticketed",
    "SPOKE TO HER IN A LOUD AND AGGRESSIVE VOICE",
    "the officer was hostile and spoke rudely to her",
    "the accused were disrespectful and hostile toward her",
    # property, not a person (NIBRS 290)
    "she found the door had been kicked in and called 911",
    "the officer did kick over the complainant's plant under her window sill",
    "someone had thrown rocks at her vehicle",
    "he reached in and grabbed her keys",
    "Officer [NAME] forced her out of the apartment and let the landlord change the locks",
    "he had already shoveled his neighbor's walk",
    # dates and initials that spell ten-codes; a march's name
    "on 3-10-16 at approximately 11:50 PM, his vehicle was stopped",
    "she did not receive proper service from Officer [NAME] and Sergeant DV",
    "he was at City Hall during the Black Resistance March",
    # handcuffs named with no person put in them; a thing that ends up somewhere
    "A PAIR OF HANDCUFFS LEFT BEHIND IN THE LOBBY",
    "the officers saw that the suspect, who was still handcuffed behind his back, had a phone",
    "the package ended up lost in the mail",
    # the same words with no person: a weapon holstered, a car cut off, a ball thrown to a dog
    "the officer put his weapon in its holster",
    "she was cut off by a vehicle on the expressway",
    # denials stay denials
    "he was placed in the patrol car without being handcuffed",
    "she did not shoot him",
]


@pytest.mark.parametrize("text", QUIET)
def test_complaint_look_alikes_raise_no_violence(text: str) -> None:
    assert "violence" not in raised(text), screen_narrative(text)


VIOLENT = [
    "The officer threatened to kill her",
    "he threatened to shoot the complainant",
    "he threatened to throw her out the window",
    "he threatened to break her jaw",
    "he abused her and her daughter for years",
    "the complainant was physically abused by the officers",
    "he started a fight with the complainant",
    "a verbal argument and then an assault on the complainant",
    "they fought in the street",
    "the male was hostile and combative",
    "he kicked in the door and punched her",
    "he was kicked in the head",
    "someone had thrown rocks at her",
    "the officer grabbed her by the arm",
    "he shoved his neighbor",
    "officers responded to a 10-16 in progress",
    "the caller reports a DV at the residence",
    # police restraint (round 4 part B R2, round 10 R4: hedged) and spoken intent to harm (round 12 R13)
    "the officers handcuffed him and searched his vehicle without his permission",
    "The complainant was handcuffed and placed in the back of the patrol car",
    "Officers stopped the vehicle, handcuffed them both and accused them of buying drugs",
    "the operator told the complainant, I'll get out and beat your ass",
    "the officer said she would put a bullet in his head",
    "the officers told them they could end up shot over disputes such as this one",
    "the officer said that her husband was lucky that she didn't put a bullet in his head",
    "The officer reportedly stated that he did not have a problem shooting him",
    "the officer said I don't have a problem shooting you",
    "the officers roughly placed him against their patrol car and searched him",
    # acts beyond restraint (round 10 dev R2), a gun in a face, objects thrown at a person (round 8 R5)
    "he was stopped by two narcotics officers, thrown against their vehicle, handcuffed and searched",
    "One of the officers pointed a gun in his client's face and cursed her",
    "he and other members of his group were attacked by an unidentified male",
    "a male put his hand on his weapon and yelled to the complainant",
    "the officer threw the information back at her",
    "an officer tossed a parking ticket at him",
    "a vehicle with a PA tag tried to cut her off the road",
]


@pytest.mark.parametrize("text", VIOLENT)
def test_the_same_words_against_a_person_stay_violence(text: str) -> None:
    assert "violence" in raised(text), screen_narrative(text)


def test_both_readers_agree_on_phase_12() -> None:
    terms = default_terms()
    assert terms.native is not None  # the native reader is in use, with no silent fallback
    python = dataclasses.replace(terms, native=None)
    for text in (*QUIET, *VIOLENT):
        assert screen_narrative(text, terms) == screen_narrative(text, python), text


def test_a_threat_to_a_persons_safety_stays_violence() -> None:
    # the prosecutors' "threaten the community's safety" look-alike must not reach a person's safety
    flags = {f.flag for f in screen_narrative("RP advises neighbor threatened her safety, no weapons seen")
             if not f.negated}
    assert "violence" in flags


def test_a_reported_denial_with_problem_stays_a_denial() -> None:
    # only the speaker's idiom "I don't have a problem <doing>" ends a denial
    denial = "pt does not have any problem with chest pain"
    medical = [f for f in screen_narrative(denial) if f.flag == "medical"]
    assert medical and all(f.negated for f in medical)
    weapon = [f for f in screen_narrative("I don't have a problem shooting you") if f.flag == "weapon"]
    assert weapon and not any(f.negated for f in weapon)
