"""Medical, continued: EMD chief complaints and EMS dispositions that name a medical call by what
happened to a person (a sick person, a rider or pedestrian struck, a death) rather than by a
symptom. Split from medical.py, which is at its size limit; service.screening.vocab joins both.

Chosen after reading the misses of round 3's dev half (data/screening-eval-3/dev.jsonl), never its
test half, and filed by the published source that names each family; the round-3 labelling guide's
rulings decide hedged or present. Figures on round 3's dev half are therefore tuned on.
"""

from __future__ import annotations

from service.screening.vocab.medical_scenes import SCENES, SCENES_OTHER_GENRES

__all__ = ["ADDED", "ENCOUNTERS", "MEDICAL_CALLS"]

# Who is said to be sick or struck: both sexes and every kin word, so that which word
# names the person never decides the flag (equity test).
_WHO = (
    "(he|she|they|pt|patient|male|female|man|woman|men|women|person|subject|subj|party|resident|elderly"
    "|mom|dad|mother|father|husband|wife|child|juv|juvenile|lady|guy|someone|somebody|rider|driver"
    "|passenger|student|boy|girl|adult|yom|yof|individual|gentleman|gal)"
)
_RIDE = "(bicycle|bike|scooter|skateboard|moped|motorcycle|ebike|e bike|e-bike|e-scooter)"

ADDED: dict[str, tuple[str, ...]] = {
    # EMD chief complaints "Falls" (a fall alarm), "Sick person", "Traffic / transportation
    # incidents" (a rider or pedestrian struck, a serious crash, extrication). Falls and persons down
    # named alone are left out: the project's corpus labels them injury or none, not medical.
    "NHTSA-EMD": (
        "(detect*|detected|detecting) (a|) fall", "fall (detect*|alert|alarm)",
        "feeling (weak|faint|nauseous|nauseated|unwell|ill|sick)",
        "(very|extremely|ill and|sick and) weak", "weak and (cold|dizzy|pale|shaky|confused)",
        f"{_WHO} (sick|ill) (on|in|at|and)",
        "(major|serious|bad) (accident|crash|collision|wreck|mva|mvc)",
        f"(hit|struck|ran over|run over) (a|an|the) {_WHO} (on|riding) (a|an|the|his|her|their|) {_RIDE}",
        f"{_RIDE} (crashed|vs|vs.|versus|collided)",
        "(subjects|people|players|persons|students|riders|cyclists|pedestrians|two) collided",
        "(car|vehicle|suv|truck|van|bus|pickup|pick up|driver|motorist) (that|which|who|)"
        " (struck|hit|ran over) (a|an|the|) (pedestrian|ped|person|child|man|woman|boy|girl|juvenile"
        "|rider|cyclist)",
        "extricat*",
    ),
    # ICD-10-CM symptoms (NEMSIS eSituation.09/.10): tachycardia R00.0,
    # visual disturbance H53, generalised pain R52, allergic reactions T78.
    "ICD-10-CM": (
        "(rapid|racing|fast|irregular) (heart rate|heartbeat|heart beat|pulse)",
        "(blurred|blurry|double) vision", "(loss of|lost) vision",
        "pain all over", "experiencing (pain|chest pain|symptoms|shortness)",
        "allergic (food|drug|medication) reaction", "pacemaker",
    ),
    # eDisposition: no transport, a transport requested, medical aid required, a person attended to,
    # a death (patient dead at scene).
    "NEMSIS-DISP": (
        "no transport", "non transport",
        "(needs|need|needing|requesting|requests|wants) (transport|transportation|a ride|ride) to (the|a|an|)"
        " (hospital|er|emergency room)",
        "(needs|need|in need|needing) to be transported",
        (
            "(requiring|requires|require|needs|need|needing|in need of) medical (aid|attention|assistance"
            "|help|care)"
        ),
        "attended to (the|a|an) (victim|patient|pt|injured|wounded|driver|person)",
        "(died|has died|later died) (at|from|of|in|on|after|a short|shortly|later|while)",
        "remains of (the|a|an|his|her|their)",
    ),
    # NIBRS 09A murder and nonnegligent manslaughter, 09B negligent manslaughter: a person killed; a
    # gunshot to a body. "Shooting" alone is in medical_signs.py (round 5), with its look-alikes.
    "NIBRS": ("murder*", "manslaughter", "gunshot (to|in)"),
    # Round-3 guide rulings: fire/rescue at a crash (10), next-of-kin wording (11), crash or accident
    # victims (7).
    "R3-GUIDE": (
        "fire (and|&|/) (rescue|ems)", "fire rescue",
        "next of kin",
        "(accident|crash|collision) (victim|victims)", "victim of (the|a|an) (crash|accident|collision)",
    ),
}

# Round 4's dev halves (police logs, crime reports, CAD pages, and narratives of deaths in police
# encounters, kept outside the repo) were read for their misses, never round 4's test halves.
# Who is on the receiving end of force or a crash: pronouns, a redacted name ("[NAME]", a word of
# its own; a phrase cannot start with "[", so one that opens with it reads "name]") and the roles
# such narratives use, both sexes alike (equity test).
_TARGET = (
    "(him|her|them|[name]|the man|the woman|the suspect|the subject|the driver|the passenger|the teen|the boy"
    "|the girl|the victim|the chief|the officer|the deputy|the trooper|the agent|the rider|the pedestrian"
    "|an officer|a deputy|a trooper|one officer|two officers|two deputies|two troopers|both officers)"
)
_SHOOTERS = (
    "(officer|officers|deputy|deputies|trooper|troopers|agent|agents|police|he|she|they|suspect|who|and"
    "|name])"
)
# Who fires: police, whose gunfire in these narratives is aimed at a person (part B ruling R4);
# anyone's gunfire with no target named stays under the earlier rules.
_POLICE = "(officer|officers|deputy|deputies|trooper|troopers|agent|agents|police)"
_TASED = "(tased|tasered|tazed|tazered)"
ENCOUNTERS: dict[str, tuple[str, ...]] = {
    # NIBRS 09A/09B: a person killed (the past tense only: "threatened to kill" is a threat, which
    # the guide leaves medical none); NEMSIS eDisposition.12 "patient dead at scene": a death told
    # by who died or when.
    "NIBRS": (
        f"(killed|killing) {_TARGET}", "(was|were|been|being|got|is|are) (killed|fatally)",
        "killed (his|her|their|) (two|three|four|five|both|all)",
        "(and|fatally|were|was) killed", "killed (by|in|when|after|during|at) (a|an|the|his|her|their|)",
        f"(beat|beaten|beating|stomped|choked|strangled) {_TARGET} to death", "gunned down",
    ),
    "NEMSIS-DISP": (
        "(died|later died|all died|both died) (when|soon|days|hours|weeks|the next|the following|as|during"
        "|two|three|several|nine|under)",
        "(name]|he|she|they|man|woman|suspect|driver|passenger) (died|drowned)",
        "(his|her|their|name]'s) death (was|is|had been|has been|resulted)",
        "resulted in (his|her|their) death",
    ),
    # ICD-10-CM Y35 "Legal intervention": injury by firearm discharge (Y35.0), by blunt objects
    # (Y35.3), by gas (Y35.2), by other specified means (Y35.8: a conducted-energy weapon); part B
    # ruling R4 and part A ruling R7 of round 4: gunfire exchanged with, or fired at, people or an
    # occupied vehicle, nobody said to be hit, is a hedged shooting report.
    "ICD-10-CM": (
        f"{_SHOOTERS} (then|) shot {_TARGET}", "(was|were) (then|fatally|also|later) shot",
        "(shot|struck) (while|after) (advancing|running|fleeing|charging|holding|pointing|reaching)",
        # Gunfire at police: earlier rounds' guides read shots at anyone else, nobody said hit, as none.
        "(fired|shot|shooting|firing) (at|on|upon|toward|towards) (police|officers|the officers|deputies"
        "|agents|troopers|the police|his police|their police|a police|the officer|the deputy|an officer"
        "|a deputy|the trooper)",
        f"{_POLICE} (fired|opened fire) (at|on|upon|back|simultaneously|multiple|several|shots|his|her"
        "|their|a|two|three|once|twice|and|during|when|after)",
        "(returned|return) fire", "exchanged (gunfire|shots|fire)", "shots were exchanged",
        "(shootout|shoot out|firefight|gun battle|gunbattle)", "opened fire", "open fire on",
        f"(was|were|been|got|being|is|and) {_TASED}", f"{_TASED} {_TARGET}",
        "deployed (a|his|her|their|several|two|three|) (taser|tasers|stun gun|stun guns)",
        "shot by (a|an|the|state|) (police|officer|officers|deputy|deputies|trooper|troopers|agent|agents"
        "|sniper)",
        "(responded|answered|met|replied) with gunfire",
        # How such narratives tell police gunfire at the person in front of them: a weapon drawn and
        # fired, or officers prompted or forced to shoot.
        "(drew|pulled|raised|unholstered) (his|her|their|a) (weapon|weapons|gun|guns|firearm|handgun|pistol"
        "|service weapon) and (fired|shot)",
        f"(prompting|prompted|forcing|forced|causing|caused) (the|) {_POLICE} to (shoot|fire|open fire)",
        # Part A ruling R8 (round 4) with NIBRS data element 13's blunt objects: a person struck with a
        # weapon or hard object is hedged even when no wound is named.
        "(struck|hit|beat|beaten|hitting|striking|assaulted) (him|her|them|the victim|victim|his|a man"
        "|a woman)"
        " (in the head|in the face|in the head and body|on the head|about the head|about the body|)"
        " (with|using) (a|an|the|his|her|their) (bat|baseball bat|bottle|brick|pipe|hammer|crowbar|rock|club"
        "|stick|board|pistol|gun|tire iron|golf club)",
        "(used|using|deployed|fired) (a|his|her|their|) (taser|tasers|stun gun|stun guns) (on|against)",
        "(physically restrained|asphyxia|asphyxiation|positional asphyxia)",
        # Conditions named as the call: effects of heat (T67), biliary disease (K80-K82), bowel
        # obstruction (K56), essential hypertension (I10), adverse effect of a drug (T50), labour (O60-O75).
        "(heat|heat related|heat-related) (illness|exhaustion|stroke|cramps)", "gallbladder", "gall bladder",
        "(impacted|obstructed|blocked) bowel*", "bowel (obstruction|impaction|blockage)", "hypertension",
        "(reaction|reacting|reactions) (from|to) (a|an|the|some|) (illegal|street|prescription|) (drug|drugs"
        "|medication|medications|meds|pill|pills)",
        "(going|went|gone|is|in) into labor", "(in|active) labor", "(labor|labour) pains",
    ),
    # ICD-10-CM V03 (pedestrian injured in collision with a car) and V19 (pedal cyclist injured),
    # NHTSA-EMD "Traffic / transportation incidents": a person or rider hit by a vehicle.
    "NHTSA-EMD": (
        "(struck|hit) by (a|an|the|his|her|their|) (officer's|police|marked police|patrol|motor)"
        " (vehicle|car|squad car|van|cruiser|truck|patrol car|motor vehicle|mv)",
        "(mv|mvc|car|vehicle) (vs|vs.|versus) (a|an|) (bicyclist|cyclist|pedestrian|ped)",
        f"(mv|mvc|car|vehicle) (vs|vs.|versus) (a|an|) {_RIDE}",
        f"crashed (a|his|her|their|the|) {_RIDE}", f"(struck|hit|rear ended|rear-ended) (a|an|the) {_RIDE}",
    ),
}

# One ADDED per module, as the vocabulary index expects; phase 3's families (medical_scenes.py) too.
for _source, _phrases in (*ENCOUNTERS.items(), *SCENES.items(), *SCENES_OTHER_GENRES.items()):
    ADDED[_source] = (*ADDED.get(_source, ()), *_phrases)

MEDICAL_CALLS = tuple(p for phrases in ADDED.values() for p in phrases)
