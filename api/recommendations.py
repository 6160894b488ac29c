"""GET /v1/recommendations/{id}: one recommendation exactly as it was given."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.params import Parameter

from api.context import caller
from api.gate import guarded
from api.problems import ProblemError
from service.domain.model import Recommendation
from service.state import keyspace

__all__ = ["get_recommendation"]


@get(
    "/v1/recommendations/{recommendation_id:str}",
    summary="One recommendation, as it was given",
    tags=["recommendations"],
    **guarded("console:read", also=(404,)),
)
async def get_recommendation(
    request: Request[Any, Any, Any],
    recommendation_id: str = Parameter(max_length=64, pattern=r"^r_[0-9a-f]+$"),
) -> Recommendation:
    ctx, principal = caller(request)
    # The key decides the jurisdiction, so another jurisdiction's id simply is not found. This
    # process's own recent answers come first: their write to Redis may still be queued behind.
    body: bytes | str | None = ctx.recent.get(principal.jurisdiction, recommendation_id)
    if body is None:
        body = await ctx.redis.get(keyspace.recommendation(principal.jurisdiction, recommendation_id))
    if body is None:
        raise ProblemError(404, "Not found", f"no recommendation {recommendation_id} in this jurisdiction")
    return Response(body, media_type="application/json")  # type: ignore[return-value]
