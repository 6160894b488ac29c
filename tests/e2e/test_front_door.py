"""The front door (deploy/haproxy/haproxy.cfg as shipped, Debian's haproxy) in front of the real
service: a slow-client attack of 20,000 connections from their own loopback addresses does not stop
the CAD's calls from 127.0.0.1, and one client address cannot hold more than its share of
connections. Bounded: the attack stops by itself after ATTACK_S seconds; the whole test takes well
under a minute. The latency under attack, against the issue's p99 <= 50 ms, is printed here and
measured by python -m loadtests.frontdoor_bench (docs/performance.md)."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from redis.asyncio import Redis

from loadtests.frontdoor import CONFIG, attack_sources, haproxy, raise_open_files, render, slow_clients
from loadtests.frontdoor_bench import TARGET_ANSWERED, TARGET_P99_S, cad_stream, summary
from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support import DATA, LiveServer, RedisServer, free_port

if shutil.which("haproxy") is None:  # never skipped: ./scripts/test.sh installs it
    raise RuntimeError("the front-door tests need Debian's haproxy (./scripts/test.sh installs it)")

ATTACK_CONNECTIONS = 20_000
ATTACK_SOURCES = 2_000  # ten slow connections per address: under the per-client cap of 64
ATTACK_S = 20.0
PER_CLIENT = 64
FRONT_MAXCONN = 2_000  # the shipped default (deploy/haproxy/haproxy.cfg), tested as shipped
KEY_RPS = 100  # the front door's per-key limit here; the CAD below sends 50 calls/s at most


def _seed(url: str) -> str:
    async def go() -> str:
        redis = Redis.from_url(url)
        try:
            await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="front-door-test")
            return await create_key(redis, "testville", ["cad:write"])
        finally:
            await redis.aclose()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str]]:
    # Inherited by haproxy, which needs two descriptors per connection. The global cap is what
    # keeps the proxy's own work bounded: past it, the attack's connections wait in the kernel's
    # queue, while the CAD's keep-alive connection is served (docs/performance.md).
    raise_open_files(2 * FRONT_MAXCONN + 1_000)
    redis = RedisServer().start()
    tmp = tmp_path_factory.mktemp("front")
    key = _seed(redis.url)
    live = LiveServer(redis.url, tmp / "server.log", DISPATCH_SPOOL_DIR=str(tmp / "spool")).start()
    port = free_port()
    try:
        deadline = time.monotonic() + 10
        while _status(live.port, key) != 200 and time.monotonic() < deadline:
            time.sleep(0.1)  # the key reaches the server within a poll
        with haproxy(
            [f"127.0.0.1:{live.port}"],
            f"127.0.0.1:{port}",
            env={"FRONT_CONN_PER_CLIENT": str(PER_CLIENT), "FRONT_KEY_RPS": str(KEY_RPS)},
        ):
            yield port, key
    finally:
        live.stop()
        redis.stop()


_seq = iter(range(1, 10**9))


def _call(conn: http.client.HTTPConnection, key: str) -> int:
    body = json.dumps(
        {
            "incident_id": f"fd-{next(_seq)}",
            "seq": 1,
            "call_type": "WELFARE",
            "location": {"lat": 39.74, "lon": -104.99},
        }
    )
    conn.request(
        "POST", "/v1/calls", body, {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    )
    response = conn.getresponse()
    response.read()
    return response.status


def _status(port: int, key: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        return _call(conn, key)
    except OSError:
        return 0
    finally:
        conn.close()


def test_render_puts_one_server_line_per_worker() -> None:
    text = render(["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"], maxconn_per_server=8)
    servers = [line.split() for line in text.splitlines() if line.strip().startswith("server ")]
    assert [s[2] for s in servers] == ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"]
    assert all(s[-1] == "8" for s in servers)
    assert "timeout http-request 5s" in text and "option http-buffer-request" in text


def test_cad_is_answered_through_20000_slow_connections(stack: tuple[int, str]) -> None:
    port, key = stack
    cad = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    assert _call(cad, key) == 200  # keep-alive, opened before the attack as a CAD's would be
    # The same stream without the attack, in the same run: what this machine gives now.
    baseline = summary(*cad_stream(cad, key, 5.0))
    attack = slow_clients("127.0.0.1", port, ATTACK_CONNECTIONS, attack_sources(ATTACK_SOURCES), ATTACK_S)
    try:
        cad_stream(cad, key, 3.0)  # while the attack's connections pile up
        attacked = summary(*cad_stream(cad, key, ATTACK_S - 6))
    finally:
        result = attack.join()
        cad.close()
    assert result["processes_left_running"] == 0
    assert result["opened"] >= ATTACK_CONNECTIONS, result
    # They really were held (open or waiting in the kernel's queues) for the CAD's calls.
    assert result["peak_open"] >= ATTACK_CONNECTIONS * 0.9, result
    # The raw figures against issue 19's target, with the baseline beside them (nothing scaled):
    # the latency target is a benchmark figure (python -m loadtests.frontdoor_bench, reported in
    # docs/performance.md with the machine's load), not a timed assertion on a shared CI machine.
    print(
        f"\nfront door under {ATTACK_CONNECTIONS} slow connections: {attacked['calls']} calls, "
        f"{attacked['answered']:.2%} answered, p50 {attacked['p50_ms']} ms, p99 {attacked['p99_ms']} ms "
        f"(target <= {TARGET_P99_S * 1000:.0f} ms: {'met' if attacked['met'] else 'NOT met'}); without the "
        f"attack: p50 {baseline['p50_ms']} ms, p99 {baseline['p99_ms']} ms; attack {result}"
    )
    # Every valid call answered (before the front door, 93 % failed under this attack) on the
    # connection the CAD held, which the proxy never dropped.
    assert attacked["answered"] >= TARGET_ANSWERED, attacked
    assert attacked["reopened"] == 0, attacked


def test_one_address_gets_at_most_its_share_of_connections(stack: tuple[int, str]) -> None:
    port, _ = stack
    held: list[socket.socket] = []
    refused = 0
    try:
        for _ in range(PER_CLIENT + 16):
            s = socket.socket()
            s.bind(("127.0.0.7", 0))
            s.settimeout(2)
            try:
                s.connect(("127.0.0.1", port))
            except OSError:  # reset at once: over the cap
                refused += 1
                s.close()
                continue
            held.append(s)
        time.sleep(0.3)
        for s in held:  # the proxy closes what is over the cap right after accepting it
            s.setblocking(False)
            try:
                if s.recv(1) == b"":
                    refused += 1
            except BlockingIOError:
                pass
            except OSError:
                refused += 1
    finally:
        for s in held:
            s.close()
    assert refused >= 16, refused


def test_a_keys_flood_is_shed_at_the_front_door(stack: tuple[int, str]) -> None:
    port, _ = stack
    flood_key = "da_flood_" + "x" * 20  # the proxy counts per key before any worker checks it
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    statuses: list[int] = []
    bodies: list[bytes] = []
    started = time.monotonic()
    while time.monotonic() - started < 1.0:
        conn.request("GET", "/healthz", headers={"Authorization": f"Bearer {flood_key}"})
        response = conn.getresponse()
        bodies.append(response.read())
        statuses.append(response.status)
        if response.status == 429:
            assert response.getheader("Content-Type") == "application/problem+json"
            assert response.getheader("Retry-After") == "1"
    conn.close()
    assert len(statuses) > 2 * KEY_RPS, f"only {len(statuses)} requests in 1 s: not a flood"
    assert statuses.count(429) >= len(statuses) - KEY_RPS - 5, statuses
    assert any(b"front door limit" in b for b in bodies)


def test_shipped_config_is_valid_for_debians_haproxy() -> None:
    env = {**os.environ, "FRONT_BIND": "127.0.0.1:1", "DISPATCH_BACKEND": "127.0.0.1:2"}
    run = subprocess.run(["haproxy", "-c", "-f", str(CONFIG)], env=env, capture_output=True, check=False)
    assert run.returncode == 0, run.stderr.decode()
