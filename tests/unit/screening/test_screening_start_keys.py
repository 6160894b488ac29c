"""Start keys longer than three characters (service.screening.startkeys), in both readers.

A flag's terms are grouped by the first characters of their first word, one pattern per group. A
group whose pattern grows past startkeys.SPLIT_AT is keyed by one more character, so that no family of
terms sharing three characters can outgrow PCRE2's limit on a pattern's compiled size (which sent
the whole vocabulary to the Python reader, or made tuners drop phrases).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from service.screening import _reader as _screening
from service.screening import cache, native
from service.screening import terms as st
from service.screening.screen import (
    DEFAULT_TERMS,
    TermsSpec,
    _lower,
    _plan,
    _read,
    compile_terms,
    screen_narrative,
)
from service.screening.startkeys import KEY_MAX, SPLIT_AT, start_keys

# 26 x 26 phrases whose first word starts with "str": far past what one pattern of PCRE2 can hold.
LETTERS = "abcdefghijklmnopqrstuvwxyz"
CROWD = [
    f"str{a}{b}ked (him|her|them) with (a|the|) (bat|pipe|bottle|brick|board)"
    for a in LETTERS
    for b in LETTERS
]


def _entries(phrases: list[str]) -> list[st.Entry]:
    return [e for p in phrases for e in st.phrase_entries(p)]


def test_the_crowded_family_is_past_what_one_pcre2_pattern_holds() -> None:
    # The grouping before start keys grew: all of them under "str" in one pattern.
    with pytest.raises(ValueError, match="PCRE2 cannot compile"):
        _screening.Regex(st.trie(_entries(CROWD)), _screening.MATCH)


def test_a_crowded_key_is_split_and_a_word_that_is_the_key_stays_under_it() -> None:
    entries = _entries([*CROWD, "str", "st (him|her)"])
    keys = start_keys(entries)
    assert "str" in keys and [entries[i][0] for i in keys["str"]] == ["str"]
    assert "st" in keys  # a shorter first word keeps its own key
    longer = [k for k in keys if len(k) > 3]
    assert longer and all(k.startswith("str") and len(k) <= KEY_MAX for k in longer)
    for key in longer:  # every group now fits under the split size
        group = [entries[i] for n in range(1, len(key) + 1) for i in keys.get(key[:n], [])]
        assert len(st.trie(group)) <= SPLIT_AT or len(key) == KEY_MAX


def test_a_family_past_the_old_limit_compiles_natively_and_both_readers_agree() -> None:
    terms = compile_terms(TermsSpec(add={"violence": CROWD}))
    assert terms.native is not None  # no fall-back to the Python reader
    assert max(terms.lengths) > 3
    python = dataclasses.replace(terms, native=None)
    texts = (
        "he strabked her with a bat", "SUSP STRZZKED HIM WITH THE PIPE", "she struck him", "strabked",
        "the strabked him with a brick; str", "strab", "st her with a board", "strzzked them with bottle",
    )
    for text in texts:
        low = " " + _lower(text)
        assert terms.native.screen(low) == _read(low, terms), text
        assert screen_narrative(text, terms) == screen_narrative(text, python), text
    assert [f.flag for f in screen_narrative("he strabked her with a bat", terms)] == ["violence", "weapon"]
    assert "violence" in [f.flag for f in screen_narrative("SUSP STRZZKED HIM WITH THE PIPE", terms)]


def test_the_default_vocabulary_splits_its_crowded_keys_and_fits() -> None:
    assert DEFAULT_TERMS.native is not None
    plan, _, _, _ = _plan(DEFAULT_TERMS.phrases)
    assert any(len(k) > 3 for k in plan)  # e.g. violence's "sho", "str", "thr"
    assert all(len(k) <= KEY_MAX for k in plan)
    longest = max(len(term) for scanners in plan.values() for _, term, _ in scanners)
    assert longest <= 2 * SPLIT_AT  # room left below PCRE2's ~31,000 characters of these tries


def test_the_plan_cache_format_is_part_of_the_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    phrases = {"weapon": ("gun",)}
    before = cache.vocabulary_key(phrases)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert cache.vocabulary_key(phrases) != before
    assert native.KEY_MAX == KEY_MAX
