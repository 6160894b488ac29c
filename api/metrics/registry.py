"""The one Prometheus registry of the process, and the exposition a scrape reads.

Every family of api/metrics/ registers here, so a scrape (and the program metrics, api/program_metrics.py)
sees one registry. The text is rendered one family at a time with a yield to the loop between
(`exposition`), so a scrape never stalls the calls in flight for the whole registry's cost.
"""

from __future__ import annotations

import asyncio
from importlib import metadata

from litestar import Response, get
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Info,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.metrics_core import Metric

__all__ = ["BUILD", "LATENCY_BUCKETS", "REDIS_BUCKETS", "REGISTRY", "exposition", "metrics"]

# No `*_created` series: they double every counter's series in Prometheus and the scrape's cost,
# and no query here uses them.
disable_created_metrics()  # type: ignore[no-untyped-call]
REGISTRY = CollectorRegistry(auto_describe=True)
ProcessCollector(registry=REGISTRY)  # process_cpu_seconds_total, process_resident_memory_bytes, ...

# Sub-millisecond resolution where this service lives; 0.005 is the latency SLO edge (an exact
# bucket boundary, so the SLO ratio needs no interpolation).
LATENCY_BUCKETS = (0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05,
                   0.1, 0.25, 1.0)
# Redis round trips on loopback are ~0.1-0.3 ms; the hot-path timeout is 50 ms by default.
REDIS_BUCKETS = (0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5)

BUILD = Info("dispatch_build", "Version of the running service", registry=REGISTRY)
try:
    BUILD.info({"version": metadata.version("dispatch-assist")})
except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    BUILD.info({"version": "unknown"})


class _Family:
    """One collected metric family, shaped like a registry for generate_latest."""

    __slots__ = ("family",)

    def __init__(self, family: Metric) -> None:
        self.family = family

    def collect(self) -> list[Metric]:
        return [self.family]


async def exposition() -> bytes:
    """The text exposition, rendered one metric family at a time with a yield to the loop between.

    generate_latest costs ~10 ms of CPU for this registry (benchmarks/bench_metrics.py). In one
    piece it would stall every in-flight request that long; a worker thread would hold the GIL for
    5 ms slices each time the loop waits on I/O (docs/performance.md, "Instrumentation cost").
    Family by family, the longest uninterrupted piece is the largest family (~2 ms). The bytes
    equal generate_latest's.
    """
    parts = []
    for family in REGISTRY.collect():  # a generator: each collector is read when reached
        parts.append(generate_latest(_Family(family)))  # type: ignore[arg-type]
        await asyncio.sleep(0)
    return b"".join(parts)


@get("/metrics", include_in_schema=False)
async def metrics() -> Response[bytes]:
    return Response(await exposition(), media_type=CONTENT_TYPE_LATEST)
