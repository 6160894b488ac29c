"""Helpers for the program-metrics and field-record tests: the Testville policy, keys and calls."""

from __future__ import annotations

import asyncio
from typing import Any

from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support.config import DATA
from tests.support.http import call_body

# Inside Testville's "downtown" area, where the outreach team (community responder) serves.
DOWNTOWN = {"lat": 39.7392, "lon": -104.9903}


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def setup_testville(redis: Redis, client: AsyncTestClient) -> dict[str, str]:  # type: ignore[type-arg]
    await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="test")
    keys = {
        "cad": await create_key(redis, "testville", ["cad:write"]),
        "units": await create_key(redis, "testville", ["units:write"]),
        "console": await create_key(redis, "testville", ["console:read", "console:write"]),
        "reader": await create_key(redis, "testville", ["console:read"]),
        "other": await create_key(redis, "denver", ["cad:write", "console:read", "console:write"]),
    }
    await client.app.state.services.policies.refresh(redis)
    await client.app.state.services.keyring.refresh(redis)
    return keys


def unit(unit_id: str, unit_type: str, at: str, status: str = "available") -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "type": unit_type,
        "status": status,
        "lat": DOWNTOWN["lat"] + 0.001,
        "lon": DOWNTOWN["lon"],
        "reported_at": at,
    }


def call(incident: str, call_type: str, **extra: Any) -> dict[str, Any]:
    """A created call downtown, its questions answered (issue 16: not asked is not no)."""
    return call_body(incident, 1, call_type, **({"location": dict(DOWNTOWN)} | extra))


async def settle(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    """Wait until the write-behind has stored every answer."""
    for _ in range(300):
        if client.app.state.services.settled():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("answers were not stored in time")


async def provision_testville(url: str) -> dict[str, str]:
    """Testville's policy and two keys in the Redis at `url` (for tests that run a live server)."""
    r = Redis.from_url(url)
    try:
        await activate(r, (DATA / "testville.yaml").read_bytes(), actor="test")
        return {
            "all": await create_key(
                r, "testville", ["cad:write", "units:write", "console:read", "console:write"]
            ),
            "cad": await create_key(r, "testville", ["cad:write"]),
        }
    finally:
        await r.aclose()
