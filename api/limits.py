"""Abuse limits: per-key rate limits (local token bucket + a Redis counter shared by replicas).

Two layers, so that the hot path never pays a Redis round trip of its own for limiting:

1. Every request with a known key takes a token from that key's bucket in this process
   (`DISPATCH_RATE_LIMIT_RPS` per second, `DISPATCH_RATE_LIMIT_BURST` at most). No I/O.
2. A one-second window counter per key in Redis, shared by every replica, caps the key's total
   across the fleet at `DISPATCH_RATE_LIMIT_RPS`. POST /v1/calls increments it inside the read
   pipeline it sends anyway (service.state.store.UnitStore.read_for_call) and enforces the count it
   gets back; other routes send INCR+EXPIRE in one pipeline before the handler runs.

Both answer 429 problem details with Retry-After; api/gate.py applies them to every keyed
request. A Redis failure never turns limiting into an error: the shared layer is skipped (fail
open) and the local bucket still applies.

The request body cap is Litestar's `request_max_body_size` (DISPATCH_MAX_BODY_BYTES): larger
bodies get 413 problem details before any of the body is decoded.
"""

from __future__ import annotations

import asyncio
import math
import time
from typing import Any

import msgspec
from redis.exceptions import RedisError

from api.problems import ProblemError
from service.state import keyspace
from service.state.apikeys import Principal
from service.state.lane import RedisLane

__all__ = ["RateLimiter", "TokenBucket", "too_many"]

_encode = msgspec.json.Encoder().encode


class TokenBucket:
    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, rate: float, capacity: float) -> None:
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.updated = time.monotonic()

    def take(self, now: float | None = None) -> float:
        """0 when a token was taken; otherwise the seconds until one is available."""
        now = time.monotonic() if now is None else now
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1 - 1e-9:  # refills are float sums; do not make a full token wait 1e-13 s
            self.tokens = max(self.tokens - 1, 0.0)
            return 0.0
        return (1 - self.tokens) / self.rate


def too_many(retry_after_s: float, detail: str) -> ProblemError:
    seconds = max(1, math.ceil(retry_after_s))
    return ProblemError(429, "Too many requests", f"{detail}; retry after {seconds} s",
                        headers={"Retry-After": str(seconds)})


class RateLimiter:
    """Per-key limits. `rps <= 0` turns limiting off."""

    def __init__(self, rps: float, burst: int, max_keys: int = 100_000) -> None:
        self.rps = rps
        self.burst = max(burst, 1)
        self.max_keys = max_keys
        self._buckets: dict[str, TokenBucket] = {}
        self.limited_total = 0

    @property
    def enabled(self) -> bool:
        return self.rps > 0

    def check_local(self, principal: Principal) -> None:
        if not self.enabled:
            return
        bucket = self._buckets.get(principal.key_id)
        if bucket is None:
            if len(self._buckets) >= self.max_keys:
                self._buckets.clear()  # keys are few; this only bounds memory against churn
            bucket = self._buckets[principal.key_id] = TokenBucket(self.rps, self.burst)
        wait = bucket.take()
        if wait:
            self.limited_total += 1
            raise too_many(wait, f"key {principal.key_id} exceeded {self.rps:g} requests/s")

    def window_key(self, principal: Principal, now: float | None = None) -> str | None:
        """The shared counter to INCR for this request, or None when limiting is off."""
        if not self.enabled:
            return None
        window = int(time.time() if now is None else now)
        return keyspace.rate_window(principal.jurisdiction, principal.key_id, window)

    def check_shared(self, principal: Principal, count: int | None) -> None:
        if count is not None and self.enabled and count > self.rps:
            self.limited_total += 1
            retry = 1 - (time.time() % 1)
            raise too_many(retry, f"key {principal.key_id} exceeded {self.rps:g} requests/s across replicas")

    async def count_shared(self, redis: Any, principal: Principal, timeout_s: float,
                           lane: RedisLane | None = None) -> int | None:
        """INCR the shared window (one round trip, on the lean connection when there is one: a unit
        feed's every batch counts here); None if Redis could not say in time (fail open)."""
        key = self.window_key(principal)
        if key is None:
            return None
        try:
            async with asyncio.timeout(timeout_s):
                if lane is not None:
                    count, _ = await lane.execute([["INCR", key], ["EXPIRE", key, 2]])
                else:
                    async with redis.pipeline(transaction=False) as pipe:
                        pipe.incr(key)
                        pipe.expire(key, 2)
                        count, _ = await pipe.execute()
            return int(count)
        except (RedisError, OSError, TimeoutError):
            return None
