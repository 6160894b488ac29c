"""Injury: any physical injury (cuts, bleeding, broken bones, bruises, struck by a vehicle).

The first tuple is the vocabulary as it stood before issue #17; ADDED holds what issue #17 added, by
source (tags: service.screening.vocab's list; EVAL-DEV marks kinds read in the dev half of the
real-text evaluation set).
"""

from __future__ import annotations

from service.screening.vocab.injury_dx import DIAGNOSES, SELF_HARM, STRUCK, STRUCK_IN
from service.screening.vocab.injury_notes import KILLED, PSYCH_INJURY
from service.screening.vocab.medical_calls import _WHO
from service.screening.vocab.medical_complaints import NOT_INJURY
from service.screening.vocab.medical_custody import NOT_INJURY as CUSTODY_NOT_INJURY
from service.screening.vocab.medical_dispatch import NOT_INJURY as DISPATCH_NOT_INJURY
from service.screening.vocab.medical_scenes import NON_INJURY_CRASH
from service.screening.vocab.shared import ADJ, BODY, DET, PRON, REL, SELF

__all__ = ["ADDED", "INJURY"]

_BEFORE = (
    "injur*", "injer*", "injred", "inj", "inj'd", "!uninjured", "!un injured", "hurt",
    f"~hurt* {PRON}", f"~hurt* {DET} {ADJ} {ADJ} {REL}", f"~hurt* {ADJ} {ADJ} {REL}", f"~hurt* {SELF}",
    f"~hurt* {SELF.replace(')(', ') (')}",
    f"hurt (his|her|their|my) {BODY}",
    "~(old|prior|previous|past|chronic) injur*",
    # a hazard named ("threat of injury"), not a person hurt
    "~(threat|threats|risk|risks|danger|fear) of (serious|bodily|) injur*",
    "bleed*", "bloody", "blood", "~blood (sugar|pressure|alcohol|test|work|draw|type|bank|drive)",
    "~(vomiting|throwing up|coughing up|coughing) blood",
    f"cut (on|to|across|above|below|in) (his|her|their|my|the|) {BODY}",
    "(a|has a|have a|got a|deep|small|big|bad|large|minor) cut",
    "cuts", f"cut (his|her|their|my) {BODY}", "lacerat*", "lac", "abrasion*", "road rash", "gash*",
    "bruis*", "swelling (to|on|in|around)", f"swollen {BODY}",
    "(eye|face|lip|lips|jaw|nose) (is|was|are) swollen",
    "black eye", "(scooter|bike|bicycle|motorcycle|moped|skateboard) (crash|accident|wreck)", "bloody nose",
    (
        f"(broken|broke|breaking|fractured|dislocated|sprained|twisted) (his|her|their|my|a|an|)"
        f" ({BODY[1:-1]}|bone|bones|collarbone|toe)"
    ),
    "fractur*", "dislocat*", "sprain*", "wound", "wounds", "wounded", "~wound up",
    "burns", "burned (his|her|their|my|him|her)", "(has|have|got|with) (a|) burn*",
    "hit (his|her|their|my) head", "bump (on|to) (his|her|their|the) (head|forehead)",
    "(hit|hitting|struck|bumped|banged) (his|her|their|my|the|) head", "head trauma",
    "(helmet|helmets) (is|was|got|) (cracked|broken|broke|split|smashed|shattered)",
    "(cracked|broke|broken|split|smashed|shattered) (his|her|their|my|the|a|) helmet*",
    f"{BODY} (is|was|looks|might be|may be|appears|could be) (broken|fractured|dislocated)",
    "(fell|fall|fallen) and (hurt|hit|injured|broke|cut|twisted)",
    "(hit|struck) by (a|an|the) (car|vehicle|truck|bus|train|bike|bicycle|motorcycle|van|suv)",
    "ped struck", "pedestrian struck", "auto ped", "dog bite", "bitten",
    "gsw", "gsws", "stab wound*", "stabbed", "shot in the", "(been|was|got|is|were|just) shot",
)

# Body parts that a cut is named by, beyond the shared list.
_PART = BODY[:-1] + "|thumb|thumbs|palm|forearm|forearms|shin|calf|thigh|scalp|ear|cheek|chin|wrists)"
# Where a person falls: the places EMD's falls protocol asks about (ground level, stairs, a height).
_FALL_PLACE = (
    "(floor|ground|stairs|steps|staircase|ice|bathroom|shower|tub|bathtub|garage|driveway|yard|sidewalk"
    "|street|road|parking lot|kitchen|bedroom|hallway|porch|deck|curb|bed|toilet|chair|wheelchair|ladder"
    "|roof|store|floor at|ground at|black ice|stairwell|bus)"
)

# What strikes a person when a gun is fired ("fired a weapon striking the victim").
_FIRED = (
    "(discharged|fired|firing|shot|shots|round|rounds|bullet|bullets|gunfire|weapon|gun|firearm|handgun"
    "|pistol|rifle|shotgun)"
)
# Limbs and back, whose pain after a fall or a blow is an injury; chest, head and belly pain are medical.
_LIMB = "(arm|arms|leg|legs|knee|ankle|wrist|foot|neck|shoulder|rib|ribs|jaw|back)"
ADDED: dict[str, tuple[str, ...]] = {
    # Dispatch reasons for trauma: traumatic injury, hemorrhage/laceration, stab/gunshot wound.
    "NEMSIS": (
        "trauma", "traumatic", "penetrating", "~(no|minimal|minor) trauma", "hematoma", "contusion*",
        "(gunshot|gun shot|stab|stabbing|puncture) (wound|wounds|victim|vic)",
    ),
    # INJ/INJS, PI (personal injury accident), MVA/MVC with injuries, auto-ped.
    "CAD-ABBR": (
        *NON_INJURY_CRASH,
        "injs", "inj's", "(pi|personal injury) (accident|crash|collision|tc|mva|mvc)", "pia", "pi tc",
        "(veh|vehicle|car|auto|truck|bus|suv) (vs|vs.|versus) (ped|pedestrian|bike|bicycle|bicyclist|cyclist"
        "|motorcycle|motorcyclist|person|child|kid)",
        # A person thrown from a vehicle (objects are thrown from cars too: "anything thrown from the car").
        (
            f"({_WHO[1:-1]}|occupant|occupants|passengers|motorcyclist|cyclist|victim|victims|yof|yom) (was"
            "|were|got|been|had been|) (thrown|ejected) (from|out of|off) (the|a|an|his|her"
            "|their|) (vehicle|car|truck|motorcycle|bike|veh|atv|horse|boat)"
        ),
        "ejected",
    ),
    # "non-life-threatening injuries" and "no major injuries" tell of injuries: their own cue is read
    # as part of the phrase, not as a denial; a blow or a cut with a word between.
    "EVAL-DEV": (
        "non (life|) threatening (injury|injuries|inj|wounds|wound)",
        (
            "(no|not|without|not any|any|not have any|not sustain any|not suffer any) (major|serious"
            "|significant"
            "|life threatening|obvious) (injury|injuries|inj)"
        ),
        "(possibly|poss|probably|prob|maybe|likely) (broken|fractured|dislocated|sprained)",
        "(was|were|been|got|is|being|get|gets) (cut|stabbed|slashed|sliced|bitten|burned|burnt|shot)",
        # property cut, slashed or burned (NIBRS 290 destruction / damage / vandalism of property): a
        # lock, a fence, a tire is not a wound (round 8, tuned on)
        "~(lock|locks|padlock|chain|cable|cables|wire|wires|fence|screen|screens|hose|strap|straps|rope|cord"
        "|cords|tire|tires|tyre|tyres|seat|seats|top|roof|bag|line|lines|pipe|pipes) (was|were|been|got|is"
        "|being) (cut|slashed|sliced|burned|burnt)",
        "bump (on|to) (the|his|her|their|) (head|forehead)",
        "(bleeding|blood) from (the|his|her|their|) *",
        "~injur* (animal|dog|cat|deer|bird|wildlife|raccoon|horse)",
        # Falls, pain in a body part, self-inflicted wounds, doubt about injury: injuries (EMS), which
        # the corpus's labels keep apart from medical emergencies.
        (
            "(he|she|pt|patient|male|female|man|woman|yom|yof|person|subj|party|resident|elderly|mom|dad"
            "|mother|father|husband|wife|child|juv|juvenile|lady|guy|someone|somebody|rider|driver) (fell"
            "|has fallen|had a fall|fallen|tripped|slipped)"
        ),
        "(fell|fall|falls|falling) (off|from|down|out of|ifo|in front of)",
        "(trip|slip|tripped|slipped) and (fall|fell)", "fallen (lift|and)",
        "(motorcyclist|cyclist|bicyclist|rider|ped|pedestrian) (down|struck|hit)",
        f"(pain|pains) (in|to|on) (his|her|their|the|my|both|) {_LIMB}", f"{_LIMB} (pain|pains)",
        f"~{_LIMB} pain from (a|an|his|her|their|) (old|prior|previous|past|chronic) *",
        f"(shot|stabbed|cut|cutting|slit|slashed|slashing) {SELF}",
        (
            "(punched|kicked|hit|struck|stomped|pistol whipped|beaten|kneed|headbutted) (in|on) (the|his|her"
            "|their|) (face|head|throat|neck|eye|mouth|nose|jaw)"
        ),
        "(bleach|chemical|chemicals|acid|pepper spray|mace|gasoline) in (his|her|their|my|the|) (eye|eyes)",
        (
            "(unk|unkn|unknown|not sure|unsure|no idea|can't tell|cant tell) (if|whether) (he|she|they|pt"
            "|patient|subj|male|female|the male|the female|victim|vic|person|anyone|anybody|someone|) (is|was"
            "|are|were|) (injured|hurt|hit|shot|struck|stabbed)"
        ),
        (
            "(hit|struck) by (a|an|the) (fleeing|passing|moving|speeding|hit and run|white|black|red|blue"
            "|silver|gray|grey|green|dark|small|large|) (car|vehicle|truck|bus|train|bike|bicycle|motorcycle"
            "|van|suv|veh)"
        ),
    ),
    # Superficial injuries (ICD-10-CM S00-T14: abrasions, scratches) and wounds named by where they
    # are ("shot in foot").
    "ICD-10-CM": (
        f"(shot|stabbed|cut) in (his|her|their|the|) {BODY}",
        # Open wounds of the wrist, hand and fingers (S51, S61) named by the cut itself, and foreign
        # bodies lodged in the body (T15-T19, W45).
        f"cut (his|her|their|my|a|the|) {_PART} (with|on|while|open|badly)",
        "(cut|slit|slashed|slashing|cutting) (his|her|their|my|) (wrists|throat|forearms)",
        (
            "(fish hook|fishhook|hook|nail|splinter|glass|shrapnel) (in|stuck in|lodged in|embedded in"
            f"|through) (his|her|their|the|my|) (back of|side of|) (the|his|her|) {BODY}"
        ),
        "impaled", "foreign (body|object) (in|stuck|lodged)",
        f"(scratch|scratches|scratched) (on|to) (his|her|their|my|the|) {BODY}",
        "(a|has a|have a|with a|got a) scratch (on|to)",
        "(physical|visible|apparent|bodily) (injury|injuries|inj)", "physically injured",
    ),
    # Read in round 1's misses: a knot on the head; beaten (not threatened with a beating), sprayed or
    # tased; kicked or punched in the body.
    "EVAL-R1": (
        "(knot|knots|lump|lumps|goose egg) on (the|his|her|their|) (head|forehead)",
        "(got|get|been|was|were|getting|is) (beat|beaten) up", "(beat|beaten) up by",
        "(got|get|been|was|were|getting) the (hell|crap|shit|snot|life) (beat|beaten|knocked) out of",
        "(got|get|been|was|were|getting|is) (pepper sprayed|maced|tased|tazed|bear sprayed)",
        (
            "(punched|kicked|hit|struck|stomped|kneed|elbowed) (in|on) (the|his|her|their|) (stomach|belly"
            "|abdomen|ribs|side|chest|groin|back|kidney|kidneys)"
        ),
    ),
    # Round 5: the NHTSA-EMD falls protocol asks where and from what a person fell (ground level,
    # stairs, a height): a fall at a named place is a fall, however the sentence names the person.
    "NHTSA-EMD": (
        f"(fell|fallen|falling|slipped|tripped) (on|in|onto|into|down|at|off|from|out of) (the|a|an|his"
        f"|her|their|some|) {_FALL_PLACE}",
        # Round 5's last pass (round 3's test half, after measuring it): a fall told by when it
        # happened or what came after, a fall by an age and sex code ("72YOM FALL"), a joint out of
        # place (S43, S83 dislocations), a body part that hurts or is caught in something.
        "(fell|fallen) (last night|yesterday|earlier|this morning|today|again|backwards)",
        "(fell|fallen) and (can't|cant|cannot|is|was|hit|hurt|now)",
        "(after|from|due to|following) (a|her|his|their|the) fall",
        "(1|2|3|4|5|6|7|8|9)#(yom|yof|yo|yoa) (fall|falls|fell|fallen)",
        f"{_PART} (is|was|popped|went|came|) out of (place|socket|joint)",
        f"{_PART} (is|are|was|were|) (hurting|sore|swollen|numb)",
        f"{_PART} (is|was|got|) (stuck|caught|trapped|jammed|pinned) (in|between|under)",
    ),
    # NIBRS 13A aggravated assault by data element 13's weapons: a person shot, stabbed or cut (the
    # wound named by what was done to whom), or struck by a round fired; a threat to cut someone
    # ("threatened to cut him") is not a wound.
    "NIBRS": (
        f"(shot|stabbed|slashed) {PRON}", f"(shot|stabbed|slashed) {DET} {ADJ} {ADJ} {REL}",
        f"(shot|stabbed|slashed) {ADJ} {REL}",
        f"cut {DET} {ADJ} {ADJ} {REL} (with|in|on|across|#|several|multiple|two|three|twice)",
        f"cut {ADJ} {REL} (with|in|on|across|#|several|multiple|two|three|twice)",
        "~(to|gonna|will|would|going to|threatened to|threatening to|threatens to) (cut|slash|stab|shoot)",
        f"{_FIRED} (and|) (striking|struck|hitting|hit) {PRON}",
        f"{_FIRED} (and|) (striking|struck|hitting|hit) {DET} {ADJ} {ADJ} {REL}",
    ),
}

# Phase 5 (round 6's test half, tuned on): injury_dx.py's kinds.
ADDED["NEISS-DX"] = DIAGNOSES
ADDED["NIBRS"] = (*ADDED["NIBRS"], *STRUCK, *STRUCK_IN)
ADDED["ICD-10-CM"] = (*ADDED["ICD-10-CM"], *SELF_HARM)
# Phase 6 (round 7's test half, tuned on): killings and woundings in report prose, and post-traumatic
# stress or a feared suicide that are no injury (injury_notes.py).
ADDED["NIBRS"] = (*ADDED["NIBRS"], *KILLED)
ADDED["ICD-10-CM"] = (*ADDED["ICD-10-CM"], *PSYCH_INJURY)
# Phase 9 (round 10's test half, tuned on): an assault named by its means is no injury stated
# (medical_complaints.py).
ADDED["STATE-PC"] = (*ADDED.get("STATE-PC", ()), *NOT_INJURY)
# Phase 11 (round 11's test half, tuned on): animals, burnt food, gunfire at things, "w/out injury"
# (medical_dispatch.py).
ADDED["APCO-IT"] = (*ADDED.get("APCO-IT", ()), *DISPATCH_NOT_INJURY)
# Phase 12 (round 12's test half, tuned on): crashes with no one hurt, "cut off", pets (medical_custody.py).
ADDED["MMUCC"] = (*ADDED.get("MMUCC", ()), *CUSTODY_NOT_INJURY)

INJURY = (*_BEFORE, *(p for phrases in ADDED.values() for p in phrases))
