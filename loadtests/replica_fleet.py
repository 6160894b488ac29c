"""The replica prototype's unit index (loadtests/replica.py): one jurisdiction's units in memory,
the available ones in a grid per unit type, answering "nearest N within a radius" as call_read.lua's
GEOSEARCH does: positions rounded as a GEO set stores them, distances by Redis' formula."""

from __future__ import annotations

import functools
import math

__all__ = ["Fleet", "redis_position"]

_CELL = 0.005  # grid cell in degrees: ~550 m of latitude, ~430 m of longitude at 40° N
_ROW = 1 << 20  # cell key = row * _ROW + column: one int hashes faster than a tuple
_LAT_MIN, _LAT_MAX, _LON_MIN, _LON_MAX = -85.05112878, 85.05112878, -180.0, 180.0  # Redis' GEO range
_STEPS = float(1 << 26)  # geohash bits per axis in a GEO set
_R = 6372797.560856  # Redis' earth radius (geohash_helper.c)
_D_R = math.pi / 180.0


def redis_position(lat: float, lon: float) -> tuple[float, float]:
    """Where a GEO set keeps (lat, lon): the centre of its 26-bit-per-axis geohash cell."""
    ilat = int((lat - _LAT_MIN) / (_LAT_MAX - _LAT_MIN) * _STEPS)  # same operations, same rounding
    ilon = int((lon - _LON_MIN) / (_LON_MAX - _LON_MIN) * _STEPS)
    lat_scale, lon_scale = _LAT_MAX - _LAT_MIN, _LON_MAX - _LON_MIN
    qlat = ((_LAT_MIN + ilat / _STEPS * lat_scale) + (_LAT_MIN + (ilat + 1) / _STEPS * lat_scale)) / 2
    qlon = ((_LON_MIN + ilon / _STEPS * lon_scale) + (_LON_MIN + (ilon + 1) / _STEPS * lon_scale)) / 2
    return min(max(qlat, _LAT_MIN), _LAT_MAX), min(max(qlon, _LON_MIN), _LON_MAX)


class Fleet:
    """One jurisdiction's units; the available ones with a position in a grid per unit type."""

    def __init__(self) -> None:
        self.units: dict[str, tuple[str, int, int | None]] = {}  # id -> type, ms, grid cell
        # type -> cell -> id -> (ms, lat, lon in radians of the quantised position, cos(lat))
        self.grids: dict[str, dict[int, dict[str, tuple[int, float, float, float]]]] = {}
        self.extent: dict[str, list[int]] = {}  # per type: cell rows/cols ever used (only grows)
        self.count: dict[str, int] = {}  # per type: units in the grid

    def apply(self, uid: str, utype: str, available: bool, ms: int, lat: bytes, lon: bytes) -> None:
        if (old := self.units.get(uid)) is not None:
            if ms < old[1]:
                return  # a replayed report the snapshot had already superseded
            self._drop(uid, *old)
        cell = None
        if available and lat:  # unit_update.lua's GEOADD condition
            qlat, qlon = redis_position(float(lat), float(lon))
            i, j = math.floor(qlat / _CELL), math.floor(qlon / _CELL)
            cell = i * _ROW + j
            self.grids.setdefault(utype, {}).setdefault(cell, {})[uid] = (
                ms, qlat * _D_R, qlon * _D_R, math.cos(qlat * _D_R))
            self.count[utype] = self.count.get(utype, 0) + 1
            e = self.extent.setdefault(utype, [i, i, j, j])
            e[:] = min(e[0], i), max(e[1], i), min(e[2], j), max(e[3], j)
        self.units[uid] = (utype, ms, cell)

    def _drop(self, uid: str, utype: str, ms: int, cell: int | None) -> None:
        if cell is not None:
            cells = self.grids[utype]
            del cells[cell][uid]
            if not cells[cell]:
                del cells[cell]
            self.count[utype] -= 1
            self.units[uid] = (utype, ms, None)

    def evict(self, before_ms: int) -> None:
        """Take long-silent units out of the grid (reads filter them anyway; this keeps searches short)."""
        for uid, (utype, ms, cell) in list(self.units.items()):
            if ms < before_ms:
                self._drop(uid, utype, ms, cell)

    def nearest(self, utype: str, lat: float, lon: float, want: int, limit: float,
                since_ms: int) -> list[tuple[str, float]]:
        """Up to `want` units reported at or after since_ms within `limit` m, nearest first, with
        distances as GEOSEARCH WITHDIST gives them; by rings of cells until nothing outside can be nearer."""
        cells = self.grids.get(utype)
        if not cells:
            return []
        clat, clon = lat * _D_R, lon * _D_R
        ccos, sin, asin, sqrt = math.cos(clat), math.sin, math.asin, math.sqrt
        found: list[tuple[float, str]] = []
        add = found.append
        lo_i, hi_i, lo_j, hi_j = self.extent[utype]
        whole, ci, cj, k = False, math.floor(lat / _CELL), math.floor(lon / _CELL), 0
        reach = limit / _R * 1.000001  # skip, by latitude alone, units that cannot be in (or make) the cut
        while True:
            if not whole and (2 * k + 1) ** 2 > len(cells):
                found.clear()  # the walk would now cost more than a scan of every occupied cell
                whole = True
            base = ci * _ROW + cj
            for cell in cells if whole else [base + d for d in _ring(k)]:
                for uid, (ms, ulat, ulon, ucos) in cells.get(cell, _EMPTY).items():
                    if ms >= since_ms and -reach <= ulat - clat <= reach:
                        # Redis' haversine, operation for operation (geohashGetDistance).
                        v = sin((ulon - clon) / 2)
                        if v == 0.0:  # its shortcut on one meridian
                            d = _R * abs(ulat - clat)
                        else:
                            w = sin((ulat - clat) / 2)
                            d = 2.0 * _R * asin(sqrt(w * w + ccos * ucos * v * v))
                        if d <= limit:
                            add((d, uid))
            if whole:
                break
            # Nearest point outside the square of rings 0..k: across a parallel (the latitude
            # difference) or across a meridian (distance to that great circle); a cm of slack.
            dlat = min(lat - (ci - k) * _CELL, (ci + k + 1) * _CELL - lat) * _D_R * _R
            dlon = min(lon - (cj - k) * _CELL, (cj + k + 1) * _CELL - lon) * _D_R
            covered = min(dlat, _R * asin(min(1.0, ccos * sin(dlon)))) - 0.01
            if len(found) >= want:
                nth = sorted(found)[want - 1][0]
                if nth <= covered:
                    break
                reach = min(reach, nth / _R * 1.000001)
            if covered >= limit:
                break
            if ci - k <= lo_i and ci + k >= hi_i and cj - k <= lo_j and cj + k >= hi_j:
                break  # every cell ever used has been scanned
            k += 1
        found.sort()
        return [(uid, float(f"{d:.4f}")) for d, uid in found[:want]]  # WITHDIST prints %.4f


_EMPTY: dict[str, tuple[int, float, float, float]] = {}


@functools.cache
def _ring(k: int) -> list[int]:
    """Offsets of the cells at Chebyshev distance k (a cell is row * _ROW + column)."""
    if k == 0:
        return [0]
    return [*(i * _ROW + j for i in (-k, k) for j in range(-k, k + 1)),
            *(i * _ROW + j for j in (-k, k) for i in range(1 - k, k))]
