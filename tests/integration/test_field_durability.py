"""Field records are durable like outcomes: acknowledged during a Redis outage only once fsync'ed to
the local spool, then replayed into Redis, in order, with their audit entries (real redis-server,
killed and restarted)."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from api.app import create_app
from service.state import keyspace
from tests.support import RedisServer, make_settings
from tests.support.programs import auth, call, settle, setup_testville, unit


@pytest.fixture
async def aof_redis() -> AsyncIterator[RedisServer]:
    server = RedisServer(appendonly=True).start()
    try:
        yield server
    finally:
        server.kill()
        shutil.rmtree(server.dir, ignore_errors=True)


async def test_field_records_during_an_outage_are_spooled_then_replayed(
    aof_redis: RedisServer, tmp_path: Path
) -> None:
    redis = Redis.from_url(aof_redis.url)
    settings = make_settings(
        aof_redis.url, spool_dir=str(tmp_path / "spool"), policy_poll_s=0.1, breaker_open_ms=300
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        ctx = client.app.state.services
        k = await setup_testville(redis, client)
        now = datetime.now(UTC).isoformat()
        r = await client.post(
            "/v1/units", json={"units": [unit("O-1", "outreach", now)]}, headers=auth(k["units"])
        )
        assert r.status_code == 200
        rids = []
        for i in range(6):
            r = await client.post("/v1/calls", json=call(f"dur-{i}", "TRESPASS"), headers=auth(k["cad"]))
            assert r.status_code == 200, r.text
            rids.append(r.json()["recommendation_id"])
        await settle(client)
        # One record before the outage, corrected during it.
        first = {"disposition": "referred"}
        r = await client.post(f"/v1/recommendations/{rids[0]}/field", json=first, headers=auth(k["console"]))
        assert r.status_code == 200 and r.json()["revision"] == 1

        aof_redis.kill()
        acked = []
        for i, rid in enumerate(rids):
            body = {"arrived_at": datetime.now(UTC).isoformat(), "backup_requested": i % 2 == 0}
            if i % 2 == 0:
                body["backup_reason"] = "scene_unsafe"
            r = await client.post(f"/v1/recommendations/{rid}/field", json=body, headers=auth(k["console"]))
            assert r.status_code == 200, r.text
            acked.append((rid, r.json()["revision"]))
        assert acked[0][1] == 2  # the correction counts from the revision this process recorded
        # A record for a recommendation this process never gave cannot be checked: not acknowledged.
        r = await client.post(
            "/v1/recommendations/r_0123456789abcdef01234567/field", json=first, headers=auth(k["console"])
        )
        assert r.status_code == 503 and r.headers["content-type"].startswith("application/problem+json")
        assert ctx.spool.pending >= len(acked)

        aof_redis.start()
        await redis.aclose()
        redis = Redis.from_url(aof_redis.url)
        for _ in range(100):
            if ctx.spool.pending == 0:
                break
            await asyncio.sleep(0.1)
        assert ctx.spool.pending == 0, "spool not replayed within 10 s"
        audit = await redis.xrange(keyspace.audit("testville"))
        fields = [json.loads(f[b"data"]) for _, f in audit if f[b"kind"] == b"field"]
        assert [(f["recommendation_id"], f["revision"]) for f in fields] == [(rids[0], 1), *acked]
        for rid, revision in acked:
            got = await client.get(f"/v1/recommendations/{rid}/field", headers=auth(k["console"]))
            assert got.status_code == 200 and got.json()["revision"] == revision
    await redis.aclose()
