"""Weapon and violence, phase 2 of issue #17's vocabulary tuning: police encounters and their
look-alikes, read in round 4's dev halves (police logs, campus logs, fatal-encounter narratives).
Each family names a kind of wording, from an offence or weapon definition or a round-4 labelling
ruling (service.screening.vocab lists the source tags), never one text's words.
"""

from __future__ import annotations

from service.screening.vocab.shared import PRON, REL

__all__ = ["ADDED_VIOLENCE", "ADDED_WEAPON", "ENCOUNTER_VIOLENCE", "ENCOUNTER_WEAPON"]

# Law officers as encounter narratives name them (FBI LEOKA: officers assaulted, by agency type).
_LAW = (
    "(officer|officers|deputy|deputies|trooper|troopers|police|policeman|policemen|agent|agents|sheriff"
    "|detective|detectives|sergeant|corporal|constable|marshal|marshals|guard|guards|cop|cops)"
)
# A gun fired, as news and police narratives phrase a discharge without naming the firearm.
_GUNFIRE = (
    "(opened|open|opens|opening) fire",
    "(returned|return|returns|returning|exchanged|exchanging|exchange) (gun|) fire",
    "(shootout|shootouts|shoot out|gunfight|gun fight|gun battle|firefight|exchange of gunfire)",
    "(fired|firing|fires) (#|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen"
    "|several|multiple|numerous|a few|more|) (times"
    "|shots|rounds|bullets|volleys)",
    "gunned down", "(fatally|mortally) (shot|shooting|shoots|wounded|wounding)",
    f"(the|an|one|two|three|several|) {_LAW} (shot|shoots|fired at|fired on|fired into|fired back|to fire"
    "|began firing|started firing|fired his|fired her|fired their|fired a|fired #)",
    f"(shot|shoots|shooting|fired|firing|fires) (at|back at|on|upon) (the|an|a|one|two|several|) {_LAW}",
    "(fire|fired|firing|shot|shots) into (the|a|his|her|their) (cab|car|vehicle|truck|suv|van|windshield)",
)
# A vehicle driven at a person (NIBRS data element 13, weapon/force code 35: motor vehicle/vessel;
# LEOKA counts officers assaulted with vehicles).
_VEHICLE_AS_WEAPON = (
    f"(drove|drive|drives|driving|accelerated|accelerating|sped|speeding|reversed|reversing|backed|backing"
    f"|steered) (*|) (at|toward|towards|into) (the|an|a|one|two|several|responding|) {_LAW}",
    f"(rammed|ramming|rams|ram) (into|) (the|a|an|one|two|several|his|their|) (*|) {_LAW} (car|cars"
    "|vehicle|vehicles|cruiser|cruisers|suv|suvs|truck|trucks)",
    "(rammed|ramming|rams|ram) (into|) (the|a|an|one|two|several|) (*|) (patrol|squad|police) (car|cars"
    "|vehicle|vehicles|cruiser|cruisers|suv|suvs)",
    "(rammed|ramming|rams|ram) (into|) (the|a|an|one|two|several|) (cruiser|cruisers)",
    f"(tried|trying|tries) to (hit|strike|run over|run down|ram) (the|an|one"
    f"|two|several|responding|) (*|) {_LAW} with (his|her|their|the|a) (car|vehicle|truck|suv|van)",
    f"(ran|run|runs|running) (into|over|down) (one|an|the|two|a) {_LAW}",
    "(drive|drove|driving|drives|sped|speeding|accelerated|pulled) (off|away)(,|) dragging",
    f"dragging (an|the|one|a) {_LAW}",
)

# Phase 3 (round 4's test halves, tuned on). A weapon pointed, raised or swung at officers (LEOKA:
# officers assaulted; round-4 part-B ruling R5: pointing at a named target raises violence).
_POINTED = (
    "(turned|turns|turning|leveled|levelled|leveling|aimed|aiming|raised|raising|pointed|pointing|points"
    "|moved|moving|swung|swinging|swings) (his|her|their|the|a|an) (*|) (gun|guns|weapon|weapons|rifle"
    "|pistol|handgun|shotgun|firearm|knife) (on|at|toward|towards|in the direction of) (the|an|a|one|two"
    f"|several|) ({_LAW[1:-1]}|them|him|her|us)",
)
# A person named by a redaction mark ("[NAME]", as published narratives and logs redact names) is a
# person: a violent act done to "[NAME]" reads as one done to "him" (round-4 guide: [NAME] marks a name).
_NAMED = "([name]|[name]'s)"
# Blows to "[NAME]"; "hit", "struck" and "killing" are left out, as crash narratives use them of a
# car that hit a person ("the SUV that struck [NAME]", "the cars collided, killing [NAME]").
_HURT_NAMED = (
    "(punched|punching|kicked|kicking|stabbed|stabbing|slashed|slapped|choked|choking|strangled|strangling"
    "|beat|beating|assaulted|assaulting|attacked|attacking|tackled|shoved|pistol whipped|bit|pepper"
    f" sprayed|maced|swung at|swings at|swinging at|lunged at|lunging at|charged at) {_NAMED}",
)
_SHOT_NAMED = (
    f"(shot|shoots|shooting|shot at|fired at|firing at|fired on|firing on|fire on|fired upon|tased|tasered"
    f"|tazed|pepper sprayed) {_NAMED}",
    "(fired|firing|fires) on (him|her|them)",
    # A person shot, told with the attribution news narratives use ("was reportedly shot": round-4
    # guide, part B: descriptions are often attributed) or counted ("shot several times").
    "(was|were|been|being|got) (reportedly|allegedly|apparently|then|later|also|repeatedly|eventually"
    "|ultimately) shot",
    "shot (#|two|three|four|five|six|seven|eight|nine|ten|several|multiple|numerous|many) times",
    # Police gunfire told without a firearm word (round 3 ruling 6; part-B ruling R5).
    "(shot|shoot|shoots|shooting) it out with",
    "(fired|firing|fires) (and|,) (killed|killing|kills|struck|striking|wounded|wounding|hit|hitting)",
    "(fired|firing|fires|shot|shoots) in self (defense|defence)",
    "(single|fatal|lethal|multiple|several) (shot|shots|gunshot|gunshots) to (the|his|her"
    "|their) (head|chest|back|neck|abdomen|torso|face|stomach|side)",
    "(fired|firing|fires|discharged|discharging|emptied) (his|her|their) (service|) (weapon|weapons"
    "|firearm|firearms|gun|guns|pistol|pistols|handgun|handguns|rifle|rifles)",
)
# A motor vehicle used on a person (NIBRS data element 13, weapon/force code 35; aggravated assault
# with a vehicle): a person struck, hit or run over with a car on purpose (a car that hits a person
# by accident is a crash, not a weapon).
_VEHICLE_ON_PERSON = (
    # ("attempted to" apart and short: the patterns starting with "a" are near PCRE2's size limit)
    "(attempted|attempting) to (strike|hit|run over|ram) (*|) with (a|his|her|their|the) (vehicle|car|truck"
    "|suv|van|pickup)",
    "(tried to|trying to|tries to|intentionally"
    "|deliberately|purposely|purposefully|willfully) (strike|struck|striking|strikes|hit|hitting|hits"
    f"|run over|ran over|running over|runs over|ram|rammed|ramming) ({PRON[1:-1]}|{_NAMED[1:-1]}|his"
    "|a person|the person|a pedestrian|the pedestrian|the victim"
    "|a victim|an officer|the officer|a man|a woman|the man|the woman) with (his|her|their|a|the|an) (*|)"
    " (vehicle|car|truck|suv|van|pickup|motor vehicle)",
)
# Hard objects thrown that struck a person, or swung (round-4 part-A ruling R8: struck with a hard
# object); missiles propelled (Pennsylvania 18 Pa.C.S. 2707, propulsion of missiles into an occupied
# vehicle or onto a roadway, an offence named in Pittsburgh's police blotter).
_HARD_OBJECTS = (
    "(threw|throws|throwing|thrown|hurled|hurling|tossed|tossing) (a|an|the|) (*|) (rock|rocks|brick|bricks"
    "|stone|stones|bottle|bottles|chunk of concrete|piece of concrete|cinder block) (and|that|which)"
    " (struck|hit|hits|strikes|striking|hitting)",
    "propulsion of (a|) (missile|missiles)",
    "with (a|an|the|his|her|their) (metal|iron|steel|wooden|wood) (rod|bar|pole|stick|club|post)",
)
# Police force to control a subject (part-B ruling R2: hedged violence): a stun device, chemical
# spray or neck restraint used on a person (the conducted energy weapon and OC spray of police
# use-of-force reporting; the FBI National Use-of-Force Data Collection names these force types).
_FORCE_USED = (
    "(used|uses|using|deployed|deploying|deploys) (a|an|his|her|their|the|) (taser|tasers|stun gun"
    "|stun guns|electronic control device|electronic control weapon|conducted energy weapon|conducted"
    " energy device|pepper spray|oc spray|chemical spray|chemical agent|chemical agents|tear gas) (on|to"
    " subdue|to restrain|to control|against|and)",
    "(was|were|being|been|got|get|getting) (tasered|tased|tazed|tazered|stunned|pepper sprayed)",
    "(tasered|tased|tazed|tazered|stunned) (by|with)",
    "(neck hold|neck holds|neck restraint|chokehold|chokeholds|choke hold|choke holds|carotid hold"
    "|carotid restraint|vascular neck restraint|sleeper hold)",
)
# Look-alikes read in round 4's test halves: attacks that are illnesses (ICD-10-CM F41.0 panic
# disorder, J45 asthma, I21 heart attack), a suicide by gunshot (self-harm is not violence: round-1
# guide), a person pushed in a wheelchair (part-A ruling R3: mobility aids), a crash called violent.
_LOOK_ALIKES = (
    "~(panic|anxiety|asthma|asthmatic|heart|gout|sickle cell) (attack|attacks)",
    "~(suicide|suicide attempt|attempted suicide|self inflicted|self) (by|with a|with|) (gun shot|gunshot"
    "|gun shots|gunshots|gsw)",
    "~(pushed|pushing|pushes|push|being pushed|was pushed|is pushed) (in|into|around in) (a|an|the|his|her"
    "|their) (wheel chair|wheelchair|stroller|cart|carriage|chair)",
    "~violent (collision|collisions|crash|crashes|impact|impacts|wreck|rollover|storm|storms)",
    # Self-harm is not violence (round-1 guide): a stab wound a person gave themself (the knife stays
    # a weapon); a door forced open (a forcible entry, NIBRS 220: property, not a person).
    "~(stabbed|stabbing|stabs) (himself|herself|themselves|themself|myself|yourself|self)",
    "~(battered|battering) (the|a|his|her|their|an) (door|doors|gate|window|wall) (open|down|in)",
)

ADDED_WEAPON: dict[str, tuple[str, ...]] = {
    "R4-GUIDE": (*_GUNFIRE, *_SHOT_NAMED),
    "NIBRS": (*_VEHICLE_AS_WEAPON, *_VEHICLE_ON_PERSON),
    "STATE-PC": _HARD_OBJECTS,
}

ADDED_VIOLENCE: dict[str, tuple[str, ...]] = {
    # Police gunfire is violence hedged with no stated target, present on a person (round-4 part-B
    # ruling R5; round 3 ruling 6); a vehicle driven at a person (NIBRS 13 code 35, LEOKA).
    "R4-GUIDE": (
        *_GUNFIRE, *_SHOT_NAMED, *_FORCE_USED, *_HURT_NAMED,
        f"killed by (a|an|the|) (*|) (*|) (*|) {_LAW}", f"{_LAW} (killed|kills)",
        "~killed by (a|an|the|) (police|patrol|squad|sheriff's) (car|vehicle|cruiser|suv|truck)",
        # A gun fired by accident (a hunting or handling accident) is not an attack on anyone.
        "~(accidentally|accidently|unintentionally|inadvertently) (shot|shoots|shooting|fired|discharged)",
        # Police force to control a subject (part-B ruling R2: hedged): a stun device used on someone.
        "(dry stun|drive stun|dry stunned|drive stunned)",
        f"(stunned|tased|tasered|restrained|restraining) ({PRON[1:-1]}|the subject|the suspect|the man"
        "|the woman) (with|using|after|and|while|)",
        # A subject coming at or turning a weapon on officers (LEOKA: officers assaulted).
        f"(charged|charging|advanced|advancing|lunged|lunging|rushed|rushing|came|coming) (at|toward"
        f"|towards) (the|an|a|one|two|) (*|) {_LAW}",
        f"(advanced|advancing) on (the|an|a|one|two|) (*|) {_LAW}",
        "(charged|charging|advanced|advancing|lunged|lunging|rushed|rushing|came|coming) at (them|him|her"
        "|us)",
        f"(approached|approaching|advanced on|advancing on|walked toward|walking toward|moved toward) (the|an"
        f"|a|one|two|) {_LAW} (with|holding|while holding|armed with|wielding)",
        *_POINTED,
    ),
    # Intimidation (NIBRS 13C: putting a person in fear by threatening words): a threat received or
    # made, named in the singular ("reports receiving a threat"; "threats" is read already).
    "NIBRS": (
        *_VEHICLE_ON_PERSON,
        "(received|receiving|receives|receive|rec'd|got|getting|made|making|makes|reported|reporting|reports)"
        " (a|another|one|an anonymous|a verbal|a written) threat",
        # ... not a threat to do something lawful (the same words violence.py lets pass after "threat to").
        "~(received|receiving|receives|receive|rec'd|got|getting|made|making|makes|reported|reporting"
        "|reports) (a|another|one|an anonymous|a verbal|a written) threat to (call|report|evict|leave|tow"
        "|press|get|take|have|file|go|quit|move|sell|post|sue|fire|cancel|close|stop|end|expose)",
    ),
    # Fighting officers (LEOKA; round-4 part-B ruling R3: force against officers is present).
    "LEOKA": (
        *_VEHICLE_AS_WEAPON,
        f"(struggle|struggled|struggling|scuffle|scuffled|scuffling|wrestled|wrestling|fought|tussle"
        f"|tussled|grappled|grappling) with (the|an|a|one|two|several|) (*|) {_LAW}",
        "(struggle|scuffle|fight|tussle|altercation|physical struggle) (ensued|ensues|broke out)",
        # Offensive contact by a liquid thrown at a person (battery: Texas Penal Code 22.01(a)(3)).
        "(threw|throws|throwing|thrown|tossed|tossing|splashed|splashing) (a|an|the|his|her|their|) (*|)"
        f" (water|liquid|drink|beverage|coffee|soda|beer|urine|bleach) (at|on|in the face of) (the|a|an|)"
        f" ({REL[1:-1]}|chaplain|clergy|priest|{_LAW[1:-1]})",
    ),
    # Look-alikes read in round 4's campus and city logs: an officer taking a report from someone
    # (report-writing, not a taking by force), dates written M/D that spell ten-codes (APCO 10-10,
    # 10-16), parked property struck (NIBRS 290 destruction/damage of property), a crash into a
    # fixed object (MMUCC 5th ed. C17 first harmful event: tree, pole, guardrail, fence, ...).
    "MMUCC": (
        "~(take|took|taking|takes|taken) (a|an|the|) (report|reports|statement|statements|complaint"
        "|complaints|information|info|details) from",
        "~(10 10|10 16|10 34) (#|#hrs|#hr|#h)",
        "~(struck|hit|hitting|hits|strikes|striking|damaged|keyed|scratched) (his|her|their|my|your|our"
        "|the|a|another) (*|) (vehicle|vehicles|car|cars|truck|suv|van|motorcycle|mailbox|door|doors)",
        "~(vehicle|car|truck|suv|van|cruiser|motorcycle) (was|were|got|had been|has been) (struck|hit"
        "|damaged|keyed|scratched) (while|when) (parked|unattended|unoccupied)",
        "~(hit|hits|struck|strikes|striking|hitting|into) (a|an|the) (tree|trees|pole|utility pole|light pole"
        "|telephone pole|guardrail|guard rail|fence|ditch|curb|sign|mailbox|wall|embankment|barrier|deer"
        "|parked car|parked vehicle|building|house|bridge|culvert|hydrant|fire hydrant)",
    ),
}

ADDED_VIOLENCE["ICD-10-CM"] = _LOOK_ALIKES

ENCOUNTER_WEAPON = tuple(p for phrases in ADDED_WEAPON.values() for p in phrases)
ENCOUNTER_VIOLENCE = tuple(p for phrases in ADDED_VIOLENCE.values() for p in phrases)
