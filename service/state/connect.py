"""Every Redis client of the service is built here, from DISPATCH_REDIS_URL.

Two kinds of URL:
- `redis://`, `rediss://`, `unix://`: one fixed Redis, as redis-py reads them;
- `redis+sentinel://[user:password@]host:port[,host:port...]/<master-name>[/<db>][?options]`:
  the master of a Redis replicated group, found through its Sentinels. redis-py's own Sentinel
  support (redis.asyncio.sentinel) finds it for the redis-py clients and follows a failover: a
  connection that fails, or finds its server demoted (READONLY), asks the Sentinels again. Options:
  `sentinel_password` (when the Sentinels require one) and `socket_timeout` (seconds, for asking
  the Sentinels). The user and password apply to the Redis servers, not the Sentinels.

A connection to a Sentinel-managed group checks ROLE as soon as it opens and refuses a server that
is not master: a Sentinel can briefly still name a master that was demoted (or an old master that
restarted still thinking it is one), and the hot path must never read units from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.sentinel import Sentinel, SentinelConnectionPool, SentinelManagedConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from service.state.lane import RedisLane

__all__ = [
    "RedisUrlError",
    "SentinelTarget",
    "follow_switch_master",
    "parse_redis_url",
    "redis_client",
    "redis_lane",
]

log = logging.getLogger("dispatch.redis")
SENTINEL_SCHEME = "redis+sentinel"
_PLAIN = ("redis", "rediss", "unix")


class RedisUrlError(ValueError):
    """DISPATCH_REDIS_URL cannot be used; the message names the part that is wrong (never the password)."""


@dataclass(frozen=True, slots=True)
class SentinelTarget:
    sentinels: tuple[tuple[str, int], ...]
    master: str
    db: int = 0
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    sentinel_password: str | None = field(default=None, repr=False)
    sentinel_timeout_s: float = 0.5


def _port(text: str, what: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise RedisUrlError(f"DISPATCH_REDIS_URL: {what} has port {text!r}; expected a number 1-65535")
    return int(text)


def _db(text: str) -> int:
    if not text.isdigit():
        raise RedisUrlError(f"DISPATCH_REDIS_URL: database {text!r} is not a number (0, 1, ...)")
    return int(text)


def _parse_sentinel(url: str) -> SentinelTarget:
    rest = url[len(SENTINEL_SCHEME) + 3:]
    rest, _, query_text = rest.partition("?")
    netloc, _, path = rest.partition("/")
    userinfo, at, hosts = netloc.rpartition("@")
    if not at:
        userinfo, hosts = "", netloc
    username = password = None
    if userinfo:
        user, colon, secret = userinfo.partition(":")
        username = unquote(user) or None
        password = unquote(secret) if colon else None
    if not hosts:
        raise RedisUrlError("DISPATCH_REDIS_URL: no Sentinel address; expected "
                            "redis+sentinel://host:port[,host:port...]/<master-name>[/<db>]")
    sentinels: list[tuple[str, int]] = []
    for address in hosts.split(","):
        host, colon, port = address.rpartition(":")
        if not colon or not host:
            raise RedisUrlError(f"DISPATCH_REDIS_URL: Sentinel address {address!r} needs host:port "
                                "(Sentinels usually listen on 26379)")
        sentinels.append((host.strip("[]"), _port(port, f"Sentinel address {address!r}")))
    segments = [s for s in path.split("/")] if path else []
    if not segments or not segments[0]:
        raise RedisUrlError("DISPATCH_REDIS_URL: no master name after the Sentinel addresses "
                            "(the name in the Sentinels' `sentinel monitor <name> ...`)")
    if len(segments) > 2 or (len(segments) == 2 and not segments[1]):
        raise RedisUrlError(f"DISPATCH_REDIS_URL: path {'/' + path!r} has too many parts; "
                            "expected /<master-name> or /<master-name>/<db>")
    db = _db(segments[1]) if len(segments) == 2 else 0
    options = dict(parse_qsl(query_text, keep_blank_values=True))
    unknown = set(options) - {"sentinel_password", "socket_timeout"}
    if unknown:
        raise RedisUrlError(f"DISPATCH_REDIS_URL: unknown option(s) {sorted(unknown)}; "
                            "known: sentinel_password, socket_timeout")
    timeout = 0.5
    if "socket_timeout" in options:
        try:
            timeout = float(options["socket_timeout"])
        except ValueError:
            timeout = -1.0
        if not timeout > 0:
            raise RedisUrlError(f"DISPATCH_REDIS_URL: socket_timeout {options['socket_timeout']!r} "
                                "is not a positive number of seconds")
    return SentinelTarget(tuple(sentinels), unquote(segments[0]), db, username, password,
                          options.get("sentinel_password"), timeout)


def parse_redis_url(url: str) -> SentinelTarget | None:
    """The Sentinel group a `redis+sentinel://` URL names, None for a plain Redis URL;
    RedisUrlError naming the wrong part otherwise."""
    scheme, sep, _ = url.partition("://")
    if not sep:
        raise RedisUrlError("DISPATCH_REDIS_URL has no scheme; expected redis://, rediss://, unix:// "
                            "or redis+sentinel://")
    if scheme == SENTINEL_SCHEME:
        return _parse_sentinel(url)
    if scheme not in _PLAIN:
        raise RedisUrlError(f"DISPATCH_REDIS_URL: unsupported scheme {scheme!r}; expected redis, rediss, "
                            "unix or redis+sentinel")
    if scheme != "unix":
        parts = urlsplit(url)
        netloc = parts.netloc.rpartition("@")[2]
        if "," in netloc:
            raise RedisUrlError("DISPATCH_REDIS_URL: several hosts need the redis+sentinel:// scheme")
        _, colon, port = netloc.rpartition(":")
        if colon and not port.endswith("]"):
            _port(port, f"host {netloc!r}")
        path = parts.path.strip("/")
        if path:
            _db(path)
    return None


class _MasterOnlyConnection(SentinelManagedConnection):
    """Refuses, at connect, a server that does not say it is master (see the module docstring).
    redis-py 8 runs on_connect_check_health (AUTH, SELECT) on every new socket and disconnects when
    it raises; pinned by tests/integration/test_sentinel.py, should a redis-py upgrade rename it."""

    async def on_connect_check_health(self, check_health: bool = True) -> None:
        await super().on_connect_check_health(check_health=check_health)
        await self.send_command("ROLE")
        role = await self.read_response()
        if not role or role[0] not in (b"master", "master"):
            raise RedisConnectionError(f"{self.host}:{self.port} is not master (ROLE {role[0]!r})")


class _BlockingSentinelPool(SentinelConnectionPool, BlockingConnectionPool):
    """A Sentinel pool that, like BlockingConnectionPool, waits for a free connection (up to
    `timeout`) instead of failing when all are in use."""


def _sentinel(target: SentinelTarget, connect_timeout_s: float) -> Sentinel:
    timeout = target.sentinel_timeout_s
    sentinel_kwargs: dict[str, Any] = {"socket_timeout": timeout,
                                       "socket_connect_timeout": min(connect_timeout_s, timeout)}
    if target.sentinel_password:
        sentinel_kwargs["password"] = target.sentinel_password
    return Sentinel(target.sentinels, sentinel_kwargs=sentinel_kwargs)


def redis_client(url: str, *, max_connections: int | None = None, pool_timeout: float | None = None,
                 **options: Any) -> Redis:
    """A redis-py client for the URL's Redis (the current master, for a Sentinel URL). With
    max_connections, its pool waits up to pool_timeout for a free connection. `options` are
    redis-py connection options (socket_timeout, socket_connect_timeout, ...)."""
    target = parse_redis_url(url)
    if target is None:
        if max_connections is None:
            return Redis.from_url(url, **options)
        return Redis(connection_pool=BlockingConnectionPool.from_url(
            url, max_connections=max_connections, timeout=pool_timeout, **options))
    sentinel = _sentinel(target, float(options.get("socket_connect_timeout") or 1.0))
    pool_class: type[SentinelConnectionPool] = SentinelConnectionPool
    if max_connections is not None:
        pool_class = _BlockingSentinelPool
        options |= {"max_connections": max_connections, "timeout": pool_timeout}
    client: Redis = sentinel.master_for(
        target.master, connection_pool_class=pool_class, connection_class=_MasterOnlyConnection,
        db=target.db, username=target.username, password=target.password, **options)
    return client


def redis_lane(url: str, *, connect_timeout_s: float = 1.0) -> RedisLane:
    """The hot path's lean connection (service/state/lane.py). For a Sentinel URL it asks the
    Sentinels where the master is each time it (re)connects, and checks ROLE once connected."""
    target = parse_redis_url(url)
    if target is None:
        return RedisLane.from_url(url, connect_timeout_s=connect_timeout_s)
    sentinel = _sentinel(target, connect_timeout_s)

    async def locate() -> tuple[str, int]:
        host, port = await sentinel.discover_master(target.master)
        return str(host), int(port)

    return RedisLane(username=target.username, password=target.password, db=target.db,
                     connect_timeout_s=connect_timeout_s, locate=locate)


async def follow_switch_master(url: str, on_switch: Callable[[str], Awaitable[None] | None], *,
                               retry_s: float = 0.5) -> None:
    """Runs until cancelled: calls on_switch(new address) whenever a Sentinel announces that the
    URL's master changed (`+switch-master`), so connections to the old master are dropped at once
    rather than when they next fail. Returns at once for a plain URL."""
    target = parse_redis_url(url)
    if target is None:
        return
    # Every Sentinel is subscribed: one of them may be down or partitioned from the others.
    await asyncio.gather(*(_follow_one(target, host, port, on_switch, retry_s)
                           for host, port in target.sentinels))


async def _follow_one(target: SentinelTarget, host: str, port: int,
                      on_switch: Callable[[str], Awaitable[None] | None], retry_s: float) -> None:
    client = Redis(host=host, port=port, password=target.sentinel_password,
                   socket_connect_timeout=target.sentinel_timeout_s)
    try:
        while True:
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe("+switch-master")
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        # "<master-name> <old-ip> <old-port> <new-ip> <new-port>"
                        fields = message["data"].decode().split()
                        if len(fields) == 5 and fields[0] == target.master:
                            log.warning("sentinel %s:%d: master moved to %s:%s", host, port,
                                        fields[3], fields[4])
                            result = on_switch(f"{fields[3]}:{fields[4]}")
                            if result is not None:
                                await result
            except (RedisError, OSError):
                await asyncio.sleep(retry_s)
    finally:
        with contextlib.suppress(RedisError, OSError):
            await client.aclose()
