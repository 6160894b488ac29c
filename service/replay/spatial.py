"""Civilian units with places and travel times, for comparing how a unit is chosen (issue 21).

simulate.py counts free units per type (every unit at distance 0), which is right for "is a team
free" but cannot tell two free teams apart. Here each unit has a post, leaves it for a call, takes
the policy's ETA model to get there (turnout + straight line x road factor at an average speed) and
is back at its post when its service time ends (the time drawn includes the return). A call is
served when a unit reaches it within the response's max_eta_s; a call that cannot be served at
once may wait `wait_s` for a unit (first come, first served) and is served only if a unit is sent
before the wait ends and reaches it in time. Everything else counts as not served: the measure is
the share of ALL eligible calls, so moving losses from one reason to another does not score.

The choice itself is service/domain/coverage.py's `pick`, the function the live decision uses,
given what the live read would return: the free units within 3 reaches of the call
(SEARCH_REACHES), nearest first, at most `units_per_type` of them, with their positions.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from service.domain.coverage import SEARCH_REACHES, Demand, pick
from service.policy.compiled import CompiledResponse

__all__ = ["ChoiceOutcome", "Fleet", "simulate_choice"]

_R = 6_371_000.0


@dataclass
class Fleet:
    posts: list[tuple[float, float]]  # (lat, lon) per unit
    on: list[npt.NDArray[np.bool_]]  # per unit: on shift at each minute of the week


@dataclass
class ChoiceOutcome:
    strategy: str
    eligible: int
    served: int
    response_s: list[float] = field(default_factory=list)  # call to arrival, served calls
    held: int = 0
    held_served: int = 0
    kept_back: int = 0  # calls the reserve did not give the last unit to
    no_unit: int = 0  # no free unit could reach the call in time, and no wait allowed or it ran out
    choices: int = 0  # calls where more than one unit could go
    differs: int = 0  # of those, calls where the unit sent was not the closest

    @property
    def share(self) -> float:
        return self.served / self.eligible if self.eligible else 0.0

    def figures(self) -> dict[str, object]:
        times = np.array(self.response_s) / 60 if self.response_s else np.array([np.nan])
        return {
            "strategy": self.strategy,
            "eligible": self.eligible,
            "served": self.served,
            "served_share": round(self.share, 4),
            "response_min": {
                "p50": round(float(np.nanmedian(times)), 1),
                "p90": round(float(np.nanpercentile(times, 90)), 1),
            },
            "held": self.held,
            "held_served": self.held_served,
            "kept_back": self.kept_back,
            "not_served": self.eligible - self.served,
            "choices": self.choices,
            "not_closest": self.differs,
        }


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * _R * math.asin(math.sqrt(a))


def simulate_choice(
    lat: npt.NDArray[np.float64],
    lon: npt.NDArray[np.float64],
    ts: npt.NDArray[np.float64],
    mow: npt.NDArray[np.int32],
    rank_high: npt.NDArray[np.bool_],
    service_s: npt.NDArray[np.float64],
    fleet: Fleet,
    response: CompiledResponse,
    strategy: str,
    *,
    demand: Demand | None = None,
    busy_fraction: float = 0.3,
    reserve: bool = False,
    wait_s: float = 0.0,
    units_per_type: int = 5,
) -> ChoiceOutcome:
    """Eligible calls (sorted by time, with coordinates) through one choice strategy."""
    n_units = len(fleet.posts)
    busy_until = [0.0] * n_units
    releases: list[tuple[float, int]] = []
    waiting: deque[int] = deque()
    out = ChoiceOutcome(strategy, len(ts), 0)
    search_m = response.radius_m * SEARCH_REACHES

    def eta(u: int, i: int) -> float:
        return float(
            response.eta_s(_metres(fleet.posts[u][0], fleet.posts[u][1], float(lat[i]), float(lon[i])))
        )

    def send(u: int, i: int, at: float, travel: float) -> None:
        out.served += 1
        out.response_s.append(at - float(ts[i]) + travel)
        busy_until[u] = at + travel + float(service_s[i])
        heapq.heappush(releases, (busy_until[u], u))

    def on_shift(u: int, at_mow: int) -> bool:
        return bool(fleet.on[u][at_mow])

    def serve_waiting(at: float, u: int) -> None:
        at_mow = int(mow[waiting[0]]) if waiting else 0
        while waiting:
            i = waiting[0]
            if at - float(ts[i]) > wait_s:
                waiting.popleft()
                out.no_unit += 1
                continue
            at_mow = (int(mow[i]) + int((at - float(ts[i])) // 60)) % (7 * 1440)
            travel = eta(u, i)
            if not on_shift(u, at_mow) or travel > response.max_eta_s:
                return  # this unit cannot take the oldest call; it stays free for the next
            waiting.popleft()
            out.held_served += 1
            send(u, i, at, travel)
            return

    for i in range(len(ts)):
        t, m = float(ts[i]), int(mow[i])
        while releases and releases[0][0] <= t:
            at, u = heapq.heappop(releases)
            if busy_until[u] == at and waiting:
                serve_waiting(at, u)
        free = [u for u in range(n_units) if busy_until[u] <= t and on_shift(u, m)]
        near = sorted((_metres(*fleet.posts[u], float(lat[i]), float(lon[i])), u) for u in free)
        near = [(d, u) for d, u in near if d <= search_m][:units_per_type]
        got = pick(
            [d for d, _ in near], response.radius_m, strategy=strategy, reserve=reserve,
            rank_high=bool(rank_high[i]), positions=[fleet.posts[u] for _, u in near], demand=demand,
            busy_fraction=busy_fraction,
        )
        if got.unit is None:
            out.kept_back += got.kept
            if wait_s > 0:
                out.held += 1
                waiting.append(i)
            else:
                out.no_unit += 1
            continue
        distance, u = near[got.unit]
        if sum(d <= response.radius_m for d, _ in near) > 1:
            out.choices += 1
            out.differs += got.unit > 0
        send(u, i, t, float(response.eta_s(distance)))
    out.no_unit += len(waiting)
    return out
