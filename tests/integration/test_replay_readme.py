"""The README's replay example, run as written on the real San Diego export kept in data/ (26,177
calls through the policy, the roster simulation and the what-if: about ten seconds of work)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from service.cli import main as cli
from tests.support import ROOT


def test_the_readme_replay_example_runs_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's example on the real San Diego export kept in data/."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- replay -->\s*```bash\n(.+?)\n```", readme, re.S)
    assert block, "README has no replay block"
    words = shlex.split(block.group(1).replace("\\\n", " "))
    assert words[0] == ".venv/bin/dispatch-assist" and words[1] == "replay"
    assert (ROOT / words[2]).is_file(), words[2]
    args = [str(ROOT / w) if w.startswith(("data/", "deploy/")) else w for w in words[1:]]
    args[args.index("--out") + 1] = str(tmp_path / "out")
    assert cli.main([*args, "--no-progress"]) == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["classification"]["calls"] == 26_177
    assert (tmp_path / "out" / "report.html").stat().st_size > 100_000
    assert "add 2 crisis_van daily 18:00-02:00" in capsys.readouterr().out
