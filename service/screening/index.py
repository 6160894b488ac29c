"""Where a term may start in a narrative: one Aho-Corasick pass (pyahocorasick) over literal keys.

The regular-expression finder in service.screening.screen costs an engine attempt at every word start
(~100 per 500-character narrative); an automaton walks the text once in C. It answers a weaker
question, which is all it has to: a superset of the places where some term of the vocabulary
matches. Each extra place costs one failed match of the flags' own patterns there, which decide
every finding exactly as before; a missing place would lose a finding, so the keys are built to
never miss one:

- a key is a literal spelling of the start of a phrase: its groups multiplied out, cut at the first
  wildcard (``*``, ``#``), or after the token where the number of spellings would pass _CAP;
- keys and text are folded alike: separators (white space, hyphen, "/", ";": what the term
  language's SEPARATOR matches) become " ", other non-word characters "\\x01", and runs of " "
  become one, so a key matches wherever its pattern can; the character before a term is a non-word
  one, and so is the one after a phrase whose pattern ends with a word boundary (the text gets one
  at its end).

Only ASCII text is folded here (``str.translate`` of ASCII is a C loop); the caller keeps the
regular expression for the rest, where ``\\w`` and ``\\s`` have their Unicode meanings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import ahocorasick

from service.screening import terms as st

__all__ = ["FOLD_TABLE", "Folded", "LiteralIndex", "fold", "folded_keys", "phrase_keys"]

# Every ASCII character has an entry, word characters mapping to themselves: str.translate looks a
# missing one up through a raised and caught KeyError, which costs more than the whole fold.
_FOLD = {
    i: chr(i) if re.match(r"\w", chr(i)) else " " if re.fullmatch(st.SEPARATOR, chr(i)) else "\x01"
    for i in range(128)
}
_RUN = re.compile("  +")
_WILDCARDS = "*#"
_CAP = 256  # spellings kept per phrase; "(hit|punch*|...) (him|her|...)" would give thousands


def _spellings(pieces: list[str]) -> list[tuple[str, bool]]:
    """A token's literal spellings, each with whether a wildcard cuts it there ("threat*": cut)."""
    out = [("", False)]
    for piece in pieces:
        options = piece[1:-1].split("|") if piece.startswith("(") else [piece]
        grown: list[tuple[str, bool]] = []
        for text, cut in out:
            if cut:
                grown.append((text, cut))
                continue
            for option in options:
                words = " ".join(option.split())  # words in a group are separated like tokens
                k = next((i for i, c in enumerate(words) if c in _WILDCARDS), len(words))
                grown.append((text + words[:k], k < len(words)))
        out = grown
    return out


def phrase_keys(phrase: str, tails: bool = True) -> set[str]:
    """The literal keys of a well-formed phrase, before folding: every text its pattern matches
    starts with one of them. With ``tails``, a trailing " " or "\\x01" stands for the non-word
    character after a phrase whose pattern ends with a word boundary (leave it out where the text
    is cut right after the phrase, as the cue scan's window is)."""
    tokens = st.phrase_tokens(phrase)
    paths, keys = [""], set[str]()
    for i, pieces in enumerate(tokens):
        spellings = _spellings(pieces)
        # Cut here, what follows left to the pattern; never while a path is empty (a leading
        # optional group left out): an empty key would say nothing about where the phrase starts.
        if i and "" not in paths and len(paths) * len(spellings) > _CAP:
            return keys | set(paths)
        grown = []
        for path in paths:
            for text, cut in spellings:
                if not text and not cut:  # a lone optional group left out, with its separator
                    grown.append(path)
                    continue
                key = f"{path} {text}" if path else text
                if cut:
                    keys.add(key)
                else:
                    grown.append(key)
        paths = grown
    body = phrase.strip()
    if tails and (body[-1].isalnum() or body[-1] in "*#)"):  # the pattern ends with (?!\w)
        return keys | {p + end for p in paths for end in (" ", "\x01")}
    return keys | set(paths)


def folded_keys(phrases: Iterable[tuple[str, int]], tails: bool = True) -> dict[str, int]:
    """The folded keys of phrases tagged with group numbers (< 16), each with the bits of its groups.
    A key starts with a word character (every phrase does), so the text before it never folds into it."""
    tags: dict[str, int] = {}
    for phrase, group in phrases:
        for key in phrase_keys(phrase, tails):
            if not key[:1].isalnum():  # the index and the native reader rely on it
                raise ValueError(f"phrase {phrase!r} has a key that does not start with a word character")
            folded = _RUN.sub(" ", key.translate(_FOLD))
            tags[folded] = tags.get(folded, 0) | 1 << group
    return tags


# The fold as a table of the 128 ASCII codes, for the native reader (service/screening/csrc/).
FOLD_TABLE = bytes(ord(_FOLD[i]) for i in range(128))


class Folded(NamedTuple):
    """A narrative as the automata read it, and how to map offsets back where runs were folded."""

    text: str
    marks: list[int]  # first folded offset after each run of separators
    shifts: list[int]  # characters removed before it


def fold(low: str) -> Folded:
    """Fold ``low`` (lower-cased ASCII) like the keys, with a non-word character added at its end."""
    folded = low.translate(_FOLD) + " "
    if "  " not in folded:  # the common case: each separator is a single character
        return Folded(folded, [], [])
    marks: list[int] = []
    shifts: list[int] = []
    removed = 0
    for run in _RUN.finditer(folded):
        removed += len(run.group()) - 1
        marks.append(run.end() - removed)
        shifts.append(removed)
    return Folded(_RUN.sub(" ", folded), marks, shifts)


class LiteralIndex:
    """An automaton over folded keys (folded_keys()), each with the bits of its groups (< 16: a
    flag's place in FLAGS); immutable once built, shared by every call."""

    __slots__ = ("_automaton", "_keys")

    def __init__(self, keys: Mapping[str, int], *, eager: bool = True) -> None:
        """``eager=False`` builds the automaton on first use (~50 ms for the default vocabulary): the
        native reader reads ASCII text itself, so with it a process may never need one."""
        self._keys = keys
        self._automaton: ahocorasick.Automaton | None = None
        if eager:
            self._build()

    def _build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for body, groups in self._keys.items():
            for before in (" ", "\x01"):  # a phrase starts after a non-word character
                folded = before + body
                automaton.add_word(folded, (len(folded) - 2) << 16 | groups)  # match end - this = start
        automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def starts(self, folded: Folded) -> dict[int, int]:
        """Places in the narrative where a phrase may start, each with the groups whose phrases may
        start there; every place where one does start is among them."""
        found: dict[int, int] = {}
        get = found.get
        marks = folded.marks
        automaton = self._automaton or self._build()
        for end, value in automaton.iter(folded.text):
            at = end - (value >> 16)
            if marks:  # map back over the runs folded before it
                k = bisect_right(marks, at) - 1
                if k >= 0:
                    at += folded.shifts[k]
            found[at] = get(at, 0) | value & 0xFFFF
        return found
