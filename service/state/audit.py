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

Writing one entry: `entry_fields`; reading: `export`; keeping: `trim_retention`. Writes that Redis
cannot take go to the local spool through service.durability.durable_writer and are replayed in order.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import msgspec
from redis.asyncio import Redis

from service.state import keyspace

__all__ = ["AuditEntry", "entry_fields", "export", "trim_retention"]

DAY_MS = 24 * 3600 * 1000


def entry_fields(kind: str, entry_id: str, at_ms: int, data: bytes | str,
                 narrative: str | None = None) -> dict[str, str | bytes]:
    """One entry's fields. `data` goes as given: the answer's bytes, encoded once, are what Redis
    stores (no decode here for the client to encode again)."""
    fields: dict[str, str | bytes] = {"kind": kind, "id": entry_id, "at": str(at_ms), "data": data}
    if narrative:
        fields["narrative"] = narrative
    return fields


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
    elif not entry_id and kind == "outcome" and data:
        # Outcome entries written before the id was stored with them (issue 19): it is in the data.
        entry_id = str(msgspec.json.decode(data).get("recommendation_id", ""))
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
