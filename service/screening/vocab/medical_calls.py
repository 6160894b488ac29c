"""Medical, continued: EMD chief complaints and EMS dispositions that name a medical call by what
happened to a person (a sick person, a rider or pedestrian struck, a death) rather than by a
symptom. Split from medical.py, which is at its size limit; service.screening.vocab joins both.

Chosen after reading the misses of round 3's dev half (data/screening-eval-3/dev.jsonl), never its
test half, and filed by the published source that names each family; the round-3 labelling guide's
rulings decide hedged or present. Figures on round 3's dev half are therefore tuned on.
"""

from __future__ import annotations

__all__ = ["ADDED", "MEDICAL_CALLS"]

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

MEDICAL_CALLS = tuple(p for phrases in ADDED.values() for p in phrases)
