"""Write-behind of answers and audit entries, batched: many calls' writes in one round trip.

A recommendation's three writes (the stored answer, its audit entry, its console event) used to
cost a redis-py pipeline per call, more CPU than the rest of the hot path together. Here they are
queued as plain commands and sent by one flusher: what accumulates while a batch is in flight (or
within `linger_s` of the first write) goes out as the next batch, so batches grow with load and a
single call waits at most `linger_s` before its writes leave.

Durability is as with DurableWriter (service/durability/durable_writer.py): writes Redis cannot take
in time, and all writes while the spool holds anything, are appended to the fsync'ed spool and
replayed in order.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import hiredis
from redis.exceptions import RedisError

from service.durability.durable_writer import spool_record
from service.durability.spool import Spool
from service.state.lane import Command, RedisLane

__all__ = ["CommandBuffer", "WriteBehind"]


class CommandBuffer:
    """Takes `set`, `hset`, `expire` and `xadd` like a redis-py pipeline does, keeping plain commands; its
    `command_stack` has the shape service.durability.spool.ops_from_commands reads."""

    def __init__(self) -> None:
        self.command_stack: list[tuple[list[Any], dict[str, Any]]] = []

    def set(self, name: str, value: bytes | str, *, nx: bool = False, ex: int | None = None) -> None:
        args: list[Any] = ["SET", name, value]
        if ex is not None:
            args += ["EX", ex]
        if nx:
            args.append("NX")
        self.command_stack.append((args, {}))

    def hset(self, name: str, key: str, value: bytes | str) -> None:
        self.command_stack.append((["HSET", name, key, value], {}))

    def expire(self, name: str, seconds: int) -> None:
        self.command_stack.append((["EXPIRE", name, seconds], {}))

    def xadd(self, name: str, fields: Mapping[str, Any], maxlen: int | None = None,
             approximate: bool = True) -> None:
        args: list[Any] = ["XADD", name]
        if maxlen is not None:
            args += ["MAXLEN", "~" if approximate else "=", maxlen]
        args.append("*")
        for field, value in fields.items():
            args += [field, value]
        self.command_stack.append((args, {}))


@dataclass(slots=True)
class _Write:
    jurisdiction: str
    kind: str
    at_ms: int
    commands: list[tuple[list[Any], dict[str, Any]]]


Stored = Callable[[int, float], None]  # how many writes, seconds the batch took
Spooled = Callable[[int, int], None]  # how many spooled, how many lost (the spool failed too)
Failed = Callable[[BaseException], None]


class WriteBehind:
    """Queue writes with `submit`; a flusher task sends them in batches. Not thread-safe."""

    def __init__(self, lane: RedisLane, spool: Spool, timeout_s: float, *,
                 usable: Callable[[], bool] = lambda: True, linger_s: float = 0.001,
                 max_batch: int = 512, on_stored: Stored | None = None,
                 on_spooled: Spooled | None = None, on_error: Failed | None = None) -> None:
        self.lane, self.spool, self.timeout_s = lane, spool, timeout_s
        self.usable, self.linger_s, self.max_batch = usable, linger_s, max_batch
        self.on_stored, self.on_spooled, self.on_error = on_stored, on_spooled, on_error
        self.queued: list[_Write] = []
        self.batches = self.stored_total = self.spooled_total = self.lost_total = 0
        self._flusher: asyncio.Task[None] | None = None

    def submit(self, jurisdiction: str, kind: str, at_ms: int, buffer: CommandBuffer) -> None:
        self.queued.append(_Write(jurisdiction, kind, at_ms, buffer.command_stack))
        if self._flusher is None or self._flusher.done():
            # A fresh context: the flusher serves many calls, not the one whose request started it
            # (its log fields would otherwise name that call).
            self._flusher = asyncio.get_running_loop().create_task(self._run(), context=contextvars.Context())

    async def _run(self) -> None:
        while self.queued:
            if self.linger_s and len(self.queued) < self.max_batch:
                await asyncio.sleep(self.linger_s)  # let the writes of calls arriving now join in
            batch, self.queued = self.queued[: self.max_batch], self.queued[self.max_batch :]
            await self._flush(batch)

    async def _flush(self, batch: list[_Write]) -> None:
        self.batches += 1
        failed = batch
        if self.usable() and not self.spool.pending:
            started = time.perf_counter()
            commands: list[Command] = [args for w in batch for args, _ in w.commands]
            try:
                async with asyncio.timeout(self.timeout_s):
                    replies = await self.lane.execute(commands, raise_on_error=False)
            except (RedisError, OSError, TimeoutError) as exc:
                # A timed-out batch may still have been applied; spooling it as well can at worst
                # duplicate entries (export drops exact duplicates), never lose one.
                if self.on_error is not None:
                    self.on_error(exc)
            else:
                failed, at = [], 0
                for write in batch:
                    mine = replies[at : at + len(write.commands)]
                    at += len(write.commands)
                    if any(isinstance(r, hiredis.ReplyError) for r in mine):
                        failed.append(write)
                stored = len(batch) - len(failed)
                self.stored_total += stored
                if stored and self.on_stored is not None:
                    self.on_stored(stored, time.perf_counter() - started)
        if failed:
            await self._spool(failed)

    async def _spool(self, writes: list[_Write]) -> None:
        # Appended together, so the spool's writer thread puts them on disk with one fsync; each
        # append joins the spool's queue before its first await, which keeps their order.
        results = await asyncio.gather(
            *(self.spool.append(spool_record(w.jurisdiction, w.kind, w.at_ms, w.commands)) for w in writes),
            return_exceptions=True,
        )
        lost = sum(1 for r in results if isinstance(r, BaseException))
        spooled = len(writes) - lost
        self.lost_total += lost
        self.spooled_total += spooled
        if self.on_spooled is not None:
            self.on_spooled(spooled, lost)

    @property
    def idle(self) -> bool:
        """Nothing queued and no batch in flight."""
        return not self.queued and (self._flusher is None or self._flusher.done())

    async def drain(self, timeout_s: float = 2.0) -> None:
        """Send (or spool) what is queued: at shutdown, before the spool closes."""
        if self._flusher is not None and not self._flusher.done():
            try:
                async with asyncio.timeout(timeout_s):
                    await asyncio.shield(self._flusher)
            except TimeoutError:
                pass
        if self.queued:
            batch, self.queued = self.queued, []
            await self._spool(batch)
