"""POST /v1/calls: a call event in, a recommendation out (the hot path)."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from typing import Any

import msgspec
from litestar import Request, Response, post
from litestar.params import JSONBody
from redis.exceptions import RedisError

from api.context import Services, caller
from api.gate import guarded
from api.logs import bind
from api.metrics import CALL_READ, CALL_WRITE, record_recommendation
from api.problems import ProblemError
from api.program_metrics import observe_recommendation as observe_program
from service.domain.decision import Plan, decide, last_resort, plan, to_recommendation
from service.domain.model import CallEvent, Recommendation
from service.durability.write_behind import CommandBuffer, WriteBehind
from service.state.lane import RedisLane
from service.state.store import CallRead, recommendation_id, write_recommendation

__all__ = ["answer_writer", "post_call"]

log = logging.getLogger("dispatch.calls")
_encode = msgspec.json.Encoder().encode
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


def _queue_write(ctx: Services, writer: WriteBehind, jurisdiction: str, rec: Recommendation,
                 body: bytes, call: CallEvent, narrative: str | None) -> None:
    ctx.recent.put(jurisdiction, rec.recommendation_id, body)
    buffer = CommandBuffer()
    write_recommendation(buffer, jurisdiction, rec, body, ctx.settings.recommendation_ttl_s,
                         ctx.settings.audit_maxlen, call=call, narrative=narrative)
    writer.submit(jurisdiction, "recommendation", int(rec.decided_at.timestamp() * 1000), buffer)


@post(
    "/v1/calls",
    status_code=200,
    summary="Recommend a response for a call event",
    tags=["calls"],
    **guarded("cad:write", admission=True, body=CallEvent, also=(409,)),
)
async def post_call(request: Request[Any, Any, Any], data: JSONBody[CallEvent]) -> Recommendation:
    """The same answer for a retried (incident_id, seq); degraded when Redis is unreachable."""
    ctx, principal = caller(request)
    j = principal.jurisdiction
    bind(j, data.incident_id)
    policy = ctx.policies.get(j)
    if policy is None:
        raise ProblemError(409, "No active policy", f"jurisdiction {j!r} has no active policy; activate one")
    # Read in the jurisdiction's zone: the core's hours and decided_at then need no conversion.
    now = datetime.now(policy.tz)
    rec_id = recommendation_id(j, data.incident_id, data.seq)
    if (given := ctx.recent.get(j, rec_id)) is not None:  # a retry to this process: the same answer
        return Response(given, media_type=JSON)  # type: ignore[return-value]
    try:
        p: Plan | None = plan(data, policy, now)
    except Exception:  # a bug in the core must still leave the CAD with an answer, never a 500
        log.exception("decision failed; answering the policy default")
        p = None
    read: CallRead | None = None
    if ctx.breaker.closed and p is not None:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(ctx.settings.redis_timeout_ms / 1000):
                read = await ctx.units.read_for_call(
                    j,
                    rec_id,
                    data.location.lon,
                    data.location.lat,
                    p.searches,
                    int(now.timestamp() * 1000),
                    policy.units_stale_after_s,
                    rate_key=ctx.limiter.window_key(principal),
                )
            CALL_READ.observe(time.perf_counter() - started)
            ctx.breaker.succeed()
        except (RedisError, OSError, TimeoutError) as exc:
            CALL_READ.error(exc)
            ctx.breaker.fail()
    if read is not None:  # the key's count across replicas came back with the read (api/limits.py)
        ctx.limiter.check_shared(principal, read.rate_count)
    if read is not None and read.stored is not None:
        return Response(read.stored, media_type=JSON)  # type: ignore[return-value]
    rec: Recommendation | None = None
    if p is not None:
        try:
            availability = read.availability if read is not None else None
            rec = to_recommendation(data, policy, p, decide(p, availability), now, rec_id)
        except Exception:
            log.exception("decision failed; answering the policy default")
    if rec is None:
        rec = last_resort(data, policy, now, rec_id)
    body = _encode(rec)
    # Degraded answers too: the spool keeps them until Redis is back, so every answer is audited.
    narrative = data.narrative if policy.document.audit.keep_narrative else None
    assert ctx.write_behind is not None  # the lifespan sets it before serving
    _queue_write(ctx, ctx.write_behind, j, rec, body, data, narrative)
    record_recommendation(j, rec)
    observe_program(j, policy, rec, data.received_at)
    return Response(body, media_type=JSON)  # type: ignore[return-value]
