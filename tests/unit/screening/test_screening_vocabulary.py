"""The kinds of wording issue #17 found missed, each read as a dispatcher would (the vocabulary of
service/screening/vocab/): raised, hedged where the text doubts, and never read as a denial."""

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


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # police phrasings of a firearm threat, and blunt objects carried as weapons
        ("SUBJ BRANDISHED A HANDGUN", "weapon"),
        ("brandishing suspect located", "violence"),
        ("pointed a gun at the clerk", "violence"),
        ("displayed a handgun", "weapon"),
        ("SHOTS FIRED", "weapon"),
        ("ARMED SUBJ IN LOT", "weapon"),
        ("subj carrying a bat", "weapon"),
        ("male w/ a metal pipe", "weapon"),
        ("swinging a hammer", "weapon"),
        ("has a crowbar", "weapon"),
        ("ONE ALSO HAS BB BAT", "weapon"),
        ("PERSON W/ GUN 10-32", "weapon"),
        ("417 PC IN PROGRESS", "weapon"),
        ("ADW", "violence"),
        # beatings and robbery by force; threats cut off
        ("STRONG ARM ROBBERY", "violence"),
        ("beat him with his fists", "violence"),
        ("GOT JUMPED BY 3 MALES", "violence"),
        ("he is threatening to", "violence"),
        ("M VS F", "violence"),
        ("hit the trans woman", "violence"),
        ("punched in the throat", "violence"),
        ("A&B JUST OCCURRED", "violence"),
        ("RP WAS 242'D BY ROOMMATE", "violence"),
        # medical calls named by a code, a chief complaint or an EMS request
        ("17A03 FALLS", "medical"),
        ("ProQA 10D01", "medical"),
        ("REQ 10-52", "medical"),
        ("RQTS MED", "medical"),
        ("breathing problems", "medical"),
        ("SICK PERSON", "medical"),
        ("C2 MEDICS PD ON SCENE", "medical"),
        # airway signs, naloxone given, quantities between a verb and its object, CAD separators
        ("gurgling", "medical"),
        ("lips turning blue", "medical"),
        ("NARCAN GIVEN X2", "medical"),
        ("overdosed on a bunch of pills", "medical"),
        ("took 30 of her pills", "medical"),
        ("took a bunch of her sleeping pills", "medical"),
        ("PT UNC/UNR", "medical"),
        ("OD/NARCAN", "medical"),
        ("CONC;NOT BREATHING", "medical"),
        ("took a large amount of sleeping pills", "medical"),
        ("overdosed on an unknown amount of her pills", "medical"),
        ("hit him with a heavy glass ashtray", "weapon"),
        ("MOM IS HITTING HIM WITH A CELL PHONE", "weapon"),
        # round 1's kinds: a person shot, shots heard, disturbances, resisting, a weapon pointed
        ("POSS 1 PERSON SHOT", "weapon"),
        ("HEARD 1 SHOT", "weapon"),
        ("Officers responded to a disturbance.", "violence"),
        ("arrested for resisting arrest", "violence"),
        ("had a gun pointed at them", "violence"),
        ("MALE SLUMPED OVER WHEEL", "medical"),
        ("C2 PD ON SCENE", "medical"),
        # round 2's kinds: robbery as NIBRS defines it, weapons shown or fired, EMS dispositions
        ("SUSP FORCIBLY TOOK HER PURSE", "violence"),
        ("two males pulled the driver out of the car", "violence"),
        ("subject implied he had a gun and took cash", "violence"),
        ("subject implied he had a gun and took cash", "weapon"),
        ("he demanded her wallet", "violence"),
        ("took a phone and keys from a woman at the bus stop", "violence"),
        ("took a phone and keys from a man at the bus stop", "violence"),
        ("suspect displayed a knife", "violence"),
        ("discharged a firearm in the lot", "violence"),
        ("sprayed the clerk in the face", "weapon"),
        ("3 victims shot", "weapon"),
        ("3 victims shot", "medical"),
        ("male shot and killed", "medical"),
        ("fired two shots at the officer", "violence"),
        ("PUNCHES THROWN IN PARKING LOT", "violence"),
        ("charged with battery", "violence"),
        ("treated on scene by medics", "medical"),
        ("taken to the ER for evaluation and treatment", "medical"),
        ("EMS NOTFY", "medical"),
        ("85 YOF NEEDS CK OUT", "medical"),
        ("ELDERLY FEMALE FALL", "medical"),
        ("shot in foot", "injury"),
        ("cut on the arm by an unknown male", "weapon"),
        # injuries the old words missed
        ("victim sustained non-life-threatening injuries", "injury"),
        ("did not have any major injuries", "injury"),
        ("FELL OFF BIKE, C/O LEG PAIN", "injury"),
        ("VEH VS PED", "injury"),
        # violence against property is crime in progress, not violence against a person
        ("subj breaking windows", "crime_in_progress"),
        ("SMASHING", "crime_in_progress"),
    ],
)
def test_the_missed_kinds_are_raised(text: str, flag: str) -> None:
    assert flag in raised(text), screen_narrative(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("unk if breathing", "medical"),
        ("UNKNOWN IF CONSCIOUS", "medical"),
        ("not sure if he is breathing", "medical"),
        ("poss armed", "weapon"),
        ("may have a gun", "weapon"),
        ("unk if injured", "injury"),
        ("shots fired, unk if anyone was hit", "injury"),
        ("UPGRADE TO 14A, DOESN'T THINK BREATHING", "medical"),
        ("does not believe she is conscious", "medical"),
        # a refused or declined EMS response was offered because someone might need it (the set's
        # guide: hedged unless "no injuries" is also said)
        ("refuses ambulance", "medical"),
        ("son beat up by brother, refusing ems", "medical"),
        ("ALTERCATION AROUND 1100; DECLINING MEDICAL; PARTIES SEPARATED", "medical"),
    ],
)
def test_doubt_is_hedged_presence_never_denial(text: str, flag: str) -> None:
    assert raised(text).get(flag) is True, screen_narrative(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("no weapons", "weapon"),
        ("denies being hit", "violence"),
        ("no injuries", "injury"),
        ("SUBJ NOT ARMED", "weapon"),
        ("threatening to call the police", "violence"),
        ("BLIND MALE W/ WALKING STICK", "weapon"),
        ("LOW HANGING WIRE", "medical"),
        ("pedestrian had been struck by a vehicle", "violence"),
        ("seizure of narcotics", "medical"),
        ("had been shot at, no one hit", "medical"),
        ("MALE IS 415 VERBAL", "violence"),
        ("verbal disturbance", "violence"),
        ("C3 SINGLE VEH INTO POLE", "medical"),
        ("victim reported no physical injuries", "injury"),
        ("took a laptop from victim's unattended backpack", "violence"),
        ("suspect forcibly entered the garage", "violence"),
        ("subject matched the physical description", "violence"),
    ],
)
def test_denials_and_look_alikes_stay_quiet(text: str, flag: str) -> None:
    assert flag not in raised(text), screen_narrative(text)


def test_a_clause_after_a_spaced_slash_or_dash_is_its_own() -> None:
    # A denial ends at a CAD field break ("NO LIGHTS ON / EMS NOTIFIED"), and "- no weapon seen" is a
    # clause of its own: it denies its own weapon, not a weapon implied before it (the guide: hedged).
    assert "medical" in raised("truck in ditch no lights on / ems notified")
    assert "medical" not in raised("truck in ditch no lights on ems notified")
    assert "weapon" in raised("one implying a weapon - no weapon seen - took a phone")
    assert "weapon" not in raised("weapons - no")


def test_a_weapon_within_reach_is_a_weapon() -> None:
    for text in (
        "he doesn't have it on him but there's a gun in the car",
        "no weapons on him, knife on the table",
    ):
        assert "weapon" in raised(text), text


@pytest.mark.parametrize(
    ("joined", "broken", "flag"),
    [
        # words glued by a slash or hyphen are one phrase; a field break (";", a spaced "/" or "-")
        # ends it, whatever the next field says (the equity sweep's "arm / male", "6 / Charlie")
        ("lift her right arm/male", "lift her right arm / male", "weapon"),
        ("lift her right arm-male", "lift her right arm - male", "weapon"),
        ("subj is 6 charlie", "subj is 6 / Charlie", "medical"),
        ("punching/him", "punching / him", "violence"),
        ("punching him", "punching;him", "violence"),
        ("hurt anyb homeless", "hurt anyb / homeless / ", "violence"),
    ],
)
def test_a_phrase_never_runs_across_a_cad_field_break(joined: str, broken: str, flag: str) -> None:
    assert flag in raised(joined), screen_narrative(joined)
    assert flag not in raised(broken), screen_narrative(broken)
    for text in (broken, broken.replace(" / ", " /"), broken.replace(" / ", "/ ")):
        assert flag not in raised(text), screen_narrative(text)
