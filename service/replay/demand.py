"""The demand cells of a coverage choice, built from a jurisdiction's historical calls (issue 21).

    python -m service.replay.demand CALLS.csv --mapping M.yaml --response star \
        [--first-days N] [--cell-deg 0.01] [--answers no] > demand.yaml

Reads the export as `dispatch-assist replay` does, classifies every call under the mapping's
policy, keeps the calls whose preferred response is RESPONSE and that have coordinates, and counts
them per cell of CELL_DEG degrees (0.01: ~1.1 km north-south). The output is the two policy keys
`demand_source` (what the cells were built from) and `demand` ([lat, lon, calls] per cell) to put in
the policy: the cells travel inside the policy document, so every replica compiles the same grid
for a version and a new grid is a new, audited version (docs/policy.md "Coverage-aware choice").
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from service.policy.compile import load_policy
from service.replay.assumptions import ASSUMPTIONS, Assumption, learned_for, policy_for
from service.replay.calls import read_calls
from service.replay.classify import classify
from service.replay.mapping import load_mapping

__all__ = ["build_demand", "demand_cells"]


def demand_cells(
    lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64], cell_deg: float = 0.01
) -> list[tuple[float, float, float]]:
    """Calls counted per cell of cell_deg degrees, at cell centres."""
    keys = np.stack([np.floor(lat / cell_deg), np.floor(lon / cell_deg)], axis=1)
    cells, counts = np.unique(keys, axis=0, return_counts=True)
    return [
        (round((a + 0.5) * cell_deg, 6), round((b + 0.5) * cell_deg, 6), float(c))
        for (a, b), c in zip(cells.tolist(), counts.tolist(), strict=True)
    ]


def build_demand(
    calls: Path, mapping_path: Path, response: str, *, first_days: int | None = None,
    cell_deg: float = 0.01, answers: Assumption = "no",
) -> dict[str, Any]:
    """`demand_source` and `demand` for a policy, from the calls of the first `first_days` days (all
    when None). Exports hold no screening answers: `answers` says what is assumed (replay's --answers)."""
    mapping = load_mapping(mapping_path)
    policy = load_policy((Path(mapping.base) / str(mapping.policy)).read_bytes(), "demand")
    table = read_calls(calls, mapping, policy.tz)
    result = classify(table, policy_for(policy, answers), learned=learned_for(policy, answers))
    if table.lat is None or table.lon is None:
        raise SystemExit(f"{calls}: the mapping gives no coordinates; demand cells need them")
    keep = (result.preferred == result.names.index(response)) & ~(np.isnan(table.lat) | np.isnan(table.lon))
    keep &= table.lat != 0
    days = np.unique(table.day)
    if first_days is not None and first_days < len(days):
        keep &= table.day < days[first_days]
    used = np.unique(table.day[keep])
    source = (
        f"{calls.name}: {int(keep.sum())} calls preferring {response} (answers assumed: {answers}) "
        f"on {len(used)} days, counted per {cell_deg} degree cell"
    )
    cells = demand_cells(table.lat[keep], table.lon[keep], cell_deg)
    return {"demand_source": source, "demand": [list(c) for c in cells]}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("calls")
    p.add_argument("--mapping", required=True)
    p.add_argument("--response", required=True)
    p.add_argument("--first-days", type=int)
    p.add_argument("--cell-deg", type=float, default=0.01)
    p.add_argument("--answers", choices=ASSUMPTIONS, default="no")
    a = p.parse_args()
    out = build_demand(Path(a.calls), Path(a.mapping), a.response, first_days=a.first_days,
                       cell_deg=a.cell_deg, answers=a.answers)
    print(yaml.safe_dump(out, default_flow_style=None, width=100, sort_keys=False), end="")


if __name__ == "__main__":
    main()
