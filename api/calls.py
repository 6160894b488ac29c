"""POST /v1/calls: a call event in, a recommendation out (the hot path).

The handler authorises and hands the call to the use case (service/usecases/recommend_call.py),
which owns the orchestration: one Redis read, the pure decision, the queued writes.
"""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response, post
from litestar.datastructures import State
from litestar.params import JSONBody

from api.context import Services, caller
from api.gate import guarded
from api.logs import bind
from api.metrics import CALL_CONFLICTS, CALL_READ, CALL_WRITE, record_recommendation
from api.program_metrics import observe_recommendation as observe_program
from service.domain.model import CallEvent, Recommendation
from service.durability.write_behind import WriteBehind
from service.policy.compile import CompiledPolicy
from service.state.lane import RedisLane
from service.usecases.recommend_call import CallDesk

__all__ = ["answer_writer", "call_desk", "post_call"]

log = logging.getLogger("dispatch.calls")
JSON = "application/json"


def answer_writer(ctx: Services, lane: RedisLane) -> WriteBehind:
    """The batched write-behind of answers, reporting to the metrics, breaker and log."""

    def stored(count: int, seconds: float) -> None:
        CALL_WRITE.observe(seconds)  # one observation per batch: the round trip's latency

    def spooled(count: int, lost: int) -> None:
        if count:
            log.warning("%d recommendation(s) spooled until redis is back", count)
        if lost:
            log.error("%d recommendation(s) neither stored nor spooled: audit entries lost", lost)

    def failed(exc: BaseException) -> None:
        CALL_WRITE.error(exc)
        ctx.breaker.fail()

    return WriteBehind(lane, ctx.spool, ctx.settings.write_timeout_ms / 1000,
                       usable=lambda: ctx.breaker.closed, linger_s=ctx.settings.write_linger_ms / 1000,
                       on_stored=stored, on_spooled=spooled, on_error=failed)


class _Observed:
    """The use case's reports, as metrics."""

    def read(self, seconds: float) -> None:
        CALL_READ.observe(seconds)

    def read_failed(self, exc: BaseException) -> None:
        CALL_READ.error(exc)

    def recommended(self, jurisdiction: str, policy: CompiledPolicy, call: CallEvent,
                    rec: Recommendation) -> None:
        record_recommendation(jurisdiction, rec)
        observe_program(jurisdiction, policy, rec, call.received_at)  # the program's figures (GPL)

    def conflict(self, jurisdiction: str) -> None:
        CALL_CONFLICTS.labels(jurisdiction).inc()


def _writer(ctx: Services) -> WriteBehind:
    assert ctx.write_behind is not None  # the lifespan sets it before serving
    return ctx.write_behind


def call_desk(state: State) -> CallDesk:
    """The app's one CallDesk, built on first use from its services."""
    desk: CallDesk | None = getattr(state, "call_desk", None)
    if desk is None:
        ctx: Services = state.services
        settings = ctx.settings
        desk = state.call_desk = CallDesk(
            policies=ctx.policies.get, units=ctx.units, circuit=ctx.breaker, writer=lambda: _writer(ctx),
            remember=ctx.recent.put, recalled=ctx.recent.get, observer=_Observed(),
            rate_key=ctx.limiter.window_key, check_rate=ctx.limiter.check_shared,
            redis_timeout_s=settings.redis_timeout_ms / 1000, ttl_s=settings.recommendation_ttl_s,
            audit_maxlen=settings.audit_maxlen,
        )
    return desk


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
    _, principal = caller(request)
    bind(principal.jurisdiction, data.incident_id)
    body = await call_desk(request.app.state).recommend(principal, data)
    return Response(body, media_type=JSON)  # type: ignore[return-value]
