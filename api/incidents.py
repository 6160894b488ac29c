"""POST /v1/incidents/{incident_id}/answers (a dispatcher records screening answers; the incident
is re-decided as a server-side revision) and GET /v1/incidents/{incident_id} (its latest advice
and everything learned about it). The use case is AnswerDesk (service/usecases/record_answers.py),
built by service/bootstrap.py."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import JSONBody, Parameter

from api.context import caller
from api.gate import guarded
from api.logs import bind
from service.domain.model import Recommendation
from service.usecases.record_answers import AnswersRequest, IncidentView

__all__ = ["get_incident", "post_answers"]

IncidentId = Parameter(max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$")


@post(
    "/v1/incidents/{incident_id:str}/answers",
    status_code=200,
    summary="Record the dispatcher's screening answers and re-decide the incident",
    tags=["incidents"],
    **guarded("console:write", body=AnswersRequest, also=(404, 409)),
)
async def post_answers(
    request: Request[Any, Any, Any], data: JSONBody[AnswersRequest], incident_id: str = IncidentId
) -> Recommendation:
    """The revised recommendation (`revision` counts up; `seq` stays the CAD's). A "no" over a
    recorded "yes" is refused (409) unless `correction` is true with a `note` (audited)."""
    ctx, principal = caller(request)
    bind(principal.jurisdiction, incident_id)
    body = await ctx.answers.record(principal, incident_id, data)
    return Response(body, media_type="application/json")  # type: ignore[return-value]


@get(
    "/v1/incidents/{incident_id:str}",
    summary="An incident's latest recommendation and its learned answers",
    tags=["incidents"],
    **guarded("console:read", also=(404,)),
)
async def get_incident(request: Request[Any, Any, Any], incident_id: str = IncidentId) -> IncidentView:
    ctx, principal = caller(request)
    bind(principal.jurisdiction, incident_id)
    return await ctx.answers.view(principal, incident_id)
