"""The policy language, version 1: the document a 911 center's policy analyst writes.

docs/policy.md explains each field with a worked example. Structs here define the shape; the
cross-field rules (references, the safety rule, hours syntax) live in service.policy.compile.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import msgspec

from service.domain.model import Category
from service.screening.screen import TermsSpec

__all__ = [
    "DISQUALIFIER_FLAGS",
    "AuditSpec",
    "CallTypeSpec",
    "ChoiceSpec",
    "DisqualifierSpec",
    "EtaModel",
    "HoldSpec",
    "ImplicationSpec",
    "PolicyDocument",
    "QuestionsSpec",
    "ResponseSpec",
    "ZoneSpec",
]

# Screening flags a policy may attach an escalation to. The first four are the card's safety
# disqualifiers and must always be present; the others are optional, per the program's rules.
REQUIRED_DISQUALIFIERS = ("weapon", "violence", "injury", "medical")
DISQUALIFIER_FLAGS = (
    *REQUIRED_DISQUALIFIERS,
    "crime_in_progress",
    "suicidal_means",
    "intoxication",
    "suicidal",
)

Name = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Code = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,31}$")]
Text = Annotated[str, msgspec.Meta(max_length=500)]


class EtaModel(msgspec.Struct, forbid_unknown_fields=True):
    """Straight-line distance to ETA: turnout time plus distance x road factor at an average speed."""

    speed_kmh: Annotated[float, msgspec.Meta(gt=0, le=200)] = 40.0
    road_factor: Annotated[float, msgspec.Meta(ge=1, le=3)] = 1.3
    turnout_s: Annotated[int, msgspec.Meta(ge=0, le=1800)] = 60


class HoldSpec(msgspec.Struct, forbid_unknown_fields=True):
    """Queue for this civilian team instead of falling back, for low-priority calls only."""

    max_wait_s: Annotated[int, msgspec.Meta(gt=0, le=14400)]
    # CAD priorities (0 most urgent) for which holding is allowed; a call without a priority never holds.
    priorities: Annotated[list[Annotated[int, msgspec.Meta(ge=0, le=9)]], msgspec.Meta(min_length=1)]
    # What the dispatcher is told to expect, e.g. a program's median time to a free team.
    expected_wait_s: Annotated[int, msgspec.Meta(gt=0, le=14400)] | None = None


class ChoiceSpec(msgspec.Struct, forbid_unknown_fields=True):
    """How a unit is picked among the free ones that reach the call within max_eta_s.

    closest: the nearest. coverage: the one whose departure leaves the least of the jurisdiction's
    demand (`demand`, from its historical calls) uncovered, by MEXCLP's expected coverage (Daskin
    1983): a demand cell covered by k free units is served with probability 1 - q^k, q the chance a
    unit is busy. reserve_last_for: the last free unit of this response is kept for calls of these
    CAD priorities (cutoff priority, Sacks, Larson & Schaack 1993); other calls fall back or hold.
    """

    strategy: Literal["closest", "coverage"] = "closest"
    busy_fraction: Annotated[float, msgspec.Meta(gt=0, lt=1)] = 0.3
    reserve_last_for: list[Annotated[int, msgspec.Meta(ge=0, le=9)]] = []


class ResponseSpec(msgspec.Struct, forbid_unknown_fields=True):
    category: Category
    label: Text = ""
    # Unit types that must all be found (one unit each) for this response; empty for phone or 311.
    units: list[Name] = []
    max_eta_s: Annotated[int, msgspec.Meta(gt=0, le=7200)] | None = None
    hours: list[Text] = []
    active_from: date | None = None
    active_until: date | None = None
    eta: EtaModel | None = None
    # Name of an entry under `areas`: the response serves only calls located inside it.
    area: Name | None = None
    hold: HoldSpec | None = None
    choice: ChoiceSpec | None = None


class CallTypeSpec(msgspec.Struct, forbid_unknown_fields=True):
    responses: Annotated[list[Name], msgspec.Meta(min_length=1)]
    label: Text = ""


class DisqualifierSpec(msgspec.Struct, forbid_unknown_fields=True):
    escalate: Annotated[list[Name], msgspec.Meta(min_length=1)]
    label: Text = ""


class ZoneSpec(msgspec.Struct, forbid_unknown_fields=True):
    """Overrides for calls in one zone: the CAD's zone/beat code, or a point inside `areas[zone]`."""

    call_types: dict[Code, CallTypeSpec] = {}
    label: Text = ""


# The questions a civilian-only response needs answered "no" unless the policy says otherwise.
DEFAULT_REQUIRED = ("weapon", "violence", "medical")
# A determinant as a pattern: protocol-level-number, each part a value or *, e.g. 25-A-1, 25-*-*, *-C-*.
DeterminantPattern = Annotated[
    str, msgspec.Meta(pattern=r"^(\*|[0-9]{1,3}|P[0-9]{1,3})-(\*|[OABCDE])-(\*|[0-9]{1,2})$")
]
Suffix = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{0,2}$")]


class QuestionsSpec(msgspec.Struct, forbid_unknown_fields=True):
    """Not asked is not no: the disqualifier questions a civilian-only response needs answered."""

    # Each must be answered no (by the caller, the dispatcher, an implication or a narrative
    # denial) before a civilian-only response is chosen; a flag listed here must be a disqualifier.
    required: list[Name] = msgspec.field(default_factory=lambda: list(DEFAULT_REQUIRED))
    # A default question this policy does not require, each with the program rule that allows it
    # (validation warns about every one).
    relax: dict[Name, Text] = {}
    # Whether "no weapons" in the narrative answers the weapon question.
    narrative_denials: bool = True
    # The sentence a call-taker reads out, per question (defaults in service/policy/questions.py).
    text: dict[Name, Text] = {}


class ImplicationSpec(msgspec.Struct, forbid_unknown_fields=True):
    """Answers a call type or protocol determinant implies, with the protocol source that says so."""

    implies: Annotated[dict[Name, bool], msgspec.Meta(min_length=1)]
    source: Annotated[str, msgspec.Meta(min_length=3, max_length=500)]
    call_types: list[Code] = []
    determinant: DeterminantPattern | None = None
    # The suffixes the row covers ("" = no suffix); unset = any. A row that implies "no" must list
    # them, so that a violence or weapon suffix is never read as its absence.
    suffixes: list[Suffix] | None = None


class AuditSpec(msgspec.Struct, forbid_unknown_fields=True):
    """What the audit stream keeps for this jurisdiction (docs/security.md)."""

    # The call narrative is left out of the audit unless the jurisdiction decides to keep it.
    keep_narrative: bool = False
    # Entries older than this are trimmed; unset: the service default (DISPATCH_AUDIT_RETENTION_DAYS).
    retention_days: Annotated[int, msgspec.Meta(ge=1, le=36500)] | None = None


class PolicyDocument(msgspec.Struct, forbid_unknown_fields=True):
    policy_format: int
    jurisdiction: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9-]{0,39}$")]
    timezone: str
    responses: dict[Name, ResponseSpec]
    call_types: dict[Code, CallTypeSpec]
    default: CallTypeSpec
    disqualifiers: dict[Name, DisqualifierSpec]
    name: Text = ""
    notice: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    sources: list[Text] = []
    eta: EtaModel = msgspec.field(default_factory=EtaModel)
    local_codes: dict[Code, Code] = {}
    units_stale_after_s: Annotated[int, msgspec.Meta(ge=10, le=86400)] = 300
    # Named GeoJSON geometries (Polygon or MultiPolygon, lon/lat) or Features holding one.
    areas: dict[Name, dict[str, Any]] = {}
    zones: dict[Code, ZoneSpec] = {}
    # Additions to / removals from the shipped narrative-screening phrases (service/screening/vocab/).
    screening: TermsSpec | None = None
    audit: AuditSpec = msgspec.field(default_factory=AuditSpec)
    # Where calls come from, for a coverage choice: [lat, lon, weight] cells, e.g. a ~1 km grid of
    # the civilian-eligible calls of a past period (`python -m service.replay.demand` makes them).
    demand: Annotated[list[tuple[float, float, float]], msgspec.Meta(max_length=5000)] = []
    # What the cells were built from (export, period, response, cell size): kept with them for audit.
    demand_source: Text = ""
    questions: QuestionsSpec = msgspec.field(default_factory=QuestionsSpec)
    implications: list[ImplicationSpec] = []
