"""Request builders for the HTTP API tests: the Testville jurisdiction and its keys, unit reports,
call bodies, and waiting for the write-behind to settle."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support.config import DATA

__all__ = ["NOW", "auth", "call_body", "drain", "setup_testville", "unit"]

# When this module was imported: for tests that need one fixed instant to compare reports against.
NOW = datetime.now(UTC)


async def setup_testville(redis: Redis, client: AsyncTestClient) -> dict[str, str]:  # type: ignore[type-arg]
    await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="test")
    keys = {
        "cad": await create_key(redis, "testville", ["cad:write"]),
        "units": await create_key(redis, "testville", ["units:write"]),
        "console": await create_key(redis, "testville", ["console:read", "console:write"]),
        "other": await create_key(redis, "denver", ["cad:write", "console:read", "units:write"]),
    }
    await client.app.state.services.policies.refresh(redis)
    await client.app.state.services.keyring.refresh(redis)
    return keys


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def unit(
    unit_id: str,
    unit_type: str,
    lat: float,
    lon: float,
    status: str = "available",
    at: datetime | None = None,
) -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "type": unit_type,
        "status": status,
        "lat": lat,
        "lon": lon,
        # A report made now, not at import time: on a busy machine the suite runs long enough for an
        # import-time clock to make fresh units look silent.
        "reported_at": (at or datetime.now(UTC)).isoformat(),
    }


def call_body(
    incident: str = "2026-1", seq: int = 1, call_type: str = "WELFARE", **extra: Any
) -> dict[str, Any]:
    body = {
        "incident_id": incident,
        "seq": seq,
        "event": "created",
        "call_type": call_type,
        "priority": 3,
        "location": {"lat": 39.7392, "lon": -104.9903},
        "narrative": "",
        # The call-taker asked what a civilian-only response needs (not asked is not no).
        "screening": {"weapon": False, "violence": False, "medical": False},
    }
    body.update(extra)
    return body


async def drain(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    # The app runs its write-behind tasks on the test client's own loop: wait for them to finish.
    for _ in range(200):
        if client.app.state.services.settled():
            return
        await asyncio.sleep(0.01)
