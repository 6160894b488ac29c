"""POST / GET /v1/recommendations/{id}/field over a real redis-server: rules, storage, audit,
corrections, scopes, problem details, and the program series they feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from service.state import keyspace
from tests.support.programs import auth, call, settle, setup_testville, unit


async def _diverted(
    client: AsyncTestClient,
    redis: Redis,
    incident: str = "f-1",  # type: ignore[type-arg]
    **extra: Any,
) -> tuple[dict[str, str], dict[str, Any]]:
    k = await setup_testville(redis, client)
    now = datetime.now(UTC).isoformat()
    r = await client.post(
        "/v1/units",
        json={"units": [unit("O-1", "outreach", now), unit("P-1", "police", now)]},
        headers=auth(k["units"]),
    )
    assert r.status_code == 200, r.text
    r = await client.post("/v1/calls", json=call(incident, "TRESPASS", **extra), headers=auth(k["cad"]))
    assert r.status_code == 200, r.text
    await settle(client)
    return k, r.json()


async def _backups(client: AsyncTestClient) -> dict[str, float]:  # type: ignore[type-arg]
    """TRESPASS backups in this process's registry, by finding (other tests add to it too)."""
    text = (await client.get("/metrics")).text
    out = {}
    for line in text.splitlines():
        if line.startswith('dispatch_program_backup_requests_total{call_type="TRESPASS"'):
            finding = line.split('finding="', 1)[1].split('"', 1)[0]
            out[finding] = float(line.rsplit(" ", 1)[1])
    return out


async def test_field_record_stored_audited_corrected(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k, rec = await _diverted(client, redis, narrative="man sleeping in doorway, drunk")
    assert rec["response"] == "outreach", rec
    rid = rec["recommendation_id"]
    path = f"/v1/recommendations/{rid}/field"
    assert (await client.get(path, headers=auth(k["console"]))).status_code == 404
    r = await client.post(
        f"/v1/recommendations/{rid}/outcome", json={"outcome": "accepted"}, headers=auth(k["console"])
    )
    assert r.status_code == 200, r.text
    arrived = datetime.now(UTC) - timedelta(seconds=5)
    r = await client.post(
        path,
        json={
            "arrived_at": arrived.isoformat(),
            "backup_requested": False,
            "disposition": "referred",
            "connected_to_care": True,
        },
        headers=auth(k["console"]),
    )
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["revision"] == 1 and first["previous"] is None
    assert first["response"] == "outreach" and first["recommended_response"] == "outreach"
    assert first["call_type"] == "TRESPASS" and first["flags"] == rec["flags"]
    assert first["safety_incident"] is None  # not reported is not "no"
    backups_before = await _backups(client)
    # Hours later, a correction: backup was in fact requested.
    r = await client.post(
        path,
        json={
            "arrived_at": arrived.isoformat(),
            "backup_requested": True,
            "backup_reason": "violence",
            "disposition": "police_took_over",
        },
        headers=auth(k["console"]),
    )
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["revision"] == 2 and second["previous"]["revision"] == 1
    got = await client.get(path, headers=auth(k["reader"]))
    assert got.status_code == 200 and got.json() == second
    audit = [(f[b"kind"], f) for _, f in await redis.xrange(keyspace.audit("testville"))]
    fields = [json.loads(f[b"data"]) for kind, f in audit if kind == b"field"]
    assert [f["revision"] for f in fields] == [1, 2]
    assert all(f[b"id"] == rid.encode() for kind, f in audit if kind == b"field")
    events = [f[b"kind"] for _, f in await redis.xrange(keyspace.events("testville"))]
    assert events.count(b"field") == 2
    # The live series: the corrected backup counts once per finding of the call, under its call type.
    added = {k: v - backups_before.get(k, 0.0) for k, v in (await _backups(client)).items()}
    assert {k: v for k, v in added.items() if v} == {f: 1.0 for f in rec["flags"] or ["none"]}
    text = (await client.get("/metrics")).text
    assert 'dispatch_program_field_records_total{jurisdiction="testville",team="outreach"}' in text


async def test_bad_field_records_are_precise_problems(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k, rec = await _diverted(client, redis)
    path = f"/v1/recommendations/{rec['recommendation_id']}/field"
    future = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    cases: list[tuple[Any, int, set[str]]] = [
        ({}, 422, {"(body)"}),
        ({"backup_requested": True}, 422, {"backup_reason"}),
        ({"backup_reason": "weapon"}, 422, {"backup_reason"}),
        ({"safety_incident": True}, 422, {"incident_kind"}),
        ({"disposition": "other"}, 422, {"note"}),
        ({"arrived_at": future}, 422, {"arrived_at"}),
        ({"arrived_at": "2020-01-01T00:00:00Z"}, 422, {"arrived_at"}),
        ({"transfer": {"to": "988", "result": "maybe"}}, 422, {"transfer.result"}),
        ({"disposition": "resolved_on_scene", "extra": 1}, 422, set()),
    ]
    for body, status, fields in cases:
        r = await client.post(path, json=body, headers=auth(k["console"]))
        assert r.status_code == status, (body, r.text)
        assert r.headers["content-type"].startswith("application/problem+json"), r.headers
        if fields:
            assert {e["field"] for e in r.json()["errors"]} == fields, r.json()
    # Nothing was stored by any of them.
    assert await redis.exists(keyspace.field("testville", rec["recommendation_id"])) == 0
    ok = {"transfer": {"to": "988", "result": "completed"}}
    assert (await client.post(path, json=ok, headers=auth(k["cad"]))).status_code == 403
    assert (await client.post(path, json=ok, headers=auth(k["reader"]))).status_code == 403
    assert (await client.post(path, json=ok, headers=auth(k["other"]))).status_code == 404
    assert (
        await client.post("/v1/recommendations/r_00ff/field", json=ok, headers=auth(k["console"]))
    ).status_code == 404
    assert (
        await client.post("/v1/recommendations/not-an-id/field", json=ok, headers=auth(k["console"]))
    ).status_code == 422
