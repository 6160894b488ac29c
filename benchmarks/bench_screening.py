"""Timing of screen_narrative on ~500-character narratives (a script, not a test).

    python benchmarks/bench_screening.py [--iterations 20000] [--floor] [--against REV] [--python]
                                         [--vocabulary-of REV]

Three kinds of narrative: the corpus's long single incidents (about 500 characters, 3-5 findings
each), corpus entries joined up to 500 characters (a dense mix, about 10 findings each), and a
quiet narrative of the same length with no findings.
Each call is timed on its own with time.perf_counter_ns (wall clock, what a caller waits) and, in a
second run, with time.thread_time_ns (CPU time of this thread, which leaves out the time other
processes on a shared machine hold the CPU). The GC is disabled while measuring. A calibration line
(the same machine's time for sum(range(1000))) helps compare figures between machines.
--python times the Python reader, the native one (service/screening/csrc/) switched off.
--vocabulary-of REV interleaves today's reader with today's vocabulary and with REV's default phrases
(from a revision whose service/screening/terms.py still held them, such as d1061b1): what a change
of vocabulary alone costs.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere, not only as python -m
    sys.path.insert(0, str(ROOT))

from service.screening.index import fold  # noqa: E402
from service.screening.screen import DEFAULT_TERMS, _build, screen_narrative  # noqa: E402
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


def measure(
    texts: Sequence[str], iterations: int, clock: Callable[[], int],
    call: Callable[[str], object] = screen_narrative,
) -> list[int]:
    for text in texts:  # warm-up: first calls pay for regex caches and allocator growth
        call(text)
    samples: list[int] = []
    gc.disable()
    try:
        for n in range(iterations):
            text = texts[n % len(texts)]
            t0 = clock()
            call(text)
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
    parser.add_argument("--floor", action="store_true", help="also time the pass that finds term starts")
    parser.add_argument("--against", metavar="REV", help="interleave with screening.py of this git revision")
    parser.add_argument("--python", action="store_true", help="time the Python reader (native one off)")
    parser.add_argument("--vocabulary-of", metavar="REV", help="interleave with REV's default phrases")
    args = parser.parse_args(argv)
    terms = dataclasses.replace(DEFAULT_TERMS, native=None) if args.python else DEFAULT_TERMS

    def call(text: str) -> object:
        return screen_narrative(text, terms)

    cases = {
        "single incidents (3-5 findings)": [text for text, _ in load_corpus() if len(text) >= 450],
        "corpus mix (about 10 findings)": narratives(),
        "quiet (no findings)": [QUIET],
    }
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}, "
        f"sum(range(1000)) {calibration():.1f} µs; narratives of about {LENGTH} characters, "
        f"{args.iterations} calls each; {'native' if terms.native is not None else 'Python'} reader\n"
    )
    if args.against:
        return compare(cases, args.iterations, args.against)
    if args.vocabulary_of:
        return compare(cases, args.iterations, args.vocabulary_of, old_vocabulary(args.vocabulary_of))
    print("| narrative | wall p50 µs | wall p99 µs | wall max µs | CPU p50 µs | CPU p99 µs | CPU max µs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, texts in cases.items():
        wall = measure(texts, args.iterations, time.perf_counter_ns, call)
        cpu = measure(texts, args.iterations, time.thread_time_ns, call)
        print(f"| {name} | {percentiles(wall)} | {percentiles(cpu)} |")
        if args.floor:
            wall = measure(texts, args.iterations, time.perf_counter_ns, _finder_pass)
            cpu = measure(texts, args.iterations, time.thread_time_ns, _finder_pass)
            print(f"| {name}: finding term starts only | {percentiles(wall)} | {percentiles(cpu)} |")
    return 0


def load_screening(rev: str) -> types.ModuleType:
    """service/screening/screen.py as it was at git revision REV, as a module of its own."""
    show = ["git", "-C", str(ROOT), "show", f"{rev}:service/screening/screen.py"]
    source = subprocess.run(show, capture_output=True, text=True, check=True).stdout
    module = sys.modules["screening_before"] = types.ModuleType("screening_before")  # dataclasses look it up
    exec(compile(source, f"{rev}:service/screening/screen.py", "exec"), module.__dict__)
    return module


def old_vocabulary(rev: str) -> Callable[[str], object]:
    """Today's screen_narrative with REV's default phrases (REV's terms.py must hold them)."""
    show = ["git", "-C", str(ROOT), "show", f"{rev}:service/screening/terms.py"]
    source = subprocess.run(show, capture_output=True, text=True, check=True).stdout
    module = types.ModuleType("terms_before")
    exec(compile(source, f"{rev}:service/screening/terms.py", "exec"), module.__dict__)
    terms = _build(module.DEFAULT_PHRASES)
    return lambda text: screen_narrative(text, terms)


def compare(
    cases: dict[str, list[str]], iterations: int, rev: str, old: Callable[[str], object] | None = None
) -> int:
    """CPU time of REV's screen_narrative (or ``old``) and the current one, in turn on the same text."""
    if old is None:
        old = load_screening(rev).screen_narrative
    print(f"| narrative | {rev} CPU p50 µs | {rev} CPU p99 µs | now CPU p50 µs | now CPU p99 µs "
          f"| p50 now/{rev} |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, texts in cases.items():
        for text in texts:
            old(text), screen_narrative(text)
        a: list[int] = []
        b: list[int] = []
        gc.disable()
        try:
            for n in range(iterations):
                text = texts[n % len(texts)]
                t0 = time.thread_time_ns()
                old(text)
                t1 = time.thread_time_ns()
                screen_narrative(text)
                t2 = time.thread_time_ns()
                a.append(t1 - t0)
                b.append(t2 - t1)
        finally:
            gc.enable()
        qa, qb = (statistics.quantiles(x, n=100) for x in (a, b))
        figures = " | ".join(f"{v / 1000:.1f}" for v in (qa[49], qa[98], qb[49], qb[98]))
        print(f"| {name} | {figures} | {qb[49] / qa[49]:.2f} |")
    return 0


def _finder_pass(text: str) -> object:
    """Where terms may start: the automaton for ASCII text, else the regular expression."""
    low = " " + text.lower()
    if low.isascii():
        return DEFAULT_TERMS.index.starts(fold(low))
    return list(DEFAULT_TERMS.finder.finditer(low))


if __name__ == "__main__":
    raise SystemExit(main())
