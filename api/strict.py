"""Strict JSON bodies: what the gate (api/gate.py) checks before a handler decodes a body.

Every input gets a 4xx, never a 5xx (issue 19):
- Content-Type must be JSON (`application/json` or `application/<x>+json`): 415;
- the body is at most DISPATCH_MAX_BODY_BYTES: 413 (from Content-Length before reading, or as read);
- nesting deeper than MAX_DEPTH: 400 (deep nesting made the decoder raise RecursionError: a 500);
- a key given twice in one object: 400 (it was "last one wins", so two parsers could disagree);
- the wire type decoded exactly (msgspec's strict mode: "1" is not a number): 422 with the field path;
  identifiers and call types refuse control characters by their patterns (service/domain/model.py).

DISPATCH_LOOSE_INPUT=1 (a transition setting for live CAD integrations, docs/security.md) accepts
the old loose forms (numbers as strings, another Content-Type, duplicate keys); each accepted
request is counted per key and form (dispatch_loose_input) and logged once a minute per key.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any

import msgspec

from api.metrics import LOOSE_INPUT
from api.problems import FieldError, ProblemError
from service.domain.validation import field_path
from service.settings import Settings
from service.state.apikeys import Principal

__all__ = ["MAX_DEPTH", "BodyRules", "ClientGone", "check_json", "read_body"]

log = logging.getLogger("dispatch.input")
MAX_DEPTH = 32  # a call event nests 3 deep; a dry-run's policy document about 8
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_AT = re.compile(r" - at `\$\.?([^`]*)`$")
_LOG_EVERY_S = 60.0
_loose_logged: dict[str, float] = {}


class ClientGone(Exception):
    """The client disconnected before its body arrived."""


class BodyRules:
    """How to check one route's body: its wire type's strict and loose decoders, built once."""

    __slots__ = ("loose", "strict", "type")

    def __init__(self, wire_type: Any) -> None:
        self.type = wire_type
        self.strict = msgspec.json.Decoder(wire_type, strict=True).decode
        self.loose = msgspec.json.Decoder(wire_type, strict=False).decode


def _too_deep(body: bytes) -> bool:
    if body.count(b"[") + body.count(b"{") <= MAX_DEPTH:  # cannot nest deeper than it has brackets
        return False
    depth = 0
    for token in _TOKENS.finditer(body):
        char = token.group()[:1]
        if char in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in (b"]", b"}"):
            depth -= 1
    return False


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _Duplicate(twice)
    return out


class _Duplicate(ValueError):
    pass


def check_json(body: bytes) -> str | None:
    """Why the body is not acceptable JSON (depth, syntax, duplicate keys), or None."""
    if _too_deep(body):
        return f"JSON nested deeper than {MAX_DEPTH} levels"
    try:
        json.loads(body, object_pairs_hook=_pairs)
    except _Duplicate as exc:
        return f"duplicate key {str(exc)!r} in one JSON object"
    except RecursionError:
        return f"JSON nested deeper than {MAX_DEPTH} levels"
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return f"not valid JSON: {exc}"
    return None


def _is_json(scope: Any) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            return bool(media == b"application/json") or (
                media.startswith(b"application/") and media.endswith(b"+json")
            )
    return False


def _loose(principal: Principal, form: str) -> None:
    LOOSE_INPUT.labels(principal.key_id, form).inc()
    now = time.monotonic()
    if now - _loose_logged.get(principal.key_id, -_LOG_EVERY_S) >= _LOG_EVERY_S:
        _loose_logged[principal.key_id] = now
        log.warning(
            "key %s sent a loose request (%s) accepted only under DISPATCH_LOOSE_INPUT; "
            "see dispatch_loose_input for the count",
            principal.key_id,
            form,
        )


async def _read(scope: Any, receive: Any, limit: int) -> bytes:
    for name, value in scope["headers"]:
        if name == b"content-length" and value.isdigit() and int(value) > limit:
            raise ProblemError(413, "Request body too large", f"the limit is {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise ProblemError(413, "Request body too large", f"the limit is {limit} bytes")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


async def read_body(
    scope: Any, receive: Any, rules: BodyRules, settings: Settings, principal: Principal
) -> Any:
    """Check the body; a `receive` that hands the checked body to the handler (read once)."""
    loose = settings.loose_input
    if not _is_json(scope):
        if not loose:
            raise ProblemError(415, "Unsupported media type", "send 'Content-Type: application/json'")
        _loose(principal, "content_type")
    body = await _read(scope, receive, settings.max_body_bytes)
    why = check_json(body)
    if why is not None and loose and why.startswith("duplicate"):
        _loose(principal, "duplicate_key")
        why = None
    if why is not None:
        raise ProblemError(400, "Malformed request", why)
    try:
        rules.strict(body)
    except msgspec.ValidationError as exc:
        if not loose or not _loosely_valid(rules, body):
            error = _field_error(str(exc))
            raise ProblemError(
                422, "Invalid request body", f"{error.field}: {error.message}", errors=[error]
            ) from None
        _loose(principal, "coerced_type")
    sent = False

    async def replay() -> Any:
        nonlocal sent
        if sent:
            return await receive()  # after the body: only a disconnect can come
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _field_error(text: str) -> FieldError:
    """msgspec's "Expected `int`, got `str` - at `$.units[0].lat`" as a field path and a message."""
    found = _AT.search(text)
    message, base = (text[: found.start()], found[1]) if found else (text, "")
    return FieldError(field_path(base, message) or "(body)", message)


def _loosely_valid(rules: BodyRules, body: bytes) -> bool:
    try:
        rules.loose(body)
    except msgspec.ValidationError:
        return False
    return True
