"""A minimal Server-Sent Events reader for GET /v1/stream, and provisioning a live server's Testville."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
from redis.asyncio import Redis

from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support.config import DATA

__all__ = ["SSE", "J", "open_stream", "provision", "wait_for_key"]

J = "testville"


class SSE:
    """A minimal SSE reader over an httpx streaming response."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()
        self.comments: list[str] = []

    async def next(self, wait_s: float = 3.0) -> dict[str, Any]:
        event: dict[str, Any] = {}
        async with asyncio.timeout(wait_s):
            async for line in self._lines:
                if line == "":
                    if "data" in event or "event" in event:
                        return event
                    continue
                if line.startswith(":"):
                    self.comments.append(line[1:].strip())
                    continue
                field, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if field == "data":
                    event["data"] = json.loads(value)
                elif field in ("id", "event", "retry"):
                    event[field] = value
        raise EOFError("stream ended")

    async def until(self, predicate: Any, wait_s: float = 3.0) -> dict[str, Any]:
        deadline = time.monotonic() + wait_s
        while True:
            ev = await self.next(max(deadline - time.monotonic(), 0.01))
            if predicate(ev):
                return ev


async def open_stream(
    client: httpx.AsyncClient, key: str, last_id: str | None = None, backlog: int | None = None
) -> tuple[SSE, Any]:
    headers = {"Authorization": f"Bearer {key}", "Accept": "text/event-stream"}
    if last_id:
        headers["Last-Event-ID"] = last_id
    params = {} if backlog is None else {"backlog": str(backlog)}
    ctx = client.stream("GET", "/v1/stream", headers=headers, params=params)
    response = await ctx.__aenter__()
    assert response.status_code == 200, await response.aread()
    assert response.headers["content-type"].startswith("text/event-stream")
    return SSE(response), ctx


async def provision(url: str) -> dict[str, str]:
    r = Redis.from_url(url)
    try:
        await activate(r, (DATA / "testville.yaml").read_bytes(), actor="test")
        return {
            "all": await create_key(r, J, ["cad:write", "units:write", "console:read", "console:write"]),
            "cad": await create_key(r, J, ["cad:write"]),
        }
    finally:
        await r.aclose()


async def wait_for_key(base: str, key: str) -> None:
    async with httpx.AsyncClient(base_url=base) as c:
        for _ in range(100):
            r = await c.get("/v1/console/config", headers={"Authorization": f"Bearer {key}"})
            if r.status_code == 200:
                return
            await asyncio.sleep(0.05)
    raise AssertionError("the server never accepted the key")
