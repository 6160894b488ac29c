"""The native screening reader (service/screening/csrc/) gives exactly the Python reader's answers.

The Python reader (service.screening.screen._read) is the reference: the corpus tests pin its meaning. The
native one runs the same patterns under PCRE2; these tests hold the two to identical rows on the
corpus, on corpus entries cut and spliced, and on text generated from the vocabulary itself.
"""

from __future__ import annotations

import dataclasses
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from service.screening import _reader as _screening
from service.screening import native as screening_native
from service.screening import terms as st
from service.screening.context import GRAMMAR
from service.screening.screen import (
    DEFAULT_TERMS,
    FLAGS,
    Finding,
    ScreeningTerms,
    TermsSpec,
    _lower,
    _read,
    compile_terms,
    screen_narrative,
)
from tests.support.properties import examples
from tools.screening_report import load_corpus

TEXTS = [text for text, _ in load_corpus()]
CUSTOM = compile_terms(TermsSpec(
    add={"weapon": ["tire iron", "(shank|shiv)*"], "medical": ["!no complaints of pain", "turning blue"]},
    remove={"weapon": ["knife"]},
))


PYTHON_ONLY = {id(t): dataclasses.replace(t, native=None) for t in (DEFAULT_TERMS, CUSTOM)}


def same(text: str, terms: ScreeningTerms = DEFAULT_TERMS) -> None:
    low = " " + _lower(text)
    assert terms.native is not None
    rows = terms.native.screen(low)
    # None: the native reader declined the text (PCRE2's match limit, e.g. a term followed by a long
    # run of blank space) and the Python reader reads it instead; the findings are compared below.
    assert rows is None or rows == _read(low, terms), text
    assert screen_narrative(text, terms) == screen_narrative(text, PYTHON_ONLY[id(terms)]), text


def test_the_native_reader_is_built_and_used() -> None:
    # CI installs the compiler and PCRE2 headers (scripts/setup.sh): a silent fall-back would only be slower,
    # so its absence fails here rather than in a benchmark.
    assert screening_native.AVAILABLE
    assert DEFAULT_TERMS.native is not None and CUSTOM.native is not None


def test_same_rows_on_the_corpus() -> None:
    for text in TEXTS:
        same(text)
        same(text, CUSTOM)
        same(text.upper())


def test_same_rows_on_cut_and_spliced_corpus_text() -> None:
    rnd = random.Random(20261125)
    marks = " ,.;:-?!/'\n\t()&=" + "abcdefghijklmnopqrstuvwxyz0123456789"
    for _ in range(examples(3000)):
        chars = list(rnd.choice(TEXTS))
        for _ in range(rnd.randint(1, 8)):
            at = rnd.randrange(len(chars) + 1)
            roll = rnd.random()
            if roll < 0.4:
                chars.insert(at, rnd.choice(marks))
            elif roll < 0.7 and chars:
                del chars[min(at, len(chars) - 1)]
            else:
                other = rnd.choice(TEXTS)
                frm = rnd.randrange(len(other))
                chars[at:at] = other[frm : frm + rnd.randint(1, 40)]
        same("".join(chars))


def _words() -> list[str]:
    """Words of every phrase, cue and lead-in, as the vocabulary spells them (groups spread out)."""
    sources = [p for flag in FLAGS for p in st.DEFAULT_PHRASES[flag]]
    sources += [*st.HEDGE_CUES, *st.DENY_CUES, *st.NEGATION_CUES, *st.LEAD, *st.BOUNDARY_WORDS]
    words = set()
    for phrase in sources:
        for piece in re.split(r"[()|\s!~]+", phrase):
            if piece:
                words.add(piece.replace("*", "s").replace("#", "3"))
    return sorted(words)


WORDS = _words()
GLUE = [
    " ", " ", " ", "  ", "-", " - ", ", ", ". ", "; ", ": ", "? ", "!", "\n", "/", " & ", "=", " (", ") ",
    "\r", "\v", "\f", "\t", " " * 40, "_", "\x00", "\x01",  # 40: past the 32 characters a tail may start in
]


@settings(max_examples=examples(600), deadline=None)
@given(hs.lists(hs.tuples(hs.sampled_from(WORDS), hs.sampled_from(GLUE)), min_size=1, max_size=60))
def test_same_rows_on_text_made_of_the_vocabulary(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + glue for word, glue in parts)
    same(text)
    same(text, CUSTOM)


def test_other_text_goes_to_the_python_reader() -> None:
    assert DEFAULT_TERMS.native is not None
    for text in ("Señora says he has a gun", "has a gun\x1cin the car", "İstanbul caller, knife"):
        assert DEFAULT_TERMS.native.screen(" " + _lower(text)) is None
        assert screen_narrative(text)  # still screened, by the Python reader
    assert [f.flag for f in screen_narrative("Señora says he has a gun")] == ["weapon"]


def test_the_reader_lowers_text_as_str_lower_does() -> None:
    # It lowers eight characters at a time: each ASCII character at each place in such a block, and
    # at the end, past the last whole block.
    for c in map(chr, range(128)):
        for before in range(17):
            text = "Ab" * before + c + "Z@[" * (before % 3)
            separator = "\x1c" <= c <= "\x1f"
            assert _screening.lower(text) == (None if separator else " " + text.lower()), repr(text)
    assert _screening.lower("señora") is None  # not ASCII: the Python reader's


def test_a_narrative_past_the_stack_buffer_reads_the_same() -> None:
    # The reader lowers up to 4,096 characters on the stack, longer text in memory it allocates.
    text = " ".join(TEXTS)[:9000]
    same(text)
    assert screen_narrative(text) and _screening.lower(text) == " " + text.lower()


@pytest.mark.parametrize(
    ("pattern", "mode", "text", "pos", "expected"),
    [
        (r"(?<=,)\s*no\b", _screening.MATCH, "a, no", 2, 5),  # looks behind its start, like re
        (r"no(?!\w)", _screening.MATCH, "a nothing", 2, None),
        (r"gun|gun shot", _screening.FULLMATCH, "gun shot", 0, 8),  # fullmatch tries the later branch
        (r"gun|gun shot", _screening.MATCH, "gun shot", 0, 3),  # match takes the first, as re does
        (r"\bstop", _screening.SEARCH, "nonstop, stop", 0, 13),
        (r"señ\w+", _screening.SEARCH, "la señora", 0, 9),  # a non-ASCII pattern is read as UTF-8
    ],
)
def test_patterns_mean_what_they_mean_to_re(
    pattern: str, mode: int, text: str, pos: int, expected: int | None
) -> None:
    compiled = re.compile(pattern)
    run = (compiled.search, compiled.match, compiled.fullmatch)[mode]
    found = run(text, pos)
    assert (found.end() if found else None) == expected
    if text.isascii():
        assert _screening.Regex(pattern, mode).end(text, pos) == expected


def test_a_pattern_pcre2_cannot_compile_is_refused_with_its_reason() -> None:
    with pytest.raises(ValueError, match="PCRE2 cannot compile"):
        _screening.Regex("(?P<a>x)(?P<a>y)", _screening.MATCH)


def test_cue_heads_are_two_characters_without_a_separator() -> None:
    # The reader looks for a mention's own cue only where its first two characters are a cue's.
    assert all(len(h) == 2 and " " not in h for h in GRAMMAR.cue_heads)


def test_policy_phrases_outside_ascii_compile_and_screen_alike() -> None:
    terms = compile_terms(TermsSpec(add={"weapon": ["señal", "año nuevo", "cuchillo"]}))
    assert terms.native is not None  # the native reader takes the rest of the vocabulary
    python = dataclasses.replace(terms, native=None)
    for text in ("la señal", "año nuevo, no cuchillo", "has a cuchillo"):
        assert screen_narrative(text, terms) == screen_narrative(text, python)
    assert [f.phrase for f in screen_narrative("has a cuchillo", terms)] == ["has a cuchillo"]


def test_a_vocabulary_pcre2_cannot_take_is_read_in_python() -> None:
    # 299 nested groups: past PCRE2's nesting limit, not re's. The policy stays valid; Python reads it.
    terms = compile_terms(TermsSpec(add={"weapon": ["z" * k for k in range(1, 300)]}))
    assert terms.native is None
    assert [f.phrase for f in screen_narrative("a zzzzz b", terms)] == ["zzzzz"]


def test_a_leading_optional_group_with_many_spellings_keeps_where_it_starts() -> None:
    # Past the cap on spellings, the keys were cut after the optional group, leaving an empty key:
    # the Python reader then failed on every text and the native one lost the finding.
    phrase = "(the|) (" + "|".join(f"zz{i}" for i in range(300)) + ")"
    terms = compile_terms(TermsSpec(add={"weapon": [phrase]}))
    assert terms.native is not None
    python = dataclasses.replace(terms, native=None)
    for text in ("he has zz5 here", "he has the zz5 here"):
        low = " " + _lower(text)
        assert terms.native.screen(low) == _read(low, terms)
        assert [f.flag for f in screen_narrative(text, terms)] == ["weapon"]
        assert screen_narrative(text, terms) == screen_narrative(text, python)


def test_a_reader_whose_build_failed_neither_reads_nor_rebuilds() -> None:
    reader = _screening.Reader.__new__(_screening.Reader)
    with pytest.raises(ValueError, match="fold has 128 entries"):
        reader.__init__(  # type: ignore[misc]
            b"short", (b"", b"", b"", b""), (b"", b"", b"", b""), {}, (), (), frozenset(), "", "", "",
            (48, 16, 32), Finding, FLAGS, (5, 6, 0),
        )
    with pytest.raises(TypeError, match="not built"):
        reader.findings("a gun")
    with pytest.raises(TypeError, match="built once"):
        reader.__init__(  # type: ignore[misc]
            b"short", (b"", b"", b"", b""), (b"", b"", b"", b""), {}, (), (), frozenset(), "", "", "",
            (48, 16, 32), Finding, FLAGS, (5, 6, 0),
        )


def test_an_uncompiled_pattern_is_refused() -> None:
    with pytest.raises(TypeError, match="compiled"):
        _screening.Regex.__new__(_screening.Regex).group_number("neg")


# Issue #17's kinds of CAD text: the new vocabulary, with "/", ";" and "-" between words.
CAD_TEXT = [
    "PT UNC/UNR, NARCAN X2 GIVEN", "OD/NARCAN;PT NOW BREATHING", "25YO CONC ; BREATHING ; HIT ON HEAD",
    "UNK IF BREATHING/UNK IF CONSCIOUS", "POSS ARMED-SUBJ W/ A METAL PIPE", "M VS F / 10-16 / DV",
    "17A03 FALLS-NOT DANGEROUS", "Falls 17-B-1", "SUBJ BRANDISHED A HANDGUN;SHOTS FIRED", "THREATENING TO",
    "gun in the car, knife on the table", "took 30 of her pills", "overdosed on a bunch of pills",
    "non-life-threatening injuries", "did not have any major injuries",
    "threatening to call the police", "C3 NON EMD MALE SUBJ SEEN W/ HEAD INJ",
    "strong arm robbery, jumped by 3 males", "breaking windows/smashing",
    "gurgling, lips turning blue, naloxone administered", "no weapons/no injuries;denies being hit",
    "hit the trans woman / kicked a Puerto Rican male", "REQ EMS;10-52", "245 PC / ADW",
    "not sure if he is breathing",
]


def test_same_rows_on_cad_text_with_its_separators() -> None:
    for text in CAD_TEXT:
        for sep in (" ", "/", ";", "-", " / ", " ; ", "//"):
            for variant in (text, text.replace(" ", sep), text.replace("/", sep), text.replace(";", sep)):
                same(variant)
                same(variant.lower())
                same(variant, CUSTOM)


def _added_words() -> list[str]:
    from service.screening.vocab import ADDED

    words = set()
    for per_source in ADDED.values():
        for phrases in per_source.values():
            for phrase in phrases:
                for piece in re.split(r"[()|\s!~]+", phrase):
                    if piece:
                        words.add(piece.replace("*", "s").replace("#", "3"))
    return sorted(words)


ADDED_WORDS = _added_words()
CAD_GLUE = [" ", "/", ";", "-", " / ", "; ", " - ", "//", ", ", ". ", " /", "/ ", "- ", " ;"]


@settings(max_examples=examples(400), deadline=None)
@given(hs.lists(hs.tuples(hs.sampled_from(ADDED_WORDS), hs.sampled_from(CAD_GLUE)), min_size=1, max_size=40))
def test_same_rows_on_text_made_of_the_added_vocabulary(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + glue for word, glue in parts)
    same(text)
    same(text.upper())
