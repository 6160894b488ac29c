"""Prometheus metrics: one registry, `dispatch_` names, bounded labels, cheap on the hot path.

Litestar's stock Prometheus middleware builds label dicts and calls .labels() four times per
request (tens of µs, ../shared/research/tech.md §2.2); this one caches the label children per
(method, route template, status) so a request costs one counter inc and one histogram observe.
"""

from __future__ import annotations

import time
from typing import Any

from litestar import Response, get
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.metrics import MetricWrapperBase

__all__ = ["RECOMMENDATIONS", "REGISTRY", "metrics", "metrics_middleware"]

REGISTRY = CollectorRegistry(auto_describe=True)
# Sub-millisecond resolution where this service lives; 0.005 is the latency SLO edge.
LATENCY_BUCKETS = (0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05,
                   0.1, 0.25, 1.0)

REQUESTS = Counter("dispatch_http_requests", "HTTP requests answered", ["method", "route", "status"],
                   registry=REGISTRY)
LATENCY = Histogram("dispatch_http_request_duration_seconds", "Time from request start to response start",
                    ["method", "route"], buckets=LATENCY_BUCKETS, registry=REGISTRY)
RECOMMENDATIONS = Counter("dispatch_recommendations", "Recommendations given",
                          ["jurisdiction", "response", "category", "fallback", "degraded"], registry=REGISTRY)

_children: dict[tuple[str, str, int], tuple[MetricWrapperBase, MetricWrapperBase]] = {}


def _child(method: str, route: str, status: int) -> tuple[Any, Any]:
    key = (method, route, status)
    found = _children.get(key)
    if found is None:
        found = (REQUESTS.labels(method, route, str(status)), LATENCY.labels(method, route))
        _children[key] = found
    return found


def metrics_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await app(scope, receive, send_wrapper)
        finally:
            counter, histogram = _child(scope["method"], scope.get("path_template") or "unmatched", status)
            counter.inc()
            histogram.observe(time.perf_counter() - start)

    return middleware


@get("/metrics", include_in_schema=False, sync_to_thread=False)
def metrics() -> Response[bytes]:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
