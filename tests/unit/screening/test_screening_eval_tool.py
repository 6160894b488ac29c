"""tools/screening_eval.py: the Wilson interval and the counting, on tiny made-up inputs."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from service.screening.screen import Finding
from tools.screening_eval import evaluate, load, main, markdown, tally, wilson


def test_wilson_matches_worked_values() -> None:
    # 81 of 117 (the issue's recall 0.69), worked by hand: centre 0.7087, half-width 0.0852, over 1.0328.
    low, high = wilson(81, 117)
    assert low == pytest.approx(0.6037, abs=2e-4) and high == pytest.approx(0.7687, abs=2e-4)
    # All hits: the upper bound is 1 and the lower bound n / (n + z^2), not 1 (as the Wald interval says).
    low, high = wilson(10, 10)
    assert high == pytest.approx(1.0) and low == pytest.approx(10 / (10 + 1.959963984540054**2), rel=1e-9)
    low, high = wilson(0, 10)
    assert low == pytest.approx(0.0, abs=1e-12) and high == pytest.approx(
        1 - 10 / (10 + 1.959963984540054**2), rel=1e-9
    )


def test_wilson_is_symmetric_and_narrows_with_n() -> None:
    for hits, n in ((3, 7), (50, 100), (1, 1000)):
        low, high = wilson(hits, n)
        flip_low, flip_high = wilson(n - hits, n)
        assert math.isclose(low, 1 - flip_high, abs_tol=1e-12) and math.isclose(
            high, 1 - flip_low, abs_tol=1e-12
        )
        assert low <= hits / n <= high
    assert wilson(90, 100)[1] - wilson(90, 100)[0] > wilson(900, 1000)[1] - wilson(900, 1000)[0]


def test_wilson_refuses_impossible_counts_and_says_nothing_on_no_data() -> None:
    with pytest.raises(ValueError):
        wilson(5, 4)
    with pytest.raises(ValueError):
        wilson(-1, 4)
    assert wilson(0, 0) == (0.0, 1.0)


def _f(flag: str, negated: bool = False) -> Finding:
    return Finding(flag, "words", negated)


def test_counting_per_hazard() -> None:
    none = {"weapon": "none", "violence": "none", "medical": "none"}
    rows = [
        ("a", {**none, "weapon": "present"}, [_f("weapon")]),  # raised
        ("b", {**none, "weapon": "hedged"}, [_f("weapon", negated=True)]),  # found, read as denied
        ("c", {**none, "weapon": "present"}, []),  # missed outright
        ("d", {**none, "weapon": "negated"}, [_f("weapon")]),  # false alarm on a denied hazard
        ("e", none, [_f("weapon", negated=True), _f("violence")]),  # false alarm for violence only
        ("f", {**none, "medical": "present"}, [_f("injury")]),  # an injury finding stands for medical
        ("g", {**none, "medical": "hedged"}, [_f("medical", True), _f("injury")]),  # one raised is enough
    ]
    out = tally(rows)
    w, v, m = out["weapon"], out["violence"], out["medical"]
    assert (w.n, w.raised, w.quiet) == (3, 1, 4)
    assert w.misses == ["b", "c"] and w.negated == ["b"] and w.false_alarms == ["d"]
    assert (v.n, v.raised, v.quiet, v.false_alarms) == (0, 0, 7, ["e"])
    assert (m.n, m.raised, m.negated, m.false_alarms) == (2, 2, [], [])
    row = w.row()
    assert row["recall"] == pytest.approx(1 / 3) and row["false_alarm_rate"] == pytest.approx(1 / 4)
    assert row["negated"] == 1 and row["recall_ci95"] == list(wilson(1, 3))
    assert v.row()["recall"] is None
    table = markdown(out, "made up")
    assert "| weapon | 3 | 1 | 0.333 |" in table and "| violence | 0 | 0 | n/a |" in table


def test_an_unknown_label_is_an_error() -> None:
    with pytest.raises(ValueError, match="maybe"):
        tally([("x", {"weapon": "maybe", "violence": "none", "medical": "none"}, [])])


def test_files_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = [
        {"id": "1", "text": "male waving a knife at customers"},
        {"id": "2", "text": "caller's car was keyed overnight, no one hurt"},
        {"id": "3", "text": "subj unconscious on the sidewalk"},
    ]
    labels = [
        {"id": "1", "weapon": "present", "violence": "present", "medical": "none"},
        {"id": "2", "weapon": "none", "violence": "none", "medical": "negated"},
        {"id": "3", "weapon": "none", "violence": "none", "medical": "present"},
    ]
    split, lab, out = tmp_path / "s.jsonl", tmp_path / "l.jsonl", tmp_path / "o.json"
    split.write_text("\n".join(json.dumps(t) for t in texts) + "\n")
    lab.write_text("\n".join(json.dumps(t) for t in labels) + "\n")
    result = evaluate(load(split, lab))
    assert (result["weapon"].n, result["weapon"].raised) == (1, 1)
    assert (result["medical"].n, result["medical"].raised, result["medical"].false_alarms) == (1, 1, [])
    assert main([str(split), str(lab), "--json", str(out)]) == 0
    assert "| weapon | 1 | 1 | 1.000 |" in capsys.readouterr().out
    doc = json.loads(out.read_text())
    assert doc["texts"] == 3 and doc["hazards"]["medical"]["without_hazard"] == 2
    lab.write_text(json.dumps(labels[0]) + "\n")
    with pytest.raises(ValueError, match="no labels"):
        load(split, lab)


def test_every_added_phrase_names_a_cited_source() -> None:
    # service/screening/vocab/__init__.py lists and cites the sources; each module files its
    # additions under those names, and they are part of the default vocabulary.
    from service.screening.vocab import ADDED, DEFAULT_PHRASES, SOURCES

    used = {source for per_flag in ADDED.values() for source in per_flag}
    assert used <= set(SOURCES) and set(SOURCES) <= used
    for flag, per_source in ADDED.items():
        for phrases in per_source.values():
            assert phrases and set(phrases) <= set(DEFAULT_PHRASES[flag])
