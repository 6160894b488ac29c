"""Dry run: how would a candidate policy change the answers to a set of calls?

Both policies see the same calls with unlimited units, so the comparison shows what the policy
text changes (call types, disqualifiers, hours), not what today's roster happens to allow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

import msgspec

from service.domain.decision import plan
from service.domain.model import CallEvent
from service.policy.compile import CompiledPolicy

__all__ = ["DryRunChange", "DryRunReport", "compare", "preferred"]

_EXAMPLES = 20


class DryRunChange(msgspec.Struct):
    incident_id: str
    call_type: str
    active: str
    candidate: str


class DryRunReport(msgspec.Struct):
    calls: int
    changed: int
    active_version: str
    candidate_version: str
    active_responses: dict[str, int]
    candidate_responses: dict[str, int]
    transitions: dict[str, int]
    examples: list[DryRunChange]


def preferred(call: CallEvent, policy: CompiledPolicy, when: datetime) -> str:
    """The response the policy prefers when every team has a unit free."""
    return plan(call, policy, when).candidates[0].name


def compare(
    calls: Iterable[CallEvent], active: CompiledPolicy, candidate: CompiledPolicy, now: datetime | None = None
) -> DryRunReport:
    default_time = now or datetime.now(UTC)
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    transitions: Counter[str] = Counter()
    examples: list[DryRunChange] = []
    total = changed = 0
    for call in calls:
        when = call.received_at or default_time
        old, new = preferred(call, active, when), preferred(call, candidate, when)
        total += 1
        before[old] += 1
        after[new] += 1
        if old != new:
            changed += 1
            transitions[f"{old} -> {new}"] += 1
            if len(examples) < _EXAMPLES:
                examples.append(DryRunChange(call.incident_id, call.call_type, old, new))
    return DryRunReport(
        total,
        changed,
        active.version,
        candidate.version,
        dict(before),
        dict(after),
        dict(transitions.most_common()),
        examples,
    )
