"""Intoxication: alcohol or drugs in use now, overdoses included; history alone does not count.

The first tuple is the vocabulary as it stood before issue #17; ADDED holds what issue #17 added.
"""

from __future__ import annotations

__all__ = ["ADDED", "INTOXICATION"]

_BEFORE = (
    "drunk*", "drnk", "intox*", "inebriat*", "etoh", "alcohol", "booze", "drinking", "liquor", "vodka",
    "tall can*", "wasted", "hammered", "plastered", "tipsy", "buzzed", "sloshed",
    "high on", "high as",
    (
        "(is|was|seems|seem|appears|appear|looks|look|acting|very|super|getting|get|gets|so|really|he's"
        "|she's|they're|i'm|im|got|be|being|possibly|poss|probably|prob|maybe|definitely|extremely) high"
    ),
    "(drunk|intoxicated|buzzed|tipsy) (or|and|/) high", "drunk/high", "under the influence",
    "on drugs", "on something", "took something", "on meth", "meth", "meths", "methed", "methamphetamine*",
    "meth head", "tweaking", "tweaker", "tweakin", "smoking crack", "crack pipe", "on crack", "crack cocaine",
    "crackhead*", "cocaine", "heroin", "fentanyl", "angel dust", "sherm", "spice", "k2", "xanax", "xanny",
    "percocet*", "oxycodone", "oxycontin", "adderall", "opioid*", "opiate*", "marijuana", "smoking weed",
    "smoking pot",
    "huffing", "inhalant*", "mushrooms", "shrooms", "lsd", "bad trip", "tripping",
    (
        "(reeks|reeking|smells|smelled|smelling|odor|stinks) (of|like) (beer|booze|liquor|wine|weed"
        "|marijuana|pot)"
    ),
    "using drugs", "doing drugs", "drug use", "substance use", "drugged", "drugs",
    "~(selling|dealing|sells|deals|sold|dealt) drugs",
    "nodding off", "nodding out", "needle in (his|her|their) arm", "shooting up",
    "overdos*", "over dose*", "od", "ods", "od'd", "od'ing", "oding", "narcan*", "naloxone",
    "~(plan|plans|planning|planned|going|threat*|wants|want|wanted) to (od|overdose)",
    "dui", "detox", "withdrawal", "slurring (his|her|their|) words", "stumbling", "staggering",
    "!sober",
)

ADDED: dict[str, tuple[str, ...]] = {
    # Overdose and naloxone vocabulary (naloxone brand names), signs of opioid use.
    "CDPH-OD": ("evzio", "kloxxado", "pinpoint pupils", "nodding", "opioid overdose", "fentanyl overdose"),
    # 10-55 intoxicated driver, 10-56 intoxicated pedestrian.
    "APCO-10": ("10 55", "10 56"),
}

INTOXICATION = (*_BEFORE, *(p for phrases in ADDED.values() for p in phrases))
