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

`pick` is the one implementation: the live decision (service/domain/decision.py) and the spatial
replay (service/replay/spatial.py) both call it with the free units of the search, nearest first.

Which units count. A cell that a reachable unit covers lies within 2 reaches of the call, and any
unit covering that cell within 3: so the free units within 3 x the reach (SEARCH_REACHES) are all
the units the losses of the reachable ones depend on. The live read searches that far for a
response with a choice spec; "the last free unit" is the only free one found there, i.e. no other
unit of the type could take this neighbourhood's next call.

Speed: a unit's covered cells are a 0/1 row over the demand cells, kept per position snapped to
~110 m (far below the ETA model's own error); the losses of a set of free units are kept per set
of snapped positions (units parked at posts repeat from call to call), and a new set costs a few
numpy calls (Demand.losses). Figures: docs/performance.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = ["SEARCH_REACHES", "Demand", "Picked", "choose", "coverage_loss", "keep_last", "pick"]

_M_PER_DEG = 111_320.0
# Unit positions are snapped to this many degrees (~110 m north-south) for the caches: an error of
# at most ~70 m on where a unit is, against reaches of kilometres and an ETA model that is coarser.
_SNAP_DEG = 0.001
_CACHE_MAX = 50_000  # loss results kept (a few hundred bytes each)
_ROWS_BYTES = 16 << 20  # cover rows kept: at most 16 MB per demand grid
SEARCH_REACHES = 3.0


class Demand:
    """Demand cells (lat, lon, weight), compiled once per policy."""

    def __init__(self, cells: Iterable[tuple[float, float, float]]) -> None:
        rows = np.array(list(cells), dtype=np.float64).reshape(-1, 3)
        self.lat, self.lon, self.weight = rows[:, 0], rows[:, 1], rows[:, 2]
        mid = float(self.lat.mean()) if len(rows) else 0.0
        # Equirectangular metres: within a city the error is far below the ETA model's own.
        self._kx = _M_PER_DEG * math.cos(math.radians(mid))
        # Cover rows (0.0/1.0 over the cells) per (reach, snapped position): ids into one table, so
        # the rows of n units come out with one fancy index rather than an np.stack of n arrays.
        self._ids: dict[tuple[float, int, int], int] = {}
        self._table = np.zeros((16, len(self.weight)))
        # Losses per (reach, q, snapped positions): parked and posted units repeat between calls.
        self._losses: dict[tuple[float, float, tuple[tuple[int, int], ...]], list[float]] = {}
        # Per (number of units, q): K[u, b] = (1 - q) q^(|b| - 1) when unit u is in the subset b.
        self._k: dict[tuple[int, float], npt.NDArray[np.float64]] = {}

    def __len__(self) -> int:
        return len(self.weight)

    def covered(self, lat: float, lon: float, radius_m: float) -> npt.NDArray[np.bool_]:
        dx = (self.lon - lon) * self._kx
        dy = (self.lat - lat) * _M_PER_DEG
        return np.asarray(dx * dx + dy * dy <= radius_m * radius_m)

    def row(self, lat: float, lon: float, radius_m: float) -> npt.NDArray[np.float64]:
        """The cells covered from (lat, lon) snapped to the cache grid, as 0.0/1.0 (cached)."""
        self._make_room(1)
        at = self._row_id(radius_m, (round(lat / _SNAP_DEG), round(lon / _SNAP_DEG)))
        row: npt.NDArray[np.float64] = self._table[at]
        return row

    def _make_room(self, n: int) -> None:
        """Forget every cached row when n more might not fit (moving units: rebuilt as met). Done
        before a call's ids are taken, so the ids of one call never straddle a reset."""
        if len(self._ids) + n > max(64, _ROWS_BYTES // (8 * max(1, len(self.weight)))):
            self._ids.clear()

    def _row_id(self, radius_m: float, snapped: tuple[int, int]) -> int:
        key = (radius_m, *snapped)
        got = self._ids.get(key)
        if got is None:
            got = len(self._ids)
            if got == len(self._table):
                self._table = np.concatenate([self._table, np.zeros_like(self._table)])
            self._table[got] = self.covered(snapped[0] * _SNAP_DEG, snapped[1] * _SNAP_DEG, radius_m)
            self._ids[key] = got
        return got

    def losses(self, free: Sequence[tuple[float, float]], radius_m: float, q: float) -> list[float]:
        """Per free unit (lat, lon): the expected covered demand lost if it leaves (MEXCLP).

        Cells are grouped by the subset of units covering them (one matrix product gives each
        cell its subset's bit pattern, one bincount the demand per subset), so the work over the
        cells is two numpy calls whatever n; the loss of each unit is then a sum over the 2^n
        subsets holding it, weighted (1 - q) q^(|subset| - 1)."""
        snapped = tuple((round(lat / _SNAP_DEG), round(lon / _SNAP_DEG)) for lat, lon in free)
        key = (radius_m, q, snapped)
        got = self._losses.get(key)
        if got is not None:
            return got
        n = len(free)
        self._make_room(n)
        ids = [self._row_id(radius_m, s) for s in snapped]  # first: it may grow the table
        cover = self._table[ids]
        if n > _MAX_EXACT:  # never on the live path (the read returns a handful): plain sums
            k = cover.sum(axis=0)
            lost = cover @ (self.weight * (1.0 - q) * np.power(q, np.maximum(k - 1, 0)))
        else:
            bits = _BITS[:n] @ cover
            per_subset = np.bincount(bits.astype(np.intp), weights=self.weight, minlength=1 << n)
            lost = self._coefficients(n, q) @ per_subset
        result: list[float] = lost.tolist()
        if len(self._losses) >= _CACHE_MAX:
            self._losses.clear()
        self._losses[key] = result
        return result

    def _coefficients(self, n: int, q: float) -> npt.NDArray[np.float64]:
        got = self._k.get((n, q))
        if got is None:
            subsets = np.arange(1 << n)
            member = (subsets[None, :] >> np.arange(n)[:, None]) & 1
            size = member.sum(axis=0)
            got = member * (1.0 - q) * np.power(q, np.maximum(size - 1, 0))
            self._k[(n, q)] = got
        return got


_MAX_EXACT = 8
_BITS = np.array([float(1 << u) for u in range(_MAX_EXACT)])


def coverage_loss(
    demand: Demand, free: Sequence[tuple[float, float]], radius_m: float, busy_fraction: float
) -> npt.NDArray[np.float64]:
    """Per free unit (lat, lon): the expected covered demand lost if it leaves."""
    if not free or not len(demand):
        return np.zeros(len(free))
    return np.array(demand.losses(free, radius_m, busy_fraction))


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


class Picked(NamedTuple):
    """`unit`: index into the free units, or None: none reached the call, or `kept` by the reserve.
    `loss` per free unit when coverage weighed a choice (None when it had none to make)."""

    unit: int | None
    kept: bool = False
    loss: tuple[float, ...] | None = None


_NONE = Picked(None)


def pick(
    distances: Sequence[float],
    reach_m: float,
    *,
    strategy: str = "closest",
    reserve: bool = False,
    rank_high: bool = False,
    positions: Sequence[tuple[float, float]] | None = None,
    demand: Demand | None = None,
    busy_fraction: float = 0.3,
) -> Picked:
    """The unit to send among the free units of the search (`distances` in metres, nearest first;
    `positions` (lat, lon) in the same order for a coverage choice)."""
    reachable = 0
    for distance in distances:
        if distance > reach_m:
            break
        reachable += 1
    if not reachable:
        return _NONE
    if keep_last(len(distances), rank_high, reserve):
        return Picked(None, True)
    if reachable == 1 or strategy != "coverage" or demand is None or positions is None:
        return Picked(0)
    loss = demand.losses(positions, reach_m, busy_fraction) if len(demand) else [0.0] * len(positions)
    best = 0  # nearest first: a farther unit goes only when it loses strictly less (1e-9: float noise)
    for i in range(1, reachable):
        if loss[i] < loss[best] - 1e-9:
            best = i
    return Picked(best, False, tuple(loss))
