"""Program metrics as Prometheus series: the GPL essential metrics the service can know, live.

Definitions: docs/program-metrics.md (classification in service/programs/classify.py). Fed by three
hooks: `observe_recommendation` (POST /v1/calls, after the answer is built), `observe_outcome`
(POST .../outcome) and `observe_field` (POST .../field). Counters count events as they happen in
this process: a correction adds what it changes to a counter that only grows (a field record
corrected from "no backup" to "backup" counts one backup; the reverse cannot be uncounted), so the
monthly report, built from the audit stream's latest revisions, is the figure of record and these
series are the live view.

Labels are bounded: jurisdiction and response names come from validated policies, reasons and
results from fixed sets, call types from the active policy (else "other"), findings from the
screening flags (else "other"). No incident or recommendation id is ever a label.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from prometheus_client import Counter, Histogram

from api.metrics import REGISTRY, SCREENING_KINDS
from service.programs.classify import NOT_SERVED, ProgramView, classify, program_view
from service.programs.field import TRANSFER_RESULTS, TRANSFER_TARGETS, FieldRecord
from service.state.outcomes import OVERRIDE_REASONS

if TYPE_CHECKING:
    from service.domain.model import Recommendation
    from service.policy.compile import CompiledPolicy

__all__ = ["observe_field", "observe_outcome", "observe_recommendation", "prepare"]

log = logging.getLogger("dispatch.programs")

# Minutes: field response times run from seconds (a transfer) to hours (a queued team).
TIME_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 7200, 14400)

ELIGIBLE = Counter(
    "dispatch_program_eligible_calls",
    "Calls whose policy rule lists an alternative response",
    ["jurisdiction"],
    registry=REGISTRY,
)
RECOMMENDED = Counter(
    "dispatch_program_recommended",
    "Eligible calls recommended to an alternative response",
    ["jurisdiction", "team"],
    registry=REGISTRY,
)
NOT_RECOMMENDED = Counter(
    "dispatch_program_not_served",
    "Eligible calls not served, by reason",
    ["jurisdiction", "reason"],
    registry=REGISTRY,
)
OVERRIDES = Counter(
    "dispatch_program_overrides",
    "Dispatcher overrides on eligible calls: away from a recommended alternative response "
    "(with the dispatcher's reason) or toward one",
    ["jurisdiction", "direction", "reason"],
    registry=REGISTRY,
)
DIVERTED = Counter(
    "dispatch_program_diverted_calls",
    "Calls sent to an alternative field team with a field record: the miss rate's denominator",
    ["jurisdiction", "team", "call_type"],
    registry=REGISTRY,
)
TO_RECOMMENDATION = Histogram(
    "dispatch_program_call_to_recommendation_seconds",
    "From the call's received time (as the CAD sent it) to the recommendation",
    ["jurisdiction"],
    buckets=TIME_BUCKETS,
    registry=REGISTRY,
)
TO_DECISION = Histogram(
    "dispatch_program_recommendation_to_decision_seconds",
    "From the recommendation to the dispatcher's outcome (first revision)",
    ["jurisdiction"],
    buckets=TIME_BUCKETS,
    registry=REGISTRY,
)
TO_ASSIGNMENT = Histogram(
    "dispatch_program_recommendation_to_assignment_seconds",
    "From the recommendation to the CAD's assignment of the unit (field record assigned_at)",
    ["jurisdiction", "team"],
    buckets=TIME_BUCKETS,
    registry=REGISTRY,
)
TO_ARRIVAL = Histogram(
    "dispatch_program_recommendation_to_arrival_seconds",
    "From the recommendation to the team's arrival (field record)",
    ["jurisdiction", "team"],
    buckets=TIME_BUCKETS,
    registry=REGISTRY,
)
FIELD = Counter(
    "dispatch_program_field_records",
    "Field records received (first revision), by response sent",
    ["jurisdiction", "team"],
    registry=REGISTRY,
)
BACKUPS = Counter(
    "dispatch_program_backup_requests",
    "Police backup requested by an alternative field team, by call type and finding",
    ["jurisdiction", "call_type", "finding"],
    registry=REGISTRY,
)
INCIDENTS = Counter(
    "dispatch_program_safety_incidents",
    "Safety incidents on calls sent to an alternative field team, by call type and finding",
    ["jurisdiction", "call_type", "finding"],
    registry=REGISTRY,
)
MISSES = Counter(
    "dispatch_program_field_misses",
    "Calls sent to an alternative field team where police backup was requested (kind=backup) or a safety "
    "incident happened (kind=incident): once per call, whatever its findings",
    ["jurisdiction", "kind"],
    registry=REGISTRY,
)
CONNECTED = Counter(
    "dispatch_program_connected_to_care",
    "Field records saying the person was connected to care",
    ["jurisdiction", "team"],
    registry=REGISTRY,
)
TRANSFERS = Counter(
    "dispatch_program_transfers",
    "Transfers (988, 311, nurse line) by result",
    ["jurisdiction", "to", "result"],
    registry=REGISTRY,
)


class _Views:
    by_version: dict[str, ProgramView] = {}  # noqa: RUF012 - per process, one per policy version
    call_types: dict[str, frozenset[str]] = {}  # noqa: RUF012


def prepare(policy: CompiledPolicy) -> ProgramView:
    """The view of a policy version (built once), with its series created at 0 so ratios exist."""
    view = _Views.by_version.get(policy.version)
    if view is not None:
        return view
    view = _Views.by_version[policy.version] = program_view(policy)
    _Views.call_types[policy.jurisdiction] = frozenset(rt.call_type for rt in policy.routes.values())
    j = policy.jurisdiction
    ELIGIBLE.labels(j)
    for reason in NOT_SERVED:
        NOT_RECOMMENDED.labels(j, reason)
    for name in view.categories:
        if view.alternative(name):
            RECOMMENDED.labels(j, name)
    for reason in OVERRIDE_REASONS:
        OVERRIDES.labels(j, "away", reason)
    OVERRIDES.labels(j, "toward", "none")
    MISSES.labels(j, "backup")
    MISSES.labels(j, "incident")
    for to in TRANSFER_TARGETS:
        for result in TRANSFER_RESULTS:
            TRANSFERS.labels(j, to, result)
    return view


_children: dict[tuple[Any, ...], Any] = {}


def _child(metric: Any, *labels: str) -> Any:
    """The label child, bound once (labels() costs microseconds; a dict look-up does not)."""
    key = (metric, *labels)
    child = _children.get(key)
    if child is None:
        child = _children[key] = metric.labels(*labels)
    return child


def _call_type(j: str, call_type: str) -> str:
    return call_type if call_type in _Views.call_types.get(j, ()) else "other"


def _findings(flags: list[str]) -> list[str]:
    return [f if f in SCREENING_KINDS else "other" for f in flags] or ["none"]


def observe_recommendation(
    j: str, policy: CompiledPolicy, rec: Recommendation, received_at: datetime | None
) -> None:
    try:
        view = _Views.by_version.get(policy.version) or prepare(policy)
        if received_at is not None and received_at.tzinfo is not None:
            _child(TO_RECOMMENDATION, j).observe(max(0.0, (rec.decided_at - received_at).total_seconds()))
        c = classify(rec, view)
        if not c.eligible:
            return
        _child(ELIGIBLE, j).inc()
        if c.served_by is not None:
            _child(RECOMMENDED, j, c.served_by).inc()
        elif c.reason is not None:
            _child(NOT_RECOMMENDED, j, c.reason).inc()
    except Exception:  # a metrics bug must never fail an answer
        log.exception("program metrics: recommendation")


def observe_outcome(
    j: str,
    policy: CompiledPolicy | None,
    recommended: str,
    sent: str,
    reason: str | None,
    revision: int,
    seconds: float,
) -> None:
    try:
        if policy is None or revision != 1:
            return
        view = prepare(policy)
        if seconds >= 0:
            TO_DECISION.labels(j).observe(seconds)
        if view.alternative(recommended) and not view.alternative(sent):
            OVERRIDES.labels(j, "away", reason if reason in OVERRIDE_REASONS else "other").inc()
            NOT_RECOMMENDED.labels(j, "override").inc()
        elif view.alternative(sent) and not view.alternative(recommended):
            OVERRIDES.labels(j, "toward", "none").inc()
    except Exception:
        log.exception("program metrics: outcome")


def observe_field(
    j: str, policy: CompiledPolicy | None, record: FieldRecord, prev: FieldRecord | None
) -> None:
    """Counts what this revision adds: a first record, a backup or incident newly reported, ..."""
    try:
        if policy is None:
            return
        view = prepare(policy)
        sent = record.response or record.recommended_response
        team = sent if view.alternative(sent) else "other"
        call_type = _call_type(j, record.call_type)
        if prev is None:
            FIELD.labels(j, team).inc()
            if view.team(sent):
                DIVERTED.labels(j, sent, call_type).inc()
        if record.assigned_at is not None and (prev is None or prev.assigned_at is None):
            seconds = (record.assigned_at - record.decided_at).total_seconds()
            _child(TO_ASSIGNMENT, j, team).observe(max(0.0, seconds))
        if record.arrived_at is not None and (prev is None or prev.arrived_at is None):
            TO_ARRIVAL.labels(j, team).observe(
                max(0.0, (record.arrived_at - record.decided_at).total_seconds())
            )
        if view.team(sent):
            if record.backup_requested and not (prev and prev.backup_requested):
                MISSES.labels(j, "backup").inc()
            if record.safety_incident and not (prev and prev.safety_incident):
                MISSES.labels(j, "incident").inc()
            for finding in _findings(record.flags):
                if record.backup_requested and not (prev and prev.backup_requested):
                    BACKUPS.labels(j, call_type, finding).inc()
                if record.safety_incident and not (prev and prev.safety_incident):
                    INCIDENTS.labels(j, call_type, finding).inc()
        if record.connected_to_care and not (prev and prev.connected_to_care):
            CONNECTED.labels(j, team).inc()
        t = record.transfer
        if t is not None and (prev is None or prev.transfer != t):
            TRANSFERS.labels(j, t.to, t.result).inc()
    except Exception:
        log.exception("program metrics: field")
