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
    # Outcomes and field records: one fallback mechanism each, wired to the same writer and answers.
    for store in (core.outcomes, core.field_records):
        assert (store.ttl_s, store.audit_maxlen) == (90, 777)
        assert store.fallback.writer is core.writer and store.fallback.recent is core.recent
        assert store.fallback.store is store
    assert core.redis.connection_pool.connection_kwargs["db"] == 3
    assert bootstrap.hot_path_timeout_s(settings) == 0.05  # never below 50 ms
    # The outcome store's Redis test follows the breaker the app shares.
    core.breaker.trip()
    assert core.outcomes.fallback.redis_usable() is False
    assert core.field_records.fallback.redis_usable() is False
    # Both wait for the same replicas before acknowledging.
    assert core.outcomes.acks is core.acks and core.field_records.acks is core.acks
    assert core.acks.minimum == settings.outcome_min_replicas
    assert core.acks.timeout_ms == settings.outcome_wait_ms
    ctx = Services.from_core(core, RateLimiter(settings.rate_limit_rps, settings.rate_limit_burst),
                             Admission(settings.max_in_flight, settings.latency_objective_ms / 2000))
    assert ctx.breaker is core.breaker and ctx.outcomes is core.outcomes and ctx.spool is core.spool
    assert ctx.acks is core.acks
    assert (ctx.write_behind, ctx.calls, ctx.answers, ctx.events) == (
        core.write_behind, core.calls, core.answers, core.events)


class _Seen:
    """A recording Observer and RateWindow: what the root wired in is what the services call."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def read(self, seconds: float) -> None: self.events.append(("read", seconds))
    def read_failed(self, exc: BaseException) -> None: self.events.append(("read_failed", exc))
    def recommended(self, jurisdiction: str, policy: object, call: object, rec: object) -> None:
        self.events.append(("recommended", jurisdiction))
    def conflict(self, jurisdiction: str) -> None: self.events.append(("conflict", jurisdiction))
    def answered(self, jurisdiction: str, rec: object) -> None: self.events.append(("answered", jurisdiction))
    def answers_stored(self, seconds: float) -> None: self.events.append(("stored", seconds))
    def answers_failed(self, exc: BaseException) -> None: self.events.append(("failed", exc))
    def window_key(self, principal: object) -> str | None: return "window"
    def check_shared(self, principal: object, count: int | None) -> None: self.events.append(("rate", count))


def test_the_use_cases_and_the_write_behind_are_wired_by_the_root(tmp_path: Path) -> None:
    settings = Settings(redis_url="redis://127.0.0.1:1/0", spool_dir=str(tmp_path / "s"),
                        write_timeout_ms=300, write_linger_ms=4, redis_timeout_ms=70, recommendation_ttl_s=90,
                        audit_maxlen=777)
    seen = _Seen()
    core = bootstrap.build(settings, observer=seen, limits=seen)  # type: ignore[arg-type]
    wb = core.write_behind
    assert wb.lane is core.lane and wb.spool is core.spool
    assert (wb.timeout_s, wb.linger_s) == (0.3, 0.004)
    desk = core.calls
    assert desk.writer is wb and desk.units is core.units and desk.circuit is core.breaker
    assert desk.observer is seen and desk.rate_key(None) == "window"  # type: ignore[arg-type]
    assert (desk.redis_timeout_s, desk.ttl_s, desk.audit_maxlen) == (0.07, 90, 777)
    assert core.answers.redis is core.redis and core.answers.units is core.units
    assert (core.answers.ttl_s, core.answers.audit_maxlen) == (90, 777)
    # The write-behind's reports reach the observer, and a failed batch counts against the breaker.
    assert wb.on_stored is not None and wb.on_error is not None
    wb.on_stored(3, 0.002)
    before = core.breaker.failures
    wb.on_error(ConnectionError("down"))
    assert core.breaker.failures == before + 1
    assert [name for name, _ in seen.events] == ["stored", "failed"]
    # Without the web layer's adapters (the CLI, a test) nothing is reported or limited.
    quiet = bootstrap.build(settings)
    assert quiet.calls.rate_key(None) is None  # type: ignore[arg-type]
    assert core.events is not quiet.events


def test_adapters_and_fakes_implement_the_ports(tmp_path: Path) -> None:
    redis = Redis(port=1)
    assert isinstance(UnitStore(redis), UnitAvailability)
    assert isinstance(FakeUnitAvailability(), UnitAvailability)
    assert isinstance(OutcomeStore(redis, 60, 100), OutcomeRecords)
    assert isinstance(FakeOutcomeRecords(), OutcomeRecords)
    assert isinstance(DurableWriter(redis, Spool(tmp_path), 1.0), DurableWrites)
    assert isinstance(FakeDurableWrites(), DurableWrites)
