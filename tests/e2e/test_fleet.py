"""Three service replicas behind a real haproxy (loadtests/fleet.py), on a Sentinel-managed Redis:
a console streaming through the proxy sees recommendations made on every replica within 1 s; a
policy activation and a key revocation reach every replica within 1 s (as shipped: a 0.5 s
poll plus Pub/Sub); a rolling restart of every replica under load gives no non-2xx answer."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from loadtests.failover import CENTRE, JURISDICTION, ROOT, Load, ServiceProcess, seed
from loadtests.fleet import Haproxy, rolling_restart
from loadtests.redis_group import RedisGroup
from service.state.apikeys import create_key, revoke_key
from service.state.connect import redis_client
from service.state.policies import activate

REPLICAS = 3
Fleet = tuple[RedisGroup, list[ServiceProcess], Haproxy, str]
_incident = itertools.count()


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    group = RedisGroup().start()
    work: Path = tmp_path_factory.mktemp("fleet")
    key = asyncio.run(seed(group.url))
    replicas: list[ServiceProcess] = []
    proxy: Haproxy | None = None
    try:
        replicas.extend(ServiceProcess(group.url, work, DISPATCH_POLICY_POLL_S="0.5").launch()
                        for _ in range(REPLICAS))
        for replica in replicas:
            replica.wait_ready()
        proxy = Haproxy([r.port for r in replicas]).start()
        yield group, replicas, proxy, key
    finally:
        if proxy is not None:
            proxy.stop()
        for r in replicas:
            r.stop()
        group.stop()


def _call() -> dict[str, object]:
    return {"incident_id": f"fleet-{time.time_ns()}-{next(_incident)}", "seq": 1, "call_type": "WELFARE",
            "location": {"lat": CENTRE[0], "lon": CENTRE[1]}}


@contextlib.asynccontextmanager
async def _console(base: str, key: str) -> AsyncIterator[dict[str, float]]:
    """Recommendation ids seen on the stream -> when they arrived."""
    seen: dict[str, float] = {}
    ready = asyncio.Event()

    async def read() -> None:
        async with httpx.AsyncClient(timeout=None) as http, http.stream(
                "GET", f"{base}/v1/stream?backlog=0", headers={"Authorization": f"Bearer {key}"}) as r:
            assert r.status_code == 200
            assert r.headers["content-type"].startswith("text/event-stream")
            ready.set()
            async for line in r.aiter_lines():
                if line.startswith("data:") and '"recommendation_id"' in line:
                    rec_id = line.split('"recommendation_id":"', 1)[1].split('"', 1)[0]
                    seen.setdefault(rec_id, time.monotonic())

    task = asyncio.create_task(read())
    await asyncio.wait_for(ready.wait(), 10)
    try:
        yield seen
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _until(check: object, timeout_s: float) -> float:
    """Seconds until `check()` (an async callable) returns True; fails after timeout_s."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if await check():  # type: ignore[operator]
            return time.monotonic() - started
        await asyncio.sleep(0.02)
    raise AssertionError(f"not within {timeout_s} s")


async def test_console_policy_and_key_reach_every_replica(fleet: Fleet) -> None:
    group, replicas, proxy, key = fleet
    auth = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(timeout=5) as http:
        # A console through the proxy; a recommendation made on each replica directly.
        async with _console(proxy.base, key) as seen:
            await asyncio.sleep(0.2)
            for replica in replicas:
                r = await http.post(f"{replica.base}/v1/calls", json=_call(), headers=auth)
                assert r.status_code == 200, r.text
                rec_id, posted = r.json()["recommendation_id"], time.monotonic()
                await _until(lambda rec_id=rec_id: _true(rec_id in seen), 1.0)
                assert seen[rec_id] - posted <= 1.0

        # A policy activation (what `dispatch-assist policy activate` does), seen by every replica.
        redis = redis_client(group.url)
        try:
            text = (ROOT / "deploy" / "policies" / f"{JURISDICTION}.yaml").read_bytes()
            version = (await activate(redis, text + b"\n# fleet test\n", actor="test")).version
            activated = time.monotonic()
            for replica in replicas:
                async def uses_new(base: str = replica.base) -> bool:
                    r = await http.post(f"{base}/v1/calls", json=_call(), headers=auth)
                    return bool(r.json()["policy_version"] == version)
                await _until(uses_new, 1.0 - (time.monotonic() - activated))

            # A key revocation, refused by every replica within 1 s.
            doomed = await create_key(redis, JURISDICTION, ["cad:write"], label="fleet-test")
            for replica in replicas:
                async def accepted(base: str = replica.base) -> bool:
                    r = await http.post(f"{base}/v1/calls", json=_call(),
                                        headers={"Authorization": f"Bearer {doomed}"})
                    return r.status_code == 200
                await _until(accepted, 3.0)
            assert await revoke_key(redis, doomed.split("_")[1])
            revoked = time.monotonic()
            for replica in replicas:
                async def refused(base: str = replica.base) -> bool:
                    r = await http.post(f"{base}/v1/calls", json=_call(),
                                        headers={"Authorization": f"Bearer {doomed}"})
                    return r.status_code == 401
                await _until(refused, 1.0 - (time.monotonic() - revoked))
        finally:
            await redis.aclose()


async def _true(value: bool) -> bool:
    return value


async def test_rolling_restart_under_load_gives_no_error(fleet: Fleet) -> None:
    _, replicas, proxy, key = fleet
    old_pids = [r.proc.pid for r in replicas if r.proc is not None]
    # Outcomes a second after the answer, as a dispatcher's, through the proxy (often to another replica).
    load = Load([proxy.base], key, rate=100, outcome_every=25, outcome_delay_s=1.0)
    out: list[float] = []

    def restart() -> None:
        time.sleep(1.0)
        out.extend(rolling_restart(proxy, replicas, drain_s=1.0))

    worker = threading.Thread(target=restart)
    worker.start()
    run = asyncio.create_task(load.run(4.0))
    await run
    while worker.is_alive():  # the load goes on until every replica is back
        await load.run(1.0)
    worker.join()
    print("out of rotation (s):", [round(s, 2) for s in out], "calls:", len(load.samples),
          "outcomes:", load.outcome_status, "retried after 503:", load.outcome_retried)
    assert len(out) == REPLICAS
    assert [r.proc.pid for r in replicas if r.proc is not None] != old_pids  # each was restarted
    statuses = [status for _, status, _ in load.samples]
    assert len(statuses) >= 400
    assert [s for s in statuses if not 200 <= s < 300] == [], (sorted(set(load.errors)), proxy.states())
    assert load.outcome_status and set(load.outcome_status) == {200}
