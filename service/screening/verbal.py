"""A quarrel the narrative itself calls verbal only: the violence flag reads its name as denied.

A dispute, argument or disturbance named as the call ("responded to a family dispute") is a hedged
violence mention: it may have turned physical. Where the same narrative says in so many words that it
stayed verbal ("the dispute was only verbal", "verbal argument", "no physical contact"), the labelling
guides read violence as denied (round 1's verbal-argument rule; round 9's ruling R1: negated with
"verbal only" / "no physical" wording), and the screen does too, across sentences. Only a finding
that is nothing but the quarrel's name is denied: an act ("punched", "a physical altercation", "shot")
keeps its own finding. Applied to both readers' findings alike (service.screening.screen).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from service.screening.denials import deny_named

if TYPE_CHECKING:
    from service.screening.screen import Finding

__all__ = ["verbal_only"]

# The denial: the quarrel stayed words ("only verbal", "verbal argument", "no physical contact"); a
# "verbal command" is an officer's order, not a quarrel.
_VERBAL = re.compile(
    r"\b(only|just|merely|purely) verbal\b|\bverbal (only|argument|arguments|dispute|disputes|altercation"
    r"|altercations|disturbance|disturbances|confrontation|quarrel|domestic|fight)\b|\bno physical\b"
)
# A finding that is only a quarrel's name, with at most one word before it ("family dispute",
# "domestic disturbance", "415"); "physical altercation" or "violent dispute" states more.
_QUARREL = re.compile(
    r"(?:(?!physical\b|violent\b|fist\b|physically\b)[a-z]+[\s/\-]+)?(dispute|disputes|disturbance|disturbances"
    r"|argument|arguments|quarrel|quarrels|altercation|altercations|415)"
)


def _denies(f: Finding) -> bool:
    return f.negated and f.flag == "violence" and bool(_VERBAL.search(f.phrase.lower()))


def _quarrel(f: Finding) -> bool:
    return f.flag == "violence" and not f.negated and bool(_QUARREL.fullmatch(f.phrase.lower()))


def verbal_only(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The findings, with a violence mention that only names a quarrel denied where the narrative
    also says the quarrel stayed verbal."""
    return deny_named(findings, _denies, _quarrel)
