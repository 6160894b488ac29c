"""The in-process availability replica (loadtests/replica.py) against a real redis-server: the same
nearest units and distances as call_read.lua, its lag, its refusal when behind, its cost per update,
its memory, and the app that uses it answering POST /v1/calls without a Redis read."""

from __future__ import annotations

import asyncio
import itertools
import random
import statistics
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from loadtests.replica import Fleet, Replica, apply_fed, create_replica_app, feed_stream
from service.domain.model import UnitStatus, UnitStatusName
from service.state import keyspace
from service.state.apikeys import create_key
from service.state.lane import RedisLane
from service.state.policies import activate
from service.state.store import SWEEP_GRACE_MS, UnitStore
from tests.support import DATA, RedisServer, make_settings

J = "testville"
CENTRE = (39.74, -104.99)
TYPES = ["police", "police", "ems", "crisis_van", "engine"]
STATUSES: list[UnitStatusName] = ["available", "available", "available", "on_scene", "dispatched"]
STALE_AFTER_S = 300
LAG_BOUND_S = 0.05  # loopback, consumer in the same event loop


def _roster(rng: random.Random, now: datetime, n: int, prefix: str = "U") -> list[UnitStatus]:
    units = []
    for i in range(n):
        kind = rng.choice(TYPES) if i < n - 6 else "rescue"  # one type too small for the grid walk
        spread = 0.01 if i % 3 else 0.1  # dense downtown, sparse outskirts
        age = rng.choice([rng.uniform(0, 200), rng.uniform(0, 200), rng.uniform(301, 359), 1000])
        units.append(UnitStatus(f"{prefix}-{i}", kind, rng.choice(STATUSES), now - timedelta(seconds=age),
                                CENTRE[0] + rng.gauss(0, spread), CENTRE[1] + rng.gauss(0, spread)))
    return units


def _id(entry_id: bytes | str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in keyspace.text(entry_id).split("-")) if entry_id else (-1,)


async def _until(done: Callable[[], bool], timeout_s: float = 2.0, poll_s: float = 0.001) -> None:
    async with asyncio.timeout(timeout_s):
        for _ in itertools.count():
            if done():
                return
            await asyncio.sleep(poll_s)


async def _caught_up(replica: Replica, redis: Redis, j: str = J) -> None:
    """Until the replica has applied what the stream held when asked (it may be further on)."""
    last = await redis.xrevrange(feed_stream(j), count=1)
    await _until(lambda: _id(replica.after.get(j)) >= _id(last[0][0] if last else b"0-0"))


@pytest.fixture
def lane(redis_server: RedisServer) -> Iterator[RedisLane]:
    lane = RedisLane.from_url(redis_server.url)
    yield lane
    lane.close()


async def test_replica_answers_exactly_as_call_read(redis: Redis, redis_server: RedisServer,
                                                    lane: RedisLane) -> None:
    rng = random.Random(5)
    now = datetime.now(UTC)
    now_ms = int(now.timestamp() * 1000)
    store = UnitStore(redis, units_per_type=5, lane=lane)
    units = _roster(rng, now, 700)
    assert await apply_fed(lane, J, units[:400]) == 400  # before the replica: reaches it by the snapshot
    replica = Replica(redis_server.url, lambda: [J], lambda _: STALE_AFTER_S)
    await replica.sync_all()
    task = asyncio.create_task(replica.run())
    try:
        await apply_fed(lane, J, units[400:])  # after: through the stream
        later = now + timedelta(seconds=1)
        moves = [UnitStatus(u.unit_id, u.type, rng.choice(STATUSES), later,
                            (u.lat or 0.0) + rng.uniform(-0.01, 0.01), u.lon) for u in rng.sample(units, 150)]
        # Status-only reports (keep the last position), type changes, and reports older than stored.
        moves += [UnitStatus(u.unit_id, u.type, "available", later + timedelta(seconds=1))
                  for u in rng.sample(units, 60)]
        moves += [UnitStatus(u.unit_id, "ems", "available", later + timedelta(seconds=2), u.lat, u.lon)
                  for u in rng.sample(units, 40)]
        stale = [UnitStatus(u.unit_id, u.type, "available", now - timedelta(days=1), 0.0, 0.0)
                 for u in rng.sample(units, 40)]
        await apply_fed(lane, J, moves)
        assert await apply_fed(lane, J, stale) == 0
        await _caught_up(replica, redis)
        filled = short = 0
        for n in range(400):
            at = now_ms + n * 125  # the clock moves on: silent units fall out
            # call_read.lua leaves units silent past the grace window to the sweeper: sweep as one
            # running the whole grace window late would.
            await store.sweep(J, at - SWEEP_GRACE_MS, STALE_AFTER_S)
            lat, lon = CENTRE[0] + rng.uniform(-0.15, 0.15), CENTRE[1] + rng.uniform(-0.15, 0.15)
            searches = [(t, rng.choice([300.0, 999.5, 2500.0, 7777.123456789012, 40000.0]))
                        for t in rng.sample(["police", "ems", "crisis_van", "engine", "rescue", "none"], 3)]
            want = await store.read_for_call(J, f"r_{n}", lon, lat, searches, at, STALE_AFTER_S)
            got = await replica.read_for_call(J, f"r_{n}", lon, lat, searches, at, STALE_AFTER_S)
            assert got.stored is None and got.rate_count is None
            assert got.availability == want.availability, (n, lat, lon, searches)
            filled += sum(len(v) == 5 for v in want.availability.values())
            short += sum(0 < len(v) < 5 for v in want.availability.values())
        # Both paths: enough units nearby, and the radius running out first.
        assert filled > 200 and short > 50, (filled, short)
    finally:
        task.cancel()
        replica.lane.close()


def test_grid_walk_finds_what_a_scan_of_every_unit_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many more searches than against Redis: the ring walk's stopping rules are what is at stake."""
    rng = random.Random(2)
    units = []
    for i in range(3000):  # clustered and sparse, ages spread around the cut-offs below
        spread = rng.choice([0.002, 0.02, 0.2])
        lat, lon = CENTRE[0] + rng.gauss(0, spread), CENTRE[1] + rng.gauss(0, spread)
        units.append((f"U-{i}", "police", rng.random() < 0.8, rng.randrange(0, 1000),
                      repr(lat).encode(), repr(lon).encode()))
    queries = []
    for _ in range(2000):
        lat, lon = CENTRE[0] + rng.gauss(0, 0.1), CENTRE[1] + rng.gauss(0, 0.1)
        queries.append((lat, lon, rng.choice([1, 5, 20]), rng.choice([50.0, 800.0, 5000.0, 60000.0]),
                        rng.choice([0, 500, 990])))
    fleets = []
    for cell in (0.005, 1000.0):  # the grid as built, then one cell holding every unit: a full scan
        monkeypatch.setattr("loadtests.replica_fleet._CELL", cell)
        fleets.append(Fleet())
        for unit in units:
            fleets[-1].apply(*unit)
        answers = [fleets[-1].nearest("police", *q) for q in queries]
        if cell < 1:
            walked = answers
    assert walked == answers
    assert len(fleets[0].grids["police"]) > 100 and len(fleets[1].grids["police"]) == 1
    assert sum(len(w) == q[2] for w, q in zip(walked, queries, strict=True)) > 500  # not all cut short


async def test_replica_lag_under_a_1000_per_s_feed(redis: Redis, redis_server: RedisServer,
                                                   lane: RedisLane) -> None:
    rng = random.Random(9)
    now = datetime.now(UTC)
    await apply_fed(lane, J, _roster(rng, now, 500))
    replica = Replica(redis_server.url, lambda: [J], lambda _: STALE_AFTER_S)
    task = asyncio.create_task(replica.run())
    background = _roster(rng, now, 500, "BG")
    stop = asyncio.Event()

    async def feed() -> None:  # 50 reports every 50 ms, as the load test's AVL feed sends them
        k = 0
        while not stop.is_set():
            batch = background[k % 10 * 50:(k % 10 + 1) * 50]
            at = datetime.now(UTC)
            await apply_fed(lane, J, [UnitStatus(u.unit_id, u.type, u.status, at, u.lat, u.lon)
                                      for u in batch])
            k += 1
            await asyncio.sleep(0.05)

    feeder = asyncio.create_task(feed())
    lags = []
    try:
        await _caught_up(replica, redis)
        for i in range(100):
            at = datetime.now(UTC) + timedelta(seconds=1)
            report = UnitStatus(f"U-{i}", "police", "available", at, CENTRE[0] + 0.001 * i, CENTRE[1])
            sent = time.perf_counter()
            await apply_fed(lane, J, [report])
            ms = int(at.timestamp() * 1000)
            await _until(lambda: replica.fleets[J].units[f"U-{i}"][1] == ms, 1.0, 0)  # noqa: B023
            lags.append(time.perf_counter() - sent)
            await asyncio.sleep(rng.uniform(0, 0.01))
    finally:
        stop.set()
        await feeder
        task.cancel()
        replica.lane.close()
    lags.sort()
    print(f"\nreplica lag (report sent -> applied), 100 reports under a 1,000/s feed: p50 "
          f"{statistics.median(lags) * 1e3:.2f} ms, p99 {lags[98] * 1e3:.2f} ms, max {lags[-1] * 1e3:.2f} ms")
    assert lags[-1] < LAG_BOUND_S


async def test_replica_refuses_when_behind(redis: Redis, redis_server: RedisServer, lane: RedisLane) -> None:
    now = datetime.now(UTC)
    await apply_fed(lane, J, [UnitStatus("P-1", "police", "available", now, *CENTRE)])
    replica = Replica(redis_server.url, lambda: [J], lambda _: STALE_AFTER_S, max_lag_s=0.05)
    task = asyncio.create_task(replica.run())
    now_ms = int(now.timestamp() * 1000)
    try:
        await _caught_up(replica, redis)
        read = await replica.read_for_call(J, "r", CENTRE[1], CENTRE[0], [("police", 100.0)], now_ms, 300)
        assert [u for u, _ in read.availability["police"]] == ["P-1"]
        # Silent for longer than the policy allows: not offered, as call_read.lua would not.
        later = now_ms + 300_001
        read = await replica.read_for_call(J, "r", CENTRE[1], CENTRE[0], [("police", 100.0)], later, 300)
        assert read.availability["police"] == []
        with pytest.raises(TimeoutError):  # a jurisdiction it does not hold
            await replica.read_for_call("nowhere", "r", 0.0, 0.0, [("police", 100.0)], now_ms, 300)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    await asyncio.sleep(0.06)  # the consumer stopped: past the bound, answers must not come from memory
    with pytest.raises(TimeoutError):
        await replica.read_for_call(J, "r", CENTRE[1], CENTRE[0], [("police", 100.0)], now_ms, 300)
    replica.lane.close()


async def test_replica_answers_degraded_during_an_outage_and_reloads_after() -> None:
    server = RedisServer().start()  # its own, to kill
    restarted: RedisServer | None = None
    lane = RedisLane.from_url(server.url)
    now = datetime.now(UTC)
    now_ms = int(now.timestamp() * 1000)
    replica = Replica(server.url, lambda: [J], lambda _: STALE_AFTER_S, max_lag_s=0.2)
    task = asyncio.create_task(replica.run())

    async def offered() -> list[str]:
        read = await replica.read_for_call(J, "r", CENTRE[1], CENTRE[0], [("police", 500.0)], now_ms, 300)
        return [u for u, _ in read.availability["police"]]

    try:
        await apply_fed(lane, J, [UnitStatus("P-1", "police", "available", now, *CENTRE)])
        await _until(lambda: "P-1" in replica.fleets.get(J, Fleet()).units)
        assert await offered() == ["P-1"]
        server.kill()
        await asyncio.sleep(0.25)  # past max_lag_s with no answer from Redis
        with pytest.raises(TimeoutError):
            await offered()
        # Back without its data (no AOF here): the replica must not keep offering P-1 from memory.
        restarted = RedisServer(port=server.port).start()
        await apply_fed(lane, J, [UnitStatus("P-2", "police", "available", now, *CENTRE)])
        await _until(lambda: "P-2" in replica.fleets.get(J, Fleet()).units
                     and time.monotonic() - replica.fresh_at < 0.2)
        assert await offered() == ["P-2"]
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        replica.lane.close()
        lane.close()
        for s in (server, restarted):
            if s is not None:
                s.stop()


async def test_consumer_cpu_per_update_and_memory(redis: Redis, redis_server: RedisServer,
                                                  lane: RedisLane) -> None:
    rng = random.Random(3)
    now = datetime.now(UTC)
    roster = _roster(rng, now, 2000)
    await apply_fed(lane, J, roster)
    total = 2000  # 2 s of the load test's 1,000 reports/s
    figures: dict[str, float] = {}

    def consume() -> None:  # its own thread and loop, so thread CPU time is the consumer's alone
        async def go() -> None:
            replica = Replica(redis_server.url, lambda: [J], lambda _: STALE_AFTER_S)
            await replica.sync_all()
            ready.set()
            cpu = time.thread_time()
            async with asyncio.timeout(20):
                while replica.applied < total:
                    await replica.step()
            figures["cpu_us"] = (time.thread_time() - cpu) / replica.applied * 1e6
            replica.lane.close()

        asyncio.run(go())

    ready = threading.Event()
    thread = threading.Thread(target=consume)
    thread.start()
    assert await asyncio.to_thread(ready.wait, 10)
    for k in range(total // 50):  # batches of 50 every 50 ms
        at = datetime.now(UTC)
        await apply_fed(lane, J, [UnitStatus(u.unit_id, u.type, rng.choice(STATUSES), at,
                                             u.lat, u.lon) for u in roster[k % 40 * 50:(k % 40 + 1) * 50]])
        await asyncio.sleep(0.05)
    await asyncio.to_thread(thread.join, 20)
    assert "cpu_us" in figures

    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    fleets = [Fleet() for _ in range(5)]
    for fleet in fleets:
        for u in _roster(rng, now, 2000):
            lat, lon = repr(u.lat).encode(), repr(u.lon).encode()
            fleet.apply(u.unit_id, u.type, u.status == "available", 0, lat, lon)
    used = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    tracemalloc.stop()
    print(f"\nreplica consumer: {figures['cpu_us']:.1f} µs CPU per applied report (XREAD, parse, apply) at "
          f"1,000/s; memory of 10,000 units (5 x 2,000): {used / 1e6:.2f} MB")
    assert figures["cpu_us"] < 200
    assert used < 10e6


async def test_replica_app_answers_calls_without_a_redis_read(redis: Redis,
                                                               redis_server: RedisServer) -> None:
    app = create_replica_app(make_settings(redis_server.url))
    async with AsyncTestClient(app=app) as client:
        await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="test")
        cad = await create_key(redis, J, ["cad:write"])
        units_key = await create_key(redis, J, ["units:write"])
        ctx = app.state.services
        await ctx.policies.refresh(redis)
        await ctx.keyring.refresh(redis)
        now = datetime.now(UTC).isoformat()
        roster = [("P-1", 39.74, -104.99), ("P-2", 39.90, -104.99), ("P-3", 39.7393, -104.9903)]
        reply = await client.post("/v1/units", headers={"Authorization": f"Bearer {units_key}"}, json={
            "units": [{"unit_id": u, "type": "police", "status": "available", "reported_at": now,
                       "lat": lat, "lon": lon} for u, lat, lon in roster]})
        assert reply.json()["applied"] == 3
        assert await redis.xlen(feed_stream(J)) == 3  # the ingest fed the replica stream
        replica = app.state.replica
        # The consumer picks up the new jurisdiction, then reads its stream.
        await _until(lambda: J in replica.after and time.monotonic() - replica.fresh_at < 0.2)
        await _caught_up(replica, redis)
        searched = int((await redis.info("commandstats")).get("cmdstat_geosearch", {}).get("calls", 0))
        body = {"incident_id": "rp-1", "seq": 1, "call_type": "BURG", "priority": 3,
                "location": {"lat": 39.7392, "lon": -104.9903}, "narrative": "", "screening": {}}
        answer = (await client.post("/v1/calls", headers={"Authorization": f"Bearer {cad}"},
                                    json=body)).json()
        assert answer["degraded"] is False
        after = int((await redis.info("commandstats")).get("cmdstat_geosearch", {}).get("calls", 0))
        assert after == searched  # answered from memory
        nearest = (await UnitStore(redis).read_for_call(J, "x", -104.9903, 39.7392, [("police", 9000.0)],
                                                        int(time.time() * 1000), 300)).availability["police"]
        assert [u for u, _ in nearest] == ["P-3", "P-1"]  # what the Lua read offers on the same state
        assert [u["unit_id"] for u in answer["units"]] == ["P-3"]
        assert abs(answer["units"][0]["distance_m"] - nearest[0][1]) < 1
        assert await redis.zcard(keyspace.geo(J, "police")) == 3  # the normal ingest's work is still done
