"""Collection pauses as a metric, and the collector's thresholds from a setting (api/metrics/gcpause.py)."""

from __future__ import annotations

import gc

import pytest

from api.metrics.gcpause import GC_PAUSE, apply_thresholds, parse_thresholds, watch_collections
from api.metrics.registry import REGISTRY
from service.settings import from_env


def _count(generation: int) -> float:
    value = REGISTRY.get_sample_value("dispatch_gc_pause_seconds_count", {"generation": str(generation)})
    return value or 0.0


def test_every_collection_is_timed_under_its_generation() -> None:
    watch_collections()
    watch_collections()  # idempotent: one callback, one observation per collection
    before = [_count(g) for g in range(3)]
    full = {"generation": "2"}
    total_before = REGISTRY.get_sample_value("dispatch_gc_pause_seconds_sum", full) or 0.0
    gc.collect(0)
    gc.collect(2)
    after = [_count(g) for g in range(3)]
    assert after[0] - before[0] >= 1 and after[2] - before[2] == 1
    assert (REGISTRY.get_sample_value("dispatch_gc_pause_seconds_sum", full) or 0.0) > total_before
    assert GC_PAUSE._name == "dispatch_gc_pause_seconds"


def test_thresholds_come_from_the_setting_and_an_empty_one_keeps_the_interpreters() -> None:
    saved = gc.get_threshold()
    try:
        assert apply_thresholds("") == saved
        assert apply_thresholds(" 700, 10, 1000 ") == (700, 10, 1000)
        assert gc.get_threshold() == (700, 10, 1000)
        assert parse_thresholds("5000") == (5000,)
    finally:
        gc.set_threshold(*saved)
    assert from_env({"DISPATCH_GC_THRESHOLDS": "700,10,1000"}).gc_thresholds == "700,10,1000"
    assert from_env({}).gc_thresholds == "700,10,1000"  # measured, docs/performance.md
    assert from_env({"DISPATCH_GC_THRESHOLDS": ""}).gc_thresholds == ""


@pytest.mark.parametrize("text", ["700;10", "a,b", "1,2,3,4", "-1", "700,,10"])
def test_a_malformed_threshold_setting_is_refused_naming_the_variable(text: str) -> None:
    saved = gc.get_threshold()
    with pytest.raises(ValueError, match="DISPATCH_GC_THRESHOLDS"):
        apply_thresholds(text)
    assert gc.get_threshold() == saved
