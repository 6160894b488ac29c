"""The live event stream a console watches: what goes into it, and the ids of its entries.

Each jurisdiction has one Redis stream (`keyspace.events`) whose entries are `{kind, data}` with `data`
a JSON object: recommendations, outcomes, field records and unit status changes. Writers append in
their own pipelines or scripts (`add_event`): the write-behind of POST /v1/calls, the outcome and
field stores, the unit update script. Reading and fanning it out to consoles is
service/state/event_hub.py.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import msgspec

from service.domain.model import CallEvent
from service.state import keyspace

__all__ = [
    "EVENTS_MAXLEN",
    "CallSummary",
    "StreamId",
    "add_event",
    "call_summary",
    "format_id",
    "parse_id",
    "with_call",
]

# Approximate cap per jurisdiction: hours of a busy centre's events, enough to resume after a
# reconnect or a shift change; the audit stream, not this one, is the long-term record.
EVENTS_MAXLEN = 10_000
_ID = re.compile(r"^\d{1,20}-\d{1,20}$")

StreamId = tuple[int, int]


def parse_id(value: str | bytes | None) -> StreamId | None:
    """A Redis stream id ("1764000000000-3") as a comparable tuple; None when absent or malformed."""
    if value is None:
        return None
    text = value.decode() if isinstance(value, bytes) else value.strip()
    if not _ID.match(text):
        return None
    ms, _, seq = text.partition("-")
    return int(ms), int(seq)


def format_id(sid: StreamId) -> str:
    """The id as Redis writes it."""
    return f"{sid[0]}-{sid[1]}"


def add_event(pipe: Any, jurisdiction: str, kind: str, data: bytes, maxlen: int = EVENTS_MAXLEN) -> None:
    """Queue one event on a pipeline (or a client): it reaches consoles once the pipeline runs."""
    pipe.xadd(keyspace.events(jurisdiction), {"kind": kind, "data": data}, maxlen=maxlen, approximate=True)


class CallSummary(msgspec.Struct, omit_defaults=True):
    """What a dispatcher needs beside the recommendation: where, how urgent, what the caller said."""

    event: str
    lat: float
    lon: float
    priority: int | None = None
    address: str | None = None
    zone: str | None = None
    received_at: datetime | None = None
    narrative: str = ""


_encode = msgspec.json.Encoder().encode


def call_summary(call: CallEvent) -> CallSummary:
    # The narrative goes to the console whole (the API caps it at model.MAX_NARRATIVE): a shorter cut
    # could hide from the dispatcher the very words that raised a flag.
    return CallSummary(call.event, call.location.lat, call.location.lon, call.priority, call.location.address,
                       call.location.zone, call.received_at, call.narrative)


def with_call(body: bytes, call: CallEvent | None) -> bytes:
    """The recommendation JSON as answered, plus a "call" member when the call is known."""
    if call is None or not body.endswith(b"}"):
        return body
    return body[:-1] + b',"call":' + _encode(call_summary(call)) + b"}"
