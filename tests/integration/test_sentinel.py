"""DISPATCH_REDIS_URL with Sentinels (service/state/connect.py): precise errors for bad URLs, and
every kind of client (redis-py pool, the hot path's lane, the switch-master follower) finding the
master of a real group (loopback: master, 2 replicas, 3 Sentinels) and following it when it dies."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
from redis import Redis as SyncRedis
from redis.asyncio.sentinel import SentinelConnectionPool
from redis.exceptions import RedisError

from loadtests.redis_group import RedisGroup
from service.cli.main import main as cli_main
from service.settings import from_env, get_settings
from service.state.connect import (
    RedisUrlError,
    SentinelTarget,
    follow_switch_master,
    parse_redis_url,
    redis_client,
    redis_lane,
)


def test_sentinel_url_parts() -> None:
    target = parse_redis_url("redis+sentinel://u:p%40ss@10.0.0.1:26379,[::1]:26380/dispatch/3"
                             "?sentinel_password=s&socket_timeout=0.2")
    assert target == SentinelTarget((("10.0.0.1", 26379), ("::1", 26380)), "dispatch", 3,
                                    "u", "p@ss", "s", 0.2)
    assert parse_redis_url("redis+sentinel://h:26379/dispatch") == SentinelTarget((("h", 26379),), "dispatch")
    assert parse_redis_url("redis://127.0.0.1:6379/0") is None
    assert parse_redis_url("unix:///run/redis.sock?db=2") is None


@pytest.mark.parametrize(("url", "names"), [
    ("127.0.0.1:6379", "no scheme"),
    ("http://h:1/", "scheme 'http'"),
    ("redis+sentinel:///dispatch", "no Sentinel address"),
    ("redis+sentinel://h1:26379,h2/dispatch", "'h2' needs host:port"),
    ("redis+sentinel://h1:26379,h2:x/dispatch", "'h2:x' has port 'x'"),
    ("redis+sentinel://h1:99999/dispatch", "port '99999'"),
    ("redis+sentinel://h1:26379", "no master name"),
    ("redis+sentinel://h1:26379/dispatch/zero", "database 'zero'"),
    ("redis+sentinel://h1:26379/dispatch/0/extra", "too many parts"),
    ("redis+sentinel://h1:26379/dispatch?timeout=1", "unknown option(s) ['timeout']"),
    ("redis+sentinel://h1:26379/dispatch?socket_timeout=-1", "socket_timeout '-1'"),
    ("redis://h1:6379,h2:6379/0", "several hosts need the redis+sentinel"),
    ("redis://h1:abc/0", "port 'abc'"),
    ("redis://h1:6379/db1", "database 'db1'"),
])
def test_bad_urls_name_the_wrong_part(url: str, names: str) -> None:
    with pytest.raises(RedisUrlError, match="DISPATCH_REDIS_URL") as error:
        parse_redis_url(url)
    assert names in str(error.value)


def test_errors_never_show_the_password() -> None:
    with pytest.raises(RedisUrlError) as error:
        parse_redis_url("redis+sentinel://user:hunter2@h1:26379/dispatch/x")
    assert "hunter2" not in str(error.value)


def test_settings_refuse_a_bad_url() -> None:
    with pytest.raises(ValueError, match="no master name"):
        from_env({"DISPATCH_REDIS_URL": "redis+sentinel://127.0.0.1:26379"})


@pytest.fixture(scope="module")
def group() -> Iterator[RedisGroup]:
    g = RedisGroup().start()
    yield g
    g.stop()


async def test_clients_follow_a_failover(group: RedisGroup) -> None:
    """SIGKILL the master: redis-py's client, the lane and the follower all end up on the new one,
    and nothing reads from a server that is not master."""
    pool_client = redis_client(group.url, max_connections=4, pool_timeout=0.5, socket_timeout=0.5,
                               socket_connect_timeout=0.3)
    lane = redis_lane(group.url, connect_timeout_s=0.5)
    switched: list[str] = []
    follower = asyncio.create_task(follow_switch_master(group.url, switched.append))
    try:
        await pool_client.set("before", "1")
        assert (await lane.execute([["GET", "before"]]))[0] == b"1"
        old = group.kill_master()
        started = time.monotonic()
        lane_ok = client_ok = None
        while time.monotonic() - started < 15 and (lane_ok is None or client_ok is None):
            try:
                if lane_ok is None:
                    (role,) = await lane.execute([["ROLE"]])
                    assert role[0] == b"master"
                    lane_ok = time.monotonic() - started
            except RedisError:
                pass
            try:
                if client_ok is None:
                    await pool_client.set("after", "2")
                    client_ok = time.monotonic() - started
            except RedisError:
                pass
            await asyncio.sleep(0.05)
        assert lane_ok is not None and client_ok is not None, "no client found the new master in 15 s"
        new = group.master_port()
        assert new != old
        assert lane.port == new
        assert (await lane.execute([["GET", "after"]]))[0] == b"2"
        for _ in range(40):  # every Sentinel publishes +switch-master; at least one has arrived
            if switched:
                break
            await asyncio.sleep(0.05)
        assert f"127.0.0.1:{new}" in switched
    finally:
        follower.cancel()
        lane.close()
        await pool_client.aclose()
        group.restart_killed()
        group.wait_healthy()


async def test_lane_refuses_a_server_that_is_not_master(group: RedisGroup) -> None:
    """A Sentinel answer that is stale (here: a locator naming a replica) never serves a read."""
    replica = next(p for p in group.ports if p != group.master_port() and p not in group.killed)
    lane = redis_lane(group.url, connect_timeout_s=0.5)

    async def stale() -> tuple[str, int]:
        return "127.0.0.1", replica

    lane.locate = stale
    with pytest.raises(RedisError, match="is not master"):
        await lane.execute([["GET", "x"]])
    assert SyncRedis(port=replica).info("replication")["role"] == "slave"
    lane.close()


def test_cli_names_the_wrong_part_without_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DISPATCH_REDIS_URL", "redis+sentinel://h1:26379,h2/dispatch")
    get_settings.cache_clear()
    try:
        assert cli_main(["keys", "list"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "Sentinel address 'h2' needs host:port" in err and "Traceback" not in err


async def test_pool_refuses_a_server_that_is_not_master(group: RedisGroup) -> None:
    """The same for redis-py's Sentinel pool: a stale address never serves a command."""
    replica = next(p for p in group.ports if p != group.master_port() and p not in group.killed)
    client = redis_client(group.url, max_connections=2, pool_timeout=0.5, socket_connect_timeout=0.5)

    async def stale() -> tuple[str, int]:
        return "127.0.0.1", replica

    pool = client.connection_pool
    assert isinstance(pool, SentinelConnectionPool)
    pool.get_master_address = stale  # type: ignore[method-assign]
    try:
        with pytest.raises(RedisError, match="is not master"):
            await client.get("x")
    finally:
        await client.aclose()
