"""Timing of screen_narrative on ~500-character narratives (a script, not a test).

    python benchmarks/bench_screening.py [--iterations 20000]

Three kinds of narrative: the corpus's long single incidents (about 500 characters, 3-5 findings
each), corpus entries joined up to 500 characters (a dense mix, about 10 findings each), and a
quiet narrative of the same length with no findings.
Each call is timed on its own with time.perf_counter_ns (wall clock, what a caller waits) and, in a
second run, with time.thread_time_ns (CPU time of this thread, which leaves out the time other
processes on a shared machine hold the CPU). The GC is disabled while measuring. A calibration line
(the same machine's time for sum(range(1000))) helps compare figures between machines.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere, not only as python -m
    sys.path.insert(0, str(ROOT))

from service.screening import screen_narrative  # noqa: E402
from tools.screening_report import load_corpus  # noqa: E402

LENGTH = 500


def narratives(count: int = 64) -> list[str]:
    """Distinct ~500-character narratives made from consecutive corpus entries."""
    texts = [text for text, _ in load_corpus()]
    out: list[str] = []
    i = 0
    while len(out) < count:
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < LENGTH:
            parts.append(texts[i % len(texts)])
            i += 1
        out.append(". ".join(parts)[:LENGTH])
    return out


QUIET = ("caller requests a check on the property at the corner, gate left open again, nothing else " * 8)[
    :LENGTH
]


def measure(texts: Sequence[str], iterations: int, clock: Callable[[], int]) -> list[int]:
    for text in texts:  # warm-up: first calls pay for regex caches and allocator growth
        screen_narrative(text)
    samples: list[int] = []
    gc.disable()
    try:
        for n in range(iterations):
            text = texts[n % len(texts)]
            t0 = clock()
            screen_narrative(text)
            samples.append(clock() - t0)
    finally:
        gc.enable()
    return samples


def percentiles(samples: list[int]) -> str:
    q = statistics.quantiles(samples, n=1000, method="inclusive")
    return " | ".join(f"{v / 1000:.1f}" for v in (q[499], q[989], max(samples)))


def calibration() -> float:
    """Best time of sum(range(1000)) in µs: a rough speed figure for this machine's Python."""
    best = min(_timed(lambda: sum(range(1000))) for _ in range(2000))
    return best / 1000


def _timed(fn: Callable[[], object]) -> int:
    t0 = time.perf_counter_ns()
    fn()
    return time.perf_counter_ns() - t0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20_000)
    args = parser.parse_args(argv)
    cases = {
        "single incidents (3-5 findings)": [text for text, _ in load_corpus() if len(text) >= 450],
        "corpus mix (about 10 findings)": narratives(),
        "quiet (no findings)": [QUIET],
    }
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}, "
        f"sum(range(1000)) {calibration():.1f} µs; narratives of about {LENGTH} characters, "
        f"{args.iterations} calls each\n"
    )
    print("| narrative | wall p50 µs | wall p99 µs | wall max µs | CPU p50 µs | CPU p99 µs | CPU max µs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, texts in cases.items():
        wall = measure(texts, args.iterations, time.perf_counter_ns)
        cpu = measure(texts, args.iterations, time.thread_time_ns)
        print(f"| {name} | {percentiles(wall)} | {percentiles(cpu)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
