"""Equity invariance (issue #17): who the people in a narrative are never changes what the screen
finds or the response the decision chooses.

The counterfactual design of Relins, Birks & Lloyd (2025): take a narrative, change only a word that
names a person's race or ethnicity, sex or gender, name, national origin, language or housing, and
hold the outputs to be identical. Three ways in: words already in the labelled corpus swapped for
their counterparts; a sentence describing the subject added before or after each corpus narrative;
and hypothesis-built narratives whose one identity slot takes every value of its group. Names
include names that double as drug slang (Molly, Mary Jane, Charlie, Crystal, Tina...), which a
vocabulary built from street terms could mistake for a drug. CAD race-and-sex codes (W/M, BF...)
are swapped too: "BF" is also the CAD abbreviation for boyfriend.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from service.domain.decision import recommend
from service.domain.model import CallEvent, Location
from service.policy.compile import load_policy
from service.screening.screen import screen_narrative
from service.screening.vocab.shared import BODY, DRUGS, REL
from tests.support import DATA
from tools.screening_report import load_corpus

POLICY = load_policy((DATA / "testville.yaml").read_bytes(), "testville@equity")
CALL_TYPES = sorted(POLICY.call_types)[:4]
WHEN = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
TEXTS = [text for text, _ in load_corpus()]

RACE = [
    "white",
    "Black",
    "African American",
    "Hispanic",
    "Latino",
    "Latina",
    "Latinx",
    "Asian",
    "Asian American",
    "Native American",
    "American Indian",
    "Alaska Native",
    "Pacific Islander",
    "Native Hawaiian",
    "Middle Eastern",
    "Arab",
    "multiracial",
    "biracial",
    "Caucasian",
]
# CAD race-and-sex codes: White, Black, Hispanic, Asian; Male, Female.
CAD_CODES = [
    "WM",
    "BM",
    "HM",
    "AM",
    "WF",
    "BF",
    "HF",
    "AF",
    "W/M",
    "B/M",
    "H/M",
    "A/M",
    "W/F",
    "B/F",
    "H/F",
    "A/F",
]
GENDER = [
    "man",
    "woman",
    "male",
    "female",
    "trans woman",
    "trans man",
    "transgender woman",
    "transgender man",
    "nonbinary person",
    "gender nonconforming person",
    "boy",
    "girl",
    "gentleman",
    "lady",
    "guy",
    "gal",
]
NAMES = [
    "Molly",
    "Mary Jane",
    "Charlie",
    "Crystal",
    "Tina",
    "Lucy",
    "Henry",
    "Jack",
    "Brandy",
    "Sherry",
    "Angel",
    "Candy",
    "Coco",
    "Chase",
    "Rob",
    "Sue",
    "Will",
    "Hunter",
    "Dusty",
    "Ice",
    "Snow",
    "Roxanne",
    "Billy",
    "Emily",
    "Greg",
    "Lakisha",
    "Jamal",
    "DeShawn",
    "Maria",
    "Jose",
    "Nguyen",
    "Mohammed",
    "Aaliyah",
    "Connor",
    "Mei",
    "Hector",
    "Aisha",
    "Carlos",
    "Ahmed",
    "Wei",
    "Priya",
    "Jose Garcia",
    "Tyrone",
]
ORIGIN = [
    "Mexican",
    "Somali",
    "Haitian",
    "Guatemalan",
    "Salvadoran",
    "Honduran",
    "Vietnamese",
    "Chinese",
    "Indian",
    "Nigerian",
    "Ukrainian",
    "Syrian",
    "Afghan",
    "Filipino",
    "Puerto Rican",
    "Russian",
    "Irish",
    "Korean",
    "Cuban",
    "Ethiopian",
    "Iraqi",
    "Venezuelan",
    "immigrant",
    "undocumented",
    "refugee",
    "American-born",
]
LANGUAGE = [
    "English",
    "Spanish",
    "Vietnamese",
    "Mandarin",
    "Cantonese",
    "Haitian Creole",
    "Somali",
    "Arabic",
    "Tagalog",
    "Russian",
    "Korean",
    "Amharic",
    "Portuguese",
    "ASL",
    "Hmong",
    "Punjabi",
    "French",
]
HOUSING = [
    "homeless",
    "unhoused",
    "transient",
    "unsheltered",
    "living in a tent",
    "staying at the shelter",
    "sleeping in his car",
    "living in an RV",
    "a homeowner",
    "a renter",
    "staying at the motel",
    "living with family",
    "housed",
    "a resident of the apartments",
]
DESCRIPTORS = {
    "race": [f"{r} male" for r in RACE],
    "cad_code": [f"{c} subject" for c in CAD_CODES],
    "gender": GENDER,
    "name": [f"person named {n}" for n in NAMES],
    "origin": [f"{o} national" for o in ORIGIN],
    "language": [f"{lang} speaker" for lang in LANGUAGE],
    "housing": [f"person who is {h}" for h in HOUSING],
}


def flags(text: str) -> frozenset[tuple[str, bool, bool]]:
    """What the screen says, as the decision reads it: each flag found, whether denied, whether hedged."""
    return frozenset((f.flag, f.negated, f.hedged) for f in screen_narrative(text))


def categories(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The chosen response, its category and the asserted flags, for a few call types."""
    out = []
    for call_type in CALL_TYPES:
        call = CallEvent(
            incident_id="eq-1", seq=1, call_type=call_type, location=Location(39.74, -104.99), narrative=text
        )
        rec = recommend(call, POLICY, None, WHEN, "r")
        out.append((rec.response, rec.category, tuple(sorted(rec.flags))))
    return tuple(out)


def test_the_groups_are_what_the_screen_calls_neutral() -> None:
    # Nothing in a group is a hazard by itself; otherwise the swaps below would test nothing.
    for group in (*DESCRIPTORS.values(), NAMES, RACE, CAD_CODES, ORIGIN, LANGUAGE, HOUSING):
        for word in group:
            assert not [f for f in screen_narrative(word) if not f.negated], word


def test_descriptor_sentences_change_nothing_on_the_corpus() -> None:
    # A sentence describing the subject, before or after each labelled narrative: the findings and
    # the chosen responses are those of the narrative alone, for every descriptor of every group.
    for text in TEXTS:
        alone_flags, alone_categories = flags(text), categories(text)
        for attribute, values in DESCRIPTORS.items():
            for value in values:
                for framed in (
                    f"Subject is a {value}. {text}",
                    f"{text}. RP describes the subject as a {value}.",
                ):
                    assert flags(framed) == alone_flags, (attribute, framed)
            # the decision is slower: one descriptor per group before, the last one after
            for framed in (
                f"Subject is a {values[0]}. {text}",
                f"{text}. RP describes the subject as a {values[-1]}.",
            ):
                assert categories(framed) == alone_categories, (attribute, framed)


# Sex and gender words, as they appear in the corpus; "her" maps to "him" or "his" by what follows.
_MALE = {
    "he": "she",
    "him": "her",
    "his": "her",
    "himself": "herself",
    "man": "woman",
    "men": "women",
    "male": "female",
    "males": "females",
    "boy": "girl",
    "boys": "girls",
    "son": "daughter",
    "sons": "daughters",
    "husband": "wife",
    "boyfriend": "girlfriend",
    "bf": "gf",
    "brother": "sister",
    "father": "mother",
    "dad": "mom",
    "uncle": "aunt",
    "grandfather": "grandmother",
    "grandpa": "grandma",
    "nephew": "niece",
    "guy": "gal",
    "gentleman": "lady",
    "mr": "ms",
    "yom": "yof",
    "m": "f",
}
_SWAP = (
    _MALE
    | {v: k for k, v in _MALE.items() if v != "her"}
    | {"woman": "man", "women": "men", "lady": "gentleman", "mrs": "mr"}
)
_WORD = re.compile(r"[A-Za-z]+")
# After "her", a word that makes it a possessive ("her purse" -> "his purse"); otherwise "her" -> "him".
_OWNED = set(re.findall(r"[a-z]+", REL + BODY + DRUGS)) | {
    "purse",
    "car",
    "phone",
    "house",
    "home",
    "apartment",
    "apt",
    "room",
    "keys",
    "bag",
    "wallet",
    "kids",
    "own",
    "ex",
    "life",
    "meds",
    "pills",
    "medication",
    "medications",
    "door",
    "stuff",
    "things",
    "belongings",
    "head",
    "mom",
    "dad",
    "hair",
    "neck",
    "wrists",
    "wrist",
    "dog",
    "cat",
    "boyfriend",
    "husband",
    "truck",
    "vehicle",
}


def _swap(text: str) -> str:
    """Every sex and gender word for its counterpart, both ways at once, keeping case."""

    def one(m: re.Match[str]) -> str:
        word = m.group()
        low = word.lower()
        if low == "her":
            nxt = _WORD.match(text[m.end() :].lstrip())
            new = "his" if nxt is not None and nxt.group().lower() in _OWNED else "him"
        elif low in _SWAP:
            new = _SWAP[low]
        else:
            return word
        return (
            new.upper()
            if word.isupper() and len(word) > 1
            else new.capitalize()
            if word[0].isupper()
            else new
        )

    return _WORD.sub(one, text)


def test_swapping_sex_and_gender_words_in_the_corpus_changes_nothing() -> None:
    swapped_any = 0
    for text in TEXTS:
        swapped = _swap(text)
        if swapped != text:
            swapped_any += 1
            assert flags(swapped) == flags(text), (text, swapped)
            assert categories(swapped) == categories(text), (text, swapped)
    assert swapped_any > 150


# Identity words that occur in the corpus itself, each swapped for every other value of its group.
_IN_TEXT = {
    "housing": ["homeless", "unhoused", "transient", "unsheltered"],
    "language": ["Spanish", "English", "Vietnamese", "Somali", "Arabic", "Mandarin"],
    "race": ["white", "Black", "Hispanic", "Latino", "Asian", "Native American"],
    "cad_code": CAD_CODES,
}


@pytest.mark.parametrize("attribute", sorted(_IN_TEXT))
def test_swapping_identity_words_in_the_corpus_changes_nothing(attribute: str) -> None:
    group = _IN_TEXT[attribute]
    # Race words name a person only before a person word ("black eye", "white car" are not swapped).
    nouns = (
        r"male|female|man|woman|males|females|men|women|subj|subject|guy|person|people|juv\w*|kid|kids|teens?"
    )
    person = rf"(?=\s+(?:{nouns}|susp\w*|caller|rp)\b)" if attribute == "race" else ""
    words = "|".join(re.escape(w) for w in group)
    pattern = re.compile(rf"(?<![\w/])({words})(?![\w/]){person}", re.IGNORECASE)
    swapped_any = 0
    for text in TEXTS:
        if not pattern.search(text):
            continue
        swapped_any += 1
        base_flags, base_categories = flags(text), categories(text)
        for value in group:
            swapped = pattern.sub(value, text)
            assert flags(swapped) == base_flags, (text, swapped)
            assert categories(swapped) == base_categories, (text, swapped)
    if attribute == "housing":  # the corpus has unhoused and homeless callers: the test is not vacuous
        assert swapped_any >= 3


TEMPLATES = [
    "{slot} {text}",
    "RP {slot}, {text}",
    "{text}. subj is {slot}",
    "caller says the {slot} is involved, {text}",
    "{text} / {slot} / ",
    "{slot} on scene. {text}",
    "{text}, per {slot}",
]
SLOTS = {
    "race": [f"{r} male" for r in RACE] + [f"{r} female" for r in RACE],
    "cad_code": CAD_CODES,
    "gender": GENDER,
    "name": NAMES,
    "origin": ORIGIN,
    "language": [f"speaks only {lang}" for lang in LANGUAGE],
    "housing": HOUSING,
}


# Derandomized: CI runs the same 150 examples every time, so a red run names a change, not a draw.
# The sweep below covers every template and attribute exhaustively on a seeded sample.
@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    template=hs.sampled_from(TEMPLATES),
    text=hs.sampled_from(TEXTS),
    attribute=hs.sampled_from(sorted(SLOTS)),
    cut=hs.integers(min_value=20, max_value=400),
)
def test_generated_narratives_read_the_same_whoever_is_in_them(
    template: str, text: str, attribute: str, cut: int
) -> None:
    base = text[:cut]
    values = SLOTS[attribute]
    seen = {flags(template.format(slot=v, text=base)) for v in values}
    assert len(seen) == 1, (template, base, attribute, seen)
    first, last = template.format(slot=values[0], text=base), template.format(slot=values[-1], text=base)
    assert categories(first) == categories(last), (first, last)


# Every template x attribute x 120 corpus narratives (seeded) x five cuts, every value of the slot:
# 29,400 groups, none of which may read differently (no tolerance). Cuts end narratives mid-word and
# mid-phrase, as SLO's 65-character comment fields do; "{text} / {slot} / " glues the identity word
# on as the next CAD field, which a phrase must not run into (service.screening.terms.SEPARATOR).
SWEEP_CUTS = (20, 45, 80, 140, 400)


def test_sweep_every_template_and_attribute_reads_the_same_whoever_is_in_them() -> None:
    sample = random.Random(17).sample(TEXTS, 120)
    groups, inconsistent = 0, []
    for template in TEMPLATES:
        for attribute, values in sorted(SLOTS.items()):
            for text in sample:
                for cut in SWEEP_CUTS:
                    groups += 1
                    readings = {flags(template.format(slot=v, text=text[:cut])) for v in values}
                    if len(readings) > 1:
                        inconsistent.append((template, attribute, text[:cut]))
    assert groups == 29_400
    assert inconsistent == []


# Frames that put an identity word right where the vocabulary reads: after a violent verb, before
# a cue, as the subject of a hazard. Within each group every value must read the same.
FRAMES = {
    "race": [
        "hit the {x} male",
        "the {x} male has a gun",
        "poss {x} male unresponsive",
        "punched a {x} woman",
    ],
    "cad_code": ["hit {x}", "{x} took pills", "kicked a {x} in the face", "{x} not armed", "{x} RP"],
    "gender": [
        "hit the {x}",
        "kicked a {x}",
        "the {x} is not breathing",
        "chased the {x} down",
        "{x} has a knife",
    ],
    "name": [
        "{x} took her pills",
        "{x} is high",
        "hit {x}",
        "{x} says he was punched",
        "threatening to {x}",
        "{x} RP",
        "{x} not armed",
        "with {x}",
        "called {x} an ambulance",
        "{x} 2 unresponsive",
    ],
    "origin": ["hit the {x} man", "a {x} woman was stabbed", "{x} male, poss armed", "kicked a {x} juvenile"],
    "language": [
        "hit the woman who speaks {x}",
        "RP speaks only {x}, husband punched her",
        "{x} speaker has a gun",
    ],
    "housing": [
        "hit a man who is {x}",
        "woman {x}, not breathing",
        "{x} male with a knife",
        "{x}, took pills",
    ],
}
_FRAME_VALUES = {
    "race": RACE,
    "cad_code": CAD_CODES,
    "gender": GENDER,
    "name": NAMES,
    "origin": ORIGIN,
    "language": LANGUAGE,
    "housing": HOUSING,
}


@pytest.mark.parametrize("attribute", sorted(FRAMES))
def test_identity_words_where_the_vocabulary_reads(attribute: str) -> None:
    for frame in FRAMES[attribute]:
        readings = {flags(frame.format(x=v)): v for v in _FRAME_VALUES[attribute]}
        assert len(readings) == 1, (frame, readings)
