"""Every endpoint enforces its scope: found by walking the app's routes, so a new endpoint that is
not listed here (with its scope, or as public) fails this test until someone decides."""

from __future__ import annotations

from typing import Any

import yaml
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from service.state.apikeys import SCOPES, create_key, revoke_key
from tests.support import DATA, call_body, setup_testville, unit

REC = "r_0123456789abcdef01234567"
# (method, route path) -> the scope it needs. The tenant is never in the path: the key decides it.
EXPECTED: dict[tuple[str, str], str] = {
    ("POST", "/v1/calls"): "cad:write",
    ("POST", "/v1/units"): "units:write",
    ("GET", "/v1/units"): "console:read",
    ("GET", "/v1/recommendations/{recommendation_id:str}"): "console:read",
    ("POST", "/v1/recommendations/{recommendation_id:str}/outcome"): "console:write",
    ("GET", "/v1/recommendations/{recommendation_id:str}/outcome"): "console:read",
    ("POST", "/v1/recommendations/{recommendation_id:str}/field"): "console:write",
    ("GET", "/v1/recommendations/{recommendation_id:str}/field"): "console:read",
    ("POST", "/v1/incidents/{incident_id:str}/answers"): "console:write",
    ("GET", "/v1/incidents/{incident_id:str}"): "console:read",
    ("GET", "/v1/stream"): "console:read",
    ("GET", "/v1/console/config"): "console:read",
    ("GET", "/v1/policy"): "policy:admin",
    ("PUT", "/v1/policy"): "policy:admin",
    ("GET", "/v1/policy/history"): "policy:admin",
    ("POST", "/v1/policy/validate"): "policy:admin",
    ("POST", "/v1/policy/dry-run"): "policy:admin",
}
# Routes that need no key: health, metrics (network-restricted in deploy), the schema and its
# viewers, and the console page itself (it holds no data; its API calls need a console key).
PUBLIC_PREFIXES = ("/healthz", "/readyz", "/metrics", "/schema", "/docs", "/console")


def _routes(app: Any) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            for method in handler.http_methods:
                if method not in ("OPTIONS", "HEAD"):
                    found.append((method, route.path))
    return sorted(set(found))


def _request(method: str, path: str) -> dict[str, Any]:
    """A request that is valid apart from its key, so that only the key decides the answer."""
    url = path.replace("{recommendation_id:str}", REC).replace("{incident_id:str}", "2026-1")
    bodies: dict[str, Any] = {
        "/v1/calls": {"json": call_body()},
        "/v1/units": {"json": {"units": [unit("P-1", "police", 39.74, -104.99)]}},
        f"/v1/recommendations/{REC}/outcome": {"json": {"outcome": "accepted"}},
        f"/v1/recommendations/{REC}/field": {"json": {"disposition": "referred"}},
        "/v1/incidents/2026-1/answers": {"json": {"answers": {"weapon": False}}},
        "/v1/policy": {"content": (DATA / "testville.yaml").read_bytes()},
        "/v1/policy/validate": {"content": (DATA / "testville.yaml").read_bytes()},
        "/v1/policy/dry-run": {"json": {"policy": yaml.safe_load((DATA / "testville.yaml").read_text()),
                                        "calls": [call_body()]}},
    }
    extra = bodies.get(url, {}) if method in ("POST", "PUT") else {}
    return {"method": method, "url": url, **extra}


async def test_every_route_is_listed_with_its_scope_or_public(
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    unlisted = [(m, p) for m, p in _routes(client.app)
                if (m, p) not in EXPECTED and not p.startswith(PUBLIC_PREFIXES)]
    assert not unlisted, f"routes without a declared scope (add them to EXPECTED): {unlisted}"
    assert all(scope in SCOPES for scope in EXPECTED.values())
    assert set(EXPECTED) <= set(_routes(client.app)), "EXPECTED names a route the app does not have"


async def test_every_endpoint_refuses_missing_unknown_and_wrongly_scoped_keys(
    redis: Redis, client: AsyncTestClient  # type: ignore[type-arg]
) -> None:
    await setup_testville(redis, client)
    ctx = client.app.state.services
    keys_by_scope = {s: await create_key(redis, "testville", [s]) for s in SCOPES}
    all_but = {s: await create_key(redis, "testville", [x for x in SCOPES if x != s]) for s in SCOPES}
    await ctx.keyring.refresh(redis)
    for (method, path), scope in EXPECTED.items():
        req = _request(method, path)
        r = await client.request(**req)
        assert r.status_code == 401, (method, path, r.status_code)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.headers["www-authenticate"].startswith("Bearer")
        r = await client.request(**req, headers={"Authorization": "Bearer da_00000000_notakey"})
        assert r.status_code == 401, (method, path, r.status_code)
        r = await client.request(**req, headers={"Authorization": f"Bearer {all_but[scope]}"})
        assert r.status_code == 403, (method, path, r.status_code, r.text)
        assert scope in r.json()["detail"]
        if path == "/v1/stream":
            continue  # the positive case streams forever; tests/e2e/test_isolation.py opens it for real
        r = await client.request(**req, headers={"Authorization": f"Bearer {keys_by_scope[scope]}"})
        assert r.status_code not in (401, 403), (method, path, r.status_code, r.text)


async def test_revoked_key_stops_working(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await setup_testville(redis, client)
    console = {"Authorization": f"Bearer {k['console']}"}
    assert (await client.get("/v1/units", headers=console)).status_code == 200
    await revoke_key(redis, k["console"].split("_")[1])
    await client.app.state.services.keyring.refresh(redis)
    r = await client.get("/v1/units", headers=console)
    assert r.status_code == 401 and r.json()["detail"] == "unknown or revoked API key"
