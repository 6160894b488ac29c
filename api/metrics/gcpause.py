"""Garbage-collection pauses: how long each collection stopped the event loop, per generation.

Why: a collection runs on the loop thread and every call in flight waits for it. Measured under
overload (docs/performance.md, issue 19), full collections of 10-52 ms were the largest single
stalls of the loop, larger than the 10 ms latency objective. `dispatch_gc_pause_seconds` lets an
SRE see them next to the latency histograms, and tell whether `DISPATCH_GC_THRESHOLDS`
(docs/operations.md) is doing its job.

Cost: `gc.callbacks` is called at the start and the end of every collection (a few to a few
dozen a second under load); each pair is two `perf_counter` reads and one histogram observation,
a few µs, against collections of 0.1-50 ms.
"""

from __future__ import annotations

import gc
import time
from typing import Any

from prometheus_client import Histogram

from api.metrics.registry import REGISTRY

__all__ = ["GC_PAUSE", "apply_thresholds", "parse_thresholds", "watch_collections"]

# From a young collection (~0.1 ms) to a full one on a large heap (tens of ms); 0.005 and 0.01 are
# the marks that matter against a 10 ms objective.
_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25)
GC_PAUSE = Histogram(
    "dispatch_gc_pause_seconds",
    "Time each garbage collection held the event loop, by generation (2 = full collection)",
    ["generation"],
    buckets=_BUCKETS,
    registry=REGISTRY,
)
_BY_GENERATION = tuple(GC_PAUSE.labels(str(g)) for g in range(3))  # bound once, not per collection
_started = [0.0]


def _on_collection(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
    else:
        _BY_GENERATION[info["generation"]].observe(time.perf_counter() - _started[0])


def watch_collections() -> None:
    """Time every collection from now on (idempotent: one callback per process)."""
    if _on_collection not in gc.callbacks:
        gc.callbacks.append(_on_collection)


def parse_thresholds(text: str) -> tuple[int, ...] | None:
    """`DISPATCH_GC_THRESHOLDS`: "" for the interpreter's own, else one to three non-negative
    integers separated by commas, as `gc.set_threshold` takes them. ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        values = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise ValueError(f"DISPATCH_GC_THRESHOLDS takes integers separated by commas, not {text!r}") from None
    if not 1 <= len(values) <= 3 or any(v < 0 for v in values):
        raise ValueError(f"DISPATCH_GC_THRESHOLDS takes one to three non-negative integers, not {text!r}")
    return values


def apply_thresholds(text: str) -> tuple[int, int, int]:
    """Set the collector's thresholds from the setting (nothing changes for ""); the ones in force."""
    values = parse_thresholds(text)
    if values is not None:
        gc.set_threshold(*values)
    first, second, third = gc.get_threshold()
    return first, second, third
