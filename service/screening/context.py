"""How a narrative frames a mention: the cue grammar of service.screening.terms, compiled.

For a term found at low[start:end] (the lower-cased narrative, a non-word character first),
context() tells whether the narrative denies or hedges it and which words to quote. Pure: no I/O.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from service.screening import cache as _cache
from service.screening import terms as st
from service.screening.index import phrase_keys

__all__ = ["GRAMMAR", "PLACE", "PLACE_FIRST", "Grammar", "State", "context"]


def _alternation(phrases: tuple[str, ...]) -> str:
    return st.trie([e for p in phrases for e in st.phrase_entries(p)])


def _heads(phrases: tuple[str, ...]) -> frozenset[str]:
    heads = frozenset(k[:2] for p in phrases for k in phrase_keys(p, tails=False))
    if not all(len(h) == 2 and " " not in h for h in heads):  # "a (b|c)" would need its separators
        raise ValueError("a cue's first word is a single character")
    return heads


def _patterns() -> tuple[str, str, str]:
    cue_kinds = (
        f"(?P<hedge>{_alternation(st.HEDGE_CUES)})|(?P<deny>{_alternation(st.DENY_CUES)})"
        f"|(?P<neg>{_alternation(st.NEGATION_CUES)})"
    )
    scan = (
        rf"\W(?:{cue_kinds}|(?P<lead>{_alternation(st.LEAD)})"
        rf"|(?P<b>(?<=[{re.escape(st.BOUNDARY_CHARACTERS)}])|[-/](?=\s)|{_alternation(st.BOUNDARY_WORDS)}))"
    )
    return cue_kinds, scan, f"(?P<neg>{st.TAIL_NEGATION})|(?P<hedge>{st.TAIL_HEDGE})"


# Writing the cue lists out as tries takes ~40 ms of every start: the text is kept on disk, keyed by
# the lists themselves and the code that writes them.
_CUE_KINDS, _SCAN_PATTERN, _TAIL_PATTERN = _cache.derived(
    "grammar-text",
    [
        Path(st.__file__).read_bytes(), Path(__file__).read_bytes(), st.BOUNDARY_CHARACTERS,
        st.TAIL_NEGATION, st.TAIL_HEDGE,
        *("\1".join(c) for c in (st.HEDGE_CUES, st.DENY_CUES, st.NEGATION_CUES, st.LEAD, st.BOUNDARY_WORDS)),
    ],
    _patterns,
)
# Compiled from the disk cache when it has them (service/screening/cache.py): compiling these in
# Python took ~0.3 s of every start.
_cache.preload("grammar", [_CUE_KINDS, _SCAN_PATTERN, st.BREAKERS, st.COORDINATION, _TAIL_PATTERN, st.PLACE])
_CUES = _cache.compile_pattern(_CUE_KINDS)
# The first two characters of every cue's spellings: a term starting otherwise has no cue of its own,
# and the test costs a fraction of a failed _CUES.match.
_CUE_HEADS = _heads((*st.HEDGE_CUES, *st.DENY_CUES, *st.NEGATION_CUES))
_PUNCT = frozenset(st.BOUNDARY_CHARACTERS)
# Before a term, in one pass over word starts (every match begins with the non-word character in
# front of a word, which lets the engine skip along inside words): cues, a lead-in, clause ends.
_SCAN = _cache.compile_pattern(_SCAN_PATTERN)
_WINDOW = 48  # a negation reaches back no further (characters), nor past a clause or earlier finding
_COORD_REACH = 16  # "no gun or knife": how far back the list's first item may end
_TAIL_LOOK = 32  # how far after the term a tail ("weapons: none") may start, past white space
_BREAK = _cache.compile_pattern(st.BREAKERS)
_COORD = _cache.compile_pattern(st.COORDINATION)
_TAIL = _cache.compile_pattern(_TAIL_PATTERN)
_TAIL_FIRST = frozenset(st.TAIL_STARTS)
PLACE = _cache.compile_pattern(st.PLACE)
PLACE_FIRST = frozenset(st.PLACE_STARTS)
State = tuple[int, int, bool, bool]  # phrase start, phrase end, negated, hedged


class Grammar(NamedTuple):
    """The cue grammar as the native reader (service/screening/csrc/) takes it: the same patterns, and
    what lets it skip a pattern where it cannot match."""

    cues: re.Pattern[str]
    coord: re.Pattern[str]
    scan: re.Pattern[str]
    brk: re.Pattern[str]
    tail: re.Pattern[str]
    place: re.Pattern[str]
    cue_heads: frozenset[str]
    scan_phrases: tuple[str, ...]  # what _SCAN can match after its \W, bar punctuation and " -"
    punct: str
    tail_first: str
    place_first: str
    reach: tuple[int, int, int]  # _WINDOW, _COORD_REACH, _TAIL_LOOK


GRAMMAR = Grammar(
    _CUES, _COORD, _SCAN, _BREAK, _TAIL, PLACE, _CUE_HEADS,
    (*st.HEDGE_CUES, *st.DENY_CUES, *st.NEGATION_CUES, *st.LEAD, *st.BOUNDARY_WORDS),
    st.BOUNDARY_CHARACTERS, st.TAIL_STARTS, st.PLACE_STARTS, (_WINDOW, _COORD_REACH, _TAIL_LOOK),
)


def context(low: str, start: int, end: int, prev: tuple[int, State] | None) -> State:
    """How the narrative frames the mention low[start:end]: negated, hedged, and the phrase to quote."""
    # "not breathing", "possibly dead": the term's own cue
    own = _CUES.match(low, start, end) if low[start : start + 2] in _CUE_HEADS else None
    if (
        own is None and prev is not None and start - prev[0] < _COORD_REACH
        and _COORD.fullmatch(low, prev[0], start)
    ):
        return start, end, prev[1][2], prev[1][3]  # "no gun or knife": the list shares its cue
    lo = start - _WINDOW
    if prev is not None and prev[0] > lo:
        lo = prev[0]
    elif lo < 0:
        lo = 0
    if (cut := low.rfind(",", lo, start)) > lo:  # cheap first cut at the clause
        lo = cut
    if (cut := low.rfind(".", lo, start)) > lo:
        lo = cut
    cue = lead = None
    for m in _SCAN.finditer(low, lo, start):
        if (group := m.lastgroup) == "b":
            cue = lead = None
        elif low[m.start()] in _PUNCT:
            cue, lead = (m, None) if group != "lead" else (None, m)
        elif group == "lead":
            lead = m
        else:
            cue = m
    p_start = lead.start("lead") if lead is not None and not low[lead.end() : start].strip(" -") else start
    if cue is not None:
        kind = cue.lastgroup or ""
        if kind == "hedge" or (
            own is None and (kind == "deny" or _BREAK.search(low, cue.end(), start) is None)
        ):
            return min(p_start, cue.start(kind)), end, kind != "hedge", kind == "hedge"
    if own is not None:
        return p_start, end, False, own.lastgroup == "hedge"
    # _TAIL begins with one of _TAIL_FIRST after white space
    after = low[end : end + _TAIL_LOOK].lstrip()[:1]
    may_tail = after in _TAIL_FIRST or (not after and len(low) > end + _TAIL_LOOK)
    if may_tail and (tail := _TAIL.match(low, end)):
        return p_start, tail.end(), tail.lastgroup == "neg", tail.lastgroup == "hedge"
    return p_start, end, False, False
