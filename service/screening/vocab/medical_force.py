"""Medical, phase 10: force that drives a body into the ground, a wall or a door, in complaint words.

Phase 10 of issue #17 (both halves of round 10, read after their one measurement each: tuned on).
Complaint summaries tell force as a list of acts ("pushed Victim 1 to the ground, stepped on his
head"), with no injury named. Round 10's rulings decide what counts: a person knocked or forced to
the ground, or struck by a hard object, is medical hedged (round 4A R8/R9, round 10 R14); pulled or
dragged down stairs is hedged (round 10 dev R7); a stated effect on the skin is an injury (dev R6).
A punch or a kick with no injury word stays medical none (round 2 R8, round 10 R12), and so does a
choke hold (the labels split on it, so no phrase here). The kinds, each with its published code:

- GROUND: a person pushed, shoved, tackled, taken, thrown or slammed to the ground or floor (a
  takedown), or into the snow: ICD-10-CM Y04 "assault by bodily force" with W18/W19 (a fall on
  the same level), EMD protocol 17 (falls); CPD G03-02 names the takedown among force options.
- HARD_SURFACE: a person or a face slammed or thrown against a wall, a vehicle or a door frame:
  ICD-10-CM Y04 with W22 "striking against or struck by other objects" (round 4A R8: a hard object).
- DOOR: a door slammed or closed on a body part, or made to strike a person: W23 "caught, crushed,
  jammed or pinched between objects" (round 10 R14, dev R14).
- STAIRS: a person pulled, dragged or yanked down stairs: W10 (fall on stairs), dev R7.
- SKIN: a person scratched or bitten on a part of the body: ICD-10-CM S00-T14 superficial injury
  (abrasion) and W50.3 "bitten by another person" (dev R6: an effect of force on body tissue).
- HARM_CAUSED (batch 2): a bone broken, a person made to cut a hand, slashed or left scarred.
- NOT_MEDICAL (batch 2): "search and seizure", a probation condition, is no convulsion.
- NO_AID: first aid not rendered or given, a person not taken to a hospital (batch 3): CPD G06-01
  (a duty to obtain care for persons in custody),
  as medical phase 9's denied-care family.

Look-alikes kept quiet (tests): a thing thrown to the floor ("threw it to the floor", "threw his
groceries to the ground"), a person taken to a hospital, a door slammed with nobody named, a head
scratched in thought, "a bit".
"""

from __future__ import annotations

from service.screening.vocab.medical_complaints import WHO
from service.screening.vocab.shared import BODY

__all__ = ["PHASE10"]

# Whom: a pronoun, a person word (both sexes alike: the equity test) or an anonymised role, with
# the abstracts' "Victim 1" / "Officer A" tag. The word list is phase 9's; a group cannot hold a
# group, so "the" is spelt out before each word.
_WORDS = WHO[1:-1].split("|")
_WHO = "|".join(_WORDS)
_PERSON = f"(him|her|them|{_WHO}|{'|'.join('the ' + w for w in _WORDS)}) (#|a|b|c|d|)"
_FACE = "|".join(f"the {w}s|the {w}'s|the {w}\u2019s" for w in _WORDS)
_DOWN = "(pushed|shoved|pulled|tackled|taken|took|knocked|forced|flung|dragged|brought|yanked|threw|slammed)"
_SURFACE = "(floor|ground|pavement|concrete|sidewalk)"

GROUND: tuple[str, ...] = (
    f"{_DOWN} {_PERSON} (down|) (to|onto) (the|a) {_SURFACE}",
    f"{_DOWN} {_PERSON} (down|) on the (ground|floor)",  # batch 2
    "(threw|thrown|slammed|tackled|pushed|shoved|knocked|flung) (down|) to the (ground|floor)",
    f"(was|were|been|being|and) {_DOWN} (down|) (to|onto) (the|a) {_SURFACE}",
    f"(threw|thrown|pushed|shoved|flung|tossed) {_PERSON} (down|) (in|into|onto) the snow",
)

_HARD = (
    "(wall|walls|hood|car|vehicle|squad car|squad|door|window|locker|fence|table|desk|counter|trunk"
    "|squadrol|van|truck|bench|pole)"
)
HARD_SURFACE: tuple[str, ...] = (
    f"(slammed|slamming|threw|thrown|throwing|flung) {_PERSON} (up|) (against|into|onto|on) (the|a|an|his"
    f"|her|their) (*|) {_HARD}",
    f"(slammed|slamming|smashed|pushed|shoved|banged|pressed) (his|her|their|{_FACE}) face (against|into"
    f"|onto|on) (the|a|an|his|her|their) (*|) {_HARD}",
)

_PART = BODY[:-1] + "|body|thigh|fingers|toes|arm)"
DOOR: tuple[str, ...] = (
    f"(slammed|slamming|closed|closing|shut|shutting) (a|the|his|her|their) (*|) (*|) (door|doors) (on|onto"
    f"|against) (his|her|their|the|a) (*|*'s|*\u2019s|) {_PART}",
    f"(door|doors) to (strike|hit) {_PERSON}",
)

STAIRS: tuple[str, ...] = (
    "(dragged|pulled|yanked) (*|) (*|) (*|) (*|) (*|) down (the|a|some|) (flight of|) (stairs|steps"
    "|staircase|stairway|stairwell)",
)

SKIN: tuple[str, ...] = (
    f"(scratched|scratching) {_PERSON} (on|about|across|in)",
    f"(bit|bitten|biting) {_PERSON} (on|in|about)",
)

# Batch 2: an injury the force caused, told as what the accused did: a bone broken (ICD-10-CM S02.6
# fracture of the mandible, S02.2 nasal bones, S22.3 rib, S52 forearm, S62 wrist and hand), a person
# made to cut or hurt a part of the body, slashed (X99, assault by sharp object) or left scarred
# (L90.5, scar conditions).
_BONE = (
    "(jaw|nose|arm|leg|rib|ribs|wrist|finger|fingers|hand|ankle|collarbone|skull|orbital bone|eye socket"
    "|cheekbone|tooth|teeth)"
)
HARM_CAUSED: tuple[str, ...] = (
    f"(broke|broken|breaking|fractured|fracturing) (his|her|their|{_FACE}) (left|right|) {_BONE}",
    f"(causing|caused) {_PERSON} to (cut|injure|hurt|break|sprain|twist|fracture) (his|her|their) {_PART}",
    # (pronouns and "the victim" only: "sla" is near PCRE2's size limit with the person list)
    "(slashing|slashed) (him|her|them|the victim|the victims) (in|on|across|about)",
    f"(left|leaving) {_PERSON} with (significant|permanent|severe|serious|) (scarring|scars|a scar)",
)
# A probation condition, not a convulsion (U.S. Const. amend. IV, "searches and seizures";
# California's "search and seizure" term of probation, People v. Bravo, 43 Cal.3d 600 (1987)).
NOT_MEDICAL: tuple[str, ...] = ("~(search|searches) and (seizure|seizures)",)

NO_AID: tuple[str, ...] = (
    "(failed|fail|fails|failing|failure|refused|neglected|did not|didn't|didnt|would not|never) (to|)"
    " (render|provide|give|administer|offer) (first|) aid",
    # batch 3: a person in custody not taken or sent to a hospital (G06-01 names transport to one);
    # the person may be told at length ("the Arrestee who was under their control and ...")
    "(failed|fail|fails|failing|refused|refusing|neglected|did not|didn't|didnt|would not|never) to (send"
    "|transport|take|bring|convey) (*|) (*|) (*|) (*|) (*|) (*|) (*|) (*|) (*|) (*|) (*|) (*|) to (the|a|an|)"
    " (nearest|closest|) (hospital|emergency room|medical facility)",
)

PHASE10: dict[str, tuple[str, ...]] = {
    "ICD-10-CM": (*GROUND, *HARD_SURFACE, *DOOR, *STAIRS, *SKIN, *HARM_CAUSED),
    "CPD-DIRECTIVES": NO_AID,
    "STATE-PC": NOT_MEDICAL,
}
