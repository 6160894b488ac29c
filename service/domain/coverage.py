"""Which free unit to send when more than one reaches the call in time (issue 21).

closest: the nearest unit (what `decide` does without a choice spec).
coverage: MEXCLP's marginal coverage (Daskin 1983). A demand cell covered by k free units is
    answered in time with probability 1 - q^k (q: the chance a unit is busy); sending unit u takes
    it out of every cell it covers, so the expected demand lost is
        loss(u) = sum over cells j covered by u of  w_j * (1 - q) * q^(k_j - 1)
    and the unit with the smallest loss goes (ties: the nearest). A unit alone in a busy part of
    town loses the most, so a unit from where others overlap is sent instead.
reserve: the cutoff-priority policy (Sacks, Larson & Schaack 1993): the last free unit is kept for
    the calls a program ranks highest; a lower-ranked call waits or falls back.

Pure and small: numpy over the demand cells (a few hundred) and the free units (a handful).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["Demand", "choose", "coverage_loss", "keep_last"]

_M_PER_DEG = 111_320.0


class Demand:
    """Demand cells (lat, lon, weight), compiled once per policy."""

    def __init__(self, cells: Iterable[tuple[float, float, float]]) -> None:
        rows = np.array(list(cells), dtype=np.float64).reshape(-1, 3)
        self.lat, self.lon, self.weight = rows[:, 0], rows[:, 1], rows[:, 2]
        mid = float(self.lat.mean()) if len(rows) else 0.0
        # Equirectangular metres: within a city the error is far below the ETA model's own.
        self._kx = _M_PER_DEG * math.cos(math.radians(mid))

    def __len__(self) -> int:
        return len(self.weight)

    def covered(self, lat: float, lon: float, radius_m: float) -> npt.NDArray[np.bool_]:
        dx = (self.lon - lon) * self._kx
        dy = (self.lat - lat) * _M_PER_DEG
        return np.asarray(dx * dx + dy * dy <= radius_m * radius_m)


def coverage_loss(
    demand: Demand, free: Sequence[tuple[float, float]], radius_m: float, busy_fraction: float
) -> npt.NDArray[np.float64]:
    """Per free unit (lat, lon): the expected covered demand lost if it leaves."""
    if not free or not len(demand):
        return np.zeros(len(free))
    cover = np.stack([demand.covered(lat, lon, radius_m) for lat, lon in free])
    k = cover.sum(axis=0)
    q = busy_fraction
    marginal = demand.weight * (1.0 - q) * np.power(q, np.maximum(k - 1, 0))
    return np.asarray(cover.astype(np.float64) @ marginal)


def choose(
    reachable: Sequence[int],
    eta_s: Sequence[float],
    strategy: str,
    loss: Sequence[float] | None = None,
) -> int:
    """Index (into the free units) of the unit to send among `reachable`; closest when no loss."""
    if strategy == "coverage" and loss is not None:
        return min(reachable, key=lambda i: (round(float(loss[i]), 9), eta_s[i]))
    return min(reachable, key=lambda i: eta_s[i])


def keep_last(free_units: int, rank_high: bool, reserve: bool) -> bool:
    """True when the call must not take the last free unit: it is kept for a higher-ranked call."""
    return reserve and free_units <= 1 and not rank_high
