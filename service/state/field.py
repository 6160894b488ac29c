"""Field records in Redis: one per recommendation, corrected by revision, audited like outcomes.

Kept in `keyspace.field` as a hash {revision, data}. A later record replaces the earlier one with
revision + 1 and names it in `previous`; every revision is appended to the audit stream (kind
`field`) and the event stream, in one Lua script that compares the revision first, so two
corrections at once are detected rather than one silently lost (the same design as
service/state/outcomes.py). While Redis is down, `DurableFieldStore` writes to the local spool
(fsync'ed before the answer) for recommendations this process gave, as outcomes do.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import Any

import msgspec
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from service.durability.durable_writer import DurableWriter
from service.programs.field import FieldRecord, FieldRequest, PreviousField, check_field
from service.state import keyspace
from service.state.audit import entry_fields
from service.state.events import EVENTS_MAXLEN
from service.state.outcomes import (
    REVISED_RECORD,
    OutcomeConflict,
    RecommendationNotFound,
    revised_record_args,
)
from service.state.recent import RecentRecommendations

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
_encode = msgspec.json.Encoder().encode



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


class FieldStore:
    def __init__(
        self, redis: Redis, ttl_s: int, audit_maxlen: int, events_maxlen: int = EVENTS_MAXLEN
    ) -> None:
        self.redis = redis
        self.ttl_s = ttl_s
        self.audit_maxlen = audit_maxlen
        self.events_maxlen = events_maxlen
        self._record = redis.register_script(REVISED_RECORD)

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
            body = _encode(record)
            done = await self._record(
                keys=[
                    keyspace.field(jurisdiction, rec_id),
                    keyspace.audit(jurisdiction),
                    keyspace.events(jurisdiction),
                ],
                args=revised_record_args(
                    prev.revision if prev else 0, record.revision, body, self.ttl_s, self.audit_maxlen,
                    self.events_maxlen, entry_fields("field", rec_id, int(now.timestamp() * 1000), body),
                ),
            )
            if int(done) == 1:
                return record, prev
        raise OutcomeConflict(rec_id)


class DurableFieldStore(FieldStore):
    """FieldStore that still acknowledges while Redis is down, through the local spool, for a
    recommendation this process gave; otherwise the Redis error is raised (the API answers 503)."""

    def __init__(
        self,
        redis: Redis,
        ttl_s: int,
        audit_maxlen: int,
        *,
        writer: DurableWriter,
        recent: RecentRecommendations,
        redis_usable: Callable[[], bool],
        on_redis_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(redis, ttl_s, audit_maxlen)
        self.writer = writer
        self.recent = recent
        self.redis_usable = redis_usable
        self.on_redis_error = on_redis_error
        self._last: OrderedDict[tuple[str, str], FieldRecord] = OrderedDict()

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
        error: BaseException | None = None
        if self.redis_usable() and not self.writer.spool.pending:
            try:
                async with asyncio.timeout(self.writer.timeout_s):
                    record, prev = await super().record(
                        jurisdiction, rec_id, req, recorded_by, now, attempts=attempts
                    )
                self._remember(jurisdiction, rec_id, record)
                return record, prev
            except (RedisError, OSError, TimeoutError) as exc:
                self.on_redis_error(exc)
                error = exc
        raw = self.recent.get(jurisdiction, rec_id)
        if raw is None:
            raise error or RedisConnectionError("redis unavailable and the recommendation is not known here")
        rec = _decode_rec(raw)
        check_field(req, rec.decided_at, now)
        prev = self._last.get((jurisdiction, rec_id))
        record = build_field(rec, prev.response if prev else None, req, recorded_by, now, prev)
        body = _encode(record)
        at_ms = int(now.timestamp() * 1000)

        def queue(pipe: Any) -> None:
            # The script's writes minus its revision check: the spool replays them in order.
            key = keyspace.field(jurisdiction, rec_id)
            pipe.hset(key, mapping={"revision": record.revision, "data": body})
            pipe.expire(key, self.ttl_s)
            pipe.xadd(
                keyspace.audit(jurisdiction),
                entry_fields("field", rec_id, at_ms, body),
                maxlen=self.audit_maxlen,
                approximate=True,
            )
            pipe.xadd(
                keyspace.events(jurisdiction),
                {"kind": "field", "data": body},
                maxlen=self.events_maxlen,
                approximate=True,
            )

        await self.writer.write(jurisdiction, "field", at_ms, queue, redis_usable=False)
        self._remember(jurisdiction, rec_id, record)
        return record, prev

    def _remember(self, jurisdiction: str, rec_id: str, record: FieldRecord) -> None:
        self._last[(jurisdiction, rec_id)] = record
        if len(self._last) > self.recent.size:
            self._last.popitem(last=False)
