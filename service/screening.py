"""Narrative screening: find safety disqualifiers (weapon, violence, medical...) in CAD free text.

Pure and fast: regular expressions are compiled once per policy by compile_terms(); nothing here does
I/O or logs (narratives hold health and crime details about real people).

A finding is reported for every mention, negated or not; the decision layer asserts a flag when any
finding for it is not negated. Uncertainty counts as presence: "unk if armed" is a hedged, positive
weapon finding, because sending an unarmed team on a guess is the error that hurts people.

Phrases are written in the term language of service.screening_terms (which also holds the
defaults); a policy adds or removes some with TermsSpec. Matching is case-insensitive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from types import MappingProxyType

import msgspec

from service import screening_terms as st
from service.screening_index import LiteralIndex, fold, phrase_keys

__all__ = [
    "DEFAULT_TERMS",
    "FLAGS",
    "Finding",
    "ScreeningTerms",
    "TermsSpec",
    "compile_terms",
    "screen_narrative",
]

FLAGS = (
    "weapon", "violence", "crime_in_progress", "medical", "injury", "suicidal", "suicidal_means",
    "intoxication",
)


class Finding(msgspec.Struct, frozen=True):
    """One mention of a flag: the narrative's own words, and whether it denies or hedges them."""

    flag: str
    phrase: str
    negated: bool
    hedged: bool = False


class TermsSpec(msgspec.Struct, forbid_unknown_fields=True):
    """Policy data: per-flag phrases added to, or removed from, the defaults."""

    add: dict[str, list[str]] = {}
    remove: dict[str, list[str]] = {}


_Find = Callable[..., "re.Match[str] | None"]  # a compiled pattern's match or fullmatch
# A flag to try where a term may start: its place in FLAGS, a pattern of only its terms that can
# start there, and one telling the kind of a match (whole matches of its look-alike ("skip") or
# denial ("neg") terms), or None when no such term can start there; anything else is a plain term.
_Scanner = tuple[int, _Find, _Find | None]


@dataclass(frozen=True, slots=True, eq=False)
class ScreeningTerms:
    """Compiled vocabulary for one policy; build with compile_terms(), share freely (immutable)."""

    phrases: Mapping[str, tuple[str, ...]]
    # One pass over word starts finds every place a term of any flag starts (also inside another
    # term: "blood" in "lots of blood"). There, only the flags with a term starting with the same
    # (up to) three characters are tried, each with a trie of just those of its terms: it finds what
    # the flag's whole trie would (the others cannot match there, and these keep their order) in a
    # fraction of the time. No pattern has capture groups: with hundreds of them the engine's
    # bookkeeping makes every match several times slower.
    finder: re.Pattern[str] = field(repr=False)
    starts: Mapping[str, tuple[_Scanner, ...]] = field(repr=False)
    # The same places for ASCII text (nearly every narrative), and a few more where nothing matches,
    # from one pass of an automaton: the finder's engine attempt at every word start costs more.
    index: LiteralIndex = field(repr=False)


def _build(phrases: Mapping[str, tuple[str, ...]]) -> ScreeningTerms:
    everything: list[st.Entry] = []
    flags: list[dict[str, _Scanner]] = []  # per flag: the first characters of a match -> its scanner
    for order, flag in enumerate(FLAGS):
        entries = [e for p in phrases[flag] for e in st.phrase_entries(p)]
        skip, neg = ([e for e in entries if e[3] == kind] for kind in (st.SKIP, st.NEG))
        kinds = "|".join(f"(?P<{name}>{st.trie(k)})" for name, k in (("skip", skip), ("neg", neg)) if k)
        keys: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):  # the first (up to) three characters its matches start with
            keys.setdefault(entry[0].split("\0")[0][:3], []).append(i)
        scanners: dict[str, _Scanner] = {}
        for key in keys:  # "od", "a cut": also where a longer key starts with theirs
            ids = sorted(i for n in range(1, len(key) + 1) for i in keys.get(key[:n], []))
            some = [entries[i] for i in ids]
            special = _compiled(kinds).fullmatch if any(e[3] != st.POS for e in some) else None
            scanners[key] = (order, _compiled(st.trie(some)).match, special)
        flags.append(scanners)
        everything += entries
    starts: dict[str, tuple[_Scanner, ...]] = {}
    for key in {k for scanners in flags for k in scanners}:  # each flag's scanner for the longest start
        found = (next((f[key[:n]] for n in (3, 2, 1) if key[:n] in f), None) for f in flags)
        starts[key] = tuple(s for s in found if s is not None)
    finder = re.compile(r"\W(?=" + st.trie(everything) + ")")
    index = LiteralIndex((p, order) for order, flag in enumerate(FLAGS) for p in phrases[flag])
    return ScreeningTerms(MappingProxyType(dict(phrases)), finder, MappingProxyType(starts), index)


_COMPILED: dict[str, re.Pattern[str]] = {}  # policies' vocabularies share most of their patterns


def _compiled(pattern: str) -> re.Pattern[str]:
    if (compiled := _COMPILED.get(pattern)) is None:
        if len(_COMPILED) > 50_000:  # many policy versions later: start over
            _COMPILED.clear()
        compiled = _COMPILED[pattern] = re.compile(pattern)
    return compiled


def compile_terms(spec: TermsSpec | None = None) -> ScreeningTerms:
    """Defaults plus a policy's additions minus its removals; ValueError lists every bad entry."""
    if spec is None or (not spec.add and not spec.remove):
        return DEFAULT_TERMS
    errors: list[str] = []
    merged = {flag: list(st.DEFAULT_PHRASES[flag]) for flag in FLAGS}
    for section, entries in (("remove", spec.remove), ("add", spec.add)):
        for flag, phrases in entries.items():
            if flag not in merged:
                errors.append(f"{section}.{flag}: unknown flag (expected one of {', '.join(FLAGS)})")
                continue
            for i, phrase in enumerate(p.strip() for p in phrases):
                known = {p.lower() for p in merged[flag]}
                try:
                    st.phrase_entries(phrase)
                except (ValueError, re.error) as exc:
                    errors.append(f"{section}.{flag}[{i}]: {exc}: {phrase!r}")
                    continue
                if section == "remove" and phrase.lower() not in known:
                    errors.append(f"{section}.{flag}[{i}]: not a default phrase: {phrase!r}")
                elif section == "remove":
                    merged[flag] = [p for p in merged[flag] if p.lower() != phrase.lower()]
                elif phrase.lower() not in known:
                    merged[flag].append(phrase)
    if errors:
        raise ValueError("invalid screening terms: " + "; ".join(errors))
    return _build({flag: tuple(p) for flag, p in merged.items()})


DEFAULT_TERMS: ScreeningTerms = _build(st.DEFAULT_PHRASES)


def _alternation(phrases: tuple[str, ...]) -> str:
    return st.trie([e for p in phrases for e in st.phrase_entries(p)])


_CUE_KINDS = (
    f"(?P<hedge>{_alternation(st.HEDGE_CUES)})|(?P<deny>{_alternation(st.DENY_CUES)})"
    f"|(?P<neg>{_alternation(st.NEGATION_CUES)})"
)
_CUES = re.compile(_CUE_KINDS)
# The first two characters of every cue's spellings: a term starting otherwise has no cue of its own,
# and the test costs a fraction of a failed _CUES.match.
_CUE_HEADS = frozenset(
    k[:2] for p in (*st.HEDGE_CUES, *st.DENY_CUES, *st.NEGATION_CUES) for k in phrase_keys(p, tails=False)
)
if not all(len(h) == 2 and " " not in h for h in _CUE_HEADS):  # "a (b|c)" would need its separators
    raise ValueError("a cue's first word is a single character")
_PUNCT = frozenset(st.BOUNDARY_CHARACTERS)
# Before a term, in one pass over word starts (every match begins with the non-word character in
# front of a word, which lets the engine skip along inside words): cues, a lead-in, clause ends.
_SCAN = re.compile(
    rf"\W(?:{_CUE_KINDS}|(?P<lead>{_alternation(st.LEAD)})"
    rf"|(?P<b>(?<=[{re.escape(st.BOUNDARY_CHARACTERS)}])|-(?=\s)|{_alternation(st.BOUNDARY_WORDS)}))"
)
_WINDOW = 48  # a negation reaches back no further (characters), nor past a clause or earlier finding
_BREAK = re.compile(st.BREAKERS)
_COORD = re.compile(st.COORDINATION)
_TAIL = re.compile(f"(?P<neg>{st.TAIL_NEGATION})|(?P<hedge>{st.TAIL_HEDGE})")
_TAIL_FIRST = frozenset(st.TAIL_STARTS)
_PLACE = re.compile(st.PLACE)
_PLACE_FIRST = frozenset(st.PLACE_STARTS)
_State = tuple[int, int, bool, bool]  # phrase start, phrase end, negated, hedged


def _context(low: str, start: int, end: int, prev: tuple[int, _State] | None) -> _State:
    """How the narrative frames the mention low[start:end]: negated, hedged, and the phrase to quote."""
    # "not breathing", "possibly dead": the term's own cue
    own = _CUES.match(low, start, end) if low[start : start + 2] in _CUE_HEADS else None
    if own is None and prev is not None and start - prev[0] < 16 and _COORD.fullmatch(low, prev[0], start):
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
    after = low[end : end + 32].lstrip()[:1]  # _TAIL begins with one of _TAIL_FIRST after white space
    if (after in _TAIL_FIRST or (not after and len(low) > end + 32)) and (tail := _TAIL.match(low, end)):
        return p_start, tail.end(), tail.lastgroup == "neg", tail.lastgroup == "hedge"
    return p_start, end, False, False


def _lower(text: str) -> str:
    low = text.lower()  # a few characters grow when lowered ("İ"); offsets must not move
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def screen_narrative(text: str, terms: ScreeningTerms = DEFAULT_TERMS) -> tuple[Finding, ...]:
    """Every mention of every flag in the narrative, in reading order."""
    low = " " + _lower(text)  # so the first word has a non-word character in front, like the rest
    starts = terms.starts
    hits: list[tuple[int, int, int, int]] = []
    consumed = [0] * len(FLAGS)  # per flag, like finditer: a match hides what starts inside it
    if low.isascii():
        folded = fold(low)
        places = terms.index.starts(folded)  # place -> the flags whose terms may start there
    else:
        folded, places = None, dict.fromkeys([m.end() for m in terms.finder.finditer(low)], _ALL)
    for start in sorted(places):
        flags = places[start]
        scanners = starts.get(low[start : start + 3]) or starts.get(low[start : start + 2])
        for order, match, kinds in scanners or starts.get(low[start], ()):
            hit = match(low, start) if flags >> order & 1 and start >= consumed[order] else None
            if hit is not None:
                consumed[order] = end = hit.end()
                sort = kinds(low, start, end) if kinds is not None else None
                if sort is None:
                    hits.append((start, end, order, st.POS))
                elif sort.lastgroup == "neg":
                    hits.append((start, end, order, st.NEG))
    states: dict[tuple[int, int], _State] = {}
    done: list[tuple[int, _State]] = []  # (end, state) of each mention read so far, by start
    found: list[tuple[int, int, Finding]] = []
    intent = means = False
    for start, end, order, kind in sorted(hits):
        if kind == st.NEG:
            state: _State = (start, end, True, False)
        elif (start, end) in states:
            state = states[start, end]  # the same words found for another flag read the same way
        else:
            if not done or done[-1][0] <= start:
                prev = done[-1] if done else None
            else:
                prev = next((d for d in reversed(done) if d[0] <= start), None)
            state = states[start, end] = _context(low, start, end, prev)
        done.append((end, state))
        p_end = state[1]
        if low[p_end : p_end + 1].isspace() and (
            (c := low[p_end + 1 : p_end + 2]) in _PLACE_FIRST or c.isspace()
        ) and (place := _PLACE.match(low, p_end)):
            p_end = place.end()
        phrase = text[state[0] - 1 : p_end - 1].strip()
        found.append((start, order, Finding(FLAGS[order], phrase, state[2], state[3])))
        intent = intent or (order == _SUICIDAL and not state[2])
        means = means or order == _MEANS
    if intent or means:
        found = _means(found)
    found.sort(key=_ORDER)
    return tuple([t[2] for t in found])


_ORDER = itemgetter(0, 1)
_ALL = (1 << len(FLAGS)) - 1
_SUICIDAL, _MEANS = FLAGS.index("suicidal"), FLAGS.index("suicidal_means")


def _means(found: list[tuple[int, int, Finding]]) -> list[tuple[int, int, Finding]]:
    """Means only matter with suicidal intent; then every weapon mention is also a means mention."""
    if not any(f.flag == "suicidal" and not f.negated for _, _, f in found):
        return [t for t in found if t[2].flag != "suicidal_means"]
    have = {f.phrase for _, _, f in found if f.flag == "suicidal_means"}
    means = FLAGS.index("suicidal_means")
    return found + [
        (start, means, msgspec.structs.replace(f, flag="suicidal_means"))
        for start, _, f in found
        if f.flag == "weapon" and f.phrase not in have
    ]
