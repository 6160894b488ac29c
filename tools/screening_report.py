"""Precision and recall of the narrative screener on the labelled corpus, as a Markdown table.

    python tools/screening_report.py [--corpus tests/data/narratives.yaml] [--errors]

--errors also lists every narrative whose asserted flags differ from its labels (for tuning terms).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere, not only as python -m
    sys.path.insert(0, str(ROOT))

from service.screening.screen import DEFAULT_TERMS, FLAGS, ScreeningTerms, screen_narrative  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "narratives.yaml"


def load_corpus(path: Path = CORPUS) -> list[tuple[str, frozenset[str]]]:
    """The labelled narratives as (text, expected asserted flags)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(e["text"], frozenset(e["flags"])) for e in entries]


def asserted(text: str, terms: ScreeningTerms = DEFAULT_TERMS) -> frozenset[str]:
    """Flags the decision layer would assert: any finding that is not negated."""
    return frozenset(f.flag for f in screen_narrative(text, terms) if not f.negated)


def scores(corpus: Iterable[tuple[str, frozenset[str]]]) -> dict[str, tuple[int, int, int]]:
    """Per flag: (true positives, false positives, false negatives)."""
    counts = {flag: [0, 0, 0] for flag in FLAGS}
    for text, expected in corpus:
        got = asserted(text)
        for flag in FLAGS:
            if flag in got and flag in expected:
                counts[flag][0] += 1
            elif flag in got:
                counts[flag][1] += 1
            elif flag in expected:
                counts[flag][2] += 1
    return {flag: (c[0], c[1], c[2]) for flag, c in counts.items()}


def ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def table(counts: dict[str, tuple[int, int, int]]) -> str:
    rows = ["| flag | labelled | TP | FP | FN | precision | recall |", "|---|---:|---:|---:|---:|---:|---:|"]
    for flag, (tp, fp, fn) in counts.items():
        precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
        rows.append(f"| {flag} | {tp + fn} | {tp} | {fp} | {fn} | {precision:.3f} | {recall:.3f} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--errors", action="store_true", help="list narratives the screener gets wrong")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    print(f"Corpus: {len(corpus)} narratives ({args.corpus.name})\n")
    print(table(scores(corpus)))
    if args.errors:
        print()
        for text, expected in corpus:
            got = asserted(text)
            if got != expected:
                missed, extra = sorted(expected - got), sorted(got - expected)
                print(f"- missed={missed} extra={extra}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
