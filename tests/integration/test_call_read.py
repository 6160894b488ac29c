"""call_read.lua's widening search finds exactly the nearest live units a full-radius search would."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from service.domain.model import UnitStatus
from service.state import keyspace
from service.state.lane import RedisLane
from service.state.store import UnitStore
from tests.support import RedisServer

J = "testville"
CENTRE = (39.74, -104.99)


def _units(rng: random.Random, now: datetime) -> list[UnitStatus]:
    units = []
    # Dense downtown, sparse outskirts, one type with very few units: every widening step is used.
    for i in range(400):
        kind = rng.choice(["police", "police", "ems", "crisis"]) if i < 390 else "rescue"
        spread = 0.01 if i % 3 else 0.12
        lat, lon = CENTRE[0] + rng.gauss(0, spread), CENTRE[1] + rng.gauss(0, spread)
        stale = rng.random() < 0.15  # silent for longer than the policy allows, not yet swept
        # (the sweeper removes units silent for a minute past that; the read filters the rest)
        reported = now - timedelta(seconds=630 if stale else rng.randrange(0, 120))
        units.append(UnitStatus(f"U-{i}", kind, "available", reported, lat, lon))
    return units


@pytest.mark.parametrize("via_lane", [True, False])
async def test_nearest_units_match_a_full_radius_search(redis: Redis, redis_server: RedisServer,
                                                        via_lane: bool) -> None:
    rng = random.Random(7)
    now = datetime.now(UTC)
    lane = RedisLane.from_url(redis_server.url) if via_lane else None
    store = UnitStore(redis, units_per_type=5, lane=lane)
    units = _units(rng, now)
    await store.apply(J, units)
    stale_after_s = 600
    now_ms = int(now.timestamp() * 1000)
    silent = {u.unit_id for u in units if (now - u.reported_at).total_seconds() > stale_after_s}
    searches = [("police", 3000.0), ("ems", 20000.0), ("crisis", 8000.0), ("rescue", 30000.0)]
    for n in range(60):
        lat, lon = CENTRE[0] + rng.uniform(-0.15, 0.15), CENTRE[1] + rng.uniform(-0.15, 0.15)
        read = await store.read_for_call(J, f"r_{n}", lon, lat, searches, now_ms, stale_after_s)
        for kind, radius in searches:
            everything = await redis.geosearch(keyspace.geo(J, kind), longitude=lon, latitude=lat,
                                               radius=radius, unit="m", sort="ASC", withdist=True)
            live = [(keyspace.text(m), float(d)) for m, d in everything if keyspace.text(m) not in silent][:5]
            assert [u for u, _ in read.availability[kind]] == [u for u, _ in live], (kind, lat, lon)
            assert read.availability[kind] == pytest.approx(live) if live else read.availability[kind] == []
    if lane is not None:
        lane.close()
