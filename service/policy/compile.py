"""Load, validate and compile a jurisdiction policy.

Validation reports every error it can find, each with the path of the offending field, so a
policy analyst fixes a file in one pass. Compilation turns the document into lookup tables held
in process memory: the hot path never parses or walks the document.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from service.domain.coverage import SEARCH_REACHES, Demand
from service.policy.areas import Area, compile_area
from service.policy.checks import PolicyError, check
from service.policy.compiled import CompiledPolicy, CompiledResponse, Route, Rule, unit_searches
from service.policy.document import PolicyInvalid, parse_document, validate_document
from service.policy.questions import check_questions, compile_questions
from service.policy.schedule import Schedule, parse_hours
from service.policy.schema import PolicyDocument, ResponseSpec
from service.screening.screen import compile_terms, default_terms

__all__ = [
    "CompiledPolicy",
    "CompiledResponse",
    "PolicyError",
    "PolicyInvalid",
    "Route",
    "Rule",
    "compile_policy",
    "load_policy",
    "parse_document",
    "unit_searches",
]


def _compile_response(
    name: str, spec: ResponseSpec, doc: PolicyDocument, areas: dict[str, Area], demand: Demand | None
) -> CompiledResponse:
    eta = spec.eta or doc.eta
    max_eta = spec.max_eta_s or 0
    intervals = [iv for hours in spec.hours for iv in parse_hours(hours)]
    schedule = Schedule(tuple(intervals) or Schedule().intervals, spec.active_from, spec.active_until)
    radius = max(0.0, (max_eta - eta.turnout_s) * (eta.speed_kmh / 3.6) / eta.road_factor)
    choice = spec.choice
    coverage = choice is not None and choice.strategy == "coverage"
    return CompiledResponse(
        name,
        spec.category,
        spec.label or name,
        tuple(spec.units),
        max_eta,
        schedule,
        eta,
        radius,
        areas.get(spec.area) if spec.area else None,
        spec.hold,
        choice,
        # A choice weighs the free units up to 3 reaches away (service/domain/coverage.py).
        radius * SEARCH_REACHES if choice is not None else radius,
        demand if coverage else None,
    )


def compile_policy(doc: PolicyDocument, version: str) -> CompiledPolicy:
    areas = {name: compile_area(name, geojson) for name, geojson in doc.areas.items()}
    # The demand grid is built here, once per policy version, and shared by its coverage responses.
    demand = Demand(doc.demand) if doc.demand else None
    responses = {
        name: _compile_response(name, spec, doc, areas, demand) for name, spec in doc.responses.items()
    }
    call_types = {code.upper(): (code, tuple(rule.responses)) for code, rule in doc.call_types.items()}
    zones = {
        zone.upper(): (
            areas.get(zone),
            {code.upper(): (code, tuple(rule.responses)) for code, rule in spec.call_types.items()},
        )
        for zone, spec in doc.zones.items()
    }
    for local, apco in doc.local_codes.items():
        # A CAD's own code never shadows an APCO code of the same spelling.
        call_types.setdefault(local.upper(), call_types[apco.upper()])
    labels = {code: rule.label for code, rule in doc.call_types.items() if rule.label}
    return CompiledPolicy(
        jurisdiction=doc.jurisdiction,
        version=version,
        tz=ZoneInfo(doc.timezone),
        responses=responses,
        call_types=call_types,
        default=tuple(doc.default.responses),
        disqualifiers={flag: tuple(rule.escalate) for flag, rule in doc.disqualifiers.items()},
        units_stale_after_s=doc.units_stale_after_s,
        document=doc,
        labels=labels,
        zones=zones,
        terms=compile_terms(doc.screening) if doc.screening is not None else default_terms(),
        demand=demand,
        questions=compile_questions(doc, {f: tuple(rule.escalate) for f, rule in doc.disqualifiers.items()}),
    )


def load_policy(raw: bytes | str | dict[str, Any], version: str = "draft") -> CompiledPolicy:
    """Parse, validate and compile; raises PolicyInvalid listing every error found."""
    data = raw if isinstance(raw, dict) else parse_document(raw)
    doc, errors = validate_document(data)
    if doc is not None:
        errors.extend(check(doc))
        check_questions(doc, errors)
    if errors or doc is None:
        raise PolicyInvalid(errors)
    return compile_policy(doc, version)
