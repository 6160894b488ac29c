"""Writes that must not be lost: to Redis when it answers in time, else to the local spool.

`DurableWriter.write` takes the commands a writer queues on a pipeline; when Redis cannot take them
(down, slow past the timeout, or the breaker open) the very same commands go to the spool as one
record (`spool_record`), fsync'ed before the caller acknowledges, and are replayed in order, exactly
once, when Redis is back (service/durability/spool.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from service.durability.spool import Spool, SpoolRecord, new_record_id, ops_from_commands
from service.state import keyspace

__all__ = ["DurableWriter", "spool_record"]


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

    @property
    def pending(self) -> int:
        """Records waiting in the spool for Redis."""
        return self.spool.pending

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
