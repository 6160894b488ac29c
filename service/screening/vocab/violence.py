"""Violence: physical violence or threats of it against a person, including robbery by force.
Violence against property alone (breaking windows, smashing things) is crime_in_progress.

The first tuple is the vocabulary as it stood before issue #17; ADDED holds what issue #17 added, by
source (tags: service.screening.vocab's list; EVAL-DEV marks kinds read in the dev half of the
real-text evaluation set).
"""

from __future__ import annotations

from service.screening.vocab.shared import (
    ADJ,
    BODY,
    DET,
    DONT,
    HURT_VERBS,
    NOT_WEAPON,
    PRON,
    REL,
    SELF,
    SHOT_PEOPLE,
)

__all__ = ["ADDED", "VIOLENCE"]

_HURT = HURT_VERBS.replace("|shoot|shooting|shot|", "|")
_SHOT = "sho(ot|oting|t)"

_BEFORE = (
    "violen*", "!non violent", "!nonviolent", "!non violence",
    "!verbal only", "!only verbal", "!just verbal", "!verbal argument", "!verbal dispute",
    "!verbal altercation", "!verbal disturbance",
    "assault*", "assualt*", "asault*", "aslt", "fight", "fights", "fighting", "fought", "fite", "fiting",
    "fist fight*", "fistfight*", "brawl*", "physical", "physically",
    "riot", "rioting", "melee", "rampage", "homicid*", "murder*", "hostage*", "kidnap*", "abduct*",
    "rape", "raped", "raping", "rapist", "molest*", "strangl*", "aggressive*", "agressive*", "aggresive*",
    "hostile", "combative", "belligerent", "menacing", "making threats", "threats", "threatening behavior",
    "robbery", "robberies", "robbing", "robbed", "mugg*", "carjack*", "armed robbery",
    "shooting", "shots fired", "shots", "gunshot*", "gunfire", "stabbing", "stabbed", "gsw",
    "(with|w/|c/o|endorses|endorsing|positive for|pos) hi", "si/hi", "hi/si", "si and hi", "si or hi",
    "s/i h/i", f"{_HURT} {PRON}", f"{_HURT} {DET} {ADJ} {ADJ} {REL}", f"{_HURT} {ADJ} {ADJ} {REL}",
    # The same for "shoot", "shooting" and "shot", written as one word with its endings so that each
    # phrase is one pattern, not three (PCRE2's size limit on the patterns that start with "sho").
    f"{_SHOT} {PRON}", f"{_SHOT} {DET} {ADJ} {ADJ} {REL}", f"{_SHOT} {ADJ} {ADJ} {REL}",
    "beat* up", "get off (me|her|him)", "shoving", "shoving match", "pushing and shoving",
    "(pointing|pointed|aiming|aimed|points) (it|a gun|the gun|a weapon|the weapon) at",
    "(thrown|slammed|shoved|pushed) (against|into) (the|a) (wall|floor|ground|door|window|table|car)",
    "(slammed|smashed|bashed) (his|her|their|my|) head",
    (
        "(come back|coming back|comes back|return|returning) with (a|his|her|the) (gun|weapon|knife|rifle"
        "|friends)"
    ),
    # Describing words allowed ("pulled a semi-automatic handgun").
    "(pulled|pulls|pulling) (out|) (a|his|her|the) (*|) (*|) (gun|knife|weapon|pistol|blade|machete|handgun"
    "|rifle)",
    "(firing|fired|fires) (into|at|shots|a gun|rounds)",
    "(going to|gonna|will|threat* to|said he would|says he will) (burn|blow up|set fire to|torch|shoot up)",
    "shoot up (the|this|that|a) (place|school|building|office|store|party|house|church|bar|work)",
    f"(threw|throws|throwing|thrown) * (at|on) {PRON}",
    f"(threw|throws|throwing|thrown) * * (at|on) {PRON}",
    "hit in the (face|head|mouth|eye|nose|jaw|chest|stomach|back)",
    (
        "(been|being|was|got|get|getting) (hit|punched|kicked|slapped|beaten|beat up|assaulted|attacked"
        "|jumped|mugged|robbed|choked)"
    ),
    "(swing*|swung|throwing|threw|throws) (his|her|their|) (fists|fist|punches|hands)", "throwing hands",
    "(throw*|threw) (things|stuff|objects|rocks|bricks|stones|bottles|chairs|furniture|punches) at",
    "(threw|throws|throwing|thrown) (a|an|the|his|her) * at",
    "(brandish*|wav*|point*|aim*|swing*|swung) (a|an|the|his|her|their) * at",
    "~threat* (of|to commit) suicide", *NOT_WEAPON, f"~hurt (his|her|their|my) {BODY}",
    "~(hit|hitting|bumped|bumping|struck|strikes|striking|smacked|slammed|banged) (his|her|their|my) head",
    (
        "~(been|being|was|got|get|getting|hit) hit by (a|an|the) (car|vehicle|truck|bus|train|bike|bicycle"
        "|motorcycle|van|suv|ball)"
    ),
    "~physical* (disab*|therapy|handicap*|exam*|limitation*|health|injury|injuries|inj)",
    "~physically injured",
    "~physical* (description*|desc|build|appearance|characteristics|clothing|and clothing)",
)

ADDED: dict[str, tuple[str, ...]] = {
    # ABUSE (child or elder), ABDUCTF/ABDUCTNF (abduction by family or not).
    "APCO-IT": ("(child|elder) abuse", "abduction (family|non family)"),
    # 10-10 fight in progress, 10-34 riot, 10-16 domestic problem.
    "APCO-10": ("10 10", "10 34", "10 16"),
    # 240 assault, 242/243 battery, 245 assault with a deadly weapon, 211 robbery, 187 homicide,
    # 273.5 domestic violence, 417 brandishing, 422 criminal threats: in CAD contexts only.
    "CA-PC": (
        "(240|242|243|245|211|187|417|422)(pc|'d|d)", "273.5",
        (
            "(240|242|243|245|211|187|417|422) (pc|in progress|ip|just occurred|jo|report|rpt|vic|victim|susp"
            "|suspect|investigation|inv)"
        ),
        "(a|for|re|ref|poss|possible|of|rptd|reported|c2 for|c3 for) (240|242|243|245|211|187|417|422)",
    ),
    # ("A and B" spelled out only as a charge: complaint summaries letter people, "Officers A and B".)
    # A&B assault and battery, ABWIK, ADW, BATT, ASLT, DV, strong-arm robbery, "M VS F".
    "CAD-ABBR": (
        "a&b", "a & b", "(for|with|of) a and b", "abwik", "adw", "a d w", "awdw", "aslt*", "asltd", "batt",
        "dv", "d/v",
        "(assault|assault and|domestic|simple|aggravated|agg|sexual|felony|misdemeanor) battery",
        (
            "battery (on|against|of|to|with|between|report|victim|vic|suspect|susp|charge|charges|related"
            "|in progress|just occurred|occurred|investigation)"
        ),
        "battered", "strong arm*", "strongarm*", "robb", "hold up", "holdup", "held up",
        "(at|point) (gunpoint|knifepoint)", "gunpoint", "knifepoint",
        (
            "(male|female|man|woman|son|daughter|husband|wife|mom|mother|dad|father|brother|sister|boyfriend"
            "|girlfriend|bf|gf|baby father|baby daddy|baby mother|baby mama|neighbor|roommate|compl|rp|subj"
            "|juv|juvs|m|f|resident|tenant|customer|employee|inmate|patient) (vs|vs.|versus) (male|female|man"
            "|woman|son|daughter|husband|wife|mom|mother|dad|father|brother|sister|boyfriend|girlfriend|bf|gf"
            "|baby father|baby mother|neighbor|neighbors|roommate|compl|rp|subj|juv|juvs|m|f|resident|tenant"
            "|customer|employee|staff|inmate|patient|security|bouncer)"
        ),
        "mutual combat", "physical altercation*", "physical domestic",
        "(domestic|family) (disturbance|dispute|assault|fight|fighting|in progress|with injuries|w/ injuries"
        "|incident|problem|violence|abuse)",
        "(domestic|physical|sexual) abuse", "sexual assault*", "sex assault*",
    ),
    # Police phrasings: brandishing and pointing, threats cut off mid-sentence, beatings, robbery by
    # force, shots at or from a vehicle, being held down.
    "EVAL-DEV": (
        "brandish*", "(pointed|pointing|points|aimed|aiming|aims) (a|an|the|his|her|their|) (gun|handgun"
        "|pistol"
        "|rifle|shotgun|firearm|weapon|knife|taser|bb gun|revolver) at",
        "(waving|waved|waves|wielding|brandishing|swinging|pointing) (a|an|the|his|her|their|) (knife|gun"
        "|weapon"
        "|pistol|machete|bat|handgun|firearm|rifle|blade|hammer|axe|hatchet) (at|toward*)",
        "held (a|an|the|his|her) (gun|knife|weapon|pistol|firearm) (on|to|at)",
        "(pulled|pulls|pulling|drew|draws|drawing) (out|) (a|his|her|the|) (gun|knife|weapon|pistol|blade"
        "|machete"
        "|handgun|firearm|rifle)",
        "threat* to", "threaten* with", "(rec'd|received|made|making|sent|left|verbal|death"
        "|criminal) threat*",
        "bomb threat*",
        (
            # (arrest, jail, a ticket: an officer's lawful act threatened, no bodily harm, NIBRS 13C)
            "~threat* to (call|report|evict|leave|tow|press|get|take|have|file|go|quit|move|sell|post"
            "|tell"
            "|break up|cancel|fire|expose|stop|cut|turn|ban|trespass|contact|kick|throw away|divorce|not|pull"
            "|withhold|keep|put|send|text|call the police|call police|call 911|commit suicide|jump|drive"
            "|drink|run|walk"
            "|overdose|od|starve|arrest|jail|ticket|cite|impound)"
        ),
        (
            f"~threat* to (kill|hurt|harm|shoot|stab|cut|hang|end) {SELF}"
        ),
        "beat* (the hell|the crap|the shit|the snot|the life|) out of", f"beat* {REL} up", "(being|was"
        "|got) held down",
        "held (him|her|them|rp|compl|the victim|victim) down",
        "(punched|kicked|hit|struck|slapped|smacked|stabbed|shot|beaten|stomped|choked) in (the|his|her"
        "|their|) "
        "(face|head|throat|neck|mouth|eye|nose|jaw|chest|stomach|back|ribs|side|groin|arm|leg)",
        "(was|were|been|being|got|get|getting) (slapped|smacked|struck|shoved|pushed|strangled|stabbed|shot"
        "|battered|aslted|assualted|pistol whipped|beat|beaten|jumped)",
        (
            "~(was|were|been|being|got|get|getting) (struck|hit) by (a|an|the|another) (*|) (car|vehicle"
            "|truck|bus|train|bike|bicycle|motorcycle|van|suv|veh|fleeing|passing|moving|speeding"
            "|motor vehicle|motorist|semi|driver|pickup|taxi|cab|tractor|trailer|scooter)"
        ),
        "maced", "pepper sprayed", "bear sprayed", "tased", "tazed",
        "(threw|throws|throwing|thrown) (something|things|stuff|objects|items) at",
        "(large|physical|violent|major) disturbance", "disturbance (with|w/) (weapon|weapons|a weapon)",
        "(a|for|re|ref|poss|possible|of|there's a|theres a) 415",
         "415 (btwn|between|in progress|ip|fight|family)",
        "(screaming|yelling|crying|screams) (for help|help|stop)",
        "jumped by", "gun shot*", "~accidental* (gunshot|gun shot|shooting|discharge)*",
        "(shot|fired|firing|shooting|discharged|discharging) (a|the|his|her|) (gun|pistol|rifle|shotgun"
        "|handgun"
        "|firearm|weapon|round|rounds) (out|into|in|at|off|toward*)",
    ),
    # Disturbance and domestic disturbance calls: activity categories of officers assaulted in
    # LEOKA/NDEx ("Domestic Disturbance", "Responding to disturbance call", "Mentally deranged
    # assailant"); a disturbance with nothing said of whether it turned physical is hedged violence in
    # the labelling guide. Noise and verbal-only disturbances are not.
    "LEOKA": (
        "disturbance*", "disturbing (the|) peace", "domestic", "domestics", "dom dist*", "assailant*",
        "attacker*",
        "~(noise|noisy|music|loud music|loud|party|parking|animal|dog|barking|civil) disturbance*",
        "~disturbance (of|to) (the|) (soil|ground|property|vegetation)", "~domestic (animal|animals|flight"
        "|flights|travel|partner registration|water|wells|help|worker|workers|cat|cats|supplies)",
        "~verbal (domestic|domestics)",
        (
            "!(disturbance|domestic|415)(,|:|) (parties|party|subjects|both|all|both parties|) (verbal"
            "|verbal only)"
        ),
    ),
    # Offences against persons as NIBRS names them: intimidation (threats), kidnapping/abduction,
    # fondling, a scuffle, a home invasion; and the State of California's own section numbers in CAD
    # context: 148 resisting an officer, 207 kidnapping, 220 assault to commit rape, 236 false
    # imprisonment, 261 rape, 273d corporal punishment of a child, 288 lewd act with a child, 368
    # elder abuse, 415 disturbing the peace (a disturbance, hedged).
    "NIBRS": (
        "intimidation", "fondl*", "false imprisonment", "unlawful restraint", "scuffle*", "tussl*",
        "home invasion*",
    ),
    "CA-PC-2": (
        "(148|207|220|236|261|273d|288|368)(pc|'d|d)",
        "(148|207|220|236|261|273d|288|368) (pc|in progress|ip|just occurred|jo|report|rpt|vic|victim|susp"
        "|suspect|investigation|inv)",
        (
            "(a|for|re|ref|poss|possible|of|rptd|reported|c2 for|c3 for|there was a) (207|220|236|261|273d"
            "|288|368)"
        ),
        "(is|was|being|been|became|becoming|got|getting|after|after a|during|during a|continues to be|still)"
        " 415",
        "415 (w/|with|towards|toward|at|against|in|inside|outside|ifo)",
        "~415 (verbal|music|noise|loud music|party)",
        (
            "~(is|was|being|been|became|becoming|got|getting|after|after a|during|during a|continues to be"
            "|still) 415 (verbal|music|noise|loud music|party)"
        ),
        "resist*", "~resist* (the urge|temptation|temptations|the temptation)", "(fighting|fought|fights)"
        " (with|) (officers|officer|police|deputies|deputy|security)",
        # Detaining someone by force (236): "won't let her leave".
        f"({DONT[1:-1]}|won't|wont|will not|would not|wouldn't|not|refuses to|refused to|refusing to) let"
        f" ({PRON[1:-1]}"
        f"|{REL[1:-1]}) (leave|go|out)",
        f"(holding|held|keeping|kept) {PRON} (hostage|captive|against)",
    ),
    # Robbery as NIBRS defines it (taking from a person by force, threat of force or putting in fear;
    # offense 120): a taking done by force, a person forced or pulled out of a car (carjacking, CA PC
    # 215), a weapon implied in a demand, a robbery demand, property taken from a person (the guide:
    # hedged when no force is stated), a person bound; "battery" as an offence (NIBRS simple and
    # aggravated assault, CA PC 242); blows thrown (NIBRS personal weapons: hands, fists, feet);
    # people shot, by number, or shot with the result named.
    "NIBRS-ROB": (
        "forcibly (took|take|takes|taking|removed|remove|grabbed|snatched|stole|pulled)",
        (
            "(forced|pulled|dragged|yanked|ordered) (the|a|an|) (victim|victims|driver|drivers|owner|occupant"
            "|occupants|passenger|passengers|him|her|them|everyone) (from|out of|out from)"
        ),
        (
            "(implied|implying|implies|imply) (that|) (he|she|they|) (had|has|have|was|were|) (a|an|)"
            " (weapon|weapons|gun|guns|handgun|handguns|firearm|knife|armed)"
        ),
        "(weapon|weapons|gun|handgun|firearm|knife) (was|were|) implied",
        (
            "demand* (the|) (victim's|victims|his|her|their|) (property|money|cash|wallet|purse|phone"
            "|cell phone|cellphone|keys|car keys|car|vehicle|valuables|belongings|jacket|bag|backpack)"
        ),
        (
            "(took|taken|take|takes|taking|stole|snatched|grabbed) (*|) (*|) (*|) (*|) (*|) (*|) from"
            f" (a|an|the|#|two|three|four|both|another|) {REL}"
        ),
        # A taking named by whose it was ("took the victim's car"): from the person, not from a place.
        "(took|snatched|grabbed|yanked) (the|) (victim's|victims|vic's)",
        # A pursuit of a suspect (by officers, most often) is not an attack on the suspect.
        "~(chasing|chased|chases|pursuing|pursued) (a|the|two|) (fleeing|) (suspect|suspects|susp|offender"
        "|offenders)",
        # ... but not from a person's unattended things ("from victim's backpack": theft).
        (
            "~(took|taken|take|takes|taking|stole|snatched|grabbed) (*|) (*|) (*|) (*|) (*|) (*|) from"
            f" (a|an|the|#|two|three|four|both|another|) {REL}('s|s')"
        ),
        (
            "(bound|tied up|tied|zip tied|duct taped) (the|a|an|) (victim|victims|resident|residents|him|her"
            "|them|occupant|occupants|employee|employees|clerk|owner)"
        ),
        "(charged with|arrested for|for|of|re|ref|aggravated|agg|domestic) battery",
        "battery (offender|suspect|susp|victim|report|charge|charges|case|incident|investigation|arrest)",
        "battered",
        "(punches|punch|blows|fists|hands) (being|were|was|are|) thrown",
        "(throwing|threw|throws|thrown) (punches|a punch|blows|fists|hands)",
        SHOT_PEOPLE,
        "(shot|stabbed) (and killed|and wounded|to death|dead)",
        "(shot|stabbed) by (a|an|the|another|unknown|an unknown|his|her|their|a masked|two|three)",
        (
            "(shot|shoot|shooting|shoots|fired|firing|fires|discharged) (#|a|one|two|three|several|multiple|)"
            " (shot|shots|round|rounds|) (at|toward|towards|in the direction of) (a|an|the|his|her|their"
            f"|{PRON[1:-1]})"
        ),
    ),
    # California Penal Code 417 brandishing (a weapon shown), 246.3 discharge of a firearm (the guide:
    # shots with no one targeted are hedged violence), 22810(g) tear gas or pepper spray used on a
    # person; menacing.
    "CA-PC-3": (
        (
            "(displayed|displaying|displays|showed|showing|flashed|flashing|pulled out|pulls out) (a|an|the"
            "|his|her|their|) (replica|small|large|black|silver|semi automatic|semiautomatic|) (gun|handgun"
            "|pistol|firearm|weapon|knife|rifle|shotgun|revolver)"
        ),
        "discharg* (a|the|his|her|their|) (firearm|handgun|gun|weapon|rifle|shotgun|pistol)",
        "discharge of (a|the|) (firearm|weapon|handgun|gun)",
        (
            "(sprayed|spraying|sprays) (*|) (*|) (*|) (with|w/) (a|an|the|some|) (chemical|chemicals|irritant"
            "|pepper spray|mace|bear spray|oc|oc spray|tear gas|chemical agent|chemical substance"
            "|chemical spray)"
        ),
        "(sprayed|spraying|sprays) (*|) (*|) (*|) in the (face|eyes)",
        "menace", "menaced", "menaces",
    ),
    # Homicidal ideation (ICD-10-CM R45.850), misspelt as CAD text writes it.
    "ICD-10-CM": ("homocid*", "homicidial"),
}

VIOLENCE = (*_BEFORE, *(p for phrases in ADDED.values() for p in phrases))
