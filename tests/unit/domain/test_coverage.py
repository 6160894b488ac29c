"""Coverage-aware unit choice (issue 21, item 4): MEXCLP marginal coverage, the cutoff-priority
reserve, the policy option, and the spatial replay that compares them with closest idle."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from service.domain.coverage import Demand, choose, coverage_loss, keep_last
from service.policy.compile import PolicyInvalid, load_policy
from service.replay.classify import WEEK
from service.replay.coverage_eval import evaluate, posts
from service.replay.demand import build_demand, demand_cells
from service.replay.spatial import Fleet, simulate_choice

ROOT = Path(__file__).resolve().parents[3]
POLICY = ROOT / "deploy" / "replay" / "milwaukee-policy.yaml"
LAT0, LON0 = 43.0, -87.9
KM_LON = 1 / (111.32 * math.cos(math.radians(LAT0)))  # degrees of longitude per km at LAT0


def east(km: float) -> tuple[float, float]:
    return (LAT0, LON0 + km * KM_LON)


def test_marginal_coverage_by_hand() -> None:
    demand = Demand([(*east(0), 10.0), (*east(10), 5.0), (*east(30), 1.0)])
    units = [east(0), east(5), east(30)]
    loss = coverage_loss(demand, units, radius_m=7000, busy_fraction=0.3)
    # cell 0 is covered by units 0 and 1 (k=2), cell 10 by unit 1 alone, cell 30 by unit 2 alone:
    # loss = w (1 - q) q^(k - 1) summed over the cells a unit covers.
    want = [10 * 0.7 * 0.3, 10 * 0.7 * 0.3 + 5 * 0.7, 1 * 0.7]
    assert loss.tolist() == pytest.approx(want)


def test_choose_and_keep_last() -> None:
    eta = [300.0, 100.0, 200.0]
    assert choose([0, 1, 2], eta, "closest") == 1
    assert choose([0, 1, 2], eta, "coverage", [5.0, 9.0, 5.0]) == 2  # least loss, then nearest
    assert choose([0, 2], eta, "coverage", None) == 2  # no demand: closest
    assert keep_last(1, rank_high=False, reserve=True)
    assert not keep_last(1, rank_high=True, reserve=True)
    assert not keep_last(2, rank_high=False, reserve=True)
    assert not keep_last(1, rank_high=False, reserve=False)


def _doc(choice: str, demand: str) -> bytes:
    text = POLICY.read_text()
    text = text.replace("    units: [star_van]\n", f"    units: [star_van]\n    choice: {choice}\n", 1)
    return (text + demand).encode()


def test_policy_option_compiles_and_is_checked() -> None:
    policy = load_policy(_doc("{strategy: coverage, busy_fraction: 0.4}", "demand: [[43.0, -87.9, 12]]\n"))
    star = policy.responses["star"]
    assert star.choice is not None and star.choice.strategy == "coverage" and star.choice.busy_fraction == 0.4
    assert policy.demand is not None and len(policy.demand) == 1
    for choice, demand, field, words in (
        ("{strategy: coverage}", "", "responses.star.choice.strategy", "coverage needs `demand`"),
        ("{strategy: nearest}", "", "responses.star.choice.strategy", ""),
        ("{strategy: coverage}", "demand: [[143.0, -87.9, 1]]\n", "demand[0]", "[lat, lon, weight]"),
    ):
        with pytest.raises(PolicyInvalid) as exc:
            load_policy(_doc(choice, demand))
        assert any(e.field == field and words in e.message for e in exc.value.errors), exc.value.errors


def test_coverage_keeps_the_lone_unit_for_its_area() -> None:
    """Two units, 0 km and 12 km east; demand mostly 26 km east, which only the second covers.
    A call at 10 km: closest sends the second, and a call at 27 km a minute later finds nobody
    in reach; coverage sends the first and both calls are served."""
    response = load_policy(POLICY.read_bytes()).responses["star"]
    assert 16_000 < response.radius_m < 17_000  # 40 min at 35 km/h x 1.35, 2 min turnout
    demand = Demand([(*east(0), 1.0), (*east(26), 100.0)])
    calls = [east(10), east(27)]
    lat = np.array([c[0] for c in calls])
    lon = np.array([c[1] for c in calls])
    ts = np.array([0.0, 60.0])
    mow = np.array([600, 601], dtype=np.int32)
    fleet = Fleet([east(0), east(12)], [np.ones(WEEK, dtype=bool)] * 2)
    service = np.array([3600.0, 3600.0])
    high = np.zeros(2, dtype=bool)
    closest = simulate_choice(lat, lon, ts, mow, high, service, fleet, response, "closest")
    coverage = simulate_choice(lat, lon, ts, mow, high, service, fleet, response, "coverage", demand=demand)
    assert (closest.served, coverage.served) == (1, 2)
    assert coverage.differs == 1 and closest.differs == 0
    # The reserve keeps the last unit from a call not ranked high; a wait serves it when one frees.
    one = Fleet([east(0)], [np.ones(WEEK, dtype=bool)])
    kept = simulate_choice(
        lat[:1], lon[:1], ts[:1], mow[:1], high[:1], service[:1], one, response, "closest", reserve=True
    )
    assert (kept.served, kept.kept_back) == (0, 1)


def test_demand_cells_and_posts() -> None:
    lat = np.array([43.001, 43.002, 43.051, 43.052, 43.053])
    lon = np.array([-87.901, -87.902, -87.951, -87.952, -87.953])
    cells = demand_cells(lat, lon)
    assert sorted(c[2] for c in cells) == [2.0, 3.0]
    found = sorted(posts(lat, lon, 2))
    assert found[0] == pytest.approx((43.0015, -87.9015)) and found[1] == pytest.approx((43.052, -87.952))


def test_evaluation_on_the_public_export_runs() -> None:
    out = evaluate(seeds=2, units=2)
    assert out["eligible_test_calls"] > 100 and out["train_days"] == out["test_days"] == 5
    base = out["strategies"]["closest idle"]
    assert 0 < base["served_share_mean"] < 1 and base["not_closest_mean"] == 0
    assert out["strategies"]["coverage (MEXCLP)"]["not_closest_mean"] > 0


def test_the_committed_demand_file_is_the_builder_output_and_compiles() -> None:
    """deploy/replay/milwaukee-demand.yaml is what `python -m service.replay.demand` gives for the
    first five days of the public export, and a policy with it and a coverage choice compiles."""
    committed = yaml.safe_load((ROOT / "deploy" / "replay" / "milwaukee-demand.yaml").read_text())
    export = ROOT / "tests" / "data" / "replay" / "exports" / "milwaukee_mpd_calls_2018-05.csv"
    built = build_demand(export, ROOT / "deploy" / "replay" / "milwaukee.yaml", "star", first_days=5)
    assert committed == built and "on 5 days" in committed["demand_source"]
    calls = int(committed["demand_source"].split(": ")[1].split()[0])
    assert sum(w for _, _, w in committed["demand"]) == calls
    policy = load_policy(_doc("{strategy: coverage}", yaml.safe_dump(committed)))
    demand = policy.responses["star"].demand
    assert demand is not None and len(demand) == len(built["demand"])
    assert policy.document.demand_source == committed["demand_source"]
