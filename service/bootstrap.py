"""The composition root: Settings in, the process's services out, each built once and wired here.

Everything a process needs to serve calls is made by `build(settings)`: the pooled Redis client, the
lean hot-path connection (service/state/lane.py), the unit store, the in-memory policy cache and key
ring, the breaker, the durable spool and writer, the outcome store and the recent answers. The
batched write-behind of answers is made from these by api/calls.py:answer_writer, which reports its
events to the metrics. The HTTP app (api/app.py), the CLI (service/cli/) and the tests all build
from here, so a setting means the same thing everywhere and no component carries a default that
contradicts Settings. Nothing here connects: connections open on first use, so building is cheap and
cannot fail on a down Redis.

The web layer adds only what is its own (rate limits, request-scoped state) on top: api/context.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

from service.durability.breaker import Breaker
from service.durability.durable_writer import DurableWriter
from service.durability.replicas import ReplicaAck
from service.durability.spool import Spool
from service.settings import Settings
from service.state.apikeys import KeyRing
from service.state.connect import redis_client, redis_lane
from service.state.durable_outcomes import DurableOutcomeStore
from service.state.field import DurableFieldStore
from service.state.lane import RedisLane
from service.state.policies import PolicyCache
from service.state.recent import RecentRecommendations
from service.state.store import UnitStore

__all__ = ["Core", "build", "cli_redis", "hot_path_timeout_s"]

# Enough for the requests one process has in flight at its admission limit; more would only queue in Redis.
POOL_CONNECTIONS = 64


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
    acks: ReplicaAck  # replicas that must confirm an outcome before it is acknowledged
    field_records: DurableFieldStore  # what happened in the field, durable as outcomes are

    async def close(self) -> None:
        """Close the connections (the spool is closed by its owner, after its last replay)."""
        self.lane.close()
        await self.redis.aclose()
        await self.redis.connection_pool.aclose()


def build(settings: Settings) -> Core:
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
    outcomes = DurableOutcomeStore(redis, settings.recommendation_ttl_s, settings.audit_maxlen, writer=writer,
                                   recent=recent, redis_usable=lambda: breaker.closed,
                                   on_redis_error=lambda _exc: breaker.fail(), acks=acks)
    return Core(settings, redis, lane, UnitStore(redis, settings.units_per_type, lane=lane), PolicyCache(),
                KeyRing(), breaker, spool, writer, recent, outcomes, acks,
                DurableFieldStore(redis, settings.recommendation_ttl_s, settings.audit_maxlen, writer=writer,
                                  recent=recent, redis_usable=lambda: breaker.closed,
                                  on_redis_error=lambda _exc: breaker.fail()))


def cli_redis(settings: Settings, *, socket_timeout: float | None = 5.0) -> Redis:
    """A plain client for one command-line run (no pool sizing, no hot-path timeouts); None waits as
    long as a reply takes (the demo's feed)."""
    return redis_client(settings.redis_url, socket_connect_timeout=2, socket_timeout=socket_timeout)
