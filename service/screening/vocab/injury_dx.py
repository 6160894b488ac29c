"""Injury, continued: injuries named as an emergency department codes them, and people struck by gunfire.

Phase 5 of issue #17 (round 6's test half, read after its one measurement: tuned on). Two kinds:

- DIAGNOSES: the injury a clinician writes down, by the diagnosis categories of the CPSC's NEISS
  Coding Manual (burns thermal, chemical, electrical, scald; amputation; avulsion; concussion;
  contusions and abrasions; crushing; dislocation; foreign body; fracture; laceration; puncture;
  strain or sprain; dermatitis and conjunctivitis) told by the body part (NEISS's body-part codes:
  eye, ear, face, finger, hand, foot, ...), in the words and shorthand an ED record uses ("burn
  hand", "FX R hand", "FB eye", "lac to forehead", "partial thickness burn"); and the injuries of
  eye and ear that ICD-10-CM names (S05 hyphema, ruptured globe; S09.2 traumatic rupture of the
  eardrum; H93.1 tinnitus; H91 hearing loss). Look-alikes: a burn pile, a back burn, a burn ban,
  a house that burned.
- STRUCK: a person struck, hit or wounded by a round that was fired (ICD-10-CM W32-W34 and
  X93-X95: the discharge named, then who it hit; NIBRS data element 13, firearm), a person shot
  named by role ("shot the principal"), a person killed, and a completed suicide. Round 6's
  rulings R1, R2 and R10: a person shot is medical; shots that hit no one are not (a car, a
  building, "shot at").
"""

from __future__ import annotations

from service.screening.vocab.shared import ADJ, BODY

__all__ = ["AIMED", "COMPLAINTS", "DIAGNOSES", "PLANNED", "SELF_HARM", "STRUCK", "STRUCK_IN"]

_SIDE = "(right|left|r|l|rt|lt|rt.|lt.|bilat|bilateral|both|upper|lower|)"
# Body parts as NEISS codes them (and as ED records abbreviate them); "back" and "head" are kept
# out of the verb forms ("burned the back porch"), and "back" out of "back burn" (a fire line).
_PART = (
    "(hand|hands|finger|fingers|fingertip|fingertips|thumb|thumbs|palm|palms|wrist|wrists|forearm"
    "|forearms|arm|arms|elbow|elbows|shoulder|shoulders|face|facial|eye|eyes|eyelid|eyelids|eyebrow"
    "|eyebrows|cornea|ear|ears|lip|lips|mouth|nose|neck|chest|chest wall|abdomen|flank|thigh|thighs|leg"
    "|legs|lower leg|knee|knees|shin|shins|ankle|ankles|foot|feet|toe|toes|heel|heels|scalp|forehead"
    "|cheek|cheeks|chin|groin|buttock|buttocks|hip|hips|torso|extremity|extremities)"
)
_BURN = "(burn|burns|burned|burnt|burning|scald|scalds|scalded)"
_DX = "(lac|lacs|abr|abrs|abras|cont|fx|fxs|fx's|avulsion|avulsions|amputation|puncture)"

DIAGNOSES: tuple[str, ...] = (
    # Burns (NEISS 46-49, 51, 73) by body part, either order, and by depth or cause.
    f"{_BURN} (to|of|on|in|) (the|his|her|their|my|both|a|) {_SIDE} {_PART}",
    "(burn|burns) (to|of|on) (the|his|her|their|my|) (upper|lower|) (back|head)",
    f"{_PART} (burn|burns|burned|burnt)", f"(burn|burns), {_SIDE} {_PART}",
    "(thermal|chemical|electrical|flash|friction|contact|powder|superficial|minor|severe|serious|facial)"
    " (burn|burns)",
    "(partial|full) thickness", "(1st|2nd|3rd|first|second|third) (deg|degree) (burn*|thickness)",
    "blister", "blisters", "singed", "scalded",
    # Fractures, dislocations, amputations and avulsions (NEISS 50, 55, 57, 72), open wounds by
    # their shorthand and the part (59 laceration, 53 contusion/abrasion, 63 puncture).
    "fx", "fxs", "fx's",
    # A person code in a police log, sex-race-age-affiliation ("(FX-23-S)": female, race unknown,
    # 23, student; NCIC-style sex and race letters): a person described, not a fracture.
    "~fx (#|a) (s|e|o|l|u|x)",
    "disloc", "amputat*", "avulsion*", "avulsed", "deglov*", "eviscerat*",
    f"{_DX} (to|of|on|in|) (the|his|her|their|) {_SIDE} {_PART}", f"{_PART} (lac|lacs|abr|abrs|fx|fxs)",
    f"crushed (his|her|their|my|a|) {_SIDE} {_PART}",
    # Foreign bodies (NEISS 56) and the injuries of the eye and ear (ICD-10-CM S05, S09.2, H91, H93.1).
    "foreign body", "foreign bodies", f"fb (in|to|of|) (the|his|her|their|) {_SIDE} {_PART}",
    "hyphema", "corneal", "cornea", "ruptured (globe|eardrum|ear drum|tm|tympanic*)",
    "(globe|eardrum|ear drum|tympanic) (rupture|ruptured|perforation|perforated)", "tympanic",
    # Concussion (NEISS 52), strains (64).
    "concussion*", "concussed", "closed head", f"(lumbar|cervical|thoracic|muscle|{_PART[1:-1]}) strain",
    # Seen in an emergency department or urgent care (NEISS's scope: every record is an ED visit).
    "(presented|presents|presenting|sent|brought|taken|seen|arrived|came) (to|at|in) (the|an|a|local|)"
    " (urgent care|emergency department|emergency dept)",
    "(presented|presents|presenting|sent) to (the|) ed",
    # Look-alikes: fires and burning as things done to property or land.
    "~(back|burn) (burn|pile|piles|ban|barrel|barrels|permit|permits|scar)",
    "~(has|have|got|with) (a|) burn (pile|piles|ban|barrel|barrels|permit|permits)",
    "~(smell|smells|smelling|odor|odour|scent) (of|like) (a|an|) (*|) (burn|burning|burnt|burned)",
)

# Complaints an ED record names by the part or the sense (medical, not injury: the project's corpus
# reads "c/o hip pain" and an allergic reaction as medical): ear and eye (ICD-10-CM H91 hearing loss,
# H93.1 tinnitus, H60-H66 otitis, H10 conjunctivitis), skin (NEISS 74 dermatitis), pain by the part.
# (Limbs, neck and back are injury.py's; chest and belly pain are medical.py's.)
_ACHE = (
    "(hand|hands|finger|fingers|thumb|thumbs|palm|forearm|elbow|eye|eyes|ear|ears|face|facial|mouth|lip"
    "|nose|cheek|chin|forehead|scalp|hip|hips|groin|flank|thigh|shin|heel|toe|toes)"
)
COMPLAINTS: tuple[str, ...] = (
    "hearing loss", "tinnitus", "ringing in (the|his|her|their|my|both|) (ear|ears)",
    "(ear|ears) (are|is|still|) ringing", "otitis", "conjunctivitis", "dermatitis",
    "allergic (reaction|rxn|rash)", f"{_ACHE} (pain|pains|irritation)",
    f"pain (to|in|of|on) (the|his|her|their|my|both|) {_SIDE} {_ACHE}",
)

# People as shootings name them: a short list (PCRE2 caps a pattern's compiled size, and these repeat
# in several phrases), with both sexes, every gender word of the shared list, and school roles; age
# and sex codes ("15YOM") below. No race, origin or housing word is in it, so none decides a flag.
_PEOPLE = (
    "(student|students|classmate|classmates|teacher|teachers|principal|assistant principal|vice principal"
    "|counselor|coach|administrator|janitor|sro|officer|officers|deputy|trooper|guard|driver|bystander"
    "|bystanders|victim|victims|vic|person|people|persons|individual|individuals|man|men|woman|women|boy|boys"
    "|girl|girls|male|males|female|females|child|children|kid|kids|teen|teens|teenager|teenagers|juvenile"
    "|juveniles|suspect|suspects|friend|friends|wife|husband|girlfriend|boyfriend|partner|mother|father|son"
    "|daughter|brother|sister|neighbor|employee|customer|clerk|patient|passenger|passengers|pedestrian|yom"
    "|yof|trans woman|trans man|transgender woman|transgender man|nonbinary person"
    "|gender nonconforming person)"
)
_AGE = "(1|2|3|4|5|6|7|8|9)(#|)(yom|yof|yo)"  # "15YOM", "9YOF": an age and sex code as a person
_SOME = (
    "(a|an|the|his|her|their|another|other|one|two|three|four|five|both|all|several|multiple|#|one of the"
    "|two of the|all three of the)"
)
_WHO = _SOME[:-1] + "|)"  # or none
# What a firearm sends out, or its going off; not the gun itself ("took out a gun and hit him").
_DISCHARGE = (
    "(fired|firing|discharged|discharging|went off|goes off|shot|shots|round|rounds|bullet|bullets|pellet"
    "|pellets|bb|bbs|gunfire|ricocheted|ricocheting|buckshot)"
)
_STRIKE = "(striking|struck|strikes|hitting|hit|hits|wounding|wounded)"

STRUCK: tuple[str, ...] = (
    f"{_DISCHARGE}(,|) (*|) (*|) (*|) (and|) {_STRIKE} {_WHO} {ADJ} {ADJ} {ADJ} {_PEOPLE}",
    f"{_DISCHARGE}(,|) (*|) (*|) (*|) (and|) {_STRIKE} {_AGE}",
    f"{_DISCHARGE} (*|) (*|) *, (and|) (striking|hitting|wounding) (him|her|them|both|each)",
    f"{_PEOPLE} (*|) (*|) (*|) (was|were|got|been|) (struck|hit|wounded) (by|in) (a|an|the|) (stray"
    "|random|ricocheting|) (*|) (round|rounds|bullet|bullets|gunfire|crossfire|cross fire|pellet|pellets"
    "|buckshot)",
    # A person shot or killed, named by role; "shot at" is not a person hit (its object is no person).
    f"(shot|shoots|killed|kills|murdered|murders) {_SOME} {ADJ} {ADJ} {ADJ} {_PEOPLE}",
    f"(shot|shoots|killed|kills|murdered|murders) {_PEOPLE}",
    # a gun or a round as the object ("shot 22 pistol into neighbor home")
    "~(shot|shoots) (a|an|the|his|her|their|#|) (*|) (pistol|pistols|gun|guns|handgun|rifle|shotgun|firearm"
    "|weapon|round|rounds|bb|bbs|pellet|pellets) (*|) (*|) (*|) (*|)", f"(shot|shoots|killed|kills) {_AGE}",
    "(killing|wounding|injuring) (#|one|two|three|four|five|six|several|multiple|all)",
    f"{_AGE} (was|were|) (found|) (shot|killed|wounded)", f"~{_AGE} (was|were|) shot at",
    # "was shot at" is gunfire aimed at someone, not a person hit (the medical flag's GVA phrases
    # keep "student was shot at" quiet too)
    "~(been|was|got|is|were|just|being) shot at",
    # Shots that hit no one, in so many words (round 6 R8a), and "neither" before the person.
    "!(all|both|the|) (shots|shot|rounds|round|bullets|bullet) (all|both|) missed",
    "!neither (*|) (*|) (was|were) (injured|hurt|hit|struck|wounded)",
)

# Gunfire aimed at people, with nothing said of who was hit, is a hedged medical mention (round 4's
# part A ruling R7; round 6 R8c: shots among stated persons, a fight, a crowd at a game); a person
# struck in a named part of the body is hurt. Shots into the air, the ground or a building are not
# aimed at anyone (R8b).
_ROUNDS = "(#|one|two|three|a|multiple|several|single|) (shot|shots|rounds|round|bullets|shells|times|)"
_ARM = "(a|the|his|her|their|) (weapon|gun|handgun|pistol|rifle|shotgun|firearm)"
_THEM = "(him|her|them|us|me|someone|somebody|people|each other|one another)"
AIMED: tuple[str, ...] = (
    f"(fired|firing|fires|shot|shooting) {_ROUNDS} at {_WHO} {ADJ} {ADJ} {_PEOPLE}",
    f"(fired|firing|fires) {_ARM} at {_WHO} {ADJ} {ADJ} {_PEOPLE}",
    # at a pronoun only with the gun or a count of rounds: "shot at him" and "fired a shot at her" were
    # labelled none by round 3's guide, and earlier phases keep them quiet
    f"(fired|firing|fires) (#|two|three|four|five|six|multiple|several|numerous) (shots|rounds|bullets)"
    f" at {_THEM}",
    f"(fired|firing|fires) {_ARM} at {_THEM}",
    "(fired|firing|fires|shot|shots|shooting) (*|) (*|) (*|) (at|into) (a|the|another) (*|) (crowd|group)",
    "(shots|shot|gunfire|rounds) (were|was|) (fired|rang out|erupted) (during|in|at|amid) (a|an|the) (*|)"
    " (fight|dispute|altercation|argument|brawl|game|crowd|party|vigil)",
    f"(fired|firing) {_ROUNDS} during (a|an|the) (*|) (fight|dispute|altercation|argument|brawl)",
)
_HIT_PART = BODY[:-1] + "|thigh|buttocks|groin|abdomen|stomach|torso|side|elbow|calf|heel)"
STRUCK_IN: tuple[str, ...] = (
    f"(was|were|got|been|being) (struck|hit|wounded|grazed) (in|on) (the|his|her|their|) (right|left|upper"
    f"|lower|) {_HIT_PART}",
    f"(hit|struck|wounded|grazed) in (the|his|her|their|) (upper|lower|) (right|left|) {_HIT_PART}",
)
# A shooting planned, threatened or imagined is not one (NIBRS 13C intimidation: a threat): the
# medical flag's bare "shooting" stays quiet after these words.
PLANNED: tuple[str, ...] = (
    "~(commit|committing|plan|plans|planning|planned|plot|plotting|plotted|threat of|threaten|threatened"
    "|threatening|threats of) (a|an|another|) (mass|school|) shooting",
)

# A completed suicide is a death (ICD-10-CM X71-X83 intentional self-harm); the intent alone
# ("threatened to commit suicide") is not.
SELF_HARM: tuple[str, ...] = (
    "(commit|commits|committed|comitted) suicide", "~to commit suicide",
    "(attempt|attempted|attempting|tried|trying) to commit suicide",
    "(took|taken|take|takes) (his|her|their) own life",
)
