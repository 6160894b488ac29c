"""Medical, phase 11: a dispatcher's remarks and an officer's offense shorthand, and their look-alikes.

Phase 11 of issue #17 (round 11's test half, read after its one measurement: tuned on). A dispatch
log names an ambulance call by the call type and the units ("reporting a medical ... E4, M1 and Car5
dispatched. M1 transported to Lahey"); an offense report's MO line names the injury by the penal
code's element ("HIT COMP WITH BOTTLE CAUSING PAIN"). The kinds, each with its published source:

- CALL_TYPE: APCO ANS 2.103's incident type "Medical" named as a noun after the words that report
  or request a call ("reporting a medical", "responded to his medical"); a medical place, record or
  examiner after it is no call type (the same look-alikes as phase 8's "responded to a medical").
- AMBULANCE_UNIT: an ambulance named by its unit designator, M-n (a town's own) when it is sent,
  listed or moves, A-n or P-n (a neighbour's or a private service's) only when it responds or
  transports, as fire-EMS CAD unit lists print them (NEMSIS v3.5 eResponse.14 "EMS Unit Call
  Sign"), and a transport counted by patients (eDisposition.30 "Transport by This EMS Unit";
  eDisposition.11 number of patients at the scene). An ambulance told to stay in quarters was not
  sent. Hospitals by their local names are left out (not a published kind).
- DEATH_NOTICE: a death notification or next of kin notified (medicolegal death investigation,
  NIJ's "Death Investigation: A Guide for the Scene Investigator", notification of next of kin; round
  11 R1: hedged); a natural death (NVDRS / NCHS manner of death "natural"); the medical examiner
  notified; a patient's refusal of care (NEMSIS eDisposition.12).
- OFFENSE_SHORTHAND: Texas Penal Code 1.07(a)(8) "bodily injury" means physical pain, illness or
  an impairment of physical condition, and 22.01(a)(1) names assault by it: "CAUSING PAIN" after a
  blow is an injury told as the offence's element, and so is "CAUSING SBI" (1.07(a)(46)); a
  complainant or victim transported (the one an offense report sends away); a blow with an object
  to the complainant ("COMP" in report shorthand) or a person struck with a motor vehicle
  (ICD-10-CM Y03); a person pushed out of a vehicle (round 11 R7) or dragged (R11); a driver who
  left a crash without rendering aid (Texas Transportation Code 550.021 and 550.023: the duty to
  render reasonable assistance to an injured person); gunshots fired at a person (round 4A R7).
- NOT_MEDICAL / NOT_INJURY (look-alikes): LOC as "location" after a place word in offense shorthand
  ("FLED LOC", "THE LISTED LOC"); C1-C3 as a fire command officer in a unit list; food burnt on a
  stove; an injured or struck animal (APCO ANS 2.103 incident type "Animal", its own call type);
  gunfire into the air or at a window, a car or a house (property, not a person); a brick thrown
  through a window; handcuffs too tight causing pain (round 10 R6: pain wording alone is no injury);
  "w/out injury" denies an injury as "w/o injury" does; bloodshot eyes, a threat to slit a throat,
  tires stabbed (round 10's complaints). "Section 12" (a Massachusetts psychiatric hold) is left
  alone: round 1's guide reads a mental-health crisis with no physical danger as no medical call.
"""

from __future__ import annotations

from service.screening.vocab.shared import ADJ

__all__ = ["NOT_INJURY", "PHASE11"]

_REPORTED = "(reporting|reported|reports|requesting|requested|regarding|report of|request for)"
_MED_PLACE = (
    "(clinic|clinics|office|offices|center|centre|facility|building|complex|appointment|examiner"
    "|examiner's|marijuana|dispensary|cart|card|supply|supplies|record|records|bill|bills|provider"
    "|staff|school|exam|plaza|practice|device|waste|alarm|alert|leave|condition|history|issue|issues)"
)
CALL_TYPE: tuple[str, ...] = (
    f"{_REPORTED} (a|an) medical",
    f"~{_REPORTED} (a|an) medical {_MED_PLACE}",
    "(responded|respond|responding|responds) to (his|her|their) medical",
    f"~(responded|respond|responding|responds) to (his|her|their) medical {_MED_PLACE}",
)

# An ambulance unit: "M1", "M-2", "A 2", "P15" (the unit list and its dispositions).
_SENT = (
    "(dispatched|responding|responded|transported|transporting|transports|enroute|en route|on scene"
    "|requested|cleared|arrived|transport|xported)"
)
_MOVED = "(responding|responded|transported|transporting|transports|enroute|en route|xported)"
_PATIENTS = "(one|1|two|2|three|3|both|the patient|the patients|patient|patients|the pt|pt)"
AMBULANCE_UNIT: tuple[str, ...] = (
    f"m# {_SENT}", f"m # {_SENT}",
    # A-n and P-n only when they move or transport ("Evidence Technician A2 requested" is no ambulance)
    f"(a|p)# {_MOVED}", f"(a|p) # {_MOVED}",
    "m#(,|) (and|&) (car*|sgt*|officer)",
    f"transported {_PATIENTS} to",
    f"(m|a|p|medic|med|amb|ambulance)(#|) (#|) transported {_PATIENTS} to",
    # an ambulance held back is no ambulance sent
    "~(m|a|p|medic|med|amb|ambulance)(#|) (#|) (to remain|remain|remains|remained|to stay|stay|stays"
    "|staying|stayed) in quarters",
    "~(medic|med|amb|ambulance) # (to remain|remain|remains|remained|to stay|stay|stays|stayed) in quarters",
)

DEATH_NOTICE: tuple[str, ...] = (
    "death notification", "death notifications", "next kin",
    # the medical examiner called to a death ("CPAC and ME notified"; the pronoun "me" is kept out
    # by the word before: "told me responding units" stays quiet)
    "(and|the) (me|m.e.) (notified|was notified|were notified|responded|responding|en route|enroute"
    "|arrived)",
    # a patient who refused care was seen by the crew (NEMSIS v3.5 eDisposition.12 "Patient Refused
    # Evaluation/Care"); "signed refusal" alone is left out (a breath test is refused too)
    "(patient|pt) (refusal|refusals|refused transport|refused treatment)",
    "refusal (of|for) (transport|treatment|care|ems|medical)",
    "(natural|unattended|undetermined) (death|deaths|doa)",
    # whether a person was admitted is a hospital admission asked about (round 11 R2: hedged); a
    # person "just sick" is EMD's sick person (protocol 26)
    "(admitted|readmitted) in (the|a|an|) (hospital|icu|intensive care|emergency room|er)",
    "(is|was|are|were) (just|only|still|too) sick", "~(is|was|are|were) (just|only|still|too) sick (of|and)",
)

_COMP = "(comp|compl|complt|complainant|the comp|the compl|the complainant|victim|the victim)"
_NOT_CARE = (
    "station|police station|district|precinct|substation|headquarters|jail|shelter|home|residence|court"
    "|detention|bus station"
)
_HIT = "(hit|hits|hitting|struck|strikes|striking|beat|beating)"
_THING = (
    "(bottle|glass|brick|rock|rocks|stick|bat|pipe|hammer|object|chair|belt|board|gun|handgun|pistol"
    "|firearm|weapon|knife|phone|cell phone|tool|pole|shovel|crowbar|tire iron|iron|bar|club|lamp|mug"
    "|skillet|pan|plate|cup|can)"
)
_EFFECT = (
    "(pain|physical pain|minor pain|severe pain|swelling|redness|bruising|bruises|a bruise|bruise"
    "|bleeding|a laceration|lacerations|abrasions|an abrasion|a cut|cuts)"
)
OFFENSE_SHORTHAND: tuple[str, ...] = (
    f"(causing|caused|causes|resulting in) {_EFFECT}",
    f"(causing|caused|causes) (him|her|them|{_COMP[1:-1]}) {_EFFECT}",
    f"(causing|caused|causes) {_EFFECT[:-1]}) (and|&) {_EFFECT}",
    # pain from handcuffs too tight is no injury (round 10 R6)
    f"~(tight|tightly) (and|) (causing|caused|causes) (him|her|them|) {_EFFECT}",
    f"~(tight|tightly), (causing|caused|causes) (him|her|them|) {_EFFECT}",
    f"{_HIT} {_COMP} (*|) (*|) (*|) (with|w|w/|using) (a|an|the|his|her|their|) {ADJ} {_THING}",
    # a vehicle: no word between ("STRUCK COMPS VEHICLE WITH HIS VEHICLE" is a crash of two cars)
    f"{_HIT} {_COMP} (with|w|w/|using) (a|an|the|his|her|their|) (motor vehicle|motor veh"
    "|veh|vehicle|mv|car|truck)",
    "(pushed|shoved|threw|thrown|forced|kicked|tossed) (him|her|them|" + _COMP[1:-1] + ") out of (the|a"
    "|his|her|their|a moving|the moving|) (vehicle|veh|car|truck|suv|van|moving vehicle)",
    # a person dragged, not a thing ("trash cans were dragged across the street")
    "(he|she|they|i|comp|compl|complainant|victim|male|female|man|woman|pedestrian|officer|child|driver)"
    " (was|were|got|being|been) dragged (for|along|by|down|across|approximately|about|several|a few|#)",
    "(and|then) (was|got) dragged (for|along|by|down|across|approximately|about|several|a few|#)",
    "(w/o|without|not|never|failed to|failing to|fail to) (*|) (*|) (*|) (or|and|nor|) (rendering|render"
    "|rendered) aid",
    # serious bodily injury as Dallas MO lines abbreviate it (Texas Penal Code 1.07(a)(46)); "SBI"
    # alone is also a state bureau of investigation, so only with the verb
    "(causing|caused|causes|resulting in|suffered|sustained|sustaining) (sbi|s.b.i.)",
    # a complainant or victim transported: the one an offense report sends away is sent to care
    # (the arrested person is "A/P", taken to jail), as "TRANSPORTED TO PARKLAND" (Dallas County's
    # public hospital) tells it without naming a hospital
    f"{_COMP} (was|were|) (transported|xported|transport) (to|by|via)",
    f"(transported|xported|transporting) {_COMP}",
    # to a station, a shelter or home is a ride, not care
    f"~{_COMP} (was|were|) (transported|xported|transport) to (the|a|his|her|their|) ({_NOT_CARE})",
    f"~(transported|xported|transporting) {_COMP} to (the|a|his|her|their|) ({_NOT_CARE})",
    # a complainant bitten or scratched (ICD-10-CM W50.3, S00-T14 superficial injury, as phase 10's
    # SKIN family tells it for other persons)
    f"(bit|bitten|scratched) {_COMP} (on|in|across)",
    "(fired|firing|fires|shot) (several|multiple|numerous|a few|two|three|four|#|) (gunshots|gun shots"
    "|shots|rounds) at (a|an|the|) (man|woman|male|female|person|boy|girl|victim|victims|him|her|them)",
)

# Look-alikes for the medical flag (and, where the injury flag holds the same word, for it too).
_LOC_BEFORE = (
    "(the|listed|fled|left|leaving|leave|entered|entering|enter|arrived|arriving|departed|exited"
    "|exiting|approached|approaching|same|into|unto)"
)
_ANIMAL = (
    "(wild|stray|baby|) (animal|animals|dog|dogs|puppy|cat|cats|kitten|bird|birds|owl|hawk|deer|fox"
    "|raccoon|coyote|turtle|goose|geese|duck|ducks|swan|squirrel|skunk|opossum|rabbit|horse)"
)
_PROPERTY = (
    "(window|windows|windshield|vehicle|vehicles|veh|vehs|car|cars|house|residence|resd|home|door"
    "|tire|tires|building|apartment|apt|garage|fence|business|bus)"
)
_SHOT_AT_THINGS: tuple[str, ...] = (
    # literal starts: at one position the vocabulary's trie tries a literal prefix before a group
    "~shot in the air", "~shots in the air", "~shot (*|) (*|) into the air", "~shot up in the air",
    "~(shooting|shoots|fired|firing|fires) (*|) (*|) (in|into) the air",
    # a thing that holds no person when shot; a car or a house only with no verb before "shot"
    # ("COMPS VEHICLE SHOT UP"), as "the suspect vehicle shot at the victim" is a drive-by
    "~(window|windows|windshield|tire|tires|door|fence|garage|wall) (was|were|got|) shot (by|with|at|up"
    "|out)",
    f"~{_PROPERTY} shot (by|up)",
)
NOT_INJURY: tuple[str, ...] = (
    *_SHOT_AT_THINGS,
    "~(was|is|were|) (burnt|burned) (toast|food|popcorn|bread|bacon|pizza|rice)",
    f"~(injured|hurt|wounded|sick|dead) {_ANIMAL}",
    f"~(with|reporting|for|of) (an|a|the) (injured|hurt|wounded|sick) {_ANIMAL}",
    f"~{_ANIMAL} (was|got|) (just|) (hit|struck) by (a|the|) (car|vehicle|truck|motor vehicle)",
    "!w/out (any|) (injury|injuries|inj|pi|personal injury)",
    # round 10's complaints: bloodshot eyes are a sign of intoxication (NHTSA's DWI detection cues), a
    # threat to slit a throat is no wound (as "threatened to cut"), a tire stabbed is property
    "~had blood shot", "~blood shot (red|eyes)", "~had bloodshot",
    "~(threatened|threatening|threatens|threaten|threats|threat) to (slit|cut|slash) (his|her|their|your"
    "|my|the) throat",
    *(f"~{verb} (his|her|their|the|a|) (tire|tires)" for verb in ("stabbing", "stabbed", "stab", "stabs")),
)
NOT_MEDICAL: tuple[str, ...] = (
    *NOT_INJURY,
    f"~{_LOC_BEFORE} loc", "~in to the loc",
    "~(e|l|s|m|a|t)#(,|) (and|) (c1|c2|c3)",
    *(
        f"~{verb} (a|an|the|) (brick|bricks|rock|rocks|stone|stones|bottle|object|chair|ball) through"
        " (a|an|the|his|her|their|) (*|) (window|windows|glass|glass door|windshield|windshields|door"
        "|plate glass)"
        for verb in ("threw", "thrown", "throwing", "tossed", "throws")
    ),
)

PHASE11: dict[str, tuple[str, ...]] = {
    "APCO-IT": (*CALL_TYPE, *NOT_MEDICAL),
    "NEMSIS-DISP": (*AMBULANCE_UNIT, *DEATH_NOTICE),
    "STATE-PC": OFFENSE_SHORTHAND,
}
