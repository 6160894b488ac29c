"""POST / GET /v1/recommendations/{id}/field: what happened in the field after a recommendation."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from litestar import Request, get, post
from litestar.params import JSONBody, Parameter
from redis.exceptions import RedisError

from api import program_metrics
from api.context import caller
from api.gate import guarded
from api.problems import FieldError, ProblemError
from service.programs.field import FieldInvalid, FieldRecord, FieldRequest
from service.state.field import FieldStore
from service.state.outcomes import OutcomeConflict, RecommendationNotFound

__all__ = ["get_field", "post_field"]

log = logging.getLogger("dispatch.field")
REC_ID = Parameter(max_length=64, pattern=r"^r_[0-9a-f]+$")


def _store(request: Request[Any, Any, Any]) -> FieldStore:
    # Built by the composition root (service/bootstrap.py): while Redis is down, records go to the
    # local durable spool, as outcomes do.
    store: FieldStore = request.app.state.services.field_records
    return store


@post(
    "/v1/recommendations/{recommendation_id:str}/field",
    status_code=200,
    summary="Record what happened in the field: arrival, backup, safety, disposition, care, transfer result",
    tags=["recommendations"],
    **guarded("console:write", body=FieldRequest, also=(404, 409)),
)
async def post_field(
    request: Request[Any, Any, Any],
    data: JSONBody[FieldRequest],
    recommendation_id: str = REC_ID,
) -> FieldRecord:
    """Every field is optional; null means not known yet (never "no"). A second record for the same
    recommendation replaces the first (revision + 1, the replaced one named in `previous`), so a
    record can be completed or corrected hours later; every revision stays in the audit stream.
    `backup_reason` is required when `backup_requested` is true, `incident_kind` when
    `safety_incident` is true, `note` when any of them or `disposition` is `other`. Times carry a UTC
    offset and lie between the recommendation and now. The answer comes after Redis (or, while it
    is down, the local spool) has the record; 503 when neither could take it."""
    ctx, principal = caller(request)
    j = principal.jurisdiction
    try:
        record, prev = await _store(request).record(
            j, recommendation_id, data, principal.key_id, datetime.now(UTC)
        )
    except RecommendationNotFound:
        raise ProblemError(
            404, "Not found", f"no recommendation {recommendation_id} in this jurisdiction"
        ) from None
    except FieldInvalid as exc:
        raise ProblemError(
            422, "Invalid field record", str(exc), errors=[FieldError(f, m) for f, m in exc.errors]
        ) from None
    except OutcomeConflict:
        raise ProblemError(
            409, "Conflict", "the record was changed concurrently; read it and retry"
        ) from None
    except (RedisError, OSError) as exc:
        log.warning(
            "field record not stored: %s",
            type(exc).__name__,
            extra={"jurisdiction": j, "recommendation_id": recommendation_id},
        )
        raise ProblemError(
            503, "Field record not stored", "the store is unreachable; retry", headers={"Retry-After": "1"}
        ) from None
    program_metrics.observe_field(j, ctx.policies.get(j), record, prev)
    return record


@get(
    "/v1/recommendations/{recommendation_id:str}/field",
    summary="The field record of a recommendation",
    tags=["recommendations"],
    **guarded("console:read", also=(404,)),
)
async def get_field(request: Request[Any, Any, Any], recommendation_id: str = REC_ID) -> FieldRecord:
    """The current (latest) revision; 404 when none was recorded."""
    _, principal = caller(request)
    try:
        record = await _store(request).get(principal.jurisdiction, recommendation_id)
    except (RedisError, OSError):
        raise ProblemError(503, "Store unreachable", "retry", headers={"Retry-After": "1"}) from None
    if record is None:
        raise ProblemError(404, "Not found", f"no field record for {recommendation_id} in this jurisdiction")
    return record
