"""The policy commands of the CLI (`dispatch-assist policy validate / dry-run`) run as a process would
run them: exit codes, messages on the right stream, the dry-run report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support import DATA, policy_variant

variant = policy_variant


def test_cli_validate_exit_codes(tmp_path: Path) -> None:
    good = DATA / "testville.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(variant(disqualifiers__violence__escalate=["line"])))
    ok = subprocess.run(
        [sys.executable, "-m", "service.cli", "policy", "validate", str(good)], capture_output=True, text=True
    )
    assert ok.returncode == 0 and "valid policy for testville" in ok.stdout
    fail = subprocess.run(
        [sys.executable, "-m", "service.cli", "policy", "validate", str(bad)], capture_output=True, text=True
    )
    assert fail.returncode == 1 and "disqualifiers.violence.escalate[0]" in fail.stderr


def test_cli_dry_run_against_a_file(tmp_path: Path) -> None:
    candidate = variant()
    candidate["call_types"]["WELFARE"]["responses"] = ["police"]
    cand = tmp_path / "candidate.yaml"
    cand.write_text(yaml.safe_dump(candidate))
    calls = tmp_path / "calls.jsonl"
    calls.write_text(
        "\n".join(
            json.dumps(
                {
                    "incident_id": f"c{i}",
                    "seq": 1,
                    "call_type": t,
                    "received_at": "2026-11-25T12:00:00-07:00",
                    "location": {"lat": 39.8, "lon": -104.99},
                    "screening": {"weapon": False, "violence": False, "medical": False},
                }
            )
            for i, t in enumerate(["WELFARE", "CW", "CARDIAC"])
        )
    )
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli.main",
            "policy",
            "dry-run",
            str(cand),
            "--calls",
            str(calls),
            "--against",
            str(DATA / "testville.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["calls"] == 3 and report["changed"] == 2
    assert report["transitions"] == {"crisis -> police": 2}
