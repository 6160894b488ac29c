"""HTTP RED metrics: one ASGI middleware counts and times every routed request and gives it its id.

Litestar's stock Prometheus middleware builds label dicts and calls .labels() four times per
request (tens of µs, docs/research/tech.md §2.2); this one caches the label children per
(method, route template, status) so a request costs one counter inc and one histogram observe.
The same middleware gives every request its id for the logs (api/logs.py), so there is one ASGI
layer for both. Unmatched paths are 404s Litestar answers before any route middleware runs.
"""

from __future__ import annotations

import time
from typing import Any

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import Counter, Gauge, Histogram

from api.logs import begin_request, end_request, log_access
from api.metrics.registry import LATENCY_BUCKETS, REGISTRY

__all__ = [
    "ADMISSION_IN_FLIGHT",
    "CLIENT_CLOSED",
    "LOOSE_INPUT",
    "SHED",
    "http_child",
    "init_routes",
    "metrics_middleware",
]

REQUESTS = Counter("dispatch_http_requests", "HTTP requests answered, by route template and status",
                   ["method", "route", "status"], registry=REGISTRY)
LATENCY = Histogram("dispatch_http_request_duration_seconds",
                    "Time from the request reaching the route to the end of the response",
                    ["method", "route"], buckets=LATENCY_BUCKETS, registry=REGISTRY)
IN_FLIGHT = Gauge("dispatch_http_requests_in_flight", "Requests being handled now", registry=REGISTRY)
# Refused before any work (api/gate.py): "overload" (no admission slot in time, 503) or "rate_limit" (429).
# Each is also in dispatch_http_requests; this one says why and whose, without a log line each.
SHED = Counter("dispatch_shed", "Requests refused before any work, by reason and jurisdiction",
               ["reason", "jurisdiction"], registry=REGISTRY)
ADMISSION_IN_FLIGHT = Gauge("dispatch_admission_in_flight", "Calls holding an admission slot",
                            registry=REGISTRY)
# Requests accepted only under DISPATCH_LOOSE_INPUT (the transition setting, docs/security.md), by form.
LOOSE_INPUT = Counter("dispatch_loose_input", "Requests accepted in a loose form the strict contract refuses",
                      ["key_id", "form"], registry=REGISTRY)
# The client hung up before its answer was sent: status "499" in dispatch_http_requests, not a 500.
CLIENT_CLOSED = 499

_http: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def http_child(method: str, route: str, status: int) -> tuple[Any, Any]:
    """The (requests counter, latency histogram) children of one (method, route, status), made once."""
    key = (method, route, status)
    found = _http.get(key)
    if found is None:
        found = (REQUESTS.labels(method, route, str(status)), LATENCY.labels(method, route))
        _http[key] = found
    return found


def metrics_middleware(app: ASGIApp) -> ASGIApp:
    """Counts and times every routed request, and gives it an id (X-Request-ID, echoed back)."""
    in_flight_inc, in_flight_dec = IN_FLIGHT.inc, IN_FLIGHT.dec

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500
        started = hung_up = False
        request_id, token = begin_request(scope)
        header = (b"x-request-id", request_id.encode())

        async def send_wrapper(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status = message["status"]
                started = True
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        async def receive_wrapper() -> Any:
            nonlocal hung_up
            message = await receive()
            if message["type"] == "http.disconnect":
                hung_up = True
            return message

        in_flight_inc()
        try:
            await app(scope, receive_wrapper, send_wrapper)
        finally:
            in_flight_dec()
            elapsed = time.perf_counter() - start
            if hung_up and (not started or status >= 500):
                # The client left mid-request: its own outcome, not a server error (issue 19).
                status = CLIENT_CLOSED
            route = scope.get("path_template") or "unmatched"
            counter, histogram = http_child(scope["method"], route, status)
            counter.inc()
            histogram.observe(elapsed)
            log_access(scope["method"], route, status, elapsed)
            end_request(token)

    return middleware


def init_routes(app: Litestar) -> None:
    """Create the 500 series of every HTTP route at 0, so error ratios exist before the first error."""
    for route in app.routes:
        if not route.path_format.startswith("/v1/"):
            continue
        for method in sorted(getattr(route, "methods", ())):
            if method not in ("HEAD", "OPTIONS"):
                http_child(method, route.path_format, 500)
