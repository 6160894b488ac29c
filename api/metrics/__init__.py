"""Prometheus metrics: one registry, `dispatch_` names, bounded labels, cheap on the hot path.

One module per concern, all registering in `registry.REGISTRY`:
- registry: the registry, the buckets, the build info and the /metrics exposition.
- http: the RED middleware (every routed request: count, latency, id; shed and loose input).
- decisions: recommendations, screening triggers, outcomes, conflicts (the use cases' observers
  in api/calls.py and api/incidents.py, the outcome endpoint).
- roundtrips: Redis round trips of the hot path and the unit feed.
- background: units, AVL freshness, policies, degraded mode, spool and write-behind queue, kept
  current by the app's background loop (api/app.py), never by a scrape.

Label values are bounded: routes are templates (never ids), jurisdictions and responses come from
the validated policies, unit types and statuses from the census (capped), screening kinds from a
fixed set. No incident, unit, recommendation or key id is ever a label. docs/operations.md lists
every series; docs/performance.md says what they cost.
"""

from api.metrics.background import SCREENING_NATIVE, census_soon, observe_services
from api.metrics.decisions import (
    CALL_CONFLICTS,
    OUTCOMES,
    RECOMMENDATIONS,
    SCREENING_KINDS,
    UNIT_REPORTS_REFUSED,
    record_outcome,
    record_recommendation,
)
from api.metrics.http import ADMISSION_IN_FLIGHT, LOOSE_INPUT, SHED, init_routes, metrics_middleware
from api.metrics.registry import LATENCY_BUCKETS, REGISTRY, exposition, metrics
from api.metrics.roundtrips import CALL_READ, CALL_WRITE, UNIT_BOARD, UNIT_UPDATE, RedisOp, redis_op

__all__ = [
    "ADMISSION_IN_FLIGHT",
    "CALL_CONFLICTS",
    "CALL_READ",
    "CALL_WRITE",
    "LATENCY_BUCKETS",
    "LOOSE_INPUT",
    "OUTCOMES",
    "RECOMMENDATIONS",
    "REGISTRY",
    "SCREENING_KINDS",
    "SCREENING_NATIVE",
    "SHED",
    "UNIT_BOARD",
    "UNIT_REPORTS_REFUSED",
    "UNIT_UPDATE",
    "RedisOp",
    "census_soon",
    "exposition",
    "init_routes",
    "metrics",
    "metrics_middleware",
    "observe_services",
    "record_outcome",
    "record_recommendation",
    "redis_op",
]
