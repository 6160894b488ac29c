"""Service-time distributions: how long a unit is busy with one call.

The default is the empirical distribution of a real civilian crisis-team log: Mobile Crisis
Services of Lane County (Eugene/Springfield, Oregon), 4,682 dispatches 2024-08 .. 2025-12. A unit
is busy from dispatch until it leaves the scene: `Minutes: Dispatch → Arrival` (travel) plus
`Minutes: Arrival → Departure` (on scene). Rows are kept when both are numbers, travel is 0-120
minutes and time on scene is 1-180 minutes (the export caps its minute columns at 180; a zero time
on scene is a cancellation or a missing departure). Sampling is bootstrap resampling of the kept
rows with a seeded generator, so a run is reproducible.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["ON_SCENE", "TRAVEL", "ServiceLog", "ServiceModel", "load_service_log"]

TRAVEL = "Minutes: Dispatch → Arrival"
ON_SCENE = "Minutes: Arrival → Departure"
MAX_TRAVEL_MIN = 120.0
MAX_SCENE_MIN = 180.0


@dataclass(frozen=True)
class ServiceLog:
    """Busy minutes per kept dispatch, and what was dropped and why."""

    minutes: npt.NDArray[np.float64]
    source: str
    rows: int
    dropped: dict[str, int] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        m = self.minutes
        return {
            "source": self.source,
            "rows": self.rows,
            "kept": int(m.size),
            "dropped": self.dropped,
            "mean_minutes": round(float(m.mean()), 1) if m.size else None,
            "p50_minutes": float(np.percentile(m, 50)) if m.size else None,
            "p90_minutes": float(np.percentile(m, 90)) if m.size else None,
        }


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def load_service_log(path: str | Path, travel: str = TRAVEL, on_scene: str = ON_SCENE) -> ServiceLog:
    path = Path(path)
    dropped = {"missing": 0, "travel_out_of_range": 0, "on_scene_out_of_range": 0}
    kept: list[float] = []
    rows = 0
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or travel not in reader.fieldnames or on_scene not in reader.fieldnames:
            raise ValueError(f"{path}: needs the columns {travel!r} and {on_scene!r}")
        for row in reader:
            rows += 1
            a, b = _number(row[travel]), _number(row[on_scene])
            if a is None or b is None:
                dropped["missing"] += 1
            elif not 0 <= a <= MAX_TRAVEL_MIN:
                dropped["travel_out_of_range"] += 1
            elif not 1 <= b <= MAX_SCENE_MIN:
                dropped["on_scene_out_of_range"] += 1
            else:
                kept.append(a + b)
    if not kept:
        raise ValueError(f"{path}: no usable service times")
    return ServiceLog(np.array(kept, dtype=np.float64), str(path), rows, dropped)


@dataclass(frozen=True)
class ServiceModel:
    """One unit type's busy time: the log's empirical distribution (times `scale`), an
    exponential with a mean, or a fixed time."""

    kind: str  # "log" | "exponential" | "fixed"
    minutes: float = 0.0  # mean (exponential) or value (fixed)
    scale: float = 1.0
    log: ServiceLog | None = None

    def sample(self, rng: np.random.Generator, n: int) -> npt.NDArray[np.float64]:
        """n busy times in seconds."""
        if self.kind == "log":
            assert self.log is not None
            return np.asarray(rng.choice(self.log.minutes, size=n) * (60.0 * self.scale), dtype=np.float64)
        if self.kind == "exponential":
            return np.asarray(rng.exponential(self.minutes * 60.0, size=n), dtype=np.float64)
        return np.full(n, self.minutes * 60.0)

    def describe(self) -> str:
        if self.kind == "log":
            assert self.log is not None
            scaled = f" x {self.scale:g}" if self.scale != 1 else ""
            return f"empirical ({Path(self.log.source).name}, {self.log.minutes.size} dispatches){scaled}"
        if self.kind == "exponential":
            return f"exponential, mean {self.minutes:g} min"
        return f"fixed {self.minutes:g} min"
