"""The composition root: Settings in, the process's services out, each built once and wired here.

Everything a process needs to serve calls is made by `build(settings)`: the pooled Redis client, the
lean hot-path connection (service/state/lane.py), the unit store, the in-memory policy cache and key
ring, the breaker, the durable spool and writer, the batched write-behind of answers, the outcome and
field-record stores, the recent answers, the console's event hub, and the two use cases the handlers
call in one line (CallDesk for POST /v1/calls, AnswerDesk for a dispatcher's answers). The HTTP app
(api/app.py), the CLI (service/cli/) and the tests all build from here, so a setting means the same
thing everywhere and no component carries a default that contradicts Settings. Nothing here
connects: connections open on first use, so building is cheap and cannot fail on a down Redis.

The web layer hands in what is its own and nothing else: where the services report what operators
watch (`Observer`: its metrics) and the per-key rate window (`RateWindow`: api/limits.py), whose
refusal is an HTTP answer. Without them (the CLI, a test) nothing is reported and nothing limited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis

from service.domain.model import CallEvent, Recommendation
from service.durability.breaker import Breaker
from service.durability.durable_writer import DurableWriter
from service.durability.replicas import ReplicaAck
from service.durability.spool import Spool
from service.durability.write_behind import WriteBehind
from service.policy.compile import CompiledPolicy
from service.settings import Settings
from service.state.apikeys import KeyRing, Principal
from service.state.connect import redis_client, redis_lane
from service.state.durable_outcomes import DurableOutcomeStore
from service.state.event_hub import EventHub
from service.state.field import DurableFieldStore
from service.state.lane import RedisLane
from service.state.policies import PolicyCache
from service.state.recent import RecentRecommendations
from service.state.store import UnitStore
from service.usecases.recommend_call import CallDesk, CallObserver
from service.usecases.record_answers import AnswerDesk

__all__ = ["Core", "Observer", "RateWindow", "build", "cli_redis", "hot_path_timeout_s", "subscriber_redis"]

log = logging.getLogger("dispatch.calls")  # the answers' write-behind reports under the calls' name

# Enough for the requests one process has in flight at its admission limit; more would only queue in Redis.
POOL_CONNECTIONS = 64


class Observer(CallObserver, Protocol):
    """Where the services report what operators watch; the app's metrics implement it
    (api/metrics/observer.py)."""

    def answered(self, jurisdiction: str, rec: Recommendation) -> None:
        """A recommendation re-decided on a dispatcher's answers."""
        ...

    def answers_stored(self, seconds: float) -> None:
        """One write-behind batch reached Redis, in `seconds`."""
        ...

    def answers_failed(self, exc: BaseException) -> None:
        """A write-behind batch failed (it is spooled)."""
        ...


class RateWindow(Protocol):
    """The key's rate window shared by every replica: counted in the hot path's one read."""

    def window_key(self, principal: Principal) -> str | None: ...

    def check_shared(self, principal: Principal, count: int | None) -> None: ...


class _Unobserved:
    def read(self, seconds: float) -> None: ...
    def read_failed(self, exc: BaseException) -> None: ...
    def recommended(self, jurisdiction: str, policy: CompiledPolicy, call: CallEvent,
                    rec: Recommendation) -> None: ...
    def conflict(self, jurisdiction: str) -> None: ...
    def answered(self, jurisdiction: str, rec: Recommendation) -> None: ...
    def answers_stored(self, seconds: float) -> None: ...
    def answers_failed(self, exc: BaseException) -> None: ...


class _Unlimited:
    def window_key(self, principal: Principal) -> str | None:
        return None

    def check_shared(self, principal: Principal, count: int | None) -> None:
        return None


def hot_path_timeout_s(settings: Settings) -> float:
    """How long the hot path waits for Redis (connect, pool checkout) before answering degraded."""
    return max(settings.redis_timeout_ms / 1000, 0.05)


@dataclass(frozen=True)
class Core:
    """One process's services (frozen: the wiring does not change after start-up; their state does)."""

    settings: Settings
    redis: Redis  # pooled: everything but the hot path's read and the answers' writes
    lane: RedisLane  # the hot path: one lean pipelined connection
    units: UnitStore
    policies: PolicyCache
    keyring: KeyRing
    breaker: Breaker
    spool: Spool
    writer: DurableWriter
    recent: RecentRecommendations
    outcomes: DurableOutcomeStore
    acks: ReplicaAck  # replicas that must confirm an outcome or a field record before it is acknowledged
    field_records: DurableFieldStore  # what happened in the field, durable as outcomes are
    write_behind: WriteBehind  # the answers' writes, batched after the response
    calls: CallDesk  # POST /v1/calls
    answers: AnswerDesk  # a dispatcher's screening answers; an incident's view
    events: EventHub  # the consoles' live stream (opened and closed by the app's events lifespan)

    async def close(self) -> None:
        """Close the connections (the spool is closed by its owner, after its last replay)."""
        self.lane.close()
        await self.redis.aclose()
        await self.redis.connection_pool.aclose()


def _answer_writer(settings: Settings, lane: RedisLane, spool: Spool, breaker: Breaker,
                   observer: Observer) -> WriteBehind:
    def spooled(count: int, lost: int) -> None:
        if count:
            log.warning("%d recommendation(s) spooled until redis is back", count)
        if lost:
            log.error("%d recommendation(s) neither stored nor spooled: audit entries lost", lost)

    def failed(exc: BaseException) -> None:
        observer.answers_failed(exc)
        breaker.fail()

    return WriteBehind(lane, spool, settings.write_timeout_ms / 1000, usable=lambda: breaker.closed,
                       linger_s=settings.write_linger_ms / 1000,
                       on_stored=lambda _count, seconds: observer.answers_stored(seconds),
                       on_spooled=spooled, on_error=failed)


def build(settings: Settings, *, observer: Observer | None = None, limits: RateWindow | None = None) -> Core:
    observer = observer or _Unobserved()
    limits = limits or _Unlimited()
    timeout = hot_path_timeout_s(settings)
    # One Redis, or the master found through Sentinels (service/state/connect.py reads the URL).
    redis = redis_client(settings.redis_url, max_connections=POOL_CONNECTIONS, pool_timeout=timeout,
                         socket_timeout=1.0, socket_connect_timeout=timeout)
    lane = redis_lane(settings.redis_url, connect_timeout_s=timeout)
    acks = ReplicaAck(settings.outcome_min_replicas, settings.outcome_wait_ms)
    breaker = Breaker(settings.breaker_open_ms)
    spool = Spool(settings.spool_dir, settings.audit_maxlen)
    writer = DurableWriter(redis, spool, settings.write_timeout_ms / 1000)
    recent = RecentRecommendations()
    units = UnitStore(redis, settings.units_per_type, lane=lane)
    policies = PolicyCache()
    ttl_s, audit_maxlen = settings.recommendation_ttl_s, settings.audit_maxlen

    def redis_usable() -> bool:
        return breaker.closed

    def redis_failed(_exc: BaseException) -> None:
        breaker.fail()

    outcomes = DurableOutcomeStore(redis, ttl_s, audit_maxlen, writer=writer, recent=recent,
                                   redis_usable=redis_usable, on_redis_error=redis_failed, acks=acks)
    field_records = DurableFieldStore(redis, ttl_s, audit_maxlen, writer=writer, recent=recent,
                                      redis_usable=redis_usable, on_redis_error=redis_failed, acks=acks)
    write_behind = _answer_writer(settings, lane, spool, breaker, observer)
    calls = CallDesk(policies=policies.get, units=units, circuit=breaker, writer=write_behind,
                     remember=recent.put, recalled=recent.get, observer=observer,
                     rate_key=limits.window_key, check_rate=limits.check_shared,
                     redis_timeout_s=settings.redis_timeout_ms / 1000, ttl_s=ttl_s, audit_maxlen=audit_maxlen)
    answers = AnswerDesk(redis=redis, units=units, policies=policies.get, remember=recent.put,
                         recommended=observer.answered, ttl_s=ttl_s, audit_maxlen=audit_maxlen)
    return Core(settings, redis, lane, units, policies, KeyRing(), breaker, spool, writer, recent, outcomes,
                acks, field_records, write_behind, calls, answers, EventHub(settings.redis_url))


def cli_redis(settings: Settings, *, socket_timeout: float | None = 5.0) -> Redis:
    """A plain client for one command-line run (no pool sizing, no hot-path timeouts); None waits as
    long as a reply takes (the demo's feed)."""
    return redis_client(settings.redis_url, socket_connect_timeout=2, socket_timeout=socket_timeout)


def subscriber_redis(settings: Settings) -> Redis:
    """A client for a Pub/Sub subscriber: it blocks on reads, so the pool's short socket timeout
    would cut it off."""
    return redis_client(settings.redis_url, socket_connect_timeout=1.0)
