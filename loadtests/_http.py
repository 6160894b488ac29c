"""A deliberately tiny HTTP/1.1 keep-alive client connection for the load generator.

httpx costs well over 100 µs of Python per request, which caps one core at a few thousand req/s and
adds its own jitter to every sample. This Protocol does the minimum: write pre-built request bytes,
parse the status line and Content-Length (or a chunked terminator), hand back the status. One request
is in flight per connection (no pipelining), as with any keep-alive client.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import cast

__all__ = ["HttpConnection", "build_request"]

_HEADER_END = b"\r\n\r\n"
_CONTENT_LENGTH = b"\r\ncontent-length:"
_CHUNKED = b"\r\ntransfer-encoding: chunked"
_CONN_CLOSE = b"\r\nconnection: close"
_LAST_CHUNK = b"0\r\n\r\n"


def build_request(method: str, path: str, host: str, headers: Mapping[str, str], body: bytes) -> bytes:
    """Serialise one request; done before the run so the hot path only calls transport.write()."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines.extend(f"{k}: {v}" for k, v in headers.items() if k.lower() not in ("host", "content-length"))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class HttpConnection(asyncio.Protocol):
    """One persistent connection; the owner reads `index`/`intended` back in its callbacks."""

    __slots__ = (
        "_body_start",
        "_buf",
        "_chunked",
        "_close_after",
        "_need",
        "_on_lost",
        "_on_response",
        "busy",
        "closed",
        "index",
        "intended",
        "transport",
    )

    def __init__(
        self,
        on_response: Callable[[HttpConnection, int], None],
        on_lost: Callable[[HttpConnection, Exception | None], None],
    ) -> None:
        self._on_response = on_response
        self._on_lost = on_lost
        self._buf = bytearray()
        self._need = -1  # total bytes (head + body) of the response being read; -1 = head not parsed yet
        self._chunked = False
        self._body_start = 0
        self._close_after = False
        self.transport: asyncio.Transport | None = None
        self.busy = False
        self.closed = False
        self.index = -1
        self.intended = 0.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's TCPTransport is not an asyncio.Transport subclass but has the same interface.
        self.transport = cast(asyncio.Transport, transport)

    def send(self, index: int, intended: float, payload: bytes) -> None:
        assert self.transport is not None
        self.busy = True
        self.index = index
        self.intended = intended
        self.transport.write(payload)

    def abort(self) -> None:
        """Drop the connection (used on timeout): a late response must not be matched to a new request."""
        self.busy = False
        if self.transport is not None and not self.closed:
            self.transport.abort()

    def data_received(self, data: bytes) -> None:
        buf = self._buf
        buf += data
        while True:
            if self._need < 0:
                end = buf.find(_HEADER_END)
                if end < 0:
                    return
                head = bytes(buf[:end]).lower()
                self._body_start = end + 4
                self._close_after = _CONN_CLOSE in head
                self._chunked = False
                cl = head.find(_CONTENT_LENGTH)
                if cl >= 0:
                    eol = head.find(b"\r\n", cl + 2)
                    value = head[cl + len(_CONTENT_LENGTH) : eol if eol >= 0 else len(head)]
                    self._need = self._body_start + int(value)
                elif _CHUNKED in head:
                    self._chunked = True
                    self._need = 0
                else:
                    # No length and not chunked: only 1xx/204/304 are legal here; treat the body as empty.
                    self._need = self._body_start
            if self._chunked:
                # Good enough for small loopback responses: the body ends at the zero-length chunk.
                term = buf.find(_LAST_CHUNK, self._body_start)
                if term < 0:
                    return
                self._need = term + len(_LAST_CHUNK)
            if len(buf) < self._need:
                return
            status = _parse_status(buf)
            del buf[: self._need]
            self._need = -1
            if not self.busy:
                continue  # a response nobody waits for (after a timeout) is dropped
            self.busy = False
            self._on_response(self, status)
            if self._close_after and self.transport is not None:
                self.transport.close()
                return

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._on_lost(self, exc)


def _parse_status(buf: bytearray) -> int:
    # "HTTP/1.1 200 OK": the code is always bytes 9..12; a garbled line counts as status 0.
    try:
        return int(buf[9:12])
    except ValueError:
        return 0
