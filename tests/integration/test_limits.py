"""Abuse limits: body cap, per-key rate limits (local and shared across replicas), caps on narrative
and batch sizes, coordinate sanity; each answered with problem details."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from api.app import create_app
from api.limits import TokenBucket
from service.domain.model import MAX_BATCH, MAX_NARRATIVE
from tests.support import RedisServer, auth, call_body, make_settings, setup_testville, unit

PROBLEM = "application/problem+json"


def _is_problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = r.json()
    assert body["status"] == status and body["title"]
    return body


@pytest.fixture
async def limited(redis: Redis, redis_server: RedisServer,
                  tmp_path: Any) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    app = create_app(make_settings(redis_server.url, rate_limit_rps=3, rate_limit_burst=3,
                                   max_body_bytes=64 * 1024, spool_dir=str(tmp_path / "spool")))
    async with AsyncTestClient(app=app) as c:
        yield c


async def test_body_cap_is_413_problem(redis: Redis, limited: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await setup_testville(redis, limited)
    big = call_body(narrative="x" * 100) | {"location": {"lat": 39.7, "lon": -104.9, "address": "y" * 70_000}}
    r = await limited.post("/v1/calls", json=big, headers=auth(k["cad"]))
    body = _is_problem(r, 413)
    assert body["title"] == "Request body too large"


async def test_local_rate_limit_is_429_with_retry_after(redis: Redis, limited: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await setup_testville(redis, limited)
    statuses = []
    for i in range(10):
        r = await limited.post("/v1/calls", json=call_body(f"rl-{i}"), headers=auth(k["cad"]))
        statuses.append(r.status_code)
    assert statuses[:3] == [200] * 3 and 429 in statuses[3:], statuses
    r = await limited.post("/v1/calls", json=call_body("rl-x"), headers=auth(k["cad"]))
    body = _is_problem(r, 429)
    assert int(r.headers["retry-after"]) >= 1 and "requests/s" in body["detail"]
    # Another key (another CAD, or the console) has its own budget.
    assert (await limited.get("/v1/units", headers=auth(k["console"]))).status_code == 200
    # Unknown keys are not counted against anyone: they get their 401.
    assert (await limited.post("/v1/calls", json=call_body(), headers=auth("da_x_y"))).status_code == 401


async def _fresh_second() -> None:
    """Wait for the start of a one-second window, so a short burst falls within one."""
    await asyncio.sleep((1.0 - time.time() % 1) % 1)


async def test_shared_limit_holds_across_replicas(redis: Redis, redis_server: RedisServer,
                                                   tmp_path: Any) -> None:
    # Two replicas; each alone would allow a burst of 100, but the key's total is 5 per second.
    settings = make_settings(redis_server.url, rate_limit_rps=5, rate_limit_burst=100,
                             spool_dir=str(tmp_path))
    async with AsyncTestClient(app=create_app(settings)) as a, AsyncTestClient(app=create_app(settings)) as b:
        k = await setup_testville(redis, a)
        for c in (a, b):
            await c.app.state.services.keyring.refresh(redis)
            await c.app.state.services.policies.refresh(redis)
        for attempt in range(3):
            await _fresh_second()
            results = []
            for i in range(8):
                client = (a, b)[i % 2]
                r = await client.post("/v1/calls", json=call_body(f"sh-{attempt}-{i}"),
                                      headers=auth(k["cad"]))
                results.append(r)
            if any(r.status_code == 429 for r in results):  # else a window boundary fell inside: retry
                break
        limited = [r for r in results if r.status_code == 429]
        assert limited, [r.status_code for r in results]
        assert all(r.status_code in (200, 429) for r in results)
        body = _is_problem(limited[0], 429)
        assert "across replicas" in body["detail"] and limited[0].headers["retry-after"] == "1"
        # Non-hot routes count in the shared window too.
        await _fresh_second()
        board = [await (a, b)[i % 2].get("/v1/units", headers=auth(k["console"])) for i in range(8)]
        assert 429 in [r.status_code for r in board]


async def test_caps_on_narrative_batch_and_coordinates(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await setup_testville(redis, client)
    cad, units = auth(k["cad"]), auth(k["units"])
    r = await client.post("/v1/calls", json=call_body(narrative="n" * (MAX_NARRATIVE + 1)), headers=cad)
    assert _is_problem(r, 422)["errors"][0]["field"] == "narrative"
    # Beyond Redis GEO's latitude range: rejected with the field named, and Redis never sees it.
    r = await client.post("/v1/calls", json=call_body(location={"lat": 86.0, "lon": 0.0}), headers=cad)
    assert _is_problem(r, 422)["errors"][0]["field"] == "location.lat"
    r = await client.post("/v1/calls", json=call_body(location={"lat": 0.0, "lon": 180.5}), headers=cad)
    assert _is_problem(r, 422)["errors"][0]["field"] == "location.lon"
    r = await client.post("/v1/units", json={"units": [unit("P-1", "police", 89.0, 0.0)]}, headers=units)
    assert _is_problem(r, 422)["errors"][0]["field"] == "units[0].lat"
    at = "2026-11-24T21:00:00Z"
    many = [{"unit_id": f"U{i}", "type": "police", "status": "available", "reported_at": at}
            for i in range(MAX_BATCH + 1)]
    r = await client.post("/v1/units", json={"units": many}, headers=units)
    assert _is_problem(r, 422)["errors"][0]["field"] == "units"
    r = await client.post("/v1/units", json={"units": []}, headers=units)
    assert _is_problem(r, 422)["errors"][0]["field"] == "units"
    # The breaker stayed closed: none of these reached Redis as a failing command.
    assert client.app.state.services.breaker.closed
    ok = await client.post("/v1/calls", json=call_body("fine"), headers=cad)
    assert ok.status_code == 200 and ok.json()["degraded"] is False


def test_token_bucket_refills_at_its_rate() -> None:
    bucket = TokenBucket(rate=10, capacity=2)
    now = bucket.updated
    assert bucket.take(now) == 0 and bucket.take(now) == 0
    wait = bucket.take(now)
    assert 0.09 < wait <= 0.1
    assert bucket.take(now + 0.1) == 0
