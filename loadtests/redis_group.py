"""A replicated Redis on loopback for tests and benchmarks: a master, replicas and Sentinels, each a
real redis-server process on a free port, with the Sentinel settings docs/operations.md documents.

Sentinel settings (per monitored master): quorum 2 of 3, down-after-milliseconds 1000 (a master
silent for 1 s is subjectively down), failover-timeout 5000, parallel-syncs 1. These give a
promotion ~2-4 s after the master dies on this machine (benchmarks/bench_failover.py measures it).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Self, cast

from redis import Redis

__all__ = ["SENTINEL_SETTINGS", "RedisGroup", "free_port"]

MASTER_NAME = "dispatch"
SENTINEL_SETTINGS = {"quorum": 2, "down-after-milliseconds": 1000, "failover-timeout": 5000,
                     "parallel-syncs": 1}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _binary() -> str:
    return shutil.which("redis-server") or "/usr/bin/redis-server"


class RedisGroup:
    """Master + `replicas` replicas + `sentinels` Sentinels. `url` is the redis+sentinel:// URL."""

    def __init__(self, replicas: int = 2, sentinels: int = 3) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="da-group-"))
        self.ports = [free_port() for _ in range(1 + replicas)]
        self.sentinel_ports = [free_port() for _ in range(sentinels)]
        self.procs: dict[int, subprocess.Popen[bytes]] = {}
        self.killed: list[int] = []
        self.killed_at = 0.0  # time.monotonic() of the last SIGKILL

    @property
    def url(self) -> str:
        hosts = ",".join(f"127.0.0.1:{p}" for p in self.sentinel_ports)
        return f"redis+sentinel://{hosts}/{MASTER_NAME}/0"

    def _start_redis(self, port: int, replica_of: int | None) -> None:
        data = self.dir / str(port)
        data.mkdir(exist_ok=True)
        cmd = [_binary(), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data), "--save", "",
               "--appendonly", "no", "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"]
        if replica_of is not None:
            cmd += ["--replicaof", "127.0.0.1", str(replica_of)]
        self.procs[port] = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait(lambda: Redis(port=port, socket_connect_timeout=0.2).ping())

    def _start_sentinel(self, port: int, master_port: int) -> None:
        conf = self.dir / f"sentinel-{port}.conf"
        s = SENTINEL_SETTINGS
        conf.write_text(
            f"port {port}\nbind 127.0.0.1\ndir {self.dir}\n"
            f"sentinel monitor {MASTER_NAME} 127.0.0.1 {master_port} {s['quorum']}\n"
            f"sentinel down-after-milliseconds {MASTER_NAME} {s['down-after-milliseconds']}\n"
            f"sentinel failover-timeout {MASTER_NAME} {s['failover-timeout']}\n"
            f"sentinel parallel-syncs {MASTER_NAME} {s['parallel-syncs']}\n")
        self.procs[port] = subprocess.Popen([_binary(), str(conf), "--sentinel"],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait(lambda: Redis(port=port, socket_connect_timeout=0.2).ping())

    def start(self, timeout_s: float = 20) -> Self:
        master, *replicas = self.ports
        self._start_redis(master, None)
        for port in replicas:
            self._start_redis(port, master)
        for port in self.sentinel_ports:
            self._start_sentinel(port, master)
        self.wait_healthy(timeout_s)
        return self

    def master_port(self) -> int:
        """Where the Sentinels say the master is now (the first Sentinel that answers)."""
        for port in self.sentinel_ports:
            try:
                with Redis(port=port, socket_timeout=0.5) as sentinel:
                    host_port = cast(Any, sentinel.sentinel_get_master_addr_by_name(MASTER_NAME))
            except Exception:
                continue
            if host_port:
                return int(host_port[1])
        raise RuntimeError("no Sentinel names a master")

    def wait_healthy(self, timeout_s: float = 20) -> None:
        """Until the master has every live replica attached, and every Sentinel sees them and the
        other Sentinels."""
        live = sum(1 for p in self.ports if p not in self.killed)

        def healthy() -> bool:
            master = self.master_port()
            info = Redis(port=master, socket_timeout=0.5).info("replication")
            if info.get("role") != "master" or info.get("connected_slaves") != live - 1:
                return False
            for port in self.sentinel_ports:
                with Redis(port=port, socket_timeout=0.5, decode_responses=True) as sentinel:
                    state = cast(dict[str, Any], sentinel.sentinel_master(MASTER_NAME))
                if (int(state["num-other-sentinels"]) != len(self.sentinel_ports) - 1
                        or int(state["port"]) != master or state["flags"] != "master"):
                    return False
                replicas = Redis(port=port, socket_timeout=0.5).sentinel_slaves(MASTER_NAME)
                if sum(1 for r in replicas if not (r["is_sdown"] or r["is_odown"])) != live - 1:
                    return False
            return True

        _wait(healthy, timeout_s)

    def kill_master(self) -> int:
        """SIGKILL the current master; returns its port."""
        port = self.master_port()
        proc = self.procs[port]
        self.killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(5)
        self.killed.append(port)
        return port

    def restart_killed(self) -> None:
        """Bring the killed servers back as replicas of the current master (as an orchestrator would)."""
        master = self.master_port()
        for port in self.killed:
            self._start_redis(port, master)
        self.killed.clear()

    def replication_offsets(self) -> dict[int, int]:
        return {p: int(Redis(port=p, socket_timeout=0.5).info("replication").get("master_repl_offset", 0))
                for p in self.ports if p not in self.killed}

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
        shutil.rmtree(self.dir, ignore_errors=True)


def _wait(ready: object, timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    last: BaseException | None = None
    while time.monotonic() < deadline:
        try:
            if ready():  # type: ignore[operator]
                return
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(0.05)
    raise RuntimeError(f"redis group not ready in {timeout_s} s (last error: {last!r})")
