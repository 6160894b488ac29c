"""Prometheus metrics: one registry, `dispatch_` names, bounded labels, cheap on the hot path.

Litestar's stock Prometheus middleware builds label dicts and calls .labels() four times per
request (tens of µs, docs/research/tech.md §2.2); this one caches the label children per
(method, route template, status) so a request costs one counter inc and one histogram observe.
The same middleware gives every request its id for the logs (api/logs.py), so there is one ASGI
layer for both.

Label values are bounded: routes are templates (never ids), jurisdictions and responses come from
the validated policies, unit types and statuses from the census (capped), screening kinds from a
fixed set. No incident, unit, recommendation or key id is ever a label.

What is measured where:
- HTTP RED: the middleware below (every matched route; unmatched paths are 404s Litestar answers
  before any route middleware runs).
- Recommendations, screening triggers, Redis round trips of the hot path: api/calls.py through
  the helpers here.
- Units, AVL freshness, responses without units, policy versions, reload failures, degraded mode:
  `observe_services`, called by the app's background loop (api/app.py) — never by a scrape.
- Dispatcher outcomes: `record_outcome`, called by the outcome endpoint.
See docs/operations.md for the full list and docs/performance.md for what it costs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from importlib import metadata
from typing import TYPE_CHECKING, Any

from litestar import Litestar, Response, get
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.metrics_core import Metric
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from api.logs import begin_request, end_request, log_access
from service.state.census import JurisdictionCensus, read_census

if TYPE_CHECKING:
    from api.context import Services
    from service.domain.model import Recommendation
    from service.policy.compile import CompiledPolicy

__all__ = [
    "CALL_CONFLICTS",
    "LATENCY_BUCKETS",
    "OUTCOMES",
    "RECOMMENDATIONS",
    "REGISTRY",
    "UNIT_REPORTS_REFUSED",
    "RedisOp",
    "census_soon",
    "exposition",
    "metrics",
    "metrics_middleware",
    "observe_services",
    "record_outcome",
    "record_recommendation",
    "redis_op",
]

log = logging.getLogger("dispatch.metrics")

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

# --- HTTP -------------------------------------------------------------------------------------
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

# --- Decisions ----------------------------------------------------------------------------------
CALL_CONFLICTS = Counter("dispatch_call_conflicts", "Retries of an (incident_id, seq) with different facts "
                         "(refused with 409: send seq+1)", ["jurisdiction"], registry=REGISTRY)
UNIT_REPORTS_REFUSED = Counter("dispatch_unit_reports_refused",
                               "Unit reports not applied because reported_at is too far in the future",
                               ["jurisdiction"], registry=REGISTRY)
RECOMMENDATIONS = Counter("dispatch_recommendations", "Recommendations given",
                          ["jurisdiction", "response", "category", "fallback", "degraded"], registry=REGISTRY)
SCREENING = Counter("dispatch_screening_triggers",
                    "Screening flags raised on calls, by kind and by where they came from "
                    "(the call-taker's answers, the narrative, the call type or determinant, the dispatcher)",
                    ["jurisdiction", "kind", "source"], registry=REGISTRY)
OUTCOMES = Counter("dispatch_outcomes", "What dispatchers did with recommendations",
                   ["jurisdiction", "response", "outcome"], registry=REGISTRY)
OUTCOME_NAMES = ("accepted", "overridden")
# Every screening flag the decision can raise (service/domain/decision.py, service/policy/schema.py).
# Where a raised flag came from (Answer.source) -> the metric's bounded "source" label.
_SCREEN_SOURCES = {"caller": "answer", "narrative": "narrative", "call_type": "call_type",
                   "determinant": "determinant", "dispatcher": "dispatcher"}
SCREENING_KINDS = frozenset({"weapon", "violence", "injury", "medical", "suicidal", "suicidal_means",
                             "intoxication", "crime_in_progress"})

# --- Redis --------------------------------------------------------------------------------------
REDIS_LATENCY = Histogram("dispatch_redis_duration_seconds", "Redis round trips, by operation",
                          ["operation"], buckets=REDIS_BUCKETS, registry=REGISTRY)
REDIS_ERRORS = Counter("dispatch_redis_errors", "Failed Redis round trips, by operation and error class",
                       ["operation", "error"], registry=REGISTRY)
DEGRADED = Gauge("dispatch_degraded",
                 "1 while this process answers from policy alone (Redis unreachable or its breaker open)",
                 registry=REGISTRY)
# Narrative screening in C (service/screening/csrc/): 0 means the extension was not built where this runs,
# and every narrative is screened by the Python reader, about five times slower.
SCREENING_NATIVE = Gauge("dispatch_screening_native",
                         "1 when narratives are screened by the native (C) reader, 0 when in Python only",
                         registry=REGISTRY)

# Audit durability: answers given but not yet in Redis. Both drain to 0 within milliseconds when
# Redis is healthy; a spool that stays above 0 after an outage means its replay is failing.
SPOOL_PENDING = Gauge("dispatch_spool_pending",
                      "Writes held in this process's local spool until Redis takes them",
                      registry=REGISTRY)
WRITE_BEHIND_QUEUED = Gauge("dispatch_write_behind_queued",
                            "Answers' writes queued for the next batch to Redis", registry=REGISTRY)

# --- Units (from the census, refreshed in the background; see service/state/census.py) ----------------
UNITS = Gauge("dispatch_units", "Units by the type and status of their last report",
              ["jurisdiction", "type", "status"], registry=REGISTRY)
UNITS_DISPATCHABLE = Gauge("dispatch_units_dispatchable",
                           "Units a call could be offered now (available, positioned, still reporting)",
                           ["jurisdiction", "type"], registry=REGISTRY)
UNITS_STALE = Gauge("dispatch_units_stale", "Units silent for longer than the policy's units_stale_after_s",
                    ["jurisdiction"], registry=REGISTRY)
LAST_REPORT = Gauge("dispatch_units_last_report_timestamp_seconds",
                    "Time of the newest unit report (AVL feed freshness: alert on time() minus this)",
                    ["jurisdiction"], registry=REGISTRY)
RESPONSE_OPEN = Gauge("dispatch_response_in_service",
                      "1 while a response type is within its hours and program dates",
                      ["jurisdiction", "response"], registry=REGISTRY)
RESPONSE_UNITS = Gauge("dispatch_response_units_available",
                       "Units available for a response type (minimum over the unit types it needs)",
                       ["jurisdiction", "response"], registry=REGISTRY)
CENSUS_AT = Gauge("dispatch_census_timestamp_seconds", "When this process last read the unit census",
                  registry=REGISTRY)

# --- Policies and build ----------------------------------------------------------------------------
POLICY = Info("dispatch_policy", "The active policy version of each jurisdiction", ["jurisdiction"],
              registry=REGISTRY)
POLICY_FAILURES = Counter("dispatch_policy_reload_failures",
                          "Stored policies that failed to load; the previous version stays active",
                          registry=REGISTRY)
BUILD = Info("dispatch_build", "Version of the running service", registry=REGISTRY)
try:
    BUILD.info({"version": metadata.version("dispatch-assist")})
except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    BUILD.info({"version": "unknown"})

CENSUS_INTERVAL_S = 10.0

# ---------------------------------------------------------------------------------------------------
_http: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def _http_child(method: str, route: str, status: int) -> tuple[Any, Any]:
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
            counter, histogram = _http_child(scope["method"], route, status)
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
                _http_child(method, route.path_format, 500)


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


# --- Hot-path helpers (cached children: a dict lookup and an inc) ------------------------------------
_recs: dict[tuple[str, str, str, bool, bool], Any] = {}
_screens: dict[tuple[str, str, str], Any] = {}


def record_recommendation(jurisdiction: str, rec: Recommendation) -> None:
    """Count one recommendation and each screening flag it raised (kind, and answer vs narrative)."""
    key = (jurisdiction, rec.response, rec.category.value, rec.fallback, rec.degraded)
    child = _recs.get(key)
    if child is None:
        child = _recs[key] = RECOMMENDATIONS.labels(jurisdiction, rec.response, rec.category.value,
                                                    "true" if rec.fallback else "false",
                                                    "true" if rec.degraded else "false")
    child.inc()
    if not rec.flags:
        return
    # The flags travel as data: each raised flag is a "yes" answer with its source (no reason code
    # is parsed here). The caller's own answer keeps the label "answer", as before.
    for answer in rec.answers:
        if not answer.value:
            continue
        skey = (jurisdiction, answer.question, answer.source)
        schild = _screens.get(skey)
        if schild is None:
            schild = _screens[skey] = SCREENING.labels(
                jurisdiction, answer.question if answer.question in SCREENING_KINDS else "other",
                _SCREEN_SOURCES.get(answer.source, "other"))
        schild.inc()


def record_outcome(jurisdiction: str, response: str, outcome: str) -> None:
    """What the dispatcher did with a recommendation: `accepted` or `overridden` (else counted as `other`)."""
    OUTCOMES.labels(jurisdiction, response, outcome if outcome in OUTCOME_NAMES else "other").inc()


class RedisOp:
    """Latency and errors of one kind of Redis round trip, with its label children bound once."""

    __slots__ = ("_errors", "name", "observe")

    def __init__(self, name: str) -> None:
        self.name = name
        self.observe = REDIS_LATENCY.labels(name).observe
        self._errors: dict[str, Any] = {}

    def error(self, exc: BaseException) -> None:
        if isinstance(exc, TimeoutError | RedisTimeoutError):
            kind = "timeout"
        elif isinstance(exc, OSError | RedisConnectionError):
            kind = "connection"
        else:
            kind = "other"
        child = self._errors.get(kind)
        if child is None:
            child = self._errors[kind] = REDIS_ERRORS.labels(self.name, kind)
        child.inc()

    def timed(self) -> _Timed:
        """`with op.timed(): await ...` records the latency, or the error (and re-raises it)."""
        return _Timed(self)


class _Timed:
    __slots__ = ("op", "start")

    def __init__(self, op: RedisOp) -> None:
        self.op = op
        self.start = 0.0

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            self.op.observe(time.perf_counter() - self.start)
        elif isinstance(exc, RedisError | OSError | TimeoutError):
            self.op.error(exc)


_ops: dict[str, RedisOp] = {}


def redis_op(name: str) -> RedisOp:
    op = _ops.get(name)
    if op is None:
        op = _ops[name] = RedisOp(name)
        # The series exist from the start, so a dashboard shows 0 rather than "no data".
        REDIS_ERRORS.labels(name, "timeout")
        REDIS_ERRORS.labels(name, "connection")
    return op


CALL_READ = redis_op("call_read")
CALL_WRITE = redis_op("call_write")
CENSUS = redis_op("census")
UNIT_UPDATE = redis_op("unit_update")
UNIT_BOARD = redis_op("unit_board")


# --- Background: policies, census, degraded mode --------------------------------------------------
class _State:
    versions: dict[str, str] = {}  # noqa: RUF012 - module-level state of this process
    failures_seen = 0
    census_due = 0.0
    unit_series: set[tuple[str, ...]] = set()  # noqa: RUF012
    bound: int | None = None
    # One census at a time: an older read must not land after a newer one.
    lock: asyncio.Lock | None = None


def _policies_changed(policies: Mapping[str, CompiledPolicy]) -> None:
    for j, policy in policies.items():
        POLICY.labels(j).info({"version": policy.version})
        for name, response in policy.responses.items():
            # Known label combinations start at 0 (Prometheus practice): rates and ratios exist
            # for a quiet jurisdiction instead of "no data".
            for fallback, degraded in (("false", "false"), ("true", "false"), ("false", "true")):
                RECOMMENDATIONS.labels(j, name, response.category.value, fallback, degraded)
            for outcome in OUTCOME_NAMES:
                OUTCOMES.labels(j, name, outcome)


def _set_gauge(gauge: Gauge, labels: tuple[str, ...], value: float, seen: set[tuple[str, ...]]) -> None:
    gauge.labels(*labels).set(value)
    seen.add((gauge._name, *labels))


def _apply_census(census: Iterable[JurisdictionCensus]) -> None:
    seen: set[tuple[str, ...]] = set()
    for c in census:
        j = c.jurisdiction
        for (unit_type, status), n in c.units.items():
            _set_gauge(UNITS, (j, unit_type, status), n, seen)
        for unit_type, n in c.dispatchable.items():
            _set_gauge(UNITS_DISPATCHABLE, (j, unit_type), n, seen)
        _set_gauge(UNITS_STALE, (j,), c.stale, seen)
        if c.last_report_s is not None:
            _set_gauge(LAST_REPORT, (j,), c.last_report_s, seen)
        for name, (is_open, available) in c.responses.items():
            _set_gauge(RESPONSE_OPEN, (j, name), 1 if is_open else 0, seen)
            _set_gauge(RESPONSE_UNITS, (j, name), available, seen)
    gauges = {g._name: g for g in (UNITS, UNITS_DISPATCHABLE, UNITS_STALE, LAST_REPORT,
                                    RESPONSE_OPEN, RESPONSE_UNITS)}
    for gone in _State.unit_series - seen:  # a jurisdiction or a (type, status) pair that disappeared
        with contextlib.suppress(KeyError):
            gauges[gone[0]].remove(*gone[1:])
    _State.unit_series = seen
    CENSUS_AT.set(time.time())


def census_soon() -> None:
    """Make the next background poll (within DISPATCH_POLICY_POLL_S) read the unit census."""
    _State.census_due = 0.0


async def observe_services(ctx: Services, force_census: bool = False) -> None:
    """Bring the background metrics up to date; called every poll by the app's background loop.

    Never raises: a failing census is counted as a Redis error and retried at the next interval.
    """
    try:
        if _State.bound != id(ctx):
            _State.bound = id(ctx)
            DEGRADED.set_function(lambda: 0.0 if ctx.redis_ok and ctx.breaker.closed else 1.0)
            SPOOL_PENDING.set_function(lambda: float(ctx.spool.pending))
            writer = ctx.write_behind
            WRITE_BEHIND_QUEUED.set_function(lambda: float(len(writer.queued)) if writer is not None else 0.0)
            _State.census_due = 0.0
            _State.failures_seen = 0
            _State.versions = {}
            _State.lock = asyncio.Lock()
        versions = {j: p.version for j, p in ctx.policies.policies.items()}
        if versions != _State.versions:
            _State.versions = versions
            _policies_changed(ctx.policies.policies)
        failures = ctx.policies.failures
        if failures > _State.failures_seen:
            POLICY_FAILURES.inc(failures - _State.failures_seen)
        _State.failures_seen = failures
        now = time.monotonic()
        if (force_census or now >= _State.census_due) and ctx.redis_ok and _State.lock is not None:
            _State.census_due = now + CENSUS_INTERVAL_S
            async with _State.lock:
                start = time.perf_counter()
                try:
                    census = await read_census(ctx.redis, ctx.policies.policies, datetime.now(UTC))
                except (RedisError, OSError, TimeoutError) as exc:
                    CENSUS.error(exc)
                    return
                CENSUS.observe(time.perf_counter() - start)
                _apply_census(census)
    except Exception:  # a metrics bug must never stop the background loop
        log.exception("could not update service metrics")
