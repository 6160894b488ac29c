"""The replay command end to end on the San Diego sample: read, classify, simulate a what-if, write
the summary, the charts and the HTML report (files in, files out: the integration tier). The
pieces it chains are unit-tested in tests/unit/replay/test_replay.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main as cli
from tests.support import ROOT

DATA = ROOT / "tests" / "data" / "replay"
CALLS = DATA / "sd_calls_2023-01-10.csv"


def test_command_line_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = cli.main(
        [
            "replay",
            str(CALLS),
            "--mapping",
            str(DATA / "sd-mapping.yaml"),
            "--roster",
            str(DATA / "roster.yaml"),
            "--what-if",
            "hold 10",
            "--out",
            str(out),
            "--no-progress",
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "calls/s" in printed and "[baseline]" in printed and "[hold 10]" in printed
    assert "screening answers: implied" in printed  # the assumption is stated, the default one here
    summary = json.loads((out / "summary.json").read_text())
    assert summary["answers"]["assumption"] == "implied"
    assert set(summary["diversion_by_assumption"]) == {"blank", "implied", "no"}
    assert summary["classification"]["calls"] == 366
    assert [s["name"] for s in summary["simulation"]["scenarios"]] == ["baseline", "+1 crisis van", "hold 10"]
    html = (out / "report.html").read_text()
    assert html.count("data:image/png;base64,") >= 8 and "<script" not in html
    assert "Screening answers assumed: <b>implied</b>" in html and "Diversion by answer assumption" in html
    assert (out / "charts" / "scenarios.png").read_bytes().startswith(b"\x89PNG")
