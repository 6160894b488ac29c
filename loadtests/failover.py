"""Failover under load: the service (real uvicorn processes) on a Sentinel-managed Redis group
(loadtests/redis_group.py), calls at a constant rate, the master SIGKILLed mid-run.

Used by tests/e2e/test_failover.py (one failover, bounded) and benchmarks/bench_failover.py (the
distribution over several). Every call is recorded with when its answer came, its status and whether
the answer was degraded; every few calls a dispatcher's outcome is posted, and those acknowledged
(200) are checked in Redis afterwards: none may be missing.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import yaml

from loadtests.redis_group import RedisGroup, free_port
from service.cli.demo import build_roster
from service.cli.main import server_command
from service.state import keyspace
from service.state.apikeys import create_key
from service.state.connect import redis_client
from service.state.policies import activate
from service.state.store import UnitStore

__all__ = ["CALL_TYPES", "JURISDICTION", "Load", "ServiceProcess", "failover_once", "seed", "verify_outcomes"]

ROOT = Path(__file__).resolve().parent.parent
JURISDICTION = "minneapolis"
CENTRE = (44.9633, -93.2683)
CALL_TYPES = ("WELFARE", "MNTL", "THEFT", "ASSAULT", "MEDICAL", "NOISE", "SUSP")


class ServiceProcess:
    """One replica of the service under uvicorn, on a free loopback port."""

    def __init__(self, redis_url: str, workdir: Path, **env: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")} | {
            "DISPATCH_REDIS_URL": redis_url, "DISPATCH_PORT": str(self.port),
            "DISPATCH_POLICY_DIR": str(ROOT / "deploy" / "policies"),
            "DISPATCH_SPOOL_DIR": str(workdir / f"spool-{self.port}"),
            "DISPATCH_POLICY_POLL_S": "0.2", "DISPATCH_BREAKER_OPEN_MS": "250",
            "DISPATCH_RATE_LIMIT_RPS": "0", "DISPATCH_LOG_LEVEL": "WARNING",
        } | env
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 60) -> ServiceProcess:
        return self.launch().wait_ready(timeout_s)

    def launch(self) -> ServiceProcess:
        """Start the process without waiting (several replicas start faster side by side)."""
        log = (self.workdir / f"service-{self.port}.log").open("ab")
        self.proc = subprocess.Popen(server_command("127.0.0.1", self.port), cwd=ROOT, env=self.env,
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def wait_ready(self, timeout_s: float = 60) -> ServiceProcess:
        assert self.proc is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"service exited: {self.log()}")
            try:
                if httpx.get(f"{self.base}/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"service not ready: {self.log()}")

    def log(self) -> str:
        path = self.workdir / f"service-{self.port}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self, timeout_s: float = 15) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)


async def seed(url: str, jurisdiction: str = JURISDICTION) -> str:
    """Activate the jurisdiction's example policy, load its demo roster; returns an all-scope key."""
    redis = redis_client(url)
    try:
        await activate(redis, (ROOT / "deploy" / "policies" / f"{jurisdiction}.yaml").read_bytes(),
                       actor="failover-test")
        spec = yaml.safe_load((ROOT / "deploy" / "demo" / "roster.yaml").read_text())
        roster = build_roster(spec, 7, datetime.now(UTC))
        await UnitStore(redis).apply(jurisdiction, roster[jurisdiction])
        return await create_key(redis, jurisdiction, ["cad:write", "console:read", "console:write"],
                                label="failover-test")
    finally:
        await redis.aclose()


class _Conn:
    """One keep-alive HTTP/1.1 connection, one request at a time: several times cheaper than httpx
    per request, so the generator keeps its schedule on a busy shared machine."""

    def __init__(self, base: str) -> None:
        hostport = base.split("://", 1)[1]
        self.host, _, port = hostport.partition(":")
        self.port = int(port)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def post(self, path: str, headers: bytes, body: bytes) -> tuple[int, bytes]:
        request = (f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(body)}\r\n"
                   ).encode() + headers + b"\r\n" + body
        for attempt in (0, 1):
            reused = self.writer is not None
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            try:
                self.writer.write(request)
                head = await self.reader.readuntil(b"\r\n\r\n")
            except (OSError, asyncio.IncompleteReadError) as exc:
                self.close()
                # A kept-alive connection the server closed before reading: any client sends again.
                if reused and attempt == 0 and not getattr(exc, "partial", b""):
                    continue
                raise
            lower = head.lower()
            at = lower.find(b"\r\ncontent-length:")
            length = int(lower[at + 17:lower.find(b"\r\n", at + 2)]) if at >= 0 else 0
            data = await self.reader.readexactly(length)
            if b"\r\nconnection: close" in lower:
                self.close()
            return int(head[9:12]), data
        raise AssertionError("unreachable")


@dataclass
class Load:
    """Open-loop calls at `rate` per second to `bases` in turn; an outcome after every `outcome_every`-th."""

    bases: list[str]
    key: str
    rate: float = 200.0
    outcome_every: int = 10
    outcome_delay_s: float = 0.05  # how long the dispatcher reads before accepting
    connections: int = 48
    # When the answer came (monotonic), its status, whether it was degraded.
    samples: list[tuple[float, int, bool]] = field(default_factory=list)
    max_lag_s: float = 0.0  # how far behind schedule a request was sent (the generator's own stall)
    acked: list[str] = field(default_factory=list)  # recommendation ids whose outcome got a 200
    outcome_status: dict[int, int] = field(default_factory=dict)
    outcome_retried: int = 0  # 503s answered with Retry-After and sent again, as the console does
    errors: list[str] = field(default_factory=list)

    async def run(self, duration_s: float) -> None:
        headers = f"Authorization: Bearer {self.key}\r\nContent-Type: application/json\r\n".encode()
        stamp = time.time_ns() // 1000
        rng = random.Random(stamp)
        self._later: list[asyncio.Task[None]] = []
        queue: asyncio.Queue[tuple[int, float] | None] = asyncio.Queue()
        conns = [[_Conn(b) for b in self.bases] for _ in range(self.connections)]
        workers = [asyncio.create_task(self._work(queue, mine, headers, stamp)) for mine in conns]
        start = time.monotonic()
        self._types = [rng.choice(CALL_TYPES) for _ in range(997)]
        for i in range(int(duration_s * self.rate)):
            due = start + i / self.rate
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            queue.put_nowait((i, due))
        for _ in workers:
            queue.put_nowait(None)
        await asyncio.gather(*workers)
        await asyncio.gather(*self._later)
        self._later.clear()
        for mine in conns:
            for conn in mine:
                conn.close()

    async def _work(self, queue: asyncio.Queue[tuple[int, float] | None], conns: list[_Conn],
                    headers: bytes, stamp: int) -> None:
        while (item := await queue.get()) is not None:
            i, due = item
            self.max_lag_s = max(self.max_lag_s, time.monotonic() - due)
            conn = conns[i % len(conns)]
            lat = CENTRE[0] + (i % 61 - 30) / 1000
            lon = CENTRE[1] + (i % 53 - 26) / 1000
            body = (f'{{"incident_id":"fo-{stamp}-{i}","seq":1,"call_type":"{self._types[i % 997]}",'
                    f'"location":{{"lat":{lat},"lon":{lon}}}}}').encode()
            try:
                status, data = await conn.post("/v1/calls", headers, body)
            except (OSError, asyncio.IncompleteReadError) as exc:
                self.samples.append((time.monotonic(), 0, False))
                self.errors.append(type(exc).__name__)
                continue
            self.samples.append((time.monotonic(), status, b'"degraded":true' in data))
            if 200 <= status < 300 and i % self.outcome_every == 0:
                if self.outcome_delay_s > 0.1:  # a long read: do not hold this worker meanwhile
                    self._later.append(asyncio.create_task(self._later_outcome(conn, headers, data)))
                else:
                    await self._outcome(conn, headers, data)

    async def _later_outcome(self, conn: _Conn, headers: bytes, answer: bytes) -> None:
        own = _Conn(f"http://{conn.host}:{conn.port}")
        try:
            await self._outcome(own, headers, answer)
        finally:
            own.close()

    async def _outcome(self, conn: _Conn, headers: bytes, answer: bytes) -> None:
        rec_id = json.loads(answer)["recommendation_id"]
        await asyncio.sleep(self.outcome_delay_s)  # as a dispatcher would, after reading it
        for attempt in (0, 1):
            try:
                status, _ = await conn.post(f"/v1/recommendations/{rec_id}/outcome", headers,
                                            b'{"outcome":"accepted"}')
            except (OSError, asyncio.IncompleteReadError) as exc:
                self.errors.append(f"outcome {type(exc).__name__}")
                return
            if status != 503 or attempt:
                break
            self.outcome_retried += 1  # "not stored; retry" (Retry-After: 1): nothing was acknowledged
            await asyncio.sleep(1.0)
        self.outcome_status[status] = self.outcome_status.get(status, 0) + 1
        if status == 200:
            self.acked.append(rec_id)


async def verify_outcomes(url: str, rec_ids: list[str], jurisdiction: str = JURISDICTION,
                          timeout_s: float = 15) -> list[str]:
    """The acknowledged outcomes not in Redis (after giving spools time to replay)."""
    redis = redis_client(url, socket_timeout=2)
    missing = list(rec_ids)
    deadline = time.monotonic() + timeout_s
    try:
        while missing and time.monotonic() < deadline:
            async with redis.pipeline(transaction=False) as pipe:
                for rec_id in missing:
                    pipe.exists(keyspace.outcome(jurisdiction, rec_id))
                found = await pipe.execute()
            missing = [r for r, ok in zip(missing, found, strict=True) if not ok]
            if missing:
                await asyncio.sleep(0.5)
        return missing
    finally:
        await redis.aclose()


async def failover_once(group: RedisGroup, load: Load, pre_s: float = 2.0,
                        post_s: float = 10.0) -> dict[str, Any]:
    """Run `load` for pre_s + post_s seconds, SIGKILL the master after pre_s; what the calls saw."""
    first = len(load.samples)
    run = asyncio.create_task(load.run(pre_s + post_s))
    await asyncio.sleep(pre_s)
    old = await asyncio.to_thread(group.master_port)
    await asyncio.to_thread(group.kill_master)
    killed_at = group.killed_at
    promoted_at = None
    while promoted_at is None and time.monotonic() - killed_at < post_s:
        try:
            if await asyncio.to_thread(group.master_port) != old:
                promoted_at = time.monotonic()
        except RuntimeError:
            pass
        await asyncio.sleep(0.05)
    await run
    samples = sorted(load.samples[first:])
    degraded = [done - killed_at for done, status, deg in samples if deg]
    bad = [status for _, status, _ in samples if not 200 <= status < 300]
    after = [s for s in samples if s[0] >= killed_at]
    recovered = next((done - killed_at for k, (done, _, _) in enumerate(after)
                      if not any(d for _, _, d in after[k:])), None)
    return {
        "calls": len(samples), "non_2xx": len(bad), "degraded": len(degraded),
        "degraded_before_kill": sum(1 for d in degraded if d < 0),
        "first_degraded_s": min(degraded, default=None), "last_degraded_s": max(degraded, default=None),
        "promoted_s": None if promoted_at is None else promoted_at - killed_at,
        "normal_again_s": recovered, "max_lag_s": load.max_lag_s,
        # Degraded answers per second after the kill (the shape of the outage).
        "degraded_by_second": [sum(1 for d in degraded if k <= d < k + 1) for k in range(int(post_s) + 1)],
    }
