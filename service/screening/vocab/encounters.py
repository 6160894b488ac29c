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
    "(fired|firing|fires) (#|one|two|three|four|five|several|multiple|numerous|a few|more|) (times"
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

ADDED_WEAPON: dict[str, tuple[str, ...]] = {
    "R4-GUIDE": _GUNFIRE,
    "NIBRS": _VEHICLE_AS_WEAPON,
}

ADDED_VIOLENCE: dict[str, tuple[str, ...]] = {
    # Police gunfire is violence hedged with no stated target, present on a person (round-4 part-B
    # ruling R5; round 3 ruling 6); a vehicle driven at a person (NIBRS 13 code 35, LEOKA).
    "R4-GUIDE": (
        *_GUNFIRE,
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
        f"(turned|turns|turning|leveled|levelled|leveling|aimed|aiming|raised|raising) (his|her|their|the|a)"
        " (gun|guns|weapon|weapons|rifle|pistol|handgun|shotgun|firearm|knife) (on|at|toward|towards)"
        f" ({_LAW[1:-1]}|them|him|her|us)",
    ),
    # Intimidation (NIBRS 13C: putting a person in fear by threatening words): a threat received or
    # made, named in the singular ("reports receiving a threat"; "threats" is read already).
    "NIBRS": (
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

ENCOUNTER_WEAPON = tuple(p for phrases in ADDED_WEAPON.values() for p in phrases)
ENCOUNTER_VIOLENCE = tuple(p for phrases in ADDED_VIOLENCE.values() for p in phrases)
