"""Denials that reach across the whole narrative: a mention that only names an incident is read as
denied where the same narrative says, in so many words, that its harm did not happen.

Each reader finds a denial only next to its term ("no weapon"); a few denials speak for the whole
call instead ("no one was injured" after "a shooting", "the dispute was only verbal" after "family
dispute"). The rules themselves live with their vocabulary (unhurt.py, verbal.py); this module holds
the one way they are applied, to both readers' findings alike (service.screening.screen).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from service.screening.screen import Finding

__all__ = ["deny_named"]


def deny_named(
    findings: tuple[Finding, ...],
    denies: Callable[[Finding], bool],
    names: Callable[[Finding], bool],
) -> tuple[Finding, ...]:
    """The findings, with each one that `names` an incident marked denied where another finding
    `denies` its harm; the same tuple when nothing changes (nearly every call)."""
    if not any(f.negated for f in findings) or not any(denies(f) for f in findings):
        return findings  # the common case: no denial at all, checked first as it costs least
    named = [names(f) for f in findings]
    if not any(named):
        return findings
    return tuple(
        msgspec.structs.replace(f, negated=True) if hit else f
        for f, hit in zip(findings, named, strict=True)
    )
