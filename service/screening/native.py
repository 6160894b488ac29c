"""The native reader (service/screening/csrc/, C with PCRE2's JIT) for a vocabulary, when it is built.

It gives the Python reader's findings for ASCII narratives, several times faster; for other text,
and if it was not built (no C compiler or PCRE2 headers at install), screening runs in Python.
The patterns are the Python reader's own, compiled a second time by PCRE2: they mean the same on
such text (tests/unit/screening/test_screening_native.py holds the two readers to the same answers).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache

from service.screening.context import GRAMMAR
from service.screening.index import FOLD_TABLE, folded_keys

try:
    from service.screening import _reader as _screening
except ImportError:  # not built: the Python reader does the work
    _screening = None  # type: ignore[assignment]

__all__ = ["AVAILABLE", "KEY_MAX", "ScannerSpec", "Trie", "reader", "trie"]

AVAILABLE = _screening is not None
# The longest start key the reader takes (reader.h packs a key's characters and count in 64 bits).
KEY_MAX = 7
# Per start key: the flag's place in FLAGS, its terms' pattern, and its look-alike/denial pattern.
ScannerSpec = tuple[int, str, str | None]
# The literal keys as the reader walks them: node bits, edge parents, edge characters, edge children.
Trie = tuple[bytes, bytes, bytes, bytes]


@lru_cache(maxsize=50_000)  # policies share most patterns; a reader keeps its own alive
def _regex(pattern: str, mode: int) -> _screening.Regex:
    return _screening.Regex(pattern, mode)


@cache
def _grammar() -> tuple[tuple[_screening.Regex, ...], tuple[int, ...]]:
    g, match = GRAMMAR, _screening.MATCH
    patterns = (
        _regex(g.cues.pattern, match), _regex(g.coord.pattern, _screening.FULLMATCH),
        _regex(g.scan.pattern, match), _regex(g.brk.pattern, _screening.SEARCH),
        _regex(g.tail.pattern, match), _regex(g.place.pattern, match),
    )
    groups = (  # the group numbers in the order the reader takes them
        g.cues.groupindex["hedge"], g.scan.groupindex["b"], g.scan.groupindex["lead"],
        g.scan.groupindex["hedge"], g.scan.groupindex["deny"], g.scan.groupindex["neg"],
        g.tail.groupindex["neg"], g.tail.groupindex["hedge"],
    )
    return patterns, groups


def trie(keys: Mapping[str, int]) -> Trie:
    """Folded literal keys (with their bits) as the trie the reader walks: each node's bits, and its
    edges as (parent, character, child), node 0 the root. A key with a character outside ASCII is
    left out: it cannot occur in the text the reader takes. ~0.15 s for the default vocabulary's
    18,000 keys: the screening cache (service/screening/cache.py) keeps it with the plan."""
    bits = array("i", [0])
    parent, child, chars = array("i"), array("i"), bytearray()
    edges: dict[tuple[int, int], int] = {}
    for key, tag in keys.items():
        if not key.isascii():
            continue
        node = 0
        for c in key.encode():
            if (nxt := edges.get((node, c))) is None:
                nxt = edges[node, c] = len(bits)
                bits.append(0)
                parent.append(node)
                chars.append(c)
                child.append(nxt)
            node = nxt
        bits[node] |= tag
    return bits.tobytes(), parent.tobytes(), bytes(chars), child.tobytes()


def reader(
    keys: Mapping[str, int], starts: Mapping[str, Sequence[ScannerSpec]], finding: Callable[..., object],
    flags: tuple[str, ...], *, keys_trie: Trie | None = None,
) -> _screening.Reader | None:
    """A native reader for these terms, or None: ``keys`` as service.screening.index.folded_keys gives
    them (the flags tagged by their place in ``flags``), ``starts`` the per-key tries of
    service.screening.screen, ``finding`` what it builds its answers with:
    Finding(flag, phrase, negated, hedged). ``keys_trie``: trie(keys), when the caller has it already.
    None too when PCRE2 cannot take a pattern that Python's re can: the Python reader then reads all."""
    if _screening is None:
        return None
    try:
        return _reader(keys_trie or trie(keys), starts, finding, flags)
    except ValueError:  # a pattern past PCRE2's limits (size, nesting) or not encodable: Python reads it
        return None


def _reader(
    keys: Trie, starts: Mapping[str, Sequence[ScannerSpec]], finding: Callable[..., object],
    flags: tuple[str, ...],
) -> _screening.Reader:
    table: dict[str, tuple[tuple[int, _screening.Regex, _screening.Regex | None, int], ...]] = {}
    for key, specs in starts.items():
        if not key.isascii():  # it cannot start in the text the reader takes
            continue
        entries = []
        for order, term, kinds in specs:
            special: _screening.Regex | None = None
            neg = 0  # the group number of the denial phrases in `kinds`, if it has them
            if kinds is not None:
                special = _regex(kinds, _screening.FULLMATCH)
                neg = special.group_number("neg") if "(?P<neg>" in kinds else 0
            entries.append((order, _regex(term, _screening.MATCH), special, neg))
        table[key] = tuple(entries)
    g = GRAMMAR
    scan = folded_keys(((p, 0) for p in g.scan_phrases), tails=False)
    orders = (flags.index("suicidal"), flags.index("suicidal_means"), flags.index("weapon"))
    return _screening.Reader(
        FOLD_TABLE, keys, trie(scan), table, *_grammar(), g.cue_heads, g.punct, g.tail_first,
        g.place_first, g.reach, finding, flags, orders,
    )
