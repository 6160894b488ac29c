"""What happened in the field after a recommendation: the record a team, supervisor or CAD sends later.

A dispatcher's "accept" is not an arrival. A field record says when the team was assigned and
arrived, whether it asked for police backup (and why), whether anyone was hurt or threatened, how
the call ended, whether the person was connected to care, and for a transfer (988, 311, a nurse
line) how it ended. Every field is optional: the record is filled in as facts arrive, and a later
revision replaces the earlier one (all revisions stay in the audit stream).

No I/O here: the wire types and the rules a body must meet (service/state/field.py stores them).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

import msgspec

from service.domain.model import MAX_NOTE

__all__ = [
    "BACKUP_REASONS",
    "DISPOSITIONS",
    "INCIDENT_KINDS",
    "TRANSFER_RESULTS",
    "TRANSFER_TARGETS",
    "FieldInvalid",
    "FieldRecord",
    "FieldRequest",
    "PreviousField",
    "Transfer",
    "check_field",
]

BACKUP_REASONS: dict[str, str] = {
    "weapon": "A weapon on scene",
    "violence": "Violence or a threat to the team",
    "medical": "A medical emergency",
    "crime": "A crime in progress",
    "scene_unsafe": "The scene was unsafe to enter",
    "other": "Other (explain in the note)",
}
INCIDENT_KINDS: dict[str, str] = {
    "staff_injured": "A team member was injured",
    "person_injured": "The person served or a bystander was injured",
    "threat": "A threat or assault without injury",
    "other": "Other (explain in the note)",
}
DISPOSITIONS: dict[str, str] = {
    "resolved_on_scene": "Resolved on scene",
    "referred": "Referred to services",
    "transported_to_care": "Transported to care (crisis centre, shelter, detox)",
    "transported_to_hospital": "Transported to hospital",
    "refused_services": "Refused services",
    "gone_on_arrival": "Gone on arrival",
    "police_took_over": "Handed to police",
    "cancelled": "Cancelled before arrival",
    "other": "Other (explain in the note)",
}
TRANSFER_TARGETS: dict[str, str] = {
    "988": "988 crisis line",
    "311": "311",
    "nurse_line": "Nurse line",
    "other": "Other line",
}
TRANSFER_RESULTS: dict[str, str] = {
    "completed": "Completed: the line took the call",
    "declined": "Declined by the caller",
    "callback_needed": "Callback needed",
    "failed": "Failed (no answer, dropped, refused by the line)",
}
BackupReason = Literal["weapon", "violence", "medical", "crime", "scene_unsafe", "other"]
IncidentKind = Literal["staff_injured", "person_injured", "threat", "other"]
Disposition = Literal[
    "resolved_on_scene",
    "referred",
    "transported_to_care",
    "transported_to_hospital",
    "refused_services",
    "gone_on_arrival",
    "police_took_over",
    "cancelled",
    "other",
]
TransferTarget = Literal["988", "311", "nurse_line", "other"]
TransferResult = Literal["completed", "declined", "callback_needed", "failed"]
# Clocks of field devices drift; a time this far ahead of ours is a mistake, not drift.
FUTURE_SLACK = timedelta(minutes=5)


class Transfer(msgspec.Struct, forbid_unknown_fields=True):
    to: TransferTarget
    result: TransferResult


class FieldRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Body of POST /v1/recommendations/{id}/field. Absent (null) means not known yet, never "no"."""

    assigned_at: datetime | None = None
    arrived_at: datetime | None = None
    backup_requested: bool | None = None
    backup_reason: BackupReason | None = None
    safety_incident: bool | None = None
    incident_kind: IncidentKind | None = None
    disposition: Disposition | None = None
    connected_to_care: bool | None = None
    transfer: Transfer | None = None
    note: Annotated[str, msgspec.Meta(max_length=MAX_NOTE)] = ""


class PreviousField(msgspec.Struct):
    revision: int
    recorded_at: datetime
    recorded_by: str


class FieldRecord(msgspec.Struct):
    """A field record as stored: the request plus the recommendation it is about and its findings."""

    recommendation_id: str
    incident_id: str
    seq: int
    call_type: str
    flags: list[str]
    recommended_response: str
    # What was sent: the dispatcher's outcome when one was recorded, else None (not known here).
    response: str | None
    decided_at: datetime
    assigned_at: datetime | None
    arrived_at: datetime | None
    backup_requested: bool | None
    backup_reason: str | None
    safety_incident: bool | None
    incident_kind: str | None
    disposition: str | None
    connected_to_care: bool | None
    transfer: Transfer | None
    note: str
    revision: int
    recorded_at: datetime
    recorded_by: str
    previous: PreviousField | None = None


class FieldInvalid(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in errors))
        self.errors = errors


def _check_time(
    name: str, value: datetime | None, decided_at: datetime, now: datetime, errors: list[tuple[str, str]]
) -> None:
    if value is None:
        return
    if value.tzinfo is None:
        errors.append((name, "needs a UTC offset (RFC 3339), e.g. 2026-05-01T14:03:00Z"))
    elif value > now + FUTURE_SLACK:
        errors.append((name, "is in the future"))
    elif value < decided_at - FUTURE_SLACK:
        errors.append((name, "is before the recommendation was given"))


def check_field(req: FieldRequest, decided_at: datetime, now: datetime) -> None:
    """The rules beyond types; raises FieldInvalid naming every field at fault."""
    errors: list[tuple[str, str]] = []
    if req == FieldRequest():
        errors.append(("(body)", "nothing to record: send at least one field"))
    _check_time("assigned_at", req.assigned_at, decided_at, now, errors)
    _check_time("arrived_at", req.arrived_at, decided_at, now, errors)
    if (
        req.assigned_at
        and req.arrived_at
        and req.assigned_at.tzinfo
        and req.arrived_at.tzinfo
        and req.arrived_at < req.assigned_at
    ):
        errors.append(("arrived_at", "is before assigned_at"))
    if req.backup_requested and req.backup_reason is None:
        errors.append(
            ("backup_reason", "required when backup was requested: one of " + ", ".join(BACKUP_REASONS))
        )
    if req.backup_reason is not None and not req.backup_requested:
        errors.append(("backup_reason", "only when backup_requested is true"))
    if req.safety_incident and req.incident_kind is None:
        errors.append(
            ("incident_kind", "required for a safety incident: one of " + ", ".join(INCIDENT_KINDS))
        )
    if req.incident_kind is not None and not req.safety_incident:
        errors.append(("incident_kind", "only when safety_incident is true"))
    if "other" in (req.backup_reason, req.incident_kind, req.disposition) and not req.note.strip():
        errors.append(("note", "required when a reason, incident kind or disposition is 'other'"))
    if errors:
        raise FieldInvalid(errors)
