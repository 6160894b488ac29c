"""POST / GET /v1/recommendations/{id}/outcome over a real redis-server: rules, storage, audit,
corrections."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

import api.metrics
from service.state import keyspace
from service.state.apikeys import create_key
from tests.support import auth, call_body, setup_testville, unit


async def drain(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    for _ in range(200):
        if client.app.state.services.settled():
            return
        await asyncio.sleep(0.01)


async def _recommend(
    client: AsyncTestClient,
    keys_: dict[str, str],
    incident: str = "o-1",  # type: ignore[type-arg]
    **extra: Any,
) -> dict[str, Any]:
    r = await client.post("/v1/calls", json=call_body(incident, **extra), headers=auth(keys_["cad"]))
    assert r.status_code == 200, r.text
    await drain(client)
    return r.json()  # type: ignore[no-any-return]


async def _setup(redis: Redis, client: AsyncTestClient) -> dict[str, str]:  # type: ignore[type-arg]
    k = await setup_testville(redis, client)
    await client.post(
        "/v1/units",
        json={
            "units": [
                unit("P-1", "police", 39.74, -104.99),
                unit("P-2", "police", 39.75, -104.99),
                unit("M-1", "ems", 39.75, -104.99),
            ]
        },
        headers=auth(k["units"]),
    )
    return k


async def test_accept_is_stored_audited_and_streamed(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await _setup(redis, client)
    rec = await _recommend(client, k)
    rid = rec["recommendation_id"]
    r = await client.post(
        f"/v1/recommendations/{rid}/outcome", json={"outcome": "accepted"}, headers=auth(k["console"])
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["outcome"] == "accepted" and out["revision"] == 1 and out["previous"] is None
    assert out["response"] == out["recommended_response"] == rec["response"]
    assert out["units"] == [u["unit_id"] for u in rec["units"]]
    assert out["recorded_by"] and out["recorded_by"] not in k["console"].split("_", 2)[2]
    # Answered only after Redis has it: readable at once, on the audit stream and the event stream.
    got = await client.get(f"/v1/recommendations/{rid}/outcome", headers=auth(k["console"]))
    assert got.status_code == 200 and got.json() == out
    audit = await redis.xrange(keyspace.audit("testville"))
    assert [f[b"kind"] for _, f in audit].count(b"outcome") == 1
    # One shape for every audit entry (service/state/audit.py: entry_fields), spooled or not.
    entry = next(f for _, f in audit if f[b"kind"] == b"outcome")
    assert set(entry) == {b"kind", b"id", b"at", b"data"} and entry[b"id"] == rid.encode()
    recorded_ms = int(datetime.fromisoformat(out["recorded_at"]).timestamp() * 1000)
    assert int(entry[b"at"]) == recorded_ms and json.loads(entry[b"data"]) == out
    events = await redis.xrange(keyspace.events("testville"))
    kinds = [f[b"kind"] for _, f in events]
    assert b"recommendation" in kinds and kinds[-1] == b"outcome"
    # The recommendation event carries the call (where, how urgent) next to the answer as given.
    rec_event = next(f for _, f in events if f[b"kind"] == b"recommendation")

    data = json.loads(rec_event[b"data"])
    assert data["recommendation_id"] == rid and data["call"]["priority"] == 3


async def test_override_then_correction_replaces_and_keeps_history(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    k = await _setup(redis, client)
    rec = await _recommend(client, k)
    rid = rec["recommendation_id"]
    other = "ems" if rec["response"] != "ems" else "police"
    r = await client.post(
        f"/v1/recommendations/{rid}/outcome",
        json={
            "outcome": "overridden",
            "response": other,
            "units": ["M-1"],
            "reason": "safety_concern",
            "note": "  caller now says he has a bat  ",
        },
        headers=auth(k["console"]),
    )
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["outcome"] == "overridden" and first["response"] == other and first["units"] == ["M-1"]
    assert first["reason"] == "safety_concern" and first["note"] == "caller now says he has a bat"
    r = await client.post(
        f"/v1/recommendations/{rid}/outcome", json={"outcome": "accepted"}, headers=auth(k["console"])
    )
    second = r.json()
    assert second["revision"] == 2 and second["outcome"] == "accepted"
    assert second["previous"]["revision"] == 1 and second["previous"]["outcome"] == "overridden"
    got = (await client.get(f"/v1/recommendations/{rid}/outcome", headers=auth(k["console"]))).json()
    assert got["revision"] == 2
    audit = [f for _, f in await redis.xrange(keyspace.audit("testville")) if f[b"kind"] == b"outcome"]
    assert len(audit) == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"outcome": "overridden", "response": "ems"}, "reason"),
        ({"outcome": "overridden", "reason": "unit_closer"}, "response"),
        ({"outcome": "overridden", "response": "helicopter", "reason": "unit_closer"}, "response"),
        ({"outcome": "overridden", "response": "ems", "reason": "other"}, "note"),
        ({"outcome": "overridden", "response": "ems", "reason": "because"}, "reason"),
        ({"outcome": "accepted", "response": "ems"}, "response"),
        ({"outcome": "accepted", "reason": "unit_closer"}, "reason"),
        ({"outcome": "maybe"}, "outcome"),
        ({"outcome": "accepted", "note": "x" * 501}, "note"),
        ({"outcome": "accepted", "extra": 1}, "extra"),
    ],
)
async def test_invalid_outcomes_name_the_field_and_store_nothing(
    redis: Redis,
    client: AsyncTestClient,
    body: dict[str, Any],
    field: str,  # type: ignore[type-arg]
) -> None:
    k = await _setup(redis, client)
    rid = (await _recommend(client, k))["recommendation_id"]
    r = await client.post(f"/v1/recommendations/{rid}/outcome", json=body, headers=auth(k["console"]))
    assert r.status_code == 422, r.text
    assert field in [e["field"] for e in r.json()["errors"]], r.json()
    assert not await redis.exists(keyspace.outcome("testville", rid))


async def test_same_response_override_needs_units(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await _setup(redis, client)
    rec = await _recommend(client, k)
    rid = rec["recommendation_id"]
    body = {"outcome": "overridden", "response": rec["response"], "reason": "unit_closer"}
    r = await client.post(f"/v1/recommendations/{rid}/outcome", json=body, headers=auth(k["console"]))
    assert r.status_code == 422
    r = await client.post(
        f"/v1/recommendations/{rid}/outcome", json={**body, "units": ["P-2"]}, headers=auth(k["console"])
    )
    assert r.status_code == 200 and r.json()["units"] == ["P-2"]


async def test_scopes_and_jurisdiction(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await _setup(redis, client)
    rid = (await _recommend(client, k))["recommendation_id"]
    path = f"/v1/recommendations/{rid}/outcome"
    assert (await client.post(path, json={"outcome": "accepted"})).status_code == 401
    assert (await client.post(path, json={"outcome": "accepted"}, headers=auth(k["cad"]))).status_code == 403
    # Another jurisdiction's key: the recommendation does not exist there.
    other = await create_key(redis, "denver", ["console:read", "console:write"])
    await client.app.state.services.keyring.refresh(redis)
    r = await client.post(path, json={"outcome": "accepted"}, headers=auth(other))
    assert r.status_code == 404
    assert (await client.get(path, headers=auth(other))).status_code == 404
    missing = "/v1/recommendations/r_0123456789abcdef01234567/outcome"
    assert (
        await client.post(missing, json={"outcome": "accepted"}, headers=auth(k["console"]))
    ).status_code == 404
    assert (await client.get(path, headers=auth(k["console"]))).status_code == 404  # none recorded yet


async def test_outcome_feeds_metrics_hook(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        api.metrics, "record_outcome", lambda j, resp, out: seen.append((j, resp, out)), raising=False
    )
    k = await _setup(redis, client)
    rec = await _recommend(client, k)
    await client.post(
        f"/v1/recommendations/{rec['recommendation_id']}/outcome",
        json={"outcome": "accepted"},
        headers=auth(k["console"]),
    )
    assert seen == [("testville", rec["response"], "accepted")]


async def test_console_config_and_page(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await _setup(redis, client)
    r = await client.get("/v1/console/config", headers=auth(k["console"]))
    assert r.status_code == 200
    cfg = r.json()
    assert cfg["jurisdiction"] == "testville" and "console:write" in cfg["scopes"]
    assert {"police", "ems"} <= {x["name"] for x in cfg["responses"]}
    assert next(x["code"] for x in cfg["override_reasons"]) == "unit_closer"
    assert (await client.get("/v1/console/config", headers=auth(k["cad"]))).status_code == 403
    page = await client.get("/console")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    for asset in ("console.js", "console.css"):
        assert (await client.get(f"/console/static/{asset}")).status_code == 200
    # No third-party origin anywhere in the console.
    for asset in ("console.html", "console.js", "console.css"):
        text = (await client.get("/console" if asset.endswith("html") else f"/console/static/{asset}")).text
        assert "http://" not in text and "https://" not in text, asset
