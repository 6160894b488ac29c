"""Failover and capacity figures for docs/operations.md (a script, not a test).

    python -m benchmarks.bench_failover [--failovers 5] [--rate 200] [--outcomes 300] [--capacity]

On loopback: a master, two replicas, three Sentinels (loadtests/redis_group.py, its Sentinel
settings) and one service process (uvicorn). Then:
1. `--failovers` times: calls at `--rate`/s, the master SIGKILLed after 2 s, 8 s more; per failover
   the non-2xx count, when the Sentinels promoted a replica, the last degraded answer and when
   answers were normal again. The killed server comes back as a replica before the next round.
   At the end every acknowledged outcome is looked up in Redis: the count lost must be 0.
2. The cost of an outcome write: `--outcomes` outcomes stored with WAIT for both replicas and as
   many without, interleaved (so the shared machine's noise falls on both alike); p50/p99.
3. With `--capacity`: the most calls/s one replica answers with p99 under 100 ms (rates stepped),
   the master's CPU seconds and memory per 1,000 calls/s, Redis memory per 1,000 units, and the
   service's memory per compiled jurisdiction policy.
Prints one JSON document. The machine is shared: compare figures from the same run only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from redis import Redis as SyncRedis  # noqa: E402

from loadtests.failover import JURISDICTION, Load, ServiceProcess, failover_once, seed, verify_outcomes  # noqa: E402
from loadtests.redis_group import SENTINEL_SETTINGS, RedisGroup  # noqa: E402
from service.domain.model import UnitStatus  # noqa: E402
from service.durability.replicas import ReplicaAck  # noqa: E402
from service.policy.compile import load_policy  # noqa: E402
from service.state.connect import redis_client  # noqa: E402
from service.state.outcomes import OutcomeRequest, OutcomeStore  # noqa: E402
from service.state.store import UnitStore  # noqa: E402


def _q(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3) if ordered else float("nan")


async def _failovers(group: RedisGroup, service: ServiceProcess, key: str, n: int,
                     rate: float) -> dict[str, Any]:
    load = Load([service.base], key, rate=rate)
    rounds = []
    for _ in range(n):
        rounds.append(await failover_once(group, load, pre_s=2.0, post_s=8.0))
        await asyncio.to_thread(group.restart_killed)
        await asyncio.to_thread(group.wait_healthy, 30)
    missing = await verify_outcomes(group.url, load.acked)
    promoted = [r["promoted_s"] for r in rounds if r["promoted_s"] is not None]
    normal = [r["normal_again_s"] for r in rounds if r["normal_again_s"] is not None]
    return {
        "rounds": [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()} for r in rounds],
        "promoted_s": {"min": _q(promoted, 0), "median": _q(promoted, 0.5), "max": _q(promoted, 1.0)},
        "normal_again_s": {"min": _q(normal, 0), "median": _q(normal, 0.5), "max": _q(normal, 1.0)},
        "non_2xx_total": sum(r["non_2xx"] for r in rounds),
        "outcomes_acknowledged": len(load.acked), "outcomes_lost": len(missing),
        "outcome_statuses": load.outcome_status,
    }


async def _outcome_cost(group: RedisGroup, service: ServiceProcess, key: str, n: int) -> dict[str, Any]:
    load = Load([service.base], key, rate=100, outcome_every=10**9)  # calls only: their ids below
    await load.run(2 * n / 100 + 1)
    redis = redis_client(group.url, socket_timeout=2)
    rec_ids = [k.decode().rsplit(":", 1)[1] async for k in redis.scan_iter(match=f"*{JURISDICTION}*:rec:*")]
    waited = OutcomeStore(redis, 3600, 100_000, acks=ReplicaAck(minimum=2, timeout_ms=1000))
    plain = OutcomeStore(redis, 3600, 100_000)
    times: dict[str, list[float]] = {"wait_2_replicas_ms": [], "no_wait_ms": []}
    req = OutcomeRequest("accepted")
    for i, rec_id in enumerate(rec_ids[: 2 * n]):
        store, name = (waited, "wait_2_replicas_ms") if i % 2 == 0 else (plain, "no_wait_ms")
        started = time.perf_counter()
        await store.record(JURISDICTION, rec_id, req, "bench", datetime.now(UTC))
        times[name].append((time.perf_counter() - started) * 1000)
    await redis.aclose()
    return {name: {"n": len(v), "p50": _q(v, 0.5), "p99": _q(v, 0.99)} for name, v in times.items()}


async def _capacity(group: RedisGroup, service: ServiceProcess, key: str) -> dict[str, Any]:
    master = group.master_port()
    sync = SyncRedis(port=master)
    steps = []
    best = 0.0
    for rate in (200, 400, 600, 800, 1000, 1200):
        cpu0 = sync.info("cpu")
        load = Load([service.base], key, rate=rate, outcome_every=10**9, connections=64)
        started = time.monotonic()
        await load.run(5)
        wall = time.monotonic() - started
        cpu1 = sync.info("cpu")
        ok = sum(1 for _, s, _ in load.samples if 200 <= s < 300)
        cpu = sum(cpu1[k] - cpu0[k] for k in ("used_cpu_sys", "used_cpu_user"))
        steps.append({"rate": rate, "answered_per_s": round(ok / wall, 1),
                      "generator_lag_s": round(load.max_lag_s, 3),
                      "redis_cpu_s_per_1000_calls": round(cpu / max(ok, 1) * 1000, 3)})
        if load.max_lag_s > 0.1 or ok / wall < 0.95 * rate:
            break
        best = ok / wall
    used = int(sync.info("memory")["used_memory"])
    # Redis memory per 1,000 units: a jurisdiction of 10,000 units loaded and measured.
    redis = redis_client(group.url)
    before = int(sync.info("memory")["used_memory"])
    now = datetime.now(UTC)
    units = [UnitStatus(f"BENCH-{i}", "patrol", "available", now, 44.9 + (i % 100) / 1000,
                        -93.2 - (i // 100) / 1000) for i in range(10_000)]
    for start in range(0, len(units), 500):
        await UnitStore(redis).apply("bench-units", units[start:start + 500])
    after = int(sync.info("memory")["used_memory"])
    await redis.aclose()
    # The service's memory per jurisdiction: what compiling one example policy allocates.
    policies = sorted((ROOT / "deploy" / "policies").glob("*.yaml"))
    tracemalloc.start()
    kept = [load_policy(p.read_bytes()) for p in policies]
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return {"steps": steps, "calls_per_s_one_replica": round(best, 1),
            "redis_used_memory_after_load_mb": round(used / 1e6, 1),
            "redis_bytes_per_1000_units": round((after - before) / 10, 0),
            "service_kib_per_compiled_policy": round(size / len(policies) / 1024, 1)}


async def measure(group: RedisGroup, service: ServiceProcess, key: str,
                  args: argparse.Namespace) -> dict[str, Any]:
    """Everything above against a running group and service (tests/e2e/test_failover.py smokes it)."""
    out: dict[str, Any] = {"sentinel_settings": SENTINEL_SETTINGS, "rate": args.rate,
                           "service_settings": {"breaker_open_ms": 250, "policy_poll_s": 0.2,
                                                "redis_timeout_ms": args.redis_timeout_ms}}
    out["outcome_write"] = await _outcome_cost(group, service, key, args.outcomes)
    if args.failovers:
        out["failovers"] = await _failovers(group, service, key, args.failovers, args.rate)
    if args.capacity:
        out["capacity"] = await _capacity(group, service, key)
    return out


async def main(args: argparse.Namespace) -> dict[str, Any]:
    group = RedisGroup().start()
    work = Path(tempfile.mkdtemp(prefix="da-bench-failover-"))
    try:
        key = await seed(group.url)
        service = ServiceProcess(group.url, work, DISPATCH_OUTCOME_MIN_REPLICAS="1",
                                 DISPATCH_REDIS_TIMEOUT_MS=str(args.redis_timeout_ms)).start()
        try:
            return await measure(group, service, key, args)
        finally:
            service.stop()
    finally:
        group.stop()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--failovers", type=int, default=5)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--outcomes", type=int, default=300)
    parser.add_argument("--capacity", action="store_true")
    parser.add_argument("--redis-timeout-ms", type=int, default=50,
                        help="DISPATCH_REDIS_TIMEOUT_MS of the service (tests/e2e/test_failover.py uses 200)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(parse_args())), indent=1, default=str))
