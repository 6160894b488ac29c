"""Outcomes that are acknowledged even while Redis is down: then spooled, replayed when it is back.

The Redis path is OutcomeStore's (one Lua script, revision-checked). Without Redis, the outcome is
built by the same functions from what this process recommended (RecentRecommendations) and its last
recorded revision, and its writes (the same fields the script writes, audit entry included) go to the
local spool through DurableWriter.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any, cast

import msgspec
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from service.durability.replicas import NotReplicated, ReplicaAck
from service.ports import DurableWrites
from service.state import keyspace
from service.state.audit import entry_fields
from service.state.outcomes import (
    Outcome,
    OutcomeRequest,
    OutcomeStore,
    build_outcome,
    check_request,
    decode_recommendation_view,
)
from service.state.recent import RecentRecommendations

__all__ = ["DurableOutcomeStore"]

_encode = msgspec.json.Encoder().encode


class DurableOutcomeStore(OutcomeStore):
    """OutcomeStore whose `record` still acknowledges while Redis is down: the outcome then goes
    to the local spool (fsync'ed before the answer) and reaches Redis, in order, when it is back.

    Same API as OutcomeStore. While Redis is down an outcome can only be recorded for a
    recommendation this process gave (RecentRecommendations); for any other the Redis error is
    raised as before (the API answers 503, nothing is acknowledged). Revisions during an outage
    count from the last outcome this process recorded; every revision is audited either way."""

    def __init__(self, redis: Redis, ttl_s: int, audit_maxlen: int, *, writer: DurableWrites,
                 recent: RecentRecommendations, redis_usable: Callable[[], bool],
                 on_redis_error: Callable[[BaseException], None], acks: ReplicaAck | None = None) -> None:
        super().__init__(redis, ttl_s, audit_maxlen, acks=acks)
        self.writer = writer
        self.recent = recent
        self.redis_usable = redis_usable
        self.on_redis_error = on_redis_error
        self._last: OrderedDict[tuple[str, str], Outcome] = OrderedDict()

    async def record(self, jurisdiction: str, rec_id: str, req: OutcomeRequest, recorded_by: str,
                     now: datetime, *, responses: Collection[str] | None = None,
                     attempts: int = 3) -> Outcome:
        error: BaseException | None = None
        if self.redis_usable() and not self.writer.pending:
            try:
                async with asyncio.timeout(self.writer.timeout_s):
                    outcome = await super().record(jurisdiction, rec_id, req, recorded_by, now,
                                                   responses=responses, attempts=attempts)
                self._remember(jurisdiction, rec_id, outcome)
                return outcome
            except NotReplicated as exc:
                # On the master but not (yet) on every replica: acknowledged only once spooled.
                await self._spool(jurisdiction, rec_id, exc.stored, now)
                return cast(Outcome, exc.stored)
            except (RedisError, OSError, TimeoutError) as exc:
                self.on_redis_error(exc)
                error = exc
        raw = self.recent.get(jurisdiction, rec_id)
        if raw is None:
            raise error or RedisConnectionError("redis unavailable and the recommendation is not known here")
        rec = decode_recommendation_view(raw)
        check_request(req, rec.response, responses)
        outcome = build_outcome(rec, req, recorded_by, now, self._last.get((jurisdiction, rec_id)))
        await self._spool(jurisdiction, rec_id, outcome, now)
        return outcome

    async def _spool(self, jurisdiction: str, rec_id: str, outcome: Outcome, now: datetime) -> None:
        body = _encode(outcome)
        at_ms = int(now.timestamp() * 1000)

        def queue(pipe: Any) -> None:
            # The same writes as the Redis script, minus its revision check (replayed in order).
            key = keyspace.outcome(jurisdiction, rec_id)
            pipe.hset(key, mapping={"revision": outcome.revision, "data": body})
            pipe.expire(key, self.ttl_s)
            pipe.xadd(keyspace.audit(jurisdiction), entry_fields("outcome", rec_id, at_ms, body),
                      maxlen=self.audit_maxlen, approximate=True)
            pipe.xadd(keyspace.events(jurisdiction), {"kind": "outcome", "data": body},
                      maxlen=self.events_maxlen, approximate=True)

        await self.writer.write(jurisdiction, "outcome", at_ms, queue, redis_usable=False)
        self._remember(jurisdiction, rec_id, outcome)

    def _remember(self, jurisdiction: str, rec_id: str, outcome: Outcome) -> None:
        self._last[(jurisdiction, rec_id)] = outcome
        if len(self._last) > self.recent.size:
            self._last.popitem(last=False)
