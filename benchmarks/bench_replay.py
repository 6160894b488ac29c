"""Replay speed on one core: the classification pass (calls/s) and one million calls simulated.

    python -m benchmarks.bench_replay [--calls 1000000] [--repeat 5] [--json FILE]

Uses the real San Diego PD export in data/ with deploy/replay/san-diego.yaml (the SD
policy and its local_codes) and the roster deploy/replay/san-diego-roster.yaml with the Lane County
service times. The million-call stream is the real calls resampled over ~2 years (whole-week
shifts, service/replay/synthetic.py). The process is pinned to one CPU. Figures go to
docs/performance.md ("Replay").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from service.policy.compile import load_policy
from service.replay.calls import read_calls
from service.replay.classify import classify
from service.replay.equity import equity
from service.replay.figures import scenario_figures
from service.replay.mapping import load_mapping
from service.replay.roster import describe_roster, load_roster, resolve_log, service_models
from service.replay.runner import Options, run
from service.replay.simulate import simulate
from service.replay.summary import summarise
from service.replay.synthetic import resample

ROOT = Path(__file__).resolve().parent.parent
CALLS = ROOT / "data" / "san_diego_pd_cfs" / "pd_calls_for_service_2023_datasd.csv"


def _timed(fn: Any, repeat: int) -> tuple[Any, list[float]]:
    times, out = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return out, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    mapping = load_mapping(ROOT / "deploy" / "replay" / "san-diego.yaml")
    policy = load_policy((Path(mapping.base) / str(mapping.policy)).read_bytes(), "san-diego@bench")
    roster = load_roster(ROOT / "deploy" / "replay" / "san-diego-roster.yaml")
    log = resolve_log(roster, None)
    out: dict[str, Any] = {
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
    }

    table, t = _timed(lambda: read_calls(CALLS, mapping, policy.tz), args.repeat)
    real = table.take(table.order())
    n = len(real)
    out["read_real"] = {"calls": n, "seconds": round(min(t), 4), "calls_per_s": round(n / min(t))}

    result, t = _timed(lambda: classify(real, policy), args.repeat)
    out["classify_real"] = {
        "calls": n,
        "seconds": round(statistics.median(t), 4),
        "calls_per_s": round(n / statistics.median(t)),
        "plan_groups": result.groups,
    }
    _, t = _timed(lambda: classify(real, policy, cache=False), 1)
    out["plan_per_call_real"] = {"calls": n, "seconds": round(t[0], 3), "calls_per_s": round(n / t[0])}
    _, t = _timed(lambda: summarise(real, result), args.repeat)
    out["summarise_real"] = {"seconds": round(statistics.median(t), 4)}
    report, t = _timed(lambda: run(real, policy, Options(roster=roster, service_log=log)), 1)
    out["full_run_real"] = {"scenarios": len(report["simulation"]["scenarios"]), "seconds": round(t[0], 3)}

    started = time.perf_counter()
    big = resample(real, args.calls, seed=1)
    out["resample"] = {
        "calls": len(big),
        "weeks": big.meta["synthetic"]["weeks"],
        "seconds": round(time.perf_counter() - started, 2),
    }
    started = time.perf_counter()
    big_result = classify(big, policy)
    classify_s = time.perf_counter() - started
    out["classify_1m"] = {
        "calls": len(big),
        "seconds": round(classify_s, 3),
        "calls_per_s": round(len(big) / classify_s),
        "plan_groups": big_result.groups,
    }
    scenario = roster.all_scenarios()[0]
    units = scenario.roster(roster.units)
    models = service_models(roster, list(units), log)
    started = time.perf_counter()
    sim = simulate(big, big_result, scenario, base=roster.units, models=models, seed=roster.seed)
    sim_s = time.perf_counter() - started
    started = time.perf_counter()
    figures = scenario_figures(big, big_result, sim, describe_roster(units), models)
    equity(big, big_result, sim)
    figures_s = time.perf_counter() - started
    out["simulate_1m"] = {
        "calls": len(big),
        "eligible": figures["eligible"],
        "simulated_calls": sim.simulated_calls,
        "classify_seconds": round(classify_s, 3),
        "simulate_seconds": round(sim_s, 3),
        "figures_seconds": round(figures_s, 3),
        "total_seconds": round(classify_s + sim_s + figures_s, 3),
        "served_civilian_share": figures["served_civilian_share"],
    }
    started = time.perf_counter()
    report = run(big, policy, Options(roster=roster, service_log=log))
    out["full_run_1m"] = {
        "calls": len(big),
        "scenarios": [s["name"] for s in report["simulation"]["scenarios"]],
        "seconds": round(time.perf_counter() - started, 3),
        "simulate_seconds": report["speed"]["simulate_seconds"],
        "served_civilian_share": {
            s["name"]: s["served_civilian_share"] for s in report["simulation"]["scenarios"]
        },
    }
    print(json.dumps(out, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
