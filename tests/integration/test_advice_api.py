"""Issue 16 over HTTP and a real redis-server: what the call-taker knows (implications, learned
answers, dispatcher answers as revisions, corrections), not asked is not no, `ask`, changed facts
refused with 409, unit reports from the future refused."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from service.state import keyspace
from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support import DATA

J = "testville"
NO = {"weapon": False, "violence": False, "medical": False}


async def setup(redis: Redis, client: AsyncTestClient) -> dict[str, str]:  # type: ignore[type-arg]
    # The crisis team open around the clock, so every assertion holds whenever the suite runs.
    text = (DATA / "testville.yaml").read_text().replace(',\n           hours: ["mon-fri 08:00-20:00"]', "")
    assert "mon-fri" not in text
    await activate(redis, text.encode(), actor="test")
    keys = {
        "cad": await create_key(redis, J, ["cad:write"]),
        "units": await create_key(redis, J, ["units:write"]),
        "console": await create_key(redis, J, ["console:read", "console:write"]),
        "reader": await create_key(redis, J, ["console:read"]),
    }
    await client.app.state.services.policies.refresh(redis)
    await client.app.state.services.keyring.refresh(redis)
    units = [
        {
            "unit_id": uid,
            "type": kind,
            "status": "available",
            "lat": 39.74,
            "lon": -104.99,
            # now, not at import: the suite runs long enough for an import-time clock to age units
            "reported_at": datetime.now(UTC).isoformat(),
        }
        for uid, kind in [("P-1", "police"), ("CV-1", "crisis_van"), ("CL-1", "clinician"), ("M-1", "ems")]
    ]
    r = await client.post("/v1/units", json={"units": units}, headers=auth(keys["units"]))
    assert r.json()["applied"] == 4
    return keys


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def call(incident: str, seq: int = 1, call_type: str = "WELFARE", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "incident_id": incident,
        "seq": seq,
        "call_type": call_type,
        "priority": 3,
        "location": {"lat": 39.7392, "lon": -104.9903},
    }
    body.update(extra)
    return body


def codes(rec: dict[str, Any]) -> list[str]:
    return [r["code"] for r in rec["reasons"]]


async def settle(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    for _ in range(300):
        if client.app.state.services.settled():
            return
        await asyncio.sleep(0.01)


async def post(client: AsyncTestClient, key: str, body: dict[str, Any]) -> dict[str, Any]:  # type: ignore[type-arg]
    r = await client.post("/v1/calls", json=body, headers=auth(key))
    assert r.status_code == 200, r.text
    await settle(client)
    return r.json()  # type: ignore[no-any-return]


async def test_blank_answers_never_send_civilians_and_ask_says_what_would(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    keys = await setup(redis, client)
    rec = await post(client, keys["cad"], call("blank-1"))
    assert rec["response"] == "co_response"
    assert {"screen.weapon.unasked", "screen.violence.unasked", "screen.medical.unasked"} <= set(codes(rec))
    assert rec["ask"] == [
        {
            "question": "weapon",
            "text": "Is there a weapon, or access to one?",
            "unlocks": "crisis",
            "if_yes": "police",
        },
        {
            "question": "violence",
            "text": "Has anyone been violent, or threatened to hurt someone?",
            "unlocks": "crisis",
            "if_yes": "police",
        },
        {
            "question": "medical",
            "text": "Does anyone need a doctor or an ambulance right now?",
            "unlocks": "crisis",
            "if_yes": "ems",
        },
    ]
    # The case: the narrative describes violence, answers left blank.
    violent = await post(
        client, keys["cad"], call("blank-2", narrative="he punched his brother and is yelling")
    )
    assert violent["category"] not in ("crisis_team", "community_responder") and violent["ask"] == []


async def test_determinant_implies_answers_with_provenance_and_suffix_raises(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    keys = await setup(redis, client)
    rec = await post(client, keys["cad"], call("det-1", call_type="MNTL", determinant="25A01"))
    answers = {a["question"]: a for a in rec["answers"]}
    assert answers["weapon"]["value"] is False and answers["weapon"]["source"] == "determinant"
    assert answers["weapon"]["detail"].startswith("25-A-1: Revised MPDS Protocol 25")
    assert "answer.weapon.no" in codes(rec) and not any(c.endswith(".unasked") for c in codes(rec))
    assert rec["response"] == "crisis" and rec["ask"] == []
    armed = await post(client, keys["cad"], call("det-2", call_type="MNTL", determinant="25-A-1W"))
    assert armed["category"] == "police" and "weapon" in armed["flags"]
    assert {a["question"]: a["source"] for a in armed["answers"]}["weapon"] == "determinant"


async def test_learned_answers_survive_omission_and_yes_is_never_erased_by_a_cad_no(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    keys = await setup(redis, client)
    first = await post(client, keys["cad"], call("learn-1", screening=NO))
    later = await post(client, keys["cad"], call("learn-1", seq=2))  # the CAD omits the answers
    assert {a["question"] for a in later["answers"] if a["value"] is False} >= set(NO)
    assert later["response"] == first["response"] == "crisis"
    assert not any(c.endswith(".unasked") for c in codes(later))
    await post(client, keys["cad"], call("learn-2", screening={**NO, "weapon": True}))
    retracted = await post(client, keys["cad"], call("learn-2", seq=2, screening=NO))
    assert retracted["category"] == "police" and "weapon" in retracted["flags"]


async def test_dispatcher_answers_revise_the_incident_then_the_cad_merges(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    keys = await setup(redis, client)
    first = await post(client, keys["cad"], call("disp-1"))
    url = "/v1/incidents/disp-1/answers"
    forbidden = await client.post(url, json={"answers": NO}, headers=auth(keys["reader"]))
    assert forbidden.status_code == 403
    r = await client.post(url, json={"answers": NO}, headers=auth(keys["console"]))
    assert r.status_code == 200, r.text
    revised = r.json()
    assert revised["seq"] == 1 and revised["revision"] == 1
    assert revised["recommendation_id"] != first["recommendation_id"]
    assert {a["source"] for a in revised["answers"]} == {"dispatcher"}
    assert "answer.weapon.no" in codes(revised) and revised["ask"] == []
    assert first["response"] == "co_response" and revised["response"] == "crisis"
    view = await client.get("/v1/incidents/disp-1", headers=auth(keys["reader"]))
    assert view.status_code == 200
    body = view.json()
    assert (
        body["revision"] == 1 and body["recommendation"]["recommendation_id"] == revised["recommendation_id"]
    )
    stored = await client.get(
        f"/v1/recommendations/{revised['recommendation_id']}", headers=auth(keys["reader"])
    )
    assert stored.json() == revised
    events = await redis.xrange(keyspace.events(J))
    shown = [json.loads(f[b"data"]) for _, f in events if f[b"kind"] == b"recommendation"]
    assert any(e["recommendation_id"] == revised["recommendation_id"] and e["revision"] == 1 for e in shown)
    audit = await redis.xrange(keyspace.audit(J))
    entries = [json.loads(f[b"data"]) for _, f in audit if f[b"kind"] == b"answers"]
    assert entries and entries[-1]["answers"] == NO and entries[-1]["by"].startswith("dispatcher key")
    # The CAD's next event keeps its own numbering and merges the dispatcher's answers.
    merged = await post(client, keys["cad"], call("disp-1", seq=2))
    assert (
        merged["seq"] == 2
        and merged["revision"] == 0
        and not any(c.endswith(".unasked") for c in codes(merged))
    )
    missing = await client.post(
        "/v1/incidents/nobody/answers", json={"answers": NO}, headers=auth(keys["console"])
    )
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(
        "application/problem+json"
    )


async def test_a_recorded_yes_changes_only_by_an_audited_correction(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    keys = await setup(redis, client)
    await post(client, keys["cad"], call("corr-1", screening={**NO, "weapon": True}))
    url = "/v1/incidents/corr-1/answers"
    refused = await client.post(url, json={"answers": {"weapon": False}}, headers=auth(keys["console"]))
    assert refused.status_code == 409 and "correction" in refused.json()["detail"]
    no_note = await client.post(
        url, json={"answers": {"weapon": False}, "correction": True}, headers=auth(keys["console"])
    )
    assert no_note.status_code == 422
    fixed = await client.post(
        url,
        json={"answers": {"weapon": False}, "correction": True, "note": "caller misheard; it was a phone"},
        headers=auth(keys["console"]),
    )
    assert fixed.status_code == 200 and "weapon" not in fixed.json()["flags"]
    entries = [
        json.loads(f[b"data"]) for _, f in await redis.xrange(keyspace.audit(J)) if f[b"kind"] == b"answers"
    ]
    assert entries[-1]["corrected"] == ["weapon"] and entries[-1]["note"].startswith("caller misheard")


async def test_changed_facts_for_the_same_seq_get_409_and_are_counted(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    keys = await setup(redis, client)
    body = call("seq-1", narrative="caller worried about neighbour", screening=NO)
    first = await client.post("/v1/calls", json=body, headers=auth(keys["cad"]))
    await settle(client)
    # The same facts with another key order and spacing: the stored answer.
    same = await client.post(
        "/v1/calls",
        content=json.dumps(dict(reversed(list(body.items()))), indent=2),
        headers={**auth(keys["cad"]), "content-type": "application/json"},
    )
    assert same.status_code == 200 and same.content == first.content
    changed = {**body, "narrative": "caller says neighbour now has a gun"}
    r = await client.post("/v1/calls", json=changed, headers=auth(keys["cad"]))
    assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem+json")
    assert "seq 2" in r.json()["detail"] and r.json()["title"] == "Facts changed"
    # Another process (nothing in memory) finds the conflict through Redis.
    client.app.state.services.recent._items.clear()
    client.app.state.services.calls._digests.clear()
    r = await client.post("/v1/calls", json=changed, headers=auth(keys["cad"]))
    assert r.status_code == 409
    again = await client.post("/v1/calls", json=body, headers=auth(keys["cad"]))
    assert again.status_code == 200 and again.content == first.content
    await settle(client)
    kinds = [f[b"kind"] for _, f in await redis.xrange(keyspace.events(J))]
    assert kinds.count(b"conflict") == 2
    metrics = (await client.get("/metrics")).text
    assert f'dispatch_call_conflicts_total{{jurisdiction="{J}"}}' in metrics


async def test_unit_reports_from_the_future_are_refused_and_counted(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    keys = await setup(redis, client)
    ahead = (datetime.now(UTC) + timedelta(minutes=10)).isoformat()
    soon = (datetime.now(UTC) + timedelta(seconds=5)).isoformat()
    batch = [
        {
            "unit_id": "P-9",
            "type": "police",
            "status": "available",
            "lat": 39.7,
            "lon": -104.9,
            "reported_at": ahead,
        },
        {
            "unit_id": "P-8",
            "type": "police",
            "status": "available",
            "lat": 39.7,
            "lon": -104.9,
            "reported_at": soon,
        },
    ]
    r = await client.post("/v1/units", json={"units": batch}, headers=auth(keys["units"]))
    assert r.json() == {"applied": 1, "ignored_stale": 0, "refused_future": 1, "refused": ["P-9"]}
    board = (await client.get("/v1/units", headers=auth(keys["reader"]))).json()
    assert "P-9" not in {u["unit_id"] for u in board} and "P-8" in {u["unit_id"] for u in board}
    metrics = (await client.get("/metrics")).text
    assert f'dispatch_unit_reports_refused_total{{jurisdiction="{J}"}} 1.0' in metrics


async def test_unreadable_narrative_counts_as_unasked(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    keys = await setup(redis, client)
    rec = await post(
        client,
        keys["cad"],
        call(
            "lang-1",
            call_type="MNTL",
            determinant="25-A-1",
            narrative="mi hermano está muy agitado y tiene algo en la mano",
        ),
    )
    assert rec["category"] == "police" and "screen.narrative.unreadable" in codes(rec)
    assert {q["question"] for q in rec["ask"]} == {"weapon", "violence", "medical"}
