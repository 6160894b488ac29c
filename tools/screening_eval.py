"""The narrative screen against a hand-labelled split of real text (issue #17), per hazard.

    python tools/screening_eval.py SPLIT.jsonl LABELS.jsonl [--json OUT.json] [--misses]

SPLIT.jsonl holds one text a line (``{"id", "text", ...}``), LABELS.jsonl one label line per id
(``{"id", "weapon", "violence", "medical"}``, each present / hedged / negated / none, as the set's
GUIDE.md defines them). Per labelled hazard it prints, as a Markdown table (and JSON with --json):

- n: texts labelled present or hedged (the real hazards);
- recall: the share of those the screen raises, with its 95 % Wilson score interval;
- false alarms: texts labelled none or negated that raise the flag, as a share of those texts;
- negated: real hazards the screen found but read only as denied (it never raised them).

A hazard counts as raised when any of the screen's flags that stand for it has a finding that is not
negated, as the decision layer reads them. The guide's "medical" covers injuries too (bleeding,
cuts, broken bones), which the screen keeps as its own flag: both send EMS, so both count.

--misses lists the ids and texts of misses and false alarms (for tuning: use it on dev only).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere, not only as python -m
    sys.path.insert(0, str(ROOT))

from service.screening.screen import Finding, screen_narrative  # noqa: E402

__all__ = ["HAZARDS", "Tally", "evaluate", "load", "markdown", "tally", "wilson"]

# Labelled hazard -> the screen's flags that stand for it.
HAZARDS: Mapping[str, tuple[str, ...]] = {
    "weapon": ("weapon",),
    "violence": ("violence",),
    "medical": ("medical", "injury"),
}
REAL = frozenset({"present", "hedged"})
LABELS = frozenset({"present", "hedged", "negated", "none"})
Z95 = 1.959963984540054  # the normal quantile for a two-sided 95 % interval


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a binomial proportion hits/n (Wilson 1927); (0, 1) when n is 0."""
    if n < 0 or not 0 <= hits <= n:
        raise ValueError(f"need 0 <= hits <= n, got {hits}/{n}")
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    den = 1 + z2 / n
    return max(0.0, (centre - spread) / den), min(1.0, (centre + spread) / den)


class Tally:
    """Counts for one hazard; ids kept so that misses can be listed."""

    __slots__ = ("false_alarms", "misses", "n", "negated", "quiet", "raised")

    def __init__(self) -> None:
        self.n = self.raised = self.quiet = 0  # quiet: texts without the hazard
        self.negated: list[str] = []
        self.misses: list[str] = []
        self.false_alarms: list[str] = []

    def row(self) -> dict[str, Any]:
        low, high = wilson(self.raised, self.n)
        fa = len(self.false_alarms)
        return {
            "n": self.n, "raised": self.raised, "recall": self.raised / self.n if self.n else None,
            "recall_ci95": [low, high], "without_hazard": self.quiet, "false_alarms": fa,
            "false_alarm_rate": fa / self.quiet if self.quiet else None, "negated": len(self.negated),
        }


def tally(
    rows: Iterable[tuple[str, Mapping[str, str], Sequence[Finding]]],
    hazards: Mapping[str, tuple[str, ...]] = HAZARDS,
) -> dict[str, Tally]:
    """Per hazard, the counts over (id, labels, the screen's findings) rows."""
    out = {hazard: Tally() for hazard in hazards}
    for text_id, labels, findings in rows:
        for hazard, flags in hazards.items():
            label, t = labels[hazard], out[hazard]
            if label not in LABELS:
                raise ValueError(f"{text_id}: {hazard} label {label!r} is not one of {sorted(LABELS)}")
            mine = [f for f in findings if f.flag in flags]
            raised = any(not f.negated for f in mine)
            if label in REAL:
                t.n += 1
                if raised:
                    t.raised += 1
                else:
                    t.misses.append(text_id)
                    if mine:  # found, but read as denied
                        t.negated.append(text_id)
            else:
                t.quiet += 1
                if raised:
                    t.false_alarms.append(text_id)
    return out


def load(split: Path, labels: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(id, text, labels) for every text of the split; every text must have its labels."""
    texts = [json.loads(line) for line in split.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {
        (row := json.loads(line))["id"]: row
        for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()
    }
    missing = [t["id"] for t in texts if t["id"] not in by_id]
    if missing:
        raise ValueError(f"{len(missing)} texts have no labels, e.g. {missing[:3]}")
    return [(t["id"], t["text"], by_id[t["id"]]) for t in texts]


def evaluate(items: Sequence[tuple[str, str, Mapping[str, str]]]) -> dict[str, Tally]:
    return tally((i, labels, screen_narrative(text)) for i, text, labels in items)


def markdown(result: Mapping[str, Tally], title: str) -> str:
    lines = [
        f"**{title}**", "",
        "| hazard | present+hedged n | raised | recall | 95 % Wilson | false alarms | without hazard "
        "| FA rate | real hazards read as negated |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for hazard, t in result.items():
        r = t.row()
        rec = "n/a" if r["recall"] is None else f"{r['recall']:.3f}"
        fa = "n/a" if r["false_alarm_rate"] is None else f"{100 * r['false_alarm_rate']:.1f} %"
        low, high = r["recall_ci95"]
        lines.append(
            f"| {hazard} | {t.n} | {t.raised} | {rec} | {low:.3f}–{high:.3f} | {r['false_alarms']} "
            f"| {t.quiet} | {fa} | {r['negated']} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms (dev only)")
    args = parser.parse_args(argv)
    items = load(args.split, args.labels)
    result = evaluate(items)
    print(markdown(result, f"{args.split.name}: {len(items)} texts"))
    if args.json:
        hazards = {h: t.row() for h, t in result.items()}
        doc = {"split": args.split.name, "texts": len(items), "hazards": hazards}
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    if args.misses:
        texts = {i: text for i, text, _ in items}
        for hazard, t in result.items():
            for kind, ids in (("miss", t.misses), ("negated", t.negated), ("false alarm", t.false_alarms)):
                for i in ids:
                    print(f"\n[{hazard} {kind}] {i}: {texts[i][:400]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
