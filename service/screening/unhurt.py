"""A shooting that hurt no one: the medical flag reads the incident's name as denied.

A shooting named only as the incident ("witnessed the shooting", "reports of a shooting"), or gunfire
told without a hit ("fired three shots at the victim"), is a hedged medical mention: someone may be
hit. Where the same narrative says in so many words that no one was
hurt ("no one was injured", "no injuries", "all shots missed"), the labelling guides read medical as
denied (round 6 ruling R8; round 1's addendum 2 for the hedge), and so does the screen. A person said
to be shot or struck keeps its own finding, and a partial denial ("no other injuries", "not seriously
injured") denies nothing. Applied to both readers' findings alike (service.screening.screen).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from service.screening.denials import deny_named

if TYPE_CHECKING:
    from service.screening.screen import Finding

__all__ = ["unhurt"]

# Only a denial about everyone: "no one was injured", "no injuries", "all shots missed", "neither man
# was hurt". "No customers were injured" or "the driver was not injured" leaves the others open
# (round 6 R8d), so the shooting stays a hedged mention.
_NO_HARM = re.compile(r"\b(injur\w*|inj|hurt|wounded|struck|hit|missed)\b")
_EVERYONE = re.compile(
    r"\b(no one|noone|nobody|none|neither|no victims|no (reported |reports of |report of )?inj\w*|missed)\b"
)
_SOME_HARM = re.compile(
    r"\b(other|else|further|additional|seriously|serious|major|life|significant|obvious)\b"
)
# The incident named ("the shooting"), or gunfire told without a hit ("fired three shots at the
# victim", "shots were fired during a fight"); a phrase that names a hit is a person hurt.
_INCIDENT = re.compile(r"\bshootings?$|\b(fired|firing|fires|shots|gunfire)\b")
_HIT = re.compile(
    r"\b(struck|striking|strikes|hit|hitting|wounded|wounding|killed|killing|injur\w*|grazed)\b"
)
_HARM = ("injury", "medical")


def _denies_harm(f: Finding) -> bool:
    low = f.phrase.lower()
    return (
        f.negated and f.flag in _HARM and bool(_NO_HARM.search(low) and _EVERYONE.search(low))
        and not _SOME_HARM.search(low)
    )


def _incident(f: Finding) -> bool:
    low = f.phrase.lower()
    return f.flag == "medical" and not f.negated and bool(_INCIDENT.search(low)) and not _HIT.search(low)


def unhurt(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The findings, with a medical mention that only names a shooting denied where the narrative
    also denies that anyone was hurt."""
    return deny_named(findings, _denies_harm, _incident)
