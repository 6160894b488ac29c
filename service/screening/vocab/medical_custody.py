"""Medical, phase 12: a body driven into a hard surface, restraint's effects on the body, stated
conditions, sprays and Tasers used on a person, and the look-alikes of complaint summaries.

Phase 12 of issue #17 (round 12's test half, Philadelphia Police complaint summaries, read after its
one measurement: tuned on). Internal Affairs summaries tell force as the complainant told it, rarely
with an injury word. Round 12's rulings decide what counts (R1-R6 of its guide, after round 4A
R8/R9, round 10 R14 and round 11 R7):

- HARD_SURFACE: a person thrown, slammed, shoved or forced against a wall, a gate, a car or the
  side of one, or thrown or tackled into one, told actively or passively ("was thrown against a
  wall", "slammed face first into a wall"), hands slammed onto a steering wheel, a person pushed
  over a rail: ICD-10-CM Y04 (assault by bodily force) with W22 (striking against an object) and
  W13 (fall from a railing), R1. Put or pushed INTO a car is how a person is seated in it (R1:
  "being placed in a car adds nothing"), so only throws, slams and tackles count with "into"; a
  plain "pushed him against his car" is labelled none six times in round 12 and stays quiet (a
  push, round 2 R8), while a face pushed into the ground counts. Batch 2: a bare "thrown against
  their vehicle" in a list of acts, and a person stomped (Y04; round 10's and round 12's labels read
  a stomp on a person as hedged every time, a kick alone as none).
- GROUND: the takedown's -ing forms and "taken to the floor" (phase 10's GROUND, round 12 R11).
- RESTRAINT: hands or wrists made numb or swollen by handcuffs, circulation affected or cut off
  (ICD-10-CM R20.0 numbness, R22 localized swelling; R2), an earlier injury aggravated (R4).
- Left out on purpose, conditions: a person stated to be deaf, hearing impaired,
  disabled or pregnant, a special-needs child, diabetes named, a hospital armband. Round 12's R4 labels
  these hedged medical, but a condition alone is no emergency: read as one, it would send EMS instead of a
  civilian responder to a deaf neighbour's welfare check or a disabled man asleep in a doorway -- a
  different dispatch for a person's status, which the equity rule forbids (docs/policy.md). Left out after
  a review of the phase-12 merge (measured on round 12's dev half with and without them).
- SPRAY: OC spray or a Taser used on a named person, not a Taser merely discharged (round 10's
  labels: a discharge with no one struck is none) (Philadelphia Police Department Directive 22, use of
  force: OC spray and the electronic control weapon, medical aid rendered after any force; Directive
  10.3, the conducted energy weapon; R5).
- DOOR: a person hit or struck with a door, a part of the body hit with one (ICD-10-CM W22 / W23).
- HOSPITAL: a person transported, taken or sent to a hospital named by its own name, or waking up
  in one (round 8 R1, R3 here: a bare transport is hedged); a part of the body broken "in a manner
  that resulted in the breakage of his arm" (S42-S52 fractures).
- FUNERAL: a death named as the funeral the person was going to (R6: background; the finding is raised
  as present, the kind a reader can see in its phrase).

Look-alikes kept quiet (NOT_MEDICAL, and NOT_INJURY for the injury flag's same words): a driver's
vehicle struck by another vehicle, a property-damage-only crash (MMUCC "Crash Severity: property
damage only"; the complaints are about the crash report); a near miss ("almost struck her with her
vehicle"); "cut off" by a driver or on the telephone; civil damages' "pain and aggravation / pain and
suffering" (Pennsylvania Suggested Standard Civil Jury Instructions, noneconomic damages; R2 names it
general distress); officers' and complainants' two-letter initials "OD" (the summaries anonymise
names to initials); a person transported to a police district or unit, not to care; a tire stabbed
with the owner's name or the bike's in between; a person's injured dogs; a finger pointed "as if he
was shooting".
"""

from __future__ import annotations

from service.screening.vocab.medical_complaints import WHO

__all__ = ["NOT_INJURY", "PHASE12"]

_WORDS = [*WHO[1:-1].split("|"), "male", "female"]
_WHO = "|".join(_WORDS)
# Whom: a pronoun, a person word (both sexes alike: the equity test), "the" or a possessive before
# one ("her son", "the complainant's daughter" is left to the person word), with a tag ("Victim 1").
_PERSON = f"(the|his|her|their|) (him|her|them|{_WHO}) (#|a|b|c|d|)"
_DET = "(the|a|an|his|her|their|its|my)"
_HARD = (
    "(wall|walls|gate|fence|railing|hood|car|cars|vehicle|vehicles|suv|truck|van|squad car|patrol car"
    "|police car|police vehicle|patrol vehicle|wagon|door|window|locker|table|desk|counter|trunk|bench"
    "|pole|bus|cell wall|column|mailbox|dumpster|steering wheel|dashboard)"
)
_THROW = (
    "(slam|slammed|slamming|throw|threw|thrown|throwing|flung|smashed|smashing|banged|banging|tackled"
    "|tackling)"
)
_PUSH = "(shoved|shoving|forced|forcing)"
_FIRST = "(face first|face-first|headfirst|head first|face down|)"

_WHOM = (_PERSON,)
HARD_SURFACE: tuple[str, ...] = (
    *(f"{_THROW} {who} {_FIRST} (up|) (against|into|onto|on) {_DET} (*|) (*|) {_HARD}" for who in _WHOM),
    # hands slammed onto the wheel (R1), a person slammed on a side of the body, over a rail (W13)
    "(slammed|slamming|banged|smashed) (them|his hands|her hands|their hands) (on|onto|against|into) the"
    " (*|) (*|)"
    " (steering wheel|dashboard|hood|car|roof|table|counter|desk)",
    f"(slammed|slamming|threw|thrown) {_PERSON} on (his|her|their) (side|back|face|head|stomach|chest)",
    f"(pushed|pushing|shoved|shoving|threw|thrown|flung) {_PERSON} (over|off) (the|a) (rail|railing"
    f"|balcony|ledge"
    "|banister)",
    *(f"{_PUSH} {who} {_FIRST} (up|) against {_DET} (*|) (*|) {_HARD}" for who in _WHOM),
    *(
        f"{verb} {who} {_FIRST} (up|) (against|into) the side of {_DET} (*|) (*|) {_HARD}"
        for verb in (_THROW, _PUSH) for who in _WHOM
    ),
    # a bare participle in a list of acts ("stopped by two officers, thrown against their vehicle,
    # handcuffed and searched"); things thrown are kept out by NOT_MEDICAL
    f"thrown {_FIRST} (up|) against {_DET} (*|) (*|) {_HARD}",
    # a person stomped (ICD-10-CM Y04: bodily force with the feet on a person down; round 10's and
    # round 12's labels read it hedged every time, where a kick alone is none)
    f"(stomped|stomping|stomp) (on|) {_PERSON}",
    "(stomped|stomping|stomp) (on|) (his|her|their|the) (*|) (head|face|foot|feet|ankle|ankles|leg|legs|hand"
    "|hands|back|body|chest|ribs|neck|arm|arms|stomach)",
    "(choke|choked|choking|kick|kicked|kicking|punched|punch)(,|) (and/or|and|or|) (stomp|stomped|stomping)",
    # a person slammed against something the text has just named ("slammed the complainant against it")
    f"(slammed|slamming|smashed|smashing|banged|banging) {_PERSON} (up|) against (it|them|that)",
    # passive: "was thrown against a wall", "slammed face first into a wall", "and shoved into the
    # side of his vehicle" (the person is the subject); not "being": a caller hearing what sounds
    # like "someone being thrown against the wall" reports violence, not a person known hurt
    f"(was|were|been|got|and|then) {_THROW} {_FIRST} (up|) (against|into|onto) {_DET} (*|) (*|)"
    f" {_HARD}",
    f"(was|were|been|got|and|then) {_PUSH} {_FIRST} (up|) against {_DET} (*|) (*|) {_HARD}",
    *(
        f"(was|were|been|got|and|then) {verb} {_FIRST} (up|) (against|into) the side of"
        for verb in (_THROW, _PUSH)
    ),
    # the face or head driven into the ground or a hard surface
    *(
        f"{verb} (his|her|their) (face|head) (into|onto|against|on) {_DET} (*|)"
        f" (ground|floor|pavement|concrete|sidewalk|street|curb|{_HARD[1:-1]})"
        for verb in (_THROW, _PUSH, "(pushed|pushing|pressed|pressing)")
    ),
)

_SURFACE = "(floor|ground|pavement|concrete|sidewalk)"
GROUND: tuple[str, ...] = (
    *(
        f"(knocking|throwing|slamming|pushing|shoving|tackling|taking|forcing|dragging|flinging) {who}"
        f" (down|)"
        f" (to|onto) (the|a) {_SURFACE}"
        for who in _WHOM
    ),
    f"(threw|thrown|slammed|tackled|pushed|shoved|knocked|took|taken|forced) {_PERSON} (down|) (to|onto)"
    f" (the|a)"
    f" {_SURFACE}",
    "(taken|brought|wrestled) (down|) to the (ground|floor)",
    "(thrown|threw|slammed|knocked|tackled|pushed|shoved) (down|) (to|onto|into) the (grass|pavement|concrete"
    "|sidewalk|street|curb|dirt|mud|asphalt)",
    # pulled out of a vehicle onto the street (R1, round 11 R7)
    "(pulled|dragged|yanked|removed) (*|) (*|) (*|) (*|) (*|) (*|) (*|) (*|) onto the (street|ground"
    "|pavement|sidewalk"
    "|concrete|asphalt)",
    *(
        f"~{lead}(taken|brought) (down|) to the (ground|first|second|third|top|basement|upper|lower) floor"
        for lead in ("", "(was|were|been|being|and) ")
    ),
)

_LIMB = "(hand|hands|wrist|wrists|finger|fingers|arm|arms|thumb|thumbs)"
RESTRAINT: tuple[str, ...] = (
    f"{_LIMB} (to|) (become|became|becoming|went|go|going|turn|turned|turning|grew|were|was) (numb|swollen"
    "|purple)",
    f"{_LIMB} to (swell|bleed)",
    "nerve damage",
    "(affected|affecting|cut off|cutting off|cuts off|restricted|restricting|stopped|stopping|cut) (the"
    "|his|her"
    "|their|my|) (blood|) circulation",
    "(aggravated|aggravating|aggravate|worsened|re-injured|reinjured) (a|an|his|her|their|my) (previous"
    "|prior|old"
    "|existing|pre-existing|preexisting|earlier) (injury|injuries|condition)",
)

_SPRAY = (
    "(pepper sprayed|pepper spraying|pepper-sprayed|oc sprayed|maced|macing|tased|tasered|tasing|tasering"
    "|tazed"
    "|tazing|tazering)"
)
SPRAY: tuple[str, ...] = (
    *(f"{_SPRAY} {who}" for who in _WHOM),
    "(spray|mace|pepper spray|oc spray|oc) (also|) (affected|affecting|hit|struck|got in|went in)",
    *(f"sprayed {who} with (pepper spray|mace|oc spray|oc|a chemical spray|chemical spray)" for who in _WHOM),
    "(barbs|probes|prongs) (out of|from|in|into|struck) (his|her|their)",
)

DOOR: tuple[str, ...] = (
    *(
        f"(hit|hitting|struck|striking|slammed|slamming) {who} with (the|a|his|her|their) (*|) (*|) door"
        for who in _WHOM
    ),
    "(hit|hitting|struck|striking|slammed|slamming|closed|closing|shut) (his|her|their) (leg|legs|arm"
    "|arms|hand"
    "|hands|foot|feet|fingers|head|knee|ankle) (with|in) the (*|) (*|) door",
    "(slammed|closed|shut) the (*|) door on (*'s|his|her|their) (leg|legs|arm|arms|hand|hands|foot|feet"
    "|fingers"
    "|head|knee|ankle)",
    # a vehicle used on a person (ICD-10-CM V03-V09, a pedestrian struck)
    *(
        f"(struck|hit|hitting|striking|bumped|bumping) {who} with (the|a|his|her|their) (front of the|)"
        f" (*|) (vehicle"
        "|car|patrol car|suv|bumper|van|truck)"
        for who in _WHOM
    ),
)

_HOSP = "(hospital|emergency room|medical center|trauma center)"
HOSPITAL: tuple[str, ...] = (
    *(
        f"(transported|took|taken|brought|drove|rushed|sent|conveyed|carried) {who} to (the|a|an|) (*|) (*|)"
        f" {_HOSP}"
        for who in _WHOM
    ),
    f"(was|were|been|being) (transported|taken|brought|rushed|sent|conveyed|forcibly transported) to (*|)"
    f" (*|)"
    f" {_HOSP}",
    f"(woke|awoke|woke up|awakened|came to|regained consciousness) (up|) (at|in) (the|a) (*|) {_HOSP}",
    "(resulted|resulting|result) in (the|a) (breakage|fracture|fracturing|break) of (his|her|their) (*|)",
)

# A record that left injuries out is a complaint about the record, not a denial of them (round 12:
# "the report ... did not reflect injuries to the complainant").
OMITTED: tuple[str, ...] = (
    "(did not|didn't|didnt|failed to|fail to|neglected to|refused to|would not) (reflect|list|include"
    "|mention|document|record|note) (the|his|her|their|my|) (injuries|injury)",
)

FUNERAL: tuple[str, ...] = (
    "(attend|attending|attended|going to|way to|way from|return from|returning from|leaving) (his|her"
    "|their|a|the|my) (*'s|*\u2019s|) (funeral|wake|viewing|memorial service)",
)

NOT_MEDICAL: tuple[str, ...] = (
    "~(he|she|they|i|we|complainant|complainants) (was|were) (struck|hit|rear ended|rear-ended) by (another|a"
    " second|the other) (vehicle|car|driver|truck|motorist)",
    "~(driving|stopped|stopped at a red light|parked)(,|) (he|she|they|i|we) (was|were) (struck|hit) by",
    "~(almost|nearly) (struck|hit|ran over|run over) (him|her|them|me|my|his|the) (*|) (with|daughter|son"
    "|child)",
    "~(caused|causing|cause|causes) (him|her|them|me) (pain|emotional pain) and (aggravation|suffering"
    "|humiliation|embarrassment|stress|anguish|frustration|inconvenience)",
    "~(officer|officers|p/o|po|sergeant|sgt|lieutenant|lt|detective|det|corporal|cpl|civilian|mr|ms|mrs)(.|)"
    " (od|ods|od's)",
    "~(complainant|complainants|witness|witnesses)(,|) od(,|)",
    *(
        f"~{lead}(was|were|been|being) transported to (the|) (#th|#st|#nd|#rd|) (district|svu|special victims"
        " unit|headquarters|police headquarters|detective division|detectives|station|precinct|youth study"
        " center)"
        for lead in ("",)
    ),
    # a thing thrown against a wall is no body driven into one
    "~(phone|phones|cellphone|cell phone|camera|bottle|bag|bags|item|items|property|belongings|keys|wallet"
    "|food|it|drink|cup|can|rock|brick|glass|chair|plate) (was|were) (thrown|slammed|smashed|flung|banged)",
    "~(phone|phones|cellphone|cell phone|camera|bottle|bag|bags|keys|wallet|belongings|items|food|drink|cup"
    "|chair|plate) (thrown|slammed|smashed|flung)",
    # what "sounds like someone being thrown against the wall" is heard, not seen (the corpus)
    "~(being|someone|somebody|something) thrown (up|) against",
    "~(stabbed|stabbing|slashed|slashing|punctured|puncturing) (the|his|her|their|a) (*'s|*\u2019s) (tire"
    "|tires"
    "|tyre|tyres)",
    "~as if (he|she|they|the officer) (was|were) (shooting|going to shoot)",
)

NOT_INJURY: tuple[str, ...] = (
    *NOT_MEDICAL,
    "~(vehicle|car|truck|auto|van) was (struck|hit|rear ended|rear-ended) by (a|another|the other)"
    " (vehicle|car"
    "|truck|driver)",
    "~(was|were|got|been|being) cut off by",
    "~(injured|hurt|wounded|killed|shot) (his|her|their|my|the) (dog|dogs|cat|cats|pet|pets|puppy|horse)",
)

PHASE12: dict[str, tuple[str, ...]] = {
    "ICD-10-CM": (*HARD_SURFACE, *GROUND, *RESTRAINT, *DOOR, *HOSPITAL[-1:]),
    "PPD-DIRECTIVES": SPRAY,
    "NEMSIS-DISP": (*HOSPITAL[:-1], *OMITTED),
    "R12-GUIDE": FUNERAL,
    "MMUCC": NOT_MEDICAL,
}
