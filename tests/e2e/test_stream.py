"""GET /v1/stream and the event hub: fan-out, resume with Last-Event-ID, heartbeats, unit events,
slow consumers, and a clean stop with consoles connected — against real redis-server and uvicorn."""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

import api.stream
from service.state import keyspace
from service.state.event_hub import Batch, EventHub, EventsUnavailable
from service.state.events import add_event, parse_id
from tests.support import LiveServer, RedisServer, open_stream, provision, wait_for_key

J = "testville"


def unit(
    unit_id: str,
    status: str,
    at: datetime,
    *,
    lat: float = 39.74,
    lon: float = -104.99,
    unit_type: str = "police",
) -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "type": unit_type,
        "status": status,
        "lat": lat,
        "lon": lon,
        "reported_at": at.isoformat(),
    }


def call(incident: str, seq: int = 1, **extra: Any) -> dict[str, Any]:
    body = {
        "incident_id": incident,
        "seq": seq,
        "call_type": "WELFARE",
        "priority": 2,
        "location": {"lat": 39.7392, "lon": -104.9903, "address": "1600 Glenarm Pl"},
        "narrative": "man yelling at traffic, no weapons seen",
    }
    body.update(extra)
    return body


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def stream_redis() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.stop()
    shutil.rmtree(server.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def live(
    stream_redis: RedisServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, dict[str, str]]]:
    keys_ = asyncio.run(provision(stream_redis.url))
    server = LiveServer(stream_redis.url, tmp_path_factory.mktemp("live") / "server.log").start()
    asyncio.run(wait_for_key(server.base, keys_["all"]))
    yield server, keys_
    server.stop()


@pytest.fixture
async def http(live: tuple[LiveServer, dict[str, str]]) -> AsyncIterator[httpx.AsyncClient]:
    server, keys_ = live
    async with httpx.AsyncClient(
        base_url=server.base, timeout=10, headers={"Authorization": f"Bearer {keys_['all']}"}
    ) as c:
        yield c


# ---------------------------------------------------------------- over HTTP


async def test_call_unit_and_outcome_events_arrive_live(
    live: tuple[LiveServer, dict[str, str]], http: httpx.AsyncClient
) -> None:
    _, k = live
    sse, ctx = await open_stream(http, k["all"], backlog=0)
    try:
        now = datetime.now(UTC)
        # A new unit is an event; a position-only report of the same status is not; a status change is.
        await http.post("/v1/units", json={"units": [unit("LP-1", "available", now)]})
        ev = await sse.until(lambda e: e.get("event") == "unit")
        assert ev["data"]["unit_id"] == "LP-1" and ev["data"]["previous_status"] is None
        await http.post(
            "/v1/units", json={"units": [unit("LP-1", "available", now + timedelta(seconds=1), lat=39.741)]}
        )
        await http.post("/v1/units", json={"units": [unit("LP-1", "en_route", now + timedelta(seconds=2))]})
        ev = await sse.until(lambda e: e.get("event") == "unit")
        assert ev["data"]["status"] == "en_route" and ev["data"]["previous_status"] == "available"
        assert abs(ev["data"]["lat"] - 39.74) < 1e-9
        # The next unit event after the new one is the status change: the position-only report made none.

        started = time.monotonic()
        rec = (await http.post("/v1/calls", json=call("live-1"))).json()
        ev = await sse.until(lambda e: e.get("event") == "recommendation", wait_s=1.0)
        assert time.monotonic() - started < 1.0
        assert ev["data"]["recommendation_id"] == rec["recommendation_id"]
        assert {k: v for k, v in ev["data"].items() if k != "call"} == rec  # the answer exactly as given
        assert ev["data"]["call"]["address"] == "1600 Glenarm Pl" and ev["data"]["call"]["priority"] == 2
        assert parse_id(ev["id"]) is not None

        r = await http.post(
            f"/v1/recommendations/{rec['recommendation_id']}/outcome", json={"outcome": "accepted"}
        )
        assert r.status_code == 200
        ev = await sse.until(lambda e: e.get("event") == "outcome")
        assert ev["data"] == r.json()
    finally:
        await ctx.__aexit__(None, None, None)


async def test_reconnect_with_last_event_id_loses_and_repeats_nothing(
    live: tuple[LiveServer, dict[str, str]], http: httpx.AsyncClient
) -> None:
    _, k = live
    sse, ctx = await open_stream(http, k["all"], backlog=0)
    await http.post("/v1/calls", json=call("resume-0"))
    last = await sse.until(lambda e: e.get("event") == "recommendation")
    await ctx.__aexit__(None, None, None)
    # While disconnected: three calls.
    ids = [
        (await http.post("/v1/calls", json=call(f"resume-{i}"))).json()["recommendation_id"]
        for i in (1, 2, 3)
    ]
    await asyncio.sleep(0.2)  # the write-behind lands after the response
    sse, ctx = await open_stream(http, k["all"], last_id=last["id"])
    try:
        got = [await sse.until(lambda e: e.get("event") == "recommendation") for _ in ids]
        assert [e["data"]["recommendation_id"] for e in got] == ids
        assert [parse_id(e["id"]) for e in got] == sorted(parse_id(e["id"]) for e in got)  # type: ignore[type-var]
        # And then live, with nothing replayed twice.
        new = (await http.post("/v1/calls", json=call("resume-4"))).json()["recommendation_id"]
        ev = await sse.until(lambda e: e.get("event") == "recommendation")
        assert ev["data"]["recommendation_id"] == new
    finally:
        await ctx.__aexit__(None, None, None)


async def test_connect_without_id_gets_recent_backlog(
    live: tuple[LiveServer, dict[str, str]], http: httpx.AsyncClient
) -> None:
    _, k = live
    ids = [
        (await http.post("/v1/calls", json=call(f"backlog-{i}"))).json()["recommendation_id"]
        for i in range(3)
    ]
    await asyncio.sleep(0.2)
    sse, ctx = await open_stream(http, k["all"], backlog=3)
    try:
        got = [await sse.next() for _ in range(3)]
        assert [e["data"]["recommendation_id"] for e in got] == ids
    finally:
        await ctx.__aexit__(None, None, None)


async def test_stream_needs_console_read(
    live: tuple[LiveServer, dict[str, str]], http: httpx.AsyncClient
) -> None:
    _, k = live
    assert (await http.get("/v1/stream", headers={"Authorization": ""})).status_code == 401
    r = await http.get("/v1/stream", headers={"Authorization": f"Bearer {k['cad']}"})
    assert r.status_code == 403
    assert (await http.get("/v1/stream?backlog=5000")).status_code in (400, 422)


async def test_sigterm_with_open_streams_stops_promptly(stream_redis: RedisServer, tmp_path: Path) -> None:
    k = await provision(stream_redis.url)
    server = LiveServer(stream_redis.url, tmp_path / "server.log").start()
    try:
        await wait_for_key(server.base, k["all"])
        async with httpx.AsyncClient(base_url=server.base, timeout=20) as c:
            streams = [await open_stream(c, k["all"], backlog=0) for _ in range(3)]
            took = await asyncio.to_thread(server.stop)
            assert took < 5, server.log()
            for sse, ctx in streams:
                with pytest.raises((EOFError, httpx.HTTPError)):
                    while True:
                        await sse.next(wait_s=5)
                await ctx.__aexit__(None, None, None)
        # uvicorn shuts down cleanly, then re-raises the SIGTERM it caught (so the exit status says why).
        assert server.proc is not None and server.proc.returncode in (0, -signal.SIGTERM), server.log()
        assert "Traceback" not in server.log()
    finally:
        server.stop()


# ---------------------------------------------------------------- the hub, in process


@pytest.fixture
async def hub(redis_server: RedisServer, redis: Redis) -> AsyncIterator[EventHub]:
    h = EventHub(redis_server.url, block_ms=500, window_s=0.01)
    yield h
    await h.close()


async def test_one_reader_fans_out_to_every_connection(hub: EventHub, redis: Redis) -> None:
    subs = [await hub.subscribe(J) for _ in range(20)]
    assert hub.connections(J) == 20 and len(hub._readers) == 1
    async with redis.pipeline(transaction=False) as pipe:
        add_event(pipe, J, "outcome", b'{"n": 1}')
        await pipe.execute()
    for sub in subs:
        batch = await asyncio.wait_for(sub.queue.get(), 2)
        assert batch is not None and b'event: outcome\ndata: {"n": 1}' in batch.joined
    for sub in subs:
        hub.unsubscribe(sub)
    assert hub.connections(J) == 0


async def test_slow_connection_is_ended_not_buffered(redis_server: RedisServer, redis: Redis) -> None:
    h = EventHub(redis_server.url, block_ms=500, window_s=0.0, queue_size=2)
    try:
        sub = await h.subscribe(J)
        for i in range(6):
            await redis.xadd(keyspace.events(J), {"kind": "unit", "data": json.dumps({"i": i})})
            await asyncio.sleep(0.05)
        assert h.dropped_connections == 1 and h.connections(J) == 0
        assert sub.queue.get_nowait() is None  # the connection ends; its client resumes from Redis
    finally:
        await h.close()


def test_batch_skips_what_was_sent() -> None:
    rows = [(f"5-{i}".encode(), {b"kind": b"unit", b"data": b"{}"}) for i in range(4)]
    batch = Batch.from_redis(rows)
    assert batch is not None
    assert batch.after((4, 99)) == batch.joined
    assert batch.after((5, 3)) == b""
    assert batch.after((5, 1)).count(b"id: ") == 2 and b"id: 5-2" in batch.after((5, 1))
    assert parse_id("12-x") is None and parse_id(b"1-2") == (1, 2) and parse_id(None) is None


async def _collect(gen: AsyncIterator[bytes], until: bytes, wait_s: float = 3) -> bytes:
    out = b""
    async with asyncio.timeout(wait_s):
        async for chunk in gen:
            out += chunk
            if until in out:
                return out
    return out


async def test_frames_heartbeat_replay_and_reset(
    hub: EventHub, redis: Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.stream, "HEARTBEAT_S", 0.05)
    first = await redis.xadd(keyspace.events(J), {"kind": "unit", "data": b'{"a": 1}'})
    await redis.xadd(keyspace.events(J), {"kind": "unit", "data": b'{"a": 2}'})
    # Resume after the first: only the second is replayed, then heartbeats while idle.
    gen = api.stream._frames(hub, await hub.subscribe(J), parse_id(first), 50)
    out = await _collect(gen, b": heartbeat")
    assert b'{"a": 2}' in out and b'{"a": 1}' not in out
    await gen.aclose()
    assert hub.connections(J) == 0  # closing the response unsubscribes
    # Entries after the client's id were trimmed: it is told to rebuild, then gets the recent ones.
    for i in range(3):
        await redis.xadd(keyspace.events(J), {"kind": "unit", "data": json.dumps({"b": i})})
    await redis.xtrim(keyspace.events(J), maxlen=1, approximate=False)
    gen = api.stream._frames(hub, await hub.subscribe(J), parse_id(first), 50)
    out = await _collect(gen, b'{"b": 2}')
    assert b"event: reset" in out and b'{"b": 1}' not in out
    await gen.aclose()


async def test_subscribe_fails_fast_without_redis(tmp_path: Path) -> None:
    h = EventHub("redis://127.0.0.1:1/0", ready_timeout_s=0.3)
    try:
        with pytest.raises(EventsUnavailable):
            await h.subscribe(J)
    finally:
        await h.close()
