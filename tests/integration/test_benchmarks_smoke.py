"""The pure-core benchmark scripts run and print their figures (a smoke run, never a timed assertion)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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


def test_bench_replay_scale_makes_and_replays_a_file(tmp_path: Path) -> None:
    """The 10M-call harness at 5,000 calls: it writes the file, replays it, reports time and memory."""
    calls = tmp_path / "calls.csv"
    bench = [sys.executable, "-m", "benchmarks.bench_replay_scale"]
    make = [*bench, "make", "--calls", "5000", "--out", str(calls)]
    subprocess.run(make, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert sum(1 for _ in calls.open()) == 5001
    run = [*bench, "run", str(calls), "--json", str(tmp_path / "o.json")]
    subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    out = json.loads((tmp_path / "o.json").read_text())
    assert out["exit"] == 0 and out["calls"] == 5000 and out["peak_rss_mb"] > 0 and out["cpu_seconds"] > 0

def test_bench_program_metrics_prints_its_figures() -> None:
    args = [sys.executable, "-m", "benchmarks.bench_program_metrics", "--n", "200", "--reps", "2"]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    assert re.search(r"200 recommendations, \d+ eligible", out), out
    assert len(re.findall(r": +[\d.]+$", out, re.MULTILINE)) == 4, out


def test_count_call_path_counts_calls_per_request() -> None:
    """The counting harness (benchmarks/count_call_path.py) drives the app and prints its count."""
    args = [sys.executable, "-m", "benchmarks.count_call_path", "--n", "50", "--calls"]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300, check=True).stdout
    found = re.search(r"50 calls: ([\d.]+) Python function calls per request", out)
    assert found and float(found.group(1)) > 100, out
