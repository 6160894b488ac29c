"""Coverage-aware choice and the last-van reserve on the live path (issue 21): POST /v1/calls with a
real redis-server, the unit positions coming back in the hot path's one read (call_read.lua with
WITHCOORD for the coverage response's unit type)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

import yaml
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from service.domain.model import UnitStatus
from service.state.apikeys import create_key
from service.state.policies import activate
from service.state.store import UnitStore
from tests.support import auth, call_body, drain, policy_variant, unit

J = "testville"
LAT0, LON0 = 39.7392, -104.9903  # where call_body places the call
KM_LON = 1 / (111.32 * math.cos(math.radians(LAT0)))


def east(km: float) -> tuple[float, float]:
    return (LAT0, LON0 + km * KM_LON)


# 100 past calls 10 km east that only a van east of the call covers, 10 west, 4 at the call.
DEMAND = [[*east(10), 100.0], [*east(-11), 10.0], [*east(0), 4.0]]


async def activate_variant(redis: Redis, client: AsyncTestClient, **changes: Any) -> None:  # type: ignore[type-arg]
    doc = policy_variant(**changes)
    doc["responses"]["crisis"].pop("hours", None)  # open around the clock: the test holds at any hour
    await activate(redis, yaml.safe_dump(doc).encode(), actor="test")
    await client.app.state.services.policies.refresh(redis)


async def keys(redis: Redis, client: AsyncTestClient) -> dict[str, str]:  # type: ignore[type-arg]
    got = {"cad": await create_key(redis, J, ["cad:write"]),
           "units": await create_key(redis, J, ["units:write"])}
    await client.app.state.services.keyring.refresh(redis)
    return got


async def post_call(client: AsyncTestClient, key: str, incident: str, priority: int) -> dict[str, Any]:  # type: ignore[type-arg]
    r = await client.post("/v1/calls", json=call_body(incident, priority=priority), headers=auth(key))
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


async def test_coverage_choice_sends_the_farther_van_through_the_api(
    redis: Redis, client: AsyncTestClient  # type: ignore[type-arg]
) -> None:
    await activate_variant(redis, client, demand=DEMAND,
                           responses__crisis__choice={"strategy": "coverage", "busy_fraction": 0.5})
    k = await keys(redis, client)
    vans = [unit("CV-E", "crisis_van", *east(2)), unit("CV-W", "crisis_van", *east(-5)),
            unit("P-1", "police", *east(1)), unit("CL-1", "clinician", *east(1))]
    r = await client.post("/v1/units", json={"units": vans}, headers=auth(k["units"]))
    assert r.json()["applied"] == 4
    rec = await post_call(client, k["cad"], "cov-1", 3)
    assert rec["response"] == "crisis" and [u["unit_id"] for u in rec["units"]] == ["CV-W"]
    assert 4900 < rec["units"][0]["distance_m"] < 5100
    why = next(x for x in rec["reasons"] if x["code"] == "coverage.crisis")
    assert "rather than the nearest CV-E" in why["text"] and "(51.0 against 6.0 expected calls" in why["text"]
    # The same policy without the choice: the nearest van, as before.
    await activate_variant(redis, client, demand=DEMAND)
    plain = await post_call(client, k["cad"], "cov-2", 3)
    assert [u["unit_id"] for u in plain["units"]] == ["CV-E"]
    assert not any(x["code"].startswith("coverage.") for x in plain["reasons"])
    await drain(client)


async def test_the_last_free_van_is_kept_for_a_higher_priority_call(
    redis: Redis, client: AsyncTestClient  # type: ignore[type-arg]
) -> None:
    await activate_variant(redis, client, responses__crisis__choice={"reserve_last_for": [1, 2]})
    k = await keys(redis, client)
    units = [unit("CV-E", "crisis_van", *east(2)), unit("P-1", "police", *east(1)),
             unit("CL-1", "clinician", *east(1))]
    await client.post("/v1/units", json={"units": units}, headers=auth(k["units"]))
    low = await post_call(client, k["cad"], "res-1", 3)
    assert low["response"] == "co_response" and low["fallback"]
    assert any(x["code"] == "reserve.crisis" and "last free crisis_van" in x["text"] for x in low["reasons"])
    high = await post_call(client, k["cad"], "res-2", 1)
    assert high["response"] == "crisis" and [u["unit_id"] for u in high["units"]] == ["CV-E"]
    await drain(client)


async def test_the_read_returns_positions_in_its_one_command(redis: Redis) -> None:
    store = UnitStore(redis)
    now = datetime.now(UTC)
    await store.apply(J, [UnitStatus("CV-E", "crisis_van", "available", now, *east(2)),
                          UnitStatus("P-1", "police", "available", now, *east(1))])
    searches = [("crisis_van", 30000.0), ("police", 9000.0)]
    now_ms, coords = int(now.timestamp() * 1000), frozenset({"crisis_van"})
    # The first read loads the script; the second is the one counted.
    await store.read_for_call(J, "r_0", LON0, LAT0, searches, now_ms, 300, with_coords=coords)
    scripts = (await redis.info("commandstats"))["cmdstat_evalsha"]["calls"]
    read = await store.read_for_call(J, "r_1", LON0, LAT0, searches, now_ms, 300, with_coords=coords)
    # One script call (the GEOSEARCH ... WITHCOORD runs inside it): still one round trip.
    assert (await redis.info("commandstats"))["cmdstat_evalsha"]["calls"] == scripts + 1
    assert [u for u, _ in read.availability["crisis_van"]] == ["CV-E"]
    assert read.availability["police"][0][0] == "P-1"
    assert read.positions is not None and set(read.positions) == {"CV-E"}  # police asked without
    lat, lon = read.positions["CV-E"]
    want = east(2)
    assert abs(lat - want[0]) < 1e-5 and abs(lon - want[1]) < 1e-5
