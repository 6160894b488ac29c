"""Unit availability in Redis: status reports, the sweep of silent units, the hot-path read, the board.

The recommendation hot path reads with `read_for_call`: one Lua call (call_read.lua) that returns
the stored answer for this (incident, seq), counts the key's rate window, and runs a GEOSEARCH per
unit type the plan needs, leaving out units that went silent; it goes through the lean connection
of service/state/lane.py when one is given. The answer's own writes (stored answer, audit entry,
console event) are service/state/recommendations.py's.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from importlib import resources
from typing import Any, NamedTuple

import hiredis
import msgspec
from redis.asyncio import Redis

from service.domain.decision import Availability
from service.domain.model import Answer, UnitStatus
from service.state import keyspace
from service.state.events import EVENTS_MAXLEN
from service.state.lane import RedisLane, raise_errors, script_sha

__all__ = [
    "CallRead",
    "UnitStore",
    "run_chunked",
    "update_calls",
]

_UPDATE = resources.files("service.state").joinpath("unit_update.lua").read_text()
_SWEEP = resources.files("service.state").joinpath("unit_sweep.lua").read_text()
_CALL_READ = resources.files("service.state").joinpath("call_read.lua").read_text()
_CALL_READ_SHA = script_sha(_CALL_READ)
_UPDATE_SHA = script_sha(_UPDATE)
# Units that went silent within this window may still sit in a GEO set until the next sweep;
# the read filters them out itself, so staleness never depends on the sweeper being on time.
SWEEP_GRACE_MS = 60_000
# Reports packed and sent at a time by apply() on the lean connection (~0.2 ms of Redis, ~0.1 ms here).
APPLY_CHUNK = 10


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


class CallRead(msgspec.Struct):
    stored: bytes | None
    availability: dict[str, list[tuple[str, float]]]
    # Requests of the calling key in the current one-second window across replicas (api/limits.py).
    rate_count: int | None = None
    # Digest of the call event the stored answer was given for (a retry must carry the same facts).
    stored_digest: bytes | None = None
    # The screening answers learned for the incident by earlier events and its dispatcher.
    learned: list[Answer] = msgspec.field(default_factory=list)
    learned_fields: frozenset[str] = frozenset()
    # (lat, lon) of the units found for the unit types asked `with_coords` (a coverage choice).
    positions: dict[str, tuple[float, float]] | None = None


_decode_answer = msgspec.json.Decoder(Answer).decode


class _Shared(NamedTuple):
    """The keys every report of one jurisdiction's batch touches besides its unit's own."""

    jurisdiction: str
    seen: str
    geo_prefix: str
    counts: str
    events: str  # status changes reach the consoles (service/state/events.py)

    @classmethod
    def of(cls, jurisdiction: str) -> _Shared:
        return cls(jurisdiction, keyspace.seen(jurisdiction), keyspace.geo_prefix(jurisdiction),
                   keyspace.unit_counts(jurisdiction), keyspace.events(jurisdiction))

    def update_call(self, u: UnitStatus) -> tuple[list[str], list[Any]]:
        """KEYS and ARGV of unit_update.lua for one report."""
        caps = ",".join(u.capabilities)
        shift = str(_ms(u.shift_ends_at)) if u.shift_ends_at else ""
        lat = "" if u.lat is None else repr(u.lat)
        lon = "" if u.lon is None else repr(u.lon)
        return (
            [keyspace.unit(self.jurisdiction, u.unit_id), self.seen, self.geo_prefix + u.type, self.counts,
             self.events],
            [u.unit_id, u.type, u.status, _ms(u.reported_at), lat, lon, caps, shift, self.geo_prefix,
             EVENTS_MAXLEN],
        )


def update_calls(jurisdiction: str, updates: Iterable[UnitStatus]) -> Iterator[tuple[list[str], list[Any]]]:
    """KEYS and ARGV of unit_update.lua for each report, built as they are consumed."""
    return map(_Shared.of(jurisdiction).update_call, updates)


async def run_chunked(lane: RedisLane, script: str, sha: str,
                      calls: Iterable[tuple[list[str], list[Any]]]) -> list[Any]:
    """EVALSHA of `script` for each (KEYS, ARGV), pipelined, APPLY_CHUNK at a time with the event loop
    let go in between: a 500-unit AVL batch then never holds this process (or Redis, which runs
    ~18 µs of Lua per report) for milliseconds while a call waits behind it. Error replies raise;
    a Redis that forgot the script gets it loaded and the refused commands again."""
    commands: list[list[Any]] = []
    pending: list[asyncio.Future[list[Any]]] = []
    it = iter(calls)
    try:
        while chunk := [["EVALSHA", sha, len(k), *k, *a] for k, a in itertools.islice(it, APPLY_CHUNK)]:
            if pending:
                await asyncio.sleep(0)
            commands += chunk
            pending.append(await lane.submit(chunk))
    except BaseException:
        for future in pending:  # nobody will wait for their replies now
            future.cancel()
        raise
    results = [r for replies in await asyncio.gather(*pending) for r in replies]
    refused = [i for i, r in enumerate(results) if isinstance(r, hiredis.ReplyError)]
    if refused and str(results[refused[0]]).startswith("NOSCRIPT"):
        # Redis restarted and forgot the script; the commands it refused did not run.
        await lane.execute([["SCRIPT", "LOAD", script]])
        for i, r in zip(refused, await lane.execute([commands[i] for i in refused]), strict=True):
            results[i] = r
    return raise_errors(results)


class UnitStore:
    def __init__(self, redis: Redis, units_per_type: int = 5, *, lane: RedisLane | None = None) -> None:
        self.redis = redis
        self.units_per_type = units_per_type
        self.lane = lane  # the hot path's read goes through it when given (service/state/lane.py)
        self._update = redis.register_script(_UPDATE)
        self._sweep = redis.register_script(_SWEEP)
        self._call_read = redis.register_script(_CALL_READ)

    async def apply(self, jurisdiction: str, updates: Sequence[UnitStatus]) -> int:
        """Apply a batch of reports, pipelined; returns how many were newer than what was stored."""
        calls = update_calls(jurisdiction, updates)
        if self.lane is not None:
            results = await run_chunked(self.lane, _UPDATE, _UPDATE_SHA, calls)
        else:
            async with self.redis.pipeline(transaction=False) as pipe:
                for unit_keys, args in calls:
                    await self._update(keys=unit_keys, args=args, client=pipe)
                results = await pipe.execute()
        return sum(int(r) for r in results)

    async def sweep(self, jurisdiction: str, now_ms: int, stale_after_s: int) -> int:
        return int(
            await self._sweep(
                keys=[keyspace.seen(jurisdiction)],
                args=[
                    now_ms - stale_after_s * 1000,
                    keyspace.unit_prefix(jurisdiction),
                    keyspace.geo_prefix(jurisdiction),
                ],
            )
        )

    async def read_for_call(
        self,
        jurisdiction: str,
        rec_id: str,
        lon: float,
        lat: float,
        searches: Sequence[tuple[str, float]],
        now_ms: int,
        stale_after_s: int,
        *,
        rate_key: str | None = None,
        incident_id: str = "",
        with_coords: frozenset[str] = frozenset(),
    ) -> CallRead:
        cutoff = now_ms - stale_after_s * 1000
        head = [keyspace.recommendation(jurisdiction, rec_id), keyspace.seen(jurisdiction),
                keyspace.call_digest(jurisdiction, rec_id), keyspace.answers(jurisdiction, incident_id)]
        if rate_key is not None:  # the shared rate-limit window rides in the same round trip
            head.append(rate_key)
        geo_keys = [keyspace.geo(jurisdiction, unit_type) for unit_type, _ in searches]
        args: list[Any] = [lon, lat, self.units_per_type, cutoff - SWEEP_GRACE_MS, cutoff,
                           1 if rate_key is not None else 0]
        args.extend(max(radius_m, 1.0) for _, radius_m in searches)
        coords = [unit_type in with_coords for unit_type, _ in searches]
        if any(coords):  # same round trip: GEOSEARCH ... WITHCOORD for those sets only
            args.extend(1 if c else 0 for c in coords)
        if self.lane is not None:
            reply = await self.lane.eval_script(_CALL_READ, _CALL_READ_SHA, head + geo_keys, args)
        else:
            reply = await self._call_read(keys=head + geo_keys, args=args)
        rate, stored, found, digest, flat_learned = reply
        availability: dict[str, list[tuple[str, float]]] = {}
        positions: dict[str, tuple[float, float]] | None = {} if any(coords) else None
        for (unit_type, _), flat, coord in zip(searches, found, coords, strict=True):
            if coord and positions is not None:
                units = []
                for k in range(0, len(flat), 4):
                    member = keyspace.text(flat[k])
                    units.append((member, float(flat[k + 1])))
                    positions[member] = (float(flat[k + 3]), float(flat[k + 2]))
                availability[unit_type] = units
                continue
            pairs = zip(flat[::2], flat[1::2], strict=True)
            availability[unit_type] = [(keyspace.text(member), float(dist)) for member, dist in pairs]
        rate_count = int(rate) if rate_key is not None else None
        fields = frozenset(keyspace.text(f) for f in flat_learned[::2])
        learned = [_decode_answer(value) for value in flat_learned[1::2]]
        return CallRead(stored, availability, rate_count, digest or None, learned, fields, positions)

    async def board(self, jurisdiction: str) -> list[dict[str, Any]]:
        """Every unit the jurisdiction has reported, with its last known state."""
        ids = await self.redis.zrange(keyspace.seen(jurisdiction), 0, -1)
        async with self.redis.pipeline(transaction=False) as pipe:
            for unit_id in ids:
                pipe.hgetall(keyspace.unit(jurisdiction, keyspace.text(unit_id)))
            rows = await pipe.execute()
        return [{k.decode(): v.decode() for k, v in row.items()} for row in rows if row]


def availability_view(read: CallRead) -> Availability:
    return read.availability
