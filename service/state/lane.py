"""A lean, pipelined Redis connection for the two commands of the hot path.

redis-py's asyncio client spends about 150 µs of Python per round trip on this class of machine
(pool checkout, locks, retry and timeout wrappers, response callbacks); the bytes on the wire and
Redis' own work are the same for any client. The recommendation path sends one EVALSHA before
answering and a batch of writes after it, so it talks through this lane: one connection, commands
packed by hiredis, replies parsed by hiredis in the protocol callback and handed back in order.
Everything else (admin, outcomes, streams, the sweeper) keeps using redis-py. It speaks the same
URLs as redis-py (plain, TLS, Unix socket), so every deployment takes the same path.

Replies come back as redis-py gives them without decoding (bytes, ints, lists, None); error
replies raise redis-py's exception types, so callers catch `RedisError` as before. A lost
connection fails what was in flight and is re-opened on the next call. A caller that gives up
(timeout) leaves its place in the reply queue, so later replies still reach their own callers.
"""

from __future__ import annotations

import asyncio
import hashlib
import ssl
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast
from urllib.parse import unquote, urlsplit

import hiredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, ResponseError

__all__ = ["Command", "RedisLane", "raise_errors", "script_sha"]

Command = Sequence[str | bytes | int | float]


class _Batch:
    __slots__ = ("future", "left", "replies")

    def __init__(self, future: asyncio.Future[list[Any]], count: int) -> None:
        self.future = future
        self.left = count
        self.replies: list[Any] = []


class _Protocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.reader = hiredis.Reader()
        self.waiting: deque[_Batch] = deque()
        self.transport: asyncio.Transport | None = None
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports do not subclass asyncio.Transport but have its methods.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.reader.feed(data)
        waiting = self.waiting
        try:
            while (reply := self.reader.gets()) is not False:
                batch = waiting[0]
                batch.replies.append(reply)
                batch.left -= 1
                if not batch.left:
                    waiting.popleft()
                    if not batch.future.done():  # a caller that timed out is simply skipped
                        batch.future.set_result(batch.replies)
        except (hiredis.ProtocolError, IndexError) as exc:  # out of step with the server: start over
            self._fail(RedisConnectionError(f"redis protocol error: {exc}"))
            if self.transport is not None:
                self.transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(RedisConnectionError("connection to redis lost"))

    def _fail(self, error: Exception) -> None:
        self.closed = True
        while self.waiting:
            future = self.waiting.popleft().future
            if not future.done():
                future.set_exception(error)

    def send(self, commands: Sequence[Command]) -> asyncio.Future[list[Any]]:
        future: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
        if self.closed or self.transport is None or self.transport.is_closing():
            future.set_exception(RedisConnectionError("connection to redis lost"))
            return future
        self.waiting.append(_Batch(future, len(commands)))
        pack = hiredis.pack_command
        # hiredis' stub types the argument as a 1-tuple; any length is accepted.
        self.transport.write(b"".join([pack(tuple(c)) for c in commands]))  # type: ignore[arg-type]
        return future


def raise_errors(replies: list[Any]) -> list[Any]:
    """The replies, unless one is an error reply: that is raised as redis-py's exception."""
    for reply in replies:
        if isinstance(reply, hiredis.ReplyError):
            text = str(reply)
            raise NoScriptError(text) if text.startswith("NOSCRIPT") else ResponseError(text)
    return replies


class RedisLane:
    """One pipelined connection; `execute` sends a batch of commands in one write."""

    def __init__(self, host: str = "127.0.0.1", port: int = 6379, *, path: str | None = None,
                 username: str | None = None, password: str | None = None, db: int = 0,
                 tls: ssl.SSLContext | None = None, connect_timeout_s: float = 1.0,
                 locate: Callable[[], Awaitable[tuple[str, int]]] | None = None) -> None:
        self.host, self.port, self.path, self.tls = host, port, path, tls
        # With `locate` (a Sentinel lookup, service/state/connect.py) the address is asked anew at
        # every (re)connect, and a server whose ROLE is not master is refused.
        self.locate = locate
        self.username, self.password, self.db = username, password, db
        self.connect_timeout_s = connect_timeout_s
        self._protocol: _Protocol | None = None
        self._connecting: asyncio.Future[_Protocol] | None = None

    @classmethod
    def from_url(cls, url: str, **options: Any) -> RedisLane:
        """For the URLs redis-py takes: redis://, rediss:// (TLS; `ssl_ca_certs=<file>` and
        `ssl_cert_reqs=none` as redis-py reads them) and unix://."""
        parts = urlsplit(url)
        user = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password else None
        query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
        if parts.scheme in ("redis", "rediss"):
            db = int(parts.path.strip("/") or query.get("db", "0"))
            tls = _tls_context(query) if parts.scheme == "rediss" else None
            return cls(parts.hostname or "127.0.0.1", parts.port or 6379, username=user,
                       password=password, db=db, tls=tls, **options)
        if parts.scheme == "unix":
            return cls(path=parts.path, username=user, password=password, db=int(query.get("db", "0")),
                       **options)
        raise ValueError(f"unsupported Redis URL scheme {parts.scheme!r} (redis, rediss or unix)")

    async def _connect(self) -> _Protocol:
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(self.connect_timeout_s):
            if self.locate is not None:
                self.host, self.port = await self.locate()
            if self.path is not None:
                _, protocol = await loop.create_unix_connection(_Protocol, self.path)
            else:
                _, protocol = await loop.create_connection(_Protocol, self.host, self.port, ssl=self.tls)
            setup: list[Command] = []
            if self.password is not None:
                auth = [self.username, self.password] if self.username else [self.password]
                setup.append(["AUTH", *auth])
            if self.db:
                setup.append(["SELECT", self.db])
            if self.locate is not None:
                setup.append(["ROLE"])
            if setup:
                replies = raise_errors(await protocol.send(setup))
                if self.locate is not None and replies[-1][0] != b"master":
                    if protocol.transport is not None:
                        protocol.transport.close()
                    raise RedisConnectionError(f"{self.host}:{self.port} is not master (ROLE "
                                               f"{replies[-1][0]!r}); asking the Sentinels again")
        return protocol

    async def _ready(self) -> _Protocol:
        protocol = self._protocol
        if protocol is not None and not protocol.closed:
            return protocol
        if self._connecting is None:  # concurrent callers share one connection attempt
            self._connecting = asyncio.ensure_future(self._connect())
        connecting = self._connecting
        try:
            protocol = self._protocol = await asyncio.shield(connecting)
        except OSError as exc:
            raise RedisConnectionError(f"cannot connect to redis: {exc}") from exc
        finally:
            if self._connecting is connecting and connecting.done():
                self._connecting = None
        return protocol

    async def execute(self, commands: Sequence[Command], *, raise_on_error: bool = True) -> list[Any]:
        """The replies to `commands`, in order; an error reply raises unless raise_on_error=False,
        which returns it in its place (a `hiredis.ReplyError`)."""
        replies = await (await self._ready()).send(commands)
        return raise_errors(replies) if raise_on_error else replies

    async def submit(self, commands: Sequence[Command]) -> asyncio.Future[list[Any]]:
        """Send `commands` now; the returned future gives their replies (error replies in place).
        For a caller that sends more before it waits for the first replies."""
        return (await self._ready()).send(commands)

    async def eval_script(self, script: str, sha: str, keys: Sequence[str | bytes],
                          args: Sequence[Any]) -> Any:
        """EVALSHA, falling back to EVAL (which loads the script) when Redis does not know it."""
        try:
            (reply,) = await self.execute([["EVALSHA", sha, len(keys), *keys, *args]])
        except NoScriptError:
            (reply,) = await self.execute([["EVAL", script, len(keys), *keys, *args]])
        return reply

    def close(self) -> None:
        if self._protocol is not None and self._protocol.transport is not None:
            self._protocol.transport.close()
        self._protocol = None


def _tls_context(query: dict[str, str]) -> ssl.SSLContext:
    ca_file = unquote(query["ssl_ca_certs"]) if "ssl_ca_certs" in query else None
    context = ssl.create_default_context(cafile=ca_file)
    if query.get("ssl_cert_reqs", "required").lower() == "none":
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def script_sha(script: str) -> str:
    return hashlib.sha1(script.encode()).hexdigest()
