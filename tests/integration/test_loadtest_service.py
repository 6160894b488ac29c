"""Smoke run of the real service as a load-test target: correctness of the scenario, no timings."""

from __future__ import annotations

import json
from pathlib import Path

from loadtests.run_baselines import main as run_baselines_main
from loadtests.service_target import JURISDICTIONS, call_mix


def test_call_mix_maps_san_diego_codes_to_apco() -> None:
    mix = call_mix(limit=2000)
    codes = {code for code, _ in mix}
    assert len(mix) == 2000 and {"WELFARE", "DISORD"} <= codes  # SDPD CW and 415 through local_codes


def test_service_target_end_to_end(tmp_path: Path) -> None:
    """5 jurisdictions x 2,000 units seeded, AVL feed running, 150 calls at 150/s, all answered 200."""
    path = run_baselines_main(
        ["--plugin", "loadtests.service_target", "--rate", "150", "--duration", "1", "--warmup", "0",
         "--targets", "service", "--servers", "granian", "--out", str(tmp_path), "--no-pin",
         "--jitter-probe", "0", "--quiet-max-wait", "0", "--max-attempts", "1"]
    )  # fmt: skip
    run = json.loads(path.read_text())["runs"][0]
    assert run["target"] == "service" and len(JURISDICTIONS) == 5
    res = run["result"]
    assert res["requests"] == 150 and res["status_counts"] == {"200": 150}, res["errors"]
