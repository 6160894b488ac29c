"""What the service keeps per incident across events: learned answers, the facts of each event,
and the digest of the call each recommendation answered.

Writes from the hot path are queued on the write-behind (plain SET/HSET/EXPIRE, which the spool
can replay); the read rides in call_read.lua. Learned answers live in one hash per incident with
the answer in the field name (`weapon:yes`, `weapon:no`): writing "no" can never erase a "yes",
even when a CAD event and a dispatcher race. Only `correct`, an explicit and audited correction,
deletes a "yes". Events are kept without their narrative (it is never stored here); only whether
the screen could read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import msgspec
from redis.asyncio import Redis

from service.domain.model import Answer, CallEvent, Recommendation
from service.state import keyspace

__all__ = [
    "UNREADABLE_MARK",
    "IncidentState",
    "answer_field",
    "correct_answers",
    "load_incident",
    "remember_call",
]

# Stands in for a narrative the screen could not read when an incident is re-decided without it:
# it is itself unreadable (tests/unit/domain/test_not_asked_property.py checks), so implied "no"
# answers stay unasked.
UNREADABLE_MARK = "ilegible ilisible unleserlich"
_encode = msgspec.json.Encoder().encode
_decode_call = msgspec.json.Decoder(CallEvent).decode
_decode_answer = msgspec.json.Decoder(Answer).decode
_EXPLICIT = ("caller", "dispatcher")


def answer_field(answer: Answer) -> str:
    return f"{answer.question}:{'yes' if answer.value else 'no'}"


def remember_call(
    pipe: Any,
    jurisdiction: str,
    call: CallEvent,
    rec: Recommendation,
    digest: bytes | None,
    known_fields: Iterable[str],
    legible: bool,
    ttl_s: int,
) -> None:
    """Queue the digest, the answers not yet learned, and the event's facts (narrative left out)."""
    if digest is not None:
        pipe.set(keyspace.call_digest(jurisdiction, rec.recommendation_id), digest, nx=True, ex=ttl_s)
    known = set(known_fields)
    answers_key = keyspace.answers(jurisdiction, call.incident_id)
    fresh = [
        (field, _encode(a))
        for a in rec.answers
        # From an unreadable narrative's event only explicit answers are learned (see UNREADABLE_MARK).
        if (field := answer_field(a)) not in known and (legible or a.value or a.source in _EXPLICIT)
    ]
    for field, value in fresh:
        pipe.hset(answers_key, field, value)
    if fresh:
        pipe.expire(answers_key, ttl_s)
    facts = msgspec.structs.replace(call, narrative="" if legible or not call.narrative else UNREADABLE_MARK)
    incident_key = keyspace.incident(jurisdiction, call.incident_id)
    pipe.hset(incident_key, f"e:{call.seq:07d}", _encode(facts))
    pipe.hset(incident_key, f"r:{call.seq:07d}:{rec.revision:04d}", rec.recommendation_id)
    pipe.expire(incident_key, ttl_s)


class IncidentState(msgspec.Struct):
    call: CallEvent | None  # the latest event's facts
    latest_recommendation: str | None
    revision: int  # of the latest recommendation for the latest event
    learned: list[Answer]
    learned_fields: frozenset[str]


def _latest(row: Mapping[str, bytes], prefix: str) -> tuple[str, bytes] | None:
    names = [name for name in row if name.startswith(prefix)]
    return (max(names), row[max(names)]) if names else None


async def load_incident(redis: Redis, jurisdiction: str, incident_id: str) -> IncidentState:
    async with redis.pipeline(transaction=False) as pipe:
        pipe.hgetall(keyspace.incident(jurisdiction, incident_id))
        pipe.hgetall(keyspace.answers(jurisdiction, incident_id))
        raw, answers = await pipe.execute()
    row = {keyspace.text(k): v for k, v in raw.items()}
    event = _latest(row, "e:")
    call = _decode_call(event[1]) if event else None
    rec = _latest(row, f"r:{call.seq:07d}:" if call else "r:")
    revision = int(rec[0].rsplit(":", 1)[1]) if rec else 0
    learned = [_decode_answer(v) for v in answers.values()]
    fields = frozenset(keyspace.text(k) for k in answers)
    return IncidentState(call, keyspace.text(rec[1]) if rec else None, revision, learned, fields)


async def correct_answers(
    redis: Redis,
    jurisdiction: str,
    incident_id: str,
    answers: Iterable[Answer],
    corrected: Iterable[str],
    ttl_s: int,
) -> None:
    """Record a dispatcher's answers; `corrected` questions lose their recorded "yes" first."""
    key = keyspace.answers(jurisdiction, incident_id)
    async with redis.pipeline(transaction=True) as pipe:
        for question in corrected:
            pipe.hdel(key, f"{question}:yes")
        for answer in answers:
            pipe.hset(key, answer_field(answer), _encode(answer))
        pipe.expire(key, ttl_s)
        await pipe.execute()
