"""Prototype: could hyperscan replace the C trie + PCRE2 reader's term search? (a script, not a test)

    python -m benchmarks.proto_hyperscan [--iterations 2000]

Needs the `hyperscan` wheel (not a dependency of the project: `pip install hyperscan` to run this).

The screening reader answers two questions for a narrative: where a term of each flag starts and ends
(hits), then how the words around it read (negated, hedged, a place). Hyperscan could only take the
first. This prototype measures whether it can, with the same answers:

1. Compiles every scanner pattern of the default vocabulary (one expression per pattern, so that a
   term starting inside another, "blood" in "lots of blood", is reported with its own start). Our
   patterns end terms with the look-ahead `(?!\\w)`, which hyperscan refuses (no look-arounds); the
   prototype rewrites it to `\\b`, the nearest thing hyperscan has, and counts what still fails.
2. Scans each narrative of the accuracy corpus (tests/data/narratives.yaml) and of the benchmark
   narratives, with start-of-match reporting (HS_FLAG_SOM_LEFTMOST), keeps per flag the longest match
   at each word start, skips matches inside an earlier one of the same flag (as the reader does), and
   compares the (flag, start, end) hits with the reference reader's (service.screening.screen._read's
   first stage, reproduced here) — the findings can only be identical if these are.
3. Times the hyperscan scan alone against the native reader's complete screening (hits *and* the
   grammar around them), CPU time per narrative: a bound in hyperscan's favour.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_screening import QUIET, narratives  # noqa: E402
from service.screening.index import fold  # noqa: E402
from service.screening.screen import DEFAULT_TERMS, FLAGS, _lower  # noqa: E402
from tools.screening_report import load_corpus  # noqa: E402

Hit = tuple[int, int, int]  # flag order, start, end (in the lowered text with a leading space)


def reference_hits(low: str) -> set[Hit]:
    """The reader's first stage: terms found at the index's word starts, a flag's matches not overlapping."""
    starts = DEFAULT_TERMS.starts
    consumed = [0] * len(FLAGS)
    out: set[Hit] = set()
    for start, flags in sorted(DEFAULT_TERMS.index.starts(fold(low)).items()):
        scanners = starts.get(low[start : start + 3]) or starts.get(low[start : start + 2])
        for order, match, _kinds in scanners or starts.get(low[start], ()):
            hit = match(low, start) if flags >> order & 1 and start >= consumed[order] else None
            if hit is not None:
                consumed[order] = hit.end()
                out.add((order, start, hit.end()))
    return out


def build() -> tuple[object, list[int], int, int]:
    """(hyperscan database, flag order per expression id, patterns compiled, patterns refused)."""
    import hyperscan  # noqa: PLC0415 - not a dependency of the project: only this prototype needs it

    patterns: dict[tuple[int, str], int] = {}
    for scanners in DEFAULT_TERMS.starts.values():
        for order, match, _kinds in scanners:
            patterns.setdefault((order, match.__self__.pattern), len(patterns))  # type: ignore[attr-defined]
    usable: list[tuple[bytes, int]] = []
    refused = 0
    for (order, pattern), _ in patterns.items():
        expr = (r"\b" + pattern.replace(r"(?!\w)", r"\b")).encode()
        try:
            hyperscan.Database().compile(expressions=[expr], ids=[0], elements=1,
                                         flags=[hyperscan.HS_FLAG_SOM_LEFTMOST])
        except hyperscan.error:
            refused += 1
            continue
        usable.append((expr, order))
    db = hyperscan.Database()
    db.compile(expressions=[e for e, _ in usable], ids=list(range(len(usable))), elements=len(usable),
               flags=[hyperscan.HS_FLAG_SOM_LEFTMOST] * len(usable))
    return db, [o for _, o in usable], len(usable), refused


def hyperscan_hits(db: object, orders: Sequence[int], low: str) -> set[Hit]:
    longest: dict[tuple[int, int], int] = {}

    def on_match(eid: int, start: int, end: int, _flags: int, _ctx: object) -> None:
        key = (orders[eid], start)
        if end > longest.get(key, -1):
            longest[key] = end

    db.scan(low.encode(), match_event_handler=on_match)  # type: ignore[attr-defined]
    consumed = [0] * len(FLAGS)
    out: set[Hit] = set()
    for (order, start), end in sorted(longest.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if start >= consumed[order]:
            consumed[order] = end
            out.add((order, start, end))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--iterations", type=int, default=2000)
    args = parser.parse_args(argv)
    started = time.process_time()
    db, orders, compiled, refused = build()
    built_s = time.process_time() - started
    print(f"hyperscan: {compiled} of {compiled + refused} scanner patterns compiled "
          f"(look-ahead (?!\\w) rewritten to \\b), {refused} refused; build {built_s:.1f} s CPU")
    texts = [t for t, _ in load_corpus() if t.isascii()] + narratives(64) + [QUIET]
    same = 0
    examples: list[str] = []
    for text in texts:
        low = " " + _lower(text)
        ref, got = reference_hits(low), hyperscan_hits(db, orders, low)
        if ref == got:
            same += 1
        elif len(examples) < 3:
            missing = sorted(ref - got)[:1]
            extra = sorted(got - ref)[:1]
            examples.append(f"  {text[:60]!r}: missing {[(FLAGS[o], low[s:e]) for o, s, e in missing]}, "
                            f"extra {[(FLAGS[o], low[s:e]) for o, s, e in extra]}")
    print(f"identical hits on {same} of {len(texts)} narratives")
    print("\n".join(examples))
    bench = narratives(64)
    native = DEFAULT_TERMS.native
    for name, fn in (
        ("hyperscan term search only", lambda t: hyperscan_hits(db, orders, " " + t.lower())),
        ("native reader, complete", native.findings if native else None),
    ):
        if fn is None:
            continue
        times = []
        for i in range(args.iterations):
            text = bench[i % len(bench)]
            t0 = time.thread_time_ns()
            fn(text)
            times.append((time.thread_time_ns() - t0) / 1000)
        q = statistics.quantiles(times, n=100)
        print(f"{name}: CPU p50 {q[49]:.1f} µs, p99 {q[98]:.1f} µs per ~500-character narrative")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
