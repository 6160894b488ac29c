"""The durable append of the outage spool against SQLite in WAL mode (a script, not a test).

    python -m benchmarks.bench_spool [--records 400] [--concurrency 1 16] [--dir DIR]

A durable append is what an outcome or an answer's audit entry waits for while Redis is down: the
record must be on disk (fsync) before the dispatcher gets an acknowledgement. Both contenders get the
same records (a realistic outcome: ~1 KB of JSON with its Redis writes) and the same guarantee:

- `spool`: service.durability.spool.Spool.append — one JSON line, written and fsync'ed by one writer
  thread that group-commits every line queued since its last fsync.
- `sqlite-wal`: the standard library's sqlite3, `journal_mode=WAL`, `synchronous=FULL` (WAL with FULL
  fsyncs the log at every commit, the same promise as the spool). One INSERT and COMMIT per record,
  run in one writer thread like the spool's; with several appends in flight the writer commits
  everything queued in one transaction (group commit, as the spool does), so neither side is
  handicapped by the way it is driven.

For each concurrency it prints appends per second and the latency of one append (p50, p99), wall
clock. fsync time depends on the disk and on what else the machine writes: compare the two columns of
one run, not runs on different days. The directory defaults to a fresh one under .run/ (on the disk
the service's spool uses), not /tmp, which may be memory.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402

from service.durability.spool import Spool, SpoolOp, SpoolRecord, new_record_id  # noqa: E402

_encode = msgspec.json.Encoder().encode


def sample_record(i: int) -> SpoolRecord:
    """An outcome as DurableOutcomeStore spools it: the hash, its TTL, the audit and event entries."""
    body = (f'{{"recommendation_id":"r_{i:024x}","incident_id":"2026-{i:06d}","seq":1,'
            '"outcome":"overridden","recommended_response":"crisis","response":"police",'
            '"units":["P-12","P-31"],"reason":"safety_concern","note":"","revision":1,'
            '"recorded_at":"2026-12-07T04:00:00Z","recorded_by":"k_0123456789abcdef"}')
    key = f"da:{{denver}}:outcome:r_{i:024x}"
    ops = [SpoolOp("HSET", key, ["revision", "1", "data", body]), SpoolOp("EXPIRE", key, ["604800"]),
           SpoolOp("XADD", "da:{denver}:audit", ["MAXLEN", "~", "1000000", "*", "kind", "outcome",
                                                  "id", f"r_{i:024x}", "at", "1796616000000", "data", body]),
           SpoolOp("XADD", "da:{denver}:events", ["MAXLEN", "~", "10000", "*", "kind", "outcome",
                                                   "data", body])]
    rid = new_record_id()
    return SpoolRecord(rid, "denver", "outcome", 1796616000000, ops, f"da:{{denver}}:spooled:{rid}")


class SqliteSpool:
    """The contender: the same append contract on SQLite WAL (FULL sync), group-committed."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("CREATE TABLE IF NOT EXISTS spool (seq INTEGER PRIMARY KEY, record BLOB NOT NULL)")
        self._queue: list[tuple[bytes, Future[None]]] = []
        self._lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1)

    def _flush(self) -> None:
        with self._lock:
            batch, self._queue = self._queue, []
        if not batch:
            return
        self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO spool (record) VALUES (?)", [(line,) for line, _ in batch])
        self.db.execute("COMMIT")
        for _, fut in batch:
            fut.set_result(None)

    async def append(self, record: SpoolRecord) -> None:
        fut: Future[None] = Future()
        with self._lock:
            self._queue.append((_encode(record), fut))
        self._writer.submit(self._flush)
        await asyncio.wrap_future(fut)

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        self.db.close()


async def _drive(append: Callable[[SpoolRecord], Awaitable[None]], records: list[SpoolRecord],
                 concurrency: int) -> tuple[float, list[float]]:
    """Appends every record with `concurrency` in flight; (seconds, latency of each append)."""
    latencies: list[float] = []
    todo = iter(records)

    async def worker() -> None:
        for record in todo:
            started = time.perf_counter()
            await append(record)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started, latencies


async def run(directory: Path, n: int, concurrency: int) -> dict[str, tuple[float, float, float]]:
    """{contender: (appends/s, p50 ms, p99 ms)} for one concurrency, contenders alternated."""
    out: dict[str, tuple[float, float, float]] = {}
    records = [sample_record(i) for i in range(n)]
    spool = Spool(directory / f"spool-c{concurrency}")
    spool.open()
    lite = SqliteSpool(directory / f"spool-c{concurrency}.sqlite")
    try:
        for name, append in (("spool", spool.append), ("sqlite-wal", lite.append)):
            seconds, lat = await _drive(append, records, concurrency)
            q = statistics.quantiles(lat, n=100)
            out[name] = (n / seconds, q[49] * 1000, q[98] * 1000)
    finally:
        spool.close()
        lite.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=400)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--dir", type=Path, default=None, help="where to write (default: under .run/)")
    args = parser.parse_args(argv)
    base = args.dir or ROOT / ".run"
    base.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="bench-spool-", dir=base))
    try:
        print(f"durable appends of {args.records} outcome records (~{len(_encode(sample_record(0)))} B) "
              f"in {directory}")
        print("| in flight | contender | appends/s | p50 ms | p99 ms |")
        print("|---|---|---|---|---|")
        for c in args.concurrency:
            for name, (rate, p50, p99) in asyncio.run(run(directory, args.records, c)).items():
                print(f"| {c} | {name} | {rate:.0f} | {p50:.2f} | {p99:.2f} |")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
