"""A response's units when its policy sets a `choice` (coverage-aware choice, last-unit reserve).

`decide` calls `units_by_choice` for such a response instead of taking the nearest unit; the pick
itself is service/domain/coverage.py's `pick`, which the spatial replay calls too. The reasons say
why a farther unit went, or why the last free one was kept back, in words a dispatcher can check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from service.domain.coverage import pick
from service.domain.model import Reason, UnitOffer
from service.policy.compiled import CompiledResponse

__all__ = ["Positions", "units_by_choice"]

# unit id -> (lat, lon) of the free units the read returned with their coordinates
Positions = Mapping[str, tuple[float, float]]


def _minutes(seconds: int) -> str:
    return f"{seconds / 60:.0f} min"


def units_by_choice(
    response: CompiledResponse,
    availability: Mapping[str, Sequence[tuple[str, float]]],
    positions: Positions | None,
    priority: int | None,
) -> tuple[list[UnitOffer] | None, Reason | None]:
    """One unit per required type picked by the response's choice spec, and the reason to show
    when the pick was not the plain nearest unit (None when it was, or when no unit went)."""
    choice = response.choice
    assert choice is not None
    reserve = bool(choice.reserve_last_for)
    rank_high = priority is not None and priority in choice.reserve_last_for
    picked: list[UnitOffer] = []
    note: Reason | None = None
    for unit_type in response.unit_types:
        taken = {offer.unit_id for offer in picked}
        free = [(u, d) for u, d in availability.get(unit_type, ()) if u not in taken]
        ids = [u for u, _ in free]
        distances = [d for _, d in free]
        spots = None
        if response.demand is not None and positions is not None and all(u in positions for u in ids):
            spots = [positions[u] for u in ids]
        got = pick(
            distances, response.radius_m, strategy=choice.strategy, reserve=reserve, rank_high=rank_high,
            positions=spots, demand=response.demand, busy_fraction=choice.busy_fraction,
        )
        if got.unit is None:
            if got.kept:
                given = f"priority {priority}" if priority is not None else "without a priority"
                kept_for = ", ".join(str(p) for p in choice.reserve_last_for)
                note = Reason(
                    f"reserve.{response.name}",
                    f"{response.label}: {ids[0]} is the last free {unit_type} near this call; the policy "
                    f"keeps it for priority {kept_for} calls (cutoff priority) and this call is {given}",
                )
            return None, note
        unit_id, distance = free[got.unit]
        offer = UnitOffer(unit_id, unit_type, response.category, response.eta_s(distance), int(distance))
        picked.append(offer)
        if got.unit and got.loss is not None:
            nearest_eta = response.eta_s(distances[0])
            note = Reason(
                f"coverage.{response.name}",
                f"{response.label}: {unit_id} ({_minutes(offer.eta_s)}) sent rather than the nearest "
                f"{ids[0]} ({_minutes(nearest_eta)}): sending {ids[0]} would leave more of the area's "
                f"past calls out of reach ({got.loss[0]:.1f} against {got.loss[got.unit]:.1f} expected "
                "calls, marginal coverage)",
            )
    return picked, note
