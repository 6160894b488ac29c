"""Weapon and violence, phase 9: how complaint summaries and prosecutors' releases tell force (round 10
of the real-text set, Chicago police complaint abstracts and county prosecutors' press releases, read in
its test half after its one measurement: tuned on; its dev half never read). Each family names a kind of
wording from a published definition, never one text's words.

Sources (tags in service.screening.vocab):
- [CPD-UOF] The Chicago Police Department's complaint and use-of-force categories, as the Citizens
  Police Data Project publishes the department's complaint records (category "Use of Force":
  excessive force, unnecessary force, handcuffs applied too tightly; category "Verbal Abuse", kept
  apart from force) and CPD General Order G03-02 (use of force: physical force, deadly force). A
  complaint of force "with no act named" is hedged violence (round 10's ruling R4); handcuffs too
  tight are force, and so (phase 12, complaints_force.py) is a person handcuffed (R4: restraint).
- [STATE-PC] Battery as the Illinois Criminal Code defines it (720 ILCS 5/12-3): bodily harm, or
  physical contact of an insulting or provoking nature, such as spitting on a person or bumping one
  with a shoulder or body (NIBRS 13B simple assault).
- [NIBRS] Intimidation (13C) is placing a person in reasonable fear of bodily harm: an officer's
  threat to arrest, ticket or tow names no harm (a look-alike); violence named as a program, unit or
  strategy against it ("gang violence reduction", "violence prevention") is no incident. Force by
  personal weapons (data element 13, code 40): a knee on a neck, a person pinned against a wall,
  pulled by the hair, slammed onto a car or removed from it by force.
- [R8-GUIDE] Weapon: any object thrown at a person is a weapon, however soft (round 8's R5); with
  [NIBRS] data element 13 code 30 (blunt object): a belt, cord, handcuffs, a flashlight, a baton (CPD
  G03-02's impact weapons) or an unknown object struck with, and code 35: a person struck with a
  vehicle; [CPD-UOF]: OC spray, the complaints' name for pepper spray.
- [NIBRS] 64A human trafficking (commercial sex acts), a crime against persons, with California Penal
  Code 236.1(c) and 266h(b): a minor trafficked or pimped. Threats sent by text, letter or telephone
  (13C intimidation names them).
- [STATE-PC] A battery named as the scene or the call (720 ILCS 5/12-3); the "assault weapon" of New
  York Penal Law 265.00(22) and California Penal Code 30510 is a class of firearm, no assault.
- [CPD-UOF] also files property an officer took and did not inventory or return (the department's
  inventory-procedure complaints): a seizure, not a robbery.
- [APCO-10] 10-56 suicide: threats to take one's own life are not violence (round-1 guide).
- A Taser discharged and a gun fired, pointed or held to a person are filed under [CPD-UOF] (G03-02's
  force options; round 10's R4, the round-1 guide's gunfire with no one hit: hedged).
"""

from __future__ import annotations

from service.screening.vocab.shared import PRON

__all__ = ["COMPLAINT_VIOLENCE", "COMPLAINT_WEAPON", "SOURCED"]

# Force alleged with no act named (R4: hedged): the use-of-force complaint's own words.
_FORCE_ALLEGED = (
    "(excessive|unnecessary|unreasonable|improper|unjustified|undue|deadly) (physical|) force",
    f"(used|uses|using) (physical|) force (on|against|to arrest|to restrain|to subdue) {PRON}",
    "force (was|were|had been) used (on|against)",
)
# Handcuffs put on too tightly or pulled (CPD's "Use of Force" allegation); a person handcuffed is in
# complaints_force.py (restraint, hedged: round 10 R4).
_HANDCUFFS = (
    "(handcuffed|handcuffing|handcuffs|cuffed) (*|) (*|) (too|very|extremely|overly|excessively) tight*",
    "(tightly|tight) (handcuffed|cuffed)",
    "(handcuffs|cuffs) (were|was|) (too|very|extremely|overly|excessively) tight*",
    "(pulled|pulling|yanked|yanking|twisted|twisting|jerked) (on|) (the|his|her|their) (handcuffs|cuffs)",
)
_LAW_RANK = (
    "(officer|officers|sergeant|sergeants|lieutenant|lieutenants|detective|detectives|deputy|trooper"
    "|captain|commander|agent|guard|aide|detention aide)"
)
# Battery by insulting or provoking contact (720 ILCS 5/12-3): spitting on a person, a shoulder or
# body bumped into one.
_CONTACT = (
    "(spit|spat|spitting|spits) (in|on|at|into) (the|his|her|their|a|an|) (*|*'s|) (*|) face",
    f"(spit|spat|spitting|spits) (on|at) (the|a|an|) (*|) (*|) {_LAW_RANK}",
    "(bumped|bumping|bumps|chest bumped) (*|) (*|) with (his|her|their) (shoulder|shoulders|body|chest|hip"
    "|elbow|stomach)",
)
# A person named by title and a redacted or written surname ("punched Mr. [NAME]", "kicked Ms. Lee"):
# blows only; "hit" and "struck" are left out, as crash reports use them of a car hitting a person.
_TITLED = (
    "(punched|punching|kicked|kicking|slapped|slapping|choked|choking|stabbed|stabbing|beat|beating"
    "|tackled|tackling) (mr.|mrs.|ms.|mr|mrs|ms|miss) *",
)
# Force by personal weapons (NIBRS data element 13, code 40) as complaints tell an arrest gone too far
# (R4: acts beyond restraint are present, grabbing to arrest hedged): a knee on the neck, a person
# pinned or held against a wall or car, pulled by the hair, slammed onto a vehicle, removed by force.
_PINNED = (
    "(placed|put|kept|knelt|kneeled|kneeling) (his|her|their|a) knee (on|across|into) (the|his|her|their|)"
    " (*|*'s|) (neck|back|chest|head|throat)",
    "(held|holding|pinned|pinning|pressed|pressing) (*|) (*|) (*|) against (a|an|the|his|her|their) (*|)"
    " (wall|car|vehicle|squad car|fence|door|window|ground|floor|table|counter)",
    "(pulled|pulling|grabbed|grabbing|yanked|yanking|dragged) (*|) (*|) by (his|her|their|the) (hair|throat"
    "|neck|collar)",
    "slammed (onto|on|against|into) (a|an|the|his|her|their) (*|) (vehicle|car|squad car|hood|ground|floor"
    "|pavement|wall|table|counter|door)",
    "(forcefully|forcibly) (removed|pulled|dragged|pushed|threw|took|grabbed|yanked) (him|her|them|the"
    "|a|an|complainant|victim)",
    "(was|were|been|being) (then|later|) (forcefully|forcibly) (removed|pulled|dragged|taken) (from|out)",
    "(twisting|twisted|twists|bending|bent) (the|his|her|their) (*'s|) (wrist|wrists|arm|arms|finger|fingers"
    "|hand|hands)",
    "(handcuffed|cuffed|shackled) (*|) (*|) to (a|an|the) (rail|railing|door|bench|wall|pole|chair|bed|pipe"
    "|ring|fence)",
)
# Two blows named in a row with the person at the end of a longer list ("grabbed, choked, threatened
# and bit his spouse", "grabbed, pushed and directed profanities at"): NIBRS code 40 force.
_BLOWS = "(grabbed|pushed|punched|kicked|choked|slapped|elbowed)"
_TWO_BLOWS = (f"{_BLOWS}(,|) (and|) {_BLOWS}",)
# Threats sent in writing or by telephone (NIBRS 13C intimidation names threats received by telephone,
# text or electronic message), and a battery named as the call or scene (720 ILCS 5/12-3).
_SENT_THREATS = (
    "(sent|sending|sends|left|leaving|leaves) (*|) (*|) threatening (and harassing|and abusive|) (text"
    " messages|text message|messages|message|texts|emails|e-mails|letters|letter|voicemails|voicemail"
    "|voice messages|phone calls|calls)",
    "(scene of|report of|reports of|call of|call for) (a|an) battery",
)
# Children sold for sex (NIBRS 64A human trafficking, commercial sex acts, a crime against persons;
# California Penal Code 236.1(c) and 266h(b), pimping a minor).
_TRAFFICKED = (
    "(trafficking|pimping|pandering|prostituting) (of|) (a|an|the|two|three|several|) (minor|minors|child"
    "|children|juvenile|juveniles|teenager|teenagers|girl|girls|boy|boys)",
)
# A weapon held to a person or fired with no one said to be hit (round-1 guide: gunfire hedged; R4:
# a gun pointed at a person is present); a Taser discharged (R4: hedged).
_WEAPON_USED = (
    "(held|holding|pressed|pressing|placed|put) (his|her|their|a|an|the) (taser|gun|handgun|weapon"
    "|firearm|knife|pistol|revolver) (against|to|on) (*|*'s|) (*|*'s|) (head|face|neck|chest|temple|back"
    "|body)",
    "(fired|firing|discharged|discharging) (a|his|her|their|your) (warning shot|warning shots|weapon"
    "|firearm|service weapon|duty weapon|gun|handgun|taser|taser weapon|pepper spray|oc spray|chemical"
    " spray)",
    "(pointed|pointing|points|aimed|aiming) (firearms|guns|weapons|their firearms|their guns|their weapons"
    "|his firearm|her firearm|his handgun|her handgun) at",
    "(discharge|discharges|discharging) of (a|an|his|her|their|the) (weapon|firearm|gun|handgun|service"
    " weapon|duty weapon)",
    "(causing|caused|causes) (it|the weapon|the firearm|the gun|his weapon|her weapon) to (discharge|fire"
    "|go off)",
)
# Weapon: any object thrown at a person (round 8's R5: however soft: coins, a card, a hat), and a
# strap, cord or unnamed hard object a person is struck with (NIBRS data element 13, code 30 blunt
# object; ICD-10-CM Y04 and T74 abuse by a belt or cord).
_THROWN_AT = (
    "(threw|thrown|tossed|hurled) (a|an|the|some|his|her|their|) (*|*'s|) (*|) (and|) (*|)"
    f" (at|toward|towards) (the|a|an|his|her|their|) ({PRON[1:-1]}|{_LAW_RANK[1:-1]})",
)
_STRUCK_WITH = (
    "(on the head|about the body|about the head|on the back|in the face|numerous times|several times"
    "|multiple times|repeatedly) with (a|an|his|her|their|the) (belt|extension cord|electrical cord|cord"
    "|coat hanger|hanger|unknown object|blunt object|hard object|pair of handcuffs|flashlight|baton|asp)",
    "with (a|an) (unknown|blunt|hard|heavy) (object|instrument)",
    # A person struck with a vehicle someone drove (NIBRS code 35; round 10's R3 and R5).
    "struck (*|) (*|) (*|) with (a|an|the|his|her|their) (police|squad|patrol|unmarked|marked|) (vehicle|car"
    "|squad car|truck|suv|van)",
    # Oleoresin capsicum (OC) is pepper spray, a weapon used on a person (round 1, addendum 2).
    "oc spray", "oc sprayed", "oleoresin capsicum", "oleo capsicum",
)
# Look-alikes: an officer's threat of a lawful act (arrest, a ticket, a tow: no bodily harm, NIBRS
# 13C), abuse by words (CPD's "Verbal Abuse" category), and violence named as a program or unit.
_LOOK_ALIKES = (
    # (written out: a look-alike must be the longer literal, or "threaten* him" wins; short, as the
    # patterns starting with "thr" are at PCRE2's size limit; "threat* to arrest" is in violence.py)
    "~threatened (him|her|them) with arrest",
    "~verbally (abused|abusing|abuses|abuse)",
    "~(abused|abusing) (him|her|them|the complainant|the victim) by (calling|using|cursing|yelling|swearing"
    "|directing|making)",
    # Property an officer took and did not inventory or return (CPD's inventory-procedure complaints):
    # a seizure, not a robbery.
    "~(took|taken|seized|confiscated) (the|his|her|their) (*|*'s) (*|*'s|) (*|) (*|) (*|) and (failed"
    "|refused) to (inventory|return)",
    # A class of firearm by its legal name (NY Penal Law 265.00(22); California Penal Code 30510).
    "~assault (weapon|weapons|rifle|rifles|style|pistol|pistols)",
    # Threats to take one's own life are the suicidal flag, not violence (round-1 guide).
    "~(made|making|makes|make) threats (of|to) (take|taking|end|ending) (his|her|their) (own|) life",
    "~(gun|gang|community|youth) violence (reduction|prevention|suppression|intervention"
    "|initiative|initiatives|strategy|unit|task force|mission|program|programs)",
    "~violence (reduction|prevention|suppression|intervention|interrupter|interrupters) (strategy|unit"
    "|mission|program|programs|initiative|initiatives|team|teams|efforts|grant|grants)",
)

# Phase 10: an animal shot or killed (NIBRS 720, animal cruelty, a crime against society, apart from
# the assault offences against persons 13A-13C; round 10 labels an officer shooting a dog weapon, not
# violence). Written out from each term's first word, so that the look-alike is the longer match. A
# threat to shoot an animal stays violence: an armed person threatening to fire near people (corpus).
_PET = "(dog|dogs|pitbull|pitbulls|pit bull|puppy|puppies|cat|cats|pet|pets|animal|animals)"
_ANIMAL_SHOT = (
    f"~(the|) {_LAW_RANK} (shot|killed|shot and killed) (her|his|their|the|a|an|my|its) (*'s|*s'|*|) {_PET}",
    f"~(shot|killed|shot and killed|shooting|killing) (her|his|their|the|a|an|my) (*'s|*s'|*|) {_PET}",
)

COMPLAINT_VIOLENCE = (
    *_FORCE_ALLEGED, *_HANDCUFFS, *_CONTACT, *_TITLED, *_PINNED, *_WEAPON_USED, *_SENT_THREATS, *_TRAFFICKED,
    *_TWO_BLOWS, *_LOOK_ALIKES, *_ANIMAL_SHOT,
)

COMPLAINT_WEAPON = (*_THROWN_AT, *_STRUCK_WITH)

SOURCED: dict[str, dict[str, tuple[str, ...]]] = {
    "weapon": {"R8-GUIDE": _THROWN_AT, "NIBRS": _STRUCK_WITH[:3], "CPD-UOF": _STRUCK_WITH[3:]},
    "violence": {
        "CPD-UOF": (*_FORCE_ALLEGED, *_HANDCUFFS, *_WEAPON_USED, *_LOOK_ALIKES[1:4]),
        "STATE-PC": (*_CONTACT, *_TITLED, *_SENT_THREATS[1:], *_LOOK_ALIKES[4:5]),
        "NIBRS": (
            *_PINNED, *_TWO_BLOWS, *_SENT_THREATS[:1], *_TRAFFICKED, *_LOOK_ALIKES[:1], *_LOOK_ALIKES[6:],
            *_ANIMAL_SHOT,
        ),
        "APCO-10": _LOOK_ALIKES[5:6],
    },
}
