"""Policy lifecycle over HTTP: validate, activate with versions, history, dry run, propagation."""

from __future__ import annotations

import asyncio
import time

import yaml
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from api.app import create_app
from service.state.apikeys import create_key
from tests.support import DATA, RedisServer, make_settings

TEXT = (DATA / "testville.yaml").read_text()
DOC = yaml.safe_load(TEXT)


async def admin(redis: Redis, client: AsyncTestClient) -> dict[str, str]:  # type: ignore[type-arg]
    headers = {
        "Authorization": "Bearer " + await create_key(redis, "testville", ["policy:admin", "cad:write"])
    }
    await client.app.state.services.keyring.refresh(redis)
    return headers


def with_welfare(*responses: str) -> str:
    doc = yaml.safe_load(TEXT)
    doc["call_types"]["WELFARE"]["responses"] = list(responses)
    return yaml.safe_dump(doc)


CALL = {"incident_id": "p-1", "seq": 1, "call_type": "WELFARE", "location": {"lat": 39.74, "lon": -104.99},
        "screening": {"weapon": False, "violence": False, "medical": False}}


async def test_put_activates_new_versions_and_keeps_history(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    h = await admin(redis, client)
    first = await client.put("/v1/policy", content=TEXT, headers={**h, "content-type": "application/yaml"})
    assert first.status_code == 200 and first.json()["policy_version"] == "testville@1"
    second = await client.put("/v1/policy", content=with_welfare("police"), headers=h)
    assert second.json()["policy_version"] == "testville@2"
    rec = (await client.post("/v1/calls", json=CALL, headers=h)).json()
    assert rec["policy_version"] == "testville@2" and rec["response"] == "police"
    history = (await client.get("/v1/policy/history", headers=h)).json()
    assert [x["version"] for x in history] == [2, 1] and all(len(x["sha256"]) == 64 for x in history)
    active = (await client.get("/v1/policy", headers=h)).json()
    assert active["policy_version"] == "testville@2"
    assert active["document"]["call_types"]["WELFARE"]["responses"] == ["police"]


async def test_invalid_policy_changes_nothing(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    h = await admin(redis, client)
    await client.put("/v1/policy", content=TEXT, headers=h)
    doc = yaml.safe_load(TEXT)
    doc["disqualifiers"]["weapon"]["escalate"] = ["crisis"]
    doc["timezone"] = "Nowhere/Land"
    r = await client.put("/v1/policy", content=yaml.safe_dump(doc), headers=h)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert {"disqualifiers.weapon.escalate[0]", "timezone"} <= {e["field"] for e in r.json()["errors"]}
    assert len((await client.get("/v1/policy/history", headers=h)).json()) == 1
    other = yaml.safe_load(TEXT)
    other["jurisdiction"] = "denver"
    r = await client.put("/v1/policy", content=yaml.safe_dump(other), headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "jurisdiction"


async def test_validate_endpoint_reports_every_error(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    h = await admin(redis, client)
    ok = (await client.post("/v1/policy/validate", content=TEXT, headers=h)).json()
    assert ok == {"valid": True, "jurisdiction": "testville", "errors": [], "warnings": []}
    relaxed = yaml.safe_load(TEXT)
    why = "the team's paramedic assesses medical need (program rule 4.2)"
    relaxed["questions"] = {"required": ["weapon", "violence"], "relax": {"medical": why}}
    warned = (await client.post("/v1/policy/validate", content=yaml.safe_dump(relaxed), headers=h)).json()
    assert warned["valid"] and [w["field"] for w in warned["warnings"]] == ["questions.relax.medical"]
    uncited = {**relaxed, "questions": {"required": ["weapon", "violence"]}}
    refused = (await client.post("/v1/policy/validate", content=yaml.safe_dump(uncited), headers=h)).json()
    assert not refused["valid"] and "questions.required" in {e["field"] for e in refused["errors"]}
    doc = yaml.safe_load(TEXT)
    del doc["disqualifiers"]["medical"]
    doc["default"] = {"responses": ["line"]}
    bad = (await client.post("/v1/policy/validate", content=yaml.safe_dump(doc), headers=h)).json()
    assert not bad["valid"] and {"disqualifiers.medical", "default.responses"} <= {
        e["field"] for e in bad["errors"]
    }
    assert await redis.exists("da:{testville}:policy:active") == 0


async def test_dry_run_reports_changed_outcomes(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    h = await admin(redis, client)
    await client.put("/v1/policy", content=TEXT, headers=h)
    # Received on a Wednesday at noon in Denver time, inside the crisis team's hours.
    noon = "2026-11-25T12:00:00-07:00"
    calls = [
        {**CALL, "incident_id": f"d-{i}", "call_type": t, "received_at": noon}
        for i, t in enumerate(["WELFARE", "WELFARE", "NOISE"])
    ]
    calls[1]["screening"] = {"weapon": True, "violence": False, "medical": False}
    body = {"policy": yaml.safe_load(with_welfare("co_response", "police")), "calls": calls}
    report = (await client.post("/v1/policy/dry-run", json=body, headers=h)).json()
    assert report["calls"] == 3 and report["active_version"] == "testville@1"
    # Only the first call changes: the second is disqualified (police either way), NOISE is untouched.
    assert report["changed"] == 1 and report["examples"][0]["incident_id"] == "d-0"
    assert report["examples"][0]["candidate"] == "co_response"


async def test_scope_required(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    key = await create_key(redis, "testville", ["cad:write"])
    await client.app.state.services.keyring.refresh(redis)
    r = await client.put("/v1/policy", content=TEXT, headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 403


async def test_every_process_uses_a_new_version_within_one_second(
    redis: Redis,
    redis_server: RedisServer,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    h = await admin(redis, client)
    await client.put("/v1/policy", content=TEXT, headers=h)
    # A second replica of the service on the same Redis.
    async with AsyncTestClient(app=create_app(make_settings(redis_server.url, policy_poll_s=5.0))) as other:
        assert (await other.post("/v1/calls", json=CALL, headers=h)).json()["policy_version"] == "testville@1"
        await client.put("/v1/policy", content=with_welfare("police"), headers=h)
        start = time.monotonic()
        version = ""
        # The poll is set to 5 s here, so picking it up within 1 s proves the Pub/Sub path.
        while time.monotonic() - start < 1.0 and version != "testville@2":
            body = {**CALL, "incident_id": f"p-{time.monotonic()}"}
            version = (await other.post("/v1/calls", json=body, headers=h)).json()["policy_version"]
            await asyncio.sleep(0.02)
        assert version == "testville@2", f"still {version} after {time.monotonic() - start:.2f}s"
