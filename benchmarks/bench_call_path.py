"""CPU cost of POST /v1/calls inside the process, with no HTTP server (a script, not a test).

    python -m benchmarks.bench_call_path [--n 5000] [--profile]

Starts a private redis-server, seeds it as the load test does (loadtests/service_target.py: five
example jurisdictions, 2,000 units each, the San Diego call mix with corpus narratives), runs the
app's lifespan, then drives the ASGI app directly, one request at a time, timing each with
time.thread_time_ns: the handler, middleware, Litestar, the Redis round trip's client side and the
write-behind, without the server's HTTP parsing or the kernel. With --profile, a cProfile of the
same run, top functions by own time. Figures feed docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import time
from collections.abc import Sequence
from typing import Any

from loadtests import service_target
from loadtests.servers import redis_server
from loadtests.service_target import scenario, setup
from loadtests.targets import TargetContext


async def _drive(app: Any, requests: list[tuple[str, dict[str, str], bytes]], n: int,
                 profile: cProfile.Profile | None) -> list[int]:
    samples: list[int] = []

    async def one(path: str, headers: dict[str, str], body: bytes) -> int:
        sent = False
        status = 0

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                await asyncio.sleep(3600)
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
            "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
        }
        await app(scope, receive, send)
        return status

    for i in range(min(500, n)):  # warm-up
        await one(*requests[i % len(requests)])
    if profile is not None:
        profile.enable()
    for i in range(n):
        t0 = time.thread_time_ns()
        status = await one(*requests[(i + 500) % len(requests)])
        samples.append(time.thread_time_ns() - t0)
        assert status == 200, status
        await asyncio.sleep(0)  # let the write-behind run as it would between requests
    if profile is not None:
        profile.disable()
    return samples


async def _run(redis_url: str, n: int, profile: cProfile.Profile | None) -> list[int]:
    os.environ["DISPATCH_REDIS_URL"] = redis_url
    os.environ.update(service_target.TARGET.env)  # as the load test runs the server: no rate limit
    from api.app import create_app  # noqa: PLC0415 - settings are read from the environment
    from service.settings import get_settings  # noqa: PLC0415

    ctx = TargetContext(redis_url=redis_url, seed=1)
    request = scenario(ctx)
    requests = [(p, h, b) for _, p, h, b in (request(i) for i in range(n + 500))]
    app = create_app(get_settings())
    async with app.lifespan():
        samples = await _drive(app, requests, n, profile)
        await asyncio.sleep(0.2)
    return samples


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    with redis_server() as redis:
        setup(TargetContext(redis_url=redis.url, seed=1))
        profile = cProfile.Profile() if args.profile else None
        samples = asyncio.run(_run(redis.url, args.n, profile))
    q = statistics.quantiles(samples, n=100)
    print(f"POST /v1/calls in process, {args.n} requests: CPU p50 {q[49] / 1000:.0f} µs, "
          f"p90 {q[89] / 1000:.0f} µs, p99 {q[98] / 1000:.0f} µs, "
          f"mean {statistics.mean(samples) / 1000:.0f} µs")
    if profile is not None:
        pstats.Stats(profile).sort_stats("tottime").print_stats(35)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
