"""Narrative screening: find safety disqualifiers (weapon, violence, medical...) in CAD free text.

Pure and fast: regular expressions are compiled once per policy by compile_terms(); nothing here does
I/O or logs (narratives hold health and crime details about real people).

A finding is reported for every mention, negated or not; the decision layer asserts a flag when any
finding for it is not negated. Uncertainty counts as presence: "unk if armed" is a hedged, positive
weapon finding, because sending an unarmed team on a guess is the error that hurts people.

Phrases are written in the term language of service.screening.terms (which also holds the
defaults); a policy adds or removes some with TermsSpec. Matching is case-insensitive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING

import msgspec

from service.screening import cache as _cache
from service.screening import native as screening_native
from service.screening import terms as st
from service.screening.context import PLACE, PLACE_FIRST, State, context
from service.screening.index import LiteralIndex, fold, folded_keys
from service.screening.startkeys import start_keys, starting
from service.screening.unhurt import unhurt as _unhurt
from service.screening.verbal import verbal_only as _verbal

if TYPE_CHECKING:
    from service.screening import _reader as _screening

__all__ = [
    "DEFAULT_TERMS",
    "FLAGS",
    "Finding",
    "ScreeningTerms",
    "TermsSpec",
    "compile_terms",
    "default_terms",
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
    # (up to) three characters (or more: service.screening.startkeys) are tried, each with a trie of
    # just those of its terms: it finds what
    # the flag's whole trie would (the others cannot match there, and these keep their order) in a
    # fraction of the time. No pattern has capture groups: with hundreds of them the engine's
    # bookkeeping makes every match several times slower.
    finder: re.Pattern[str] = field(repr=False)
    starts: Mapping[str, tuple[_Scanner, ...]] = field(repr=False)
    # The same places for ASCII text (nearly every narrative), and a few more where nothing matches,
    # from one pass of an automaton: the finder's engine attempt at every word start costs more.
    index: LiteralIndex = field(repr=False)
    # All of the above in C, for ASCII text (service/screening/csrc/); None where it is not built.
    native: _screening.Reader | None = field(repr=False)
    lengths: tuple[int, ...] = field(default=(3, 2, 1), repr=False)


def _plan(phrases: Mapping[str, tuple[str, ...]]) -> _cache.Plan:
    """What the vocabulary compiles to, as plain data (cached on disk: service/screening/cache.py)."""
    everything: list[st.Entry] = []
    # Per flag: the first characters of a match -> its scanner's patterns (the C reader takes them
    # as they are; the Python reader compiles them below).
    specs: list[dict[str, screening_native.ScannerSpec]] = []
    for order, flag in enumerate(FLAGS):
        entries = [e for p in phrases[flag] for e in st.phrase_entries(p)]
        keys = start_keys(entries)
        spec: dict[str, screening_native.ScannerSpec] = {}
        for key in keys:  # "od", "a cut": also where a longer key starts with theirs
            some = starting(entries, keys, key)
            # Only the look-alikes and denials that can start here: a match starts where its term does,
            # so these are all the ones that can match its words (one pattern for the whole flag
            # outgrew PCRE2's limit on compiled size, and made every match try all of them).
            skip, neg = ([e for e in some if e[3] == kind] for kind in (st.SKIP, st.NEG))
            kinds = "|".join(f"(?P<{name}>{st.trie(k)})" for name, k in (("skip", skip), ("neg", neg)) if k)
            spec[key] = (order, st.trie(some), kinds or None)
        specs.append(spec)
        everything += entries
    native: dict[str, tuple[screening_native.ScannerSpec, ...]] = {}
    for key in sorted({k for spec in specs for k in spec}):  # each flag's scanner for the longest start
        found = (next((f[key[:n]] for n in range(len(key), 0, -1) if key[:n] in f), None) for f in specs)
        native[key] = tuple(s for s in found if s is not None)
    finder = r"\W(?=" + st.trie(everything) + ")"
    literal = folded_keys((p, order) for order, flag in enumerate(FLAGS) for p in phrases[flag])
    return native, finder, literal, screening_native.trie(literal) if screening_native.AVAILABLE else None


def _patterns(plan: _cache.Plan) -> list[str]:
    native, finder, _, _ = plan
    found = {finder}
    for scanners in native.values():
        for _, term, kinds in scanners:
            found.add(term)
            if kinds is not None:
                found.add(kinds)
    return sorted(found)


def _build(phrases: Mapping[str, tuple[str, ...]]) -> ScreeningTerms:
    native, finder_pattern, literal, keys_trie = _cache.load_plan(phrases, lambda: _plan(phrases), _patterns)
    starts = {key: tuple(_scanner(*s) for s in spec) for key, spec in native.items()}
    finder = _compiled(finder_pattern)
    reader = screening_native.reader(literal, native, Finding, FLAGS, keys_trie=keys_trie)
    # The Python reader's index of ASCII text: built now only if the native reader (which reads
    # ASCII text itself) is missing, so that no call pays for building it.
    index = LiteralIndex(literal, eager=reader is None)
    lengths = tuple(sorted({len(k) for k in starts}, reverse=True))
    return ScreeningTerms(
        MappingProxyType(dict(phrases)), finder, MappingProxyType(starts), index, reader, lengths
    )


# Policies' vocabularies share most of their patterns; many policy versions later, old ones drop out.
_compiled = lru_cache(maxsize=50_000)(_cache.compile_pattern)


def _scanner(order: int, term: str, kinds: str | None) -> _Scanner:
    return order, _compiled(term).match, _compiled(kinds).fullmatch if kinds is not None else None


@cache
def default_terms() -> ScreeningTerms:
    """The default vocabulary, built (or loaded from the cache) on first use, not at import: a CLI
    command that never screens must not pay for it; the service builds it at start-up."""
    return _build(st.DEFAULT_PHRASES)


if TYPE_CHECKING:
    DEFAULT_TERMS: ScreeningTerms


def __getattr__(name: str) -> ScreeningTerms:
    if name == "DEFAULT_TERMS":
        return default_terms()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def compile_terms(spec: TermsSpec | None = None) -> ScreeningTerms:
    """Defaults plus a policy's additions minus its removals; ValueError lists every bad entry."""
    if spec is None or (not spec.add and not spec.remove):
        return default_terms()
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



def _lower(text: str) -> str:
    low = text.lower()  # a few characters grow when lowered ("İ"); offsets must not move
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def screen_narrative(text: str, terms: ScreeningTerms | None = None) -> tuple[Finding, ...]:
    """Every mention of every flag in the narrative, in reading order (default vocabulary: None)."""
    if terms is None:
        terms = default_terms()
    if terms.native is not None and (findings := terms.native.findings(text)) is not None:
        return _verbal(_unhurt(findings))  # the native reader lowers the text itself, as below
    low = " " + _lower(text)  # so the first word has a non-word character in front, like the rest
    found: list[tuple[int, int, Finding]] = []
    intent = means = False
    for start, order, p_start, p_end, negated, hedged in _read(low, terms):
        phrase = text[p_start - 1 : p_end - 1].strip()
        found.append((start, order, Finding(FLAGS[order], phrase, negated, hedged)))
        intent = intent or (order == _SUICIDAL and not negated)
        means = means or order == _MEANS
    if intent or means:
        found = _means(found)
    found.sort(key=_ORDER)
    return _verbal(_unhurt(tuple([t[2] for t in found])))


_Row = tuple[int, int, int, int, bool, bool]  # start, flag order, phrase start and end, negated, hedged


def _read(low: str, terms: ScreeningTerms) -> list[_Row]:
    """The mentions in ``low``, as the native reader gives them: the reference it is tested against."""
    starts = terms.starts
    lengths = terms.lengths  # the start keys' lengths, longest first: the longest key that fits wins
    hits: list[tuple[int, int, int, int]] = []
    consumed = [0] * len(FLAGS)  # per flag, like finditer: a match hides what starts inside it
    if low.isascii():
        places = terms.index.starts(fold(low))  # place -> the flags whose terms may start there
    else:
        places = dict.fromkeys([m.end() for m in terms.finder.finditer(low)], _ALL)
    for start in sorted(places):
        flags = places[start]
        scanners = next((s for n in lengths if (s := starts.get(low[start : start + n]))), ())
        for order, match, kinds in scanners:
            hit = match(low, start) if flags >> order & 1 and start >= consumed[order] else None
            if hit is not None:
                consumed[order] = end = hit.end()
                sort = kinds(low, start, end) if kinds is not None else None
                if sort is None:
                    hits.append((start, end, order, st.POS))
                elif sort.lastgroup == "neg":
                    hits.append((start, end, order, st.NEG))
    states: dict[tuple[int, int], State] = {}
    done: list[tuple[int, State]] = []  # (end, state) of each mention read so far, by start
    rows: list[_Row] = []
    for start, end, order, kind in sorted(hits):
        if kind == st.NEG:
            state: State = (start, end, True, False)
        elif (start, end) in states:
            state = states[start, end]  # the same words found for another flag read the same way
        else:
            if not done or done[-1][0] <= start:
                prev = done[-1] if done else None
            else:
                prev = next((d for d in reversed(done) if d[0] <= start), None)
            state = states[start, end] = context(low, start, end, prev)
        done.append((end, state))
        p_end = state[1]
        if low[p_end : p_end + 1].isspace() and (
            (c := low[p_end + 1 : p_end + 2]) in PLACE_FIRST or c.isspace()
        ) and (place := PLACE.match(low, p_end)):
            p_end = place.end()
        rows.append((start, order, state[0], p_end, state[2], state[3]))
    return rows


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
