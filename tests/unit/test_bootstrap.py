"""The composition root wires Settings into every service, and the adapters and fakes meet the ports."""

from __future__ import annotations

from pathlib import Path

from redis.asyncio import Redis

from api.admission import Admission
from api.context import Services
from api.limits import RateLimiter
from service import bootstrap
from service.durability.durable_writer import DurableWriter
from service.durability.spool import Spool
from service.ports import DurableWrites, OutcomeRecords, UnitAvailability
from service.settings import Settings
from service.state.outcomes import OutcomeStore
from service.state.store import UnitStore
from tests.support.fakes import FakeDurableWrites, FakeOutcomeRecords, FakeUnitAvailability


def test_every_service_takes_its_setting(tmp_path: Path) -> None:
    settings = Settings(redis_url="redis://127.0.0.1:1/3", breaker_open_ms=250, spool_dir=str(tmp_path / "s"),
                        audit_maxlen=777, units_per_type=3, write_timeout_ms=400, recommendation_ttl_s=90,
                        redis_timeout_ms=20)
    core = bootstrap.build(settings)  # connects to nothing: port 1 is never dialled
    assert core.breaker.open_s == 0.25 and core.breaker.closed
    assert core.spool.dir == tmp_path / "s" and core.spool.audit_maxlen == 777
    assert core.units.units_per_type == 3 and core.units.lane is core.lane
    assert core.writer.timeout_s == 0.4
    assert core.writer.spool is core.spool and core.writer.redis is core.redis
    assert (core.outcomes.ttl_s, core.outcomes.audit_maxlen) == (90, 777)
    assert core.outcomes.writer is core.writer and core.outcomes.recent is core.recent
    assert core.redis.connection_pool.connection_kwargs["db"] == 3
    assert bootstrap.hot_path_timeout_s(settings) == 0.05  # never below 50 ms
    # The outcome store's Redis test follows the breaker the app shares.
    core.breaker.trip()
    assert core.outcomes.redis_usable() is False
    assert core.outcomes.acks is core.acks
    assert core.acks.minimum == settings.outcome_min_replicas
    assert core.acks.timeout_ms == settings.outcome_wait_ms
    ctx = Services.from_core(core, RateLimiter(settings.rate_limit_rps, settings.rate_limit_burst),
                             Admission(settings.max_in_flight, settings.latency_objective_ms / 2000))
    assert ctx.breaker is core.breaker and ctx.outcomes is core.outcomes and ctx.spool is core.spool
    assert ctx.acks is core.acks


def test_adapters_and_fakes_implement_the_ports(tmp_path: Path) -> None:
    redis = Redis(port=1)
    assert isinstance(UnitStore(redis), UnitAvailability)
    assert isinstance(FakeUnitAvailability(), UnitAvailability)
    assert isinstance(OutcomeStore(redis, 60, 100), OutcomeRecords)
    assert isinstance(FakeOutcomeRecords(), OutcomeRecords)
    assert isinstance(DurableWriter(redis, Spool(tmp_path), 1.0), DurableWrites)
    assert isinstance(FakeDurableWrites(), DurableWrites)
