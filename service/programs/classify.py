"""Which calls were eligible for an alternative response, who took them, and why the rest were not served.

Definitions follow the Harvard Government Performance Lab's essential metrics (docs/program-metrics.md):
a call is *eligible* when the policy rule that applied to it (its call type, or its zone's override)
lists an alternative response: a field team (crisis team, community responder, co-response) or a
transfer (crisis line such as 988, 311, nurse line). An eligible call that no alternative response
took gets exactly one reason, the first that applies in this order (the order the decision core
drops responses in): a disqualifier raised, a disqualifier question not asked, outside the team's
area, outside its hours, no unit in time, live availability unreadable, a policy-preferred
non-alternative response had a unit, and last the dispatcher's override (with its reason).

Pure: reads a Recommendation (and the dispatcher's outcome) and a view of the policy that was
active; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from service.domain.model import Category
from service.policy.compile import CompiledPolicy

__all__ = [
    "ALTERNATIVE",
    "NOT_SERVED",
    "TEAM_CATEGORIES",
    "TRANSFER_CATEGORIES",
    "Classified",
    "ProgramView",
    "RecommendationLike",
    "classify",
    "program_view",
    "rule_code",
    "with_outcome",
]

TEAM_CATEGORIES = frozenset({Category.CRISIS_TEAM, Category.COMMUNITY_RESPONDER, Category.CO_RESPONSE})
TRANSFER_CATEGORIES = frozenset({Category.PHONE_LINE, Category.NON_EMERGENCY})
ALTERNATIVE = TEAM_CATEGORIES | TRANSFER_CATEGORIES

# Reasons an eligible call was not served, in the order they are tested; stable codes (metric labels).
NOT_SERVED: dict[str, str] = {
    "disqualifier": "A disqualifier was raised (weapon, violence, injury, medical, ...)",
    "question_unanswered": "A disqualifier question was not asked or not answered",
    "outside_area": "Outside the team's service area",
    "out_of_hours": "Outside the team's hours",
    "no_unit_in_time": "No team unit could arrive in time",
    "reserved": "The team's last free unit was kept for higher-priority calls (policy reserve)",
    "degraded": "Live unit availability could not be read",
    "ranked_below": "The policy preferred another response, which had a unit",
    "override": "The dispatcher sent another response",
    "error": "The recommendation could not be computed",
}


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


class RecommendationLike(Protocol):
    """What classification reads: a Recommendation, or the slimmer view the report decodes."""

    @property
    def response(self) -> str: ...
    @property
    def category(self) -> Category: ...
    @property
    def call_type(self) -> str: ...
    @property
    def reasons(self) -> Sequence[_Coded]: ...


@dataclass(frozen=True, slots=True)
class ProgramView:
    """What classification needs from one policy version, computed once per version."""

    version: str
    categories: dict[str, Category]
    # (rule code, call type upper case or "" for the default rule) -> alternative responses in order.
    rules: dict[tuple[str, str], tuple[str, ...]]
    # Call types (upper case) some rule of which lists an alternative response, and whether the
    # default rule does: most calls are neither, and are known not eligible from one set look-up.
    eligible_types: frozenset[str] = frozenset()
    default_eligible: bool = False
    known_types: frozenset[str] = frozenset()

    def alternative(self, response: str) -> bool:
        return self.categories.get(response) in ALTERNATIVE

    def team(self, response: str) -> bool:
        return self.categories.get(response) in TEAM_CATEGORIES


def program_view(policy: CompiledPolicy) -> ProgramView:
    categories = {name: r.category for name, r in policy.responses.items()}

    def alts(order: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in dict.fromkeys(order) if categories[n] in ALTERNATIVE)

    rules: dict[tuple[str, str], tuple[str, ...]] = {("calltype.default", ""): alts(policy.default)}
    for route in policy.routes.values():
        upper = route.call_type.upper()
        rules[(route.rule.code, upper)] = alts(route.rule.order)
        for _, _, rule in route.zones:
            rules[(rule.code, upper)] = alts(rule.order)
    eligible_types = frozenset(ct for (_, ct), alts in rules.items() if alts and ct)
    known = frozenset(route.call_type.upper() for route in policy.routes.values())
    default_eligible = bool(rules[("calltype.default", "")])
    return ProgramView(policy.version, categories, rules, eligible_types, default_eligible, known)


@dataclass(frozen=True, slots=True)
class Classified:
    eligible: bool
    alternatives: tuple[str, ...]  # the alternative responses the applied rule listed
    served_by: str | None  # the alternative response that took the call
    reason: str | None  # a NOT_SERVED code when eligible and not served
    override_reason: str | None = None  # the dispatcher's reason code when reason == "override"
    overridden_to_alternative: bool = False  # a dispatcher sent a team the service did not recommend


_NOT_ELIGIBLE = Classified(False, (), None, None)


def rule_code(rec: RecommendationLike) -> tuple[str, str]:
    """The rule that applied: a zone override if any, else the call type's (or the default)."""
    code = ""
    for reason in rec.reasons:
        if reason.code.startswith("zone.") or (not code and reason.code.startswith("calltype.")):
            code = reason.code
    if code == "calltype.default":
        return code, ""
    return code, rec.call_type.upper()


def _why(rec: RecommendationLike, alternatives: tuple[str, ...]) -> str:
    codes = [r.code for r in rec.reasons]
    if "error.default" in codes:
        return "error"
    if any(c.startswith("disq.") for c in codes):
        return "disqualifier"
    if any(c.startswith("screen.") and c.endswith(".unasked") for c in codes):
        return "question_unanswered"
    first = alternatives[0]
    for prefix, why in (("area.", "outside_area"), ("hours.", "out_of_hours"), ("eta.", "no_unit_in_time"),
                        ("reserve.", "reserved")):
        if prefix + first in codes:
            return why
    if "hours.none" in codes:
        return "out_of_hours"
    if "none.available" in codes:
        return "no_unit_in_time"
    if "degraded" in codes:
        return "degraded"
    return "ranked_below"


def classify(rec: RecommendationLike, view: ProgramView) -> Classified:
    """The recommendation alone (before any dispatcher outcome)."""
    served = rec.category in ALTERNATIVE
    if not served:  # the common case on the hot path: a call type no rule of which is eligible
        upper = rec.call_type.upper()
        if upper not in view.eligible_types and (upper in view.known_types or not view.default_eligible):
            return _NOT_ELIGIBLE
    alternatives = view.rules.get(rule_code(rec), ())
    if served:
        return Classified(True, alternatives or (rec.response,), rec.response, None)
    if not alternatives:
        return _NOT_ELIGIBLE
    return Classified(True, alternatives, None, _why(rec, alternatives))


def with_outcome(
    c: Classified, view: ProgramView, outcome_response: str | None, outcome_reason: str | None
) -> Classified:
    """Apply the dispatcher's outcome (the response actually sent), if one was recorded."""
    if outcome_response is None or outcome_response == c.served_by:
        return c
    if view.alternative(outcome_response):
        # Sent a team (or transfer) the service did not pick: served, and counted as the dispatcher's.
        return Classified(
            True, c.alternatives or (outcome_response,), outcome_response, None, None, c.served_by is None
        )
    if c.served_by is not None:
        return Classified(True, c.alternatives, None, "override", outcome_reason or "other")
    return c
