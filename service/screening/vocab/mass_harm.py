"""Weapon and violence, phase 6: killings, wounding, gunfire and intent told in report prose, as mass-
shooting summaries and researchers' notes tell them (round 7 of the real-text set, read after its one
measurement: tuned on).

Sources (tags in service.screening.vocab):
- [NIBRS] FBI NIBRS User Manual, offence 09A "murder and nonnegligent manslaughter: the willful
  (nonnegligent) killing of one human being by another", and 13A aggravated assault: a person killed
  or wounded by another person is violence with or without a weapon word (round 7 ruling R2).
- [MASS-SHOOT] The Stanford Mass Shootings in America data dictionary and Mother Jones' "Guide to
  Mass Shootings in America" (the case summary fields and their wording: "opened fire", "fired
  upon", "went on a rampage", "drive-by"), with round 7's rulings R4 (fire opened on a place or
  vehicle is hedged violence), R5 (wanting, planning or deciding to kill is hedged violence) and R15
  (arms retrieved for an attack).
- [R7-GUIDE] Round 7's rulings R6 and R8: a disposition toward violence ("abusive") and a
  confrontation are hedged violence, as an altercation is; a verbal one is not.
"""

from __future__ import annotations

from service.screening.vocab.shared import PRON, REL, SELF

__all__ = ["MASS_HARM_VIOLENCE", "MASS_HARM_WEAPON", "SOURCED"]

# People a killing or a wound lands on: the relations and roles of shared.REL and shared.PRON, less
# pets and the people of the road (a crash that kills a driver or a passenger is no violence: MMUCC),
# and the words reports use for a workplace's or a school's people and for people counted.
_ROAD = {"dog", "cat", "pet", "driver", "pedestrian", "pedestrians", "passenger", "passengers"}
_PEOPLE = "|".join(
    w for w in dict.fromkeys((*PRON[1:-1].split("|"), *REL[1:-1].split("|"))) if w not in _ROAD
)
_VICTIMS = (
    f"({_PEOPLE}|sisters|brothers|sons|daughters|wives|husbands|parents|relatives|members|family members"
    "|adults|adult|teens|teen|teenager|teenagers|infant|toddler|officers|police officers|agent|agents"
    "|deputy|deputies|trooper|troopers|coworker|coworkers|co worker|co workers|classmate|classmates"
    "|principal|superintendent|custodian|janitor|administrator|professor|professors|supervisor"
    "|supervisors|boss|teachers|workers|postmaster|pastor|priest|worshippers|congregants|bystanders"
    "|shoppers|patrons|diners|children|students|others|persons|cousin|cousins|nephews|nieces|uncles|aunts"
    "|grandchildren|grandparents|colleagues|friends)"
)
# How many, or which: "killed sixteen people", "killing at least 17 people", "wounded the principal".
_COUNT = (
    "(the|his|her|their|a|an|#|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several"
    "|multiple|numerous|many|all|both|at least #|at least|another|other|)"
)
# Counted or named: a number or a determiner first, as "shot" alone is as often a flu shot.
_COUNTED = _COUNT.removesuffix("|)") + ")"
# People counted out of a group ("shot three of his professors").
_OF_GROUP = (
    "(#|one|two|three|four|five|six|several|many|most|some|all|each|both) of (his|her|their|the) (*|)"
    " (people|persons|coworkers|co workers|classmates|professors|teachers|students|relatives|children|kids"
    "|family|family members|neighbors|friends|victims|employees|workers|officers|colleagues|sisters"
    "|brothers|sons|daughters|parents|cousins|customers|patrons|supervisors|bosses)"
)
_KILL = "(killed|killing|kills|murdered|murdering|slew|slaying|slaughtered|wounded|wounding|wounds)"
# A person killed or wounded by another (NIBRS 09A, 13A); by a fire, a crash or an illness it is not.
_KILLINGS = (
    f"{_KILL} {_COUNT} (*|) (*|) {_VICTIMS}",
    # Killed oneself, with whatever follows it that the phrase above would read as a person ("killed
    # herself with her father's pistol"): the suicidal flag's, not violence.
    f"~{_KILL} {SELF} (*|) (*|) (*|)",
    "(killing|killed|wounding|wounded) # (and|,|) (wounding|injuring|wounded|injured|killing|killed)",
    "(was|were|been|being) (murdered|slain|massacred|slaughtered|gunned down)",
    # Killings named as such, and a killing that a quarrel ended in; "was killed" alone is left out,
    # as crash reports use it as often.
    "killings", "(ended up|end up|ends up) killing",
    "~(fire|fires|blaze|crash|collision|wreck|accident|explosion|tornado|storm|flood|flooding|disease"
    "|illness|virus|overdose|overdoses|cancer|avalanche|earthquake|hurricane|heat|smoke|fumes"
    "|carbon monoxide) (that|which|) (killed|killing|kills|wounded|wounding)",
)
# Gunfire opened or loosed on people, a place or a vehicle (R4: on a place, hedged violence; a
# discharge, so a weapon too).
_FIRED_UPON = (
    "(fired|fire|fires|firing) upon",
    "(was|were|been|being) fired (upon|at|into)",
    "(the|when the|before the|after the) (firing|gunfire|shooting) (began|started|begins|starts|erupted"
    "|broke out|stopped|ended)",
    "(drive by|driveby) (shooting|shootings|shooter|shooters)",
    "(retrieve|retrieved|retrieves|retrieving|took up|take up|taking up) (arms|weapons|guns|firearms|rifles)",
)
# An attack carried out, or its motive (R1: the event named, not the role noun).
_ATTACKS = (
    "(carry|carried|carrying|carries) out (the|an|a|his|her|their) (*|) (attack|attacks)",
    "(motive|motives|reason|reasons) for the (attack|attacks)",
)
# A plan, a wish or a decision to kill (R5: hedged violence, like a Tarasoff report); to kill oneself
# is the suicidal flag's.
_INTEND = (
    "(wanted|wants|want|wanting|planned|plans|plan|planning|decided|decides|deciding|intended|intends"
    "|intending|intent|vowed|vows|vowing|determined|set out|sets out|sought|seeking|seeks|mission|plot"
    "|plotted|plotting|desire|desires|urge|urges|sent|told|ordered|came back|come back|comes back"
    "|returned|return|went back|go back)"
)
_INTENT = (
    f"{_INTEND} (by *|by * *|) (to|and) (kill|murder|massacre|slaughter|execute|assassinate|take lives"
    "|take the lives|take * lives) (*|)",
    f"~{_INTEND} (by *|by * *|) (to|and) (kill|murder|execute|take) (himself|herself|themselves|myself"
    "|yourself|itself|self|oneself|his own life|her own life|their own life|his life|her life|their lives"
    "|their life)",
)
# A disposition toward violence, and conflict (round 7 R6, R8: hedged, as "altercation" and
# "aggressive" already are); spoken only, it is not violence.
_CONFLICT = (
    "confrontation", "confrontations", "!verbal confrontation", "!verbal confrontations",
    "abusive", "abuser", "abusers",
)

# A history of violence is neither this call's violence nor a denial of it (R6: the past is
# background). Read through "history of" as a denial cue, it answered "no violence" where a policy
# takes the narrative's denials, reassurance from what nobody asked; raised, it would send police
# on a history alone. So the screen says nothing and the violence question stays open for the
# call-taker ("no history of violence" included: it is about the past, not this call).
_PAST = (
    "~(hx|h/o|history|histories) (of|) (violence|violent|violent behavior|violent behaviour|aggression"
    "|assaultive behavior|assaults|domestic violence|dv)",
    "~past history of (violence|violent|violent behavior|violent behaviour|aggression|assaults)",
)

MASS_HARM_VIOLENCE = (*_KILLINGS, *_FIRED_UPON, *_ATTACKS, *_INTENT, *_CONFLICT, *_PAST, f"shot {_OF_GROUP}")
# A person shot, named and counted as the summaries do ("shot 10 young girls", "shot three of his
# professors"), and gunfire opened on them: a firearm, though none is named (R2's exception).
_SHOT_PEOPLE = (
    f"shot {_COUNTED} (*|) (*|) {_VICTIMS}",
    f"shot {_OF_GROUP}",
    f"shot and (killed|wounded|injured) {_COUNT} (*|) (*|) {_VICTIMS}",
    # "approached the school and shot, killing a custodian"; the event named in the plural, as the
    # singular "shooting" already is (R1: an event noun reports a shooting).
    "(shot|shot,) (killing|wounding|injuring)", "shootings",
)
MASS_HARM_WEAPON = (*_SHOT_PEOPLE, *_FIRED_UPON)

SOURCED: dict[str, dict[str, tuple[str, ...]]] = {
    "weapon": {"MASS-SHOOT": MASS_HARM_WEAPON},
    "violence": {
        "NIBRS": _KILLINGS, "MASS-SHOOT": (*_FIRED_UPON, *_ATTACKS, *_INTENT, f"shot {_OF_GROUP}"),
        "R7-GUIDE": (*_CONFLICT, *_PAST),
    },
}
