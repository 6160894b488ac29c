"""Cost of the instrumentation per request, and of one scrape (a script, not a test).

    python benchmarks/bench_metrics.py [--requests 200000] [--scrapes 300]

1. Middleware: the same minimal ASGI app (one response start + body) called directly and through
   api.metrics.metrics_middleware (request id from the header or generated, context variable,
   X-Request-ID echo, in-flight gauge, counter + histogram children, the access-log level check).
   The difference per request is the middleware's cost.
2. What POST /v1/calls adds in its handler: binding jurisdiction and incident to the logs, timing
   the Redis read, counting the recommendation and its screening flags.
3. A scrape: generate_latest() with the registry populated as in production with the six example
   policies (pre-initialised series), every /v1 route with a few statuses, and a unit census.
   generate_latest runs synchronously in the event loop, so its duration is how long a scrape
   holds up requests.
Costs are CPU time of the thread (time.thread_time), so other processes on a shared machine do not
inflate them; the event-loop lag is wall-clock. Runs with the GC disabled while timing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from prometheus_client import disable_created_metrics, generate_latest  # noqa: E402

from api import metrics  # noqa: E402
from api.logs import begin_request, bind, end_request  # noqa: E402
from api.metrics import background, http  # noqa: E402
from service.domain.model import Category, Reason, Recommendation  # noqa: E402
from service.policy.compile import load_policy  # noqa: E402
from service.state.census import JurisdictionCensus  # noqa: E402

SCOPE: dict[str, Any] = {
    "type": "http", "method": "POST", "path": "/v1/calls", "path_template": "/v1/calls",
    "headers": [(b"host", b"dispatch:8000"), (b"user-agent", b"cad/1.0"), (b"accept", b"*/*"),
                (b"content-type", b"application/json"), (b"content-length", b"420"),
                (b"authorization", b"Bearer da_xxxxxxxxxxxxxxxxxxxxxxxx")],
}


async def _bare(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"{}"})


async def _receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _send(message: Any) -> None:
    return None


async def _loop(app: Any, n: int) -> float:
    start = time.thread_time()  # CPU time: robust to other processes on a shared machine
    for _ in range(n):
        await app(SCOPE, _receive, _send)
    return (time.thread_time() - start) / n


def middleware_cost(n: int) -> tuple[float, float]:
    wrapped = metrics.metrics_middleware(_bare)
    loop = asyncio.new_event_loop()
    bare, inst = [], []
    for _ in range(5):  # interleaved rounds, best of each
        bare.append(loop.run_until_complete(_loop(_bare, n // 5)))
        inst.append(loop.run_until_complete(_loop(wrapped, n // 5)))
    loop.close()
    return min(bare), min(inst)


def handler_cost(n: int) -> tuple[float, float]:
    def rec(flags: list[str], reasons: list[Reason]) -> Recommendation:
        return Recommendation("r_x", "2026-1", 1, "star", Category.CRISIS_TEAM, [], [], reasons, False, False,
                              "denver@3", datetime.now(UTC), "WELFARE", flags)

    quiet = rec([], [Reason("calltype.WELFARE", "welfare check")])
    flagged = rec(["intoxication", "weapon"], [Reason("calltype.WELFARE", "welfare check"),
                                               Reason("screen.weapon.answer", "yes to weapon"),
                                               Reason("screen.intoxication.narrative", "drunk", "drunk")])
    out = []
    _, token = begin_request(SCOPE)
    for r in (quiet, flagged):
        start = time.thread_time()
        for _ in range(n):
            bind("denver", "2026-1")
            t0 = time.perf_counter()
            metrics.CALL_READ.observe(time.perf_counter() - t0)
            metrics.record_recommendation("denver", r)
        out.append((time.thread_time() - start) / n)
    end_request(token)
    return out[0], out[1]


def populate() -> None:
    """The registry as a production process has it: 6 policies, routes, a census."""
    policies = {}
    for path in sorted((ROOT / "deploy" / "policies").glob("*.yaml")):
        policy = load_policy(path.read_bytes(), "x@1")
        policies[policy.jurisdiction] = policy
    background.policies_changed(policies)
    rec = "/v1/recommendations/{recommendation_id}"
    routes = [("POST", "/v1/calls"), ("POST", "/v1/units"), ("GET", "/v1/units"), ("GET", rec),
              ("POST", rec + "/outcome"), ("GET", "/v1/stream"), ("GET", "/v1/policy"), ("PUT", "/v1/policy"),
              ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics")]
    for method, route in routes:
        for status in (200, 401, 422, 500):
            counter, histogram = http.http_child(method, route, status)
            counter.inc()
            histogram.observe(0.0007)
    census = []
    for j, policy in policies.items():
        types = sorted({t for r in policy.responses.values() for t in r.unit_types})
        c = JurisdictionCensus(j, stale=1, last_report_s=time.time())
        for t in types:
            c.dispatchable[t] = 3
            for status in ("available", "dispatched", "en_route", "on_scene", "transporting",
                           "out_of_service"):
                c.units[(t, status)] = 2
        c.responses = {name: (True, 3) for name, r in policy.responses.items() if r.unit_types}
        census.append(c)
    background.apply_census(census)


def scrape_cost(n: int) -> tuple[float, float, int, int]:
    populate()
    body = generate_latest(metrics.REGISTRY)
    series = sum(1 for line in body.splitlines() if line and not line.startswith(b"#"))
    times = []
    for _ in range(n):
        start = time.thread_time()
        generate_latest(metrics.REGISTRY)
        times.append(time.thread_time() - start)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1], len(body), series


async def _stall(mode: str, scrapes: int) -> tuple[float, float]:
    """Largest event-loop lag seen by a 0.5 ms ticker while scrapes run: rendered family by family in
    the loop (as the service does), in one piece in the loop, or in one piece in a worker thread."""
    lags: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        while not done.is_set():
            start = time.perf_counter()
            await asyncio.sleep(0.0005)
            lags.append(time.perf_counter() - start - 0.0005)

    task = asyncio.get_running_loop().create_task(ticker())
    await asyncio.sleep(0.05)
    lags.clear()
    for _ in range(scrapes):
        if mode == "thread":
            await asyncio.to_thread(generate_latest, metrics.REGISTRY)
        elif mode == "loop":
            generate_latest(metrics.REGISTRY)
        else:
            await metrics.exposition()
        await asyncio.sleep(0.01)
    done.set()
    await task
    lags.sort()
    return lags[-1], lags[int(len(lags) * 0.99)]


def main(argv: list[str] | None = None) -> int:
    disable_created_metrics()  # as api.metrics does
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--scrapes", type=int, default=300)
    args = parser.parse_args(argv)
    gc.disable()
    bare, inst = middleware_cost(args.requests)
    quiet, flagged = handler_cost(args.requests // 4)
    median, p99, size, series = scrape_cost(args.scrapes)
    stalls = {name: asyncio.run(_stall(mode, 30)) for name, mode in (
        ("family by family in the event loop (the service)", "family"),
        ("in one piece in the event loop", "loop"), ("in one piece in a worker thread", "thread"))}
    gc.enable()
    us = 1e6
    print(f"middleware: bare app {bare * us:.2f} µs, instrumented {inst * us:.2f} µs "
          f"-> {(inst - bare) * us:.2f} µs per request")
    print(f"POST /v1/calls handler additions: {quiet * us:.2f} µs (no screening flag), "
          f"{flagged * us:.2f} µs (two flags)")
    print(f"per call in total: {(inst - bare + quiet) * us:.2f} - {(inst - bare + flagged) * us:.2f} µs")
    print(f"scrape: generate_latest {median * 1000:.2f} ms median, {p99 * 1000:.2f} ms p99, "
          f"{size / 1024:.0f} KiB, {series} samples")
    for name, (worst, p99_lag) in stalls.items():
        print(f"event-loop lag while scraping {name}: max {worst * 1000:.2f} ms, p99 {p99_lag * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
