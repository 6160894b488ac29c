"""Cross-field rules of the policy language: references, the safety rule, hours, areas, codes.

Each check appends to a shared error list rather than raising, so one run reports every problem.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from service.domain.model import CIVILIAN_CATEGORIES, Category
from service.policy.areas import area_shape
from service.policy.schedule import parse_hours
from service.policy.schema import DISQUALIFIER_FLAGS, REQUIRED_DISQUALIFIERS, PolicyDocument, ResponseSpec
from service.screening.screen import compile_terms

__all__ = ["PolicyError", "always_available", "check"]

# Categories that need units on the street; the others (phone line, 311) are always reachable.
_DISPATCHED = frozenset(Category) - {Category.PHONE_LINE, Category.NON_EMERGENCY}
_WEEK = [(0, 7 * 24 * 60)]


class PolicyError(msgspec.Struct, frozen=True):
    field: str
    message: str


def always_available(spec: ResponseSpec | None) -> bool:
    """Open all week with no program dates: what escalations and the default must offer."""
    if spec is None or spec.active_from is not None or spec.active_until is not None:
        return False
    try:
        return all(parse_hours(hours) == _WEEK for hours in spec.hours)
    except ValueError:
        return False


def _top(doc: PolicyDocument, err: list[PolicyError]) -> None:
    if doc.policy_format != 1:
        err.append(PolicyError("policy_format", "this service reads policy_format 1"))
    try:
        ZoneInfo(doc.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        err.append(PolicyError("timezone", f"{doc.timezone!r} is not an IANA time zone like America/Denver"))
    if doc.screening is not None:
        try:
            compile_terms(doc.screening)
        except ValueError as exc:
            err.append(PolicyError("screening", str(exc)))


def _responses(doc: PolicyDocument, err: list[PolicyError]) -> None:
    for name, resp in doc.responses.items():
        at = f"responses.{name}"
        if resp.category in _DISPATCHED and not resp.units:
            err.append(
                PolicyError(f"{at}.units", f"a {resp.category.value} response needs at least one unit type")
            )
        if resp.units and resp.max_eta_s is None:
            err.append(PolicyError(f"{at}.max_eta_s", "a response with units needs a max ETA in seconds"))
        for i, hours in enumerate(resp.hours):
            try:
                parse_hours(hours)
            except ValueError as exc:
                err.append(PolicyError(f"{at}.hours[{i}]", str(exc)))
        if resp.active_from and resp.active_until and resp.active_until < resp.active_from:
            err.append(PolicyError(f"{at}.active_until", "ends before active_from"))
        if resp.area is not None and resp.area not in doc.areas:
            err.append(PolicyError(f"{at}.area", f"{resp.area!r} is not defined under areas"))
        if resp.hold is not None and (resp.category not in CIVILIAN_CATEGORIES or not resp.units):
            err.append(PolicyError(f"{at}.hold", "only a civilian team with units can be held for"))


def _refs(doc: PolicyDocument, names: list[str], at: str, err: list[PolicyError]) -> None:
    for i, name in enumerate(names):
        if name not in doc.responses:
            err.append(PolicyError(f"{at}[{i}]", f"{name!r} is not a response defined under responses"))
    if len(set(names)) != len(names):
        err.append(PolicyError(at, "lists a response more than once"))


def _call_types(doc: PolicyDocument, err: list[PolicyError]) -> None:
    for code, rule in doc.call_types.items():
        _refs(doc, rule.responses, f"call_types.{code}.responses", err)
    _refs(doc, doc.default.responses, "default.responses", err)
    if not any(
        always_available(doc.responses.get(n)) and doc.responses[n].category not in CIVILIAN_CATEGORIES
        for n in doc.default.responses
    ):
        err.append(
            PolicyError(
                "default.responses", "needs a police, fire, EMS or co-response that is always available"
            )
        )
    for zone, spec in doc.zones.items():
        for code, override in spec.call_types.items():
            _refs(doc, override.responses, f"zones.{zone}.call_types.{code}.responses", err)
            if code not in doc.call_types:
                err.append(
                    PolicyError(
                        f"zones.{zone}.call_types.{code}", "overrides a call type not under call_types"
                    )
                )
    upper_codes = {code.upper() for code in doc.call_types}
    for local, apco in doc.local_codes.items():
        if apco not in doc.call_types:
            err.append(
                PolicyError(f"local_codes.{local}", f"maps to {apco!r}, which is not under call_types")
            )
        elif local.upper() in upper_codes and local.upper() != apco.upper():
            err.append(
                PolicyError(
                    f"local_codes.{local}",
                    "is spelled like a call type under call_types, which "
                    "would hide it; map the CAD code under another spelling or rename the call type",
                )
            )


def _disqualifiers(doc: PolicyDocument, err: list[PolicyError]) -> None:
    for flag in REQUIRED_DISQUALIFIERS:
        if flag not in doc.disqualifiers:
            err.append(
                PolicyError(f"disqualifiers.{flag}", f"required: every policy says what {flag} forces")
            )
    for flag, rule in doc.disqualifiers.items():
        at = f"disqualifiers.{flag}.escalate"
        if flag not in DISQUALIFIER_FLAGS:
            err.append(
                PolicyError(f"disqualifiers.{flag}", f"unknown flag; one of {', '.join(DISQUALIFIER_FLAGS)}")
            )
        _refs(doc, rule.escalate, at, err)
        for i, name in enumerate(rule.escalate):
            spec = doc.responses.get(name)
            # The safety rule: a disqualified call may never be escalated to a civilian-only team.
            if spec is not None and spec.category in CIVILIAN_CATEGORIES:
                err.append(
                    PolicyError(
                        f"{at}[{i}]",
                        f"{name!r} is civilian-only ({spec.category.value}); "
                        "a disqualifier must escalate to police, fire, EMS or co-response",
                    )
                )
        if rule.escalate and not any(always_available(doc.responses.get(n)) for n in rule.escalate):
            err.append(
                PolicyError(at, "every escalation has limited hours; include one that is always available")
            )


def _areas(doc: PolicyDocument, err: list[PolicyError]) -> None:
    for name, geojson in doc.areas.items():
        try:
            area_shape(geojson)
        except ValueError as exc:
            err.append(PolicyError(f"areas.{name}", str(exc)))


def _choices(doc: PolicyDocument, err: list[PolicyError]) -> None:
    """A coverage choice needs demand to weigh, and only a response with units has one to pick."""
    for name, spec in doc.responses.items():
        if spec.choice is None:
            continue
        if not spec.units:
            err.append(PolicyError(f"responses.{name}.choice", "a response without units has none to choose"))
        if spec.choice.strategy == "coverage" and not doc.demand:
            err.append(
                PolicyError(
                    f"responses.{name}.choice.strategy", "coverage needs `demand` cells in the policy"
                )
            )
    for i, (lat, lon, weight) in enumerate(doc.demand):
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and weight >= 0):
            err.append(PolicyError(f"demand[{i}]", "is [lat, lon, weight] with a weight of 0 or more"))


def check(doc: PolicyDocument) -> list[PolicyError]:
    """Every cross-field error of a structurally valid document, each with its path."""
    errors: list[PolicyError] = []
    for step in (_top, _responses, _call_types, _disqualifiers, _areas, _choices):
        step(doc, errors)
    return errors
