"""Service areas: GeoJSON polygons compiled once into prepared geometries.

A point-in-polygon test on a prepared shapely geometry costs about a microsecond, so checking
whether a call lies inside a team's area fits the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

__all__ = ["Area", "compile_area"]


@dataclass(frozen=True, slots=True)
class Area:
    name: str
    geometry: BaseGeometry

    def contains(self, lat: float, lon: float) -> bool:
        return bool(shapely.contains_xy(self.geometry, lon, lat))


def compile_area(name: str, geojson: dict[str, Any]) -> Area:
    """Raises ValueError with a sentence a policy analyst can act on."""
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
    shapely.prepare(shaped)
    return Area(name, shaped)
