"""Service areas: GeoJSON polygons compiled once into prepared geometries and a lookup grid.

shapely answers a single point-in-polygon test in about 7 µs (most of it the array call around
the test), and a plan asks once per response with an area. So each area also gets a grid over its
bounding box, each cell marked inside, outside or on the edge at compile time: a point in an inside
or outside cell is answered by one lookup, and only points in edge cells ask shapely. Cells are
marked with shapely's strict predicates (wholly in the interior; sharing no point at all) on a box
slightly larger than the cell, so the grid agrees with `shapely.contains_xy`, boundary points
included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

__all__ = ["Area", "area_shape", "compile_area"]

GRID = 64  # cells per side; an outline of a city leaves roughly one cell in ten on its edge
_OUT, _IN, _EDGE = 0, 1, 2
_MARGIN = 1e-8  # degrees


@dataclass(frozen=True, slots=True)
class Area:
    name: str
    geometry: BaseGeometry
    # Grid over the bounding box: origin, cells per degree, and one mark per cell, row by row.
    grid: tuple[float, float, float, float, bytes]

    def contains(self, lat: float, lon: float) -> bool:
        minx, miny, per_x, per_y, cells = self.grid
        x = (lon - minx) * per_x
        y = (lat - miny) * per_y
        if not (0 <= x < GRID and 0 <= y < GRID):
            return False  # outside the bounding box (also NaN and infinities, which compare false)
        mark = cells[int(y) * GRID + int(x)]
        if mark != _EDGE:
            return mark == _IN
        return bool(shapely.contains_xy(self.geometry, lon, lat))


_BLOCK = 8  # cells per side of a block: blocks wholly inside or outside mark their cells in one test


def _marks(geometry: BaseGeometry, x0: Any, y0: Any, w: float, h: float) -> Any:
    """Inside / outside / edge for each box (x0, y0, x0 + w, y0 + h), each a hair (about a
    millimetre) larger than its cell: a point that rounding puts in the neighbouring cell still lies
    in the box its mark was decided on."""
    boxes = shapely.box(x0 - _MARGIN, y0 - _MARGIN, x0 + w + _MARGIN, y0 + h + _MARGIN)
    inside = shapely.contains_properly(geometry, boxes)
    outside = shapely.disjoint(geometry, boxes)
    return np.where(inside, _IN, np.where(outside, _OUT, _EDGE)).astype(np.uint8)


def _grid(geometry: BaseGeometry) -> tuple[float, float, float, float, bytes]:
    minx, miny, maxx, maxy = geometry.bounds
    width, height = (maxx - minx) / GRID, (maxy - miny) / GRID
    # Blocks of 8 x 8 cells first: a block wholly inside (or outside) holds only cells that are, as
    # each cell's box lies in its block's. Only the blocks the outline crosses are marked cell by
    # cell: about half the shapely tests of marking all 4,096 cells (~12 ms an area at start-up).
    n = GRID // _BLOCK
    bcols, brows = np.meshgrid(np.arange(n), np.arange(n))
    blocks = _marks(geometry, minx + bcols.ravel() * width * _BLOCK, miny + brows.ravel() * height * _BLOCK,
                    width * _BLOCK, height * _BLOCK).reshape(n, n)
    marks = np.repeat(np.repeat(blocks, _BLOCK, axis=0), _BLOCK, axis=1)  # row-major: [row, col]
    rows, cols = np.nonzero(marks == _EDGE)
    if len(rows):
        marks[rows, cols] = _marks(geometry, minx + cols * width, miny + rows * height, width, height)
    return minx, miny, 1 / width, 1 / height, marks.astype(np.uint8).tobytes()


def area_shape(geojson: dict[str, Any]) -> BaseGeometry:
    """The area's geometry, checked; raises ValueError with a sentence a policy analyst can act on.
    Validation stops here: the grid (most of the cost) is built only when the policy compiles."""
    geometry = geojson.get("geometry") if geojson.get("type") == "Feature" else geojson
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValueError("an area is a GeoJSON Polygon or MultiPolygon (or a Feature holding one)")
    try:
        shaped = shape(geometry)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        raise ValueError(f"not valid GeoJSON coordinates: {exc}") from exc
    if shaped.is_empty or not shaped.is_valid:
        raise ValueError("the polygon is empty or self-intersecting")
    minx, miny, maxx, maxy = shaped.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ValueError("coordinates must be [longitude, latitude] in WGS84")
    return shaped


def compile_area(name: str, geojson: dict[str, Any]) -> Area:
    """Raises ValueError as area_shape does."""
    shaped = area_shape(geojson)
    shapely.prepare(shaped)
    return Area(name, shaped, _grid(shaped))
