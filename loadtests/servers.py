"""Start/stop the processes a load test needs: an ASGI server pinned to core 0 and a private Redis.

Every process is started in its own session and remembered, so it is stopped (TERM, then KILL) when the
context manager exits *and* at interpreter exit - a crashed run must not leave a server holding a core.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "SERVERS",
    "ManagedProcess",
    "free_port",
    "process_tree_cpu_seconds",
    "redis_server",
    "server_command",
    "start_asgi_server",
]

HOST = "127.0.0.1"
REPO_ROOT = Path(__file__).resolve().parents[1]
SERVER_CORE = 0
SERVERS = ("granian", "uvicorn")
_LIVE: dict[int, subprocess.Popen[bytes]] = {}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _prefix(core: int | None, nice: int = 0) -> list[str]:
    # Pin the server so it never shares a core with the generator (pinned to core 1 by the generator).
    out = []
    if core is not None and shutil.which("taskset") is not None and core < (os.cpu_count() or 1):
        out += ["taskset", "-c", str(core)]
    # Optional priority boost so other jobs on a shared box disturb the measurement less (needs root).
    return out + (["nice", "-n", str(nice)] if nice else [])


def server_command(
    server: str, app: str, port: int, core: int | None = SERVER_CORE, nice: int = 0
) -> list[str]:
    """The exact command line used (also written into the results, so runs are reproducible)."""
    if server == "granian":
        args = ["-m", "granian", "--interface", "asgi", "--loop", "uvloop", "--workers", "1", "--no-ws",
                "--runtime-mode", "st"]  # as `dispatch-assist serve` runs it
        args += ["--host", HOST, "--port", str(port), "--log-level", "warning", "--no-access-log", app]
    elif server == "uvicorn":
        args = ["-m", "uvicorn", app, "--loop", "uvloop", "--http", "httptools", "--no-access-log"]
        args += ["--host", HOST, "--port", str(port), "--log-level", "warning"]
    else:
        raise ValueError(f"unknown server {server!r}; expected one of {SERVERS}")
    return [*_prefix(core, nice), sys.executable, *args]


@dataclass
class ManagedProcess:
    name: str
    cmd: list[str]
    port: int
    proc: subprocess.Popen[bytes]
    env: dict[str, str] = field(default_factory=dict)
    url: str = ""  # set for redis-server

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self, grace: float = 5.0) -> None:
        _stop(self.proc, grace)


def _stop(proc: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    _LIVE.pop(proc.pid, None)
    if proc.poll() is not None:
        return
    # Signal the process group we created (start_new_session): granian's worker is a child process.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(grace)


@atexit.register
def _stop_all() -> None:
    for proc in list(_LIVE.values()):
        _stop(proc, 2.0)


def _spawn(
    name: str, cmd: Sequence[str], env: Mapping[str, str] | None, port: int, quiet: bool = False
) -> ManagedProcess:
    full_env = {**os.environ, **(env or {})}
    # Run from the repo root with it on the path, so "loadtests.baselines:..." / "service...:app" import.
    full_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH")) if p)
    out = subprocess.DEVNULL if quiet else None  # servers keep stderr: a crash message is the diagnosis
    proc = subprocess.Popen(
        list(cmd), env=full_env, cwd=REPO_ROOT, start_new_session=True, stdin=subprocess.DEVNULL, stdout=out
    )
    _LIVE[proc.pid] = proc
    return ManagedProcess(name, list(cmd), port, proc, dict(env or {}))


def _probe(port: int, payload: bytes, expect: bytes, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as s:
            s.sendall(payload)
            return s.recv(64).startswith(expect)
    except OSError:
        return False


def _wait_ready(mp: ManagedProcess, payload: bytes, expect: bytes, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if mp.proc.poll() is not None:
            raise RuntimeError(f"{mp.name} exited with {mp.proc.returncode}: {' '.join(mp.cmd)}")
        if _probe(mp.port, payload, expect):
            return
        time.sleep(0.05)
    mp.stop()
    raise TimeoutError(f"{mp.name} not ready on port {mp.port} after {timeout}s")


@contextlib.contextmanager
def start_asgi_server(
    app: str,
    server: str = "uvicorn",
    *,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/health",
    core: int | None = SERVER_CORE,
    nice: int = 0,
    timeout: float = 30.0,
) -> Iterator[ManagedProcess]:
    """Serve `app` ("pkg.module:attr") on a free loopback port; ready once `ready_path` answers 2xx."""
    port = free_port()
    mp = _spawn(server, server_command(server, app, port, core, nice), env, port)
    probe = f"GET {ready_path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
    try:
        # A 2xx on ready_path: lifespan done and dependencies up (a 503 from a readiness route is not).
        _wait_ready(mp, probe, b"HTTP/1.1 2", timeout)
        yield mp
    finally:
        mp.stop()


@contextlib.contextmanager
def redis_server(core: int | None = None, nice: int = 0, timeout: float = 10.0) -> Iterator[ManagedProcess]:
    """A throwaway redis-server on a free port (never 6379); yields it, with `.url` set."""
    port = free_port()
    cmd = [*_prefix(core, nice), shutil.which("redis-server") or "/usr/bin/redis-server"]
    cmd += ["--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--daemonize", "no"]
    cmd += ["--loglevel", "warning", "--dir", "/tmp"]
    mp = _spawn("redis-server", cmd, None, port, quiet=True)
    try:
        _wait_ready(mp, b"PING\r\n", b"+PONG", timeout)
        mp.url = f"redis://{HOST}:{port}/0"
        yield mp
    finally:
        mp.stop()


def process_tree_cpu_seconds(pid: int, exclude: Collection[int] = ()) -> float:
    """User+system CPU of `pid` and all its descendants (granian runs the app in a child process),
    leaving out the subtrees of the processes in `exclude`."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        # After "comm)": state ppid ... utime is field 14, stime 15 (1-based over the whole line).
        child, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(child)
        stats[child] = (int(fields[11]), int(fields[12]))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        if p in exclude:
            continue
        total += sum(stats.get(p, (0, 0)))
        todo += children.get(p, [])
    return total / os.sysconf("SC_CLK_TCK")
