"""POST / GET /v1/recommendations/{id}/outcome: what the dispatcher did with a recommendation."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Request, get, post
from litestar.params import JSONBody, Parameter
from redis.exceptions import RedisError

import api.metrics
from api import program_metrics
from api.context import caller
from api.gate import guarded
from api.problems import FieldError, ProblemError
from service.state.outcomes import (
    Outcome,
    OutcomeConflict,
    OutcomeInvalid,
    OutcomeRequest,
    OutcomeStore,
    RecommendationNotFound,
)

__all__ = ["get_outcome", "post_outcome"]

log = logging.getLogger("dispatch.outcomes")
REC_ID = Parameter(max_length=64, pattern=r"^r_[0-9a-f]+$")


def _store(request: Request[Any, Any, Any]) -> OutcomeStore:
    # Built by the composition root (service/bootstrap.py): while Redis is down, outcomes go to the
    # local durable spool (service/state/durable_outcomes.py, docs/security.md).
    store: OutcomeStore = request.app.state.services.outcomes
    return store


def report_outcome_metric(jurisdiction: str, response: str, outcome: str) -> None:
    """Feeds the metrics: api.metrics.record_outcome(jurisdiction, recommended response, outcome)
    once that module provides it (its owner adds it; until then this is a no-op)."""
    hook = getattr(api.metrics, "record_outcome", None)
    if hook is not None:
        try:
            hook(jurisdiction, response, outcome)
        except Exception:  # a metrics bug must never fail a recorded outcome
            log.exception("record_outcome failed")


@post("/v1/recommendations/{recommendation_id:str}/outcome", status_code=200,
      summary="Record what the dispatcher did: accepted, or overridden with what and why",
      tags=["recommendations"], **guarded("console:write", body=OutcomeRequest, also=(404, 409)))
async def post_outcome(
    request: Request[Any, Any, Any],
    data: JSONBody[OutcomeRequest],
    recommendation_id: str = REC_ID,
) -> Outcome:
    """An override names the response and/or units sent and a reason from the list (note required for
    `other`). A second outcome for the same recommendation replaces the first (revision + 1, the
    replaced one named in `previous`); every revision stays in the audit stream. The answer comes
    only after Redis confirmed the write; 503 when it could not be stored."""
    ctx, principal = caller(request)
    j = principal.jurisdiction
    policy = ctx.policies.get(j)
    responses = set(policy.responses) if policy is not None else None
    try:
        outcome = await _store(request).record(j, recommendation_id, data, principal.key_id,
                                               datetime.now(UTC), responses=responses)
    except RecommendationNotFound:
        raise ProblemError(404, "Not found",
                           f"no recommendation {recommendation_id} in this jurisdiction") from None
    except OutcomeInvalid as exc:
        raise ProblemError(422, "Invalid outcome", str(exc),
                           errors=[FieldError(f, m) for f, m in exc.errors]) from None
    except OutcomeConflict:
        raise ProblemError(409, "Conflict",
                           "the outcome was changed concurrently; read it and retry") from None
    except (RedisError, OSError) as exc:
        log.warning("outcome not stored: %s", type(exc).__name__,
                    extra={"jurisdiction": j, "recommendation_id": recommendation_id})
        raise ProblemError(503, "Outcome not stored", "the store is unreachable; retry",
                           headers={"Retry-After": "1"}) from None
    report_outcome_metric(j, outcome.recommended_response, outcome.outcome)
    _observe_program(request, j, policy, outcome)
    return outcome


def _observe_program(request: Request[Any, Any, Any], j: str, policy: Any, outcome: Outcome) -> None:
    # The time to the dispatcher's decision is known when this process gave the recommendation.
    raw = request.app.state.services.recent.get(j, outcome.recommendation_id)
    seconds = -1.0
    if raw is not None:
        decided = _decode_decided(raw).decided_at
        seconds = (outcome.recorded_at - decided).total_seconds()
    program_metrics.observe_outcome(j, policy, outcome.recommended_response, outcome.response, outcome.reason,
                                    outcome.revision, seconds)


class _Decided(msgspec.Struct):
    decided_at: datetime


_decode_decided = msgspec.json.Decoder(_Decided).decode


@get("/v1/recommendations/{recommendation_id:str}/outcome",
     summary="The recorded outcome of a recommendation",
     tags=["recommendations"], **guarded("console:read", also=(404,)))
async def get_outcome(request: Request[Any, Any, Any], recommendation_id: str = REC_ID) -> Outcome:
    """The current (latest) revision; 404 when none was recorded."""
    _, principal = caller(request)
    try:
        outcome = await _store(request).get(principal.jurisdiction, recommendation_id)
    except (RedisError, OSError):
        raise ProblemError(503, "Store unreachable", "retry", headers={"Retry-After": "1"}) from None
    if outcome is None:
        raise ProblemError(404, "Not found",
                           f"no outcome recorded for {recommendation_id} in this jurisdiction")
    return outcome
