"""Outcomes and field records are acknowledged only once a replica holds them (WAIT on the writing
connection, service/state/revised.py), against a real redis-server master and a real replica.

With the replica following, a record returns having been written through Redis (nothing spooled)
and the replica has it at that moment. With the replica stopped (SIGSTOP: still attached, never
confirming), the same write is not taken as stored: the plain store raises NotReplicated and the
durable store acknowledges only after spooling it; once the replica runs again, the spool's replay
(again with WAIT) brings the record to it."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from redis import Redis as SyncRedis
from redis.asyncio import Redis

from service.durability.durable_writer import DurableWriter
from service.durability.replicas import NotReplicated, ReplicaAck
from service.durability.spool import Spool
from service.programs.field import FieldRequest
from service.state import keyspace
from service.state.durable_outcomes import DurableOutcomeStore
from service.state.field import DurableFieldStore, FieldStore
from service.state.outcomes import OutcomeRequest, OutcomeStore
from service.state.recent import RecentRecommendations
from tests.support import RedisServer

J = "testville"
# WAIT's timeout while the replica is stopped (the test waits this long per write), and while it runs:
# generous, because on a loaded machine a healthy replica can take a while to confirm.
WAIT_MS = 300
HEALTHY_WAIT_MS = 10_000


@pytest.fixture(scope="module")
def pair() -> Iterator[tuple[RedisServer, RedisServer]]:
    master, replica = RedisServer().start(), RedisServer().start()
    try:
        SyncRedis(port=replica.port).replicaof("127.0.0.1", master.port)
        deadline = time.monotonic() + 30
        while SyncRedis(port=replica.port).info("replication").get("master_link_status") != "up":
            assert time.monotonic() < deadline, "the replica never synced"
            time.sleep(0.05)
        yield master, replica
    finally:
        for server in (replica, master):
            if server.proc is not None and server.proc.poll() is None:
                os.kill(server.proc.pid, signal.SIGCONT)
            server.kill()
            shutil.rmtree(server.dir, ignore_errors=True)


@pytest.fixture
async def master(pair: tuple[RedisServer, RedisServer]) -> AsyncIterator[Redis]:
    client = Redis(port=pair[0].port)
    await client.flushdb()
    yield client
    await client.aclose()


def _answer(rec_id: str) -> bytes:
    # What both kinds read of the stored answer (the outcome's and the field record's views).
    return msgspec.json.encode({
        "recommendation_id": rec_id, "incident_id": f"inc-{rec_id}", "seq": 1, "response": "crisis",
        "category": "crisis_team", "decided_at": datetime.now(UTC).isoformat(), "call_type": "WELFARE",
        "flags": [], "units": [{"unit_id": "CV-1", "eta_s": 300}],
    })


async def _given(master: Redis, recent: RecentRecommendations, rec_id: str) -> None:
    body = _answer(rec_id)
    await master.set(keyspace.recommendation(J, rec_id), body)
    recent.put(J, rec_id, body)


KINDS: dict[str, Any] = {
    "outcome": (OutcomeStore, DurableOutcomeStore, keyspace.outcome, lambda: OutcomeRequest("accepted")),
    "field": (FieldStore, DurableFieldStore, keyspace.field, lambda: FieldRequest(disposition="referred")),
}


def _revision(port: int, key: str) -> bytes | None:
    value: bytes | None = SyncRedis(port=port).hget(key, "revision")  # type: ignore[assignment]
    return value


@pytest.mark.parametrize("kind", sorted(KINDS))
async def test_acknowledged_only_once_the_replica_holds_it(
    kind: str, pair: tuple[RedisServer, RedisServer], master: Redis, tmp_path: Path
) -> None:
    plain_store, durable_store, key_of, request = KINDS[kind]
    replica_port = pair[1].port
    acks = ReplicaAck(minimum=1, timeout_ms=HEALTHY_WAIT_MS)
    spool = Spool(tmp_path / "spool")
    spool.open()
    writer = DurableWriter(master, spool, 2.0)
    recent = RecentRecommendations()
    errors: list[BaseException] = []
    store = durable_store(master, 3600, 1000, writer=writer, recent=recent, redis_usable=lambda: True,
                          on_redis_error=errors.append, acks=acks)
    try:
        # The replica follows: acknowledged through Redis, and the replica has it when the call returns.
        await _given(master, recent, "r_1")
        await store.record(J, "r_1", request(), "k_1", datetime.now(UTC))
        assert spool.pending == 0 and errors == []
        assert _revision(replica_port, key_of(J, "r_1")) == b"1"

        # The replica stops confirming (still attached: the master counts it as needed).
        os.kill(pair[1].proc.pid, signal.SIGSTOP)
        acks.timeout_ms = WAIT_MS
        try:
            await _given(master, recent, "r_2")
            plain = plain_store(master, 3600, 1000, acks=acks)
            started = time.monotonic()
            with pytest.raises(NotReplicated):
                await plain.record(J, "r_2", request(), "k_1", datetime.now(UTC))
            assert time.monotonic() - started >= WAIT_MS / 1000 * 0.9  # it waited for the replica
            await master.delete(key_of(J, "r_2"))  # as if the master had died with it

            await _given(master, recent, "r_3")
            await store.record(J, "r_3", request(), "k_1", datetime.now(UTC))
            # No replica confirmed it: spooled (fsync'ed) before it was acknowledged.
            assert spool.pending == 1
        finally:
            os.kill(pair[1].proc.pid, signal.SIGCONT)
            acks.timeout_ms = HEALTHY_WAIT_MS

        # Once the replica runs again, the spool's replay waits for it too, then lets the record go.
        deadline = time.monotonic() + 10
        while spool.pending:
            assert time.monotonic() < deadline, "the spool was never replayed"
            try:
                await spool.replay(master, acks=acks)
            except NotReplicated:
                await asyncio.sleep(0.05)
        assert _revision(replica_port, key_of(J, "r_3")) == b"1"
        audit = SyncRedis(port=replica_port).xrange(keyspace.audit(J))
        assert [fields[b"kind"] for _, fields in audit].count(kind.encode()) >= 2  # r_1 and r_3
    finally:
        spool.close()
