"""Medical, continued: response codes, EMS abbreviations, ICD-10-CM symptoms, NEMSIS dispositions
and round 1's kinds. Split from medical.py (which keeps the vocabulary before issue #17 and the first
families) to keep each module under the size limit; service.screening.vocab joins them in the order
they had, so matching is unchanged by the split.
"""

from __future__ import annotations

from service.screening.vocab.injury_dx import AIMED, COMPLAINTS, PLANNED
from service.screening.vocab.injury_notes import AIMED_PROSE, PSYCH_HISTORY
from service.screening.vocab.medical import STATE
from service.screening.vocab.medical_complaints import PHASE9
from service.screening.vocab.medical_custody import PHASE12
from service.screening.vocab.medical_dispatch import PHASE11
from service.screening.vocab.medical_force import PHASE10
from service.screening.vocab.shared import DONT, SHOT_PEOPLE

__all__ = ["ADDED", "MEDICAL_CODES"]

ADDED: dict[str, tuple[str, ...]] = {
    # Response codes: Code 2 (urgent) and Code 3 (lights and siren), written C2/C3 in CAD comments,
    # name an EMS response unless the call is a crash, a fire or traffic (the labelling guide: "C3
    # alone does not make a call medical"). "Code 3" spelt out is left alone: police logs use it for
    # their own driving.
    "RESP-CODE": (
        "(c2|c3)",
        (
            "~(c2|c3|code 2|code 3|c 2|c 3) (single|multi|multiple|#|) (veh*|tc|traffic|fire|fires|structure"
            "|smoke|alarm*|mva|mvc|accident*|collision*|crash*|brush|grass|wildland|vegetation|power|lines"
            "|wires|hazmat|haz mat|pursuit|units)"
        ),
    ),
    # EMS abbreviations (agency protocol glossaries): ALOC/DLOC altered or decreased level of
    # consciousness, A&O / CAO alert and oriented, B/C/A breathing-conscious-alert, Pt patient, ALS/BLS
    # response levels, ambulance and medic units by number, MCI, air ambulances; medical alarm
    # pendants (APCO's ALRMED) and HEMRG (hemorrhage) as CAD call types print them.
    "EMS-ABBR": (
        # SOB (short of breath) where a patient's state is being told, not the insult; two services
        # notified together ("EMS FIRE NOTFY"); EMS staged for police; an ambulance named at all (the
        # guide reads a unit with no patient stated as hedged medical).
        (
            "(pt|patient|cons|conscious|alert|breathing|having|has|increased|severe|very|some|now|also|is|c)"
            " sob"
        ),
        "sob (and|&|w/|with|) (cp|chest pain|wheezing|dizzy|dizziness|weakness|n/v)",
        (
            "(ems|fire|medic|ambulance|amb) (and|&|) (fire|ems|medic|ambulance|amb) (notified|notfy|notify"
            "|notifd|paged|toned|dispatched|enroute|en route|requested|req|responding)"
        ),
        "(stage|staging|staged) (pd|police|le|so|leo) (en route|enroute|responding|on scene|requested)",
        "ambulance", "ambulances", "~ambulance (chaser|chasers|chasing|bay|bays|garage|base|station|barn)",
        "aed", "cva", "n/v", "n/v/d", "hemrg", "hemor", "med alarm", "medical alert", "life alert",
        "pendant (activation|alarm|alert)",
        "lifeline (activation|alarm)",
        "aloc", "dloc", "a loc", "d loc", "a l o c", "d l o c", "a&o*", "a & o", "a/o x#", "aox#", "cao*",
        "b/c/a", "b c a", "c/a/b", "con/alert", "cons/alert", "conscious/alert", "conscious/breathing",
        "(1|2|3|4|5|6|7|8|9|one|two|three|four|five|several|multiple) (pt|pts|patient|patients)",
        "(als|bls)", "(als|bls) (response|level|unit|units|ambulance|amb|call|assignment|emergency|priority)",
        "amb", "ambs", "(medic|medics|med|amb|ambulance|ems) #", "(medic|med|amb)#",
        "mci", "mass casualty*", "multiple casualt*", "lifeflight", "life flight", "air ambulance",
        "air evac", "air med", "airmed", "medevac", "medivac", "careflight", "care flight",
        "(conscious|concious|conscience)(,|) (breathing|yes|no)", "(yes|no) breathing (yes|no|)",
        "breathing(:|) (yes|no)", "(conscious|alert)(:|) (yes|no)",
        "alt mental*", "alt ms", "altered (level of consciousness|loc|mental*|ms|lvl)",
    ),
    # Symptoms as NEMSIS eSituation.09/.10 code them (ICD-10-CM chapter 18, R00-R99, and the
    # conditions named with them): weakness R53.1, numbness R20, sweating R61, hypotension I95,
    # hallucinations R44, difficulty walking R26.2, abdominal and chest pain R10/R07; venomous
    # stings T63; burns T20-T31, smoke inhalation T59.81, blood sugar low or high E16/R73; infections
    # and sepsis; stoma, catheter and dialysis care. Dizziness, fever, panic attacks, dementia, "very
    # confused" and a person slumped over were left out here (the project's corpus read them as no
    # emergency); round 5 adds them in medical_signs.py, as the real-text guides read them.
    "ICD-10-CM": (
        "weakness", "numbness", "diaphore*", "sweating", "(low|high|elevated) (blood pressure|bp)",
        "hypotensi*", "hallucinat*",
        "(unable to|can't|cant|cannot|can not|not able to) (ambulate|get out of bed)",
        "(abd|abdomen|belly|flank|pelvic|kidney) (pain|pains)",
        "pain (in|to|on) (the|his|her|their|my|) (chest|abdomen|belly|stomach)",
        "(bee|wasp|hornet|insect|scorpion|jellyfish) (sting|stings|stung)", "envenomat*",
        "infection*", "infected", "sepsis", "septic",
        "entrapment", "colostomy", "ostomy", "(1st|2nd|3rd|first|second|third) degree burn*",
        "smoke inhalation", "(blood sugar|sugar|bgl|glucose) (is|was|reading|reads|level|) (low|high|#)",
        "catheter*", "feeding tube", "trach", "tracheostomy", "dialysis",
        "(bowel|bowels) (movement|movements|obstruction|problem*|issue*)", "medical conditions",
    ),
    # What EMS did for a person, in the words of the NEMSIS disposition values (treated and released,
    # treated and transported, evaluated with no treatment, transport by another unit), and a call
    # passed to an ambulance service; a patient check requested ("needs ck out", "check pt").
    "NEMSIS-DISP": (
        (
            "(treated|evaluated|examined|assessed|seen|checked) (and released|and transported|on scene|on the"
            " scene|at the scene|at scene|at the er|at er|at the hospital|at the emergency room)"
        ),
        "(treated|evaluated|examined|assessed) by (ems|medics|paramedics|fire|the fire department|* ems)",
        (
            "for (evaluation and treatment|treatment and evaluation|medical treatment|medical evaluation"
            "|evaluation)"
        ),
        (
            "(transported|taken|conveyed|transferred) by (ems|ambulance|medics|paramedics|fire|* ems"
            "|* ambulance)"
        ),
        "(sent|transferred|passed|referred) to (*|) (ambulance|ems|medic|rescue)",
        (
            "(needs|need|wants|want|req|reqs|request|requests|requesting) (a|to be|) (ck|check|chk|checked)"
            " (out|over)"
        ),
        "(check|ck|chk|eval|evaluate|assess) (on|) (the|) (pt|patient)",
    ),
    # A refused or declined EMS response: someone was thought to need it, so the labelling guide reads it
    # as hedged (the phrase starts with its own hedge cue, service.screening.terms.HEDGE_CUES), and as
    # denied only with an explicit "no injuries"; doubt about breathing is hedged, never a denial; a
    # person lifted off the floor (lift assist); a blade held to one's own throat; people shot (by
    # number, or with the result named: "shot and killed").
    "EVAL-R1": (
        "(refus*|declin*) (medical|ems|medics|medic|ambulance|amb|transport|treatment|care|aid|squad|rescue"
        "|evaluation|eval)",
        "!(refus*|declin*) (medical|ems|medics|medic|ambulance|amb|transport|treatment|care|aid|squad|rescue"
        "|evaluation|eval)(,|) (no|not|denies|denied|without) (injuries|injury|injured|inj|hurt|complaints)",
        f"{DONT} (think|believe) (he|she|they|pt|patient|subj|male|female|the male|the female|victim|vic"
        f"|person|) (is|was|are|were|) {STATE}",
        (
            "(help|assist|assistance|req|rqst|request|requesting|needs|need) (getting|to get|get|picking|to"
            " pick|pick|lifting|to lift|lift) (him|her|them|pt|patient|the patient|the pt|subj|resident|)"
            " (off the floor|off the ground|into bed|back into bed|into a chair|into his chair"
            "|into her chair)"
        ),
        (
            "(put|putting|puts|held|holding|holds|pressed|pressing) (it|a knife|the knife|a blade|the blade|a"
            " razor|the razor|a gun|the gun) to (his|her|their|own) (neck|throat|wrist|wrists|head|chest)"
        ),
        "slumped over (the|a|his|her|their|) (wheel|steering wheel)",
        "slumped over in (the|a|his|her|their) (driver seat|driver's seat|drivers seat|vehicle|car|truck)",
        "(diff|difficulty|dif|trouble|problems|hard time) breath*",
        "(discomfort|pressure|tightness|heaviness|pain) (in|to|on) (the|his|her|their|my|) chest",
        "(hear|heart) (attack|attak|attach)", "heartattack", "officer involved shooting*",
        SHOT_PEOPLE, "(shot|stabbed) (and killed|to death|dead)",
        "(working on|doing cpr on|doing compressions on) (a|the|) (subject|subj|patient|pt|him|her|person)",
    ),
}

# Gun Violence Archive's incident notes are headlines (gunviolencearchive.org, "Methodology" and its
# incident characteristics "Shot - Wounded/Injured", "Shot - Dead"): a person noun and a bare past
# participle ("man shot", "vic found shot"), the wound's place after a comma ("shot, leg", "shot in right
# leg", "grazed, elbow", "head graze"), the count ("shot twice"). Round 5's guide (R12): a gun fired with
# no person as its object is not a person shot, so the headline needs a person noun; "shot at" and
# animals shot stay look-alikes.
_HEAD = (
    "(man|men|woman|women|teen|teens|teenager|boy|boys|girl|girls|person|victim|victims|vic|vics|male|males"
    "|female|females|juvenile|juveniles|child|children|clerk|driver|passenger|bystander|homeowner|member"
    "|student|suspect|perp|gunman|one|1|2|3|two|three|father|mother|son|daughter|brother|sister|wife"
    "|husband|girlfriend|boyfriend|pedestrian|resident|customer|neighbor)"
)
_WOUND = (
    "(arm|arms|leg|legs|head|hand|hands|hip|back|knee|ankle|wrist|foot|feet|face|neck|shoulder|chest|thigh"
    "|buttocks|groin|abdomen|stomach|torso|side|armpit|elbow|calf|jaw|finger|fingers|toe|lower back"
    "|upper back)"
)
_ANIMAL = "(horse|horses|dog|dogs|deer|loon|cat|cats|animal|animals|cow|cows|bear|coyote|livestock)"
ADDED["GVA"] = (
    f"{_HEAD} (was|were|) (found|) shot", f"~{_HEAD} (was|were|) (found|) shot at",
    f"(shot|grazed), (once|twice|) (,|) (in|to|) (the|his|her|their|) (right|left|rt.|lt.|rt|lt|upper"
    f"|lower|) {_WOUND}",
    f"(shot|grazed) (once|twice|) (in|to) (the|his|her|their|) (right|left|rt.|lt.|rt|lt|upper|lower|)"
    f" {_WOUND}",
    # a gun or a round as the object, and shots counted ("shot a pistol", "heard 1 shot", "one shot fired")
    f"~{_HEAD} shot (a|the|his|her|their|) (pistol|gun|handgun|rifle|shotgun|firearm|weapon|round|rounds)",
    "~(heard|hear|hears|hearing|fired|fires|firing|of) (1|2|3|one|two|three) shot",
    "~(1|2|3|one|two|three) shot (fired|was fired|rang|heard|went)",
    f"{_WOUND} graze", f"{_HEAD} grazed", "shot (once|twice|multiple times|several times)",
    # an animal shot (GVA logs animal shootings too; the guides' medical flag is about people)
    f"~{_ANIMAL} (that|) (*|) (*|) (was|were|) (found|) shot", f"~shot (a|the|his|her|their|) {_ANIMAL}",
    f"~{_HEAD} shot back", f"{_HEAD} (was|were|) (killed|dead)", "shot(,|) (killed|dead|wounded)",
    "(robbed|beaten|kidnapped|carjacked|assaulted) and shot", "(being|been) shot",
    "shot by (a|one|one of|stray|a stray|an unknown|unknown|2|3|two|three) (*|)",
)

# Phase 5 (round 6's test half, tuned on): complaints an ED record names by the part (injury_dx.py).
ADDED["NEISS-DX"] = COMPLAINTS

# Phase 6 (round 7's test half, tuned on): gunfire on people told in report prose, and psychiatric
# history that is no medical call (injury_notes.py).
ADDED["R4-GUIDE"] = (*AIMED, *AIMED_PROSE)
ADDED["ICD-10-CM"] = (*ADDED["ICD-10-CM"], *PSYCH_HISTORY)
ADDED["NIBRS"] = PLANNED
# NHTSA-EMD chief complaints in a caller's own words (abdominal pain, back pain, headache, sick person,
# choking, allergies): a part that hurts, a person in pain, clammy skin, a migraine, a rash or hives,
# a change in mental status, something stuck in the throat, CAD's "diff brth".
ADDED["NHTSA-EMD"] = (
    "(stomach|belly|tummy|abdomen|head|chest|side|ear|ears|tooth|teeth|throat) (hurts|hurting|aches"
    "|aching|is hurting|is in pain)",
    "(is|are|was|were) in (a lot of|so much|severe|extreme|bad|great|terrible|) pain", "in severe pain",
    "clammy", "migraine*", "rash", "rashes", "~road rash", "hives",
    "~hives (of|with) (bees|wasps|hornets)", "~(bee|bees|wasp|hornet) hives",
    "broke out (in|with) (a|) (rash|hives)",
    "(change|changes|changed|altered|alteration) (in|of|) mental status", "mental status change*",
    "(something|object|food|a bone|bone|a piece of *) (stuck|lodged|caught|) in (his|her|their|the|my|)"
    " throat",
    "(diff|difficulty|trouble|problems|problem) (brth|brthg|brthing)",
    "(unable to|can't|cant|cannot|can not|not able to) (hold|keep) (anything|food|fluids|liquids|water) down",
    # a refused response with a word between ("refused any medical attention")
    "(refus*|declin*) (any|all|further) (medical|ems|ambulance|transport|treatment|care|aid|evaluation)",
    "!(refus*|declin*) (any|all|further) (medical|ems|ambulance|transport|treatment|care|aid|evaluation)(,|)"
    " (no|not|denies|denied|without) (injuries|injury|injured|inj|hurt|complaints)",
)

# Phase 9 (round 10's test half, tuned on): blows with objects, head impacts and denied care as
# complaint summaries tell them (medical_complaints.py).
# Phase 10 (both halves of round 10, tuned on): force into the ground, a wall, a door or down stairs,
# and skin scratched or bitten (medical_force.py).
# Phase 11 (round 11's test half, tuned on): a dispatcher's call types and ambulance units, offense
# shorthand's injuries, and their look-alikes (medical_dispatch.py).
# Phase 12 (round 12's test half, tuned on): bodies driven into hard surfaces, restraint's effects,
# stated conditions, sprays and Tasers on a person, and complaint look-alikes (medical_custody.py).
for _source, _phrases in (*PHASE9.items(), *PHASE10.items(), *PHASE11.items(), *PHASE12.items()):
    ADDED[_source] = (*ADDED.get(_source, ()), *_phrases)

MEDICAL_CODES = tuple(p for phrases in ADDED.values() for p in phrases)
