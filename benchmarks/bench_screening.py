"""Timing of screen_narrative on ~500-character narratives (a script, not a test).

    python benchmarks/bench_screening.py [--iterations 20000]

Three kinds of narrative: the corpus's long single incidents (about 500 characters, 3-5 findings
each), corpus entries joined up to 500 characters (a dense mix, about 10 findings each), and a
quiet narrative of the same length with no findings.
Each call is timed on its own with time.perf_counter_ns; the GC is disabled while measuring.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Sequence
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



def measure(texts: Sequence[str], iterations: int) -> list[int]:
    for text in texts:  # warm-up: first calls pay for regex caches and allocator growth
        screen_narrative(text)
    samples: list[int] = []
    clock = time.perf_counter_ns
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


def summary(name: str, samples: list[int]) -> str:
    q = statistics.quantiles(samples, n=1000, method="inclusive")
    us = [v / 1000 for v in (q[499], q[899], q[989], max(samples))]
    return f"| {name} | {len(samples)} | {us[0]:.1f} | {us[1]:.1f} | {us[2]:.1f} | {us[3]:.1f} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20_000)
    args = parser.parse_args(argv)
    mixed = narratives()
    incidents = [text for text, _ in load_corpus() if len(text) >= 450]  # single long incidents
    print(f"Python {sys.version.split()[0]}, narratives of {LENGTH} characters\n")
    print("| narrative | calls | p50 µs | p90 µs | p99 µs | max µs |")
    print("|---|---:|---:|---:|---:|---:|")
    print(summary(f"{len(incidents)} single incidents (3-5 findings)", measure(incidents, args.iterations)))
    print(summary("corpus mix (about 10 findings)", measure(mixed, args.iterations)))
    print(summary("quiet (no findings)", measure([QUIET], args.iterations)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
