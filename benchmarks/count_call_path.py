"""Counts, not times, of POST /v1/calls in process (a script, not a test): for comparing trees on a
machine too shared for timed runs to tell a few per cent apart.

    python -m benchmarks.count_call_path --n 2000 --calls      # Python function calls per request
    DISPATCH_REDIS_TIMEOUT_MS=30000 DISPATCH_WRITE_TIMEOUT_MS=30000 PYTHONHASHSEED=0 \\
        valgrind --tool=callgrind python -m benchmarks.count_call_path --n 50       # then --n 1050

The app is driven as benchmarks/bench_call_path.py drives it (its `_drive`: a warm-up of up to
500 calls, then --n calls). The calls are built in advance, always --built of them, so two runs
with different --n differ only by the calls driven: under callgrind, (instructions at --n 1050
minus at --n 50) / 1,450 is the instructions per request. The raised timeouts keep valgrind's
slowdown from turning calls into degraded answers. Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
from collections.abc import Sequence

from benchmarks.bench_call_path import _drive
from loadtests import service_target
from loadtests.servers import redis_server
from loadtests.service_target import scenario, setup
from loadtests.targets import TargetContext


async def _run(redis_url: str, n: int, built: int, profile: cProfile.Profile | None) -> None:
    os.environ["DISPATCH_REDIS_URL"] = redis_url
    os.environ.update(service_target.TARGET.env)
    from api.app import create_app  # noqa: PLC0415 - settings are read from the environment
    from service.settings import get_settings  # noqa: PLC0415

    request = scenario(TargetContext(redis_url=redis_url, seed=1))
    calls = [(path, dict(headers), body) for _, path, headers, body in (request(i) for i in range(built))]
    app = create_app(get_settings())
    async with app.lifespan():
        await _drive(app, calls, n, profile)
        await asyncio.sleep(0.2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="calls driven after the warm-up")
    parser.add_argument("--built", type=int, default=2500, help="calls built in advance (>= n + 500)")
    parser.add_argument("--calls", action="store_true", help="count Python function calls (cProfile)")
    args = parser.parse_args(argv)
    profile = cProfile.Profile() if args.calls else None
    with redis_server() as redis:
        setup(TargetContext(redis_url=redis.url, seed=1))
        asyncio.run(_run(redis.url, args.n, max(args.built, args.n + 500), profile))
    if profile is not None:
        stats = pstats.Stats(profile)
        print(f"{args.n} calls: {stats.total_calls / args.n:.1f} Python function calls per request")  # type: ignore[attr-defined]
    print(f"drove {args.n} calls after the warm-up")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
