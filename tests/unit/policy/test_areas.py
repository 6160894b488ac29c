"""Area.contains (a grid lookup, shapely only near the edge) answers exactly as shapely does."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest
import shapely
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from service.policy.areas import GRID, Area, compile_area
from tests.support.properties import examples

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = {
    f"{path.stem}/{name}": compile_area(name, geojson)
    for path in sorted((ROOT / "deploy" / "policies").glob("*.yaml"))
    for name, geojson in (yaml.safe_load(path.read_text()).get("areas") or {}).items()
}


def _polygon(*rings: list[tuple[float, float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [[list(p) for p in ring] for ring in rings]}


SHAPES = {
    "square with a hole": compile_area("holed", _polygon(
        [(-105.0, 39.6), (-104.8, 39.6), (-104.8, 39.8), (-105.0, 39.8), (-105.0, 39.6)],
        [(-104.95, 39.65), (-104.85, 39.65), (-104.85, 39.75), (-104.95, 39.75), (-104.95, 39.65)],
    )),
    "two islands": compile_area("islands", {"type": "MultiPolygon", "coordinates": [
        [[[-122.5, 37.7], [-122.45, 37.7], [-122.45, 37.75], [-122.5, 37.7]]],
        [[[-122.4, 37.78], [-122.35, 37.78], [-122.35, 37.8], [-122.4, 37.8], [-122.4, 37.78]]],
    ]}),
    "sliver": compile_area("sliver", _polygon(
        [(-93.3, 44.9), (-93.2, 44.9001), (-93.2, 44.9002), (-93.3, 44.9), (-93.3, 44.9)]
    )),
}
AREAS = {**EXAMPLES, **SHAPES}


def _shapely(area: Area, lat: float, lon: float) -> bool:
    return bool(shapely.contains_xy(area.geometry, lon, lat))


def _special_points(area: Area) -> list[tuple[float, float]]:
    """Vertices, edge midpoints, and the corners of every grid cell: where rounding could bite."""
    points: list[tuple[float, float]] = []
    for ring in shapely.get_rings(shapely.get_parts(area.geometry)):
        coords = list(ring.coords)
        points += [(y, x) for x, y in coords]
        points += [((y1 + y2) / 2, (x1 + x2) / 2) for (x1, y1), (x2, y2) in itertools.pairwise(coords)]
    minx, miny, maxx, maxy = area.geometry.bounds
    for i in range(GRID + 1):
        for j in range(0, GRID + 1, 4):
            points.append((miny + (maxy - miny) * j / GRID, minx + (maxx - minx) * i / GRID))
    return points


def test_the_examples_have_areas() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("name", sorted(AREAS))
def test_grid_agrees_with_shapely(name: str) -> None:
    area = AREAS[name]
    minx, miny, maxx, maxy = area.geometry.bounds
    rng = random.Random(name)
    dx, dy = (maxx - minx) * 0.1, (maxy - miny) * 0.1
    points = [(rng.uniform(miny - dy, maxy + dy), rng.uniform(minx - dx, maxx + dx)) for _ in range(5000)]
    points += _special_points(area)
    wrong = [(lat, lon) for lat, lon in points if area.contains(lat, lon) != _shapely(area, lat, lon)]
    assert wrong == []
    inside = sum(area.contains(lat, lon) for lat, lon in points)
    assert 0 < inside < len(points)  # the sample saw both answers


def test_most_cells_are_decided_without_shapely() -> None:
    for name, area in EXAMPLES.items():
        cells = area.grid[4]
        assert len(cells) == GRID * GRID
        assert cells.count(2) < 0.15 * len(cells), name


@pytest.mark.parametrize("lat, lon", [(float("nan"), 0.0), (0.0, float("inf")), (float("-inf"), -1e308)])
def test_points_that_are_not_numbers_are_outside(lat: float, lon: float) -> None:
    for area in AREAS.values():
        assert area.contains(lat, lon) is False


@settings(max_examples=examples(300), deadline=None)
@given(lat=st.floats(-90, 90), lon=st.floats(-180, 180), which=st.sampled_from(sorted(AREAS)))
def test_any_point_on_earth(lat: float, lon: float, which: str) -> None:
    area = AREAS[which]
    assert area.contains(lat, lon) == _shapely(area, lat, lon)


@settings(max_examples=examples(300), deadline=None)
@given(data=st.data(), which=st.sampled_from(sorted(AREAS)))
def test_any_point_near_the_area(data: st.DataObject, which: str) -> None:
    area = AREAS[which]
    minx, miny, maxx, maxy = area.geometry.bounds
    lat = data.draw(st.floats(miny - 0.01, maxy + 0.01))
    lon = data.draw(st.floats(minx - 0.01, maxx + 0.01))
    assert area.contains(lat, lon) == _shapely(area, lat, lon)
