"""`dispatch-assist demo`: example policies, a synthetic roster around each real city, demo keys.

With --serve it also runs the service and plays a live AVL feed (every unit re-reports its
position and sometimes a new status), so units never go stale and the board moves.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import msgspec
import yaml

from service import bootstrap
from service.cli.main import server_command
from service.domain.model import UnitStatus, UnitStatusName
from service.policy.compile import load_policy
from service.settings import Settings, get_settings
from service.state.apikeys import SCOPES, create_key
from service.state.policies import activate, active_document
from service.state.store import UnitStore

__all__ = ["build_roster", "load_demo", "run_demo"]

BUSY: tuple[UnitStatusName, ...] = ("dispatched", "en_route", "on_scene", "transporting")
FEED_INTERVAL_S = 20.0


def example_call(jurisdiction: str, lat: float, lon: float) -> str:
    """A welfare check near the city centre, as a CAD would send it (compact JSON for a shell line)."""
    return msgspec.json.encode(
        {
            "incident_id": f"demo-{jurisdiction}-1",
            "seq": 1,
            "event": "created",
            "call_type": "WELFARE",
            "priority": 3,
            "location": {"lat": round(lat + 0.004, 5), "lon": round(lon + 0.003, 5)},
            "narrative": "caller says a man is yelling at traffic, no weapons seen",
            # Violence left unasked on purpose: the answer's `ask` shows the question that stands
            # between the call and the civilian team (README).
            "screening": {"medical": False},
        }
    ).decode()


def roster_path(settings: Settings) -> Path:
    return Path(settings.policy_dir).parent / "demo" / "roster.yaml"


def _spot(rng: random.Random, lat: float, lon: float, radius_km: float) -> tuple[float, float]:
    # Uniform over a disc: sqrt of a uniform radius, so units do not bunch at the centre.
    r = radius_km * math.sqrt(rng.random())
    theta = rng.random() * 2 * math.pi
    dlat = r * math.cos(theta) / 111.32
    dlon = r * math.sin(theta) / (111.32 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def build_roster(spec: dict[str, Any], seed: int, now: datetime) -> dict[str, list[UnitStatus]]:
    rng = random.Random(seed)
    roster: dict[str, list[UnitStatus]] = {}
    for j, city in sorted(spec["jurisdictions"].items()):
        lat, lon, radius = city["center"]["lat"], city["center"]["lon"], city.get("radius_km", 8)
        units = []
        for unit_type, count in city["units"].items():
            for i in range(int(count)):
                ulat, ulon = _spot(rng, lat, lon, radius)
                status = "available" if rng.random() < 0.7 else rng.choice(BUSY)
                units.append(
                    UnitStatus(
                        f"{unit_type.upper().replace('_', '-')}-{i + 1}", unit_type, status, now, ulat, ulon
                    )
                )
        roster[j] = units
    return roster


async def load_demo(settings: Settings, seed: int) -> tuple[dict[str, str], dict[str, Any]]:
    """Activate each example policy that differs from the active one, load the roster, make keys."""
    redis = bootstrap.cli_redis(settings, socket_timeout=None)
    try:
        for path in sorted(Path(settings.policy_dir).glob("*.y*ml")):
            text = path.read_bytes()
            j = load_policy(text).jurisdiction
            current = await active_document(redis, j)
            if current is None or current[1] != text:
                await activate(redis, text, actor=f"demo:{path.name}")
        spec = yaml.safe_load(roster_path(settings).read_text())
        roster = build_roster(spec, seed, datetime.now(UTC))
        store = UnitStore(redis, settings.units_per_type)
        demo_keys = {}
        for j, units in roster.items():
            await store.apply(j, units)
            demo_keys[j] = await create_key(redis, j, list(SCOPES), label="demo")
        return demo_keys, {"spec": spec, "roster": roster}
    finally:
        await redis.aclose()


async def _feed(
    settings: Settings, roster: dict[str, list[UnitStatus]], seed: int, stop: asyncio.Event
) -> None:
    rng = random.Random(seed + 1)
    redis = bootstrap.cli_redis(settings, socket_timeout=None)
    store = UnitStore(redis, settings.units_per_type)
    try:
        while not stop.is_set():
            now = datetime.now(UTC)
            for j, units in roster.items():
                for k, unit in enumerate(units):
                    lat, lon = unit.lat or 0.0, unit.lon or 0.0
                    status = unit.status
                    if rng.random() < 0.1:
                        status = "available" if status != "available" else rng.choice(BUSY)
                    units[k] = UnitStatus(
                        unit.unit_id,
                        unit.type,
                        status,
                        now,
                        round(lat + rng.uniform(-0.002, 0.002), 6),
                        round(lon + rng.uniform(-0.002, 0.002), 6),
                    )
                with contextlib.suppress(Exception):
                    await store.apply(j, units)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), FEED_INTERVAL_S)
    finally:
        await redis.aclose()


def _wait_ready(base: str, server: subprocess.Popen[bytes], timeout_s: float = 30) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            time.sleep(0.2)
    return False


def run_demo(args: argparse.Namespace) -> int:
    settings = get_settings()
    demo_keys, loaded = asyncio.run(load_demo(settings, args.seed))
    roster, cities = loaded["roster"], loaded["spec"]["jurisdictions"]
    host, port = args.host or settings.host, args.port or settings.port
    base = f"http://{host}:{port}"
    print("Demo API keys (all scopes; one per jurisdiction):")
    for j, key in demo_keys.items():
        print(f"  {j:14s} {key}")
    print("Units loaded: " + ", ".join(f"{j} {len(u)}" for j, u in roster.items()))
    # Denver first: it is the README's example.
    for j in sorted(demo_keys, key=lambda name: name != "denver"):
        centre = cities[j]["center"]
        print(f"\nA welfare check in {j}:")
        print(
            f"curl -s -X POST {base}/v1/calls -H 'Authorization: Bearer {demo_keys[j]}' "
            f"-H 'Content-Type: application/json' -d '{example_call(j, centre['lat'], centre['lon'])}'"
        )
    sys.stdout.flush()
    if not args.serve:
        return 0
    server = subprocess.Popen(server_command(host, port))
    try:
        if not _wait_ready(base, server):
            print("the service did not start; see its output above", file=sys.stderr)
            return 1
        print(f"\nService ready on {base} (console keys above; Ctrl-C stops)", flush=True)
        return asyncio.run(_serve_feed(settings, roster, args.seed, server))
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(10)


async def _serve_feed(
    settings: Settings, roster: dict[str, list[UnitStatus]], seed: int, server: subprocess.Popen[bytes]
) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    feed = loop.create_task(_feed(settings, roster, seed, stop))
    while not stop.is_set() and server.poll() is None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)
    stop.set()
    await feed
    return 0 if server.poll() in (None, 0, -15) else 1
