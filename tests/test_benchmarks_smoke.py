"""The pure-core benchmark scripts run and print their figures (a smoke run, never a timed assertion)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("python", [False, True], ids=["native", "python"])
def test_bench_decision_prints_quantiles(python: bool) -> None:
    extra = ["--python"] if python else []
    args = [sys.executable, "-m", "benchmarks.bench_decision", "--n", "300", *extra]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    assert ("Python reader" if python else "native reader") in out
    assert len(re.findall(r"CPU  p50 [\d.]+ µs, p99 [\d.]+ µs", out)) == 2, out
    assert re.search(r"the machine's pauses: (none|[\d.]+ a ms, median [\d.]+ µs)", out), out


def test_bench_screening_prints_a_table() -> None:
    args = [sys.executable, "benchmarks/bench_screening.py", "--iterations", "300", "--floor"]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ") and "µs" not in line]
    assert len(rows) == 6, out  # three kinds of narrative, each with its term-start pass


def test_bench_program_metrics_prints_its_figures() -> None:
    args = [sys.executable, "-m", "benchmarks.bench_program_metrics", "--n", "200", "--reps", "2"]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    assert re.search(r"200 recommendations, \d+ eligible", out), out
    assert len(re.findall(r": +[\d.]+$", out, re.MULTILINE)) == 4, out
