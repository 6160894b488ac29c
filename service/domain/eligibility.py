"""Which of a call type's responses may take the call: zone overrides, the safety rule, areas, hours.

Part of the pure decision core, for `service.domain.decision.plan`. Each step narrows the policy's
ordered list and adds a reason for every response it drops, so the dispatcher sees why. What does
not depend on the call (orders without repeats, reason texts, the fallback) the compiled policy
holds already.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from service.domain.model import Answer, Location, Question, Reason
from service.policy.areas import Area
from service.policy.compile import CompiledPolicy, CompiledResponse, Rule
from service.screening.readable import readable

__all__ = ["allowed", "hold_unasked", "serving", "unasked", "zone_rule"]

_UNREADABLE = Reason(
    "screen.narrative.unreadable",
    "the narrative could not be read (another language or mostly unknown words): "
    "only the caller's and the dispatcher's own answers count as no",
)


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


def unasked(
    required: tuple[str, ...], answers: Mapping[str, Answer], narrative: str
) -> tuple[list[str], bool]:
    """The required questions nobody answered no, and whether the narrative was unreadable.

    A no implied by the call type or determinant, or denied in the narrative, counts only when
    the narrative can be read: text the screen cannot read may say the opposite."""
    missing: list[str] = []
    legible: bool | None = None
    for flag in required:
        answer = answers.get(flag)
        if answer is None:
            missing.append(flag)
        elif answer.value or answer.source in ("caller", "dispatcher"):
            continue
        elif narrative:
            if legible is None:
                legible = readable(narrative)
            if not legible:
                missing.append(flag)
    return missing, legible is False


def hold_unasked(
    served: tuple[CompiledResponse, ...],
    answers: Mapping[str, Answer],
    narrative: str,
    policy: CompiledPolicy,
    rule: Rule,
    reasons: list[Reason],
) -> tuple[tuple[CompiledResponse, ...], tuple[tuple[int, tuple[Question, ...]], ...]]:
    """Not asked is not no: a civilian-only response needs each required question answered no.
    Returns the candidates left and, per held response, its position and the questions to ask."""
    for response in served:
        if response.civilian:
            break
    else:
        return served, ()
    questions = policy.questions
    missing, unreadable = unasked(questions.required, answers, narrative)
    if not missing:
        return served, ()
    if unreadable:
        reasons.append(_UNREADABLE)
    whole = served is rule.responses
    key = (rule.names if whole else tuple(r.name for r in served), tuple(missing))
    found = questions.memo.get(key)
    if found is None:
        asks = questions.asks
        held = tuple(
            (i, tuple(asks[flag, r.name] for flag in missing)) for i, r in enumerate(served) if r.civilian
        )
        labels = ", ".join(r.label for r in served if r.civilian)
        why = tuple(Reason(f"screen.{flag}.unasked", f"{flag} not answered: {labels} needs a no first")
                    for flag in missing)
        if len(questions.memo) < 4096:
            questions.memo[key] = found = (held, why)
        else:
            found = (held, why)
    held, why = found
    reasons += why
    kept = rule.sworn if whole else tuple(r for r in served if not r.civilian)
    if not kept:
        reasons.append(Reason("unasked.fallback",
                              "every allowed response is civilian-only; using the policy's default"))
        kept = policy.fallback
    return kept, held
