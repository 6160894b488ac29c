"""Settings: one object, read from the environment once (variables documented in the README)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import msgspec

__all__ = ["Settings", "from_env", "get_settings"]

_ROOT = Path(__file__).resolve().parent.parent


class Settings(msgspec.Struct, frozen=True):
    redis_url: str = "redis://127.0.0.1:6379/0"
    host: str = "127.0.0.1"
    port: int = 8000
    policy_dir: str = str(_ROOT / "deploy" / "policies")
    # A Redis read slower than this makes the answer degraded rather than late.
    redis_timeout_ms: int = 50
    # After a Redis failure, skip Redis for this long before trying again (circuit breaker).
    breaker_open_ms: int = 1000
    recommendation_ttl_s: int = 7 * 24 * 3600
    # A unit report dated further ahead than this is refused (a device clock running fast would
    # otherwise pin its unit's state until then).
    unit_future_tolerance_s: int = 30
    audit_maxlen: int = 1_000_000
    units_per_type: int = 5
    sweep_interval_s: float = 5.0
    policy_poll_s: float = 0.5
    log_level: str = "INFO"
    max_body_bytes: int = 2 * 1024 * 1024
    # Per API key, across replicas (api/limits.py); 0 turns rate limiting off.
    rate_limit_rps: float = 100.0
    rate_limit_burst: int = 200
    # Writes Redis cannot take go here, fsync'ed, and are replayed when it is back
    # (service/durability/spool.py).
    spool_dir: str = ".run/spool"
    # How long an outcome or audit write waits for Redis before it goes to the spool instead.
    write_timeout_ms: int = 1000
    # Answers' writes (stored answer, audit entry, console event) wait up to this long to share one
    # round trip with the next calls' (service/durability/write_behind.py).
    write_linger_ms: float = 1.0
    # Admission control (api/admission.py): calls in flight at once in this process, and how long a call
    # may wait for a slot before it is answered 503. The wait is derived from the latency objective
    # (answers within latency_objective_ms at p99): half of it, so that a call that waited still
    # has the other half to be answered in.
    max_in_flight: int = 32
    latency_objective_ms: float = 10.0
    # Transition setting (docs/security.md): accept the old loose request forms, counted per key.
    loose_input: bool = False
    # The garbage collector's thresholds (gc.set_threshold); "" keeps the interpreter's (700,10,10).
    # Full collections 100 times rarer than Python's default: under a flood they ran about once a
    # second and each held the loop 5-8 ms on a quiet machine, 6-41 ms on a shared one; over a
    # 10-minute run the process used 3 MB more (docs/performance.md, issue 19 round 4).
    gc_thresholds: str = "700,10,1000"

    # An outcome or a field record is acknowledged once every replica attached to the Redis master
    # holds it (WAIT), and at least this many; otherwise once the local spool holds it
    # (service/durability/replicas.py).
    outcome_min_replicas: int = 0
    # How long such a write waits for the replicas' confirmation before it is spooled instead.
    outcome_wait_ms: int = 500
    # Audit entries older than this are trimmed unless the policy sets audit.retention_days; 0 keeps all.
    audit_retention_days: int = 365


_ENV = {
    "redis_url": "DISPATCH_REDIS_URL",
    "host": "DISPATCH_HOST",
    "port": "DISPATCH_PORT",
    "policy_dir": "DISPATCH_POLICY_DIR",
    "redis_timeout_ms": "DISPATCH_REDIS_TIMEOUT_MS",
    "breaker_open_ms": "DISPATCH_BREAKER_OPEN_MS",
    "recommendation_ttl_s": "DISPATCH_RECOMMENDATION_TTL_S",
    "unit_future_tolerance_s": "DISPATCH_UNIT_FUTURE_TOLERANCE_S",
    "audit_maxlen": "DISPATCH_AUDIT_MAXLEN",
    "units_per_type": "DISPATCH_UNITS_PER_TYPE",
    "sweep_interval_s": "DISPATCH_SWEEP_INTERVAL_S",
    "policy_poll_s": "DISPATCH_POLICY_POLL_S",
    "log_level": "DISPATCH_LOG_LEVEL",
    "max_body_bytes": "DISPATCH_MAX_BODY_BYTES",
    "rate_limit_rps": "DISPATCH_RATE_LIMIT_RPS",
    "rate_limit_burst": "DISPATCH_RATE_LIMIT_BURST",
    "spool_dir": "DISPATCH_SPOOL_DIR",
    "write_timeout_ms": "DISPATCH_WRITE_TIMEOUT_MS",
    "write_linger_ms": "DISPATCH_WRITE_LINGER_MS",
    "audit_retention_days": "DISPATCH_AUDIT_RETENTION_DAYS",
    "max_in_flight": "DISPATCH_MAX_IN_FLIGHT",
    "latency_objective_ms": "DISPATCH_LATENCY_OBJECTIVE_MS",
    "loose_input": "DISPATCH_LOOSE_INPUT",
    "gc_thresholds": "DISPATCH_GC_THRESHOLDS",

    "outcome_min_replicas": "DISPATCH_OUTCOME_MIN_REPLICAS",
    "outcome_wait_ms": "DISPATCH_OUTCOME_WAIT_MS",
}


def from_env(env: dict[str, str] | None = None, **overrides: object) -> Settings:
    """Build settings from environment variables; str values are converted to each field's type."""
    source = os.environ if env is None else env
    values: dict[str, object] = {field: source[var] for field, var in _ENV.items() if var in source}
    values.update(overrides)
    settings = msgspec.convert(values, Settings, strict=False)
    # A wrong Redis URL fails here, naming the wrong part, not at the first connection attempt.
    from service.state.connect import parse_redis_url  # noqa: PLC0415 - keeps settings free of redis imports

    parse_redis_url(settings.redis_url)
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return from_env()
