"""Recording an outcome while Redis is down (service/state/durable_outcomes.py), on fakes of the
durable-writes port: no redis-server, the real store's logic."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from service.state import keyspace
from service.state.durable_outcomes import DurableOutcomeStore
from service.state.outcomes import OutcomeInvalid, OutcomeRequest
from service.state.recent import RecentRecommendations
from tests.support.fakes import FakeDurableWrites

J = "testville"
RID = "r_0123456789abcdef01234567"
NOW = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
ANSWER = msgspec.json.encode({
    "recommendation_id": RID, "incident_id": "2026-9", "seq": 2, "response": "crisis",
    "category": "crisis_team",
    "units": [{"unit_id": "CV-1", "eta_s": 300}, {"unit_id": "CV-2", "eta_s": 420}],
})


def _store(writer: FakeDurableWrites, *,
           redis_up: bool = False) -> tuple[DurableOutcomeStore, list[BaseException]]:
    recent = RecentRecommendations(size=10)
    recent.put(J, RID, ANSWER)
    errors: list[BaseException] = []
    # A client that is never connected: with Redis "down" the store must not touch it.
    store = DurableOutcomeStore(Redis(port=1), 3600, 1000, writer=writer, recent=recent,
                                redis_usable=lambda: redis_up, on_redis_error=errors.append)
    return store, errors


async def test_an_accept_during_an_outage_is_spooled_with_every_write_of_the_script() -> None:
    writer = FakeDurableWrites(redis_up=False)
    store, _ = _store(writer)
    out = await store.record(J, RID, OutcomeRequest("accepted"), "k_1", NOW)
    assert (out.revision, out.response, out.units) == (1, "crisis", ["CV-1", "CV-2"])
    assert out.incident_id == "2026-9" and out.seq == 2 and out.previous is None
    [(jurisdiction, kind, at_ms, commands)] = writer.spooled
    assert (jurisdiction, kind, at_ms) == (J, "outcome", int(NOW.timestamp() * 1000))
    assert [c[0] for c in commands] == ["hset", "expire", "xadd", "xadd"]
    key = keyspace.outcome(J, RID)
    assert commands[0][1][0] == key and commands[1][1] == (key, 3600)
    audit, events = commands[2], commands[3]
    assert audit[1][0] == keyspace.audit(J) and events[1][0] == keyspace.events(J)
    # The audit entry has the one shape every audit entry has (kind, id, at, data).
    fields = audit[1][1]
    assert set(fields) == {"kind", "id", "at", "data"} and fields["id"] == RID
    assert json.loads(fields["data"])["outcome"] == "accepted"


async def test_a_correction_during_the_outage_counts_from_the_last_one_recorded_here() -> None:
    writer = FakeDurableWrites(redis_up=False)
    store, _ = _store(writer)
    await store.record(J, RID, OutcomeRequest("accepted"), "k_1", NOW)
    req = OutcomeRequest("overridden", response="police", units=["P-9"], reason="safety_concern")
    out = await store.record(J, RID, req, "k_2", NOW + timedelta(minutes=1))
    assert out.revision == 2 and out.previous is not None and out.previous.outcome == "accepted"
    assert (out.response, out.units, out.recommended_response) == ("police", ["P-9"], "crisis")
    assert len(writer.spooled) == 2


async def test_an_answer_this_process_never_gave_is_not_acknowledged() -> None:
    writer = FakeDurableWrites(redis_up=False)
    store, _ = _store(writer)
    with pytest.raises(RedisConnectionError):
        await store.record(J, "r_ffffffffffffffffffffffff", OutcomeRequest("accepted"), "k_1", NOW)
    assert writer.spooled == []


async def test_an_invalid_override_is_refused_and_nothing_is_written() -> None:
    writer = FakeDurableWrites(redis_up=False)
    store, _ = _store(writer)
    with pytest.raises(OutcomeInvalid) as info:
        await store.record(J, RID, OutcomeRequest("overridden", response="police"), "k_1", NOW)
    assert [field for field, _ in info.value.errors] == ["reason"]
    assert writer.spooled == []


async def test_while_the_spool_holds_records_new_outcomes_queue_behind_them() -> None:
    # Redis is usable again but the spool is not yet replayed: writing past it would reorder the audit.
    writer = FakeDurableWrites(redis_up=True)
    writer.spooled.append((J, "recommendation", 0, []))
    store, errors = _store(writer, redis_up=True)
    await store.record(J, RID, OutcomeRequest("accepted"), "k_1", NOW)
    assert [r[1] for r in writer.spooled] == ["recommendation", "outcome"] and writer.stored == []
    assert errors == []
