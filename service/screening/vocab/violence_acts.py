"""Violence, continued: the kinds of round 1's misses (EVAL-R1, moved here from violence.py unchanged)
and those added in round 5 of issue #17 from the misses of rounds 1-3 (see service.screening.vocab
for the source tags). Each family names a kind of wording, from an offence definition or a
labelling-guide ruling, never one text's words.
"""

from __future__ import annotations

from service.screening.vocab.shared import ADJ, BODY, PRON, REL, SELF

__all__ = ["ADDED", "VIOLENCE_ACTS"]

# What a person can be armed with when a taking or an entry follows (NIBRS data element 13).
_ARMS = (
    "(handgun|handguns|gun|guns|firearm|firearms|pistol|pistols|rifle|rifles|shotgun|shotguns|knife"
    "|knives|weapon|weapons|taser|tasers|stun gun|bat|machete|blade|box cutter|sharp object|crowbar)"
)
# What follows in a robbery or a home invasion: the taking, the demand, the entry, the threat.
_TAKE = (
    "(took|take|takes|taking|stole|steal|forced|forcibly|ordered|demanded|demanding|robbed|confronted"
    "|entered|attempted|tried|pointed|threatened|grabbed|snatched|struck|hit)"
)
# Who is armed, as police reports name suspects.
_WHO = (
    "(suspect|suspects|susp|male|males|men|man|subject|subjects|individual|individuals|offender|offenders"
    "|youth|youths|person|persons|juvenile|juveniles|female|females|woman|women|assailant|assailants)"
)
# People named by their role, as hospital, transit and campus police logs name the person struck.
_ROLE = (
    "(crew member|crew members|staff|staff member|staff members|security agent|security officer|agent"
    "|conductor|attendant|deputy|deputies|trooper|troopers|officers|firefighter|firefighters|paramedic|paramedics"
    "|emt|emts|medic|medics|technician|employee|employees|worker|workers|volunteer|teacher|coach|bus driver"
    "|operator|nurse|nurses|doctor|physician|clerk|cashier|guard|security|security guard|bouncer|officer"
    "|driver)"
)
# Vehicles, as the subject of a crash ("motorist struck pedestrian"): a traffic crash is not violence.
_VEH = (
    "(car|cars|vehicle|vehicles|motor vehicle|motorist|motorists|driver|drivers|truck|trucks|bus|semi"
    "|semi truck|suv|van|train|motorcycle|pickup|auto|taxi|cab|trailer|tractor|scooter)"
)
# Parts of the body a blow is named on ("hit hand of staff member", "struck on the head"); not the
# back or the face, which buildings and cars have too.
_LIMB = (
    "(head|hand|hands|arm|arms|leg|legs|neck|throat|jaw|nose|eye|eyes|chest|shoulder|wrist|finger|fingers"
    "|forehead|mouth|ribs|knee|cheek|ear|lip)"
)
# Who or what is struck in a crash (a determiner, when present, is its own phrase: an optional one
# first would let the person-struck phrases, tried before it, take the words).
_CRASHED = (
    "(pedestrian|pedestrians|bicyclist|bicyclists|cyclist|cyclists|motorcyclist|passenger side|driver side"
    "|driver's side)"
)
# Who a vehicle strikes in a crash, or an accidental blow lands on.
_ROAD_USER = (
    "(pedestrian|pedestrians|ped|bicyclist|bicyclists|cyclist|cyclists|passenger|passengers|driver|drivers"
    "|motorist|child|man|woman|boy|girl|person|victim|rider|biker|female|male|student|patient|him|her|them"
    "|someone|another|other)"
)
# A threat whose object is not harm to a person (the same words violence.py lets pass after "threat* to").
_NOT_HARM = (
    "(call|report|evict|tow|press|file|post|tell|expose|contact|sue|publish|share|release|leak|fire"
    "|commit suicide|kill himself|kill herself)"
)

# How a threat came.
_THREAT_KIND = (
    "(telephone|phone|text|email|e mail|written|online|anonymous|verbal|physical|violent|death|bomb"
    "|terroristic|criminal|harassing)"
)

ADDED: dict[str, tuple[str, ...]] = {
    # Threats cut off mid-word (SLO's 65-character fields), misspelt, or sent; weapons pointed at or
    # held on a person; objects thrown around; a Tarasoff warning (a therapist's duty to warn of a
    # patient's threat, Tarasoff v. Regents of the University of California, 1976).
    "EVAL-R1": (
        "(rec'd|received|made|making|makes|sent|left|verbal|death|criminal) threa",
        "threatning", "thretening", "thretning", "threating", "threatining",
        (
            "threatening (email|emails|e mail|e mails|text|texts|message|messages|letter|letters|call|calls"
            "|voicemail|voicemails|note|notes|phone call|phone calls|post|posts|comments|gestures|manner)"
        ),
        "(gun|guns|firearm|weapon|pistol|rifle|shotgun|knife|handgun) (pointed|aimed) at",
        "(held|robbed|threatened|kept|holding) at (gun|knife) point", "(gun|knife) point",
        "(throwing|threw|throws|thrown) (things|items|objects|stuff|dishes|furniture) (around|everywhere|at)",
        "(pointing|pointed|points|aiming|aimed|aims) (a|an|the|his|her|their|) (gun|guns|weapon|weapons|knife"
        "|firearm|pistol|rifle|shotgun|handgun) @",
        # Drawing, racking or reaching for a firearm, arming oneself, refusing to drop a weapon: the
        # guide's hedged violence (a weapon produced with nobody named as its target).
        (
            "(produced|producing|produces|drew|drawing|draws|drawn|racked|racking|racks|rack) (a|an|the|his"
            "|her|their|) (gun|firearm|handgun|pistol|rifle|shotgun|knife|weapon|slide)"
        ),
        (
            "(reached|reaching|reaches|went|going|goes) for (a|an|the|his|her|their|) (gun|firearm|weapon"
            "|knife|handgun|pistol|waistband)"
        ),
        f"armed {SELF}",
        (
            "(refus*|would not|wouldn't|will not|won't|wont|did not|didn't) (to|) (drop|put down|let go of"
            "|release|give up) (the|his|her|their|a|) (gun|knife|weapon|firearm|handgun|pistol|rifle"
            "|machete|blade|bat)"
        ),
        (
            "(bomb|bombs|explosive|explosives|device) (is|was|will|would|going to|set to|about to|gonna)"
            " (go off|going off|explode|blow up)"
        ),
        # Passive blows ("was headbutted", "got punched"); verbs cut off by a 65-character field.
        (
            "(was|were|been|being|got|get|getting|gets) (punched|kicked|headbutted|head butted|kneed|elbowed"
            "|choked|tackled|stomped|mugged|threatened|assaulted|jumped)"
        ),
        "hitt", "pushe", "punchin", "punchi", "kickin", "kicki", "stabbi", "assau", "assaul", "attac",
        "threate", "threaten", "fighti",
        "(chasing|chased|chases) another", "altercation*", "(shots|shot|gunshots) heard",
        "(heard|hear|hears|hearing) (#|a|one|two|three|several|multiple|few|some|poss|possible) (shot|shots"
        "|gunshot|gunshots)",
        "tarasoff", "abuse", "abused", "abusing", "abuser",
        "~(etoh|drug|drugs|substance|alcohol|animal|dog|verbal|emotional|911|phone|prescription|opioid|opiate"
        "|narcotic|narcotics|financial|elder financial|computer|system) (abuse|abused|abusing|abuser)",
        "~abuse (of|the) (911|drugs|alcohol|power|discretion|system|substances)",
        "~(abused|abusing|abuses) (drugs|alcohol|substances|911|the system|pills|meds|medication)",
    ),
    # Robbery (NIBRS offense 120) and home invasion by someone armed: being armed with a weapon when
    # the taking, the demand or the entry happens is the threat of force that makes it a robbery.
    # Armed alone stays weapon only (round-1 guide, Addendum 2: "armed but not threatening").
    "NIBRS-ROB": (
        f"(armed with|with|w/|holding|brandishing|displaying) (a|an|the|his|her|their|) {ADJ} {_ARMS}(,|)"
        f" (and|) (just|then|) {_TAKE}",
        f"(confronted|approached|accosted|surrounded|stopped|held up|robbed) by (a|an|the|#|one|two|three"
        f"|four|five|several|) (*|) (*|) {_WHO}(,|) (one|two|three|both|all|each|) (of whom|of them|)"
        " (was|were|) armed",
        f"(confronted|accosted|cornered) (the|a|an|) {ADJ} {REL} (and|) (took|demanded|stole|grabbed"
        "|snatched|robbed)",
        # An object pressed to the victim's body during a taking (the threat of force), a victim pulled
        # from a car (carjacking, California Penal Code 215), a drive-by shooting.
        "(placed|pressed|put|held|stuck|shoved) (a|an|the|) (hard|metal|sharp|unknown|) object (to|in|into"
        "|against)",
        "(pull|pulls|pulling|drag|drags|dragging|yank|yanks|force|forces|forcing) (the|a|an|) (victim|victims"
        "|driver|drivers|owner|occupant|occupants|passenger|passengers|him|her|them) (from|out of|out from)",
        f"(fired|firing|fires|shot|shooting|shots) (a|the|his|her|their|) (weapon|gun|shots|rounds|) from"
        f" (a|an|the) (passing|moving|fleeing|dark|white|black|silver|red|gray|grey|) {_VEH}",
        "drive by (shooting|shootings)",
        # Looking for someone to rob (the round-2 guide's background: hedged).
        "(casing|canvassing|scouting|looking) for (potential|possible|) (victims|victim|targets)",
        # Snatched from the hand or from the body (round-2 guide, ruling 10: hedged when no force is
        # stated, present when it is).
        "(took|taken|snatched|grabbed|yanked|ripped|stole) (*|) (*|) (*|) (*|) (from|out of) (the|his|her"
        "|their) (hand|hands|grasp|grip|neck|shoulder|wrist|arm|arms|person) of",
        "(took|taken|snatched|grabbed|yanked|ripped|stole) (*|) (*|) (*|) (*|) (from|out of) (his|her|their)"
        " (hand|hands|grasp|grip|neck|shoulder|wrist|arm|arms|person)",
        # Patrol assignments and places known for robberies are not a robbery (round-2 guide, ruling 9).
        "~(robbery|robberies) (mission|missions|mission area|hot spot|hot spots|hotspot|hotspots|pattern"
        "|patterns|suppression|detail|task force|prevention|area|areas)",
        "~(area|areas|vicinity|location|locations|block|blocks) (where|of where|in which) (a|) (robbery"
        "|robberies|assault|assaults|shooting|shootings) (have|has|had|) (previously|recently|been|)"
        " (occurred|occurring|taken place|happened|reported)",
    ),
    # Battery as state penal codes and courts define it: any unlawful use of force on a person,
    # including offensive contact (Texas Penal Code 22.01(a)(3)); spitting on a person (Commonwealth v.
    # Cohen, 55 Mass. App. Ct. 358 (2002); State v. Lachney, 621 So. 2d 846 (La. App. 1993)); hair
    # pulled; a blow to a named body part; attempts (an assault is an attempt to commit a battery);
    # blows to people named by their role; objects thrown at a person. Offence names: Iowa Code 708.4
    # willful injury, 708.8 going armed with intent, 719.1 interference with official acts causing
    # bodily injury; Pennsylvania 18 Pa.C.S. 2706 terroristic threats; criminal threatening (New
    # Hampshire RSA 631:4, Maine 17-A 209).
    "STATE-PC": (
        f"(spit|spat|spits|spitting) (on|at|upon) {PRON}",
        f"(spit|spat|spits|spitting) (on|at|upon) (a|an|the|his|her|their|) {ADJ} {ADJ} {_ROLE}",
        "(spit|spat|spits|spitting) in (the|his|her|their|) (face|faces|eye|eyes|mouth)",
        "(pulled|pulling|pulls|yanked|yanking|yanks|grabbed|grabbing|grabs) (his|her|their|the|my|*'s|) hair",
        f"(hit|hits|struck|strikes|striking|punched|kicked|slapped|bit|scratched|grabbed) (the|) {_LIMB} of",
        (
            "(attempted|attempting|attempts|tried|trying|tries) to (punch|kick|stab|slap|bite|choke|strangle"
            "|assault|attack|shoot|rob|kill|murder|tackle|headbutt|head butt)"
        ),
        f"(attempted|attempting|attempts|tried|trying|tries) to (strike|hit|run over|ram) {PRON}",
        f"(attempted|attempting|tried|trying) to (strike|hit) (a|an|the|his|her|their|) {ADJ} {ADJ} {_ROLE}",
        f"~(attempted|attempting|attempts|tried|trying|tries) to (stab|shoot|kill|choke|strangle|hit|strike"
        f"|murder) {SELF}",
        "~(attempted|attempting|attempts|tried|trying|tries) to (shoot|hit|strike|kill|run over|rob) (a|the"
        "|some|) (video|videos|photo|photos|pictures|hoops|pool|time|brakes|lights|switch|button)",
        f"(hit|hitting|struck|striking|punched|punching|kicked|kicking|slapped|assaulted|assaulting|attacked"
        f"|attacking|shoved|pushed|bit|biting) (a|an|the|) {ADJ} {ADJ} {_ROLE}",
        f"(threw|throws|throwing|thrown|hurled|hurling|tossed|tossing) (*|) (*|) (*|) (*|) at (a|an|the|his"
        f"|her|their|) {ADJ} {ADJ} {_ROLE}",
        "willful injury", "going armed with intent", "terroristic threat*", "criminal threatening",
        "interference with official acts (causing|resulting in|inflicting|with) (bodily|serious|) injury",
        "(report|reports|reported|reporting|rpt|victim|victims|case|incident|incidents) of (a|an|) battery",
        "(a|the) battery (by|on|against|involving|between|in progress|just occurred)",
        # Threats to kill, cut or shoot a person; a threat to do something else is not violence.
        f"threat* to (cut|slash|stab|shoot|kill|hurt|harm|beat|punch|kick|strangle|choke) (up|) {PRON}",
        f"~threat* to cut {PRON} off",
        f"{_THREAT_KIND} threat*", f"~{_THREAT_KIND} threat* to {_NOT_HARM}",
        f"~(rec'd|received|made|making|makes|sent|left|verbal) threat* to {_NOT_HARM}",
        "(going to|gonna|about to) (shoot|stab)",
        (
            "~(going to|gonna|about to) (shoot|stab) (himself|herself|themselves|themself|myself|yourself"
            "|self|hoops|pool|photos|pictures|a video|video|film)"
        ),
    ),
    # Sexual contact without consent: NIBRS criminal sexual contact (formerly fondling, 11D), "the
    # touching of the private body parts of another person" (FBI NIBRS User Manual; the Clery Act's
    # definition of fondling); sexual battery (California Penal Code 243.4).
    "NIBRS": (
        "grope", "groped", "groping", "gropes", "sexual battery", "criminal sexual contact",
        f"touched ({PRON[1:-1]}|the victim|a student|a patient|a child|a minor) inappropriately",
        "inappropriately (touched|touching|touch|touches|grabbed|groped)",
        "(unwanted|inappropriate|unwelcome|nonconsensual|non consensual) (touching|sexual contact)",
        # A vehicle driven at a person (data element 13, motor vehicle), as in weapon.py.
        f"(ram|rams|rammed|ramming|hit|struck|run over|ran over) ({PRON[1:-1]}|) with (a|the|his|her|their)"
        f" {ADJ} (car|vehicle|veh|truck|suv|van|pickup|motorcycle)",
        f"(tried|attempted|trying|attempting|tries) to (run|ram) ({PRON[1:-1]}|) (over|down|off the road)",
        "(dragged|struck|hit|rammed|pinned) (*|) (*|) (*|) (*|) by (the|a|an) (suspect|suspects|susp"
        "|offender)('s|\u2019s|) (car|vehicle|veh|truck|suv|van)",
        # Shootings and stabbings described by the wound or by where on the body the blow landed.
        "stab wound*", "knife wound*",
        "~self inflicted (stab|knife|gunshot|gun shot|gsw|shotgun) (wound|wounds|)",
        f"(punched|kicked|hit|struck|slapped|smacked|stabbed|shot|beaten|stomped|cut|slashed) in (the|his|her"
        f"|their|) (left|right|upper|lower) {BODY}",
        f"(punched|kicked|hit|struck|slapped|smacked|beaten|stomped|kneed|elbowed) on (the|his|her|their)"
        f" (left|right|back of the|back of his|back of her|side of the|side of his|side of her|) {_LIMB}",
        f"~(struck|hit|hits|hitting) on (the|his|her|their) {BODY} (by|with) (a|an|the) {ADJ} (ball|branch"
        f"|limb|tree|debris|rock|object|door|gate|car|vehicle|truck|bus|pole|sign|shelf|box|piece)",
        "spray (*|) (*|) (*|) in the (face|eyes)",
        "(being|was|were|been|got|get|getting) (spat|spit) (on|at|upon)",
        "unprovoked (attack|attacks|assault|assaults|beating|stabbing|shooting)", "without provocation",
        "~(hit|hitting|struck|striking) (a|an|the) security (gate|gates|fence|camera|cameras|door|doors"
        "|system|alarm|light|lights|booth)",
        "threat* (that was|which was|was|were|) (made|posted|sent|directed) (towards|toward|against|at)",
        "(pointed|pointing|points|aimed|aiming) (a|an|the|his|her|their|) (possible|poss|unknown|black"
        "|silver|small|large) (gun|handgun|pistol|rifle|shotgun|firearm|weapon|knife|taser) at",
        f"(tried|attempted|trying|attempting|tries) to run ({PRON[1:-1]}|reporting party|the reporting party)"
        " (off road|off the road|over|down)",
        (
            "(shot|fired|firing|shooting|discharged|discharging) (their|the|#|two|three|several|multiple|)"
            " (guns|weapons|firearms|handguns|rifles|pistols|shots|rounds) (into|at|toward|towards|in|out)"
        ),
    ),
    # Disturbance calls (LEOKA): a dispute between people says nothing of whether it was verbal or
    # physical, like a disturbance (hedged); a physical struggle with a person.
    "LEOKA": (
        "dispute between", "road rage",
        # 415 (California Penal Code, disturbing the peace) as a call type naming who (the guide: a
        # disturbance, hedged); a human bite (ICD-10-CM W50.3, bitten by another person). Things thrown
        # about with nobody named as a target are left out: the corpus reads a person in crisis
        # throwing things in his room as no violence, and violence sends police.
        "415 (male|female|males|females|subj|subject|subjects|juv|juvs|juvenile|juveniles|transient"
        "|transients|party|parties|man|woman|group|neighbor|neighbors)",
        "human bite*",
        # A protective order broken: the order stands for earlier violence (background, hedged).
        "(violat*|violation of|broke|breaking) (a|an|the|his|her|their|) (active|) (restraining|protective"
        "|protection|no contact|domestic violence) order*",
        "(restraining|protective|protection|no contact) order (violation|violations|violated)",
        # Police force on a non-compliant person (round-1 guide, Addendum 2: hedged).
        "less lethal (round|rounds|munition|munitions|projectile|projectiles|weapon|weapons|tool|option)",
        "(chemical|chemicals) (agent|agents|munition|munitions) (were|was|) (deployed|used|introduced)",
        "(shot|shots|round|rounds) (being|was|were|been|had been) fired",
        f"(wrestling|wrestled|wrestles|grappling|grappled) (with|w/) (a|an|the"
        f"|his|her|their|another|other|) {ADJ} ({REL[1:-1]}|another)",
        "armed and dangerous",
    ),
    # What looks like violence and is not: vehicles striking people or things (a crash), a fall onto
    # a body part, an accidental blow, objects thrown at property (round-1 guide: violence against
    # property alone is not violence), verbal abuse, violence named as a public concern or a
    # statistic rather than an incident, and a hit and run (a traffic offence).
    "EVAL-R1-3": (
        # A pedestrian or cyclist struck is a crash (the vehicle, if named, comes first).
        f"~(struck|strikes|striking|hit|hits|hitting|ran over|runs over) {_CRASHED}",
        f"~(struck|strikes|striking|hit|hits|hitting|ran over|runs over) (a|an|the) {_CRASHED}",
        f"~(fell|falls|falling|fall|tripped|trips|slipped|slips|collapsed) (and|) (striking|hitting|hit"
        f"|struck|strikes|hits|bumped|bumping|banged|banging) (his|her|their|my|the) {BODY}",
        f"~(accidentally|accidently|accidentially|accidentaly|inadvertently|unintentionally) (struck|striking"
        f"|hit|hitting|strikes|hits|bumped|bumping|pushed|knocked|kicked|kicking) (the|a|an|his|her|their|)"
        f" {ADJ} {_ROAD_USER}",
        "~(throwing|throws|thrown|threw|throw|tossed|tossing|hurled|hurling) (things|stuff|objects|items"
        "|rocks|bricks|stones|bottles|eggs"
        "|snowballs|something) (at|on|into) (a|an|the|his|her|their|) (*|) (building|buildings|house|houses"
        "|home|window|windows|door|doors|wall|walls|business|store|residence"
        "|apartment|property|fence|roof|garage|structure)",
        "~verbally abusive",
        "~abusive (manner|language|words|tone|comments|remarks|messages|texts|calls|phone calls)",
        "~violent (crime|crimes|crime rate|crime rates|felon|felons|offender|offenders) (rate|rates|is|are"
        "|statistics|trends|in|across|generally|cannot|receive|investigations|)",
        "~(all|overall|reduce|reducing|combat|combating|prevent|preventing|rates of|rate of|address"
        "|addressing|arresting|committing|commit|commits) violen*",
        "~(tolerance|zero tolerance) for (threats|violence)", "~(concerns|concern) and threats",
        "~hit (and|&) run",
        # Animal bites and attacks (round-1 guide: not violence); suicidal threats (not violence on
        # any flag); physical pain; a pedestrian or cyclist struck.
        "~(dog|dogs|bulldog|pitbull|pit bull|k9|animal|cat|horse) (bit|bites|biting|attacked|attacks"
        "|attacking|mauled|jumped on)",
        "~suicidal (threat|threats|statement|statements|ideation)",
        "~physical (pain|pains|symptoms|discomfort|complaint|complaints|condition|ailment|ailments)",
        f"~{_CRASHED} (being|was|were|been|had been|got) (struck|hit|run over)",
    ),
}

VIOLENCE_ACTS = tuple(p for phrases in ADDED.values() for p in phrases)
