"""CI smoke of the overload, collection and start-up benchmarks (loadtests/overload.py, gc_soak.py,
startup.py): they run end to end against a real service and redis-server and print their figures. No figure is
asserted here: benchmarks are read, not timed in tests (docs/performance.md has the measured ones)."""

from __future__ import annotations

import subprocess
import sys

from tests.support import ROOT


def test_overload_harness_runs_and_prints_its_figures() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "loadtests.overload", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "capacity (p99 <= 10 ms" in run.stdout  # met, or not met at the lowest step
    assert (
        "flood_2x: offered" in run.stdout and "flood_4x: offered" in run.stdout and "recovery" in run.stdout
    )


def test_startup_benchmark_runs_and_prints_its_figures() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "loadtests.startup", "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "ready" in run.stdout and "first call" in run.stdout and "keys --help" in run.stdout


def test_gc_soak_harness_runs_and_prints_each_setting() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "loadtests.gc_soak", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    # both settings ran, each with its collections by generation (read from dispatch_gc_pause_seconds)
    assert "python (core 0)" in run.stdout and "700,10,1000 (core 1)" in run.stdout
    assert run.stdout.count("gen0:") == 2 and "RSS" in run.stdout
