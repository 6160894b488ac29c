"""Field records in Redis: one per recommendation, corrected by revision, audited like outcomes.

Kept in `keyspace.field` as a hash {revision, data}. A later record replaces the earlier one with
revision + 1 and names it in `previous`; every revision is appended to the audit stream (kind
`field`) and the event stream by the revised-record write outcomes use (service/state/revised.py):
the revision is compared first, so two corrections at once are detected rather than one silently
lost, and the record is acknowledged only once the replicas that must hold it do. While Redis is
down (or its replicas do not confirm), `DurableFieldStore` writes to the local spool (fsync'ed
before the answer) for recommendations this process gave, through the same fallback as outcomes.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from service.programs.field import FieldRecord, FieldRequest, PreviousField, check_field
from service.state import keyspace
from service.state.outcomes import OutcomeConflict, RecommendationNotFound
from service.state.revised import DurableRecords, RevisedStore

__all__ = ["DurableFieldStore", "FieldStore", "build_field"]


class _RecView(msgspec.Struct):
    recommendation_id: str
    incident_id: str
    seq: int
    response: str
    decided_at: datetime
    call_type: str
    flags: list[str] = []


class _OutcomeView(msgspec.Struct):
    response: str


_decode_rec = msgspec.json.Decoder(_RecView).decode
_decode_outcome = msgspec.json.Decoder(_OutcomeView).decode
_decode_field = msgspec.json.Decoder(FieldRecord).decode


def build_field(
    rec: _RecView,
    response: str | None,
    req: FieldRequest,
    recorded_by: str,
    now: datetime,
    prev: FieldRecord | None,
) -> FieldRecord:
    previous = None if prev is None else PreviousField(prev.revision, prev.recorded_at, prev.recorded_by)
    return FieldRecord(
        recommendation_id=rec.recommendation_id,
        incident_id=rec.incident_id,
        seq=rec.seq,
        call_type=rec.call_type,
        flags=list(rec.flags),
        recommended_response=rec.response,
        response=response,
        decided_at=rec.decided_at,
        assigned_at=req.assigned_at,
        arrived_at=req.arrived_at,
        backup_requested=req.backup_requested,
        backup_reason=req.backup_reason,
        safety_incident=req.safety_incident,
        incident_kind=req.incident_kind,
        disposition=req.disposition,
        connected_to_care=req.connected_to_care,
        transfer=req.transfer,
        note=req.note.strip(),
        revision=(prev.revision + 1) if prev else 1,
        recorded_at=now,
        recorded_by=recorded_by,
        previous=previous,
    )


class FieldStore(RevisedStore):
    """Field records in Redis: service/state/revised.py's revised-record write, under `keyspace.field`."""

    kind = "field"

    def key(self, jurisdiction: str, rec_id: str) -> str:
        return keyspace.field(jurisdiction, rec_id)

    async def get(self, jurisdiction: str, rec_id: str) -> FieldRecord | None:
        data = await self.redis.hget(keyspace.field(jurisdiction, rec_id), "data")  # type: ignore[misc]
        return None if data is None else _decode_field(data)

    async def record(
        self,
        jurisdiction: str,
        rec_id: str,
        req: FieldRequest,
        recorded_by: str,
        now: datetime,
        *,
        attempts: int = 3,
    ) -> tuple[FieldRecord, FieldRecord | None]:
        """Store the record (or its correction); returns it and the revision it replaced."""
        for _ in range(attempts):
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.get(keyspace.recommendation(jurisdiction, rec_id))
                pipe.hget(keyspace.outcome(jurisdiction, rec_id), "data")
                pipe.hget(keyspace.field(jurisdiction, rec_id), "data")
                raw_rec, raw_outcome, raw_prev = await pipe.execute()
            if raw_rec is None:
                raise RecommendationNotFound(rec_id)
            rec = _decode_rec(raw_rec)
            check_field(req, rec.decided_at, now)
            response = None if raw_outcome is None else _decode_outcome(raw_outcome).response
            prev = None if raw_prev is None else _decode_field(raw_prev)
            record = build_field(rec, response, req, recorded_by, now, prev)
            if await self.store(jurisdiction, rec_id, prev.revision if prev else 0, record, now,
                                written=(record, prev)):
                return record, prev
        raise OutcomeConflict(rec_id)


class DurableFieldStore(FieldStore, DurableRecords):
    """FieldStore that still acknowledges while Redis is down (or its replicas do not confirm),
    through the local spool, for a recommendation this process gave; otherwise the Redis error is
    raised (the API answers 503). The rules of the fallback are SpoolFallback's, as for outcomes."""

    async def record(
        self,
        jurisdiction: str,
        rec_id: str,
        req: FieldRequest,
        recorded_by: str,
        now: datetime,
        *,
        attempts: int = 3,
    ) -> tuple[FieldRecord, FieldRecord | None]:
        through_redis = super().record

        async def online() -> tuple[FieldRecord, FieldRecord | None]:
            return await through_redis(jurisdiction, rec_id, req, recorded_by, now, attempts=attempts)

        def offline(answer: bytes) -> tuple[FieldRecord, FieldRecord | None]:
            rec = _decode_rec(answer)
            check_field(req, rec.decided_at, now)
            prev: FieldRecord | None = self.fallback.last(jurisdiction, rec_id)
            return build_field(rec, prev.response if prev else None, req, recorded_by, now, prev), prev

        return await self.fallback.record(jurisdiction, rec_id, now, online=online, offline=offline,
                                          revised=lambda result: result[0])
