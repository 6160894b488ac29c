"""Start keys: the first characters of a term, which choose the pattern tried where a text has them.

Each flag's terms are grouped by the first (up to) three characters of their first word, and each
group becomes one trie-shaped pattern (service.screening.screen._plan). Where a group's pattern would
be longer than SPLIT_AT, its terms are keyed by one more character, up to KEY_MAX: PCRE2 refuses a
pattern whose compiled code passes 64 KiB (its default link size), which ~31,000 characters of these
tries reached (violence's "sho", "str", "thr"), and a smaller pattern is also tried faster. Both
readers then try the longest key the text starts with; a key's pattern holds its own terms and those
of every shorter key it starts with, so it finds what the flag's whole vocabulary would there.
"""

from __future__ import annotations

from collections.abc import Mapping

from service.screening import native as screening_native
from service.screening import terms as st

__all__ = ["KEY_MAX", "SPLIT_AT", "start_keys", "starting"]

SPLIT_AT = 16_000
KEY_MAX = screening_native.KEY_MAX  # the C reader packs a key in 64 bits: seven characters


def _word(entry: st.Entry) -> str:
    return entry[0].split("\0")[0]  # the literal first word: every match starts with it


def starting(entries: list[st.Entry], keys: Mapping[str, list[int]], key: str) -> list[st.Entry]:
    """The entries that can match where the text starts with ``key``: its own and its prefixes'."""
    return [entries[i] for i in sorted(i for n in range(1, len(key) + 1) for i in keys.get(key[:n], []))]


def _crowded(some: list[st.Entry]) -> bool:
    """Whether the trie of these entries is longer than SPLIT_AT; most groups are far below it, which
    an upper bound on the trie's length shows without building it (an escape or separator apiece)."""
    bound = sum(2 * len(p) + p.count("\0") * len(st.SEPARATOR) + len(rest) + 4 for p, rest, _, _ in some)
    return bound > SPLIT_AT and len(st.trie(some)) > SPLIT_AT


def start_keys(entries: list[st.Entry]) -> dict[str, list[int]]:
    """Each start key's entries (by index): three characters, or longer where a group is crowded."""
    keys: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        keys.setdefault(_word(entry)[:3], []).append(i)
    for size in range(3, KEY_MAX):
        crowded = [k for k in keys if len(k) == size and _crowded(starting(entries, keys, k))]
        for key in crowded:  # a term whose first word is the key itself stays under it
            for i in keys.pop(key):
                keys.setdefault(_word(entries[i])[: size + 1], []).append(i)
        if not crowded:
            break
    return keys
