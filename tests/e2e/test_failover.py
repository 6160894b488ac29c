"""Failover under load against real processes on loopback: a master, two replicas, three Sentinels
(loadtests/redis_group.py) and the service under uvicorn. At ~200 calls/s the master is SIGKILLed:
no valid call gets a non-2xx, answers are degraded only between the kill and shortly after the
promotion, normal again within 10 s, and no acknowledged outcome is lost."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import bench_failover
from loadtests.failover import Load, ServiceProcess, failover_once, seed, verify_outcomes
from loadtests.redis_group import RedisGroup

# Breaker (250 ms, loadtests/failover.py) + health poll (200 ms) + a reconnect: how long after the
# promotion an answer may still be degraded.
SETTLE_S = 1.5


@pytest.fixture(scope="module")
def group() -> Iterator[RedisGroup]:
    g = RedisGroup().start()
    yield g
    g.stop()


async def test_sigkill_master_at_200_calls_per_second(group: RedisGroup, tmp_path: Path) -> None:
    key = await seed(group.url)
    # A 200 ms read budget instead of 50: on the shared CI machine a 50 ms stall of any process is
    # common, and this test is about the failover, not about the machine's scheduling.
    service = ServiceProcess(group.url, tmp_path, DISPATCH_OUTCOME_MIN_REPLICAS="1",
                             DISPATCH_REDIS_TIMEOUT_MS="200").start()
    try:
        load = Load([service.base], key, rate=200)
        result = await failover_once(group, load, pre_s=2.0, post_s=8.0)
        missing = await verify_outcomes(group.url, load.acked)
        # The killed server back as a replica; then a smoke of the benchmark's harness on the same
        # processes (never a timed assertion): outcomes with WAIT for both replicas and without.
        await asyncio.to_thread(group.restart_killed)
        await asyncio.to_thread(group.wait_healthy, 30)
        args = bench_failover.parse_args(["--failovers", "0", "--outcomes", "5"])
        smoke = await bench_failover.measure(group, service, key, args)
    finally:
        service.stop()
    print(result, load.outcome_status)  # shown with -s; the figures are in docs/operations.md
    assert result["calls"] >= 1900
    assert result["non_2xx"] == 0, (result, sorted(set(load.errors)), service.log())
    assert result["promoted_s"] is not None, "the Sentinels promoted no replica"
    # Degraded only while no master was reachable: never before the kill, not long after the promotion.
    assert result["degraded_before_kill"] == 0
    if result["degraded"]:
        assert result["last_degraded_s"] <= result["promoted_s"] + SETTLE_S, result
    assert result["normal_again_s"] is not None and result["normal_again_s"] <= 10.0, result
    # Outcomes: some acknowledged on both sides of the failover, and none of them lost.
    assert len(load.acked) >= 100, load.outcome_status
    assert missing == [], f"{len(missing)} acknowledged outcome(s) lost"
    written = {name: figures["n"] for name, figures in smoke["outcome_write"].items()}
    assert written == {"wait_2_replicas_ms": 5, "no_wait_ms": 5}
