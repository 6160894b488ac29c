"""In-memory fakes of our own state ports (service/ports.py), for the unit tier.

They keep the rules the callers rely on (a report older than the known one is ignored; an available,
fresh, located unit within the radius is offered, nearest first; outcomes go through the same
validation and building as OutcomeStore's; a write is either stored or spooled) and nothing of Redis.
Integration tests use the real adapters against a real redis-server; these never stand in for them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec

from service.domain.model import UnitStatus
from service.state.outcomes import (
    Outcome,
    OutcomeRequest,
    RecommendationNotFound,
    build_outcome,
    check_request,
    decode_recommendation_view,
)
from service.state.store import CallRead

__all__ = ["FakeDurableWrites", "FakeOutcomeRecords", "FakeUnitAvailability", "RecordingPipe"]

EARTH_M = 6_371_000.0


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_M * math.asin(math.sqrt(a))


@dataclass
class FakeUnitAvailability:
    """UnitAvailability in memory: the last report per unit, stored answers by recommendation id."""

    units_per_type: int = 5
    units: dict[tuple[str, str], UnitStatus] = field(default_factory=dict)
    stored: dict[tuple[str, str], bytes] = field(default_factory=dict)
    reads: int = 0

    async def apply(self, jurisdiction: str, updates: Sequence[UnitStatus]) -> int:
        applied = 0
        for u in updates:
            known = self.units.get((jurisdiction, u.unit_id))
            if known is None or u.reported_at > known.reported_at:
                self.units[jurisdiction, u.unit_id] = u
                applied += 1
        return applied

    async def read_for_call(self, jurisdiction: str, rec_id: str, lon: float, lat: float,
                            searches: Sequence[tuple[str, float]], now_ms: int, stale_after_s: int, *,
                            rate_key: str | None = None, incident_id: str = "",
                            with_coords: frozenset[str] = frozenset()) -> CallRead:
        self.reads += 1
        positions: dict[str, tuple[float, float]] = {}
        cutoff_ms = now_ms - stale_after_s * 1000
        found: dict[str, list[tuple[str, float]]] = {}
        for unit_type, radius_m in searches:
            near = []
            for (j, unit_id), u in self.units.items():
                fresh = u.reported_at.timestamp() * 1000 >= cutoff_ms
                if j != jurisdiction or u.type != unit_type or u.status != "available" or not fresh:
                    continue
                if u.lat is None or u.lon is None:
                    continue
                d = _metres(lat, lon, u.lat, u.lon)
                if d <= radius_m:
                    near.append((unit_id, round(d, 1)))
                    if unit_type in with_coords:
                        positions[unit_id] = (u.lat, u.lon)
            found[unit_type] = sorted(near, key=lambda p: p[1])[: self.units_per_type]
        return CallRead(self.stored.get((jurisdiction, rec_id)), found, 1 if rate_key is not None else None,
                        positions=positions if with_coords else None)


class RecordingPipe:
    """Stands in for a redis-py pipeline in a `queue(pipe)` callback: keeps each command as called."""

    def __init__(self) -> None:
        self.commands: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Callable[..., None]:
        def command(*args: Any, **kwargs: Any) -> None:
            self.commands.append((name, args, kwargs))
        return command


@dataclass
class FakeDurableWrites:
    """DurableWrites in memory: `redis_up` decides whether a write is stored or spooled."""

    timeout_s: float = 1.0
    redis_up: bool = True
    stored: list[tuple[str, str, int, list[tuple[str, tuple[Any, ...], dict[str, Any]]]]] = field(
        default_factory=list)
    spooled: list[tuple[str, str, int, list[tuple[str, tuple[Any, ...], dict[str, Any]]]]] = field(
        default_factory=list)

    @property
    def pending(self) -> int:
        return len(self.spooled)

    async def write(self, jurisdiction: str, kind: str, at_ms: int, queue: Callable[[Any], None], *,
                    redis_usable: bool = True, transaction: bool = True,
                    on_redis_error: Callable[[BaseException], None] | None = None) -> bool:
        pipe = RecordingPipe()
        queue(pipe)
        record = (jurisdiction, kind, at_ms, pipe.commands)
        if redis_usable and self.redis_up and not self.spooled:
            self.stored.append(record)
            return True
        if redis_usable and not self.redis_up and on_redis_error is not None:
            on_redis_error(ConnectionError("redis down (fake)"))
        self.spooled.append(record)
        return False


_encode = msgspec.json.Encoder().encode
_decode_outcome = msgspec.json.Decoder(Outcome).decode


@dataclass
class FakeOutcomeRecords:
    """OutcomeRecords in memory, with OutcomeStore's rules (validation, revisions, `previous`)."""

    recommendations: dict[tuple[str, str], bytes] = field(default_factory=dict)
    outcomes: dict[tuple[str, str], bytes] = field(default_factory=dict)
    audit: list[tuple[str, str, bytes]] = field(default_factory=list)

    async def get(self, jurisdiction: str, rec_id: str) -> Outcome | None:
        raw = self.outcomes.get((jurisdiction, rec_id))
        return None if raw is None else _decode_outcome(raw)

    async def record(self, jurisdiction: str, rec_id: str, req: OutcomeRequest, recorded_by: str,
                     now: datetime, *, responses: Collection[str] | None = None,
                     attempts: int = 3) -> Outcome:
        raw = self.recommendations.get((jurisdiction, rec_id))
        if raw is None:
            raise RecommendationNotFound(rec_id)
        rec = decode_recommendation_view(raw)
        check_request(req, rec.response, responses)
        outcome = build_outcome(rec, req, recorded_by, now, await self.get(jurisdiction, rec_id))
        body = _encode(outcome)
        self.outcomes[jurisdiction, rec_id] = body
        self.audit.append((jurisdiction, rec_id, body))
        return outcome
