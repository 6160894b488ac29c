"""The Redis key layout, in one place.

Every key of a jurisdiction carries the jurisdiction as a hash tag ({denver}) so that, on a Redis
Cluster, all of one jurisdiction's keys live in one slot and its Lua scripts stay legal.
"""

from __future__ import annotations

__all__ = [
    "JURISDICTIONS",
    "KEYS_EPOCH",
    "KEYS_HASH",
    "POLICY_CHANNEL",
    "POLICY_EPOCH",
    "answers",
    "audit",
    "call_digest",
    "events",
    "field",
    "geo",
    "geo_prefix",
    "incident",
    "outcome",
    "policy_active",
    "policy_history",
    "policy_version",
    "rate_window",
    "recommendation",
    "seen",
    "spooled",
    "text",
    "unit",
    "unit_counts",
    "unit_prefix",
]

JURISDICTIONS = "da:jurisdictions"
POLICY_EPOCH = "da:policy:epoch"
POLICY_CHANNEL = "da:policy:changed"
KEYS_HASH = "da:keys"
KEYS_EPOCH = "da:keys:epoch"


def text(value: object) -> str:
    """A Redis reply as text: replies are bytes unless a client was made with decode_responses."""
    return value.decode() if isinstance(value, bytes) else str(value)


def _j(jurisdiction: str) -> str:
    return "da:{" + jurisdiction + "}"


def geo_prefix(jurisdiction: str) -> str:
    return f"{_j(jurisdiction)}:geo:"


def geo(jurisdiction: str, unit_type: str) -> str:
    """GEO set of the units of one type that are available now."""
    return geo_prefix(jurisdiction) + unit_type


def unit_prefix(jurisdiction: str) -> str:
    return f"{_j(jurisdiction)}:unit:"


def unit(jurisdiction: str, unit_id: str) -> str:
    return unit_prefix(jurisdiction) + unit_id


def seen(jurisdiction: str) -> str:
    """Sorted set of every unit by the time of its last report (ms), for the board and staleness."""
    return f"{_j(jurisdiction)}:seen"


def unit_counts(jurisdiction: str) -> str:
    """Hash "type:status" -> number of units whose last report says so (kept by unit_update.lua)."""
    return f"{_j(jurisdiction)}:unit_counts"


def recommendation(jurisdiction: str, recommendation_id: str) -> str:
    return f"{_j(jurisdiction)}:rec:{recommendation_id}"


def audit(jurisdiction: str) -> str:
    return f"{_j(jurisdiction)}:audit"


def events(jurisdiction: str) -> str:
    """Stream of what a console shows live: recommendations, outcomes, unit status changes."""
    return f"{_j(jurisdiction)}:events"


def outcome(jurisdiction: str, recommendation_id: str) -> str:
    """Hash {revision, data}: what the dispatcher did with one recommendation (last revision)."""
    return f"{_j(jurisdiction)}:outcome:{recommendation_id}"


def field(jurisdiction: str, recommendation_id: str) -> str:
    """Hash {revision, data}: what happened in the field after one recommendation (last revision)."""
    return f"{_j(jurisdiction)}:field:{recommendation_id}"


def spooled(jurisdiction: str, record_id: str) -> str:
    """Mark of a spooled write already replayed (service/durability/spool.py), so a second replay skips it."""
    return f"{_j(jurisdiction)}:spooled:{record_id}"


def rate_window(jurisdiction: str, key_id: str, window: int) -> str:
    """Requests of one API key in one one-second window, shared by every replica (api/limits.py)."""
    return f"{_j(jurisdiction)}:rate:{key_id}:{window}"


def policy_active(jurisdiction: str) -> str:
    return f"{_j(jurisdiction)}:policy:active"


def policy_version(jurisdiction: str, version: int) -> str:
    return f"{_j(jurisdiction)}:policy:v:{version}"


def policy_history(jurisdiction: str) -> str:
    return f"{_j(jurisdiction)}:policy:history"


def call_digest(jurisdiction: str, recommendation_id: str) -> str:
    """Digest of the decoded call event answered under this id: a retry must carry the same facts."""
    return f"{_j(jurisdiction)}:digest:{recommendation_id}"


def answers(jurisdiction: str, incident_id: str) -> str:
    """Hash of the screening answers learned for one incident (fields `weapon:yes`, `weapon:no`)."""
    return f"{_j(jurisdiction)}:answers:{incident_id}"


def incident(jurisdiction: str, incident_id: str) -> str:
    """Hash of an incident's events (narrative left out) and recommendation ids, for revisions."""
    return f"{_j(jurisdiction)}:incident:{incident_id}"
