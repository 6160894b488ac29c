"""Monthly program figures from the audit stream: the report's numbers before any suppression.

One call is one incident: its latest recommendation in the period is classified
(service/programs/classify.py) and joined with the dispatcher's latest outcome and the latest field
record of any of its recommendations, read from the audit stream up to now (field records arrive
hours later, so the period bounds which calls count, not which records). Months are those of the
jurisdiction's local time (recommendations carry it in `decided_at`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import msgspec

from service.domain.model import Recommendation
from service.programs.classify import ProgramView, classify, with_outcome
from service.programs.field import FieldRecord
from service.state.audit import AuditEntry
from service.state.outcomes import Outcome

__all__ = ["Month", "Tally", "merged", "tally"]

_rec = msgspec.json.Decoder(Recommendation).decode
_outcome = msgspec.json.Decoder(Outcome).decode
_field = msgspec.json.Decoder(FieldRecord).decode


@dataclass
class Month:
    calls: int = 0
    eligible: int = 0
    unknown_policy: int = 0  # calls whose policy version could not be read: not classified
    served: Counter[str] = field(default_factory=Counter)  # alternative response -> calls
    by_dispatcher: int = 0  # served only because a dispatcher sent a team the service did not pick
    no_outcome: int = 0  # served by recommendation, no dispatcher outcome recorded yet
    not_served: Counter[str] = field(default_factory=Counter)
    override_reasons: Counter[str] = field(default_factory=Counter)
    # Seconds, one per call where both ends are known.
    call_to_recommendation: list[float] = field(default_factory=list)
    to_decision: list[float] = field(default_factory=list)
    to_assignment: list[float] = field(default_factory=list)
    to_arrival: list[float] = field(default_factory=list)
    received_known: int = 0
    # Field outcomes of calls sent to an alternative field team.
    diverted: int = 0
    diverted_with_record: int = 0
    backups: int = 0
    incidents: int = 0
    connected: int = 0
    backup_reasons: Counter[str] = field(default_factory=Counter)
    dispositions: Counter[str] = field(default_factory=Counter)
    # (call type, finding) -> [diverted calls with a record, backups, incidents]
    misses: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    # Transfers: calls sent to a line, and their results where recorded.
    transfers: Counter[str] = field(default_factory=Counter)  # line response -> calls
    transfer_results: Counter[tuple[str, str]] = field(default_factory=Counter)  # (to, result)
    transfer_unrecorded: int = 0


@dataclass
class Tally:
    jurisdiction: str
    months: dict[str, Month] = field(default_factory=dict)
    teams: set[str] = field(default_factory=set)
    unknown_versions: set[str] = field(default_factory=set)


@dataclass
class _Call:
    rec: Recommendation
    received: datetime | None
    outcome: Outcome | None = None
    first_decision: datetime | None = None
    field: FieldRecord | None = None


def tally(jurisdiction: str, entries: Iterable[AuditEntry], view_for: Callable[[str], ProgramView | None],
          since: datetime, until: datetime | None) -> Tally:
    """`view_for(policy_version)`: the classification view of that version, None when unknown."""
    calls: dict[str, _Call] = {}
    incident_of: dict[str, str] = {}
    for entry in entries:
        if entry.data is None:
            continue
        if entry.kind == "recommendation":
            rec = _rec(entry.data)
            if rec.decided_at < since or (until is not None and rec.decided_at >= until):
                continue
            incident_of[rec.recommendation_id] = rec.incident_id
            known = calls.get(rec.incident_id)
            if known is None or rec.seq >= known.rec.seq:
                call = _Call(rec, entry.received_at or (known.received if known else None))
                if known is not None:
                    call.outcome, call.first_decision = known.outcome, known.first_decision
                    call.field = known.field
                calls[rec.incident_id] = call
        elif entry.kind in ("outcome", "field"):
            rec_id = (_outcome(entry.data).recommendation_id if entry.kind == "outcome"
                      else _field(entry.data).recommendation_id)
            incident = incident_of.get(rec_id)
            if incident is None:
                continue  # a call before the period
            target = calls[incident]
            if entry.kind == "outcome":
                out = _outcome(entry.data)
                target.outcome = out
                if target.first_decision is None or out.recorded_at < target.first_decision:
                    target.first_decision = out.recorded_at
            else:
                target.field = _field(entry.data)
    result = Tally(jurisdiction)
    for call in calls.values():
        _count(result, call, view_for)
    return result


def _count(result: Tally, call: _Call, view_for: Callable[[str], ProgramView | None]) -> None:
    rec = call.rec
    d = rec.decided_at
    key = f"{d.year}-{d.month:02d}"
    month = result.months.get(key)
    if month is None:
        month = result.months[key] = Month()
    month.calls += 1
    if call.received is not None:
        month.received_known += 1
        month.call_to_recommendation.append(max(0.0, (rec.decided_at - call.received).total_seconds()))
    view = view_for(rec.policy_version)
    if view is None:
        month.unknown_policy += 1
        result.unknown_versions.add(rec.policy_version)
        return
    out = call.outcome
    c = with_outcome(classify(rec, view), view, out.response if out else None, out.reason if out else None)
    if not c.eligible:
        return
    month.eligible += 1
    start = call.received or rec.decided_at
    if call.first_decision is not None:
        month.to_decision.append(max(0.0, (call.first_decision - rec.decided_at).total_seconds()))
    if c.served_by is None:
        reason = c.reason or "ranked_below"
        month.not_served[reason] += 1
        if reason == "override":
            month.override_reasons[c.override_reason or "other"] += 1
        return
    team = c.served_by
    result.teams.add(team)
    month.served[team] += 1
    month.by_dispatcher += int(c.overridden_to_alternative)
    month.no_outcome += int(out is None)
    rec_field = call.field
    if rec_field is not None and rec_field.assigned_at is not None:
        month.to_assignment.append(max(0.0, (rec_field.assigned_at - start).total_seconds()))
    if rec_field is not None and rec_field.arrived_at is not None:
        month.to_arrival.append(max(0.0, (rec_field.arrived_at - start).total_seconds()))
    if not view.team(team):
        month.transfers[team] += 1
        if rec_field is not None and rec_field.transfer is not None:
            month.transfer_results[(rec_field.transfer.to, rec_field.transfer.result)] += 1
        else:
            month.transfer_unrecorded += 1
        return
    month.diverted += 1
    if rec_field is None:
        return
    month.diverted_with_record += 1
    month.backups += int(bool(rec_field.backup_requested))
    month.incidents += int(bool(rec_field.safety_incident))
    month.connected += int(bool(rec_field.connected_to_care))
    if rec_field.backup_reason:
        month.backup_reasons[rec_field.backup_reason] += 1
    if rec_field.disposition:
        month.dispositions[rec_field.disposition] += 1
    for finding in rec.flags or ["none"]:
        row = month.misses[(rec.call_type, finding)]
        row[0] += 1
        row[1] += int(bool(rec_field.backup_requested))
        row[2] += int(bool(rec_field.safety_incident))


def merged(months: Iterable[Month]) -> Month:
    """The period's total: every count added, every list of times joined."""
    total = Month()
    for m in months:
        for name, value in vars(m).items():
            current = getattr(total, name)
            if isinstance(value, int):
                setattr(total, name, current + value)
            elif isinstance(value, list):
                current.extend(value)
            elif name == "misses":
                for key, row in value.items():
                    acc = current[key]
                    for i, n in enumerate(row):
                        acc[i] += n
            else:
                current.update(value)
    return total
