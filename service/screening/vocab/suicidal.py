"""Suicidal: thoughts, threats, warning signs or self-harm; and the means at hand (suicidal_means,
which only counts with suicidal intent). Unchanged by issue #17.
"""

from __future__ import annotations

from service.screening.vocab.shared import DET, DONT, DRUGS, PRON, REL, SELF

__all__ = ["SUICIDAL", "SUICIDAL_MEANS"]

SUICIDAL = (
    "suicid*", "sucid*", "suicd*", "suisid*", "suiside*", "sucide*", "suicde*", "suiciadal", "suicidial",
    "si", "s/i", "passive si", f"kill* {SELF}", f"kill* {SELF.replace(')(', ') (')}",
    "end (his|her|their|my|your) (own|) life", "end it", "end it all", "ending it", "ending it all",
    "ending (his|her|their|my) (own|) life", "(take|taking|took) (his|her|their|my) (own|) life",
    "(wants|want|wanted|wanting|going|trying|tried) to die", "better off dead",
    "wish* (he|she|they|i) (was|were) dead",
    "(doesn't|does not|doesnt|don't|do not|dont|didn't|did not) want to (live|be alive|be here|wake up)",
    "no reason to live", "not worth living", "better off without (him|her|me|them|us)",
    f"{DONT} see the point", "no point (in|) (living|going on|being alive)",
    "(nobody|no one) would miss (him|her|me|them)",
    "(sleep|go to sleep|fall asleep) and (not|never) wake up",
    (
        "(threat* to|going to|gonna|wants to|want to|wanting to|about to|trying to|will|might|may|could"
        "|plans to|planning to|plan to) jump"
    ),
    f"found {PRON} hanging", f"found {DET} {REL} hanging", "hanging from",
    "jumper", "(legs|leg|feet) over the (side|edge|railing|rail)",
    "(on|over) the (bridge|overpass) (railing|rail|edge)",
    "(standing|sitting) on the (edge|ledge)", f"hang* {SELF}", "noose",
    f"(shoot*|stab*|cut|cuts|cutting|hurt*|harm*|drown*|punch*|hit|hits|hitting|bang*|burn*) {SELF}",
    f"(use|using|turn|turning) (it|the gun|a gun|the knife|a knife) on {SELF}",
    "(won't|wont|will not|not going to|not gonna|not) (be|being) around (much longer|anymore|for long|long)",
    "goodbye (everyone|everybody|all|world|forever)",
    (
        "looking (down at traffic|down at the traffic|over the edge|over the side|over the railing|down"
        " from the bridge)"
    ),
    # Emptying a whole supply is treated as an attempt until ruled out; "took some pills" is not.
    (
        f"(took|swallowed|ingested|taken) (a bottle of|an entire bottle of|the whole bottle of|all of|all)"
        f" (his|her|their|my|) {DRUGS}"
    ),
    "self harm*", "self injur*",
    "slit* (his|her|their|my) wrist*", "(overdose|od) on purpose",
    "(plan|plans|planning|planned|going|threat*|wants|want|wanted) to (od|overdose)",
    "suicide note", "goodbye (note|letter|text|texts|message|messages|video)",
    "(said|saying|says|sent|sending|texted) goodbye",
    (
        "(jump|jumping|step|stepping|walk|walking|run|running|throw* himself|throw* herself) in front of"
        " (a|an|the) (train|bus|car|truck|traffic)"
    ),
    "life (isn't|is not|isnt|not) worth (living|it)",
    "giving away (his|her|their|my) (stuff|things|belongings|possessions|property)",
    "(and|then|and then) (him|her|them)(self|selves)",
)

SUICIDAL_MEANS = (
    DRUGS, "pill bottle", "acetaminophen", "oxycodone", "oxycontin", "percocet*", "fentanyl", "stockpil*",
    "rope", "noose", "extension cord", "cord", "ligature",
    "belt around (his|her|their) neck", "bridge", "overpass", "ledge", "roof", "rooftop", "balcony",
    "tracks", "train tracks", "railroad", "cliff", "parking garage", "parking structure", "high rise",
    "(car|engine) running in (the|a) garage", "exhaust", "carbon monoxide", "charcoal", "bleach",
    "antifreeze", "poison", "plastic bag", "means", "hanging", "hose", "(engine|car|truck) running",
    "in front of (a|an|the) (train|bus|car|truck|traffic)", "train",
    "!(meds|medications|medication|pills) (are|were|is|) (locked up|locked away|locked|secured|removed)",
    (
        "!(locked up|locked away|secured|removed|hid|took away|taken away) (his|her|their|the|all|all the"
        "|) (meds|medications|medication|pills)"
    ),
)
