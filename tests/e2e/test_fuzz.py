"""Fuzzing, bounded for CI: schemathesis against the live OpenAPI schema of a real server (valid
and invalid inputs for every operation), and hypothesis on the wire decoders. Never a 5xx; every
4xx is problem details."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis.asyncio import Redis

from service.domain.model import CallEvent, UnitBatch
from service.state.apikeys import SCOPES, create_key
from service.state.policies import activate
from tests.support import DATA, LiveServer, RedisServer

MAX_EXAMPLES = 15  # per operation; keeps the whole run within a minute on a 2-core machine
_SERVER: dict[str, Any] = {}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    server = RedisServer().start()
    tmp = tmp_path_factory.mktemp("fuzz")
    # Rate limits off: the fuzzer sends faster than any CAD would (limits: tests/integration/test_limits.py).
    live = LiveServer(server.url, tmp / "server.log", DISPATCH_SPOOL_DIR=str(tmp / "spool"),
                      DISPATCH_RATE_LIMIT_RPS="0")
    live.start()
    try:
        key = _seed(server.url, live)
        yield live, key
    finally:
        live.stop()
        server.stop()


def _seed(url: str, live: LiveServer) -> str:
    """An all-scopes key of testville, known to the server, via the CLI's own functions."""

    async def go() -> str:
        redis = Redis.from_url(url)
        try:
            await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="fuzz")
            return await create_key(redis, "testville", list(SCOPES))
        finally:
            await redis.aclose()

    result: dict[str, str] = {}
    thread = threading.Thread(target=lambda: result.update(key=asyncio.run(go())))
    thread.start()
    thread.join(30)
    key = result["key"]
    for _ in range(50):
        if httpx.get(f"{live.base}/v1/units", headers={"Authorization": f"Bearer {key}"}).status_code == 200:
            return key
        time.sleep(0.1)
    raise RuntimeError("key not loaded by the server")


@pytest.fixture(scope="module")
def api_schema(live: tuple[LiveServer, str]) -> Any:
    _SERVER["base"], _SERVER["key"] = live[0].base, live[1]
    return schemathesis.openapi.from_url(f"{live[0].base}/schema")


schema = schemathesis.pytest.from_fixture("api_schema").exclude(path="/v1/stream")  # endless by design


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None,
          suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_api_never_5xx_and_errors_are_problem_details(case: Any) -> None:
    response = case.call(base_url=_SERVER["base"], headers={"Authorization": f"Bearer {_SERVER['key']}"},
                         timeout=10)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    if response.status_code >= 400:
        found = {k.lower(): v for k, v in response.headers.items()}.get("content-type", [""])
        content_type = found[0] if isinstance(found, list) else found
        assert content_type.startswith("application/problem+json"), (case.path, response.text[:200])
        body = response.json()
        assert body["status"] == response.status_code and body["title"]


# -- hypothesis on the decoders ------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (st.lists(children, max_size=5)
                      | st.dictionaries(st.text(max_size=12), children, max_size=6)),
    max_leaves=30,
)
call_like = st.fixed_dictionaries(
    {"incident_id": st.text(max_size=70), "seq": st.integers(), "call_type": st.text(max_size=40),
     "location": st.fixed_dictionaries({"lat": st.floats(), "lon": st.floats()}) | json_values},
    optional={"narrative": st.text(max_size=50), "screening": json_values, "event": st.text(max_size=10),
              "priority": json_values, "received_at": st.text(max_size=30), "caller": json_values},
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.binary(max_size=200), json_values.map(msgspec.json.encode),
                 call_like.map(msgspec.json.encode)))
def test_call_decoder_accepts_or_raises_validation_error_only(raw: bytes) -> None:
    try:
        call = msgspec.json.decode(raw, type=CallEvent)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return
    # Whatever decodes is within the caps the rest of the service relies on.
    assert -85.05112878 <= call.location.lat <= 85.05112878 and -180 <= call.location.lon <= 180
    assert len(call.narrative) <= 4000 and 0 <= call.seq <= 1_000_000


unit_like = st.fixed_dictionaries(
    {"unit_id": st.text(max_size=70), "type": st.text(max_size=45), "status": st.text(max_size=15),
     "reported_at": st.text(max_size=35)},
    optional={"lat": st.floats(), "lon": st.floats(), "capabilities": json_values,
              "shift_ends_at": json_values},
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.fixed_dictionaries({"units": st.lists(unit_like, max_size=4)})
                 .map(msgspec.json.encode)))
def test_unit_batch_decoder_accepts_or_raises_validation_error_only(raw: bytes) -> None:
    try:
        batch = msgspec.json.decode(raw, type=UnitBatch)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return
    assert len(batch.units) >= 1
    for u in batch.units:
        assert u.lat is None or -85.05112878 <= u.lat <= 85.05112878


def test_fuzz_fixture_paths() -> None:
    assert Path(DATA / "testville.yaml").exists()


# -- response conformance: every status, media type, body and header as the OpenAPI document says ----

from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CONFORMANCE = [not_a_server_error, status_code_conformance, content_type_conformance,
               response_schema_conformance, response_headers_conformance]


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None,
          suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_api_responses_conform_to_the_openapi_document(case: Any) -> None:
    """Issue 19: every status a route can give (401, 403, 404, 409, 413, 415, 422, 429, 503) is
    documented with its problem-details body; schemathesis finds no response the document does not."""
    case.call_and_validate(base_url=_SERVER["base"], headers={"Authorization": f"Bearer {_SERVER['key']}"},
                           timeout=10, checks=CONFORMANCE)
