"""Narrative screening (service/screening/screen.py): the labelled corpus, cues, phrases, policy terms."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

import msgspec
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as hs

from service.screening import terms as st
from service.screening.index import fold
from service.screening.screen import (
    DEFAULT_TERMS,
    FLAGS,
    Finding,
    ScreeningTerms,
    TermsSpec,
    compile_terms,
    screen_narrative,
)
from tests.support.properties import examples
from tools.screening_report import CORPUS, asserted, load_corpus, ratio, scores, table

ENTRIES = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
SAFETY = ("weapon", "medical")  # exact on every narrative: a miss here can send an unarmed team


def only(text: str, flag: str) -> list[Finding]:
    return [f for f in screen_narrative(text) if f.flag == flag]


def test_corpus_is_large_and_well_formed() -> None:
    assert len(ENTRIES) >= 170
    texts = [e["text"] for e in ENTRIES]
    assert len(set(texts)) == len(texts), "duplicate narratives"
    for entry in ENTRIES:
        assert set(entry) <= {"text", "flags", "known_miss"}, entry
        assert set(entry["flags"]) <= set(FLAGS), entry
        assert set(entry.get("known_miss", [])) <= set(entry["flags"]), entry


@pytest.mark.parametrize("doc", ["policy.md", "screening-accuracy.md"])
def test_the_documented_scores_are_the_corpus_scores(doc: str) -> None:
    # docs/policy.md reports precision and recall per flag for policy analysts: they must be today's.
    text = (Path(__file__).resolve().parents[3] / "docs" / doc).read_text()
    assert table(scores(load_corpus())) in text


def _safety_cases() -> Sequence[object]:
    cases = []
    for i, entry in enumerate(ENTRIES):
        for flag in SAFETY:
            known = flag in entry.get("known_miss", [])
            marks = [pytest.mark.xfail(strict=True, reason="documented miss in the corpus")] if known else []
            expected = flag in entry["flags"]
            cases.append(pytest.param(entry["text"], flag, expected, id=f"{i}-{flag}", marks=marks))
    return cases


@pytest.mark.parametrize(("text", "flag", "expected"), _safety_cases())
def test_weapon_and_medical_exact_on_corpus(text: str, flag: str, expected: bool) -> None:
    assert (flag in asserted(text)) == expected, [f for f in screen_narrative(text) if f.flag == flag]


@pytest.mark.parametrize("flag", [f for f in FLAGS if f not in SAFETY])
def test_other_flags_precision_and_recall_on_corpus(flag: str) -> None:
    tp, fp, fn = scores(load_corpus())[flag]
    assert tp + fn >= 15, "too few labelled examples to measure"
    assert ratio(tp, tp + fn) >= 0.95, f"{flag} recall {tp}/{tp + fn}"
    assert ratio(tp, tp + fp) >= 0.9, f"{flag} precision {tp}/{tp + fp}"


# --- negation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("no weapons seen", "weapon"),
        ("denies having a gun", "weapon"),
        ("not violent", "violence"),
        ("no weapons", "weapon"),
        ("w/o weapon", "weapon"),
        ("neg wpns", "weapon"),
        ("NO WPNS", "weapon"),
        ("unarmed", "weapon"),
        ("no injuries", "injury"),
        ("doesn't appear injured", "injury"),
        ("not suicidal", "suicidal"),
        ("denies SI", "suicidal"),
        ("weapons: none", "weapon"),
        ("injuries - neg", "injury"),
        ("sober", "intoxication"),
        ("non-violent", "violence"),
        ("verbal only", "violence"),
        ("RP does not think he is drunk", "intoxication"),
        ("nobody has been hit", "violence"),
        ("refused medical, no injuries", "medical"),
        ("hx of seizures", "medical"),
    ],
)
def test_negations(text: str, flag: str) -> None:
    findings = only(text, flag)
    assert findings, f"no {flag} finding in {text!r}"
    assert all(f.negated for f in findings), findings


@pytest.mark.parametrize(
    "text",
    ["not breathing", "he isn't breathing", "no pulse", "not responsive", "won't wake up", "can't breathe"],
)
def test_negative_wording_that_is_itself_the_emergency(text: str) -> None:
    findings = only(text, "medical")
    assert findings and not any(f.negated for f in findings), findings


def test_negation_stays_in_its_clause() -> None:
    assert asserted("no gun but he has a knife") == {"weapon"}
    assert asserted("no weapons seen, he is drunk") == {"intoxication"}
    assert asserted("not violent, swinging at people now") == {"violence"}
    assert "weapon" in asserted("no, he has a gun")
    assert "weapon" in asserted("he didn't drop the knife")
    assert asserted("no weapons or injuries") == set()
    assert asserted("denies SI/HI") == set()


# --- hedges -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("possibly has a knife", "weapon"),
        ("might have a gun", "weapon"),
        ("unk if armed", "weapon"),
        ("unknown if he has a weapon", "weapon"),
        ("maybe has a gun", "weapon"),
        ("believes he has a gun", "weapon"),
        ("could have a knife", "weapon"),
        ("may have a firearm", "weapon"),
        ("not sure if he is suicidal", "suicidal"),
        ("WPNS: UNK", "weapon"),
        ("poss ETOH", "intoxication"),
        ("possibly dead", "medical"),
        ("the guy has a gun?", "weapon"),
    ],
)
def test_hedges_are_positive_and_marked(text: str, flag: str) -> None:
    findings = only(text, flag)
    assert findings, f"no {flag} finding in {text!r}"
    assert any(not f.negated and f.hedged for f in findings), findings
    assert flag in asserted(text)


def test_plain_mentions_are_not_hedged() -> None:
    assert only("he has a gun", "weapon") == [Finding("weapon", "has a gun", negated=False, hedged=False)]


# --- CAD shorthand and misspellings -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("GSW TO LEG", {"weapon", "injury", "medical", "violence"}),
        ("MALE W/ KNIFE", {"weapon"}),
        ("EDP IN LOBBY, NO WPNS", set()),
        ("ETOH SUBJ ON BENCH", {"intoxication"}),
        ("POSS OD IN BATHROOM", {"medical", "intoxication"}),
        ("FELL, +LOC", {"medical"}),
        ("c/o chest pain", {"medical"}),
        ("RP STATES SUBJ HAS SI", {"suicidal"}),
        ("C/O CP AND SOB", {"medical"}),
        ("male with a wepon", {"weapon"}),
        ("has a knif", {"weapon"}),
        ("unconcious female", {"medical"}),
        ("unresponsve male", {"medical"}),
        ("sucidal female", {"suicidal"}),
        ("friend overdosed", {"medical", "intoxication"}),
        ("having a siezure", {"medical"}),
        ("INTOX FEMALE", {"intoxication"}),
        ("UNK LOC, CALLER HUNG UP", set()),
    ],
)
def test_shorthand_and_misspellings(text: str, flags: set[str]) -> None:
    assert asserted(text) == flags


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("neighbor running a nail gun at 6am", set()),
        ("wants to know where to get a flu shot", set()),
        ("c/o shoulder blade pain", set()),
        ("burglar alarm going off at the pharmacy", set()),
        ("there's a bat in the attic", set()),
        ("high school kids gathering in the lot", set()),
        ("photo shoot blocking the sidewalk", set()),
        ("they did shots at the bar, he is drunk", {"intoxication"}),
        ("fell and hit her head on the counter", {"injury"}),
        ("bicyclist hit by a car", {"injury"}),
        ("white powdery substance on the counter", set()),
        ("has cut the lock on the shed", set()),
    ],
)
def test_look_alikes(text: str, flags: set[str]) -> None:
    assert asserted(text) == flags


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("scooter crash, helmet cracked, not making sense", {"injury", "medical"}),
        ("fell off his bike, cracked his helmet", {"injury", "medical"}),
        ("female with a head injury, keeps asking what day it is", {"injury", "medical"}),
        ("slipped and struck her head and now disoriented", {"injury", "medical"}),
        ("fell and hit his head on the curb", {"injury"}),  # a blow to the head alone: injury only
        ("male with a minor head injury, walking around", {"injury"}),
        ("no head injury", set()),
        ("denies hitting head", set()),
        ("hx of head injury, not making sense today", set()),
        ("roommate not making sense, talking to the tv", set()),  # crisis wording, not medical
    ],
)
def test_head_trauma(text: str, flags: set[str]) -> None:
    assert asserted(text) == flags


def test_case_and_punctuation_do_not_matter() -> None:
    for text in ("HAS A GUN", "has a gun", "Has A Gun!!", "(has a gun)", "has-a-gun", "has\na\tgun"):
        assert asserted(text) == {"weapon"}, text


def test_suicidal_means_need_suicidal_intent() -> None:
    assert asserted("suicidal, has a rope in the garage") == {"suicidal", "suicidal_means"}
    assert asserted("sleeping under the bridge") == set()
    assert asserted("has pills but denies SI") == set()
    # A weapon is also a means once there is suicidal intent, and keeps its hedge.
    means = only("threatening suicide, might have a gun", "suicidal_means")
    assert means and means[0].hedged and not means[0].negated


# --- phrases ------------------------------------------------------------------------------------


def test_phrase_is_the_original_text_with_context() -> None:
    text = "RP says Son HAS GUNS IN THE HOUSE and is upset"
    assert only(text, "weapon") == [Finding("weapon", "HAS GUNS IN THE HOUSE", negated=False)]
    assert only("Knife In His Pocket", "weapon")[0].phrase == "Knife In His Pocket"
    assert only("No Weapons Seen, calm", "weapon")[0].phrase == "No Weapons Seen"
    assert only("pt C/O Chest Pain", "medical")[0].phrase == "C/O Chest Pain"
    assert only("Unk If Armed", "weapon")[0].phrase == "Unk If Armed"


@settings(max_examples=examples(200), deadline=None)
@given(hs.text(max_size=300))
def test_phrases_are_substrings_and_screening_is_deterministic(text: str) -> None:
    findings = screen_narrative(text)
    assert findings == screen_narrative(text)
    for f in findings:
        assert f.flag in FLAGS
        assert f.phrase and f.phrase in text


def test_unicode_that_changes_length_when_lowered_keeps_phrases_aligned() -> None:
    text = "İİİ caller says he has a gun"
    assert only(text, "weapon")[0].phrase == "has a gun"


# --- safety property ----------------------------------------------------------------------------

_CAD_WORDS = hs.sampled_from(
    ["no", "not", "denies", "unk", "if", "weapons", "gun", "knife", "w/o", "neg", "wpns", ",", ".", "but",
     "and", "or", "possibly", "RP", "states", "male", "drunk", "SI", "hx", "of", "never", "without", "nail"]
)


@settings(max_examples=examples(300), deadline=None)
@given(hs.one_of(hs.text(max_size=200), hs.lists(_CAD_WORDS, max_size=30).map(" ".join)))
def test_appending_a_weapon_sentence_always_asserts_weapon(text: str) -> None:
    assert "weapon" in asserted(text + ". he has a gun")


# --- policy terms -------------------------------------------------------------------------------


def test_compile_terms_without_changes_is_the_default() -> None:
    assert compile_terms() is DEFAULT_TERMS
    assert compile_terms(TermsSpec()) is DEFAULT_TERMS


def test_terms_spec_add_and_remove() -> None:
    assert "weapon" not in asserted("he has a slingshot")
    terms = compile_terms(TermsSpec(add={"weapon": ["slingshot*"]}, remove={"intoxication": ["drinking"]}))
    assert asserted("he has a slingshot", terms) == {"weapon"}
    assert asserted("no slingshots seen", terms) == set()
    assert "intoxication" not in asserted("man drinking water", terms)
    assert "intoxication" in asserted("man drinking water")  # the defaults are untouched
    assert "slingshot*" in terms.phrases["weapon"] and "drinking" not in terms.phrases["intoxication"]


def test_terms_spec_language_groups_and_denials() -> None:
    terms = compile_terms(
        TermsSpec(add={"crime_in_progress": ["(stealing|taking) (a|the|) (bike|bikes)", "!nothing taken"]})
    )
    assert asserted("kids taking bikes from the rack", terms) == {"crime_in_progress"}
    assert list(screen_narrative("nothing taken", terms)) == [
        Finding("crime_in_progress", "nothing taken", negated=True)
    ]


def test_terms_spec_is_strict_data() -> None:
    spec = msgspec.json.decode(b'{"add": {"weapon": ["slingshot"]}}', type=TermsSpec)
    assert spec.add == {"weapon": ["slingshot"]} and spec.remove == {}
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(b'{"added": {}}', type=TermsSpec)


def test_compile_terms_lists_every_bad_entry() -> None:
    spec = TermsSpec(
        add={"weapn": ["gun"], "weapon": ["", "ok phrase", "(unbalanced", "*leading", "has (a |)gun", "a|b"]},
        remove={"medical": ["not a default"]},
    )
    with pytest.raises(ValueError) as info:
        compile_terms(spec)
    message = str(info.value)
    for part in (
        "add.weapn: unknown flag",
        "add.weapon[0]: empty phrase",
        "add.weapon[2]: unbalanced",
        "add.weapon[3]: must start with",
        "add.weapon[4]: space at the edge",
        "add.weapon[5]: '|' outside a group",
        "remove.medical[0]: not a default phrase",
    ):
        assert part in message, message
    assert "ok phrase" not in message


def test_screening_terms_are_immutable() -> None:
    with pytest.raises(AttributeError):
        DEFAULT_TERMS.phrases = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        DEFAULT_TERMS.phrases["weapon"] = ()  # type: ignore[index]


# --- the literal index (service/screening/index.py) ------------------------------------------------

_INDEX_WORDS = hs.sampled_from(
    sorted({w for e in ENTRIES for w in e["text"].lower().split()} | {"w/o", "don't", "x-ray", "self-harm"})
)
_INDEX_SEPARATORS = hs.sampled_from(
    [" ", "  ", " - ", "-", ", ", "\n", "\t", " -- ", ".  ", "; ", "? ", "/", "'"]
)
_POLICY_TERMS = compile_terms(
    TermsSpec(add={"weapon": ["slingshot*", "(sharp|pointy) stick#", "!no slingshot"], "medical": ["x-ray"]})
)


@settings(max_examples=examples(400), deadline=None)
@given(hs.lists(hs.tuples(_INDEX_WORDS, _INDEX_SEPARATORS), max_size=40))
def test_index_finds_every_place_a_term_starts(pairs: list[tuple[str, str]]) -> None:
    """The automaton may propose extra places, never miss one, nor leave out a flag that matches."""
    low = " " + "".join(w + sep for w, sep in pairs)
    for terms in (DEFAULT_TERMS, _POLICY_TERMS):
        proposed = terms.index.starts(fold(low))
        patterns = _flag_patterns(terms)
        for m in terms.finder.finditer(low):
            assert m.end() in proposed, (low, m.end())
            for order, flag in enumerate(FLAGS):
                if patterns[flag].match(low, m.end()):
                    assert proposed[m.end()] >> order & 1, (low, m.end(), flag)


@functools.cache
def _entries(phrase: str) -> tuple[st.Entry, ...]:
    return tuple(st.phrase_entries(phrase))


@functools.cache
def _flag_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One flag's whole vocabulary as one pattern; built when the test first runs (seconds of regex
    compiling, not paid at collection) and shared by the two vocabularies where their phrases agree."""
    return re.compile(st.trie([e for p in phrases for e in _entries(p)]))


_BY_TERMS: dict[int, dict[str, re.Pattern[str]]] = {}


def _flag_patterns(terms: ScreeningTerms) -> dict[str, re.Pattern[str]]:
    found = _BY_TERMS.get(id(terms))  # the module's two vocabularies live as long as the module
    if found is None:
        found = _BY_TERMS[id(terms)] = {flag: _flag_pattern(tuple(terms.phrases[flag])) for flag in FLAGS}
    return found


def test_empty_and_quiet_narratives() -> None:
    assert screen_narrative("") == ()
    assert screen_narrative("   ") == ()
    assert screen_narrative("loud music from the apartment upstairs, third call tonight") == ()
