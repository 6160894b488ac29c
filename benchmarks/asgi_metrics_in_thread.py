"""The service with /metrics rendered in one piece in a worker thread (for
benchmarks/bench_scrape_stall.py only): `granian --interface asgi benchmarks.asgi_metrics_in_thread:app`."""

from __future__ import annotations

from litestar import Response, get
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api import metrics as m
from api import routes


@get("/metrics", include_in_schema=False, sync_to_thread=True)
def metrics_in_thread() -> Response[bytes]:
    return Response(generate_latest(m.REGISTRY), media_type=CONTENT_TYPE_LATEST)


routes.ROUTES[:] = [metrics_in_thread if r is m.metrics else r for r in routes.ROUTES]

from api.app import create_app  # noqa: E402

app = create_app()
