"""The real service as a load-test target (`--plugin loadtests.service_target --targets service`).

Scenario, as issue 8 asks: the call mix of San Diego PD's real calls for service, mapped onto APCO
codes through the San Diego example policy's `local_codes`, sent to the five example jurisdictions
in turn; about half the calls carry a realistic narrative (the labelled screening corpus); each
jurisdiction has 2,000 units spread around its real centre; during the run every unit reports its
position once per 10 s through POST /v1/units (1,000 updates/s in all), so availability keeps
changing under the calls.
"""

from __future__ import annotations

import asyncio
import csv
import http.client
import multiprocessing
import os
import random
import time
from collections import Counter
from datetime import UTC, datetime
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import msgspec
import yaml
from redis import Redis as SyncRedis
from redis.asyncio import Redis

from loadtests.generator import Scenario
from loadtests.targets import Target, TargetContext, register_target
from service.cli.demo import _spot
from service.domain.model import UnitStatus, UnitStatusName
from service.policy.compile import load_policy
from service.state.apikeys import create_key
from service.state.policies import activate

__all__ = [
    "JURISDICTIONS", "TARGET", "UNITS_PER_JURISDICTION", "avl_feed", "call_mix", "scenario", "seed_keys",
    "setup",
]

ROOT = Path(__file__).resolve().parent.parent
SD_CALLS = ROOT.parent / "shared" / "data" / "san_diego_pd_cfs" / "pd_calls_for_service_2023_datasd.csv"
JURISDICTIONS = ("minneapolis", "san-francisco", "tucson", "denver", "chicago")
UNITS_PER_JURISDICTION = 2000
AVL_PERIOD_S = 10.0
_BATCH = 50  # small batches: each is one short burst of Lua calls on the server
_KEYS: dict[str, dict[str, str]] = {}
_ROSTER: dict[str, list[UnitStatus]] = {}
_encode = msgspec.json.Encoder().encode


def call_mix(limit: int | None = None) -> list[tuple[str, int | None]]:
    """(APCO code, priority) of each real SD call, through the San Diego policy's code map."""
    policy = load_policy((ROOT / "deploy" / "policies" / "san-diego.yaml").read_bytes())
    mix = []
    with SD_CALLS.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["call_type"].strip():  # a handful of rows have no call type: no CAD would send them
                continue
            found = policy.call_types.get(row["call_type"].upper())
            code = found[0] if found else row["call_type"]
            priority = int(row["priority"]) if row["priority"].isdigit() else None
            mix.append((code, priority))
            if limit and len(mix) >= limit:
                break
    return mix


def _roster(seed: int) -> dict[str, list[UnitStatus]]:
    spec = yaml.safe_load((ROOT / "deploy" / "demo" / "roster.yaml").read_text())["jurisdictions"]
    rng = random.Random(seed)
    now = datetime.now(UTC)
    roster = {}
    for j in JURISDICTIONS:
        city = spec[j]
        weights = Counter(city["units"])
        total = sum(weights.values())
        units = []
        for unit_type, count in weights.items():
            for i in range(round(UNITS_PER_JURISDICTION * count / total)):
                lat, lon = _spot(rng, city["center"]["lat"], city["center"]["lon"], city.get("radius_km", 8))
                status: UnitStatusName = "available" if rng.random() < 0.7 else "on_scene"
                units.append(UnitStatus(f"{unit_type.upper()}-{i}", unit_type, status, now, lat, lon))
        roster[j] = units
    return roster


async def _seed(redis_url: str, seed: int) -> None:
    redis = Redis.from_url(redis_url)
    try:
        for j in JURISDICTIONS:
            await activate(redis, (ROOT / "deploy" / "policies" / f"{j}.yaml").read_bytes(), actor="loadtest")
            _KEYS[j] = {
                "cad": await create_key(redis, j, ["cad:write"], label="loadtest"),
                "units": await create_key(redis, j, ["units:write"], label="loadtest"),
            }
        from service.state.store import UnitStore  # noqa: PLC0415 - only the seeding needs the store

        store = UnitStore(redis)
        _ROSTER.update(_roster(seed))
        for j, units in _ROSTER.items():
            await store.apply(j, units)
    finally:
        await redis.aclose()


async def seed_keys(redis_url: str, jurisdictions: list[str], scopes: list[str]) -> dict[str, dict[str, str]]:
    """Activate the example policy of each jurisdiction and create one key per scope."""
    redis = Redis.from_url(redis_url)
    try:
        out: dict[str, dict[str, str]] = {}
        for j in jurisdictions:
            await activate(redis, (ROOT / "deploy" / "policies" / f"{j}.yaml").read_bytes(), actor="loadtest")
            out[j] = {s: await create_key(redis, j, [s], label="loadtest") for s in scopes}
        return out
    finally:
        await redis.aclose()


def setup(ctx: TargetContext) -> None:
    assert ctx.redis_url is not None
    SyncRedis.from_url(ctx.redis_url).flushdb()
    asyncio.run(_seed(ctx.redis_url, ctx.seed))


_FEED: dict[str, BaseProcess] = {}
FEED_MAX_S = 900.0  # a feed never outlives a long sweep step by much, even if nobody stops it


def scenario(ctx: TargetContext) -> Scenario:
    """Prepare the requests, and (re)start the AVL feed against the server about to be measured."""
    if (old := _FEED.pop("feed", None)) is not None:
        old.terminate()
        old.join(5)
    if ctx.base_url is not None:
        _FEED["feed"] = avl_feed(ctx.base_url, ctx.seed + 1)
    rng = random.Random(ctx.seed)
    mix = call_mix()
    corpus = yaml.safe_load((ROOT / "tests" / "data" / "narratives.yaml").read_text())
    narratives = [item["text"] for item in corpus]
    centres = yaml.safe_load((ROOT / "deploy" / "demo" / "roster.yaml").read_text())["jurisdictions"]
    headers = {j: {"Content-Type": "application/json", "Authorization": f"Bearer {_KEYS[j]['cad']}"}
               for j in JURISDICTIONS}
    stamp = time.time_ns() // 1000  # unique per run: repeats would hit the idempotency cache

    def request(i: int) -> tuple[str, str, dict[str, str], bytes]:
        j = JURISDICTIONS[i % len(JURISDICTIONS)]
        code, priority = mix[rng.randrange(len(mix))]
        centre = centres[j]["center"]
        lat, lon = _spot(rng, centre["lat"], centre["lon"], centres[j].get("radius_km", 8))
        body: dict[str, Any] = {"incident_id": f"lt-{stamp}-{i}", "seq": 1, "call_type": code,
                                "location": {"lat": lat, "lon": lon}}
        if priority is not None:
            body["priority"] = priority
        if rng.random() < 0.5:
            body["narrative"] = narratives[rng.randrange(len(narratives))]
        return "POST", "/v1/calls", headers[j], _encode(body)

    return request


_NOW = b"@now@"  # stands for reported_at in a prepared batch
_VARIANTS = 4  # prepared versions of each batch: positions jitter and statuses change between periods


def avl_feed(base_url: str, seed: int = 2, max_s: float = FEED_MAX_S) -> BaseProcess:
    """Every unit re-reports once per AVL_PERIOD_S, in small batches spread evenly over the period.

    The feed runs in a process of its own with its request bodies prepared here: run as a thread of
    the generator, its Python held the generator's interpreter lock for a millisecond or more per
    batch, and the calls sent late behind it counted against the server's tail."""
    rng = random.Random(seed)
    batches: list[tuple[str, list[bytes]]] = []
    for j, units in _ROSTER.items():
        for k in range(0, len(units), _BATCH):
            variants = [
                _encode({"units": [
                    {"unit_id": u.unit_id, "type": u.type, "reported_at": _NOW.decode(),
                     "status": "available" if rng.random() < 0.7 else "on_scene",
                     "lat": (u.lat or 0) + rng.uniform(-0.001, 0.001),
                     "lon": (u.lon or 0) + rng.uniform(-0.001, 0.001)}
                    for u in units[k:k + _BATCH]
                ]})
                for _ in range(_VARIANTS)
            ]
            batches.append((_KEYS[j]["units"], variants))
    process = multiprocessing.get_context("spawn").Process(
        target=_feed, args=(base_url, batches, time.monotonic() + max_s), name="avl-feed", daemon=True
    )
    process.start()
    return process


def _feed(base_url: str, batches: list[tuple[str, list[bytes]]], deadline: float) -> None:
    # It shares the generator's core: at the lowest priority it yields the core to the generator's
    # sends (an idle-class scheduling policy was measured too, with no difference).
    os.nice(19)
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=5)
    gap = AVL_PERIOD_S / max(len(batches), 1)
    due = time.monotonic()
    period = 0
    while True:
        for key, variants in batches:
            due += gap
            if due > deadline:
                return
            time.sleep(max(0.0, due - time.monotonic()))
            body = variants[period % _VARIANTS].replace(_NOW, datetime.now(UTC).isoformat().encode())
            headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
            try:
                connection.request("POST", "/v1/units", body, headers)
                connection.getresponse().read()
            except (OSError, http.client.HTTPException):
                return  # the server under test has stopped
        period += 1


TARGET = register_target(
    Target(
        name="service",
        app="api.asgi:app",
        scenario=scenario,
        needs_redis=True,
        setup=setup,
        ready_path="/readyz",
        # The load test measures the decision path, not the abuse limits.
        env={"DISPATCH_RATE_LIMIT_RPS": "1000000", "DISPATCH_RATE_LIMIT_BURST": "1000000",
             "DISPATCH_LOG_LEVEL": "WARNING"},
        description="POST /v1/calls: SD call mix, 5 jurisdictions x 2,000 units, AVL at 1 report/unit/10 s",
    ),
    replace=True,
)
