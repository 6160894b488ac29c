"""A local, durable spool for writes that must not be lost while Redis is unreachable.

Each record is one JSON line appended to `spool-<pid>.jsonl` under the spool directory and
fsync'ed before `append` returns, so whoever acknowledges a write after `append` has the
same guarantee as Redis with `appendfsync always`: the record survives a crash of this
process, of Redis, or of the machine (as far as the disk honours fsync).

Appends from concurrent requests are group-committed: one writer thread writes every line
queued since its last fsync and then fsyncs once, in arrival order.

When Redis is back, `replay` sends the records in file order. Each record carries a unique id;
a Lua script marks the id as replayed (SET NX) in the same atomic step as its writes, so a
replay that is interrupted (Redis fails again, the process dies) and repeated later applies
each record exactly once. Only after the whole file is replayed is it truncated.

A process holds an exclusive flock on its own file. Files left by processes that died (no
lock) are replayed first by whichever process finds them, then deleted.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import secrets
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import msgspec
from redis.asyncio import Redis

from service.durability.replicas import ReplicaAck

__all__ = ["ALLOWED", "Spool", "SpoolOp", "SpoolRecord", "new_record_id", "ops_from_commands"]

log = logging.getLogger("dispatch.spool")

# Marks of replayed records are kept this long: far longer than any outage the spool rides out.
REPLAYED_MARK_TTL_S = 30 * 24 * 3600
REPLAY_BATCH = 200
# Commands a record may hold: plain writes of one key each. Anything else is refused on the way
# in and on replay, so a damaged or tampered spool file cannot run arbitrary commands.
ALLOWED = frozenset({"SET", "HSET", "XADD", "EXPIRE", "PEXPIRE", "SADD", "ZADD", "RPUSH", "LPUSH"})

# KEYS[1] replayed-mark, KEYS[2..] the key of each op; ARGV[1] mark ttl, then per op:
# command, number of arguments, arguments.
_REPLAY = """
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return 0
end
local a = 2
for k = 2, #KEYS do
  local n = tonumber(ARGV[a + 1])
  local args = {}
  for i = 1, n do args[i] = ARGV[a + 1 + i] end
  redis.call(ARGV[a], KEYS[k], unpack(args))
  a = a + 2 + n
end
return 1
"""


class SpoolOp(msgspec.Struct, array_like=True):
    """One write command on one key, e.g. ["XADD", "da:{j}:audit", ["MAXLEN", "~", "1000", "*", ...]]."""

    cmd: str
    key: str
    args: list[str]


class SpoolRecord(msgspec.Struct):
    """Writes that Redis could not take, applied together and exactly once on replay."""

    id: str
    jurisdiction: str
    kind: str
    at_ms: int
    ops: list[SpoolOp]
    mark: str  # key set (NX) by the replay to skip this record if it is replayed again


def new_record_id() -> str:
    return secrets.token_hex(12)


def _text(value: Any) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode()
    return str(value)


def ops_from_commands(stack: Sequence[Any]) -> list[SpoolOp]:
    """SpoolOps from a redis-py pipeline's queued commands (`pipe.command_stack`).

    Lets a writer queue its commands as usual and, when Redis fails, spool exactly those."""
    ops = []
    for command in stack:
        args = command.args if hasattr(command, "args") else command[0]
        cmd = _text(args[0]).upper()
        if cmd not in ALLOWED:
            raise ValueError(f"{cmd} cannot be spooled")
        ops.append(SpoolOp(cmd, _text(args[1]), [_text(a) for a in args[2:]]))
    return ops


_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder(SpoolRecord).decode


def _read_records(path: Path, offset: int = 0) -> tuple[list[SpoolRecord], int]:
    """The complete records of a file from a byte offset, and the offset after the last one.

    A torn last line (a write that was never acknowledged) is left out."""
    records = []
    with path.open("rb") as f:
        f.seek(offset)
        for line in f:
            if not line.endswith(b"\n"):
                break
            offset += len(line)
            try:
                records.append(_decode(line))
            except msgspec.DecodeError:
                log.error("skipping an unreadable spool line in %s", path.name)
    return records, offset


class Spool:
    def __init__(self, directory: str | Path, audit_maxlen: int = 1_000_000) -> None:
        self.dir = Path(directory)
        self.audit_maxlen = audit_maxlen
        self.path = self.dir / f"spool-{os.getpid()}-{secrets.token_hex(4)}.jsonl"
        self._fd: int | None = None
        self._pending = 0  # records in our own file not yet replayed
        self._orphans: list[Path] = []
        self._queue: list[tuple[bytes, Future[None]]] = []
        self._queue_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spool")
        self._replay_lock = asyncio.Lock()
        self.replayed_total = 0
        self.appended_total = 0

    # -- opening ------------------------------------------------------------------------------

    def open(self) -> None:
        """Create the directory, lock our file, cut a torn tail and find files left by dead processes."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        size = os.fstat(fd).st_size
        if size:
            data = os.pread(fd, size, 0)
            keep = data.rfind(b"\n") + 1
            if keep != size:
                os.ftruncate(fd, keep)
                os.fsync(fd)
            self._pending = data[:keep].count(b"\n")
        self._fd = fd
        self._orphans = self._find_orphans()
        if self._pending or self._orphans:
            log.warning("spool holds %d record(s) and %d file(s) from earlier processes to replay",
                        self._pending, len(self._orphans))

    def _find_orphans(self) -> list[Path]:
        found = []
        for path in sorted(self.dir.glob("spool-*.jsonl"), key=lambda p: p.stat().st_mtime):
            if path == self.path:
                continue
            with path.open("rb") as f:
                try:
                    fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a live process owns it
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)
            found.append(path)
        return found

    def close(self) -> None:
        """Flush and release the file; an empty one is removed, a non-empty one waits for the next process."""
        self._writer.shutdown(wait=True)
        if self._fd is not None:
            if os.fstat(self._fd).st_size == 0:
                self.path.unlink(missing_ok=True)
            os.close(self._fd)
            self._fd = None

    @property
    def pending(self) -> int:
        """Records waiting for Redis (own file plus files of dead processes, counted as 1 each)."""
        return self._pending + len(self._orphans)

    # -- appending ----------------------------------------------------------------------------

    def _flush(self) -> None:
        """Writer thread: write everything queued so far, fsync once, then wake the appenders."""
        with self._queue_lock:
            batch, self._queue = self._queue, []
        if not batch:
            return
        assert self._fd is not None, "spool not open"
        size = os.fstat(self._fd).st_size
        try:
            view = memoryview(b"".join(line for line, _ in batch))
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            os.fsync(self._fd)
        except OSError as exc:
            # Cut a partial write so that the next record starts on a clean line.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, size)
            for _, fut in batch:
                fut.set_exception(exc)
            return
        for _, fut in batch:
            fut.set_result(None)

    async def append(self, record: SpoolRecord) -> None:
        """Returns once the record is on disk (fsync); raises OSError if it could not be written."""
        fut: Future[None] = Future()
        with self._queue_lock:
            self._queue.append((_encode(record) + b"\n", fut))
        # Counted before the write completes so that a write racing with replay is not missed.
        self._pending += 1
        self.appended_total += 1
        self._writer.submit(self._flush)
        try:
            await asyncio.wrap_future(fut)
        except BaseException:
            self._pending -= 1
            raise

    # -- replaying ----------------------------------------------------------------------------

    async def _apply(self, redis: Redis, records: Sequence[SpoolRecord], acks: ReplicaAck | None) -> None:
        script = redis.register_script(_REPLAY)
        needed = acks.needed if acks is not None else 0
        async with redis.pipeline(transaction=False) as pipe:
            for r in records:
                args: list[Any] = [REPLAYED_MARK_TTL_S]
                for op in r.ops:
                    if op.cmd not in ALLOWED:
                        raise ValueError(f"spool record {r.id} holds a {op.cmd}; refusing to replay it")
                    args += [op.cmd, len(op.args), *op.args]
                await script(keys=[r.mark, *(op.key for op in r.ops)], args=args, client=pipe)
            if needed:  # kept in the spool until the replicas hold them too (replicas.py)
                pipe.execute_command("WAIT", needed, acks.timeout_ms if acks is not None else 0)
            replies = await pipe.execute()
        if needed and acks is not None:
            acks.check(replies[-1], needed)

    async def replay(self, redis: Redis, max_rounds: int = 50, acks: ReplicaAck | None = None) -> int:
        """Send every spooled record to Redis in order, then empty the spool. Returns how many.

        Raises the Redis error if Redis fails midway; nothing is lost and the next call resumes
        (records already applied are skipped by their replayed-mark)."""
        if not self.pending:
            return 0
        async with self._replay_lock:
            total = 0
            for path in list(self._orphans):
                offset = 0
                while True:
                    records, offset = await asyncio.to_thread(_read_records, path, offset)
                    if not records:
                        break
                    for start in range(0, len(records), REPLAY_BATCH):
                        await self._apply(redis, records[start:start + REPLAY_BATCH], acks)
                    total += len(records)
                path.unlink(missing_ok=True)
                self._orphans.remove(path)
            offset = 0
            for _ in range(max_rounds):
                if not self._pending:
                    break
                # Count first, then let the writer drain: every counted record is then on disk.
                count = self._pending
                await asyncio.wrap_future(self._writer.submit(self._flush))
                records, offset = await asyncio.to_thread(_read_records, self.path, offset)
                for start in range(0, len(records), REPLAY_BATCH):
                    await self._apply(redis, records[start:start + REPLAY_BATCH], acks)
                total += len(records)
                # No await between this check and the truncation: no append can slip in between.
                if self._pending == count:
                    assert self._fd is not None
                    os.ftruncate(self._fd, 0)
                    os.fsync(self._fd)
                    self._pending = 0
            self.replayed_total += total
            if total:
                log.info("replayed %d spooled record(s)", total)
            return total
