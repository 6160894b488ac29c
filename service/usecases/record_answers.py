"""A dispatcher records screening answers the CAD could not send; the incident is re-decided.

The re-decision is a server-side revision of the incident's latest event: it gets its own
recommendation id and `revision` number, never the CAD's next `seq`, so the CAD's own numbering
stays intact and its later events are merged with the answers (they are learned answers of the
incident, service/state/incidents.py). A "no" over a recorded "yes" needs `correction: true` and
a note; the correction, like every answer, goes to the audit with who gave it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from redis.asyncio import Redis

from service.domain.decision import decide, plan, to_recommendation, wide_searches
from service.domain.model import MAX_NOTE, Answer, Recommendation, Screening
from service.policy.compile import CompiledPolicy
from service.state import keyspace
from service.state.apikeys import Principal
from service.state.audit import entry_fields
from service.state.incidents import UNREADABLE_MARK, correct_answers, load_incident, remember_call
from service.state.recommendations import recommendation_id, write_recommendation
from service.state.store import UnitStore
from service.usecases.refusals import AnswerConflict, NoActivePolicy, Refused, UnknownIncident

__all__ = ["AnswerDesk", "AnswersRequest", "IncidentView"]

_encode = msgspec.json.Encoder().encode
QuestionName = Literal[
    "weapon",
    "violence",
    "crime_in_progress",
    "medical",
    "injury",
    "suicidal",
    "suicidal_means",
    "intoxication",
]


class AnswersRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Answers the dispatcher heard, e.g. {"answers": {"weapon": false, "violence": false}}."""

    answers: Annotated[dict[QuestionName, bool], msgspec.Meta(min_length=1)]
    # Required to turn a recorded "yes" into "no"; audited with `note`.
    correction: bool = False
    note: Annotated[str, msgspec.Meta(max_length=MAX_NOTE)] = ""


class IncidentView(msgspec.Struct):
    incident_id: str
    seq: int
    revision: int
    answers: list[Answer]
    recommendation: msgspec.Raw | None = None


class _NeedsNote(Refused):
    status = 422
    title = "Invalid request body"


@dataclass
class AnswerDesk:
    redis: Redis
    units: UnitStore
    policies: Callable[[str], CompiledPolicy | None]
    remember: Callable[[str, str, bytes], None]
    recommended: Callable[[str, Recommendation], None]
    ttl_s: int
    audit_maxlen: int

    async def record(self, principal: Principal, incident_id: str, req: AnswersRequest) -> bytes:
        j = principal.jurisdiction
        policy = self.policies(j)
        if policy is None:
            raise NoActivePolicy(j)
        state = await load_incident(self.redis, j, incident_id)
        if state.call is None:
            raise UnknownIncident(incident_id)
        over_yes = sorted(q for q, v in req.answers.items() if not v and f"{q}:yes" in state.learned_fields)
        if over_yes and not req.correction:
            raise AnswerConflict(
                f"{', '.join(over_yes)} recorded yes for this incident; to change it to no send "
                '"correction": true with a note saying why (audited)'
            )
        if req.correction and not req.note.strip():
            raise _NeedsNote("a correction needs a note saying why (it is audited)")
        by = f"dispatcher key {principal.key_id}" + (f" ({principal.label})" if principal.label else "")
        given = [Answer(q, v, "dispatcher", by) for q, v in req.answers.items()]
        await correct_answers(self.redis, j, incident_id, given, over_yes, self.ttl_s)
        now = datetime.now(policy.tz)
        # The event's own answers are learned answers of the incident already; taken out here so that
        # a correction is not undone by the event it corrects (the call type still implies its own).
        call = msgspec.structs.replace(state.call, screening=Screening(), determinant=None)
        revision = state.revision + 1
        rec_id = recommendation_id(j, incident_id, call.seq, revision)
        read = await self.units.read_for_call(
            j,
            rec_id,
            call.location.lon,
            call.location.lat,
            wide_searches(call, policy),
            int(now.timestamp() * 1000),
            policy.units_stale_after_s,
            incident_id=incident_id,
            with_coords=policy.coord_types,
        )
        p = plan(call, policy, now, learned=read.learned)
        d = decide(p, read.availability, read.positions)
        rec = to_recommendation(call, policy, p, d, now, rec_id, revision)
        body = _encode(rec)
        record = {
            "incident_id": incident_id,
            "seq": call.seq,
            "revision": revision,
            "by": by,
            "answers": req.answers,
            "corrected": over_yes,
            "note": req.note,
        }
        fields: dict[Any, Any] = entry_fields("answers", rec_id, int(time.time() * 1000), _encode(record))
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.xadd(keyspace.audit(j), fields, maxlen=self.audit_maxlen, approximate=True)
            shown = msgspec.structs.replace(call, narrative="")  # the console shows the CAD's own narrative
            write_recommendation(pipe, j, rec, body, self.ttl_s, self.audit_maxlen, call=shown)
            remember_call(
                pipe, j, call, rec, None, read.learned_fields, call.narrative != UNREADABLE_MARK, self.ttl_s
            )
            await pipe.execute()
        self.remember(j, rec_id, body)
        self.recommended(j, rec)
        return body

    async def view(self, principal: Principal, incident_id: str) -> IncidentView:
        j = principal.jurisdiction
        state = await load_incident(self.redis, j, incident_id)
        if state.call is None:
            raise UnknownIncident(incident_id)
        stored = None
        if state.latest_recommendation is not None:
            stored = await self.redis.get(keyspace.recommendation(j, state.latest_recommendation))
        return IncidentView(
            incident_id,
            state.call.seq,
            state.revision,
            state.learned,
            msgspec.Raw(stored) if stored else None,
        )
