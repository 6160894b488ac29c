"""Two tiny Litestar apps that define the stack's floor, served exactly like the real service.

* ``POST /noop`` - routing + a constant JSON body: what Litestar + the ASGI server cost with no work.
* ``POST /skeleton`` - decode a small msgspec Struct, ONE pipelined Redis round trip (GEOSEARCH + GET),
  encode a small Struct: the least the real endpoint can cost given its data model (tech.md §0.1).

The service's p50/p99 minus these figures is the budget its own logic actually spends.
Run standalone: ``DISPATCH_REDIS_URL=redis://127.0.0.1:PORT/0 granian --interface asgi
loadtests.baselines:skeleton_app``.
"""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import msgspec
import redis.asyncio as aioredis
from litestar import Litestar, MediaType, Request, Response, get, post

__all__ = [
    "GEO_KEY",
    "POLICY_KEY",
    "Incident",
    "create_noop_app",
    "create_skeleton_app",
    "noop_app",
    "seed_redis",
    "skeleton_app",
]

GEO_KEY = "loadtest:units:geo"
POLICY_KEY = "loadtest:policy:version"
CENTER = (-104.9903, 39.7392)  # lon, lat: any city-sized area works; Denver keeps the numbers concrete
SEED_POINTS = 5_000
POOL_SIZE = 32  # >= the generator's connection count, so no request waits for a Redis connection


class Incident(msgspec.Struct, frozen=True):
    incident_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    lat: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    lon: Annotated[float, msgspec.Meta(ge=-180, le=180)]
    priority: int = 3


class Candidate(msgspec.Struct):
    unit_id: str
    km: float


class Recommendation(msgspec.Struct):
    incident_id: str
    candidates: list[Candidate]
    policy_version: str


# Built once: per-request Encoder/Decoder construction would be measured as "framework" cost.
_DECODER = msgspec.json.Decoder(Incident)
_ENCODER = msgspec.json.Encoder()
_NOOP_BODY = _ENCODER.encode({"status": "ok"})


@get("/health", sync_to_thread=False, media_type=MediaType.TEXT)
def health() -> str:
    return "ok"


@post("/noop", status_code=200, sync_to_thread=False)
def noop() -> Response[bytes]:
    return Response(_NOOP_BODY, media_type=MediaType.JSON)


def create_noop_app() -> Litestar:
    return Litestar(route_handlers=[noop, health], openapi_config=None, debug=False)


async def seed_redis(client: aioredis.Redis, points: int = SEED_POINTS, seed: int = 7) -> None:
    """Idempotently put `points` units within ~20 km of CENTER into GEO_KEY (fixed RNG: same data)."""
    if await client.exists(GEO_KEY):
        return
    rng = random.Random(seed)
    async with client.pipeline(transaction=False) as pipe:
        for start in range(0, points, 500):
            values: list[float | str] = []
            for i in range(start, min(start + 500, points)):
                values += [
                    CENTER[0] + rng.uniform(-0.25, 0.25),
                    CENTER[1] + rng.uniform(-0.18, 0.18),
                    f"u{i}",
                ]
            pipe.geoadd(GEO_KEY, values)
        pipe.set(POLICY_KEY, "policy-v1")
        await pipe.execute()


@asynccontextmanager
async def _redis_lifespan(app: Litestar) -> AsyncIterator[None]:
    url = os.environ.get("DISPATCH_REDIS_URL")
    if not url:  # no silent default: a default port could hit someone else's Redis
        raise RuntimeError("DISPATCH_REDIS_URL is not set")
    # Blocking pool: waits for a free connection instead of raising "Too many connections" (redis-py#2517).
    pool = aioredis.BlockingConnectionPool.from_url(url, max_connections=POOL_SIZE, timeout=2)
    client = aioredis.Redis(connection_pool=pool)
    await seed_redis(client)
    # Warm the pool: a cold pool adds a connect to the first requests' latency (redis-py#3412).
    await asyncio.gather(*(client.ping() for _ in range(POOL_SIZE)))
    app.state.redis = client
    try:
        yield
    finally:
        await client.aclose()
        await pool.disconnect()


@post("/skeleton", status_code=200)
async def skeleton(request: Request[Any, Any, Any]) -> Response[bytes]:
    # Raw body + prebuilt Decoder: msgspec validates in C; Litestar's `data:` path would add its own cost.
    try:
        incident = _DECODER.decode(await request.body())
    except msgspec.ValidationError as exc:
        return Response(_ENCODER.encode({"error": str(exc)}), status_code=422, media_type=MediaType.JSON)
    client: aioredis.Redis = request.app.state.redis
    async with client.pipeline(transaction=False) as pipe:
        pipe.geosearch(
            GEO_KEY,
            longitude=incident.lon,
            latitude=incident.lat,
            radius=5,
            unit="km",
            sort="ASC",
            count=5,
            withdist=True,
        )
        pipe.get(POLICY_KEY)
        near, version = await pipe.execute()
    out = Recommendation(
        incident.incident_id,
        [Candidate(member.decode(), dist) for member, dist in near],
        version.decode() if version else "none",
    )
    return Response(_ENCODER.encode(out), media_type=MediaType.JSON)


def create_skeleton_app() -> Litestar:
    return Litestar(
        route_handlers=[skeleton, health], lifespan=[_redis_lifespan], openapi_config=None, debug=False
    )


# Module-level ASGI objects for `granian --interface asgi loadtests.baselines:noop_app` / `:skeleton_app`.
noop_app = create_noop_app()
skeleton_app = create_skeleton_app()
