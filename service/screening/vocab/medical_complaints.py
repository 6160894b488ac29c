"""Medical, phase 9: how complaint summaries and prosecutors' releases tell harm to a body.

Phase 9 of issue #17 (round 10's test half, read after its one measurement: tuned on). Round 10's
texts are police-complaint abstracts (the investigating agency's summary of what a complainant
alleged) and county prosecutors' press releases. They tell blows and denied care in the third person
and the past tense, with an allegation verb in front ("it was alleged that Officer A struck the
Subject about the body with a baton"). Round 10's rulings decide what counts (R7: care denied or not
given is medical hedged; round 4A R8, R14: a person struck with a hard object is medical hedged
even with no wound named). Three kinds, each a phrase family a reader meets in any such summary:

- BLOWS: a person struck with an object, the object named after where the blow landed ("struck
  the complainant about the head and body with a retractable baton", "hit her on the head with her
  cell phone"): ICD-10-CM Y00 "assault by blunt object", Y35.3 "legal intervention involving blunt
  objects" (baton, nightstick, flashlight), Y03 "assault by crashing of motor vehicle"; NIBRS data
  element 13 "Type Weapon/Force Involved" (blunt object, motor vehicle). Hands, fists and feet
  ("personal weapons") are not objects: a punch or kick with no injury stays medical none (round 2
  R8, round 10 R12). Whom: a person (pets are no patients), never a car or a door.
- HEAD_IMPACT: a head slammed or banged against a surface, a person thrown or pushed down stairs or
  through a window, a push that made a person strike the head: ICD-10-CM Y04 "assault by bodily
  force", Y01 "assault by pushing from high place", W10 (fall on stairs), W25 (contact with sharp
  glass); EMD protocol 17 (falls) and 30 (traumatic injuries: head).
- DENIED_CARE: medical attention denied, or an officer who failed or refused to provide, render,
  obtain or call for it (round 10 R7: hedged with no injury named). The Chicago Police Department's
  directive "Processing Persons Under Department Control" (G06-01) makes obtaining medical care for
  an arrestee a duty, so a failure to do so is a complaint category of its own (the Citizens Police
  Data Project's glossary, how.cpdp.works: complaints against officers, "each coded with a single
  category"). The denial verb is part of the phrase, so it is read as the care withheld, not as a
  patient's "denies"; "denied needing medical attention" stays a denial (look-alike tests).

FORCE (batches 2 and 4) and the look-alikes NOT_MEDICAL and NOT_INJURY (batch 3) cite their sources
where they are defined.
"""

from __future__ import annotations

from service.screening.vocab.shared import ADJ, BODY, PRON

__all__ = ["BLOWS", "DENIED_CARE", "FORCE", "HEAD_IMPACT", "NOT_INJURY", "NOT_MEDICAL", "PHASE9", "WHO"]

# Whom: a pronoun or a person word (the equity test: both sexes alike), and the complaint abstracts'
# anonymised roles ("Victim 1", "the Subject", "the minor/Victim", "the arrestee"); no pet.
_WHO = (
    "(victim|victims|complainant|complainants|subject|subjects|minor|minors|arrestee"
    "|arrestees|detainee|prisoner|inmate|individual|civilian|civilians|man|woman|boy|girl|person|child"
    "|juvenile|student|students|officer|son|daughter|wife|husband|girlfriend|boyfriend|mother|father"
    "|brother|sister|partner|neighbor|motorist|pedestrian|cyclist|bicyclist|nonbinary person)"
)
WHO = _WHO  # for medical phase 10 (medical_force.py)
_HIT = "(struck|strikes|striking|hit|hits|hitting|beat|beaten|beating|bludgeoned|clubbed|whipped)"
# NIBRS's blunt objects as complaint summaries name them (a short list: PCRE2's size limit).
_OBJECT = (
    "(baton|batons|asp|nightstick|flashlight|handcuffs|cuffs|radio|chair|belt|bat|baseball bat|hammer"
    "|pipe|stick|club|bottle|brick|rock|board|piece of wood|paddle|case|laptop|phone|cell phone|object"
    "|gun|handgun|pistol|firearm|weapon|vehicle|car|squad car|cord|wrench|shovel|crowbar|frying pan|pan"
    "|lamp|glass|mug|cane|skillet|iron)"
)
_PART = BODY[:-1] + "|body|buttocks|thigh|torso|skull|temple|cheek|eyes|ear|ears|legs|arms)"
_DET = "(a|an|the|his|her|their|its|some|a pair of|)"

BLOWS: tuple[str, ...] = (
    f"{_HIT} (the|a|an|his|her|their|) {ADJ} {_WHO} (*|) (*|) (*|) (*|) (*|) (*|) (*|) (*|)"
    f" (with|using) {_DET} {ADJ} {ADJ} {_OBJECT}",
    # a pronoun: the blow's place or count comes between ("hit her on the head with her phone"), so
    # that "beating her dog with a belt" reads as "his dog" does (the equity test)
    f"{_HIT} (him|her|them) (with|using) {_DET} {ADJ} {ADJ} {_OBJECT}",
    f"{_HIT} (him|her|them) (on|in|about|across|over|multiple|several|numerous|repeatedly|twice) (*|) (*|)"
    f" (*|) (*|) (with|using) {_DET} {ADJ} {ADJ} {_OBJECT}",
    # a possessive only before the head, face or body: "hit the victim's vehicle with their vehicle" is
    # a crash of two cars, "struck the victim's head with a hammer" a blow
    f"{_HIT} (the|a|an|his|her|their) (*'s|*\u2019s) (head|face|body) (with|using) {_DET} {ADJ} {_OBJECT}",
    # a blow that missed ("struck the car with a bat") or a tool used on a thing is no blow to a body
    "~(struck|hit|beat|hitting|striking) (the|a|his|her|their) (car|vehicle|window|windshield|door|wall"
    "|table|desk|floor|ground|ball|drum|drums|nail|nails|pinata) (*|) (*|) with",
)

HEAD_IMPACT: tuple[str, ...] = (
    "(slammed|slamming|banged|banging|smashed|smashing|pushed|shoved|threw|forced|knocked)"
    " (*|) (*|) (*|*'s|*\u2019s|) head (against|into|onto|on|off|to) (the|a|an|his|her|their|)",
    "(causing|caused|made) (*|) (*|) to (strike|hit|bang|fall and strike|fall and hit) (his|her|their|the)"
    " (head|face)",
    "(threw|throw|thrown|pushed|shoved|kicked|dragged|knocked|tossed) (*|) (*|) (*|) down (the|a|) (flight"
    " of|) (stairs|steps|staircase|stairway|stairwell)",
    "(threw|thrown|pushed|shoved|forced|forcefully pushed) (*|) (*|) (*|) through (a|the|) (glass|window"
    "|glass door|plate glass|windshield)",
)

# Batch 2. Force on the neck or chest (ICD-10-CM T71.1 asphyxiation due to mechanical threat to
# breathing; Illinois 720 ILCS 5/12-3.3(a-5), aggravated domestic battery by strangulation), a person
# thrown or slammed to the ground (Y04), a fall caused by a push (W-codes, EMD protocol 17), a body
# part slammed in a door (W23, round 10 R14), a Taser or spray used on a person (Y35.2 gas, Y35.8
# conducted energy), an Illinois charge that names bodily harm (720 ILCS 5/12-3.2(a)(1), "Domestic
# Battery-Bodily Harm"), a victim's stated condition (Q90 Down syndrome, round 10 R12), a stillbirth
# (P95), a person in a hospital bed or sent to x-ray (round 10 R9).
_TASE = "(tased|tasered|tazed|tazered|tasing|tasering|tazing)"
_MANY = "(both|two|three|several|the|all|) (men|women|people|subjects|complainants|victims|individuals)"
FORCE: tuple[str, ...] = (
    "(knee|knees|forearm|forearms) (on|against|across|into) (his|her|their|the|a) (*|*'s|*\u2019s|)"
    " (neck|throat|chest|back)",
    # (a hand that grabbed a neck, with nothing more, is force the round-10 labels leave medical none)
    "(squeezed|squeezing) (*|) (*|*'s|*\u2019s|) (throat|neck)",
    "(dragged|pulled|lifted) (*|) (*|) by (the|his|her|their) (neck|throat)", "strangulation",
    f"(threw|thrown|throwing|slammed|slamming|body slammed|bodyslammed) (him|her|them|{_WHO[1:-1]}"
    f"|the {_WHO[1:-1]}) (#|a|b|c|d|) (down|) (to|onto|against) (the|a) (floor|ground|pavement|concrete"
    f"|sidewalk|street)",
    "(was|were|been|being) (thrown|slammed|body slammed) (down|) (to|onto|against) (the|a) (floor|ground"
    "|pavement|concrete|sidewalk|street)",
    "(causing|caused) (him|her|them) to fall", f"(causing|caused) (the|) {_WHO} (#|a|b|c|d|) to fall",
    f"(slammed|closed|shut|caught|crushed|pinned) (*|) (*|*'s|*\u2019s|) {_PART} (in|between) (the|a|his"
    f"|her|their|) (*|) (door|doors)",
    f"{_TASE} (the|a|an|) {_WHO}", f"{_TASE} {_MANY}",
    "(discharged|sprayed|deployed) (his|her|their|) (oc|pepper|mace) (spray|) (at|on|in|into|against)",
    "battery bodily harm", "(caused|causing|inflicted|inflicting|resulting in) (great|) bodily harm",
    "down syndrome", "profound disability", "stillborn", "stillbirth",
    "(medical|birth|pregnancy|delivery) complications",
    "(his|her|their) hospital (room|bed)", "(to|for|down to) (an|a|) (x ray|xray|radiology)",
    # batch 4: a dog set on or allowed to bite a person (W54.0, bitten by dog; a police canine), and
    # a person cutting a limb or the throat (X78, intentional self-harm by a sharp object)
    "(dog|dogs|k9|canine|canines) (to|) (bite|bit|maul|mauled) (him|her|them|the|a|an|his)",
    "(cutting|cut|slashing|slashed|slicing|sliced) (his|her|their) (own|) (forearm|forearms|wrist|wrists|arm"
    "|arms|leg|legs|thigh|thighs|throat|neck)",
)

_CARE = "(medical|emergency medical|proper medical|necessary medical|immediate medical|prompt medical)"
_NEED = "(attention|assistance|aid|care|treatment|help)"
_GIVE = (
    "(render|provide|obtain|get|seek|summon|request|call for|call|offer|give|secure|arrange|arrange for"
    "|allow|permit)"
)
DENIED_CARE: tuple[str, ...] = (
    f"(failed|fail|fails|failing|failure|refused|refusing|refuses|neglected|neglecting|did not|didn't"
    f"|didnt|would not|wouldn't|never) (to|) (offer to|assist or|) {_GIVE} (*|) (*|) (*|) (any|) {_CARE}"
    f" {_NEED}",
    f"(denied|denying|deny|denies|refused|withheld|withholding) {PRON} (any|) {_CARE} {_NEED}",
    f"(denied|denying|deny|denies|refused|withheld|withholding) (the|a|an|his|her|their) {ADJ} {_WHO}"
    f" (#|a|b|c|d|) (any|) {_CARE} {_NEED}",
    f"(was|were|been|being) (denied|refused) (any|) {_CARE} {_NEED}",
    f"(denial|denials|deprivation|lack) of {_CARE} {_NEED}",
)

# Batch 3: prosecutors' words that look like a medical term and are not one (look-alikes): a
# "miscarriage of justice" (a conviction of the innocent, Black's Law Dictionary); a "seizure" of drugs,
# cash or guns (U.S. Const. amend. IV "searches and seizures"; DEA seizure statistics); a shooting only
# threatened (California Penal Code 422, criminal threats: no shot fired, nobody hurt); and, for the
# injury flag, California Penal Code 245(a)(4)'s "force likely to produce great bodily injury" (an
# assault by its means: no injury stated).
_SEIZED = (
    "(drug|drugs|narcotics|cash|currency|gun|guns|firearm|firearms|weapon|weapons|asset|assets|property"
    "|evidence|marijuana|cocaine|heroin|fentanyl|record|largest)"
)
NOT_MEDICAL: tuple[str, ...] = (
    "~miscarr* of justice",
    "~(leading|led|lead|resulted|resulting|results|result) (to|in) the seizure*",
    f"~{_SEIZED} seizure*",
    "~(threatened|threatening|threaten|threatens|threat of|threats of|threatened to commit|would commit"
    "|will commit|to commit) (a|an|) (mass|school|) (shooting|shootings)",
)
NOT_INJURY: tuple[str, ...] = (
    "~(force|means) likely to (produce|cause|inflict) (great|serious|significant|) bodily (injury|injuries"
    "|harm)",
)

PHASE9: dict[str, tuple[str, ...]] = {
    "ICD-10-CM": (*BLOWS, *HEAD_IMPACT, *FORCE),
    "CPD-DIRECTIVES": DENIED_CARE,
    "STATE-PC": NOT_MEDICAL,
}
