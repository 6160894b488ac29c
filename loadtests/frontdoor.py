"""The front door (deploy/haproxy/haproxy.cfg) for tests and benchmarks: render it for N workers,
run Debian's haproxy with it, and a bounded slow-client attack to hold it to.

    python -m loadtests.frontdoor render --server 127.0.0.1:8001 --server 127.0.0.1:8002 > front.cfg

The attack targets loopback only: each slow connection comes from its own source address in
127.0.0.0/8 (never 127.0.0.1, the CAD's), sends a request's headers one byte at a time, reconnects
when the proxy closes it, and stops by itself after `duration_s`.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import ipaddress
import multiprocessing
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from loadtests._util import ensure_loopback

__all__ = ["CONFIG", "Attack", "attack_sources", "haproxy", "render", "slow_clients"]

CONFIG = Path(__file__).resolve().parent.parent / "deploy" / "haproxy" / "haproxy.cfg"
_PERIOD_S = 2.0  # each slow connection sends one byte this often
_SLICES = 20  # the connections' sends spread over the period in this many slices
_BEGIN, _END = "    # BEGIN servers\n", "    # END servers\n"


def render(servers: list[str], maxconn_per_server: int = 64, text: str | None = None) -> str:
    """The shipped config with one `server` line per worker ("host:port") between the markers."""
    text = CONFIG.read_text() if text is None else text
    head, rest = text.split(_BEGIN, 1)
    _, tail = rest.split(_END, 1)
    lines = [
        f"    server dispatch{i} {addr} check inter 2s fall 2 rise 1 maxconn {maxconn_per_server}\n"
        for i, addr in enumerate(servers, 1)
    ]
    return head + _BEGIN + "".join(lines) + _END + tail


def raise_open_files(wanted: int) -> int:
    """Raise this process's descriptor limit to `wanted` (the hard limit too, when allowed)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= wanted:
        return soft
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, max(hard, wanted)))
        return wanted
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


@contextlib.contextmanager
def haproxy(
    servers: list[str], bind: str, env: dict[str, str] | None = None, maxconn_per_server: int = 64
) -> Iterator[subprocess.Popen[bytes]]:
    """Run haproxy in the foreground with the rendered config; stopped on exit."""
    ensure_loopback(bind.rsplit(":", 1)[0])
    binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    folder = Path(tempfile.mkdtemp(prefix="da-haproxy-"))
    cfg = folder / "haproxy.cfg"
    cfg.write_text(render(servers, maxconn_per_server))
    environment = {**os.environ, "FRONT_BIND": bind, **(env or {})}
    check = subprocess.run(
        [binary, "-c", "-q", "-f", str(cfg)], env=environment, capture_output=True, check=False
    )
    if check.returncode:
        raise RuntimeError(f"haproxy refused the config: {check.stderr.decode()[-2000:]}")
    proc = subprocess.Popen(
        [binary, "-db", "-f", str(cfg)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "haproxy.log").open("wb"),
    )
    try:
        host, port = bind.rsplit(":", 1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=0.2):
                break
            time.sleep(0.05)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def attack_sources(count: int, first: str = "127.0.1.1") -> list[str]:
    """`count` loopback addresses from `first` on (the CAD keeps 127.0.0.1)."""
    start = int(ipaddress.IPv4Address(first))
    out = [str(ipaddress.IPv4Address(start + i)) for i in range(count)]
    for addr in out:
        ensure_loopback(addr)
    return out


def _attack(
    host: str, port: int, connections: int, sources: list[str], duration_s: float, result: Any
) -> None:
    raise_open_files(connections + 1024)
    # A real attacker runs elsewhere; here it shares the cores with the proxy and the service, so
    # it yields to them rather than measuring how fast Python can call send().
    os.setpriority(os.PRIO_PROCESS, 0, 19)  # absolute: whatever the parent's priority
    deadline = time.monotonic() + duration_s
    socks: list[socket.socket | None] = [None] * connections
    opened = closed = failed = peak = 0

    def connect(i: int) -> None:
        nonlocal opened, failed
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.bind((sources[i % len(sources)], 0))
            code = s.connect_ex((host, port))
        except OSError:
            s.close()
            failed += 1
            return
        if code not in (0, errno.EINPROGRESS):
            s.close()
            failed += 1
            return
        socks[i] = s
        opened += 1

    for i in range(connections):
        connect(i)
    request = b"POST /v1/calls HTTP/1.1\r\nHost: x\r\nX-Slow: "

    def send(i: int, byte: bytes) -> bool:
        """One byte on connection i (reconnecting it if the proxy closed it); True if it is held."""
        nonlocal closed
        s = socks[i]
        if s is None:
            connect(i)
            return False
        try:
            s.send(byte)
        except (BlockingIOError, InterruptedError):
            pass
        except OSError as exc:
            if exc.errno not in (errno.ENOTCONN, errno.EAGAIN):  # else still connecting: held all the same
                s.close()  # closed by the proxy (timeout, limit): come back, as an attacker would
                socks[i] = None
                closed += 1
                return False
        return True

    tick = 0
    while time.monotonic() < deadline:
        # One byte per connection per period: a client slower than any real one. The connections
        # go in slices spread over the period, as thousands of clients do not send in step; in step,
        # each period began with a burst of 20,000 sends from this process on the cores the proxy
        # and the service share, which measured how fast Python calls send(), not the proxy.
        live = 0
        began = time.monotonic()
        byte = request[tick : tick + 1] or b"a"
        for k in range(_SLICES):
            for i in range(k, connections, _SLICES):
                if time.monotonic() >= deadline:
                    break
                live += send(i, byte)
            time.sleep(max(0.0, began + (k + 1) * _PERIOD_S / _SLICES - time.monotonic()))
        peak = max(peak, live)
        tick += 1
    for s in socks:
        if s is not None:
            s.close()
    result.update(opened=opened, closed_by_peer=closed, connect_failed=failed, peak_open=peak)


class Attack:
    """Slow clients spread over processes of at most `per_process` connections each (a process's
    descriptor limit may be lower than the attack); `join()` waits and sums their counts."""

    def __init__(
        self,
        host: str,
        port: int,
        connections: int,
        sources: list[str],
        duration_s: float,
        per_process: int = 9_000,
    ) -> None:
        ensure_loopback(host)
        self.duration_s = duration_s
        self._manager = multiprocessing.Manager()
        self.parts: list[tuple[Any, Any]] = []
        share = max(1, -(-len(sources) * per_process // max(connections, 1)))
        for start in range(0, connections, per_process):
            count = min(per_process, connections - start)
            own = sources[(start // per_process) * share :][:share] or sources
            result = self._manager.dict()
            proc = multiprocessing.get_context("fork").Process(
                target=_attack, args=(host, port, count, own, duration_s, result), daemon=True
            )
            proc.start()
            self.parts.append((proc, result))

    def join(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for proc, result in self.parts:
            proc.join(self.duration_s + 30)
            if proc.is_alive():
                proc.terminate()
                proc.join(5)
            for name, value in dict(result).items():
                total[name] = total.get(name, 0) + int(value)
        total["processes_left_running"] = sum(proc.is_alive() for proc, _ in self.parts)
        self._manager.shutdown()
        return total


def slow_clients(host: str, port: int, connections: int, sources: list[str], duration_s: float) -> Attack:
    """Start the attack (it stops by itself after `duration_s`)."""
    return Attack(host, port, connections, sources, duration_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="loadtests.frontdoor", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("render", help="print haproxy.cfg with one server line per worker")
    r.add_argument("--server", action="append", required=True, help="HOST:PORT of a worker (repeat)")
    r.add_argument("--maxconn", type=int, default=64, help="requests at once per worker")
    args = parser.parse_args(argv)
    sys.stdout.write(render(args.server, args.maxconn))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
