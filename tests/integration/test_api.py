"""The HTTP contract over a real redis-server: auth, calls, units, idempotency, errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from tests.support import NOW, auth, call_body, drain, setup_testville, unit


async def test_call_gets_nearest_available_unit_from_redis(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    roster = [
        unit("P-1", "police", 39.74, -104.99),
        unit("P-2", "police", 39.80, -104.99),
        unit("CV-1", "crisis_van", 39.745, -104.99),
        unit("CV-2", "crisis_van", 39.7393, -104.9903, "on_scene"),
        unit("M-1", "ems", 39.75, -104.99),
    ]
    r = await client.post("/v1/units", json={"units": roster}, headers=auth(keys["units"]))
    assert r.status_code == 200
    assert r.json() == {"applied": 5, "ignored_stale": 0, "refused_future": 0, "refused": []}
    r = await client.post("/v1/calls", json=call_body(call_type="MNTL"), headers=auth(keys["cad"]))
    assert r.status_code == 200, r.text
    rec = r.json()
    crisis_open = rec["response"] == "crisis"
    # The service reads its clock in the jurisdiction's zone, and hours are judged on that clock.
    decided = datetime.fromisoformat(rec["decided_at"])
    assert decided.utcoffset() == decided.astimezone(ZoneInfo("America/Denver")).utcoffset()
    assert abs(decided - datetime.now(UTC)) < timedelta(minutes=5)
    assert crisis_open == (decided.weekday() < 5 and 8 <= decided.hour < 20)
    assert rec["category"] in ("crisis_team", "police")
    if crisis_open:  # crisis team hours are Mon-Fri 08:00-20:00 Denver time
        assert rec["units"][0]["unit_id"] == "CV-1"  # CV-2 is nearer but on scene
        assert 500 < rec["units"][0]["distance_m"] < 700
    assert rec["degraded"] is False and rec["policy_version"] == "testville@1"
    assert rec["reasons"] and all({"code", "text"} <= set(x) for x in rec["reasons"])
    stored = await client.get(
        f"/v1/recommendations/{rec['recommendation_id']}", headers=auth(keys["console"])
    )
    assert stored.status_code == 200 and stored.json() == rec


async def test_retry_of_same_incident_and_seq_returns_same_answer(
    redis: Redis, client: AsyncTestClient
) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    await client.post(
        "/v1/units", json={"units": [unit("P-1", "police", 39.74, -104.99)]}, headers=auth(keys["units"])
    )
    first = await client.post("/v1/calls", json=call_body("dup-1"), headers=auth(keys["cad"]))
    await drain(client)
    # The unit board changes between the two tries; the retry must not change the answer.
    later = datetime.now(UTC) + timedelta(seconds=1)  # newer than the reports above
    await client.post(
        "/v1/units",
        json={"units": [unit("P-1", "police", 39.74, -104.99, "on_scene", later)]},
        headers=auth(keys["units"]),
    )
    again = await client.post("/v1/calls", json=call_body("dup-1"), headers=auth(keys["cad"]))
    assert again.status_code == 200 and again.content == first.content
    next_seq = await client.post("/v1/calls", json=call_body("dup-1", seq=2), headers=auth(keys["cad"]))
    assert next_seq.json()["recommendation_id"] != first.json()["recommendation_id"]


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"location": {"lat": 123, "lon": -104.9}}, "location.lat"),
        ({"location": {"lon": -104.9}}, "location.lat"),
        ({"seq": "one"}, "seq"),
        ({"screening": {"weapon": "maybe"}}, "screening.weapon"),
        ({"surprise": 1}, "surprise"),
        ({"incident_id": ""}, "incident_id"),
        ({"narrative": "x" * 5000}, "narrative"),
    ],
)
async def test_bad_call_gets_422_with_field_path_and_stores_nothing(
    redis: Redis,
    client: AsyncTestClient,
    patch: dict[str, Any],
    field: str,  # type: ignore[type-arg]
) -> None:
    keys = await setup_testville(redis, client)
    before = await redis.dbsize()
    r = await client.post("/v1/calls", json=call_body(**patch), headers=auth(keys["cad"]))
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["status"] == 422 and field in [e["field"] for e in problem["errors"]]
    assert await redis.dbsize() == before


async def test_missing_field_is_named(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    body = call_body()
    del body["call_type"]
    r = await client.post("/v1/calls", json=body, headers=auth(keys["cad"]))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "call_type"


async def test_malformed_json_is_400(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    r = await client.post(
        "/v1/calls", content=b"{nope", headers={**auth(keys["cad"]), "content-type": "application/json"}
    )
    assert r.status_code == 400 and r.json()["title"]


async def test_unknown_call_type_falls_to_default(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    r = await client.post("/v1/calls", json=call_body(call_type="NOSUCHCODE"), headers=auth(keys["cad"]))
    assert r.status_code == 200 and r.json()["response"] == "police"
    assert r.json()["reasons"][0]["code"] == "calltype.default"


async def test_auth_and_scopes(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    assert (await client.post("/v1/calls", json=call_body())).status_code == 401
    assert (await client.post("/v1/calls", json=call_body(), headers=auth("da_bad_key"))).status_code == 401
    r = await client.post("/v1/calls", json=call_body(), headers=auth(keys["console"]))
    assert r.status_code == 403 and "cad:write" in r.json()["detail"]
    assert (await client.get("/v1/units", headers=auth(keys["cad"]))).status_code == 403
    stored = str(await redis.hgetall("da:keys"))
    assert keys["cad"] not in stored  # only hashes are stored


async def test_other_jurisdiction_cannot_read_recommendation(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    rec = (await client.post("/v1/calls", json=call_body(), headers=auth(keys["cad"]))).json()
    await drain(client)
    r = await client.get(f"/v1/recommendations/{rec['recommendation_id']}", headers=auth(keys["other"]))
    assert r.status_code == 404


async def test_older_unit_report_is_ignored(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    newer = unit("P-1", "police", 39.74, -104.99, "on_scene", NOW)
    older = unit("P-1", "police", 39.74, -104.99, "available", NOW - timedelta(minutes=1))
    await client.post("/v1/units", json={"units": [newer]}, headers=auth(keys["units"]))
    r = await client.post("/v1/units", json={"units": [older]}, headers=auth(keys["units"]))
    assert r.json() == {"applied": 0, "ignored_stale": 1, "refused_future": 0, "refused": []}
    board = (await client.get("/v1/units", headers=auth(keys["console"]))).json()
    assert [(u["unit_id"], u["status"]) for u in board] == [("P-1", "on_scene")]
    assert await redis.zcard("da:{testville}:geo:police") == 0


async def test_silent_units_are_never_recommended(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    # Times from now, not from when the module was imported: a report silent past the sweep's grace
    # is left to the sweeper, so a clock read long before this test would test something else.
    now = datetime.now(UTC)
    old = now - timedelta(seconds=301)  # testville: units_stale_after_s 300
    await client.post(
        "/v1/units",
        json={
            "units": [
                unit("P-OLD", "police", 39.7392, -104.9903, at=old),
                unit("P-NEW", "police", 39.76, -104.99, at=now),
            ]
        },
        headers=auth(keys["units"]),
    )
    rec = (await client.post("/v1/calls", json=call_body(call_type="ZZ"), headers=auth(keys["cad"]))).json()
    assert [u["unit_id"] for u in rec["units"]] == ["P-NEW"]
    board = {
        u["unit_id"]: u
        for u in (await client.get("/v1/units?type=police", headers=auth(keys["console"]))).json()
    }
    assert board["P-OLD"]["stale"] is True and board["P-NEW"]["stale"] is False


async def test_unit_board_filters(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    await client.post(
        "/v1/units",
        json={"units": [unit("P-1", "police", 39.7, -104.9), unit("M-1", "ems", 39.7, -104.9, "on_scene")]},
        headers=auth(keys["units"]),
    )
    only = (await client.get("/v1/units?status=on_scene", headers=auth(keys["console"]))).json()
    assert [u["unit_id"] for u in only] == ["M-1"]
    bad = await client.get("/v1/units?status=asleep", headers=auth(keys["console"]))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "status"


async def test_bad_unit_batch_is_rejected_whole(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    good = unit("P-1", "police", 39.7, -104.9)
    bad = {**unit("P-2", "police", 39.7, -104.9), "status": "napping"}
    r = await client.post("/v1/units", json={"units": [good, bad]}, headers=auth(keys["units"]))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "units[1].status"
    assert await redis.exists("da:{testville}:unit:P-1") == 0


async def test_health_ready_metrics_schema(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys = await setup_testville(redis, client)
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and "testville" in ready.json()["policies"]
    await client.post("/v1/calls", json=call_body(), headers=auth(keys["cad"]))
    text = (await client.get("/metrics")).text
    assert 'dispatch_http_requests_total{method="POST",route="/v1/calls",status="200"}' in text
    assert "dispatch_recommendations_total{category=" in text
    schema = (await client.get("/schema")).json()
    assert "/v1/calls" in schema["paths"]


def test_checked_in_openapi_matches_the_app() -> None:
    from api.openapi import CONTRACT, render

    assert CONTRACT.read_text() == render(), "api/openapi.json drifted: run `python -m api.openapi`"


async def test_a_bug_in_the_decision_still_answers_the_policy_default(
    redis: Redis, client: AsyncTestClient, monkeypatch: pytest.MonkeyPatch  # type: ignore[type-arg]
) -> None:
    keys = await setup_testville(redis, client)

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr("service.usecases.recommend_call.decide", broken)
    r = await client.post("/v1/calls", json=call_body("bug-1"), headers=auth(keys["cad"]))
    assert r.status_code == 200
    rec = r.json()
    assert rec["response"] == "police" and rec["degraded"] and rec["reasons"][0]["code"] == "error.default"
    monkeypatch.setattr("service.usecases.recommend_call.plan", broken)
    r = await client.post("/v1/calls", json=call_body("bug-2"), headers=auth(keys["cad"]))
    assert r.status_code == 200 and r.json()["category"] == "police"
