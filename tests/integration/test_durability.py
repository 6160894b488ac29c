"""Nothing acknowledged is lost: outcomes survive SIGKILL of redis-server (AOF, deploy/redis/redis.conf),
and outcomes and recommendations given while Redis is down reach it, in order, once it is back."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from redis import Redis as SyncRedis
from redis.asyncio import Redis

from api.app import create_app
from service.state import keyspace
from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support import DATA, ROOT, RedisServer, auth, call_body, drain, make_settings, unit

CONF = ROOT / "deploy" / "redis" / "redis.conf"


class ConfiguredRedis(RedisServer):
    """redis-server started with the deployment's own configuration file."""

    def command(self) -> list[str]:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        return [binary, str(CONF), "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir]


@pytest.fixture
async def aof_redis() -> AsyncIterator[ConfiguredRedis]:
    server = ConfiguredRedis().start()
    try:
        yield server
    finally:
        server.kill()
        shutil.rmtree(server.dir, ignore_errors=True)


async def _setup(redis: Redis, client: AsyncTestClient) -> dict[str, str]:  # type: ignore[type-arg]
    await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="test")
    k = {"cad": await create_key(redis, "testville", ["cad:write"]),
         "units": await create_key(redis, "testville", ["units:write"]),
         "console": await create_key(redis, "testville", ["console:read", "console:write"])}
    ctx = client.app.state.services
    await ctx.policies.refresh(redis)
    await ctx.keyring.refresh(redis)
    r = await client.post("/v1/units", json={"units": [unit("P-1", "police", 39.74, -104.99)]},
                          headers=auth(k["units"]))
    assert r.status_code == 200
    return k


async def _recommend(client: AsyncTestClient, k: dict[str, str], n: int, prefix: str) -> list[str]:  # type: ignore[type-arg]
    ids = []
    for i in range(n):
        r = await client.post("/v1/calls", json=call_body(f"{prefix}-{i}"), headers=auth(k["cad"]))
        assert r.status_code == 200, r.text
        ids.append(r.json()["recommendation_id"])
    await drain(client)
    return ids


def _config(server: RedisServer) -> dict[str, str]:
    sync = SyncRedis(port=server.port)
    try:
        return {k: str(v) for k, v in sync.config_get("append*").items()}  # type: ignore[union-attr]
    finally:
        sync.close()


async def test_acknowledged_outcomes_survive_sigkill_of_redis(aof_redis: ConfiguredRedis,
                                                                tmp_path: Path) -> None:
    assert _config(aof_redis)["appendfsync"] == "always" and _config(aof_redis)["appendonly"] == "yes"
    n = 100
    redis = Redis.from_url(aof_redis.url)
    app = create_app(make_settings(aof_redis.url, spool_dir=str(tmp_path / "spool")))
    async with AsyncTestClient(app=app) as client:
        k = await _setup(redis, client)
        rec_ids = await _recommend(client, k, n, "aof")
        acked = []
        for rid in rec_ids:
            r = await client.post(f"/v1/recommendations/{rid}/outcome", json={"outcome": "accepted"},
                                  headers=auth(k["console"]))
            assert r.status_code == 200, r.text
            acked.append(rid)
        # Every outcome went straight to Redis (nothing waited in the spool).
        assert client.app.state.services.spool.pending == 0
    await redis.aclose()

    aof_redis.kill()  # SIGKILL: no shutdown save, no final fsync
    aof_redis.start()  # same port, same directory: Redis loads the AOF
    redis = Redis.from_url(aof_redis.url)
    try:
        for rid in acked:
            data = await redis.hget(keyspace.outcome("testville", rid), "data")  # type: ignore[misc]
            assert data is not None, f"outcome of {rid} lost"
            assert json.loads(data)["outcome"] == "accepted"
        audit = await redis.xrange(keyspace.audit("testville"))
        outcomes = [json.loads(f[b"data"])["recommendation_id"] for _, f in audit if f[b"kind"] == b"outcome"]
        assert outcomes == acked  # all N, in the order they were acknowledged
        recs = [f[b"id"].decode() for _, f in audit if f[b"kind"] == b"recommendation"]
        assert recs == rec_ids
    finally:
        await redis.aclose()


async def test_outcomes_and_answers_during_an_outage_are_spooled_then_replayed_in_order(
    aof_redis: ConfiguredRedis, tmp_path: Path
) -> None:
    spool_dir = tmp_path / "spool"
    redis = Redis.from_url(aof_redis.url)
    settings = make_settings(aof_redis.url, spool_dir=str(spool_dir), policy_poll_s=0.1, breaker_open_ms=300)
    app = create_app(settings)
    async with AsyncTestClient(app=app) as client:
        ctx = client.app.state.services
        k = await _setup(redis, client)
        before = await _recommend(client, k, 10, "pre")

        aof_redis.kill()
        # Answers keep coming (degraded), and outcomes for answers this process gave are acknowledged
        # only once fsync'ed to the local spool.
        during = []
        for i in range(10):
            r = await client.post("/v1/calls", json=call_body(f"out-{i}"), headers=auth(k["cad"]))
            assert r.status_code == 200 and r.json()["degraded"] is True
            during.append(r.json()["recommendation_id"])
        await drain(client)
        acked: list[tuple[str, str]] = []
        started = time.perf_counter()
        for i, rid in enumerate(before + during):
            body: dict[str, Any] = {"outcome": "accepted"} if i % 2 == 0 else \
                {"outcome": "overridden", "response": "police", "units": ["P-9"], "reason": "unit_closer"}
            r = await client.post(f"/v1/recommendations/{rid}/outcome", json=body, headers=auth(k["console"]))
            assert r.status_code == 200, r.text
            acked.append((rid, body["outcome"]))
        ack_ms = (time.perf_counter() - started) * 1000 / len(acked)
        # An outcome for a recommendation this process never gave cannot be checked: not acknowledged.
        r = await client.post("/v1/recommendations/r_0123456789abcdef01234567/outcome",
                              json={"outcome": "accepted"}, headers=auth(k["console"]))
        assert r.status_code == 503 and r.headers["content-type"].startswith("application/problem+json")
        spooled = ctx.spool.pending
        metrics = (await client.get("/metrics")).text  # what an SRE sees during the outage
        assert f"dispatch_spool_pending {float(spooled)}" in metrics
        assert spooled >= len(acked) + len(during)
        files = list(spool_dir.glob("spool-*.jsonl"))
        assert files and sum(len(f.read_bytes().splitlines()) for f in files) >= len(acked)

        aof_redis.start()
        await redis.aclose()
        redis = Redis.from_url(aof_redis.url)  # this test's own connection died with the old process
        replay_started = time.perf_counter()
        for _ in range(100):
            if ctx.spool.pending == 0:
                break
            await asyncio.sleep(0.1)
        replay_s = time.perf_counter() - replay_started
        assert ctx.spool.pending == 0, "spool not replayed within 10 s"
        print(f"\noutage spool: {spooled} records, ack {ack_ms:.2f} ms/outcome, "
              f"replayed within {replay_s:.2f} s")

        audit = await redis.xrange(keyspace.audit("testville"))
        # Spooled or written by the Redis script, an outcome's audit entry has the same fields.
        assert {frozenset(f) for _, f in audit if f[b"kind"] == b"outcome"} == {
            frozenset({b"kind", b"id", b"at", b"data"})}
        outcome_ids = [(json.loads(f[b"data"])["recommendation_id"], json.loads(f[b"data"])["outcome"])
                       for _, f in audit if f[b"kind"] == b"outcome"]
        assert outcome_ids == acked  # every acknowledged outcome, in order, once
        rec_ids = [f[b"id"].decode() for _, f in audit if f[b"kind"] == b"recommendation"]
        assert rec_ids == before + during  # degraded answers are audited too, in order
        for rid, outcome in acked:
            got = await client.get(f"/v1/recommendations/{rid}/outcome", headers=auth(k["console"]))
            assert got.status_code == 200 and got.json()["outcome"] == outcome
        # A degraded answer is stored, so a CAD retry of it gets the same answer back.
        again = await client.post("/v1/calls", json=call_body("out-3"), headers=auth(k["cad"]))
        assert again.json()["recommendation_id"] == during[3] and again.json()["degraded"] is True
    await redis.aclose()
    assert not list(spool_dir.glob("spool-*.jsonl"))  # emptied and removed on a clean stop
