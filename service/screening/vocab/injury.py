"""injury"""

from __future__ import annotations

from service.screening.vocab.shared import BODY, DET, PRON, REL, SELF

__all__ = ["INJURY"]

INJURY = (
    "injur*", "injer*", "injred", "inj", "inj'd", "!uninjured", "!un injured", "hurt",
    f"~hurt* {PRON}", f"~hurt* {DET} {REL}", f"~hurt* {REL}", f"~hurt* {SELF}",
    f"~hurt* {SELF.replace(')(', ') (')}",
    f"hurt (his|her|their|my) {BODY}",
    "~(old|prior|previous|past|chronic) injur*",
    "bleed*", "bloody", "blood", "~blood (sugar|pressure|alcohol|test|work|draw|type|bank|drive)",
    "~(vomiting|throwing up|coughing up|coughing) blood",
    f"cut (on|to|across|above|below|in) (his|her|their|my|the|) {BODY}",
    "(a|has a|have a|got a|deep|small|big|bad|large|minor) cut",
    "cuts", f"cut (his|her|their|my) {BODY}", "lacerat*", "lac", "abrasion*", "road rash", "gash*",
    "bruis*", "swelling (to|on|in|around)", f"swollen {BODY}",
    "(eye|face|lip|lips|jaw|nose) (is|was|are) swollen",
    "black eye", "(scooter|bike|bicycle|motorcycle|moped|skateboard) (crash|accident|wreck)", "bloody nose",
    (
        f"(broken|broke|fractured|dislocated|sprained|twisted) (his|her|their|my|a|an|) ({BODY[1:-1]}|bone"
        f"|bones|collarbone|toe)"
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
