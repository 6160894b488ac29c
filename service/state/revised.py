"""Revised records (an outcome, a field record): one Redis write, one fallback to the spool.

A revised record is one hash per recommendation, {revision, data}, replaced by revision + 1 and
appended, every revision, to the audit stream and the console's event stream. Two things are the
same for every kind and live here once:

- `RevisedStore.store`: the one write. A Lua script compares the revision first, so two corrections
  at once are detected rather than one silently lost; when replicas must hold what is acknowledged
  (service/durability/replicas.py), WAIT follows on the connection that wrote, and too few replicas
  raise NotReplicated with what was written.
- `SpoolFallback.record`: what a durable store does when Redis cannot take the record (down, slow,
  the breaker open, replicas not confirming, or older records still spooled): the record is built
  from what this process recommended (RecentRecommendations) and the last revision it recorded, its
  writes (the script's, minus the revision check) go to the local spool, fsync'ed before the answer,
  and reach Redis, in order, when it is back.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, ClassVar, Protocol, TypeVar

import msgspec
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from service.durability.replicas import NotReplicated, ReplicaAck
from service.ports import DurableWrites
from service.state import keyspace
from service.state.audit import entry_fields
from service.state.events import EVENTS_MAXLEN
from service.state.recent import RecentRecommendations

__all__ = [
    "REVISED_RECORD", "DurableRecords", "Revised", "RevisedStore", "SpoolFallback", "revised_record_args",
]

_encode = msgspec.json.Encoder().encode
T = TypeVar("T")

# Stored only over the revision it was built on, audited and streamed in the same script.
# KEYS: record hash, audit stream, events stream
# ARGV: expected current revision ('0' for none), new revision, record JSON, ttl s,
#       audit maxlen, events maxlen, then the audit entry's fields as flat name/value pairs
#       (service.state.audit.entry_fields: the one shape of an audit entry, spooled or not; its
#       first pair is "kind", so ARGV[8] is the kind the console's event carries too)
REVISED_RECORD = """
local current = redis.call('HGET', KEYS[1], 'revision') or '0'
if current ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'revision', ARGV[2], 'data', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', unpack(ARGV, 7))
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], '*', 'kind', ARGV[8], 'data', ARGV[3])
return 1
"""


def revised_record_args(expected: int, revision: int, body: bytes, ttl_s: int, audit_maxlen: int,
                        events_maxlen: int, audit: dict[str, str | bytes]) -> list[str | int | bytes]:
    """REVISED_RECORD's ARGV, in its order."""
    return [expected, revision, body, ttl_s, audit_maxlen, events_maxlen,
            *(x for pair in audit.items() for x in pair)]


class Revised(Protocol):
    """A record that is replaced by revision + 1 (an Outcome, a FieldRecord)."""

    @property
    def revision(self) -> int: ...


class RevisedStore:
    """The Redis side of one kind of revised record; subclasses name the kind and its key."""

    kind: ClassVar[str]  # the audit entry's and the console event's kind

    def __init__(self, redis: Redis, ttl_s: int, audit_maxlen: int, events_maxlen: int = EVENTS_MAXLEN,
                 acks: ReplicaAck | None = None) -> None:
        self.redis = redis
        # Replicas that must confirm a record before it is acknowledged (service/durability/replicas.py).
        self.acks = acks or ReplicaAck()
        self.ttl_s = ttl_s
        self.audit_maxlen = audit_maxlen
        self.events_maxlen = events_maxlen
        self._script = redis.register_script(REVISED_RECORD)

    def key(self, jurisdiction: str, rec_id: str) -> str:
        raise NotImplementedError

    async def store(self, jurisdiction: str, rec_id: str, expected: int, record: Revised, now: datetime,
                    written: Any = None) -> bool:
        """Write `record` over revision `expected`: True once Redis (and every replica needed) has
        it, False when the revision moved meanwhile (rebuild and retry). Raises NotReplicated
        carrying `written` (default: the record) when too few replicas confirmed it in time."""
        body = _encode(record)
        keys = [self.key(jurisdiction, rec_id), keyspace.audit(jurisdiction), keyspace.events(jurisdiction)]
        args = revised_record_args(expected, record.revision, body, self.ttl_s, self.audit_maxlen,
                                   self.events_maxlen,
                                   entry_fields(self.kind, rec_id, int(now.timestamp() * 1000), body))
        needed = self.acks.needed
        if not needed:
            return int(await self._script(keys=keys, args=args)) == 1
        # WAIT on the connection that wrote: it counts the replicas holding that write.
        async with self.redis.pipeline(transaction=False) as pipe:
            await self._script(keys=keys, args=args, client=pipe)
            pipe.execute_command("WAIT", needed, self.acks.timeout_ms)
            done, acknowledged = await pipe.execute()
        if int(done) != 1:
            return False
        self.acks.check(acknowledged, needed, record if written is None else written)
        return True

    def spooled_writes(self, jurisdiction: str, rec_id: str, record: Revised,
                       at_ms: int) -> Callable[[Any], None]:
        """The script's writes minus its revision check, queued on a pipeline for the spool
        (replayed in order, so the check is not needed there)."""
        body = _encode(record)

        def queue(pipe: Any) -> None:
            key = self.key(jurisdiction, rec_id)
            pipe.hset(key, mapping={"revision": record.revision, "data": body})
            pipe.expire(key, self.ttl_s)
            pipe.xadd(keyspace.audit(jurisdiction), entry_fields(self.kind, rec_id, at_ms, body),
                      maxlen=self.audit_maxlen, approximate=True)
            pipe.xadd(keyspace.events(jurisdiction), {"kind": self.kind, "data": body},
                      maxlen=self.events_maxlen, approximate=True)

        return queue


class SpoolFallback:
    """Redis first; else the local spool, for a recommendation this process gave.

    While Redis is down a record can only be built for a recommendation this process gave
    (RecentRecommendations); for any other the Redis error is raised as before (the API answers
    503, nothing is acknowledged). Revisions during an outage count from the last record this
    process stored; every revision is audited either way."""

    def __init__(self, store: RevisedStore, *, writer: DurableWrites, recent: RecentRecommendations,
                 redis_usable: Callable[[], bool], on_redis_error: Callable[[BaseException], None]) -> None:
        self.store = store
        self.writer = writer
        self.recent = recent
        self.redis_usable = redis_usable
        self.on_redis_error = on_redis_error
        self._last: OrderedDict[tuple[str, str], Any] = OrderedDict()

    def last(self, jurisdiction: str, rec_id: str) -> Any:
        """The last record this process stored for the recommendation, or None."""
        return self._last.get((jurisdiction, rec_id))

    async def record(self, jurisdiction: str, rec_id: str, now: datetime, *,
                     online: Callable[[], Awaitable[T]], offline: Callable[[bytes], T],
                     revised: Callable[[T], Revised]) -> T:
        """`online()` writes through Redis; `offline(answer)` builds the result from the answer this
        process gave; `revised(result)` is the record in a result."""
        error: BaseException | None = None
        if self.redis_usable() and not self.writer.pending:
            try:
                async with asyncio.timeout(self.writer.timeout_s):
                    result = await online()
                self._remember(jurisdiction, rec_id, revised(result))
                return result
            except NotReplicated as exc:
                # On the master but not (yet) on every replica: acknowledged only once spooled.
                result = exc.stored
                await self._spool(jurisdiction, rec_id, revised(result), now)
                return result  # type: ignore[no-any-return]
            except (RedisError, OSError, TimeoutError) as exc:
                self.on_redis_error(exc)
                error = exc
        answer = self.recent.get(jurisdiction, rec_id)
        if answer is None:
            raise error or RedisConnectionError("redis unavailable and the recommendation is not known here")
        result = offline(answer)
        await self._spool(jurisdiction, rec_id, revised(result), now)
        return result

    async def _spool(self, jurisdiction: str, rec_id: str, record: Revised, now: datetime) -> None:
        at_ms = int(now.timestamp() * 1000)
        queue = self.store.spooled_writes(jurisdiction, rec_id, record, at_ms)
        await self.writer.write(jurisdiction, self.store.kind, at_ms, queue, redis_usable=False)
        self._remember(jurisdiction, rec_id, record)

    def _remember(self, jurisdiction: str, rec_id: str, record: Revised) -> None:
        self._last[(jurisdiction, rec_id)] = record
        self._last.move_to_end((jurisdiction, rec_id))  # the newest revision is the last evicted
        if len(self._last) > self.recent.size:
            self._last.popitem(last=False)


class DurableRecords(RevisedStore):
    """A RevisedStore with the spool fallback wired in; a durable store mixes it in after its kind's
    store (`class DurableOutcomeStore(OutcomeStore, DurableRecords)`) and routes `record` through
    `self.fallback`."""

    def __init__(self, redis: Redis, ttl_s: int, audit_maxlen: int, *, writer: DurableWrites,
                 recent: RecentRecommendations, redis_usable: Callable[[], bool],
                 on_redis_error: Callable[[BaseException], None], acks: ReplicaAck | None = None) -> None:
        super().__init__(redis, ttl_s, audit_maxlen, acks=acks)
        self.fallback = SpoolFallback(self, writer=writer, recent=recent, redis_usable=redis_usable,
                                      on_redis_error=on_redis_error)
