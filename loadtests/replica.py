"""Prototype (issue 8, item 4): POST /v1/calls answered from an in-process replica of unit availability.

Load-test only, not a product change: `loadtests.replica:app` is the normal app with two swaps made at
start-up. Ingest runs unit_update.lua plus an XADD of every applied report (with its position) to a
per-jurisdiction replica stream, in the same script call: the stream has Redis' order of application
and costs no extra round trip. The hot-path read answers from memory, with no stored-answer check and
no shared rate window. The replica loads the unit hashes (the stream's last id read first, so all
after it is replayed), then follows the stream with XREAD BLOCK. Positions are quantised as a GEO set
stores them and distances are Redis' haversine, so it offers call_read.lua's units and distances
(tests/integration/test_replica_prototype.py). Unless the consumer reached the end of every stream within
`max_lag_s`, a read is refused and the call answered degraded.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import time
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from typing import Any

from litestar import Litestar
from redis.exceptions import RedisError

from api.app import create_app
from api.context import Services
from loadtests import service_target
from loadtests.replica_fleet import Fleet, redis_position
from loadtests.targets import Target, register_target
from service.domain.model import UnitStatus
from service.settings import Settings
from service.state import keyspace
from service.state.lane import RedisLane, script_sha
from service.state.store import CallRead, run_chunked, update_calls

__all__ = [
    "FED_UPDATE", "MAX_LAG_S", "TARGET", "Fleet", "Replica", "apply_fed", "create_replica_app",
    "feed_stream", "redis_position",
]

log = logging.getLogger("dispatch.replica")
MAX_LAG_S = 0.5  # a replica that has not reached the stream's end this recently answers degraded
FEED_MAXLEN = 100_000  # per jurisdiction, ~10 MB of Redis
# Behind for this long, the consumer reloads instead of trusting the stream: losing trimmed entries
# in 2 s would take > 50,000 reports/s in one jurisdiction, over twice the measured ingest capacity.
RESYNC_AFTER_S = 2.0
_BLOCK_MS = 100
_COUNT = 200  # entries per stream per XREAD: ~1 ms of applying, then calls get the event loop back

_UPDATE = resources.files("service.state").joinpath("unit_update.lua").read_text()
_head, _ret, _tail = _UPDATE.rpartition("return 1")
assert _ret and not _tail.strip(), "unit_update.lua no longer ends with `return 1`"
# The one line a product change would add to unit_update.lua: the applied report with the position
# it left in the GEO set (a status-only report carries the last known one). KEYS[6], ARGV[11] are new.
FED_UPDATE = _head + ("redis.call('XADD', KEYS[6], 'MAXLEN', '~', ARGV[11], '*', 'u', ARGV[1], "
                      "'t', ARGV[2], 's', ARGV[3], 'r', ARGV[4], 'a', lat, 'o', lon)\nreturn 1\n")
_FED_SHA = script_sha(FED_UPDATE)


def feed_stream(jurisdiction: str) -> str:
    return keyspace.events(jurisdiction).removesuffix("events") + "replica"  # same hash tag: same slot


async def apply_fed(lane: RedisLane, jurisdiction: str, updates: Sequence[UnitStatus]) -> int:
    """UnitStore.apply with the replica feed (KEYS[6], ARGV[11] added), sent as it sends; returns
    how many reports were applied."""
    feed = feed_stream(jurisdiction)
    calls = (([*k, feed], [*a, FEED_MAXLEN]) for k, a in update_calls(jurisdiction, updates))
    return sum(int(r) for r in await run_chunked(lane, FED_UPDATE, _FED_SHA, calls))


class Replica:
    """Every jurisdiction's fleet, fed by the replica streams; `read_for_call` as UnitStore's."""

    def __init__(self, redis_url: str, jurisdictions: Callable[[], Iterable[str]],
                 stale_after_s: Callable[[str], int | None], *, units_per_type: int = 5,
                 max_lag_s: float = MAX_LAG_S) -> None:
        self.lane = RedisLane.from_url(redis_url)  # its own: a blocked XREAD holds its connection
        self.jurisdictions, self.stale_after_s = jurisdictions, stale_after_s
        self.units_per_type, self.max_lag_s = units_per_type, max_lag_s
        self.fleets: dict[str, Fleet] = {}
        self.after: dict[str, bytes] = {}  # last stream id applied, per jurisdiction
        self.fresh_at = self.synced_at = self.evicted_at = -math.inf  # monotonic
        self.applied = self._turn = 0

    async def sync(self, j: str) -> None:
        """Load the unit hashes; the stream id is read first so that nothing after it is missed."""
        last, ids = await self.lane.execute([["XREVRANGE", feed_stream(j), "+", "-", "COUNT", 1],
                                             ["ZRANGE", keyspace.seen(j), 0, -1]])
        rows = await self.lane.execute([["HMGET", keyspace.unit(j, keyspace.text(i)), "type", "status",
                                         "reported_ms", "lat", "lon"] for i in ids]) if ids else []
        fleet = Fleet()
        for uid, (t, s, ms, lat, lon) in zip(ids, rows, strict=True):
            if t is not None:
                fleet.apply(keyspace.text(uid), keyspace.text(t), s == b"available", int(ms),
                            lat or b"", lon or b"")
        self.fleets[j], self.after[j] = fleet, last[0][0] if last else b"0-0"

    async def sync_all(self) -> None:
        started = time.monotonic()
        self.after.clear()
        for j in list(self.jurisdictions()):
            await self.sync(j)
        self.synced_at = self.fresh_at = started

    async def step(self) -> None:
        """One XREAD of every stream; fresh as of when it was sent if it reached each stream's end."""
        names = list(self.after)
        by_stream = {feed_stream(j).encode(): j for j in names}
        sent = time.monotonic()
        try:
            async with asyncio.timeout(_BLOCK_MS / 1000 + 1.0):
                (reply,) = await self.lane.execute([["XREAD", "COUNT", _COUNT, "BLOCK", _BLOCK_MS, "STREAMS",
                                                     *by_stream, *(self.after[j] for j in names)]])
        except TimeoutError:
            self.lane.close()  # a hung connection: the late reply must not reach the next command
            raise
        caught_up = True
        for stream, entries in reply or ():
            j = by_stream[stream]
            apply = self.fleets[j].apply
            for _, f in entries:  # fields u, t, s, r, a, o in that order (FED_UPDATE)
                apply(f[1].decode(), f[3].decode(), f[5] == b"available", int(f[7]), f[9], f[11])
            self.after[j] = entries[-1][0]
            self.applied += len(entries)
            caught_up = caught_up and len(entries) < _COUNT
        if caught_up:
            self.fresh_at = sent

    def evict(self) -> None:
        """One jurisdiction a second, in turn: a pass over all 10,000 units at once stalls calls ~2 ms."""
        self._turn += 1
        names = sorted(self.fleets)
        j = names[self._turn % len(names)]
        if (stale := self.stale_after_s(j)) is not None:  # a second of margin for calls in flight
            self.fleets[j].evict(int(time.time() * 1000) - stale * 1000 - 1000)
        self.evicted_at = time.monotonic()

    async def run(self) -> None:
        while True:
            try:
                if time.monotonic() - max(self.fresh_at, self.synced_at) > RESYNC_AFTER_S:
                    await self.sync_all()  # behind or cut off too long: entries may have been trimmed
                for j in self.jurisdictions():
                    if j not in self.after:
                        await self.sync(j)  # a jurisdiction whose policy appeared since
                if not self.after:
                    await asyncio.sleep(_BLOCK_MS / 1000)
                    continue
                await self.step()
                if time.monotonic() - self.evicted_at > 1.0 and self.fleets:
                    self.evict()
            except (RedisError, OSError, TimeoutError) as exc:
                log.warning("replica consumer: %s", type(exc).__name__)
                self.after.clear()  # reload once back: Redis may have restarted without its data
                await asyncio.sleep(0.05)

    async def read_for_call(self, jurisdiction: str, rec_id: str, lon: float, lat: float,
                            searches: Sequence[tuple[str, float]], now_ms: int, stale_after_s: int,
                            *, rate_key: str | None = None, incident_id: str = "",
                            with_coords: frozenset[str] = frozenset()) -> CallRead:
        # A prototype: it keeps no incident state, so no learned answers and no digest come back,
        # nor units' positions (a coverage choice then decides without them, as on a degraded read).
        fleet = self.fleets.get(jurisdiction)
        if fleet is None or time.monotonic() - self.fresh_at > self.max_lag_s:
            raise TimeoutError("availability replica is behind")  # the handler answers degraded
        since, want = now_ms - stale_after_s * 1000, self.units_per_type
        # call_read.lua hands the radius to GEOSEARCH as a Lua number, i.e. printed with %.14g.
        return CallRead(None, {t: fleet.nearest(t, lat, lon, want, float(f"{max(r, 1.0):.14g}"), since)
                               for t, r in searches}, None)


def create_replica_app(settings: Settings | None = None) -> Litestar:
    """The normal app; at start-up (services built) its hot-path read and ingest become the replica's."""
    application = create_app(settings)
    tasks: list[asyncio.Task[None]] = []

    async def start(app: Litestar) -> None:
        ctx: Services = app.state.services
        policies, units = ctx.policies, ctx.units
        assert units.lane is not None
        replica = app.state.replica = Replica(
            ctx.settings.redis_url, lambda: list(policies.policies),
            lambda j: p.units_stale_after_s if (p := policies.get(j)) is not None else None,
            units_per_type=units.units_per_type)
        units.read_for_call = replica.read_for_call  # type: ignore[method-assign]
        units.apply = functools.partial(apply_fed, units.lane)  # type: ignore[method-assign]
        try:
            await replica.sync_all()  # before serving, so the first calls are answered from it
        except (RedisError, OSError, TimeoutError) as exc:
            log.warning("replica not loaded at start-up (%s); the consumer retries", type(exc).__name__)
        tasks.append(asyncio.get_running_loop().create_task(replica.run()))

    async def stop(app: Litestar) -> None:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        app.state.replica.lane.close()

    application.on_startup.append(start)
    application.on_shutdown.append(stop)
    return application


@functools.cache
def __getattr__(name: str) -> Any:
    # `app` is built when a server imports it, not when run_baselines imports this module as a plugin.
    if name == "app":
        return create_replica_app()
    raise AttributeError(name)


TARGET = register_target(Target(
    name="replica", app="loadtests.replica:app", scenario=service_target.scenario,
    env=service_target.TARGET.env, needs_redis=True, setup=service_target.setup, ready_path="/readyz",
    description="the service target's load; POST /v1/calls reads availability from the in-process replica",
), replace=True)
