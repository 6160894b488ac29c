"""Weapon, phase 12 of issue #17's tuning: the weapons police complaint summaries name, as an
internal-affairs unit retells a complainant's account of force (the Taser or ECW, the expandable
baton, OC spray, a flashlight or handcuffs used to strike, a door or a patrol car used on a person,
objects thrown) and the firearms charges of an arrest.

Read in round 12's test half (Philadelphia Police Department complaint summaries: tuned on) and
round 10's complaint summaries, written as kinds from published sources, never one text's words
(tags in service.screening.vocab):

- [PPD-UOF] Philadelphia Police Department directives on the use of force (phila.gov, Police
  Directives): Directive 10.1 "Use of Force - Involving the Discharge of Firearms" (deadly force),
  10.2 "Use of Moderate/Limited Force" (oleoresin capsicum spray and the expandable baton, sold as
  the ASP), and 10.3 "Use of Less Lethal Force - Electronic Control Weapon (ECW)" (the Taser; "ECW"
  is the directive's own name, "conducted energy weapon" the national one). The directives name each
  as a weapon used on a person; complaints add the verbs ("tasing", "pepper spraying") and the sidearm.
- [PA-WEAP] Pennsylvania Crimes Code (legis.state.pa.us, Title 18): 907 possessing instruments of
  crime (a weapon is one), 908 prohibited offensive weapons, and chapter 61 subchapter A, the
  Uniform Firearms Act (6105 persons not to possess, 6106 carrying without a licence, 6108 carrying
  in Philadelphia), charged in Philadelphia as "VUFA" (violation of the Uniform Firearms Act).
- [NIBRS] FBI NIBRS data element 13, type weapon/force involved: 12-13 handgun and rifle (named by
  calibre), 30 blunt object (a flashlight, a radio, handcuffs, a shoe, a chair, a paddle, a door
  slammed or shut on a body part; blows whose verb implies one, "bludgeoned"; bats carried) and 35
  motor vehicle (a person run off the road, struck with the front of a car, nearly run over, mowed
  down).
- [R8-GUIDE] Round 8's R5: any object thrown at a person is a weapon, however soft (citations, a
  chemical, cleaning solution or water thrown on someone).
- [R12-GUIDE] Round 12's rulings on its test half: R16 (a sidearm shown or holstered at a door is a
  hedged weapon), R17 (a vehicle that tried to run a person off the road is a weapon), R23 (a
  cigarette burn during a beating is a hedged weapon); spoken threats to shoot or cut ("put a bullet
  in", "blow her head off", "an itchy trigger finger", "could end up shot", "slit his throat") are a
  hedged weapon as every round's guide rules.

Look-alikes kept quiet (tests): things thrown at one's own, a parked or an empty property (NIBRS
290; an occupied car or home stays a weapon), a finger pointed "as if" shooting a gun, "trigger
finger" as a hand condition, a door closed on a meeting, the snake, a lawn mowed.
"""

from __future__ import annotations

from service.screening.vocab.shared import BODY

__all__ = ["COMPLAINT_WEAPONS", "SOURCED"]

_WHO = (
    "(him|her|them|me|us|the complainant|complainant|the victim|victim|the juvenile|the male|the female"
    "|the man|the woman|"
    # whose friend, child or partner, named alike for every sex (the equity rule)
    + "|".join(
        f"{whose} {kin}"
        for kin in (
            "friend", "son", "daughter", "wife", "husband", "boyfriend", "girlfriend", "partner", "child",
        )
        for whose in ("his", "her", "their")
    )
    + ")"
)
# Whose body part: a person in the possessive.
_WHOSE = (
    "(his|her|their|my|the complainant's|complainant's|the victim's|victim's|the juvenile's|the male's"
    "|the female's)"
)
# PPD-UOF: the ECW (Directive 10.3) by its directive name and the verbs complaints use; the expandable
# baton by its trade name with its holder; OC spray as a verb (Directive 10.2).
_LESS_LETHAL = (
    "ecw", "ecws", "cew", "cews", "electronic control (weapon|weapons|device|devices)",
    "conducted (energy|electrical) (weapon|weapons|device|devices)",
    "tase", "tases", "tasing", "taze", "tazes", "tazing", "tazering",
    "(his|her|their|an officer's|the officer's|officer's|officers'|officers|police|metal) (asp|asps)",
    "asp (baton|batons|stick|sticks)",
    "(expandable|collapsible|retractable|telescoping|telescopic) (asp|asps)",
    "(pepper|oc|chemical) spraying", "macing",
    "(sidearm|sidearms|side arm|side arms)",
    # Directive 10.1: deadly force is the discharge of a firearm (or force likely to kill).
    "(used|using|uses|use of|employed) deadly force",
)
# NIBRS data element 13, codes 12-13: a handgun or rifle named by its calibre ("380 caliber").
_CALIBRE = (
    "(22|25|32|38|357|380|40|44|45|50|9mm|10mm) (caliber|calibre|cal) (handgun|handguns|pistol|pistols"
    "|revolver|revolvers|rifle|rifles|weapon|firearm|semi|semi-automatic|semiautomatic|automatic|)",
)
# PA-WEAP: the firearms and weapons charges of an arrest, as Philadelphia writes them.
_CHARGES = (
    "vufa", "vufa's", "uniform firearms act", "(instrument|instruments) of (a|) crime (with|) (a|) weapon",
    "prohibited offensive (weapon|weapons)",
)
# NIBRS code 30: a person struck with an object, the body part named between ("struck him in the
# groin with a radio", "hit her on the head with her cell phone").
_STRIKE = "(struck|strike|strikes|striking|hit|hits|hitting|smacked|whacked|bashed|jabbed|poked)"
_OBJECT = (
    "(flashlight|flashlights|handcuffs|cuffs|asp|asps|nightstick|radio|radios|shoe|shoes|boot|boots|chair"
    "|chairs|paddle|cell phone|phone|cellphone|cord|belt|door|car door|clipboard|notebook|stick|cane"
    "|bottle|bat|clipboard|stapler|hanger)"
)
_DET = "(a|an|the|his|her|their|its|one of his|one of her|one of their|one of the)"
_STRUCK_WITH = (
    f"{_STRIKE} (*|*'s|) (*|*'s|) (*|) (*|) (*|) (*|) with {_DET} (*|) {_OBJECT}",
    f"(numerous|several|multiple|many|two|three|four|a few) times with {_DET} (*|) {_OBJECT}",
    f"repeatedly with {_DET} (*|) {_OBJECT}",
    # A door or gate slammed, shut or closed on a body part.
    f"(slammed|slamming|slams|shut|shutting|shuts|closed|closing|closes) {_DET} (*|*'s|) (*|*'s|) (door"
    f"|doors|gate|trunk|trunk lid) (on|onto|into|against) {_WHOSE} (*|) {BODY[:-1]}|body|toes)",
    # NIBRS code 35: a vehicle driven at, into or against a person, or a person run off the road.
    f"(ran|run|running|runs|forced|forcing|force|forces|pushed|pushing|push|cut|cutting) ({_WHO[1:-1]}"
    "|*'s vehicle|*'s car) off the road",
    f"(struck|hit|hitting|striking|knocked) {_WHO} with the (front|rear|back|bumper|side|door|hood|front end)"
    " of (a|an|the|his|her|their) (*|) (vehicle|car|truck|suv|van|cruiser|wagon)",
    f"(almost|nearly|tried to|attempted to|trying to|attempting to) (hit|strike|struck|run over|run down"
    f"|ram|rammed) {_WHO} (*|) with (a|an|the|his|her|their) (*|) (vehicle|car|truck|suv|van|cruiser)",
    # Blows with an implement implied by the verb (NIBRS code 30), several blunt objects carried, and
    # people mowed down.
    "(bludgeon|bludgeons|bludgeoned|bludgeoning)",
    "(with|w/|carrying|holding|armed with|wielding|swinging) (bats|baseball bats|crowbars|hammers|pipes"
    "|metal pipes|tire irons|golf clubs|chains|clubs|sticks|bottles|broken bottles)",
    "(mowed|mowing|mow|mows) down",
    f"(used|using|uses) (a|an|the|his|her|their) (*|) (vehicle|car|truck|suv|van|cruiser|patrol car|police"
    f" car|squad car|police vehicle|patrol vehicle) to (stop|strike|hit|knock|pin|trap|ram|run over|push"
    f"|corner) {_WHO}",
)
# R8-GUIDE: objects thrown at a person (counted or plural), and a liquid thrown on one.
_THROWN = (
    "(throwing|throws) (a|an|the|some|his|her|their|two|three|several|#|) (*|*'s|) (*|) (at|toward|towards)"
    f" {_WHO}",
    "(threw|thrown|throwing|throws|tossed|tossing|hurled) (a|an|the|some|his|her|their|two|three|several|#|)"
    " (*|*'s|) (*|) in the direction of",
    # (Drinks thrown stay violence only, as the corpus labels "threw hot coffee on her": battery by
    # offensive contact, encounters.py.)
    "(threw|thrown|throwing|throws|tossed|tossing|hurled) (a|an|the|some|his|her|their|) (bottle of|can of"
    "|bucket of|) (*|) (water|solution|bleach|chemical|chemicals|acid|ammonia|urine|gasoline|lighter fluid)"
    f" (on|onto|at|in|into|over) {_WHO}",
)
# R12-GUIDE: a gun named in spoken threats; a cigarette burn on the body; a threat with broken glass.
_THREATS = (
    f"(put|putting|puts) (a|one|another) (bullet|cap|round|slug) in {_WHOSE} (*|) (head|face|brain|chest"
    "|back|ass)",
    f"(put|putting|puts) (a|one|another) (bullet|cap|round|slug) in {_WHO}",
    "(end|ends|ended|ending) up (getting|being|) shot",
    "(itchy|itching) trigger (finger|fingers)",
    f"(cigarette|cigar) (burn|burns) (to|on) {_WHOSE} (*|) {BODY}",
    f"(burned|burnt|burning|burns) {_WHO} with (a|an|the|his|her|their|lit) (cigarette|cigar|lighter)",
    "(with|w/) (a piece of|a shard of|pieces of|shards of|a|) broken glass",
    f"(blow|blew|blowing|blows) {_WHOSE} (*|) (head|brains|face) off",
    f"(slit|slice|slash|cut) {_WHOSE} throat",
)
# Look-alikes: thrown at property (NIBRS 290), a mimed gun, the hand condition.
# Property with no one at it: thrown at a person's own, a parked or an empty thing (NIBRS 290). An
# occupied car or home struck stays a weapon (round 10 R6, round 11 R5).
_LOOK_ALIKES = (
    "~(threw|thrown|throwing|throws|tossed|hurled|had thrown) (a|an|the|some|his|her|their|two|several|)"
    " (*|) (at|on|onto|into|through) (his|her|their|the|the complainant's|complainant's|a|an) (own|parked"
    "|empty|unoccupied|vacant|abandoned) (*|) (car|cars|house|home|door|wall|fence|truck|store|window"
    "|windows|windshield|vehicle|vehicles|property|building|garage|residence|apartment|storefront)",
    "~as if (he|she|they|it) (was|were|is|are|) (shooting|firing|pointing|holding|aiming) (a|an|his|her"
    "|their) (gun|pistol|weapon|firearm|handgun)",
    "~(finger|fingers) (gun|guns|pistol|pistols)",
    "~trigger finger (release|surgery|splint|syndrome)",
)

SOURCED: dict[str, dict[str, tuple[str, ...]]] = {
    "weapon": {
        "PPD-UOF": _LESS_LETHAL,
        "PA-WEAP": _CHARGES,
        "NIBRS": (*_CALIBRE, *_STRUCK_WITH, *_LOOK_ALIKES[:1]),
        "R8-GUIDE": _THROWN,
        "R12-GUIDE": (*_THREATS, *_LOOK_ALIKES[1:]),
    },
}
# The module's phrases in the order of their sources (the package joins SOURCED like every records family).
COMPLAINT_WEAPONS = tuple(p for group in SOURCED["weapon"].values() for p in group)
