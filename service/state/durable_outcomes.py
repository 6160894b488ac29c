"""Outcomes that are acknowledged even while Redis is down: then spooled, replayed when it is back.

The Redis path is OutcomeStore's (one Lua script, revision-checked, replicas waited for). Without
Redis, the outcome is built by the same functions from what this process recommended and its last
recorded revision, and goes to the local spool through the fallback every revised record shares
(service/state/revised.py: SpoolFallback).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from service.state.outcomes import (
    Outcome,
    OutcomeRequest,
    OutcomeStore,
    build_outcome,
    check_request,
    decode_recommendation_view,
)
from service.state.revised import DurableRecords

__all__ = ["DurableOutcomeStore"]


class DurableOutcomeStore(OutcomeStore, DurableRecords):
    """OutcomeStore whose `record` still acknowledges while Redis is down: the outcome then goes
    to the local spool (fsync'ed before the answer) and reaches Redis, in order, when it is back.
    Same API as OutcomeStore (built with DurableRecords' arguments); the rules of the fallback are
    SpoolFallback's."""

    async def record(self, jurisdiction: str, rec_id: str, req: OutcomeRequest, recorded_by: str,
                     now: datetime, *, responses: Collection[str] | None = None,
                     attempts: int = 3) -> Outcome:
        through_redis = super().record

        async def online() -> Outcome:
            return await through_redis(jurisdiction, rec_id, req, recorded_by, now, responses=responses,
                                       attempts=attempts)

        def offline(answer: bytes) -> Outcome:
            rec = decode_recommendation_view(answer)
            check_request(req, rec.response, responses)
            return build_outcome(rec, req, recorded_by, now, self.fallback.last(jurisdiction, rec_id))

        return await self.fallback.record(jurisdiction, rec_id, now, online=online, offline=offline,
                                          revised=lambda outcome: outcome)
