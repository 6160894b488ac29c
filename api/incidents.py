"""POST /v1/incidents/{incident_id}/answers (a dispatcher records screening answers; the incident
is re-decided as a server-side revision) and GET /v1/incidents/{incident_id} (its latest advice
and everything learned about it)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import State
from litestar.params import JSONBody, Parameter

from api.context import Services, caller
from api.gate import guarded
from api.logs import bind
from api.metrics import record_recommendation
from service.domain.model import Recommendation
from service.usecases.record_answers import AnswerDesk, AnswersRequest, IncidentView

__all__ = ["get_incident", "post_answers"]

IncidentId = Parameter(max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$")


def answer_desk(state: State) -> AnswerDesk:
    desk: AnswerDesk | None = getattr(state, "answer_desk", None)
    if desk is None:
        ctx: Services = state.services
        desk = state.answer_desk = AnswerDesk(
            redis=ctx.redis,
            units=ctx.units,
            policies=ctx.policies.get,
            remember=ctx.recent.put,
            recommended=record_recommendation,
            ttl_s=ctx.settings.recommendation_ttl_s,
            audit_maxlen=ctx.settings.audit_maxlen,
        )
    return desk


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
    _, principal = caller(request)
    bind(principal.jurisdiction, incident_id)
    body = await answer_desk(request.app.state).record(principal, incident_id, data)
    return Response(body, media_type="application/json")  # type: ignore[return-value]


@get(
    "/v1/incidents/{incident_id:str}",
    summary="An incident's latest recommendation and its learned answers",
    tags=["incidents"],
    **guarded("console:read", also=(404,)),
)
async def get_incident(request: Request[Any, Any, Any], incident_id: str = IncidentId) -> IncidentView:
    _, principal = caller(request)
    bind(principal.jurisdiction, incident_id)
    return await answer_desk(request.app.state).view(principal, incident_id)
