"""The hot path's lean Redis connection and the batched write-behind, against a real redis-server."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

from service.domain.model import UnitStatus
from service.durability.spool import Spool
from service.durability.write_behind import CommandBuffer, WriteBehind
from service.state import keyspace
from service.state.lane import RedisLane, script_sha
from service.state.store import UnitStore
from tests.support import RedisServer, free_port


@pytest.fixture
async def lane(redis: Redis, redis_server: RedisServer) -> AsyncIterator[RedisLane]:
    lane = RedisLane.from_url(redis_server.url)
    yield lane
    lane.close()


def test_urls() -> None:
    lane = RedisLane.from_url("redis://user:p%40ss@10.0.0.7:6380/3")
    expected = ("10.0.0.7", 6380, "user", "p@ss", 3)
    assert (lane.host, lane.port, lane.username, lane.password, lane.db) == expected
    unix = RedisLane.from_url("unix:///run/redis.sock?db=2")
    assert (unix.path, unix.db) == ("/run/redis.sock", 2)
    tls = RedisLane.from_url("rediss://example:6380/0?ssl_cert_reqs=none")
    assert tls.tls is not None and tls.tls.verify_mode == ssl.CERT_NONE and tls.port == 6380
    with pytest.raises(ValueError, match="scheme"):
        RedisLane.from_url("http://example/")


def _certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1, made with openssl."""
    ca_key, ca, key, csr, cert = (directory / n for n in ("ca.key", "ca.crt", "s.key", "s.csr", "s.crt"))
    ext = directory / "ext.cnf"
    ext.write_text("subjectAltName=IP:127.0.0.1\n")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test-ca",
        "-keyout", str(ca_key), "-out", str(ca))
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", str(key),
        "-out", str(csr))
    run("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
        "-days", "1", "-extfile", str(ext), "-out", str(cert))
    return ca, cert, key


@pytest.fixture
def tls_redis(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A redis-server speaking only TLS on a free loopback port; yields (port, CA file)."""
    ca, cert, key = _certificates(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", "0", "--tls-port", str(port),
         "--bind", "127.0.0.1", "--save", "", "--tls-cert-file", str(cert), "--tls-key-file", str(key),
         "--tls-ca-cert-file", str(ca), "--tls-auth-clients", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    yield port, ca
    server.terminate()
    server.wait(5)


async def test_tls_connection_verifies_the_server(tls_redis: tuple[int, Path]) -> None:
    port, ca = tls_redis
    lane = RedisLane.from_url(f"rediss://127.0.0.1:{port}/2?ssl_ca_certs={ca}")
    for _ in range(100):  # until the server listens
        try:
            assert await lane.execute([["SET", "over", "tls"], ["GET", "over"]]) == [b"OK", b"tls"]
            break
        except RedisConnectionError:
            await asyncio.sleep(0.05)
    else:
        raise AssertionError("TLS redis-server did not answer")
    lane.close()
    check = Redis.from_url(f"rediss://127.0.0.1:{port}/2", ssl_ca_certs=str(ca))
    assert await check.get("over") == b"tls"  # db 2, as the URL says
    await check.aclose()
    untrusted = RedisLane.from_url(f"rediss://127.0.0.1:{port}/0", connect_timeout_s=2)
    with pytest.raises(RedisConnectionError):  # a server the system CAs do not vouch for
        await untrusted.execute([["PING"]])


async def test_replies_in_order_for_concurrent_callers(lane: RedisLane, redis: Redis) -> None:
    await redis.mset({f"k{i}": str(i) for i in range(200)})

    async def read(i: int) -> list[object]:
        return await lane.execute([["GET", f"k{i}"], ["INCR", f"n{i % 7}"], ["GET", "missing"]])

    replies = await asyncio.gather(*(read(i) for i in range(200)))
    for i, (value, count, missing) in enumerate(replies):
        assert value == str(i).encode() and isinstance(count, int) and missing is None
    assert sum([int(await redis.get(f"n{j}") or 0) for j in range(7)]) == 200


async def test_error_replies_raise_redis_errors_or_come_back_in_place(lane: RedisLane) -> None:
    await lane.execute([["SET", "s", "text"]])
    with pytest.raises(ResponseError, match="not an integer"):
        await lane.execute([["INCR", "s"]])
    ok, bad = await lane.execute([["GET", "s"], ["INCR", "s"]], raise_on_error=False)
    assert ok == b"text" and "not an integer" in str(bad)
    assert await lane.execute([["PING"]]) == [b"PONG"]  # still in step after the errors


async def test_unknown_script_is_loaded_by_eval(lane: RedisLane, redis: Redis) -> None:
    script = "return {KEYS[1], ARGV[1] + 1, false}"
    await redis.script_flush()
    for _ in range(2):  # first EVALSHA fails with NOSCRIPT and falls back; then the SHA is known
        assert await lane.eval_script(script, script_sha(script), ["key"], [41]) == [b"key", 42, None]
    assert (await redis.script_exists(script_sha(script))) == [True]


async def test_a_caller_that_times_out_leaves_the_others_in_step(lane: RedisLane, redis: Redis) -> None:
    await redis.set("a", "1")
    await redis.client_pause(300)  # Redis holds replies to every client for 300 ms
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await lane.execute([["GET", "a"]])
    assert await lane.execute([["ECHO", "after"]]) == [b"after"]  # not the late reply to GET a


async def test_reconnects_after_redis_restarts(tmp_path: Path) -> None:
    server = RedisServer().start()
    lane = RedisLane.from_url(server.url, connect_timeout_s=0.5)
    try:
        assert await lane.execute([["SET", "x", "1"]]) == [b"OK"]
        server.kill()
        with pytest.raises(RedisConnectionError):
            await lane.execute([["GET", "x"]])
        with pytest.raises(RedisConnectionError):  # down: connecting fails quickly, as a Redis error
            await lane.execute([["GET", "x"]])
        server.start()
        assert await lane.execute([["PING"]]) == [b"PONG"]
    finally:
        lane.close()
        server.stop()


async def test_auth_and_db_selection(tmp_path: Path) -> None:
    server = RedisServer()
    server.start()
    try:
        admin = Redis(port=server.port)
        await admin.config_set("requirepass", "s3cret")
        lane = RedisLane.from_url(f"redis://:s3cret@127.0.0.1:{server.port}/5")
        await lane.execute([["SET", "in5", "yes"]])
        lane.close()
        check = Redis(port=server.port, password="s3cret", db=5)
        assert await check.get("in5") == b"yes"
        await check.aclose()
        await admin.aclose()
    finally:
        server.stop()


def _buffer(i: int) -> CommandBuffer:
    buffer = CommandBuffer()
    buffer.set(f"rec:{i}", f"body {i}", nx=True, ex=60)
    buffer.xadd("audit", {"kind": "recommendation", "id": str(i)}, maxlen=1000)
    return buffer


@pytest.fixture
def spool(tmp_path: Path) -> Iterator[Spool]:
    spool = Spool(tmp_path / "spool")
    spool.open()
    yield spool
    spool.close()


async def test_write_behind_batches_and_keeps_order(lane: RedisLane, redis: Redis, spool: Spool) -> None:
    stored: list[int] = []
    writer = WriteBehind(lane, spool, 1.0, on_stored=lambda n, _: stored.append(n))
    for i in range(300):  # one burst: far fewer round trips than writes
        writer.submit("j", "recommendation", i, _buffer(i))
    await writer.drain()
    assert writer.stored_total == 300 and sum(stored) == 300
    assert writer.batches <= 3
    ids = [fields[b"id"] for _, fields in await redis.xrange("audit")]
    assert ids == [str(i).encode() for i in range(300)]
    assert await redis.ttl("rec:7") > 0 and await redis.get("rec:7") == b"body 7"


async def test_write_behind_spools_when_redis_is_unusable_then_in_order(
    lane: RedisLane, redis: Redis, spool: Spool
) -> None:
    usable = False
    counts: list[tuple[int, int]] = []
    writer = WriteBehind(lane, spool, 1.0, usable=lambda: usable,
                         on_spooled=lambda n, lost: counts.append((n, lost)))
    writer.submit("j", "recommendation", 1, _buffer(1))
    await writer.drain()
    assert spool.pending == 1 and counts == [(1, 0)] and await redis.exists("rec:1") == 0
    usable = True  # Redis is back, but the spool is not replayed yet: new writes queue behind it
    writer.submit("j", "recommendation", 2, _buffer(2))
    await writer.drain()
    assert spool.pending == 2 and await redis.exists("rec:2") == 0
    assert await spool.replay(redis) == 2
    ids = [fields[b"id"] for _, fields in await redis.xrange("audit")]
    assert ids == [b"1", b"2"]
    assert await redis.get("rec:2") == b"body 2"


async def test_write_behind_spools_a_batch_redis_does_not_take_in_time(
    lane: RedisLane, redis: Redis, spool: Spool
) -> None:
    errors: list[BaseException] = []
    writer = WriteBehind(lane, spool, 0.05, on_error=errors.append)
    await redis.client_pause(300, all=False)  # writes are held, reads pass
    for i in range(5):
        writer.submit("j", "recommendation", i, _buffer(i))
    await writer.drain()
    assert [type(e) for e in errors] == [TimeoutError] and spool.pending == 5
    await asyncio.sleep(0.35)
    # The late batch may have been applied too: replay then skips nothing and may duplicate entries
    # (export drops exact duplicates), but never loses one.
    await spool.replay(redis)
    assert {fields[b"id"] for _, fields in await redis.xrange("audit")} == {str(i).encode() for i in range(5)}


async def test_unit_reports_through_the_lane_survive_a_script_flush(lane: RedisLane, redis: Redis) -> None:
    store = UnitStore(redis, lane=lane)
    now = datetime.now(UTC)
    first = [UnitStatus(f"P-{i}", "police", "available", now, 39.7 + i / 1000, -104.9) for i in range(50)]
    assert await store.apply("j", first) == 50
    await redis.script_flush()  # as after a Redis restart: the update script is unknown again
    later = [UnitStatus(f"P-{i}", "police", "busy", now + timedelta(seconds=1)) for i in range(50)]
    assert await store.apply("j", later + first) == 50  # the older repeats are ignored
    assert await redis.hget(keyspace.unit("j", "P-7"), "status") == b"busy"
    await redis.set(keyspace.unit("j", "P-8"), "not a hash")
    with pytest.raises(ResponseError):  # any other refusal is an error, not a miscount
        await store.apply("j", [UnitStatus("P-8", "police", "available", now + timedelta(seconds=2))])


async def test_a_large_unit_batch_lets_other_commands_through_between_chunks(
    lane: RedisLane, redis: Redis
) -> None:
    """A call's read sent while a big AVL batch is being applied is answered in the middle of it
    (Redis sees it after the first chunks, not after all 500 reports)."""
    store = UnitStore(redis, lane=lane)
    now = datetime.now(UTC)
    # Connected, and the update script loaded: the batch's first chunk goes out without waiting.
    assert await store.apply("other", [UnitStatus("P-0", "police", "available", now, 39.7, -104.9)]) == 1
    batch = [UnitStatus(f"P-{i}", "police", "available", now, 39.7 + i / 10_000, -104.9) for i in range(500)]
    applying = asyncio.ensure_future(store.apply("j", batch))
    await asyncio.sleep(0)  # the first chunk is out
    (seen_meanwhile,) = await lane.execute([["ZCARD", keyspace.seen("j")]])
    assert 0 < seen_meanwhile < 500
    assert not applying.done()
    assert await applying == 500
    assert await redis.zcard(keyspace.seen("j")) == 500
