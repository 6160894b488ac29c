"""Wire types: what a CAD sends us and what we answer.

Every type here is a msgspec Struct so that decoding validates (types, ranges, lengths) in C
and encoding needs no per-request reflection. Field names follow docs/api.md.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

import msgspec

__all__ = [
    "ANSWER_SOURCES",
    "CIVILIAN_CATEGORIES",
    "Alternative",
    "Answer",
    "AnswerSource",
    "CallEvent",
    "Caller",
    "Category",
    "Location",
    "Question",
    "QueuedFor",
    "Reason",
    "Recommendation",
    "Screening",
    "UnitBatch",
    "UnitBatchResult",
    "UnitOffer",
    "UnitStatus",
    "UnitStatusName",
]

# The one narrative limit: what the API accepts (longer is a 422), and so what the console shows.
MAX_NARRATIVE = 4000
# The one limit of a free-text note, by a dispatcher (outcome, answers) or a crew (field record).
MAX_NOTE = 500
MAX_BATCH = 5000

# Redis GEO indexes only latitudes within ±85.05112878 (Web Mercator); a call or unit beyond that
# could not be placed, and the error would otherwise look like a Redis failure to the breaker.
Lat = Annotated[
    float, msgspec.Meta(ge=-85.05112878, le=85.05112878, description="WGS84 latitude (within ±85.05112878)")
]
Lon = Annotated[float, msgspec.Meta(ge=-180, le=180, description="WGS84 longitude")]
# `(?!\n)$`: Python's `$` also matches before a final newline, which would let "A1\n" through.
Ident = Annotated[
    str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]*(?!\n)$")
]
# Free text that ends up in the audit trail and the console: no control characters (NUL, escapes).
PRINTABLE = r"^[^\x00-\x1f\x7f]*(?!\n)$"
Short = Annotated[str, msgspec.Meta(max_length=200, pattern=PRINTABLE)]


class Category(StrEnum):
    """The fixed set of response categories every response type declares (api.md)."""

    POLICE = "police"
    FIRE = "fire"
    EMS = "ems"
    CRISIS_TEAM = "crisis_team"
    COMMUNITY_RESPONDER = "community_responder"
    CO_RESPONSE = "co_response"
    PHONE_LINE = "phone_line"
    NON_EMERGENCY = "non_emergency"


# Categories that put no sworn officer, firefighter or EMS crew on scene; the safety rule forbids
# them whenever a disqualifier (weapon, violence, injury, medical emergency) is present.
CIVILIAN_CATEGORIES = frozenset(
    {Category.CRISIS_TEAM, Category.COMMUNITY_RESPONDER, Category.PHONE_LINE, Category.NON_EMERGENCY}
)


class Location(msgspec.Struct, forbid_unknown_fields=True):
    lat: Lat
    lon: Lon
    zone: Short | None = None
    address: Short | None = None


class Screening(msgspec.Struct, forbid_unknown_fields=True):
    """The call-taker's screening answers: true, false, or null for not asked."""

    weapon: bool | None = None
    violence: bool | None = None
    injury: bool | None = None
    medical: bool | None = None
    suicidal: bool | None = None
    substance: bool | None = None
    crime_in_progress: bool | None = None


AnswerSource = Literal["caller", "call_type", "determinant", "narrative", "dispatcher"]
# Who may say "no": every source here is an explicit one (the policy cites the protocol behind a
# call type's or determinant's implication); a source that is merely silent never answers.
ANSWER_SOURCES: tuple[AnswerSource, ...] = ("caller", "call_type", "determinant", "narrative", "dispatcher")


class Answer(msgspec.Struct, frozen=True, omit_defaults=True):
    """What is known about one screening question, and who said so (kept in reasons and audit)."""

    question: str  # a screening flag: weapon, violence, medical, ...
    value: bool
    source: AnswerSource
    detail: str = ""  # e.g. the determinant and the protocol cited, or the dispatcher's key label


class Question(msgspec.Struct, frozen=True):
    """One question that stands between the call and a more preferred (civilian) response."""

    question: str
    text: str  # what the call-taker reads out
    unlocks: str  # the response a "no" would make eligible
    if_yes: str  # the response a "yes" would send instead


class Caller(msgspec.Struct, forbid_unknown_fields=True):
    relation: Literal["first_party", "second_party", "third_party", "unknown"] | None = None
    callback: Short | None = None


class CallEvent(msgspec.Struct, forbid_unknown_fields=True):
    incident_id: Ident
    seq: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
    call_type: Annotated[str, msgspec.Meta(min_length=1, max_length=32, pattern=PRINTABLE)]
    location: Location
    event: Literal["created", "updated", "closed"] = "created"
    received_at: datetime | None = None
    priority: Annotated[int, msgspec.Meta(ge=0, le=9)] | None = None
    narrative: Annotated[str, msgspec.Meta(max_length=MAX_NARRATIVE)] = ""
    screening: Screening = msgspec.field(default_factory=Screening)
    caller: Caller | None = None
    # A protocol determinant as the CAD stores it (MPDS/PPDS style: 25-A-1, 25A01, 25A1V ...).
    determinant: Annotated[str, msgspec.Meta(max_length=20)] | None = None


class Reason(msgspec.Struct, omit_defaults=True):
    """One step of the explanation: a stable rule id and a sentence a dispatcher can read."""

    code: str
    text: str
    phrase: str | None = None


class UnitOffer(msgspec.Struct):
    unit_id: str
    type: str
    category: Category
    eta_s: int
    distance_m: int


class Alternative(msgspec.Struct):
    response: str
    category: Category
    units: list[UnitOffer]


class QueuedFor(msgspec.Struct):
    """Advice to wait for a civilian team rather than send another response (policy `hold`)."""

    response: str
    max_wait_s: int
    expected_wait_s: int | None = None


class Recommendation(msgspec.Struct):
    recommendation_id: str
    incident_id: str
    seq: int
    response: str
    category: Category
    units: list[UnitOffer]
    alternatives: list[Alternative]
    reasons: list[Reason]
    fallback: bool
    degraded: bool
    policy_version: str
    decided_at: datetime
    call_type: str
    flags: list[str] = msgspec.field(default_factory=list)
    queued_for: QueuedFor | None = None
    # The unanswered questions whose "no" would unlock a more preferred response, most preferred first.
    ask: list[Question] = msgspec.field(default_factory=list)
    # Every screening answer the decision used, with its provenance.
    answers: list[Answer] = msgspec.field(default_factory=list)
    # 0 for the CAD's own event; 1, 2, ... for server-side revisions (a dispatcher recorded answers).
    revision: int = 0


UnitStatusName = Literal["available", "dispatched", "en_route", "on_scene", "transporting", "out_of_service"]


class UnitStatus(msgspec.Struct, forbid_unknown_fields=True):
    unit_id: Ident
    type: Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")]
    status: UnitStatusName
    reported_at: datetime
    lat: Lat | None = None
    lon: Lon | None = None
    capabilities: Annotated[
        list[Annotated[str, msgspec.Meta(max_length=40)]], msgspec.Meta(max_length=20)
    ] = []
    shift_ends_at: datetime | None = None


class UnitBatch(msgspec.Struct, forbid_unknown_fields=True):
    units: Annotated[list[UnitStatus], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class UnitBatchResult(msgspec.Struct):
    applied: int
    ignored_stale: int
    # Reports dated further in the future than the clock-skew tolerance: not applied (a device with
    # a bad clock would otherwise pin its unit's state until then).
    refused_future: int = 0
    refused: list[str] = msgspec.field(default_factory=list)
