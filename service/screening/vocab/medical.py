"""medical"""

from __future__ import annotations

from service.screening.vocab.shared import AMOUNT, DET, DRUGS, PRON, REL

__all__ = ["MEDICAL"]

MEDICAL = (
    "unconscious*", "unconcious*", "unconsious*", "unconcsious*", "unconsc", "uncon", "unconc",
    "semi conscious", "semiconscious", "not conscious", "barely conscious", "in and out of consciousness",
    "loss of consciousness", "lost consciousness", "loc", "~(unk|unknown|new|last|current|cur) loc",
    "~loc (unk*|unknown)", "passed out", "passing out", "fainted", "fainting", "feels faint", "syncop*",
    "collapsed", "collapse", "collapsing", "(isn't|isnt|is not|wasn't|was not|stopped) moving",
    "(didn't|did not|doesn't|does not|won't|wont) wake", "lethargic", "chest (feels|felt|is) (heavy|tight)",
    "abdominal pain",
    "(severe|extreme|excruciating|unbearable) (pain|abdominal pain|stomach pain|headache|head pain)",
    "(now|suddenly|newly|acutely|became|becoming) (confused|disoriented)",
    "(he's|she's|he is|she is|they're|turning|turned|went|looks) (blue|purple|gray|grey|ashen)",
    "(man|person|male|female|woman|subject|subj) down", "not moving",
    "unresponsive", "unresponsve", "unresposive", "unrespnsive", "unresponive", "unrepsonsive",
    "non responsive", "nonresponsive", "non responsve", "not responsive", "not responding", "unarousable",
    "(won't|wont|will not) wake up", "(can't|cant|cannot|can not|unable to) wake", "can't be woken",
    "not waking up", "not breathing", "isn't breathing", "isnt breathing", "stopped breathing",
    "barely breathing", "no pulse", "pulseless", "cpr", "chest compressions", "cardiac arrest", "cardiac",
    "heart attack", "chest pain*", "chest pian*", "c/o cp", "cp/sob", "chest tightness", "chest pressure",
    "(c/o|w/|with|and) sob", "short of breath", "shortness of breath",
    "(difficulty|trouble|problems|hard time|struggling|difficult|diff|dif) breathing", "labored breathing",
    "(can't|cant|cannot|can not|unable to) breathe", "gasping", "choking", "choking on",
    f"~chok* {PRON}", f"~chok* {DET} {REL}", "throat swelling", "throat closing", "anaphyla*",
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
    "ingested", "poisoning", f"(took|swallowed|ingested|taken) {AMOUNT} (his|her|their|my|) {DRUGS}",
    "(needs|need|requesting|requests|request|req|send|sending|wants) (an|) (ambulance|ems|medics|paramedics)",
    "(ems|medics|ambulance) (req|requested|needed|en route|enroute|called)",
    "needs medical",
    "medical (emergency|issue|issues|problem|problems|distress|attention|help|call|condition)",
    "!(refus*|declin*) (medical|ems|medics|ambulance|transport|treatment|care|aid)",
    "(possibly|poss|maybe|might be|may be|is|be|found|appears|looks|appear to be|appears to be) dead",
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
