"""Hostile and sloppy input through real HTTP (the service under uvicorn, a real redis-server):
every case gets a precise 4xx problem document, never a 5xx (issue 19, items 3 and 4)."""

from __future__ import annotations

import asyncio
import io
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from service.cli.audit import run_export
from service.state.apikeys import SCOPES, create_key
from service.state.policies import activate
from tests.support import DATA, LiveServer, RedisServer

DEEP = 5_000  # the decoder used to raise RecursionError (a 500) from ~970 levels


def _seed(url: str) -> str:
    async def go() -> str:
        redis = Redis.from_url(url)
        try:
            await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="hostile-test")
            return await create_key(redis, "testville", list(SCOPES))
        finally:
            await redis.aclose()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    server = RedisServer().start()
    try:
        yield server.url
    finally:
        server.stop()


def _serve(redis_url: str, tmp: Any, **env: str) -> LiveServer:
    live = LiveServer(
        redis_url,
        tmp / "server.log",
        DISPATCH_SPOOL_DIR=str(tmp / "spool"),
        DISPATCH_RATE_LIMIT_RPS="0",
        **env,
    ).start()
    return live


@pytest.fixture(scope="module")
def strict(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    key = _seed(redis_url)
    live = _serve(redis_url, tmp_path_factory.mktemp("strict"))
    try:
        _wait_for_key(live, key)
        yield live, key
    finally:
        live.stop()


def _wait_for_key(live: LiveServer, key: str) -> None:
    for _ in range(100):
        if httpx.get(f"{live.base}/v1/units", headers={"Authorization": f"Bearer {key}"}).status_code == 200:
            return
        time.sleep(0.1)
    raise RuntimeError("key not loaded")


def _call(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "incident_id": f"h-{time.monotonic_ns()}",
        "seq": 1,
        "call_type": "WELFARE",
        "location": {"lat": 39.7392, "lon": -104.9903},
    }
    body.update(overrides)
    return body


def _problem(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/problem+json")
    problem: dict[str, Any] = r.json()
    assert problem["status"] == status and problem["title"]
    return problem


def _post(
    live: LiveServer,
    key: str,
    path: str,
    content: bytes,
    content_type: str = "application/json",
    method: str = "POST",
) -> httpx.Response:
    return httpx.request(
        method,
        f"{live.base}{path}",
        content=content,
        timeout=10,
        headers={"Authorization": f"Bearer {key}", "Content-Type": content_type},
    )


@pytest.mark.parametrize(
    "path", ["/v1/calls", "/v1/units", "/v1/recommendations/r_00/outcome", "/v1/policy/dry-run"]
)
def test_deeply_nested_json_is_400_on_every_json_route(strict: tuple[LiveServer, str], path: str) -> None:
    live, key = strict
    nested = b'{"a":' * DEEP + b"1" + b"}" * DEEP
    assert "nested" in _problem(_post(live, key, path, nested), 400)["detail"]
    arrays = b"[" * DEEP + b"]" * DEEP
    _problem(_post(live, key, path, arrays), 400)


def test_deeply_nested_policy_document_is_refused_with_where(strict: tuple[LiveServer, str]) -> None:
    live, key = strict
    deep = b"[" * DEEP + b"]" * DEEP
    # The policy loader has its own depth limit and says where (422 with the line and column).
    problem = _problem(_post(live, key, "/v1/policy", deep, "application/yaml", "PUT"), 422)
    assert "nesting depth" in problem["errors"][0]["message"]
    # Validation answers 200 with the document's errors (its contract), not a 500.
    r = _post(live, key, "/v1/policy/validate", deep, "application/yaml")
    assert r.status_code == 200 and not r.json()["valid"] and "nesting" in r.text


def test_duplicate_keys_wrong_media_type_and_coercion_are_refused(strict: tuple[LiveServer, str]) -> None:
    live, key = strict
    body = json.dumps(_call()).encode()
    duplicate = body[:-1] + b', "seq": 2}'
    assert "duplicate key 'seq'" in _problem(_post(live, key, "/v1/calls", duplicate), 400)["detail"]
    _problem(_post(live, key, "/v1/calls", body, "text/plain"), 415)
    _problem(
        httpx.post(f"{live.base}/v1/calls", content=body, headers={"Authorization": f"Bearer {key}"}), 415
    )
    problem = _problem(_post(live, key, "/v1/calls", json.dumps(_call(seq="1")).encode()), 422)
    assert [e["field"] for e in problem["errors"]] == ["seq"]
    loc = _problem(
        _post(live, key, "/v1/calls", json.dumps(_call(location={"lat": "39.7", "lon": -105})).encode()), 422
    )
    assert [e["field"] for e in loc["errors"]] == ["location.lat"]
    # And the strict forms still work, with a charset parameter too.
    ok = _post(live, key, "/v1/calls", body, "application/json; charset=utf-8")
    assert ok.status_code == 200, ok.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("call_type", "WELF\u0000ARE"),
        ("call_type", "WELFARE\n"),
        ("incident_id", "A1\n"),
        ("incident_id", "A\u001b[31m"),
    ],
)
def test_control_characters_are_422_with_the_field(
    strict: tuple[LiveServer, str], field: str, value: str
) -> None:
    live, key = strict
    problem = _problem(_post(live, key, "/v1/calls", json.dumps(_call(**{field: value})).encode()), 422)
    assert [e["field"] for e in problem["errors"]] == [field]


def test_outcome_entries_carry_their_recommendation_id_in_the_export(
    strict: tuple[LiveServer, str], redis_url: str
) -> None:
    live, key = strict
    since = int(time.time() * 1000) - 1
    rec = httpx.post(f"{live.base}/v1/calls", json=_call(), headers={"Authorization": f"Bearer {key}"}).json()
    rec_id = rec["recommendation_id"]
    for _ in range(50):  # the answer's write-behind reaches Redis within milliseconds
        r = httpx.post(
            f"{live.base}/v1/recommendations/{rec_id}/outcome",
            json={"outcome": "accepted"},
            headers={"Authorization": f"Bearer {key}"},
        )
        if r.status_code != 404:
            break
        time.sleep(0.05)
    assert r.status_code == 200, r.text

    async def export() -> list[dict[str, Any]]:
        redis = Redis.from_url(redis_url)
        try:
            out = io.BytesIO()
            await run_export(redis, "testville", since, None, out)
            return [json.loads(line) for line in out.getvalue().splitlines()]
        finally:
            await redis.aclose()

    lines = asyncio.run(export())
    outcome = next(x for x in lines if x["kind"] == "outcome")
    assert outcome["id"] == rec_id


def _metric(live: LiveServer, name: str, **labels: str) -> float:
    text = httpx.get(f"{live.base}/metrics").text
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_client_hang_up_mid_body_is_499_not_a_500(strict: tuple[LiveServer, str]) -> None:
    live, key = strict
    before_500 = _metric(live, "dispatch_http_requests_total", route="/v1/calls", status="500")
    before_499 = _metric(live, "dispatch_http_requests_total", route="/v1/calls", status="499")
    for _ in range(3):
        s = socket.create_connection(("127.0.0.1", live.port))
        s.sendall(
            b"POST /v1/calls HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + key.encode() + b'\r\nContent-Length: 500\r\n\r\n{"incident_id"'
        )
        time.sleep(0.05)
        s.close()
    time.sleep(0.3)
    assert _metric(live, "dispatch_http_requests_total", route="/v1/calls", status="499") == before_499 + 3
    assert _metric(live, "dispatch_http_requests_total", route="/v1/calls", status="500") == before_500
    errors = [line for line in live.log().splitlines() if '"level": "error"' in line]
    assert errors == []


def test_bare_service_serves_calls_while_slow_clients_hold_connections(
    strict: tuple[LiveServer, str],
) -> None:
    live, key = strict
    slow = []
    try:
        for _ in range(300):
            s = socket.create_connection(("127.0.0.1", live.port))
            s.sendall(b"POST /v1/calls HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(s)
        started = time.perf_counter()
        r = httpx.post(f"{live.base}/v1/calls", json=_call(), headers={"Authorization": f"Bearer {key}"})
        assert r.status_code == 200 and time.perf_counter() - started < 1.0
    finally:
        for s in slow:
            s.close()


def test_loose_setting_accepts_old_forms_and_counts_them(
    redis_url: str, strict: tuple[LiveServer, str], tmp_path: Any
) -> None:
    _, key = strict
    live = _serve(redis_url, tmp_path, DISPATCH_LOOSE_INPUT="1")
    try:
        _wait_for_key(live, key)
        r = _post(live, key, "/v1/calls", json.dumps(_call(seq="1")).encode())
        assert r.status_code == 200, r.text
        r = _post(live, key, "/v1/calls", json.dumps(_call()).encode(), "text/plain")
        assert r.status_code == 200, r.text
        assert _metric(live, "dispatch_loose_input_total", form="coerced_type") == 1
        assert _metric(live, "dispatch_loose_input_total", form="content_type") == 1
        # Still refused even so: what no old client sent (deep nesting, control characters).
        _problem(_post(live, key, "/v1/calls", b"[" * DEEP + b"]" * DEEP), 400)
        _problem(_post(live, key, "/v1/calls", json.dumps(_call(call_type="A\u0000")).encode()), 422)
        assert sum("DISPATCH_LOOSE_INPUT" in line for line in live.log().splitlines()) == 1  # once a minute
    finally:
        live.stop()
