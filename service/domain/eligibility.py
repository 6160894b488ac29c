"""Which of a call type's responses may take the call: zone overrides, the safety rule, areas, hours.

Part of the pure decision core, for `service.domain.decision.plan`. Each step narrows the policy's
ordered list and adds a reason for every response it drops, so the dispatcher sees why. What does
not depend on the call (orders without repeats, reason texts, the fallback) the compiled policy
holds already.
"""

from __future__ import annotations

from datetime import datetime

from service.domain.model import Location, Reason
from service.policy.areas import Area
from service.policy.compile import CompiledPolicy, CompiledResponse, Rule

__all__ = ["allowed", "serving", "zone_rule"]


def zone_rule(location: Location, zones: tuple[tuple[str, Area | None, Rule], ...]) -> Rule | None:
    """A zone's override for the call type: by the CAD's zone code, else by the call's position."""
    given = (location.zone or "").upper()
    for zone, area, rule in zones:
        if zone == given or (area is not None and area.contains(location.lat, location.lon)):
            return rule
    return None


def allowed(
    policy: CompiledPolicy, rule: Rule, raised: dict[str, str], reasons: list[Reason]
) -> tuple[CompiledResponse, ...]:
    """The safety rule: once a disqualifier fires, no civilian-only response, and its escalations first."""
    if not raised or raised.keys().isdisjoint(policy.disqualifiers):  # in C: most calls raise none
        return rule.responses
    fired = [flag for flag in policy.disqualifiers if flag in raised]
    responses = policy.responses
    escalation = [name for flag in fired for name in policy.disqualifiers[flag]]
    why = ", ".join(f"{flag} ({raised[flag]})" for flag in fired)
    for name in rule.order:
        if responses[name].civilian:
            reasons.append(Reason(f"disq.{fired[0]}", f"{responses[name].label} not allowed: {why}"))
    names = [name for name in [*escalation, *rule.order] if not responses[name].civilian]
    return tuple(responses[name] for name in dict.fromkeys(names))


def serving(
    responses: tuple[CompiledResponse, ...],
    location: Location,
    policy: CompiledPolicy,
    now: datetime,
    reasons: list[Reason],
) -> tuple[CompiledResponse, ...]:
    """Those that serve the call's location and operate now (`responses` itself when all of them
    do, which lets plan use the searches compiled for them); if none, the policy's fallback."""
    candidates: list[CompiledResponse] = []
    local: datetime | None = None  # converted once, and only if some response keeps hours
    last_area, served = None, True  # responses often share one area: test the point once
    for response in responses:
        area = response.area
        if area is not None and area is not last_area:
            last_area, served = area, area.contains(location.lat, location.lon)
        if area is not None and not served:
            reasons.append(Reason(f"area.{response.name}", f"{response.label} does not serve this location"))
        elif response.schedule.always:
            candidates.append(response)
        else:
            if local is None:
                local = now.astimezone(policy.tz)
            if response.schedule.open_at(local):
                candidates.append(response)
            else:
                why = response.schedule.closed_reason_at(local)
                reasons.append(Reason(f"hours.{response.name}", f"{response.label} {why}"))
    if not candidates:
        # Validation guarantees the default holds an always-open, non-civilian response.
        reasons.append(
            Reason("hours.none", "no allowed response is operating now; using the policy's default")
        )
        return policy.fallback
    return responses if len(candidates) == len(responses) else tuple(candidates)
