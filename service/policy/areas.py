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


def _grid(geometry: BaseGeometry) -> tuple[float, float, float, float, bytes]:
    minx, miny, maxx, maxy = geometry.bounds
    width, height = (maxx - minx) / GRID, (maxy - miny) / GRID
    cols, rows = np.meshgrid(np.arange(GRID), np.arange(GRID))  # row-major: index j * GRID + i
    x0, y0 = minx + cols.ravel() * width, miny + rows.ravel() * height
    # Each box a hair (about a millimetre) larger than its cell: a point that rounding puts in the
    # neighbouring cell still lies in the box its mark was decided on.
    boxes = shapely.box(x0 - _MARGIN, y0 - _MARGIN, x0 + width + _MARGIN, y0 + height + _MARGIN)
    inside = shapely.contains_properly(geometry, boxes)
    outside = shapely.disjoint(geometry, boxes)
    marks = np.where(inside, _IN, np.where(outside, _OUT, _EDGE)).astype(np.uint8)
    return minx, miny, 1 / width, 1 / height, marks.tobytes()


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
