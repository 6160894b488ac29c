"""What handlers share within one process: the services service/bootstrap.py builds from Settings, plus
the web layer's own (rate limits, tasks that run after the response)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from litestar import Request
from redis.asyncio import Redis

from api.admission import Admission
from api.gate import PRINCIPAL
from api.limits import RateLimiter
from service.bootstrap import Core
from service.durability.breaker import Breaker
from service.durability.durable_writer import DurableWriter
from service.durability.replicas import ReplicaAck
from service.durability.spool import Spool
from service.durability.write_behind import WriteBehind
from service.settings import Settings
from service.state.apikeys import KeyRing, Principal
from service.state.durable_outcomes import DurableOutcomeStore
from service.state.event_hub import EventHub
from service.state.field import DurableFieldStore
from service.state.policies import PolicyCache
from service.state.recent import RecentRecommendations
from service.state.store import UnitStore
from service.usecases.recommend_call import CallDesk
from service.usecases.record_answers import AnswerDesk

__all__ = ["Breaker", "Services", "caller", "services"]

log = logging.getLogger("dispatch.api")


@dataclass
class Services:
    """Built by `from_core` only: every component comes from the composition root, so none carries a
    default of its own that could contradict Settings."""

    settings: Settings
    redis: Redis
    units: UnitStore
    policies: PolicyCache
    keyring: KeyRing
    breaker: Breaker
    # Outage safety (docs/security.md): the local durable spool, the writer that falls back to it,
    # outcomes recorded through it, and the answers this process gave (for outcomes during an outage).
    spool: Spool
    writer: DurableWriter
    outcomes: DurableOutcomeStore
    recent: RecentRecommendations
    # Per-key abuse limits (api/limits.py): the web layer's own.
    limiter: RateLimiter
    # Calls in flight and each jurisdiction's share of them (api/admission.py, used by api/gate.py).
    admission: Admission
    # How many Redis replicas must confirm an outcome (service/durability/replicas.py); the health
    # poll keeps `attached` current from the master's ROLE. The same object the outcome store uses.
    acks: ReplicaAck
    # Field records (arrival, backup, transfers), durable as outcomes are (service/state/field.py).
    field_records: DurableFieldStore
    # Batched write-behind of answers over the lean connection (service/durability/write_behind.py).
    write_behind: WriteBehind
    # The use cases the handlers call in one line, and the consoles' event hub.
    calls: CallDesk
    answers: AnswerDesk
    events: EventHub
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    redis_ok: bool = False

    @classmethod
    def from_core(cls, core: Core, limiter: RateLimiter, admission: Admission) -> Services:
        return cls(core.settings, core.redis, core.units, core.policies, core.keyring, core.breaker,
                   core.spool, core.writer, core.outcomes, core.recent, limiter, admission, core.acks,
                   core.field_records, core.write_behind, core.calls, core.answers, core.events)

    def settled(self) -> bool:
        """No write-behind work left in this process (tests and shutdown wait for this)."""
        return not self.tasks and self.write_behind.idle

    def spawn(self, coro: Any) -> None:
        """Run work after the response without letting the task be garbage-collected."""
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


def services(request: Request[Any, Any, Any]) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def caller(request: Request[Any, Any, Any]) -> tuple[Services, Principal]:
    """The services and the key the gate (api/gate.py) authenticated for this request. Only routes
    that declare a scope in their opt (`opt=guarded(...)`) have one."""
    principal: Principal = request.scope["state"][PRINCIPAL]  # type: ignore[typeddict-item]
    return services(request), principal
