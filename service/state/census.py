"""Unit census: how many units each jurisdiction has, by type and status, read in one round trip.

Why not count on each scrape, or per process? Counting on a scrape would walk every unit hash
(O(units)) while Prometheus waits; counting what one process sees would be wrong as soon as there
are several replicas, because each replica only sees the reports that its own clients sent it.
Instead `service/state/unit_update.lua` keeps a small hash per jurisdiction, `type:status -> count`,
updated atomically with each applied report (`HINCRBY -1` on the old pair, `+1` on the new),
so every replica reads the same exact numbers with one `HGETALL`. The availability GEO sets
(`ZCARD`, O(1)) give the units that a call could actually be offered now (available, positioned
and not silent), and the `seen` sorted set gives the newest report (AVL feed freshness) and the
number of silent units (`ZCOUNT`, O(log n)).

All of it is read for every jurisdiction in one pipeline, every ~10 s, by each process's
background loop (api/app.py): a few hundred bytes per jurisdiction, independent of the roster size
except for the hash, which has one field per (type, status) pair.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from redis.asyncio import Redis

from service.policy.compile import CompiledPolicy
from service.state import keyspace

__all__ = ["JurisdictionCensus", "read_census"]

# Guard against a roster that invents unit types without bound: never export more than this many
# (type, status) pairs for one jurisdiction.
MAX_PAIRS = 200


@dataclass
class JurisdictionCensus:
    jurisdiction: str
    # (unit type, status) -> units whose last report had that type and status
    units: dict[tuple[str, str], int] = field(default_factory=dict)
    # unit type -> units in the availability GEO set (available, positioned, not silent)
    dispatchable: dict[str, int] = field(default_factory=dict)
    # units whose last report is older than the policy's units_stale_after_s
    stale: int = 0
    # time of the newest report of any unit, seconds since the epoch; None when no unit ever reported
    last_report_s: float | None = None
    # response name -> (operating now, units available for it: the minimum over its unit types)
    responses: dict[str, tuple[bool, int]] = field(default_factory=dict)


async def read_census(redis: Redis, policies: Mapping[str, CompiledPolicy],
                      now: datetime) -> list[JurisdictionCensus]:
    """One pipelined round trip for all jurisdictions; O(1) or O(log n) per key except the small hash."""
    now_ms = int(now.timestamp() * 1000)
    plan: list[tuple[str, CompiledPolicy, list[str]]] = []
    async with redis.pipeline(transaction=False) as pipe:
        for j, policy in sorted(policies.items()):
            types = sorted({t for r in policy.responses.values() for t in r.unit_types})
            pipe.hgetall(keyspace.unit_counts(j))
            pipe.zrevrange(keyspace.seen(j), 0, 0, withscores=True)
            pipe.zcount(keyspace.seen(j), "-inf", f"({now_ms - policy.units_stale_after_s * 1000}")
            for t in types:
                pipe.zcard(keyspace.geo(j, t))
            plan.append((j, policy, types))
        replies = await pipe.execute()
    out: list[JurisdictionCensus] = []
    i = 0
    for j, policy, types in plan:
        counts, newest, stale = replies[i], replies[i + 1], replies[i + 2]
        cards = replies[i + 3: i + 3 + len(types)]
        i += 3 + len(types)
        c = JurisdictionCensus(j, stale=int(stale))
        for raw_field, raw_count in counts.items():
            pair = raw_field.decode()
            unit_type, sep, status = pair.rpartition(":")
            if sep and len(c.units) < MAX_PAIRS:
                c.units[(unit_type, status)] = max(int(raw_count), 0)
        c.dispatchable = {t: int(n) for t, n in zip(types, cards, strict=True)}
        if newest:
            c.last_report_s = float(newest[0][1]) / 1000
        for name, response in sorted(policy.responses.items()):
            if response.unit_types:  # phone lines and 311 need no unit
                available = min(c.dispatchable.get(t, 0) for t in response.unit_types)
                c.responses[name] = (response.schedule.is_open(now, policy.tz), available)
        out.append(c)
    return out
