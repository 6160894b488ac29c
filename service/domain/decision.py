"""The decision: call event + compiled policy + available units -> recommendation.

Pure and synchronous. It runs in two halves so that the web layer can read exactly the units it
needs in one Redis round trip: `plan` works out which responses are candidates (call type,
screening, disqualifiers, hours) and which unit types to look up; `decide` picks the first
candidate that has units in time. `recommend` chains both for replay and tests. What does not
depend on the call (orders, reason texts, the fallback) is worked out once, when the policy is
compiled (service.policy.compile `Route`, `Rule`), and `plan` only looks it up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import msgspec

from service.domain.answers import known, why
from service.domain.choice import Positions, units_by_choice
from service.domain.eligibility import allowed, hold_unasked, serving, zone_rule
from service.domain.model import (
    Alternative,
    Answer,
    CallEvent,
    Question,
    QueuedFor,
    Reason,
    Recommendation,
    UnitOffer,
)
from service.policy.compiled import CompiledPolicy, CompiledResponse, Rule, unit_searches
from service.screening.screen import ScreeningTerms

__all__ = [
    "Availability",
    "Decision",
    "Plan",
    "Positions",
    "decide",
    "last_resort",
    "plan",
    "recommend",
    "to_recommendation",
    "wide_searches",
]

# unit type -> available units of that type nearest first, as (unit_id, straight-line metres)
Availability = Mapping[str, Sequence[tuple[str, float]]]

_MAX_ALTERNATIVES = 3


# msgspec Structs rather than dataclasses: building one costs about a tenth of a frozen slots
# dataclass's __init__ (~0.1 µs against ~1.1 µs), and a plan is built for every call.
class Plan(msgspec.Struct, frozen=True):
    call_type: str
    candidates: tuple[CompiledResponse, ...]
    flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    # (unit type, search radius in metres) for every unit type a candidate needs.
    searches: tuple[tuple[str, float], ...]
    priority: int | None = None
    answers: tuple[Answer, ...] = ()
    # Civilian-only responses held back because a required question is unanswered: (position in
    # the policy's order as served, the questions whose "no" would unlock it), most preferred first.
    held: tuple[tuple[int, tuple[Question, ...]], ...] = ()
    # Names of the candidates as served before held ones were removed (for the position of the chosen).
    order: tuple[str, ...] = ()


# Not frozen, unlike Plan: its lists go into the Recommendation as they are, so freezing would
# guard nothing.
class Decision(msgspec.Struct):
    response: CompiledResponse
    units: list[UnitOffer]
    alternatives: list[Alternative]
    reasons: list[Reason]
    fallback: bool
    degraded: bool
    queued_for: QueuedFor | None = None
    ask: list[Question] = msgspec.field(default_factory=list)


def _rule_of(call: CallEvent, policy: CompiledPolicy) -> Rule:
    route = policy.routes.get(call.call_type.upper())
    if route is None:
        return policy.default_rule
    if route.zones and (override := zone_rule(call.location, route.zones)) is not None:
        return override
    return route.rule


def wide_searches(call: CallEvent, policy: CompiledPolicy) -> tuple[tuple[str, float], ...]:
    """Every unit search `plan` may need for this call whatever the incident's learned answers
    are: the hot path reads them in one round trip before it knows those answers."""
    return _rule_of(call, policy).wide_searches


def plan(
    call: CallEvent,
    policy: CompiledPolicy,
    now: datetime,
    terms: ScreeningTerms | None = None,
    learned: Sequence[Answer] = (),
) -> Plan:
    """`learned`: the answers the incident's earlier events and its dispatcher gave (state)."""
    route = policy.routes.get(call.call_type.upper())
    if route is None:
        call_type, rule = call.call_type, policy.default_rule
        text = f"call type {call.call_type} is not in the policy; using the policy's default"
        reasons = [Reason(rule.code, text)]
    else:
        call_type, rule = route.call_type, route.rule
        if route.cad_text is None:
            reasons = [Reason(rule.code, rule.text)]
        else:
            before, after = route.cad_text
            reasons = [Reason(rule.code, before + call.call_type + after)]
        if route.zones and (override := zone_rule(call.location, route.zones)) is not None:
            rule = override
            reasons.append(Reason(rule.code, rule.text))
    answers = known(call, policy.questions, terms or policy.terms, learned, reasons)
    raised = {flag: why(a) for flag, a in answers.items() if a.value} if answers else {}
    served = serving(allowed(policy, rule, raised, reasons), call.location, policy, now, reasons)
    candidates, held = hold_unasked(served, answers, call.narrative, policy, rule, reasons)
    return Plan(
        call_type,
        candidates,
        tuple(sorted(raised)) if raised else (),
        tuple(reasons),
        rule.searches if candidates is rule.responses
        else rule.sworn_searches if candidates is rule.sworn else unit_searches(candidates),
        call.priority,
        tuple(answers.values()),
        held,
        (rule.names if served is rule.responses else tuple(r.name for r in served)) if held else (),
    )


def _ask(p: Plan, chosen: CompiledResponse) -> list[Question]:
    """The questions whose "no" would unlock the most preferred held response before `chosen`."""
    order = p.order
    position = order.index(chosen.name) if chosen.name in order else len(order)
    for at, questions in p.held:
        if at < position:
            return list(questions)
    return []


def _units_for(response: CompiledResponse, availability: Availability) -> list[UnitOffer] | None:
    """One unit per required type, nearest first, each within the response's max ETA."""
    picked: list[UnitOffer] = []
    radius, category = response.radius_m, response.category
    for unit_type in response.unit_types:
        for unit_id, distance in availability.get(unit_type, ()):
            if distance > radius:
                return None
            # A response that needs two units of one type must not count one unit twice.
            if picked and any(offer.unit_id == unit_id for offer in picked):
                continue
            picked.append(UnitOffer(unit_id, unit_type, category, response.eta_s(distance), int(distance)))
            break
        else:
            return None
    return picked


def decide(p: Plan, availability: Availability | None, positions: Positions | None = None) -> Decision:
    """`positions`: (lat, lon) of the free units, for a response with a coverage choice."""
    reasons = list(p.reasons)
    if availability is None:
        first = p.candidates[0]
        reasons.append(
            Reason("degraded", "live unit availability could not be read; answer from policy alone")
        )
        reasons.append(Reason(f"choose.{first.name}", f"{first.label}: first allowed response"))
        return Decision(first, [], [], reasons, False, True, None, _ask(p, first) if p.held else [])
    chosen: CompiledResponse | None = None
    units: list[UnitOffer] = []
    alternatives: list[Alternative] = []
    fallback = False
    queued: QueuedFor | None = None
    for response in p.candidates:
        note = None
        if response.choice is None or not response.unit_types:
            found = _units_for(response, availability) if response.unit_types else []
        else:
            found, note = units_by_choice(response, availability, positions, p.priority)
            if note is not None and chosen is None:
                reasons.append(note)  # why a farther unit, or why the last one was kept back
        if found is None:
            minutes = round(response.max_eta_s / 60)
            hold = response.hold
            if (
                chosen is None
                and not fallback
                and hold
                and p.priority is not None
                and p.priority in hold.priorities
            ):
                chosen = response
                queued = QueuedFor(response.name, hold.max_wait_s, hold.expected_wait_s)
                reasons.append(
                    Reason(
                        f"hold.{response.name}",
                        f"no {response.label} unit free now; policy says "
                        f"queue for it up to {round(hold.max_wait_s / 60)} min "
                        f"for a priority {p.priority} call rather than send another response",
                    )
                )
            elif chosen is None and note is not None:
                fallback = True  # the reserve kept the last unit: its reason says so
            elif chosen is None:
                fallback = True
                reasons.append(
                    Reason(
                        f"eta.{response.name}",
                        f"{response.label}: no available "
                        + " + ".join(response.unit_types)
                        + f" within {minutes} min",
                    )
                )
            continue
        if chosen is None:
            chosen, units = response, found
        elif len(alternatives) < _MAX_ALTERNATIVES:
            alternatives.append(Alternative(response.name, response.category, found))
    if chosen is None:
        # Nobody free in time: advise the last allowed response so the CAD queues it.
        chosen = p.candidates[-1]
        reasons.append(
            Reason("none.available", f"no allowed response has a unit in time; queue for {chosen.label}")
        )
    elif fallback:
        reasons.append(Reason(f"fallback.{chosen.name}", f"fell back to {chosen.label}"))
    elif queued is None:
        reasons.append(
            Reason(
                f"choose.{chosen.name}",
                f"{chosen.label}: first allowed response with a unit in time"
                if chosen.unit_types
                else f"{chosen.label}: first allowed response",
            )
        )
    return Decision(chosen, units, alternatives, reasons, fallback, False, queued,
                    _ask(p, chosen) if p.held else [])


def last_resort(
    call: CallEvent, policy: CompiledPolicy, now: datetime, recommendation_id: str
) -> Recommendation:
    """The answer when the decision failed (a bug): the policy's default, never a civilian-only team."""
    response = next(
        (policy.responses[n] for n in policy.default if not policy.responses[n].civilian),
        policy.responses[policy.default[0]],
    )
    reasons = [Reason("error.default", "the recommendation could not be computed; policy default given")]
    decision = Decision(response, [], [], reasons, False, True)
    return to_recommendation(
        call, policy, Plan(call.call_type, (response,), (), (), ()), decision, now, recommendation_id
    )


def recommend(
    call: CallEvent,
    policy: CompiledPolicy,
    availability: Availability | None,
    now: datetime,
    recommendation_id: str,
    terms: ScreeningTerms | None = None,
    learned: Sequence[Answer] = (),
    positions: Positions | None = None,
) -> Recommendation:
    p = plan(call, policy, now, terms, learned)
    d = decide(p, availability, positions)
    return to_recommendation(call, policy, p, d, now, recommendation_id)


def to_recommendation(
    call: CallEvent, policy: CompiledPolicy, p: Plan, d: Decision, now: datetime, recommendation_id: str,
    revision: int = 0,
) -> Recommendation:
    return Recommendation(
        recommendation_id=recommendation_id,
        incident_id=call.incident_id,
        seq=call.seq,
        response=d.response.name,
        category=d.response.category,
        units=d.units,
        alternatives=d.alternatives,
        reasons=d.reasons,
        fallback=d.fallback,
        degraded=d.degraded,
        policy_version=policy.version,
        decided_at=now.astimezone(policy.tz),
        call_type=p.call_type,
        flags=list(p.flags),
        queued_for=d.queued_for,
        ask=d.ask,
        answers=list(p.answers),
        revision=revision,
    )
