"""POST /v1/calls: a call event in, a recommendation out (the hot path).

The handler hands the call to the use case (service/usecases/recommend_call.py, built by
service/bootstrap.py), which owns the orchestration: one Redis read, the pure decision, the queued
writes. The gate (api/gate.py) has already authorised the key and admitted the call.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post
from litestar.params import JSONBody

from api.context import caller
from api.gate import guarded
from api.logs import bind
from service.domain.model import CallEvent, Recommendation

__all__ = ["post_call"]

JSON = "application/json"


@post(
    "/v1/calls",
    status_code=200,
    summary="Recommend a response for a call event",
    tags=["calls"],
    **guarded("cad:write", admission=True, body=CallEvent, also=(409,)),
)
async def post_call(request: Request[Any, Any, Any], data: JSONBody[CallEvent]) -> Recommendation:
    """The same answer for a retried (incident_id, seq); 409 if the retry carries different facts;
    degraded when Redis is unreachable. `ask` lists the questions that stand between the call and
    a more preferred (civilian) response."""
    ctx, principal = caller(request)
    bind(principal.jurisdiction, data.incident_id)
    body = await ctx.calls.recommend(principal, data)
    return Response(body, media_type=JSON)  # type: ignore[return-value]
