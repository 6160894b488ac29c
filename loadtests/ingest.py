"""Batched unit-status ingest: how many AVL/status reports per second POST /v1/units applies.

    python -m loadtests.ingest [--server uvicorn] [--batch 500] [--clients 2] [--duration 10]

Starts a private redis-server and the service on loopback (the same server command as the
baselines, pinned to core 0), creates a units:write key for one jurisdiction with 2,000 units,
then posts batches of reports from `clients` concurrent connections for `duration` seconds: every
report moves a unit and is newer than the last, so each one is applied (the Lua update, the GEO set,
the census counters, the console event). Reports applied per second and each batch's latency
(p50/p99) are printed and written as JSON under loadtests/results/. Stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import msgspec

from loadtests.servers import SERVERS, redis_server, start_asgi_server
from loadtests.service_target import TARGET, seed_keys

__all__ = ["main", "run"]

RESULTS = Path(__file__).resolve().parent / "results"
JURISDICTION = "denver"
UNITS = 2000
_encode = msgspec.json.Encoder().encode


def _batches(count: int, size: int, seed: int) -> list[bytes]:
    """Batches cycling over the 2,000 units, each report a little later and a little moved."""
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(hours=1)
    out = []
    for b in range(count):
        units = []
        for k in range(size):
            n = b * size + k
            at = start + timedelta(milliseconds=n)  # strictly newer than the unit's last report
            units.append({"unit_id": f"AVL-{n % UNITS}", "type": rng.choice(["police", "ems", "crisis"]),
                          "status": "available", "reported_at": at.isoformat(),
                          "lat": 39.74 + rng.uniform(-0.04, 0.04), "lon": -104.99 + rng.uniform(-0.04, 0.04)})
        out.append(_encode({"units": units}))
    return out


async def _client(base: str, key: str, bodies: list[bytes], until: float, latencies: list[float]) -> int:
    applied = 0
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        i = 0
        while time.monotonic() < until and i < len(bodies):
            t0 = time.perf_counter()
            r = await http.post("/v1/units", content=bodies[i], headers=headers)
            latencies.append(time.perf_counter() - t0)
            r.raise_for_status()
            applied += r.json()["applied"]
            i += 1
    return applied


async def _drive(base: str, key: str, batch: int, clients: int, duration: float) -> dict[str, Any]:
    per_client = int(60_000 * duration / batch / clients) + 2  # more than enough for 60k reports/s
    bodies = _batches(per_client * clients, batch, seed=1)
    latencies: list[float] = []
    started = time.monotonic()
    until = started + duration
    counts = await asyncio.gather(*(_client(base, key, bodies[c::clients], until, latencies)
                                    for c in range(clients)))
    elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"applied": sum(counts), "seconds": round(elapsed, 3), "batches": len(latencies),
            "updates_per_s": round(sum(counts) / elapsed), "batch_ms_p50": round(q[49] * 1000, 2),
            "batch_ms_p99": round(q[98] * 1000, 2)}


def run(server: str, batch: int, clients: int, duration: float) -> dict[str, Any]:
    with redis_server(core=1) as redis:
        keys = asyncio.run(seed_keys(redis.url, [JURISDICTION], ["units:write"]))
        with start_asgi_server("api.asgi:app", server, env={**TARGET.env, "DISPATCH_REDIS_URL": redis.url},
                               ready_path="/readyz") as proc:
            base = f"http://127.0.0.1:{proc.port}"
            result = asyncio.run(_drive(base, keys[JURISDICTION]["units:write"], batch, clients, duration))
    return {"server": server, "batch": batch, "clients": clients, "duration_s": duration, **result}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", default="uvicorn", choices=SERVERS)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--duration", type=float, default=10.0)
    ap.add_argument("--out", type=Path, default=RESULTS)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per batch would cost the client CPU
    args = ap.parse_args(argv)
    result = run(args.server, args.batch, args.clients, args.duration)
    print(json.dumps(result))
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (args.out / f"ingest-{stamp}-{args.server}.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
