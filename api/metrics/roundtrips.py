"""Redis round trips: latency and failures per kind of operation, with their label children bound once."""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import Counter, Histogram
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from api.metrics.registry import REDIS_BUCKETS, REGISTRY

__all__ = ["CALL_READ", "CALL_WRITE", "CENSUS", "UNIT_BOARD", "UNIT_UPDATE", "RedisOp", "redis_op"]

REDIS_LATENCY = Histogram("dispatch_redis_duration_seconds", "Redis round trips, by operation",
                          ["operation"], buckets=REDIS_BUCKETS, registry=REGISTRY)
REDIS_ERRORS = Counter("dispatch_redis_errors", "Failed Redis round trips, by operation and error class",
                       ["operation", "error"], registry=REGISTRY)


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
