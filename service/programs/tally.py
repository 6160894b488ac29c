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

from service.domain.model import Category
from service.programs.classify import ProgramView, classify, with_outcome
from service.programs.field import FieldRecord
from service.state.audit import AuditEntry
from service.state.outcomes import Outcome

__all__ = ["Month", "Tallier", "Tally", "merged", "tally"]

class _Code(msgspec.Struct):
    code: str


class _Rec(msgspec.Struct):
    """The part of a Recommendation the report reads: a third of its memory (texts and units left out)."""

    recommendation_id: str
    incident_id: str
    seq: int
    response: str
    category: Category
    reasons: list[_Code]
    call_type: str
    decided_at: datetime
    policy_version: str
    flags: list[str] = []


_rec = msgspec.json.Decoder(_Rec).decode
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
    rec: _Rec
    received: datetime | None
    outcome: Outcome | None = None
    first_decision: datetime | None = None
    field: FieldRecord | None = None


class Tallier:
    """Reads audit entries one at a time (as the stream is read) and keeps one slim record per call."""

    def __init__(self, since: datetime, until: datetime | None) -> None:
        self.since, self.until = since, until
        self.calls: dict[str, _Call] = {}
        self.incident_of: dict[str, str] = {}

    def add(self, entry: AuditEntry) -> None:
        if entry.data is None:
            return
        if entry.kind == "recommendation":
            rec = _rec(entry.data)
            if rec.decided_at < self.since or (self.until is not None and rec.decided_at >= self.until):
                return
            self.incident_of[rec.recommendation_id] = rec.incident_id
            known = self.calls.get(rec.incident_id)
            if known is None:
                self.calls[rec.incident_id] = _Call(rec, entry.received_at)
            elif rec.seq >= known.rec.seq:  # an update: the latest event of the incident is the call
                known.rec = rec
                known.received = known.received or entry.received_at
        elif entry.kind == "outcome":
            out = _outcome(entry.data)
            target = self._call(out.recommendation_id)
            if target is not None:
                target.outcome = out
                if target.first_decision is None or out.recorded_at < target.first_decision:
                    target.first_decision = out.recorded_at
        elif entry.kind == "field":
            record = _field(entry.data)
            target = self._call(record.recommendation_id)
            if target is not None:
                target.field = record

    def _call(self, rec_id: str) -> _Call | None:
        incident = self.incident_of.get(rec_id)
        return None if incident is None else self.calls[incident]  # None: a call before the period

    def result(self, jurisdiction: str, view_for: Callable[[str], ProgramView | None]) -> Tally:
        """`view_for(policy_version)`: the classification view of that version, None when unknown."""
        out = Tally(jurisdiction)
        for call in self.calls.values():
            _count(out, call, view_for)
        return out


def tally(jurisdiction: str, entries: Iterable[AuditEntry], view_for: Callable[[str], ProgramView | None],
          since: datetime, until: datetime | None) -> Tally:
    t = Tallier(since, until)
    for entry in entries:
        t.add(entry)
    return t.result(jurisdiction, view_for)


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
