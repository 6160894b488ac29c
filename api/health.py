"""GET /healthz (the process answers) and GET /readyz (Redis reachable and policies loaded)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get
from litestar.openapi.datastructures import ResponseSpec

from api.context import services

__all__ = ["Health", "healthz", "readyz"]


class Health(msgspec.Struct, omit_defaults=True):
    status: str
    redis: bool | None = None
    policies: list[str] | None = None
    detail: str | None = None


@get("/healthz", tags=["health"], sync_to_thread=False)
def healthz() -> Health:
    return Health("ok")


@get("/readyz", tags=["health"], sync_to_thread=False,
     responses={503: ResponseSpec(Health, description="Not ready: Redis unreachable or no policy loaded",
                                  generate_examples=False)})
def readyz(request: Request[Any, Any, Any]) -> Response[Health]:
    """Not ready while Redis is unreachable: calls would still be answered, but degraded."""
    ctx = services(request)
    loaded = sorted(ctx.policies.policies)
    ok = ctx.redis_ok and ctx.breaker.closed and bool(loaded)
    detail = None if ok else ("redis unreachable: answers are degraded" if loaded else "no policy loaded")
    return Response(
        Health("ready" if ok else "not_ready", ctx.redis_ok, loaded, detail), status_code=200 if ok else 503
    )
