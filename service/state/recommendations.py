"""A recommendation's writes: the answer kept for retries and look-ups, its audit entry, its console event.

Queued after the response on the write-behind (service/durability/write_behind.py), which sends them
with the other calls' in one round trip, or spools them while Redis is down. The id is derived from
(jurisdiction, incident, seq), so a racing retry on another replica writes the same id and the first
write wins (SET NX).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from service.domain.model import CallEvent, Recommendation
from service.state import keyspace
from service.state.audit import entry_fields
from service.state.events import add_event, with_call

__all__ = ["recommendation_id", "write_recommendation"]


def recommendation_id(jurisdiction: str, incident_id: str, seq: int, revision: int = 0) -> str:
    """Derived, not random: a retried (incident, seq) maps to the same id on every replica; a
    server-side revision (dispatcher answers) gets its own id without taking the CAD's next seq."""
    text = f"{jurisdiction}\x1f{incident_id}\x1f{seq}" + (f"\x1f{revision}" if revision else "")
    digest = hashlib.blake2b(text.encode(), digest_size=12)
    return "r_" + digest.hexdigest()


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def write_recommendation(
    pipe: Any,
    jurisdiction: str,
    rec: Recommendation,
    body: bytes,
    ttl_s: int,
    audit_maxlen: int,
    *,
    call: CallEvent | None = None,
    narrative: str | None = None,
) -> None:
    """Queue the answer (kept once: a racing duplicate cannot overwrite it), its audit entry, and
    the console event (the answer plus where and what the call was, when `call` is given)."""
    pipe.set(keyspace.recommendation(jurisdiction, rec.recommendation_id), body, nx=True, ex=ttl_s)
    # The audit entry (service/state/audit.py) keeps the narrative only when the policy asks for it.
    fields = entry_fields("recommendation", rec.recommendation_id, _ms(rec.decided_at), body, narrative)
    if call is not None and call.received_at is not None and call.received_at.tzinfo is not None:
        # When the call reached the CAD: program reports measure call-to-recommendation from it.
        fields["received"] = str(_ms(call.received_at))
    pipe.xadd(
        keyspace.audit(jurisdiction),
        fields,
        maxlen=audit_maxlen,
        approximate=True,
    )
    add_event(pipe, jurisdiction, "recommendation", with_call(body, call))
