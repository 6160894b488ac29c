"""Can the screen read this narrative at all? Text in another language, or mostly unknown words,
must never pass for a narrative that mentions nothing dangerous (it counts as "not asked").

The test is deliberately simple and errs towards "unreadable": a narrative is readable when at
least a quarter of its words are common English words, CAD shorthand, or words of the screening
vocabulary; text mostly in another script is unreadable whatever its words. Pure, no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.screening.terms import DEFAULT_PHRASES

__all__ = ["readable"]

_WORD = re.compile(r"[^\W\d_]+")
# Function words and the shorthand call-takers type (RP = reporting party, SUBJ = subject, ...).
_COMMON = frozenset(
    """
a about above after again against all also am an and any are around as at away back be because been
before being below between both but by called caller calling came can cannot could did do does doing
done down during each few for from further had has have having he her here hers herself him himself
his how i if in into is it its itself just last like made make man me more most my myself near need
needs no nor not now of off on once one only or other our out over own person people please said
same saw says see seen she should so some someone something states still such than that the their
them then there these they this those through to too under until up very was we were what when where
which while who whom why will with woman would yes you your male female subj subject rp caller's adv
advs advised req reqs requesting ref reference per pd fd ems loc vic veh unk poss ifo nfi w/ gone
left inside outside house home apartment apt street st ave store front yard car vehicle door room
friend brother sister mother father son daughter wife husband neighbor boyfriend girlfriend help
talk talking yelling wants keeps trying walking sitting standing lying acting upset calm check
welfare okay ok tonight today
""".split()  # noqa: SIM905 - a word list reads best as text
)
_MIN_WORDS = 3
_MIN_KNOWN_SHARE = 0.25
# The first words (up to 160 characters) decide: a narrative does not change language halfway, and
# this keeps the test to about a microsecond whatever the length (it runs on the hot path).
_SAMPLE_CHARS = 120
# Everything but ASCII letters becomes a space and letters lower case, so one split gives the words
# (bytes.translate with a 256-byte table: all in C, ~1 µs; this runs per call).
_BLANK = bytes(c if chr(c).isalpha() else 32 for c in range(128)).lower() + b" " * 128


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    words = set(_COMMON)
    for phrases in DEFAULT_PHRASES.values():
        for phrase in phrases:
            words.update(w for w in _WORD.findall(phrase.lower()) if len(w) > 1)
    return frozenset(words)


@lru_cache(maxsize=1)
def _known_bytes() -> frozenset[bytes]:
    return frozenset(w.encode() for w in _known() if w.isascii())


def readable(text: str) -> bool:
    """False when the narrative is mostly words the screen does not know (or not in Latin script)."""
    sample = text[:_SAMPLE_CHARS]
    if sample.isascii():
        words: list[bytes] | list[str] = sample.encode().translate(_BLANK).split()
        known: frozenset[bytes] | frozenset[str] = _known_bytes()
    else:
        words = _WORD.findall(sample.lower())
        if sum(1 for w in words if not w.isascii()) * 2 > len(words):
            return False  # mostly another script
        known = _known()
    if len(words) < _MIN_WORDS:
        return True  # a code or two words: nothing a screen could have read anyway
    hits = sum(map(known.__contains__, words))  # type: ignore[arg-type]
    return hits >= _MIN_KNOWN_SHARE * len(words)
