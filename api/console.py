"""The dispatcher console: GET /console (the page), its static assets, and GET /v1/console/config.

The page is plain HTML/CSS/JS from api/static (no CDN, no build). It asks for a console key once
per browser tab, keeps it in sessionStorage and sends it only in the Authorization header of
fetch() calls — never in a URL, a cookie or a form submission — and reads GET /v1/stream with a
stream reader (EventSource cannot send headers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from litestar import Request, Response, get
from litestar.datastructures import CacheControlHeader
from litestar.static_files import create_static_files_router

from api.context import caller
from api.gate import guarded
from api.problems import ProblemError
from service.domain.model import Category
from service.state.outcomes import OVERRIDE_REASONS

__all__ = ["ConsoleConfig", "console_config", "console_page", "console_static"]

STATIC = Path(__file__).resolve().parent / "static"
# Same-origin everything; no inline script or style; the page cannot be framed or submit forms away.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class ResponseOption(msgspec.Struct):
    name: str
    label: str
    category: Category
    unit_types: list[str]


class ReasonOption(msgspec.Struct):
    code: str
    label: str


class ConsoleConfig(msgspec.Struct):
    jurisdiction: str
    policy_version: str
    key_id: str
    scopes: list[str]
    responses: list[ResponseOption]
    override_reasons: list[ReasonOption]
    units_stale_after_s: int


@get("/console", include_in_schema=False, sync_to_thread=False)
def console_page() -> Response[bytes]:
    return Response((STATIC / "console.html").read_bytes(), media_type="text/html; charset=utf-8",
                    headers={**SECURITY_HEADERS, "Cache-Control": "no-store"})


console_static = create_static_files_router(
    path="/console/static", directories=[STATIC], name="console_static", include_in_schema=False,
    cache_control=CacheControlHeader(no_cache=True),
)


@get("/v1/console/config", summary="What a console needs to render: jurisdiction, responses, reasons",
     tags=["console"], sync_to_thread=False, **guarded("console:read", also=(409,)))
def console_config(request: Request[Any, Any, Any]) -> ConsoleConfig:
    """Also the console's sign-in check: 401 for an unknown key, 403 without console:read."""
    ctx, principal = caller(request)
    policy = ctx.policies.get(principal.jurisdiction)
    if policy is None:
        raise ProblemError(409, "No active policy",
                           f"jurisdiction {principal.jurisdiction!r} has no active policy")
    return ConsoleConfig(
        jurisdiction=principal.jurisdiction,
        policy_version=policy.version,
        key_id=principal.key_id,
        scopes=sorted(principal.scopes),
        responses=[ResponseOption(r.name, r.label, r.category, list(r.unit_types))
                   for r in policy.responses.values()],
        override_reasons=[ReasonOption(code, label) for code, label in OVERRIDE_REASONS.items()],
        units_stale_after_s=policy.units_stale_after_s,
    )
