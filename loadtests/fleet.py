"""Several service replicas behind Debian's haproxy on loopback, for tests and benchmarks.

The config is generated for N backends. It follows the front door of deploy/haproxy/haproxy.cfg
(issue #19, branch `overload`) in spirit: the same client/server/keep-alive timeouts, health
check on /healthz, no compression anywhere and `option http-no-delay` so Server-Sent Events leave
as soon as the service writes them, a 1 h server timeout on /v1/stream. It adds what a rolling
restart needs: the admin socket (a replica is set to MAINT, drained, restarted, set READY) and L7
retries on a connection failure. Reuse point: once that file is on main, render it with its
server list (`python -m loadtests.frontdoor render`) and append the `stats socket` line here.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from loadtests.failover import ServiceProcess
from loadtests.redis_group import free_port

__all__ = ["Haproxy", "haproxy_config", "rolling_restart"]


def haproxy_config(bind_port: int, backends: Sequence[int], admin_socket: Path) -> str:
    servers = "\n".join(f"    server replica{i} 127.0.0.1:{port} check inter 500ms fall 2 rise 1 maxconn 64"
                        for i, port in enumerate(backends))
    return f"""global
    maxconn 4000
    stats socket {admin_socket} mode 600 level admin

defaults
    mode http
    option dontlognull
    timeout http-request 5s
    option http-buffer-request
    timeout http-keep-alive 30s
    timeout client 30s
    timeout connect 2s
    timeout server 10s
    timeout queue 2s
    timeout client-fin 5s
    option http-keep-alive
    http-reuse safe
    # A replica that refuses or drops the connection before answering: the request goes to another
    # (the body is buffered above, so a POST can be sent again).
    retries 2
    retry-on conn-failure empty-response
    option redispatch 1

frontend dispatch_in
    bind 127.0.0.1:{bind_port}
    option http-no-delay
    default_backend dispatch

backend dispatch
    balance leastconn
    option http-no-delay
    option httpchk GET /healthz
    http-check expect status 200
    http-request set-timeout server 1h if {{ path /v1/stream }}
{servers}
"""


class Haproxy:
    """haproxy in the foreground on a free loopback port, with its admin socket."""

    def __init__(self, backends: Sequence[int]) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="da-haproxy-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.socket = self.dir / "admin.sock"
        self.config = self.dir / "haproxy.cfg"
        self.config.write_text(haproxy_config(self.port, backends, self.socket))
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 10) -> Haproxy:
        binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
        subprocess.run([binary, "-c", "-q", "-f", str(self.config)], check=True)
        self.proc = subprocess.Popen([binary, "-db", "-f", str(self.config)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.socket.exists() and self.states() and "DOWN" not in self.states():
                return self
            time.sleep(0.1)
        raise RuntimeError("haproxy did not start")

    def admin(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(self.socket))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def states(self) -> str:
        """`replicaN:STATUS` per backend server, from the stats CSV."""
        lines = self.admin("show stat").splitlines()
        return " ".join(f"{f[1]}:{f[17]}" for f in (line.split(",") for line in lines[1:])
                        if len(f) > 17 and f[0] == "dispatch" and f[1].startswith("replica"))

    def set_state(self, index: int, state: str) -> None:
        self.admin(f"set server dispatch/replica{index} state {state}")

    def current_sessions(self, index: int) -> int:
        for line in self.admin("show stat").splitlines()[1:]:
            f = line.split(",")
            if len(f) > 4 and f[0] == "dispatch" and f[1] == f"replica{index}":
                return int(f[4] or 0)
        return 0

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(5)
        shutil.rmtree(self.dir, ignore_errors=True)


def rolling_restart(proxy: Haproxy, replicas: list[ServiceProcess], drain_s: float = 5.0) -> list[float]:
    """Restart every replica in turn as an orchestrator would: out of the proxy's rotation, wait for
    its requests in flight (event streams excepted: they end at SIGTERM and the console reconnects
    through the proxy), SIGTERM, start it again, wait until ready, back in rotation. Returns how
    long each replica was out."""
    out = []
    for i, replica in enumerate(replicas):
        started = time.monotonic()
        proxy.set_state(i, "maint")
        deadline = time.monotonic() + drain_s
        while proxy.current_sessions(i) > 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        replica.stop()
        replica.start()
        proxy.set_state(i, "ready")
        while f"replica{i}:UP" not in proxy.states() and time.monotonic() - started < 30:
            time.sleep(0.05)
        out.append(time.monotonic() - started)
    return out
