"""The example policies' service areas: each city's civilian teams serve calls inside the city only.

Every example policy has an `areas.city_limits` outline of its city (approximate, hand drawn; see
the comment above it in deploy/policies/<city>.yaml). These tests check the behaviour it buys (a
call inside gets the civilian team, the same call just across the line gets the policy's fallback
with an `area.<response>` reason, through the pure core and through the HTTP API) and that every
place the demo, the README, the load test and the other tests put calls or units lies inside.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from typing import Any

import pytest
import shapely
import yaml
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from shapely.geometry import Polygon

from service.cli.demo import build_roster, example_call
from service.domain.decision import Availability, plan, recommend
from service.domain.model import CIVILIAN_CATEGORIES, CallEvent, Category, Location, Screening
from service.policy.areas import compile_area
from service.policy.compile import CompiledPolicy, load_policy
from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support import ROOT

POLICY_DIR = ROOT / "deploy" / "policies"
ROSTER = yaml.safe_load((ROOT / "deploy" / "demo" / "roster.yaml").read_text())
POLICIES = {
    p.jurisdiction: p
    for p in (
        load_policy(path.read_bytes(), f"{path.stem}@test") for path in sorted(POLICY_DIR.glob("*.yaml"))
    )
}
# Wednesday 2026-11-25 18:00 UTC: 11:00 in Denver and Tucson, 12:00 in Chicago and Minneapolis,
# 10:00 in San Francisco - inside every civilian team's hours (Chicago CARE: mon-fri 10:30-16:30).
WEDNESDAY = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)

# city, call type, the city program the policy puts first (a civilian team, 311, or Tucson's MHST
# co-response), the policy's fallback once the city-only responses are skipped, a point well
# inside, a point just outside (what is there).
CASES = [
    (
        "denver",
        "WELFARE",
        "star",
        "police",
        (39.7392, -104.9903, "Civic Center"),
        (39.7530, -105.0640, "Edgewater, 1 km west of Sheridan Blvd"),
    ),
    (
        "denver",
        "MNTL",
        "star",
        "police",
        (39.7439, -104.9899, "downtown"),
        (39.7050, -104.9340, "Glendale, the enclave inside Denver"),
    ),
    (
        "minneapolis",
        "MNTL",
        "bcr",
        "police",
        (44.9778, -93.2650, "downtown Minneapolis"),
        (44.9485, -93.1930, "St. Paul, across the Lake St / Marshall Ave bridge"),
    ),
    (
        "minneapolis",
        "PARKING",
        "report_311",
        "police",
        (44.9633, -93.2683, "demo centre"),
        (44.9551, -93.1022, "St. Paul, the State Capitol"),
    ),
    (
        "san-francisco",
        "EDP",
        "scrt",
        "police",
        (37.7835, -122.4140, "the Tenderloin"),
        (37.6980, -122.4830, "Daly City, 1 km south of the county line"),
    ),
    (
        "san-francisco",
        "WELFARE",
        "swrt",
        "police",
        (37.7599, -122.4370, "demo centre"),
        (37.8044, -122.2712, "Oakland, across the bay"),
    ),
    (
        "tucson",
        "WELFARE",
        "mhst",
        "police",
        (32.2217, -110.9265, "Broadway Blvd & Country Club Rd"),
        (32.1960, -110.9685, "South Tucson, the enclave inside Tucson"),
    ),
    (
        "chicago",
        "MNTL",
        "care_alt",
        "police",
        (41.8789, -87.6359, "the Loop"),
        (41.8456, -87.7539, "Cicero, 1 km west of Cicero Ave"),
    ),
    (
        "chicago",
        "WELFARE",
        "care_alt",
        "police",
        (41.8000, -87.6650, "demo centre"),
        (42.0560, -87.6750, "Evanston"),
    ),
]
IDS = [f"{c[0]}-{c[1]}-{c[5][2].split(',')[0]}" for c in CASES]
CITY = {j: compile_area("city_limits", p.document.areas["city_limits"]).geometry for j, p in POLICIES.items()}


# The call-taker asked what a civilian-only response needs (not asked is not no).
ASKED = Screening(weapon=False, violence=False, medical=False)


def call(call_type: str, lat: float, lon: float) -> CallEvent:
    return CallEvent("area-1", 1, call_type, Location(lat, lon), priority=3, screening=ASKED)


def everyone_near(policy: CompiledPolicy) -> Availability:
    """One free unit of every type 500 m from any call: only the policy decides."""
    types = {t for r in policy.responses.values() for t in r.unit_types}
    return {t: [(f"{t}-1", 500.0)] for t in types}


def inside(city: str, lat: float, lon: float) -> bool:
    return bool(shapely.contains_xy(CITY[city], lon, lat))


def demo_disc(lat: float, lon: float, radius_km: float) -> Polygon:
    """The disc service.cli.demo._spot draws from, in its own km-per-degree projection (a hair larger)."""
    r = radius_km * 1.001
    km_lon = 111.32 * math.cos(math.radians(lat))
    return Polygon(
        (lon + r * math.sin(t) / km_lon, lat + r * math.cos(t) / 111.32)
        for t in (2 * math.pi * k / 720 for k in range(720))
    )


# --- the policies ---------------------------------------------------------------------------------


def test_every_example_has_a_city_area_and_city_programs_use_it() -> None:
    attached = {
        j: sorted(n for n, r in p.responses.items() if r.area is not None) for j, p in POLICIES.items()
    }
    assert attached == {
        "chicago": ["care_alt", "care_md"],
        "denver": ["co_responder", "star"],
        "minneapolis": ["bcr", "report_311"],
        "san-diego": [],  # calls replayed from SDPD open data have no coordinates (see the policy)
        "san-francisco": ["scrt", "sf311", "swrt"],
        "tucson": ["mhst"],
    }
    for policy in POLICIES.values():
        assert "city_limits" in policy.document.areas
        for response in policy.responses.values():
            # Police, EMS and fire answer anywhere (mutual aid is the dispatcher's call); so do the
            # statewide / national phone lines.
            if response.category in (Category.POLICE, Category.EMS, Category.FIRE, Category.PHONE_LINE):
                assert response.area is None, (policy.jurisdiction, response.name)
            if response.area is not None:
                assert response.area.name == "city_limits"


def test_san_diego_replay_has_no_coordinates_so_its_area_stays_detached() -> None:
    mapping = yaml.safe_load((ROOT / "deploy" / "replay" / "san-diego.yaml").read_text())
    assert not {"lat", "lon"} & set(mapping["columns"]), "coordinates now exist: attach city_limits"
    assert all(r.area is None for r in POLICIES["san-diego"].responses.values())


@pytest.mark.parametrize(("city", "code", "civilian", "fallback", "at", "out"), CASES, ids=IDS)
def test_inside_gets_the_civilian_team_just_outside_falls_back(
    city: str,
    code: str,
    civilian: str,
    fallback: str,
    at: tuple[float, float, str],
    out: tuple[float, float, str],
) -> None:
    policy = POLICIES[city]
    assert inside(city, at[0], at[1]), at[2]
    assert not inside(city, out[0], out[1]), out[2]
    units = everyone_near(policy)

    p = plan(call(code, at[0], at[1]), policy, WEDNESDAY)
    assert p.candidates[0].name == civilian
    assert not [r for r in p.reasons if r.code.startswith("area.")]
    rec = recommend(call(code, at[0], at[1]), policy, units, WEDNESDAY, "in")
    assert rec.response == civilian and not rec.fallback
    assert rec.category in CIVILIAN_CATEGORIES or rec.category == Category.CO_RESPONSE

    p = plan(call(code, out[0], out[1]), policy, WEDNESDAY)
    skipped = [r.code for r in p.reasons if r.code.startswith("area.")]
    listed = policy.call_types[code][1]
    city_only = [n for n in listed if policy.responses[n].area is not None]
    assert civilian in city_only and skipped == [f"area.{n}" for n in city_only]
    assert [c.name for c in p.candidates] == [n for n in listed if n not in city_only]
    assert all(not c.civilian for c in p.candidates)
    rec = recommend(call(code, out[0], out[1]), policy, units, WEDNESDAY, "out")
    assert rec.response == fallback and rec.category not in CIVILIAN_CATEGORIES
    text = {r.code: r.text for r in rec.reasons}
    assert text[f"area.{civilian}"] == f"{policy.responses[civilian].label} does not serve this location"


def test_a_disqualified_call_outside_still_goes_to_police() -> None:
    policy = POLICIES["denver"]
    rec = recommend(
        CallEvent("area-2", 1, "WELFARE", Location(39.7530, -105.0640), narrative="he has a gun"),
        policy,
        everyone_near(policy),
        WEDNESDAY,
        "w",
    )
    assert rec.response == "police" and "weapon" in rec.flags


def test_tucson_crisis_line_still_takes_a_caller_outside_the_city() -> None:
    # The crisis line is statewide: only MHST, a TPD unit, is limited to the city.
    policy = POLICIES["tucson"]
    rec = recommend(call("MNTL", 32.1960, -110.9685), policy, everyone_near(policy), WEDNESDAY, "t")
    assert rec.response == "crisis_line" and rec.category == Category.PHONE_LINE


# --- every demo, README, load-test and test location lies inside its city -------------------------


@pytest.mark.parametrize("city", sorted(ROSTER["jurisdictions"]))
def test_demo_disc_lies_inside_the_city(city: str) -> None:
    # The demo scatters its units, and the load test (loadtests/service_target.py) its units and
    # calls, uniformly over this disc; tests/e2e/test_prometheus_e2e.py calls within 0.02 degrees.
    spot = ROSTER["jurisdictions"][city]
    lat, lon = spot["center"]["lat"], spot["center"]["lon"]
    area = CITY[city]
    assert area.contains(demo_disc(lat, lon, spot["radius_km"])), city
    square = Polygon(
        [
            (lon - 0.02, lat - 0.02),
            (lon + 0.02, lat - 0.02),
            (lon + 0.02, lat + 0.02),
            (lon - 0.02, lat + 0.02),
        ]
    )
    assert area.contains(square), city


@pytest.mark.parametrize("seed", [7, 1, 2024])
def test_every_demo_roster_unit_and_demo_curl_is_inside(seed: int) -> None:
    roster = build_roster(ROSTER, seed, WEDNESDAY)
    assert set(roster) == set(POLICIES)
    for city, units in roster.items():
        outside = [u.unit_id for u in units if not inside(city, u.lat or 0.0, u.lon or 0.0)]
        assert not outside, (city, outside)
        centre = ROSTER["jurisdictions"][city]["center"]
        body = json.loads(example_call(city, centre["lat"], centre["lon"]))
        assert inside(city, body["location"]["lat"], body["location"]["lon"]), city


def test_readme_curl_location_is_inside_denver() -> None:
    readme = (ROOT / "README.md").read_text()
    found = re.findall(r'"lat":\s*(-?[\d.]+),\s*"lon":\s*(-?[\d.]+)', readme)
    assert found
    for lat, lon in found:
        assert inside("denver", float(lat), float(lon)), (lat, lon)


def test_fixed_locations_other_tests_use_with_example_policies_are_inside() -> None:
    # tests/unit/policy/test_example_policies.py, test_api.py / test_isolation.py / test_stream.py (Denver key
    # and policy), test_policy_api.py, test_console_browser.py.
    for lat, lon in [(39.7439, -104.9899), (39.7392, -104.9903), (39.74, -104.99), (39.741, -104.9903)]:
        assert inside("denver", lat, lon), (lat, lon)


# --- through the HTTP API -------------------------------------------------------------------------


async def test_api_inside_gets_bcr_outside_falls_back_to_police(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    # Minneapolis: BCR is 24/7, so the answer does not depend on the time the test runs.
    await activate(redis, (POLICY_DIR / "minneapolis.yaml").read_bytes(), actor="test")
    cad = await create_key(redis, "minneapolis", ["cad:write"])
    feed = await create_key(redis, "minneapolis", ["units:write"])
    await client.app.state.services.policies.refresh(redis)
    await client.app.state.services.keyring.refresh(redis)
    now = datetime.now(UTC).isoformat()
    units = [
        {
            "unit_id": "BCR-1",
            "type": "bcr_van",
            "status": "available",
            "lat": 44.9650,
            "lon": -93.2400,
            "reported_at": now,
        },
        {
            "unit_id": "P-1",
            "type": "police",
            "status": "available",
            "lat": 44.9550,
            "lon": -93.2100,
            "reported_at": now,
        },
    ]
    r = await client.post("/v1/units", json={"units": units}, headers={"Authorization": f"Bearer {feed}"})
    assert r.status_code == 200, r.text

    async def post(incident: str, lat: float, lon: float) -> dict[str, Any]:
        body = {
            "incident_id": incident,
            "seq": 1,
            "event": "created",
            "call_type": "MNTL",
            "priority": 3,
            "location": {"lat": lat, "lon": lon},
            "screening": {"weapon": False, "violence": False, "medical": False},
        }
        r = await client.post("/v1/calls", json=body, headers={"Authorization": f"Bearer {cad}"})
        assert r.status_code == 200, r.text
        rec: dict[str, Any] = r.json()
        return rec

    rec = await post("area-in", 44.9560, -93.2200)  # Seward, Minneapolis
    assert rec["response"] == "bcr" and rec["units"][0]["unit_id"] == "BCR-1", rec
    rec = await post("area-out", 44.9485, -93.1930)  # St. Paul, across the river
    assert rec["response"] == "police" and rec["category"] == "police", rec
    assert "area.bcr" in [x["code"] for x in rec["reasons"]]
    assert rec["units"][0]["unit_id"] == "P-1"
