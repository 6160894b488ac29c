"""Metrics, the unit census and structured logs, against a real redis-server."""

from __future__ import annotations

import asyncio
import gc
import io
import json
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar.testing import AsyncTestClient
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from api import metrics
from api.logs import JsonFormatter
from service.domain.model import UnitStatus
from service.policy.compile import load_policy
from service.state import keyspace
from service.state.census import read_census
from service.state.store import UnitStore
from tests.support import DATA, auth, call_body, setup_testville, unit


def samples(text: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name:
                out[tuple(sorted(s.labels.items()))] = s.value
    return out


def value(text: str, name: str, **labels: str) -> float | None:
    for found, v in samples(text, name).items():
        if all(dict(found).get(k) == want for k, want in labels.items()):
            return v
    return None


def status(unit_id: str, unit_type: str, state: str, at: datetime, *, lat: float | None = 39.74,
           lon: float | None = -104.99) -> UnitStatus:
    return UnitStatus(unit_id, unit_type, state, at, lat, lon)  # type: ignore[arg-type]


async def test_census_counts_follow_every_applied_report(redis: Redis) -> None:
    store = UnitStore(redis)
    t0 = datetime.now(UTC) - timedelta(minutes=1)  # not import time: units would look stale
    await store.apply("testville", [status("P-1", "police", "available", t0),
                                    status("P-2", "police", "available", t0),
                                    status("CV-1", "crisis_van", "on_scene", t0)])
    await store.apply("testville", [status("P-1", "police", "dispatched", t0 + timedelta(seconds=5)),
                                    # older than what is stored: ignored, and not counted twice
                                    status("P-2", "police", "on_scene", t0 - timedelta(seconds=5)),
                                    # status-only report (no position) still moves the count
                                    status("CV-1", "crisis_van", "available", t0 + timedelta(seconds=5),
                                           lat=None, lon=None),
                                    # a unit that changes type moves between types
                                    status("P-2", "engine", "available", t0 + timedelta(seconds=6))])
    counts = {k.decode(): int(v) for k, v in (await redis.hgetall(keyspace.unit_counts("testville"))).items()}
    assert {k: v for k, v in counts.items() if v} == {
        "police:dispatched": 1, "crisis_van:available": 1, "engine:available": 1}
    assert sum(counts.values()) == 3  # one per unit, whatever happened

    policy = load_policy((DATA / "testville.yaml").read_bytes(), "testville@1")
    [census] = await read_census(redis, {"testville": policy}, datetime.now(UTC))
    assert census.units[("police", "dispatched")] == 1 and census.units[("police", "available")] == 0
    assert census.dispatchable["crisis_van"] == 1 and census.dispatchable["police"] == 0
    assert census.stale == 0
    assert census.last_report_s is not None and abs(census.last_report_s - (t0.timestamp() + 6)) < 0.01
    assert census.responses["police"][1] == 0  # no available police unit
    assert census.responses["fire"] == (True, 1)  # engine P-2, always in service
    assert "line" not in census.responses  # a phone line needs no unit


async def test_background_metrics_reach_the_exposition(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys_ = await setup_testville(redis, client)
    roster = [unit("P-1", "police", 39.74, -104.99), unit("P-2", "police", 39.80, -104.99, "on_scene"),
              unit("CV-1", "crisis_van", 39.745, -104.99)]
    r = await client.post("/v1/units", json={"units": roster}, headers=auth(keys_["units"]))
    assert r.status_code == 200
    # The app's own background loop reads the census (on the app's event loop) at its next poll.
    metrics.census_soon()
    for _ in range(100):
        text = (await client.get("/metrics")).text
        if value(text, "dispatch_units", jurisdiction="testville", type="police", status="on_scene"):
            break
        await asyncio.sleep(0.05)
    assert value(text, "dispatch_units", jurisdiction="testville", type="police", status="available") == 1
    assert value(text, "dispatch_units", jurisdiction="testville", type="police", status="on_scene") == 1
    assert value(text, "dispatch_units_dispatchable", jurisdiction="testville", type="crisis_van") == 1
    assert value(text, "dispatch_response_units_available", jurisdiction="testville", response="police") == 1
    assert value(text, "dispatch_response_in_service", jurisdiction="testville", response="police") == 1
    last = value(text, "dispatch_units_last_report_timestamp_seconds", jurisdiction="testville")
    assert last is not None and abs(last - time.time()) < 5  # the roster was just reported
    assert value(text, "dispatch_policy_info", jurisdiction="testville", version="testville@1") == 1
    # Known combinations exist at 0 before anything happens.
    # (counters live as long as the process: other tests may have counted some already)
    assert value(text, "dispatch_outcomes_total", jurisdiction="testville", response="crisis",
                 outcome="overridden") is not None
    assert value(text, "dispatch_recommendations_total", jurisdiction="testville", response="crisis",
                 fallback="true", degraded="false") is not None
    assert value(text, "dispatch_http_requests_total", method="POST", route="/v1/calls",
                 status="500") is not None
    assert value(text, "dispatch_redis_errors_total", operation="call_read", error="timeout") is not None
    assert value(text, "dispatch_degraded") == 0
    assert value(text, "dispatch_screening_native") == 1  # CI builds the extension (scripts/setup.sh)
    assert value(text, "dispatch_spool_pending") == 0
    assert value(text, "dispatch_write_behind_queued") == 0
    assert value(text, "dispatch_census_timestamp_seconds") is not None
    assert value(text, "dispatch_redis_duration_seconds_count", operation="unit_update") >= 1  # type: ignore[operator]


async def test_calls_count_recommendations_screening_redis(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys_ = await setup_testville(redis, client)
    before = (await client.get("/metrics")).text
    body = call_body("m-1", screening={"weapon": True}, narrative="he is bleeding from the head")
    r = await client.post("/v1/calls", json=body, headers=auth(keys_["cad"]))
    assert r.status_code == 200 and "weapon" in r.json()["flags"]
    after = (await client.get("/metrics")).text

    def delta(name: str, **labels: str) -> float:
        return (value(after, name, **labels) or 0) - (value(before, name, **labels) or 0)

    rec = r.json()
    assert delta("dispatch_recommendations_total", jurisdiction="testville", response=rec["response"],
                 fallback=str(rec["fallback"]).lower(), degraded="false") == 1
    assert delta("dispatch_screening_triggers_total", jurisdiction="testville", kind="weapon",
                 source="answer") == 1
    narrative_kinds = {dict(k)["kind"] for k in samples(after, "dispatch_screening_triggers_total")
                       if dict(k).get("source") == "narrative"}
    assert narrative_kinds, "the narrative's injury was not counted"
    assert delta("dispatch_redis_duration_seconds_count", operation="call_read") == 1
    assert delta("dispatch_http_request_duration_seconds_count", method="POST", route="/v1/calls") == 1


def test_record_outcome_keeps_labels_bounded() -> None:
    metrics.record_outcome("testville", "crisis", "accepted")
    metrics.record_outcome("testville", "crisis", "whatever the client said")
    families = {f.name: f for f in metrics.REGISTRY.collect()}
    labels = {s.labels["outcome"] for s in families["dispatch_outcomes"].samples}
    assert labels <= {"accepted", "overridden", "other"}


def test_redis_errors_are_classified() -> None:
    op = metrics.redis_op("test_op")
    op.error(RedisTimeoutError())
    op.error(TimeoutError())
    op.error(RedisConnectionError())
    op.error(ConnectionRefusedError())
    op.error(ValueError())
    text = generate_latest(metrics.REGISTRY).decode()
    assert value(text, "dispatch_redis_errors_total", operation="test_op", error="timeout") == 2
    assert value(text, "dispatch_redis_errors_total", operation="test_op", error="connection") == 2
    assert value(text, "dispatch_redis_errors_total", operation="test_op", error="other") == 1


def test_names_and_labels_follow_conventions() -> None:
    forbidden = {"incident_id", "unit_id", "recommendation_id", "key_id", "request_id", "narrative", "path"}
    for family in metrics.REGISTRY.collect():
        assert family.name.startswith(("dispatch_", "process_")), family.name
        for s in family.samples:
            assert not forbidden & set(s.labels), (s.name, s.labels)
            if family.type == "counter" and not s.name.endswith("_created"):
                assert s.name.endswith("_total"), s.name
        if family.type == "histogram" or family.name.endswith(("_seconds", "_timestamp_seconds")):
            assert "seconds" in family.name, family.name


async def test_request_ids_and_logs_never_carry_narrative(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    keys_ = await setup_testville(redis, client)
    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    secret = "caller Jane Roe at 12 Elm Street says her brother is yelling"
    try:
        cad = auth(keys_["cad"])
        caller = {"relation": "third_party", "callback": "555-0142"}
        body = call_body("log-1", narrative=secret, caller=caller)
        r = await client.post("/v1/calls", json=body, headers={**cad, "X-Request-ID": "cad-42"})
        assert r.status_code == 200 and r.headers["x-request-id"] == "cad-42"
        r = await client.post("/v1/calls", json=call_body("log-2", narrative=secret), headers=cad)
        generated = r.headers["x-request-id"]
        assert len(generated) == 16 and generated != "cad-42"
        r = await client.post("/v1/calls", json=call_body("log-3", narrative=secret),
                              headers={**auth(keys_["cad"]), "X-Request-ID": 'bad"id\n' + "x" * 80})
        assert len(r.headers["x-request-id"]) == 16  # an unsafe id is replaced, not logged
        bad = await client.post("/v1/calls", json={**call_body("log-4", narrative=secret), "seq": "x"},
                                headers=auth(keys_["cad"]))
        assert bad.status_code == 422
        logging.getLogger("dispatch.test").warning("with extras", extra={"narrative": secret, "route": "/x"})
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    lines = [json.loads(line) for line in captured.getvalue().splitlines()]
    assert lines
    text = captured.getvalue()
    for private in (secret, "Jane Roe", "Elm Street", "555-0142"):
        assert private not in text
    access: list[dict[str, Any]] = [e for e in lines if e["logger"] == "dispatch.access"]
    first = next(e for e in access if e.get("request_id") == "cad-42")
    assert first["jurisdiction"] == "testville" and first["incident_id"] == "log-1"
    assert first["status"] == 200 and first["route"] == "/v1/calls" and first["level"] == "debug"
    assert any(e["status"] == 422 and e["level"] == "info" for e in access)
    extra = next(e for e in lines if e["message"] == "with extras")
    assert extra["route"] == "/x" and "narrative" not in extra
    assert all({"ts", "level", "logger", "message"} <= set(e) for e in lines)


async def test_chunked_exposition_equals_generate_latest() -> None:
    """/metrics is rendered family by family (yielding to the loop between); the bytes must not change."""
    metrics.record_outcome("testville", "police", "accepted")

    def stable(text: bytes) -> list[bytes]:  # process_* (CPU seconds, memory) move between two calls
        return [line for line in text.splitlines() if b"process_" not in line]

    # dispatch_gc_pause_seconds moves with every collection: none may run between the two renderings.
    collecting = gc.isenabled()
    gc.disable()
    try:
        assert stable(await metrics.exposition()) == stable(generate_latest(metrics.REGISTRY))
    finally:
        if collecting:
            gc.enable()
