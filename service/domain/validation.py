"""Turning msgspec validation messages into field paths a person can act on."""

from __future__ import annotations

import re

__all__ = ["field_path", "split_message"]

_AT = re.compile(r"\s*-\s*at\s*`\$(?P<path>[^`]*)`\s*$")
_FIELD = re.compile(r"field `([^`]+)`")


def split_message(text: str) -> tuple[str, str]:
    """'Expected `int` - at `$.a[0].b`' -> ('a[0].b', 'Expected `int`')."""
    match = _AT.search(text)
    path = match["path"].lstrip(".") if match else ""
    return path, _AT.sub("", text)


def field_path(base: str, message: str) -> str:
    """msgspec names a missing or unknown field in the message, not in the path: append it."""
    named = _FIELD.search(message)
    if named and ("missing required" in message or "unknown field" in message):
        return f"{base}.{named[1]}" if base else named[1]
    return base
