"""Metrics the app's background loop keeps current (api/app.py), never a scrape: units and AVL
freshness from the census, responses in service and without units, policy versions and reload
failures, degraded mode, the spool and the write-behind queue, the screening reader in use.

`observe_services` is called every poll; it never raises, so a metrics bug cannot stop the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from prometheus_client import Counter, Gauge, Info
from redis.exceptions import RedisError

from api.metrics.decisions import OUTCOME_NAMES, OUTCOMES, RECOMMENDATIONS
from api.metrics.registry import REGISTRY
from api.metrics.roundtrips import CENSUS
from service.state.census import JurisdictionCensus, read_census

if TYPE_CHECKING:
    from api.context import Services
    from service.policy.compile import CompiledPolicy

__all__ = ["CENSUS_INTERVAL_S", "SCREENING_NATIVE", "apply_census", "census_soon", "observe_services",
           "policies_changed"]

log = logging.getLogger("dispatch.metrics")

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

# --- Policies ----------------------------------------------------------------------------------------
POLICY = Info("dispatch_policy", "The active policy version of each jurisdiction", ["jurisdiction"],
              registry=REGISTRY)
POLICY_FAILURES = Counter("dispatch_policy_reload_failures",
                          "Stored policies that failed to load; the previous version stays active",
                          registry=REGISTRY)

CENSUS_INTERVAL_S = 10.0


class _State:
    versions: dict[str, str] = {}  # noqa: RUF012 - module-level state of this process
    failures_seen = 0
    census_due = 0.0
    unit_series: set[tuple[str, ...]] = set()  # noqa: RUF012
    bound: int | None = None
    # One census at a time: an older read must not land after a newer one.
    lock: asyncio.Lock | None = None


def policies_changed(policies: Mapping[str, CompiledPolicy]) -> None:
    """Publish each policy's version and create its known series at 0."""
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


def apply_census(census: Iterable[JurisdictionCensus]) -> None:
    """Set the unit and response gauges from one census; series that disappeared are removed."""
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


def _bind(ctx: Services) -> None:
    """Point the callback gauges at this process's services (once per app)."""
    _State.bound = id(ctx)
    DEGRADED.set_function(lambda: 0.0 if ctx.redis_ok and ctx.breaker.closed else 1.0)
    SPOOL_PENDING.set_function(lambda: float(ctx.spool.pending))
    writer = ctx.write_behind
    WRITE_BEHIND_QUEUED.set_function(lambda: float(len(writer.queued)))
    _State.census_due = 0.0
    _State.failures_seen = 0
    _State.versions = {}
    _State.lock = asyncio.Lock()


async def observe_services(ctx: Services, force_census: bool = False) -> None:
    """Bring the background metrics up to date; called every poll by the app's background loop.

    Never raises: a failing census is counted as a Redis error and retried at the next interval.
    """
    try:
        if _State.bound != id(ctx):
            _bind(ctx)
        versions = {j: p.version for j, p in ctx.policies.policies.items()}
        if versions != _State.versions:
            _State.versions = versions
            policies_changed(ctx.policies.policies)
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
                apply_census(census)
    except Exception:  # a metrics bug must never stop the background loop
        log.exception("could not update service metrics")
