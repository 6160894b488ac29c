"""Structured logs: one JSON object per line, with the request id, jurisdiction and incident id.

What a line may carry is an allow-list: `ts`, `level`, `logger`, `message`, the request context
(`request_id`, `jurisdiction`, `incident_id`) and the extra fields named in `SAFE_EXTRAS`. A call's
narrative, the caller's details, request bodies and headers are never logged — there is no field
for them, and an `extra={...}` key outside the list is dropped, not printed.

The request id comes from the client's `X-Request-ID` header when it is a short token of safe
characters, else a new one is made; it is echoed in the response's `X-Request-ID` header
(api/metrics/http.py's middleware) so a CAD integrator can quote it.

Formatting happens on the caller's thread (it needs the request's context variables); writing to
stderr happens on a listener thread behind a queue, so a slow log pipe never blocks the event loop.

Access lines: 2xx/3xx requests are logged at DEBUG only (one INFO line per call would cost more
than the whole metrics layer); 4xx at INFO, 5xx at ERROR and any request slower than
`SLOW_REQUEST_S` at WARNING.
"""

from __future__ import annotations

import atexit
import json
import logging
import logging.handlers
import os
import queue
import re
import sys
import time
from contextvars import ContextVar, Token
from typing import Any

from litestar.types import Scope

__all__ = [
    "SAFE_EXTRAS",
    "JsonFormatter",
    "begin_request",
    "bind",
    "configure_logging",
    "current_request_id",
    "end_request",
    "log_access",
]

SAFE_EXTRAS = frozenset({
    "recommendation_id", "policy_version", "response", "outcome", "status", "method", "route",
    "duration_ms", "units", "applied", "operation", "error", "key_id", "version", "count",
})
SLOW_REQUEST_S = 0.25
_CONTEXT = ("jurisdiction", "incident_id", "request_id")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class _RequestLog:
    __slots__ = ("incident_id", "jurisdiction", "request_id")

    def __init__(self, request_id: str) -> None:
        self.request_id = request_id
        self.jurisdiction: str | None = None
        self.incident_id: str | None = None


_current: ContextVar[_RequestLog | None] = ContextVar("dispatch_request", default=None)
access = logging.getLogger("dispatch.access")


def begin_request(scope: Scope) -> tuple[str, Token[_RequestLog | None]]:
    """Take the client's X-Request-ID if it is a safe token, else make one; bind it to this request."""
    request_id = None
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _REQUEST_ID.match(candidate):
                request_id = candidate
            break
    if request_id is None:
        request_id = os.urandom(8).hex()
    return request_id, _current.set(_RequestLog(request_id))


def end_request(token: Token[_RequestLog | None]) -> None:
    try:
        _current.reset(token)
    except ValueError:  # reset from another context (should not happen): just clear
        _current.set(None)


def bind(jurisdiction: str | None = None, incident_id: str | None = None) -> None:
    """Attach what the handler learned (the key's jurisdiction, the call's incident) to the request's logs."""
    ctx = _current.get()
    if ctx is not None:
        if jurisdiction is not None:
            ctx.jurisdiction = jurisdiction
        if incident_id is not None:
            ctx.incident_id = incident_id


def current_request_id() -> str | None:
    ctx = _current.get()
    return ctx.request_id if ctx is not None else None


def log_access(method: str, route: str, status: int, elapsed_s: float) -> None:
    if status in (429, 503):
        # Shed and rate-limited requests come in floods: they are counted (dispatch_shed) and
        # logged as one line per interval by api/admission.py and api/gate.py, never one line each.
        return
    if status == 499:  # the client hung up: its business, not a fault here
        level = logging.INFO
    elif status >= 500:
        level = logging.ERROR
    elif elapsed_s >= SLOW_REQUEST_S:
        level = logging.WARNING
    elif status >= 400:
        level = logging.INFO
    else:
        level = logging.DEBUG
    if access.isEnabledFor(level):
        access.log(level, "%s %s %d", method, route, status,
                   extra={"method": method, "route": route, "status": status,
                          "duration_ms": round(elapsed_s * 1000, 3)})


class JsonFormatter(logging.Formatter):
    """One JSON object per line; only allow-listed fields (see the module docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        ctx = _current.get()
        if ctx is not None:
            out["request_id"] = ctx.request_id
            if ctx.jurisdiction is not None:
                out["jurisdiction"] = ctx.jurisdiction
            if ctx.incident_id is not None:
                out["incident_id"] = ctx.incident_id
        for key, value in record.__dict__.items():
            if key in SAFE_EXTRAS or (key in _CONTEXT and key not in out):
                plain = value is None or isinstance(value, str | int | float | bool)
                out[key] = value if plain else str(value)
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            out["exc"] = record.exc_text
        return json.dumps(out, ensure_ascii=False, default=str)


class _QueueHandler(logging.handlers.QueueHandler):
    """Formats on the caller's thread, so the request's context variables are seen."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        line = self.format(record)
        copy = logging.makeLogRecord({"msg": line, "levelno": record.levelno, "levelname": record.levelname,
                                      "name": record.name})
        return copy


_installed: dict[str, Any] = {}


def configure_logging(level: str = "INFO", stream: Any = None) -> logging.Handler:
    """Install the JSON handler on the root logger once per process (idempotent); set the level."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    handler = _installed.get("handler")
    if handler is None:
        target = logging.StreamHandler(stream or sys.stderr)
        target.setFormatter(logging.Formatter("%(message)s"))
        q: queue.SimpleQueue[Any] = queue.SimpleQueue()
        handler = _QueueHandler(q)
        handler.setFormatter(JsonFormatter())
        listener = logging.handlers.QueueListener(q, target)
        listener.start()
        atexit.register(listener.stop)
        _installed.update(handler=handler, listener=listener)
        root.addHandler(handler)
    return handler  # type: ignore[no-any-return]

