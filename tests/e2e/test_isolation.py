"""Jurisdictions never see or touch each other's data. With keys of one jurisdiction (all scopes),
try every read and write on another's units, recommendations, outcomes, stream and policy —
including by guessing and deriving ids — against a real server; all refused or confined to the
key's own jurisdiction, and the other's data is unchanged."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from redis.asyncio import Redis

from service.state import keyspace
from service.state.apikeys import SCOPES, create_key
from service.state.policies import activate
from service.state.recommendations import recommendation_id
from tests.support import DATA, ROOT, SSE, LiveServer, RedisServer, open_stream

A, B = "testville", "denver"  # A attacks, B is the victim


def _h(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _unit(unit_id: str, status: str, lat: float, lon: float) -> dict[str, Any]:
    return {"unit_id": unit_id, "type": "police", "status": status, "lat": lat, "lon": lon,
            "reported_at": datetime.now(UTC).isoformat()}


def _call(incident: str, seq: int = 1, narrative: str = "A's own narrative") -> dict[str, Any]:
    return {"incident_id": incident, "seq": seq, "call_type": "WELFARE", "priority": 3,
            "location": {"lat": 39.7392, "lon": -104.9903}, "narrative": narrative}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, RedisServer]]:
    server = RedisServer().start()
    tmp = tmp_path_factory.mktemp("isolation")
    live = LiveServer(server.url, tmp / "server.log", DISPATCH_SPOOL_DIR=str(tmp / "spool"))
    live.start()
    try:
        yield live, server
    finally:
        live.stop()
        server.stop()


@pytest.fixture
async def http(world: tuple[LiveServer, RedisServer]) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=world[0].base, timeout=5) as c:
        yield c


async def _wait_for_key(http: httpx.AsyncClient, key: str) -> None:
    for _ in range(50):  # the server reloads keys within one poll interval
        if (await http.get("/v1/console/config", headers=_h(key))).status_code != 401:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("key never became valid")


async def test_one_jurisdiction_cannot_read_or_write_another(
    world: tuple[LiveServer, RedisServer], http: httpx.AsyncClient
) -> None:
    redis = Redis.from_url(world[1].url)
    await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="test")
    a = await create_key(redis, A, list(SCOPES))
    b = await create_key(redis, B, list(SCOPES))
    await _wait_for_key(http, a)
    await _wait_for_key(http, b)

    # B's world: units, a recommendation, an outcome, its policy.
    b_unit = _unit("B-1", "available", 39.74, -104.99)
    r = await http.post("/v1/units", json={"units": [b_unit]}, headers=_h(b))
    assert r.status_code == 200
    b_stream, b_ctx = await open_stream(http, b, backlog=0)
    rec_b = (await http.post("/v1/calls", json=_call("B-INC-1", narrative="B's confidential narrative"),
                             headers=_h(b))).json()
    rid_b = rec_b["recommendation_id"]
    await asyncio.sleep(0.3)  # write-behind
    r = await http.post(f"/v1/recommendations/{rid_b}/outcome", json={"outcome": "accepted"}, headers=_h(b))
    assert r.status_code == 200, r.text
    b_outcome = r.json()
    b_policy = (await http.get("/v1/policy", headers=_h(b))).json()
    b_history = (await http.get("/v1/policy/history", headers=_h(b))).json()
    b_board = (await http.get("/v1/units", headers=_h(b))).json()

    # A opens its stream before acting: nothing of B's may ever show up in it.
    a_stream, a_ctx = await open_stream(http, a, backlog=50)

    # --- reads ---------------------------------------------------------------------------------
    board = (await http.get("/v1/units", headers=_h(a))).json()
    assert all(u["unit_id"] != "B-1" for u in board)
    for query in ("?type=police", "?status=available"):
        assert all(u["unit_id"] != "B-1" for u in (await http.get("/v1/units" + query, headers=_h(a))).json())
    guesses = {rid_b,  # leaked or observed id
               recommendation_id(B, "B-INC-1", 1),  # derived from a known incident number
               recommendation_id(A, "B-INC-1", 1),
               "r_" + "0" * 24, "r_" + rid_b[2:][::-1]}
    for rid in guesses:
        r = await http.get(f"/v1/recommendations/{rid}", headers=_h(a))
        assert r.status_code == 404, (rid, r.status_code)
        assert "B's confidential" not in r.text
        r = await http.get(f"/v1/recommendations/{rid}/outcome", headers=_h(a))
        assert r.status_code == 404
    # Path tricks stay inside the route's id pattern or miss the route.
    for path in (f"/v1/recommendations/{{{B}}}:rec:{rid_b}", f"/v1/recommendations/..%2F{rid_b}",
                 f"/v1/recommendations/{rid_b}%00"):
        assert (await http.get(path, headers=_h(a))).status_code in (400, 404, 422)
    config = (await http.get("/v1/console/config", headers=_h(a))).json()
    assert B not in json.dumps(config)
    policy = (await http.get("/v1/policy", headers=_h(a))).json()
    assert policy["document"]["jurisdiction"] == A and policy["policy_version"].startswith(A)
    assert all(h["jurisdiction"] == A for h in (await http.get("/v1/policy/history", headers=_h(a))).json())

    # --- writes --------------------------------------------------------------------------------
    # Same unit id as B's: lands in A's namespace only.
    a_unit = _unit("B-1", "out_of_service", 0.0, 0.0)
    r = await http.post("/v1/units", json={"units": [a_unit]}, headers=_h(a))
    assert r.status_code == 200
    # Same incident and seq as B's: A gets its own answer, never B's stored one.
    mine = (await http.post("/v1/calls", json=_call("B-INC-1"), headers=_h(a))).json()
    assert mine["recommendation_id"] != rid_b and mine["policy_version"].startswith(A)
    for rid in guesses - {mine["recommendation_id"]}:  # that one is now A's own
        r = await http.post(f"/v1/recommendations/{rid}/outcome",
                            json={"outcome": "overridden", "response": "police", "units": ["X"],
                                  "reason": "other", "note": "tampering"}, headers=_h(a))
        assert r.status_code == 404, (rid, r.status_code, r.text)
    b_doc = yaml.safe_load((ROOT / "deploy" / "policies" / "denver.yaml").read_text())
    b_doc["name"] = "hijacked"
    text = yaml.safe_dump(b_doc).encode()
    r = await http.put("/v1/policy", content=text, headers=_h(a))
    assert r.status_code == 422 and "jurisdiction" in r.text
    r = await http.post("/v1/policy/validate", content=text, headers=_h(a))
    assert r.json()["valid"] is False
    r = await http.post("/v1/policy/dry-run", json={"policy": b_doc, "calls": [_call("x")]}, headers=_h(a))
    assert r.status_code in (200, 422) and "B's confidential" not in r.text

    # --- B is untouched, and A's stream never carried anything of B's -------------------------
    assert (await http.get("/v1/units", headers=_h(b))).json() == b_board
    assert (await http.get(f"/v1/recommendations/{rid_b}", headers=_h(b))).json() == rec_b
    assert (await http.get(f"/v1/recommendations/{rid_b}/outcome", headers=_h(b))).json() == b_outcome
    assert (await http.get("/v1/policy", headers=_h(b))).json() == b_policy
    assert (await http.get("/v1/policy/history", headers=_h(b))).json() == b_history
    a_events = await _drain_events(a_stream)
    blob = json.dumps(a_events)
    assert rid_b not in blob, blob
    assert "B's confidential" not in blob and f'"{B}' not in blob
    assert any(e.get("data", {}).get("recommendation_id") == mine["recommendation_id"] for e in a_events)
    b_events = await _drain_events(b_stream)
    assert mine["recommendation_id"] not in json.dumps(b_events)
    for ctx in (a_ctx, b_ctx):
        await ctx.__aexit__(None, None, None)
    # And in Redis, A's writes are all under A's hash tag.
    b_keys = [k.decode() async for k in redis.scan_iter(match="da:{" + B + "}:*")]
    assert not any(mine["recommendation_id"] in k for k in b_keys)
    assert await redis.hget(keyspace.unit(B, "B-1"), "status") == b"available"
    await redis.aclose()


async def _drain_events(sse: SSE, quiet_s: float = 1.0) -> list[dict[str, Any]]:
    events = []
    while True:
        try:
            events.append(await sse.next(quiet_s))
        except (TimeoutError, EOFError):
            return events


def test_isolation_fixture_paths_exist() -> None:
    assert (ROOT / "deploy" / "policies" / "denver.yaml").exists() and Path(DATA / "testville.yaml").exists()
