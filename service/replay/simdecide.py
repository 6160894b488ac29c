"""The simulation's questions to the decision core: which response a call gets given the free units.

`decide` (service/domain/decision.py) is asked with the free on-shift units as availability, every
unit at distance 0; its answers are memoised by (plan, free units per type capped at what the
plan's responses can tell apart, may hold), which is all `decide` reads then. Used by
service/replay/simulate.py's event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import msgspec

from service.domain.decision import decide
from service.policy.compiled import CompiledResponse
from service.replay.classify import Classification

__all__ = ["Decider", "unit_need"]


def unit_need(responses: tuple[CompiledResponse, ...], reserve: bool = True) -> dict[str, int]:
    """Free units per type that `decide` can tell apart: what a response takes, plus one when the
    policy keeps the last unit back (its reserve sees "one free" and "more than one")."""
    need: dict[str, int] = {}
    for response in responses:
        spare = 1 if reserve and response.choice is not None and response.choice.reserve_last_for else 0
        for unit_type in set(response.unit_types):
            need[unit_type] = max(need.get(unit_type, 0), response.unit_types.count(unit_type) + spare)
    return need


class Decider:
    def __init__(
        self,
        result: Classification,
        groups: Mapping[str, Sequence[Any]],
        free: Callable[[str, int], int],
        hold_minutes: float | None,
    ) -> None:
        self.result = result
        self.names = result.names
        self.index = {name: i for i, name in enumerate(self.names)}
        self.free = free
        self.hold_minutes = hold_minutes
        self.memo: dict[tuple[int, tuple[int, ...], bool], tuple[int, bool, float]] = {}
        # Per plan: the simulated unit types its candidates need, and how many of each.
        self.plan_types: list[tuple[tuple[str, int], ...] | None] = []
        for p in result.plans:
            need = unit_need(p.candidates)
            sim = tuple((t, need[t]) for t in sorted(need) if t in groups)
            self.plan_types.append(sim or None)

    def decide(self, pid: int, mow: int, may_hold: bool = True) -> tuple[int, bool, float]:
        """(response index, no unit anywhere, seconds the policy says to queue for it or 0) from
        the core's decide, memoised; `may_hold=False` asks for the answer once a hold has expired."""
        types = self.plan_types[pid] or ()
        pattern = tuple(min(self.free(t, mow), need) for t, need in types)
        key = (pid, pattern, may_hold)
        hit = self.memo.get(key)
        if hit is None:
            p = self.result.plans[pid]
            if not may_hold and p.priority is not None:
                p = msgspec.structs.replace(p, priority=None)  # the core holds only for a prioritised call
            free = dict(zip((t for t, _ in types), pattern, strict=True))
            need = unit_need(p.candidates)
            availability = {t: [(f"{t}-{k}", 0.0) for k in range(free.get(t, n))] for t, n in need.items()}
            d = decide(p, availability)
            queued = getattr(d, "queued_for", None)
            none = bool(d.response.unit_types) and not d.units and queued is None
            hit = (self.index[d.response.name], none, float(queued.max_wait_s) if queued is not None else 0.0)
            self.memo[key] = hit
        return hit

    def hold_for(self, pid: int, first: int, policy_wait: float) -> float:
        """Seconds a call may wait for its preferred team: the policy's hold (the scenario's
        hold_minutes replaces its length), else the scenario's hold_minutes for a civilian team
        the policy sets no hold for; 0 for no waiting."""
        if policy_wait:
            return self.hold_minutes * 60.0 if self.hold_minutes is not None else policy_wait
        preferred = self.result.plans[pid].candidates[0]
        if self.names[first] != preferred.name or getattr(preferred, "hold", None) is not None:
            return 0.0
        return (self.hold_minutes or 0.0) * 60.0 if preferred.civilian and preferred.unit_types else 0.0
