"""The per-jurisdiction audit stream: what was recommended, what the dispatcher did, which policy ran.

One Redis Stream per jurisdiction (`keyspace.audit(j)`, trimmed by length and by the retention the
policy sets). Every entry has:

- `kind`: recommendation, outcome or policy;
- `id`: the recommendation id (or outcome / policy version) it is about;
- `at`: when it happened, ms since the epoch. Usually equal to the stream id's time; later for
  entries that waited in the local spool during a Redis outage, which keep their original time;
- `data`: the JSON document as given (a Recommendation holds the screening result — flags and
  reasons — but never the narrative or the caller's details);
- `narrative`: only when the jurisdiction's policy sets `audit.keep_narrative: true`;
- `received`: recommendations only, when the CAD sent the call's received time (ms since the epoch).

Kinds: recommendation, outcome, field (service/state/field.py), policy.

Writes that Redis cannot take go to the local spool (service.durability.spool) and are replayed in order.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Collection, Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from service.durability.spool import Spool, SpoolRecord, new_record_id, ops_from_commands
from service.state import keyspace
from service.state.outcomes import Outcome, OutcomeRequest, OutcomeStore, check_request
from service.state.outcomes import _build as build_outcome
from service.state.outcomes import _decode_rec as decode_rec_view

__all__ = [
    "AuditEntry",
    "DurableOutcomeStore",
    "DurableWriter",
    "RecentRecommendations",
    "entry_fields",
    "export",
    "parse_since",
    "spool_record",
    "trim_retention",
]

DAY_MS = 24 * 3600 * 1000
_encode = msgspec.json.Encoder().encode


def entry_fields(kind: str, entry_id: str, at_ms: int, data: bytes | str,
                 narrative: str | None = None) -> dict[str, str]:
    fields = {"kind": kind, "id": entry_id, "at": str(at_ms),
              "data": data.decode() if isinstance(data, bytes) else data}
    if narrative:
        fields["narrative"] = narrative
    return fields


def spool_record(jurisdiction: str, kind: str, at_ms: int, stack: Sequence[Any]) -> SpoolRecord:
    """A spool record holding the commands a writer queued on a pipeline (`pipe.command_stack`)."""
    record_id = new_record_id()
    return SpoolRecord(id=record_id, jurisdiction=jurisdiction, kind=kind, at_ms=at_ms,
                       ops=ops_from_commands(stack), mark=keyspace.spooled(jurisdiction, record_id))


class DurableWriter:
    """Write to Redis, or to the local spool when Redis cannot take it in time.

    While the spool holds anything, new writes go to the spool too, so that a jurisdiction's
    streams receive their entries in the order they happened."""

    def __init__(self, redis: Redis, spool: Spool, timeout_s: float) -> None:
        self.redis = redis
        self.spool = spool
        self.timeout_s = timeout_s
        self.spooled_total = 0
        self.lost_total = 0

    async def write(self, jurisdiction: str, kind: str, at_ms: int, queue: Callable[[Any], None], *,
                    redis_usable: bool = True, transaction: bool = True,
                    on_redis_error: Callable[[BaseException], None] | None = None) -> bool:
        """Queue the writes with `queue(pipe)` and store them: True once Redis has them, False
        once the spool has them (fsync'ed).

        Raises OSError only when neither took them: the caller must not acknowledge."""
        pipe = self.redis.pipeline(transaction=transaction)
        queue(pipe)
        stack = list(pipe.command_stack)
        if redis_usable and not self.spool.pending:
            try:
                async with asyncio.timeout(self.timeout_s):
                    await pipe.execute()
                return True
            except (RedisError, OSError, TimeoutError) as exc:
                # A timed-out write may still have been applied; spooling it as well can at
                # worst duplicate an entry (export drops exact duplicates), never lose one.
                if on_redis_error is not None:
                    on_redis_error(exc)
            finally:
                await pipe.reset()  # type: ignore[no-untyped-call]
        else:
            await pipe.reset()  # type: ignore[no-untyped-call]
        try:
            await self.spool.append(spool_record(jurisdiction, kind, at_ms, stack))
        except OSError:
            self.lost_total += 1
            raise
        self.spooled_total += 1
        return False


# -- reading -------------------------------------------------------------------------------------


class AuditEntry(msgspec.Struct, omit_defaults=True):
    """One line of `dispatch-assist audit export`."""

    stream_id: str
    jurisdiction: str
    kind: str
    id: str
    at: datetime
    data: msgspec.Raw | None = None
    narrative: str | None = None
    # Recommendations only: when the call reached the CAD, if the CAD sent it.
    received_at: datetime | None = None


def _text(value: bytes | None) -> str:
    return value.decode() if value is not None else ""


def _entry(jurisdiction: str, stream_id: bytes, fields: dict[bytes, bytes]) -> AuditEntry:
    sid = stream_id.decode()
    at_raw = fields.get(b"at")
    at_ms = int(at_raw) if at_raw else int(sid.split("-", 1)[0])
    data = fields.get(b"data")
    kind = _text(fields.get(b"kind")) or "unknown"
    entry_id = _text(fields.get(b"id"))
    if not entry_id and kind == "policy" and data:
        entry_id = str(msgspec.json.decode(data).get("policy_version", ""))
    narrative = fields.get(b"narrative")
    received = fields.get(b"received")
    return AuditEntry(sid, jurisdiction, kind, entry_id, datetime.fromtimestamp(at_ms / 1000, UTC),
                      msgspec.Raw(data) if data else None, narrative.decode() if narrative else None,
                      datetime.fromtimestamp(int(received) / 1000, UTC) if received else None)


async def export(redis: Redis, jurisdiction: str, since_ms: int, until_ms: int | None = None, *,
                 batch: int = 1000, dedupe_window: int = 100_000) -> AsyncIterator[AuditEntry]:
    """Entries whose `at` lies in [since_ms, until_ms), in stream order.

    An entry is never added before it happened, so reading the stream from since_ms finds every
    entry with at >= since_ms; spooled entries may come after newer ones (they keep their time).
    """
    start = f"{since_ms}-0"
    seen: OrderedDict[tuple[str, str, datetime, bytes], None] = OrderedDict()
    while True:
        chunk: list[tuple[bytes, dict[bytes, bytes]]] = await redis.xrange(  # type: ignore[assignment]
            keyspace.audit(jurisdiction), min=start, max="+", count=batch)
        if not chunk:
            return
        for stream_id, fields in chunk:
            entry = _entry(jurisdiction, stream_id, fields)
            at_ms = int(entry.at.timestamp() * 1000)
            if at_ms < since_ms or (until_ms is not None and at_ms >= until_ms):
                continue
            key = (entry.kind, entry.id, entry.at, bytes(entry.data) if entry.data else b"")
            if key in seen:
                continue  # a write that timed out yet landed, and was also spooled
            seen[key] = None
            if len(seen) > dedupe_window:
                seen.popitem(last=False)
            yield entry
        last = chunk[-1][0].decode()
        start = "(" + last
        if until_ms is not None and int(last.split("-", 1)[0]) >= until_ms + 3600_000:
            # Spooled entries arrive late but not this late after their time: stop reading.
            return


async def trim_retention(redis: Redis, jurisdiction: str, retention_days: int,
                         now_ms: int | None = None) -> int:
    """Drop entries older than the retention (approximately: whole stream nodes). Returns how many."""
    if retention_days <= 0:
        return 0
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    min_id = f"{now_ms - retention_days * DAY_MS}-0"
    return int(await redis.xtrim(keyspace.audit(jurisdiction), minid=min_id, approximate=True))


def parse_since(text: str, now: datetime | None = None) -> int:
    """`--since`: an RFC 3339 time or date, ms since the epoch, or a duration back from now (90m, 24h, 7d)."""
    now = now or datetime.now(UTC)
    text = text.strip()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if text[-1:] in units and text[:-1].isdigit():
        return int((now.timestamp() - int(text[:-1]) * units[text[-1]]) * 1000)
    if text.isdigit():
        return int(text)
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp() * 1000)


# -- outcomes while Redis is down ----------------------------------------------------------------


class RecentRecommendations:
    """The last recommendations this process gave (bounded), so that an outcome for one of them
    can be checked and recorded while Redis is unreachable."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()

    def put(self, jurisdiction: str, recommendation_id: str, body: bytes) -> None:
        self._items[(jurisdiction, recommendation_id)] = body
        if len(self._items) > self.size:
            self._items.popitem(last=False)

    def get(self, jurisdiction: str, recommendation_id: str) -> bytes | None:
        return self._items.get((jurisdiction, recommendation_id))


class DurableOutcomeStore(OutcomeStore):
    """OutcomeStore whose `record` still acknowledges while Redis is down: the outcome then goes
    to the local spool (fsync'ed before the answer) and reaches Redis, in order, when it is back.

    Same API as OutcomeStore. While Redis is down an outcome can only be recorded for a
    recommendation this process gave (RecentRecommendations); for any other the Redis error is
    raised as before (the API answers 503, nothing is acknowledged). Revisions during an outage
    count from the last outcome this process recorded; every revision is audited either way."""

    def __init__(self, redis: Redis, ttl_s: int, audit_maxlen: int, *, writer: DurableWriter,
                 recent: RecentRecommendations, redis_usable: Callable[[], bool],
                 on_redis_error: Callable[[BaseException], None]) -> None:
        super().__init__(redis, ttl_s, audit_maxlen)
        self.writer = writer
        self.recent = recent
        self.redis_usable = redis_usable
        self.on_redis_error = on_redis_error
        self._last: OrderedDict[tuple[str, str], Outcome] = OrderedDict()

    async def record(self, jurisdiction: str, rec_id: str, req: OutcomeRequest, recorded_by: str,
                     now: datetime, *, responses: Collection[str] | None = None,
                     attempts: int = 3) -> Outcome:
        error: BaseException | None = None
        if self.redis_usable() and not self.writer.spool.pending:
            try:
                async with asyncio.timeout(self.writer.timeout_s):
                    outcome = await super().record(jurisdiction, rec_id, req, recorded_by, now,
                                                   responses=responses, attempts=attempts)
                self._remember(jurisdiction, rec_id, outcome)
                return outcome
            except (RedisError, OSError, TimeoutError) as exc:
                self.on_redis_error(exc)
                error = exc
        raw = self.recent.get(jurisdiction, rec_id)
        if raw is None:
            raise error or RedisConnectionError("redis unavailable and the recommendation is not known here")
        rec = decode_rec_view(raw)
        check_request(req, rec.response, responses)
        outcome = build_outcome(rec, req, recorded_by, now, self._last.get((jurisdiction, rec_id)))
        body = _encode(outcome)
        at_ms = int(now.timestamp() * 1000)

        def queue(pipe: Any) -> None:
            # The same writes as the Redis script, minus its revision check (replayed in order).
            key = keyspace.outcome(jurisdiction, rec_id)
            pipe.hset(key, mapping={"revision": outcome.revision, "data": body})
            pipe.expire(key, self.ttl_s)
            pipe.xadd(keyspace.audit(jurisdiction), entry_fields("outcome", rec_id, at_ms, body),
                      maxlen=self.audit_maxlen, approximate=True)
            pipe.xadd(keyspace.events(jurisdiction), {"kind": "outcome", "data": body},
                      maxlen=self.events_maxlen, approximate=True)

        await self.writer.write(jurisdiction, "outcome", at_ms, queue, redis_usable=False)
        self._remember(jurisdiction, rec_id, outcome)
        return outcome

    def _remember(self, jurisdiction: str, rec_id: str, outcome: Outcome) -> None:
        self._last[(jurisdiction, rec_id)] = outcome
        if len(self._last) > self.recent.size:
            self._last.popitem(last=False)
