"""Medical: an emergency medical condition, named by the caller's words, an EMD chief complaint or
dispatch reason, a response code or a request for EMS.

The first tuple is the vocabulary as it stood before issue #17; ADDED holds what issue #17 added, by
source (tags: service.screening.vocab's list; EVAL-DEV marks kinds read in the dev half of the
real-text evaluation set). Doubt about consciousness or breathing ("unk if breathing") is a hedged
mention: the phrase starts with its own hedge cue, which the grammar reads as hedged, never denied.
"""

from __future__ import annotations

from service.screening.vocab.shared import ADJ, AMOUNT, DET, DRUGS, PRON, REL, SELF

__all__ = ["ADDED", "MEDICAL", "STATE"]

_BEFORE = (
    "unconscious*", "unconcious*", "unconsious*", "unconcsious*", "unconsc", "uncon", "unconc",
    "semi conscious", "semiconscious", "not conscious", "barely conscious", "in and out of consciousness",
    "loss of consciousness", "lost consciousness", "loc", "~(unk|unknown|new|last|current|cur) loc",
    # LOC is also "location" in police CAD text ("at loc", "veh loc", "on loc"): after these words it
    # is a place, not a loss of consciousness (CAD-ABBR).
    "~(at|their|his|her|its|item|veh|vehicle|susp|suspect|caller|callers|exact|same|your|my|our|this"
    "|that|inc|incident|best|from|to|near|of|on) loc",
    "~loc (unk*|unknown)", "passed out", "passing out", "fainted", "fainting", "feels faint", "syncop*",
    "collapsed", "collapse", "collapsing", "(isn't|isnt|is not|wasn't|was not|stopped) moving",
    "(didn't|did not|doesn't|does not|won't|wont) wake", "lethargic", "chest (feels|felt|is) (heavy|tight)",
    "abdominal pain",
    "(severe|extreme|excruciating|unbearable) (pain|abdominal pain|stomach pain|headache|head pain)",
    "(now|suddenly|newly|acutely|became|becoming) (confused|disoriented)",
    "(he's|she's|he is|she is|they're|turning|turned|went|looks) (blue|purple|gray|grey|ashen)",
    (
        "(man|person|male|female|woman|subject|subj|guy|gal|lady|gentleman|boy|girl|kid|child|juvenile|juv|pt"
        "|patient|party|individual|someone|somebody) down"
    ), "not moving",
    "unresponsive", "unresponsve", "unresposive", "unrespnsive", "unresponive", "unrepsonsive",
    "non responsive", "nonresponsive", "non responsve", "not responsive", "not responding", "unarousable",
    "(won't|wont|will not) wake up", "(can't|cant|cannot|can not|unable to) wake", "can't be woken",
    "not waking up", "not breathing", "isn't breathing", "isnt breathing", "stopped breathing",
    "barely breathing", "no pulse", "pulseless", "cpr", "chest compressions", "cardiac arrest", "cardiac",
    "heart attack", "chest pain*", "chest pian*", "c/o cp", "cp/sob", "chest tightness", "chest pressure",
    "(c/o|w/|with|and) sob", "short of breath", "shortness of breath",
    "(difficulty|trouble|problems|hard time|struggling|difficult|diff|dif) breathing", "labored breathing",
    "(can't|cant|cannot|can not|unable to) breathe", "gasping", "choking", "choking on",
    f"~chok* {PRON}", f"~chok* {DET} {ADJ} {ADJ} {REL}", f"~chok* {ADJ} {ADJ} {REL}", "throat swelling",
     "throat closing", "anaphyla*",
    "allergic reaction", "epi pen", "epipen", "turning blue", "blue lips", "lips (are|turning) blue",
    "cyanotic", "(lips|face|skin) (are|is|look|looks|turning|turned|went) (blue|purple|gray|grey)",
    (
        "(won't|wont|will not|doesn't|doesnt|does not|didn't|didnt|did not) respond to (his|her|their|)"
        " (name|voice|verbal|shouts|touch|pain|stimuli)"
    ),
    "(fallen|fell) and (can't|cannot|cant|unable to) get up",
    "(been|laying|lying|stuck) on the floor (for|since|all)",
    "found (on|lying on|laying on|down on) the (floor|ground)", "found down",
    "heart (racing|is racing|pounding|is pounding)", "overdos*", "over dose*", "od", "ods", "od'd", "od'ing",
    "oding", "narcan*", "naloxone",
    "~(plan|plans|planning|planned|going|threat*|wants|want|wanted) to (od|overdose)",
    "seizure*", "siezure*", "seizing", "seizer*", "seisure*", "sezure*", "convuls*",
    "stroke", "strokes", "droop*",
    "(trouble|difficulty|can't|cannot|unable to) (speaking|speak|talking|talk)",
    "(can't|cannot|unable to) find (his|her|their) words",
    "garbled speech", "facial droop*", "face drooping", "slurred speech", "slurring speech",
    "diabetic*", "low blood sugar", "high blood sugar", "hypoglycemi*", "hyperglycemi*", "insulin shock",
    "heavy bleeding", "bleeding heavily", "bleeding profusely", "bleeding badly", "bleeding a lot",
    "lots of blood", "a lot of blood", "losing blood", "blood everywhere", "bleeding out",
    "(won't|wont|will not) stop bleeding", "(can't|cant|cannot) stop the bleeding", "spurting",
    "gsw", "gsws", "gunshot wound*", "gun shot wound*", "stab wound*", "stabbed", "stabbing",
    "shot in the", "(been|was|got|is|were|just) shot",
    "hypotherm*", "frostbit*", "heat stroke", "heatstroke", "heat exhaustion", "heat exaustion",
    "in labor", "contractions", "water broke", "giving birth", "miscarr*",
    "(vomiting|throwing up|coughing up) blood", "altered mental status", "ams", "alcohol poisoning",
    "dts", "delirium tremens", "withdrawal seizure*",
    (
        "(drank|swallowed|drinking|ingested) (a bottle of|some|) (bleach|antifreeze|poison|drain cleaner"
        "|batteries|a battery)"
    ),
    "ingested", "poisoning", (
        f"(took|swallowed|ingested|taken|taking|takes|overdosed on|od'd on|od on|odd on) {AMOUNT}"
        f" (his|her|their|my|the|) {ADJ} {DRUGS}"
    ),
    "(needs|need|requesting|requests|request|req|send|sending|wants) (an|) (ambulance|ems|medics|paramedics)",
    "(ems|medics|ambulance) (req|requested|needed|en route|enroute|called)",
    "needs medical",
    "medical (emergency|issue|issues|problem|problems|distress|attention|help|call|condition)",
    (
        "(possibly|possible|poss|maybe|might be|may be|is|be|found|appears|looks|appear to be|appears to be)"
        " dead"
    ),
    # Things that are "dead" in everyday speech: a battery, a phone line, an engine, an animal.
    (
        "~(battery|batteries|phone|cell|line|lines|heater|engine|car|vehicle|truck|radio|tree|trees|grass"
        "|plant|plants|bird|birds|deer|animal|raccoon|skunk|possum|opossum|squirrel|fish|cat|dog|rat|mouse"
        "|coyote|end) (is|was|are|were|appears|looks|found|possibly|poss|maybe|might be|may be) dead"
    ),
    "dead (body|person|male|female|man|woman|guy)", "doa", "deceased",
    # Head trauma that needs EMS: a helmet broken by the impact, a named head injury, or a blow to
    # the head followed by confusion. A bare blow to the head ("hit her head on the counter") stays
    # injury only, and "not making sense" alone is everyday crisis-call wording, not medical.
    "(helmet|helmets) (is|was|got|) (cracked|broken|broke|split|smashed|shattered)",
    "(cracked|broke|broken|split|smashed|shattered) (his|her|their|my|the|a|) helmet*",
    "head (injury|injuries|wound|wounds|trauma)", "~(minor|small|old|prior|previous|past) head *",
    (
        "(hit|hitting|struck|bumped|banged) (his|her|their|my|the|) head and (is|was|now|seems|) (confused"
        "|disoriented|dazed|not making sense)"
    ),
)

_WHO_HANGING = (
    "he|she|they|pt|patient|male|female|man|woman|person|subject|subj|someone|somebody|body|him|her|them"
    "|husband|wife|son|daughter|mother|father|mom|dad|brother|sister|boyfriend|girlfriend|friend|roommate"
    "|partner|child|juvenile|juv|teen|relative|family member|neighbor|victim"
)
STATE = "(breathing|conscious|concious|conscience|alert|responsive|awake|alive)"
ADDED: dict[str, tuple[str, ...]] = {
    # ALRMED medical alarm, ALRDEFIB defibrillator (AICD) alarm, ABDOM abdominal, ALS.
    "APCO-IT": ("medical alarm", "(defibrillator|aicd) (alarm|fired|firing|went off|shocked)", "abdominal"),
    # The chief-complaint protocol names (abdominal pain, breathing problems, falls, sick person...).
    "NHTSA-EMD": (
        "(abdominal|abd|stomach) (pain|pains|problem|problems)", "allergies", "allerg* reaction*",
        "animal bite*",
        "(breathing|respiratory) (problem|problems|difficulty|difficulties|distress|issue|issues|trouble)",
        "diff* breathing", "difficulty breathin", "choking", "drowning", "near drowning",
        "electrocut*", "eye (injury|injuries|problem|problems)", "fall (victim|vic|patient|pt|with|w/"
        "|injury)",
        "(falls|fall) (code|protocol)", "headache*", "heart (problem|problems|condition)", "heat exposure",
        "cold exposure", "hemorrhag*", "sick person", "(unk|unknown) (problem|medical|sick|illness)",
         "sick (unk|unknown|person|call)",
        "person down", "pregnancy", "childbirth", "traumatic injur*", "unconscious/fainting",
        # Falls (chief complaint 17) named by who fell ("MALE FALL"); "unconscious/fainting" short of
        # unresponsive (ALOC); limbs the person cannot feel (numbness, ICD-10-CM R20.0). (A person who
        # cannot get up or lies on the ground, breathing, is a welfare check in the project's corpus.)
        (
            "(he|she|pt|patient|male|female|man|woman|yom|yof|person|subj|elderly|resident) (fall|falls)"
        ),
        "(not very|barely|hardly|minimally|less) responsive",
        "(can't|cant|cannot|can not|unable to) feel (his|her|their|my|) (legs|arms|leg|arm|feet|hands|face)",
    ),
    # eDispatch.01 dispatch reasons not in the list above, and the ProQA chief-complaint field.
    "NEMSIS": (
        "altered mental status", "(mental status|mental state) (change|changes)",
        "(change|changes|changed) (in|of) (mental status|mental state)", "nausea", "vomiting", "vomitting",
        "vomited", "vomiting blood",
        "(strangulation|asphyxiation)",
        # Hanging as the MPDS complaint means a person hanged: with a person, an attempt or a finding,
        # never a wire, a sign or a car hanging somewhere.
        f"(found|find|discovered|attempted|attempt|attempting|tried|trying|suicide by|by|{_WHO_HANGING})"
        " hanging",
        f"hanging {SELF}", f"hanging {SELF.replace(')(', ') (')}", "hanged",
        "hanging (attempt|victim|suicide)", f"~({_WHO_HANGING}) hanging (around|about|out)",
        "(was|were|been|being|got|get) (choked|strangled|suffocated)",
        "lift assist*", "proqa (paramount|) medical", "(ampds|mpds|emd) *",
        "non emd", "(entrapment|entrapped|trapped|pinned) (inside|in|under|pt|patient|person)",
        "(pt|patient|person|driver|occupant|someone|male|female) (trapped|pinned|entrapped)",
        "carbon monoxide (poisoning|exposure)", "co poisoning", "overdose/poisoning", "poisoning",
        "(suicide|suicidal) attempt*", "attempted suicide", "(shot|stabbed|hanged|hung) (self|oneself)",
        f"(tried|trying|attempted|attempt) to (kill"
        f"|hang|shoot"
        f"|stab|cut|overdose) {SELF}", f"(shot|hung|hanged) {SELF}",
    ),
    # EMD determinant codes of the medical protocols (1-33), as CADs print them ("17A03", "09E01").
    "MPDS": (
        "(1|2|3|4|5|6|7|8|9)(a|b|c|d|e|o)#", "0(1|2|3|4|5|6|7|8|9)(a|b|c|d|e|o)#",
        "(1|2)(0|1|2|3|4|5|6|7|8|9)(a|b|c|d|e|o)#", "3(0|1|2|3)(a|b|c|d|e|o)#",
        # The level after its protocol number ("14 alpha", "10 charlie"), or named as a level; never
        # "charlie 2" alone, which is as often a person named Charlie (equity test: names).
        "(1|2|3|4|5|6|7|8|9|1#|2#|3#|0#) (alpha|bravo|charlie|delta|echo)",
        "(alpha|bravo|charlie|delta|echo) (response|level|call|priority|medical)",
        "(code|codes|determinant|falls|fall|protocol|proqa|emd) #(a|b|c|d|e|o)#",
        "(code|codes|determinant|falls|fall|protocol|proqa|emd) # (a|b|c|d|e|o) #",
    ),
    # 10-52 request ambulance; 10-50 PI (traffic accident, personal injury).
    "APCO-10": ("10 52", "10 50 (pi|personal injury|with injuries|w/ injuries|injury)"),
    # UNC/UNR, UNRESP, UNCONS, LOC, SOB, DIB, AMS: the abbreviations of call-taker entries, and EMS
    # requests in CAD shorthand (REQ EMS / RQTS MED / REQ SQUAD).
    "CAD-ABBR": (
        "unc", "unr", "uncons", "unresp*", "unrespon*", "dib", "d i b", "in (and|&|) out of (consciousness"
        "|consc"
        "|conc|cons)",
        (
            "(needs|need|needing|requesting|requests|request|req|reqs|rqst|rqsts|rqts|send|sending|wants"
            "|want|for a"
            "|for|need a|needs a|requested|called) (an|a|) (ambulance|amb|ems|medic|medics|paramedics|squad"
            "|rescue"
            "|als|bls|med|medical|ems unit|life squad|lifeteam|life flight|air ambulance|helicopter)"
        ),
        (
            "(ems|medic|medics|ambulance|squad|rescue|als|bls|amb) (req|reqd|requested|needed|en route"
            "|enroute"
            "|enrt|enr|called|responding|staged|staging|on scene|notified|notfy|notify|notifd|ntfd|dispatched"
            "|paged|toned|launched|contacted)"
        ),
        "(stage|staging|staged) (for|until) (pd|police|law|le|so|leo)", "medical aid",
        "(c2|c3|code 2|code 3) (medics|medic|ems|ambulance|amb|squad|rescue|als|bls)",
    ),
    # CDPH/CDC signs of an opioid overdose, and naloxone given.
    "CDPH-OD": (
        "pinpoint pupils", "gurgling", "gurgle*", "snoring (sounds|noises|breathing)", "agonal*",
        "(slow|shallow|irregular|labored|laboured) breathing", "breathing (slow|shallow|irregular) *",
        "(blue|purple|grey|gray) (lips|nails|fingernails|fingertips|face|skin)", "limp (body|and"
        "|unresponsive)", "(is|went|gone|body) limp", "evzio", "kloxxado",
        "(narcan|naloxone) (given|administered|admin|admin'd|deployed|used|x#|#x)",
        "(gave|given|administered|deployed|used) (him|her|them|pt|patient|) (#|one|two|a|) (dose|doses"
        "|) (of|) "
        "(narcan|naloxone)",
        "(turning|turned|went|is|looks|look|looking) (blue|purple|gray|grey|gry|ashen|pale)",
        "choking (sounds|noises)", "(can't|cant|cannot|unable to|won't|wont) (rouse|arouse|wake) (him|her"
        "|them|)",
    ),
    # Doubt about consciousness or breathing: a hedged mention ("unk if breathing", "poss not conscious").
    "EVAL-DEV": (
        f"(unk|unkn|unknown|not sure|unsure|no idea|can't tell|cant tell) (if|whether) (he|she|they|pt"
        f"|patient|subj"
        f"|male|female|the male|the female|victim|vic|person|) (is|was|are|were|) {STATE}",
        f"(dont|don't|do not|does not|doesnt|doesn't) know (if|whether) (he|she|they|pt|patient|subj|male"
        f"|female"
        f"|victim|vic|person|) (is|was|are|were|) {STATE}",
        "(breathing|consciousness|conscious|cons|conc|loc) (status|) (unk|unkn|unknown|unsure|uncertain)",
        "not alert", "ovedos*", "overdoes", "(for a|for|reported|possible|poss) fall",
        "(laying|lying|found|is|was) face down", "(has|had|just) passed (at|in|away)",
        "found (him|her|them|pt|patient|the patient|the pt) (on|lying on|laying on|down on) the (floor"
        "|ground)",
        (
            "(req|request|requests|requesting|wants|needs) (an|a|) (evaluation|eval|medical evaluation|to be"
            " checked|checked out|to be evaluated)"
        ),
        "(oxygen|o2|sats|spo2|oxy|oxygen level) (dropped|dropping|low|is low|levels low)",
        "(can't|cant|cannot|unable to) (walk|stand|stand up)", "high fever",
        (
            "(to be taken|wants to go|needs to go|take him|take her|take them|transport|transported|ride) to"
            " (the|a|an|) (hospital|er|emergency room)"
        ),
        "(year old|yr old|yo|yom|yof|y/o|yoa|yrs old), (male|female), (conscious|unconscious|consciousness)",
        "~(been|was|got|is|were|just) shot at", "~(low|loose) hanging",
        "~hanging (wire|wires|line|lines|branch|branches|limb|limbs|sign|light|lights|out|around|about)",
         "~(seizure|seizures|seized) of",
        "non (life|) threatening", "(critical|serious|stable|grave) condition",
        "transported to (a|an|the|) (area|local|nearby|) (hospital|er|trauma center|medical center)",
        "(hospital|er) for treatment", "homicid*", "fatal*", "~fatal* (error|flaw|attraction)", "passed away",
        "asthma*", "copd", "wheez*", "tachycardi*", "(face|facial|arm|leg|side) numbness",
        "numbness (in|to|on)", "(feeling|feels|felt|is|been|very|really|getting|gotten|became|was) (sick"
        "|ill)",
        "not feeling well", "(kidney|heart|bowel|breathing|diabetic|cardiac) (problem|problems|issues|hx)",
    ),
}

MEDICAL = (*_BEFORE, *(p for phrases in ADDED.values() for p in phrases))
