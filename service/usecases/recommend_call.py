"""Recommend a response for one CAD call event: the hot path's orchestration, without the web.

One Redis round trip (call_read.lua) brings everything the decision needs besides the compiled
policy: the answer stored for this (incident, seq) and the digest of the call it answered, the
incident's learned screening answers, the key's shared rate window and the nearest units. Writes
(answer, audit entry, console event, learned answers, the event's facts) are queued on the
write-behind after the answer is ready. A valid call always gets an answer: with Redis down it is
decided from the policy alone (degraded); if the decision itself fails, the policy's default.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import msgspec
from redis.exceptions import RedisError

from service.domain.decision import Plan, decide, last_resort, plan, to_recommendation, wide_searches
from service.domain.model import CallEvent, Recommendation
from service.durability.write_behind import CommandBuffer, WriteBehind
from service.policy.compile import CompiledPolicy
from service.state.apikeys import Principal
from service.state.events import add_event
from service.state.incidents import remember_call
from service.state.recommendations import recommendation_id, write_recommendation
from service.state.store import CallRead, UnitStore
from service.usecases.refusals import FactsChanged, NoActivePolicy

__all__ = ["CallDesk", "CallObserver", "Circuit", "call_digest"]

log = logging.getLogger("dispatch.calls")
_encode = msgspec.json.Encoder().encode
_DIGESTS_KEPT = 20_000
_UNREADABLE = "screen.narrative.unreadable"


class Circuit(Protocol):
    @property
    def closed(self) -> bool: ...
    def fail(self) -> None: ...
    def succeed(self) -> None: ...


class CallObserver(Protocol):
    """Where the use case reports what operators watch (metrics live in the web layer)."""

    def read(self, seconds: float) -> None: ...
    def read_failed(self, exc: BaseException) -> None: ...
    def recommended(
        self, jurisdiction: str, policy: CompiledPolicy, call: CallEvent, rec: Recommendation
    ) -> None: ...
    def conflict(self, jurisdiction: str) -> None: ...


def call_digest(call: CallEvent) -> bytes:
    """Of the decoded event, not its bytes: spacing or key order do not change it, a fact does."""
    return hashlib.blake2b(_encode(call), digest_size=16).hexdigest().encode()  # text: the spool keeps it


@dataclass
class CallDesk:
    """What POST /v1/calls does, given its collaborators (built once, by service/bootstrap.py)."""

    policies: Callable[[str], CompiledPolicy | None]
    units: UnitStore
    circuit: Circuit
    writer: WriteBehind  # the answers' batched writes, after the response
    remember: Callable[[str, str, bytes], None]  # the process's recent answers (outcomes need them)
    recalled: Callable[[str, str], bytes | None]
    observer: CallObserver
    rate_key: Callable[[Principal], str | None]
    check_rate: Callable[[Principal, int | None], None]  # raises when the key is over its limit
    redis_timeout_s: float
    ttl_s: int
    audit_maxlen: int
    _digests: OrderedDict[tuple[str, str], bytes] = field(default_factory=OrderedDict)

    async def recommend(self, principal: Principal, call: CallEvent) -> bytes:
        """The answer's JSON; the stored one for a retry with the same facts."""
        j = principal.jurisdiction
        policy = self.policies(j)
        if policy is None:
            raise NoActivePolicy(j)
        now = datetime.now(policy.tz)  # in the jurisdiction's zone: hours and decided_at need no conversion
        rec_id = recommendation_id(j, call.incident_id, call.seq)
        digest = call_digest(call)
        if (given := self.recalled(j, rec_id)) is not None:  # a retry to this process
            self._same_facts(j, call, self._digests.get((j, rec_id)), digest)
            return given
        read = await self._read(principal, call, policy, rec_id, now) if self.circuit.closed else None
        if read is not None:
            self.check_rate(principal, read.rate_count)  # the count across replicas came with the read
            if read.stored is not None:
                self._same_facts(j, call, read.stored_digest, digest)
                return read.stored
        rec = self._decide(call, policy, read, now, rec_id)
        body = _encode(rec)
        self._keep_digest(j, rec_id, digest)
        self._queue_writes(j, policy, call, rec, body, digest, read)
        self.observer.recommended(j, policy, call, rec)
        return body

    async def _read(
        self, principal: Principal, call: CallEvent, policy: CompiledPolicy, rec_id: str, now: datetime
    ) -> CallRead | None:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.redis_timeout_s):
                read = await self.units.read_for_call(
                    principal.jurisdiction,
                    rec_id,
                    call.location.lon,
                    call.location.lat,
                    wide_searches(call, policy),
                    int(now.timestamp() * 1000),
                    policy.units_stale_after_s,
                    rate_key=self.rate_key(principal),
                    incident_id=call.incident_id,
                    with_coords=policy.coord_types,
                )
        except (RedisError, OSError, TimeoutError) as exc:
            self.observer.read_failed(exc)
            self.circuit.fail()
            return None
        self.observer.read(time.perf_counter() - started)
        self.circuit.succeed()
        return read

    def _decide(
        self, call: CallEvent, policy: CompiledPolicy, read: CallRead | None, now: datetime, rec_id: str
    ) -> Recommendation:
        try:
            p: Plan = plan(call, policy, now, learned=read.learned if read is not None else ())
            d = decide(p, read.availability, read.positions) if read is not None else decide(p, None)
            return to_recommendation(call, policy, p, d, now, rec_id)
        except Exception:
            log.exception("decision failed; answering the policy default")
            return last_resort(call, policy, now, rec_id)

    def _same_facts(self, j: str, call: CallEvent, stored: bytes | None, digest: bytes) -> None:
        if stored is None or stored == digest:
            return
        self.observer.conflict(j)
        note = msgspec.json.encode(
            {
                "incident_id": call.incident_id,
                "seq": call.seq,
                "detail": "a retry of this seq carried different facts; refused",
            }
        )
        buffer = CommandBuffer()
        add_event(buffer, j, "conflict", note)
        self.writer.submit(j, "conflict", int(time.time() * 1000), buffer)
        raise FactsChanged(call.incident_id, call.seq)

    def _keep_digest(self, j: str, rec_id: str, digest: bytes) -> None:
        self._digests[(j, rec_id)] = digest
        if len(self._digests) > _DIGESTS_KEPT:
            self._digests.popitem(last=False)

    def _queue_writes(
        self,
        j: str,
        policy: CompiledPolicy,
        call: CallEvent,
        rec: Recommendation,
        body: bytes,
        digest: bytes,
        read: CallRead | None,
    ) -> None:
        # Degraded answers too: the spool keeps them until Redis is back, so every answer is audited.
        self.remember(j, rec.recommendation_id, body)
        narrative = call.narrative if policy.document.audit.keep_narrative else None
        buffer = CommandBuffer()
        write_recommendation(
            buffer, j, rec, body, self.ttl_s, self.audit_maxlen, call=call, narrative=narrative
        )
        legible = not rec.answers or all(r.code != _UNREADABLE for r in rec.reasons)
        remember_call(buffer, j, call, rec, digest, read.learned_fields if read else (), legible, self.ttl_s)
        self.writer.submit(j, "recommendation", int(rec.decided_at.timestamp() * 1000), buffer)
