"""What the dispatcher did with a recommendation: accepted it, or overrode it (with what and why).

One outcome per recommendation, kept in `keyspace.outcome` as a hash {revision, data}. A dispatcher
may correct it: a later outcome replaces the earlier one with revision + 1 and names the one it
replaced in `previous`; every revision is appended to the audit stream, so nothing is lost for
analysis. The write is the revised-record script of service/state/revised.py (compare revision,
set, XADD audit, XADD events): atomic, a concurrent correction is detected rather than silently
overwritten, and it waits for the replicas that must hold it.

`OutcomeStore.record` is the one write; the caller answers only after it returns, i.e. after
Redis confirmed it. Keep it free of HTTP concerns so it can be wrapped (spooled while Redis is down).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from service.domain.model import MAX_NOTE, Ident
from service.state import keyspace
from service.state.revised import RevisedStore

__all__ = [
    "OVERRIDE_REASONS",
    "Outcome",
    "OutcomeConflict",
    "OutcomeInvalid",
    "OutcomeRequest",
    "OutcomeStore",
    "PreviousOutcome",
    "RecommendationNotFound",
    "RecommendationView",
    "build_outcome",
    "check_request",
    "decode_recommendation_view",
]

# The short list a dispatcher picks from when overriding; codes are stable, labels are for people.
OVERRIDE_REASONS: dict[str, str] = {
    "unit_closer": "A closer or better-placed unit",
    "caller_request": "Caller's request",
    "safety_concern": "Safety concern",
    "more_info": "New information from the caller",
    "policy_exception": "Policy exception (supervisor)",
    "other": "Other (explain in the note)",
}
OverrideReason = Literal["unit_closer", "caller_request", "safety_concern", "more_info", "policy_exception",
                         "other"]


class OutcomeRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Body of POST /v1/recommendations/{id}/outcome."""

    outcome: Literal["accepted", "overridden"]
    response: Ident | None = None
    units: Annotated[list[Ident], msgspec.Meta(max_length=20)] = []
    reason: OverrideReason | None = None
    note: Annotated[str, msgspec.Meta(max_length=MAX_NOTE)] = ""


class PreviousOutcome(msgspec.Struct):
    revision: int
    outcome: str
    response: str
    reason: str | None
    recorded_at: datetime
    recorded_by: str


class Outcome(msgspec.Struct):
    recommendation_id: str
    incident_id: str
    seq: int
    outcome: Literal["accepted", "overridden"]
    # What the service recommended, and what was sent (the same when accepted).
    recommended_response: str
    response: str
    units: list[str]
    reason: str | None
    note: str
    revision: int
    recorded_at: datetime
    # The id (never the secret) of the key that recorded it.
    recorded_by: str
    previous: PreviousOutcome | None = None


class RecommendationNotFound(Exception):
    pass


class OutcomeInvalid(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in errors))
        self.errors = errors


class OutcomeConflict(Exception):
    """Another outcome for the same recommendation was written at the same moment, repeatedly."""


class _Offer(msgspec.Struct):
    unit_id: str


class RecommendationView(msgspec.Struct):
    """What an outcome needs of the recommendation it is about (decoded from the stored answer)."""

    recommendation_id: str
    incident_id: str
    seq: int
    response: str
    units: list[_Offer]


decode_recommendation_view = msgspec.json.Decoder(RecommendationView).decode
_decode_outcome = msgspec.json.Decoder(Outcome).decode

def check_request(req: OutcomeRequest, recommended: str, responses: Collection[str] | None) -> None:
    """The rules a body must meet beyond its types; raises OutcomeInvalid naming each field."""
    errors: list[tuple[str, str]] = []
    if req.outcome == "accepted":
        for name, value in (("response", req.response), ("units", req.units), ("reason", req.reason)):
            if value:
                errors.append((name, "only for an override; send outcome 'overridden' to change it"))
    else:
        if req.reason is None:
            errors.append(("reason", "required for an override: one of " + ", ".join(OVERRIDE_REASONS)))
        elif req.reason == "other" and not req.note.strip():
            errors.append(("note", "required when the reason is 'other'"))
        if not req.response and not req.units:
            errors.append(("response", "an override names the response or the units sent (or both)"))
        elif req.response and responses is not None and req.response not in responses:
            known = ", ".join(sorted(responses))
            errors.append(("response", f"not a response type of the active policy ({known})"))
        elif req.response == recommended and not req.units:
            errors.append(("response", "same as recommended: accept it, or name the units sent instead"))
    if errors:
        raise OutcomeInvalid(errors)


class OutcomeStore(RevisedStore):
    """Outcomes in Redis: the revised-record write of service/state/revised.py, under `keyspace.outcome`."""

    kind = "outcome"

    def key(self, jurisdiction: str, rec_id: str) -> str:
        return keyspace.outcome(jurisdiction, rec_id)

    async def get(self, jurisdiction: str, rec_id: str) -> Outcome | None:
        data = await self.redis.hget(keyspace.outcome(jurisdiction, rec_id), "data")  # type: ignore[misc]
        return None if data is None else _decode_outcome(data)

    async def record(
        self,
        jurisdiction: str,
        rec_id: str,
        req: OutcomeRequest,
        recorded_by: str,
        now: datetime,
        *,
        responses: Collection[str] | None = None,
        attempts: int = 3,
    ) -> Outcome:
        """Store the outcome (or replace the current one), audited and on the event stream."""
        for _ in range(attempts):
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.get(keyspace.recommendation(jurisdiction, rec_id))
                pipe.hget(keyspace.outcome(jurisdiction, rec_id), "data")
                raw_rec, raw_prev = await pipe.execute()
            if raw_rec is None:
                raise RecommendationNotFound(rec_id)
            rec = decode_recommendation_view(raw_rec)
            check_request(req, rec.response, responses)
            prev = None if raw_prev is None else _decode_outcome(raw_prev)
            outcome = build_outcome(rec, req, recorded_by, now, prev)
            if await self.store(jurisdiction, rec_id, prev.revision if prev else 0, outcome, now):
                return outcome
        raise OutcomeConflict(rec_id)


def build_outcome(
    rec: RecommendationView, req: OutcomeRequest, recorded_by: str, now: datetime, prev: Outcome | None
) -> Outcome:
    if req.outcome == "accepted":
        response, units = rec.response, [u.unit_id for u in rec.units]
    else:
        response, units = req.response or rec.response, list(req.units)
    previous = None
    if prev is not None:
        previous = PreviousOutcome(prev.revision, prev.outcome, prev.response, prev.reason, prev.recorded_at,
                                   prev.recorded_by)
    return Outcome(
        recommendation_id=rec.recommendation_id, incident_id=rec.incident_id, seq=rec.seq,
        outcome=req.outcome, recommended_response=rec.response, response=response, units=units,
        reason=req.reason,
        note=req.note.strip(), revision=(prev.revision + 1) if prev else 1, recorded_at=now,
        recorded_by=recorded_by, previous=previous,
    )
