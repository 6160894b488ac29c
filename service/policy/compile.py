"""Load, validate and compile a jurisdiction policy.

Validation (service/policy/document.py: text to a checked PolicyDocument) reports every error it
can find, each with the path of the offending field, so a policy analyst fixes a file in one pass.
Compilation, here, turns the document into lookup tables held in process memory: the hot path
never parses or walks the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from service.domain.coverage import Demand
from service.domain.model import CIVILIAN_CATEGORIES, Category
from service.policy.areas import Area, compile_area
from service.policy.checks import PolicyError, check
from service.policy.document import PolicyInvalid, parse_document, validate_document
from service.policy.questions import CompiledQuestions, check_questions, compile_questions
from service.policy.schedule import Schedule, parse_hours
from service.policy.schema import (
    ChoiceSpec,
    EtaModel,
    HoldSpec,
    PolicyDocument,
    ResponseSpec,
)
from service.screening.screen import ScreeningTerms, compile_terms, default_terms

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


@dataclass(frozen=True, slots=True)
class CompiledResponse:
    name: str
    category: Category
    label: str
    unit_types: tuple[str, ...]
    max_eta_s: int
    schedule: Schedule
    eta: EtaModel
    # Search radius that a unit can cover within max_eta_s under the ETA model.
    radius_m: float
    area: Area | None = None
    hold: HoldSpec | None = None
    choice: ChoiceSpec | None = None
    # Derived in __post_init__ because plan and decide read them for every call.
    civilian: bool = field(init=False, repr=False, compare=False)
    _speed_mps: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "civilian", self.category in CIVILIAN_CATEGORIES)
        object.__setattr__(self, "_speed_mps", self.eta.speed_kmh / 3.6)

    def eta_s(self, distance_m: float) -> int:
        eta = self.eta
        return int(eta.turnout_s + distance_m * eta.road_factor / self._speed_mps)


def unit_searches(responses: Iterable[CompiledResponse]) -> tuple[tuple[str, float], ...]:
    """(unit type, search radius in metres) for every unit type the responses need, widest radius."""
    radius: dict[str, float] = {}
    for response in responses:
        for unit_type in response.unit_types:
            radius[unit_type] = max(radius.get(unit_type, 0.0), response.radius_m)
    return tuple(radius.items())


@dataclass(frozen=True, slots=True)
class Rule:
    """An ordered list of responses and the reason that names it, built once rather than per call."""

    order: tuple[str, ...]
    responses: tuple[CompiledResponse, ...]  # `order` without repeats
    code: str
    text: str
    # The unit searches for `responses` when none of them drops out (the common case).
    searches: tuple[tuple[str, float], ...]
    # Those plus every escalation's and the fallback's: what the hot path reads before it knows
    # the incident's learned answers (they may raise a disqualifier), in the same round trip.
    wide_searches: tuple[tuple[str, float], ...] = ()
    # `responses` by name, and those of them that are not civilian-only with their searches: what is
    # left when a required question is unanswered (not asked is not no), looked up, not rebuilt.
    names: tuple[str, ...] = ()
    sworn: tuple[CompiledResponse, ...] = ()
    sworn_searches: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Route:
    """Everything `plan` looks up for one call-type code (upper case), resolved at compile time."""

    call_type: str  # the APCO code
    rule: Rule
    # For a CAD code other than the APCO code, the reason text around the CAD's own spelling.
    cad_text: tuple[str, str] | None
    # Zones that override this call type, in policy order: (zone code, area or None, rule).
    zones: tuple[tuple[str, Area | None, Rule], ...]


@dataclass(frozen=True, slots=True)
class CompiledPolicy:
    jurisdiction: str
    version: str
    tz: ZoneInfo
    responses: dict[str, CompiledResponse]
    # Call type (APCO code, or a CAD local code already resolved) -> (APCO code, ordered responses).
    call_types: dict[str, tuple[str, tuple[str, ...]]]
    default: tuple[str, ...]
    disqualifiers: dict[str, tuple[str, ...]]
    units_stale_after_s: int
    document: PolicyDocument = field(repr=False, compare=False)
    # Zone code (upper case) -> (area or None, call-type overrides like call_types).
    zones: dict[str, tuple[Area | None, dict[str, tuple[str, tuple[str, ...]]]]] = field(default_factory=dict)
    terms: ScreeningTerms = field(default_factory=default_terms, repr=False, compare=False)
    labels: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Demand cells for a coverage choice (service/domain/coverage.py); None when the policy has none.
    demand: Demand | None = field(default=None, repr=False, compare=False)
    questions: CompiledQuestions = field(default_factory=CompiledQuestions, repr=False, compare=False)
    # Derived from the fields above in __post_init__, so they can never disagree with them.
    routes: dict[str, Route] = field(init=False, repr=False, compare=False)
    # For a call type the policy does not list (plan writes that reason itself: it names the code).
    default_rule: Rule = field(init=False, repr=False, compare=False)
    # The default's always-open, non-civilian responses: the answer when nothing else is open.
    fallback: tuple[CompiledResponse, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fallback = tuple(  # repeats kept, as the default lists them
            r for r in (self.responses[n] for n in self.default) if not r.civilian and r.schedule.always
        )
        object.__setattr__(self, "fallback", fallback)
        routes = {code: self._route(code, *rule) for code, rule in self.call_types.items()}
        default = self._rule(self.default, "calltype.default", "the policy's default")
        object.__setattr__(self, "routes", routes)
        object.__setattr__(self, "default_rule", default)

    def _rule(self, order: tuple[str, ...], code: str, text: str) -> Rule:
        responses = tuple(self.responses[n] for n in dict.fromkeys(order))
        escalations = [self.responses[n] for names in self.disqualifiers.values() for n in names]
        wide = unit_searches([*responses, *escalations, *self.fallback])
        sworn = tuple(r for r in responses if not r.civilian)
        return Rule(order, responses, code, text, unit_searches(responses), wide,
                    tuple(r.name for r in responses), sworn, unit_searches(sworn))

    def _route(self, code: str, call_type: str, order: tuple[str, ...]) -> Route:
        label = self.labels.get(call_type, call_type)
        tail = ": policy order " + " > ".join(order)
        cad_text = (f"{label} (CAD code ", ")" + tail) if call_type.upper() != code else None
        zones = []
        for zone, (area, rules) in self.zones.items():
            if (override := rules.get(call_type.upper())) is not None:
                text = f"zone {zone} rule: " + " > ".join(override[1])
                zones.append((zone, area, self._rule(override[1], f"zone.{zone}", text)))
        rule = self._rule(order, f"calltype.{call_type}", label + tail)
        return Route(call_type, rule, cad_text, tuple(zones))


def _compile_response(
    name: str, spec: ResponseSpec, doc: PolicyDocument, areas: dict[str, Area]
) -> CompiledResponse:
    eta = spec.eta or doc.eta
    max_eta = spec.max_eta_s or 0
    intervals = [iv for hours in spec.hours for iv in parse_hours(hours)]
    schedule = Schedule(tuple(intervals) or Schedule().intervals, spec.active_from, spec.active_until)
    radius = max(0.0, (max_eta - eta.turnout_s) * (eta.speed_kmh / 3.6) / eta.road_factor)
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
        spec.choice,
    )


def compile_policy(doc: PolicyDocument, version: str) -> CompiledPolicy:
    areas = {name: compile_area(name, geojson) for name, geojson in doc.areas.items()}
    responses = {name: _compile_response(name, spec, doc, areas) for name, spec in doc.responses.items()}
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
        demand=Demand(doc.demand) if doc.demand else None,
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
