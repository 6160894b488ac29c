"""What handlers share within one process: Redis, the unit store, policies, keys, the breaker."""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from litestar import Request
from redis.asyncio import Redis

from api.limits import RateLimiter
from api.problems import ProblemError
from service.durability.replicas import ReplicaAck
from service.durability.spool import Spool
from service.durability.write_behind import WriteBehind
from service.settings import Settings
from service.state.apikeys import KeyRing, Principal
from service.state.audit import DurableWriter, RecentRecommendations
from service.state.policies import PolicyCache
from service.state.store import UnitStore

__all__ = ["Breaker", "Services", "authorize", "services"]

log = logging.getLogger("dispatch.api")


class Breaker:
    """Circuit breaker for Redis: after repeated failures, answer from policy alone for a while
    instead of making every call wait out a timeout.

    One slow read under load only degrades that call; it takes `threshold` failures in a row (or
    the health probe failing) to open, so a blip does not turn into a second of degraded answers."""

    def __init__(self, open_ms: int, threshold: int = 3) -> None:
        self.open_s = open_ms / 1000
        self.threshold = threshold
        self.open_until = 0.0
        self.failures = 0
        self.consecutive = 0

    @property
    def closed(self) -> bool:
        return time.monotonic() >= self.open_until

    def fail(self) -> None:
        self.failures += 1
        self.consecutive += 1
        if self.consecutive >= self.threshold:
            self.open_until = time.monotonic() + self.open_s

    def trip(self) -> None:
        """Open at once: the health probe found Redis unreachable."""
        self.failures += 1
        self.consecutive = self.threshold
        self.open_until = time.monotonic() + self.open_s

    def succeed(self) -> None:
        self.consecutive = 0
        self.open_until = 0.0


@dataclass
class Services:
    settings: Settings
    redis: Redis
    units: UnitStore
    policies: PolicyCache = field(default_factory=PolicyCache)
    keyring: KeyRing = field(default_factory=KeyRing)
    breaker: Breaker = field(default_factory=lambda: Breaker(1000))
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    redis_ok: bool = False
    # Outage safety and abuse limits (docs/security.md): the local durable spool and per-key limits.
    spool: Spool = field(default_factory=lambda: Spool(".run/spool"))
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter(0, 1))
    # Recommendations this process gave, so outcomes for them can be spooled while Redis is down.
    recent: RecentRecommendations = field(default_factory=RecentRecommendations)
    # Batched write-behind of answers over the lean connection (service/durability/write_behind.py);
    # set by the
    # app's lifespan, which needs the rest of this object to build it.
    write_behind: WriteBehind | None = None
    # How many Redis replicas must confirm an outcome (service/durability/replicas.py); the health
    # poll keeps `attached` current from the master's ROLE.
    acks: ReplicaAck = field(default_factory=ReplicaAck)

    @functools.cached_property
    def writer(self) -> DurableWriter:
        """Durable writes: Redis when it answers in time, else the spool; see service/state/audit.py."""
        return DurableWriter(self.redis, self.spool, self.settings.write_timeout_ms / 1000)

    def settled(self) -> bool:
        """No write-behind work left in this process (tests and shutdown wait for this)."""
        return not self.tasks and (self.write_behind is None or self.write_behind.idle)

    def spawn(self, coro: Any) -> None:
        """Run work after the response without letting the task be garbage-collected."""
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


def services(request: Request[Any, Any, Any]) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def authorize(request: Request[Any, Any, Any], scope: str) -> tuple[Services, Principal]:
    ctx = services(request)
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key:
        raise ProblemError(
            401,
            "Unauthorized",
            "send 'Authorization: Bearer <API key>'",
            headers={"WWW-Authenticate": 'Bearer realm="dispatch-assist"'},
        )
    principal = ctx.keyring.authenticate(key.strip())
    if principal is None:
        raise ProblemError(
            401,
            "Unauthorized",
            "unknown or revoked API key",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    if scope not in principal.scopes:
        raise ProblemError(403, "Forbidden", f"this key lacks the {scope} scope")
    return ctx, principal
