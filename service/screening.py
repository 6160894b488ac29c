"""Narrative screening: find safety disqualifiers (weapon, violence, medical...) in CAD free text.

Pure and fast: regular expressions are compiled once per policy by compile_terms(); nothing here does
I/O or logs (narratives hold health and crime details about real people).

A finding is reported for every mention, negated or not; the decision layer asserts a flag when any
finding for it is not negated. Uncertainty counts as presence: "unk if armed" is a hedged, positive
weapon finding, because sending an unarmed team on a guess is the error that hurts people.

Term language (defaults in service.screening_terms, policy changes in TermsSpec): words separated by
spaces (any run of spaces or hyphens matches), ``*`` = any word characters, ``#`` = a number,
``(a|b|)`` = alternatives, no nesting (an empty one makes the group optional), leading ``!`` = a
phrase that denies the flag by itself ("unarmed"), leading ``~`` = look-alike text to ignore ("nail
gun"). Phrases start with a letter, digit or group and are matched case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import msgspec

from service import screening_terms as st

__all__ = ["DEFAULT_TERMS", "FLAGS", "Finding", "ScreeningTerms", "TermsSpec", "compile_terms",
           "screen_narrative"]

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


_POS, _NEG, _SKIP = range(3)  # kinds of term: plain, a denial by itself ("unarmed"), look-alike
_SEP = r"[\s\-]+"
_Entry = tuple[str, str, int, int]  # literal prefix, regex for the rest, minimum length, kind
# Flag, its place in FLAGS, its anchored pattern, and a pattern telling the kind of a match: whole
# matches of its look-alike ("skip") or denial ("neg") terms; anything else is a plain term.
_Scanner = tuple[str, int, re.Pattern[str], re.Pattern[str] | None]


@dataclass(frozen=True, slots=True, eq=False)
class ScreeningTerms:
    """Compiled vocabulary for one policy; build with compile_terms(), share freely (immutable)."""

    phrases: Mapping[str, tuple[str, ...]]
    # One pass over word starts finds every place a term of any flag starts (also inside another
    # term: "blood" in "lots of blood"). There, only the flags with a term starting with the same
    # (up to) three characters are tried, each with its own anchored pattern. No pattern has capture
    # groups: with hundreds of them the engine's bookkeeping makes every match several times slower.
    finder: re.Pattern[str] = field(repr=False)
    starts: Mapping[str, tuple[int, ...]] = field(repr=False)
    scanners: tuple[_Scanner, ...] = field(repr=False)


_TOKEN = re.compile(r"(?:[^\s()]|\([^()]*\))+")  # space-separated, except inside a group
_PIECE = re.compile(r"\([^()]*\)|[^()]+")


def _word(word: str) -> tuple[str, int]:
    rx = "".join(r"\w*" if c == "*" else r"\d+" if c == "#" else re.escape(c) for c in word)
    return rx, sum(c != "*" for c in word)


def _token(tok: str) -> tuple[str, int, bool]:
    """One token: regex, minimum length, and whether it is a lone optional group ("(a|an|)")."""
    out, size, pieces, optional = "", 0, _PIECE.findall(tok), False
    for piece in pieces:
        if piece[0] != "(":
            rx, n = _word(piece)
            out, size = out + rx, size + n
            continue
        alts = [[_word(w) for w in a.split()] for a in piece[1:-1].split("|")]
        rendered = [(_SEP.join(rx for rx, _ in a), sum(n for _, n in a) + len(a) - 1) for a in alts if a]
        if not rendered:
            raise ValueError("empty group")
        optional = len(rendered) < len(alts)
        out += f"(?:{'|'.join(rx for rx, _ in rendered)})" + ("?" if optional and len(pieces) > 1 else "")
        size += 0 if optional else min(n for _, n in rendered)
    return out, size, optional and len(pieces) == 1


def _split(phrase: str) -> list[str]:
    if _TOKEN.sub("", phrase).strip():
        raise ValueError("unbalanced or nested parentheses")
    if "|" in re.sub(r"\([^()]*\)", "", phrase):
        raise ValueError("'|' outside a group")
    return list(_TOKEN.findall(phrase))


def _join(tokens: list[str]) -> tuple[str, int]:
    """Regex for tokens that follow something already matched (so a separator comes first)."""
    out, size, glued = "", 0, False  # glued: the previous piece already ends with its separator
    for i, tok in enumerate(tokens):
        rx, n, optional = _token(tok)
        sep = "" if glued else _SEP
        if optional and i < len(tokens) - 1:
            out, glued = out + sep + f"(?:{rx}{_SEP})?", True
        elif optional:
            out += f"(?:{sep}{rx})?"
        else:
            out, size, glued = out + sep + rx, size + n + 1, False
    return out, size


def _expand(tokens: list[str]) -> list[tuple[str, str, int]]:
    """Every way a phrase can begin: (literal prefix, regex for the rest, minimum length); the first
    token's groups are multiplied out so that every entry starts with plain characters for the trie."""
    first, rest = tokens[0], tokens[1:]
    if first.startswith("("):
        j = first.find(")")
        heads = [_split(alt + first[j + 1 :]) + rest for alt in first[1:j].split("|")]
        if not all(heads):
            raise ValueError("matches the empty string")
        return [entry for head in heads for entry in _expand(head)]
    k = next((i for i, c in enumerate(first) if c in "*#("), len(first))
    if not first[:1].isalnum():
        raise ValueError("must start with a letter, digit or '('")
    tail, tail_n, optional = _token(first[k:]) if k < len(first) else ("", 0, False)
    rest_rx, rest_n = _join(rest)
    return [(first[:k], (f"(?:{tail})?" if optional else tail) + rest_rx, k + tail_n + rest_n)]


def _entries(phrase: str) -> list[_Entry]:
    kind = {"!": _NEG, "~": _SKIP}.get(phrase[:1], _POS)
    body = (phrase[1:] if kind != _POS else phrase).strip().lower()
    if not body:
        raise ValueError("empty phrase")
    end = r"(?!\w)" if body[-1].isalnum() or body[-1] in "*#)" else ""
    entries = [(prefix, rest + end, n, kind) for prefix, rest, n in _expand(_split(body))]
    for prefix, rest, _, _ in entries:
        re.compile(re.escape(prefix) + rest)  # a policy's phrase fails here, not at build time
    return entries


def _trie(entries: list[_Entry]) -> str:
    """One alternation shaped as a trie on literal prefixes, so the engine rejects a word in a few steps."""
    root: dict[str, Any] = {}
    for entry in entries:
        node = root
        for c in entry[0]:
            node = node.setdefault(c, {})
        node.setdefault("", []).append(entry)

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        alts += [rest for _, rest, _, _ in sorted(node.get("", []), key=lambda e: -e[2])]  # longest first
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def _build(phrases: Mapping[str, tuple[str, ...]]) -> ScreeningTerms:
    scanners: list[_Scanner] = []
    everything: list[_Entry] = []
    starts: dict[str, set[int]] = {}
    for flag in FLAGS:
        entries = [e for p in phrases[flag] for e in _entries(p)]
        if entries:
            skip, neg = ([e for e in entries if e[3] == kind] for kind in (_SKIP, _NEG))
            kinds = "|".join(f"(?P<{name}>{_trie(k)})" for name, k in (("skip", skip), ("neg", neg)) if k)
            pattern = re.compile(_trie(entries))
            scanners.append((flag, FLAGS.index(flag), pattern, re.compile(kinds) if kinds else None))
            everything += entries
            for entry in entries:
                starts.setdefault(entry[0][:3], set()).add(len(scanners) - 1)
    for short in [k for k in starts if len(k) < 3]:  # "od", "a cut": also candidates wherever they begin
        for key in starts:
            if key.startswith(short):
                starts[key] |= starts[short]
    return ScreeningTerms(
        MappingProxyType(dict(phrases)),
        re.compile(r"\W(?=" + _trie(everything) + ")"),
        MappingProxyType({k: tuple(sorted(v)) for k, v in starts.items()}),
        tuple(scanners),
    )


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
                    _entries(phrase)
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
    return _trie([e for p in phrases for e in _entries(p)])


_CUE_KINDS = (
    f"(?P<hedge>{_alternation(st.HEDGE_CUES)})|(?P<deny>{_alternation(st.DENY_CUES)})"
    f"|(?P<neg>{_alternation(st.NEGATION_CUES)})"
)
_CUES = re.compile(_CUE_KINDS)
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
_PLACE = re.compile(st.PLACE)
_State = tuple[int, int, bool, bool]  # phrase start, phrase end, negated, hedged


def _context(low: str, start: int, end: int, prev: tuple[int, _State] | None) -> _State:
    """How the narrative frames the mention low[start:end]: negated, hedged, and the phrase to quote."""
    own = _CUES.match(low, start, end)  # "not breathing", "possibly dead": the term's own cue
    if own is None and prev is not None and start - prev[0] < 16 and _COORD.fullmatch(low, prev[0], start):
        return start, end, prev[1][2], prev[1][3]  # "no gun or knife": the list shares its cue
    cue = lead = None
    for m in _SCAN.finditer(low, max(start - _WINDOW, prev[0] if prev is not None else 0), start):
        if m.lastgroup == "b" or low[m.start()] in _PUNCT:
            cue = lead = None
        if m.lastgroup == "lead":
            lead = m
        elif m.lastgroup != "b":
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
    if tail := _TAIL.match(low, end):
        return p_start, tail.end(), tail.lastgroup == "neg", tail.lastgroup == "hedge"
    return p_start, end, False, False


def _lower(text: str) -> str:
    low = text.lower()  # a few characters grow when lowered ("İ"); offsets must not move
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def screen_narrative(text: str, terms: ScreeningTerms = DEFAULT_TERMS) -> tuple[Finding, ...]:
    """Every mention of every flag in the narrative, in reading order."""
    low = " " + _lower(text)  # so the first word has a non-word character in front, like the rest
    scanners, starts, hits = terms.scanners, terms.starts, list[tuple[int, int, int, int]]()
    consumed = [0] * len(scanners)  # per flag, like finditer: a match hides what starts inside it
    for m in terms.finder.finditer(low):
        start = m.end()
        candidates = starts.get(low[start : start + 3]) or starts.get(low[start : start + 2])
        for index in candidates or starts[low[start]]:
            _, _, pattern, kinds = scanners[index]
            hit = pattern.match(low, start) if start >= consumed[index] else None
            if hit is not None:
                consumed[index] = end = hit.end()
                sort = kinds.fullmatch(low, start, end) if kinds is not None else None
                if sort is None:
                    hits.append((start, end, index, _POS))
                elif sort.lastgroup == "neg":
                    hits.append((start, end, index, _NEG))
    states: dict[tuple[int, int], _State] = {}
    done: list[tuple[int, _State]] = []  # (end, state) of each mention read so far, by start
    found: list[tuple[int, int, Finding]] = []
    for start, end, index, kind in sorted(hits):
        if kind == _NEG:
            state: _State = (start, end, True, False)
        elif (start, end) in states:
            state = states[start, end]  # the same words found for another flag read the same way
        else:
            prev = next((d for d in reversed(done) if d[0] <= start), None)
            state = states[start, end] = _context(low, start, end, prev)
        done.append((end, state))
        p_end = place.end() if (place := _PLACE.match(low, state[1])) else state[1]
        flag, order = scanners[index][:2]
        found.append((start, order, Finding(flag, text[state[0] - 1 : p_end - 1].strip(), *state[2:])))
    return tuple(f for _, _, f in sorted(_means(found), key=lambda t: (t[0], t[1])))


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
