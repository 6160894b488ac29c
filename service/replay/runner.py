"""One replay end to end, without files or flags: calls + policy (+ roster) -> the JSON summary.

The CLI (service/replay/cli.py) and the benchmark (benchmarks/bench_replay.py) both call `run`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import msgspec

from service.policy.compile import CompiledPolicy, load_policy
from service.replay.assumptions import (
    Assumption,
    describe,
    diversion,
    diversion_three_ways,
    learned_for,
    policy_for,
)
from service.replay.calls import CallTable
from service.replay.classify import Classification, classify
from service.replay.equity import access_by_hour, equity
from service.replay.figures import eligible, scenario_figures, served_civilian
from service.replay.progress import Progress
from service.replay.roster import RosterFile, Scenario, describe_roster, service_models
from service.replay.servicetime import ServiceLog
from service.replay.simulate import SimResult, simulate
from service.replay.summary import share, summarise

__all__ = ["Options", "run", "with_hours"]


@dataclass
class Options:
    roster: RosterFile | None = None
    service_log: ServiceLog | None = None
    what_ifs: list[Scenario] = field(default_factory=list)
    hold_minutes: float | None = None  # overrides the roster's
    seed: int | None = None  # overrides the roster's
    # Service times are random: each scenario runs with this many seeds (seed, seed+1, ...) and
    # reports the range of the share served; charts and equity use the first.
    seeds: int = 5
    min_zone_calls: int = 30
    equity_ratio: float = 0.8
    cache: bool = True
    descriptions: dict[str, str] = field(default_factory=dict)
    zone_names: dict[str, str] = field(default_factory=dict)
    # What the replay assumes about screening answers (exports hold none): blank, implied or no.
    answers: Assumption = "implied"


def with_hours(policy: CompiledPolicy, hours: dict[str, list[str]]) -> CompiledPolicy:
    """The policy with some responses' operating hours replaced (validated like any policy)."""
    data = msgspec.to_builtins(policy.document)
    for name, specs in hours.items():
        if name not in data["responses"]:
            raise ValueError(f"what-if hours: {name!r} is not a response of the policy")
        data["responses"][name]["hours"] = list(specs)
    return load_policy(data, version=f"{policy.version}+hours")


def _over_seeds(
    first: SimResult, others: list[SimResult], planned: Classification, seeds: list[int]
) -> dict[str, Any]:
    """The share of eligible calls served by a civilian team under each seed: min, max, mean."""
    elig = eligible(planned)
    n = int(elig.sum())
    served = [int((served_civilian(planned, s) & elig).sum()) for s in (first, *others)]
    shares = [share(v, n) for v in served]
    return {
        "seeds": seeds,
        "served_civilian": {"min": min(served), "max": max(served), "each": served},
        "served_civilian_share": {
            "min": min(shares),
            "max": max(shares),
            "mean": round(sum(shares) / len(shares), 4),
        },
    }


def run(
    table: CallTable, policy: CompiledPolicy, options: Options, progress: Progress | None = None
) -> dict[str, Any]:
    """Classify every call, then simulate each scenario; `table` must be sorted by time."""
    progress = progress or Progress(False)
    assumed = options.answers
    learned = learned_for(policy, assumed)
    with progress.task("classifying calls (plan)", len(table)) as advance:
        result = classify(table, policy_for(policy, assumed), cache=options.cache, progress=advance,
                          learned=learned)
    started = time.perf_counter()
    summary = summarise(table, result, options.descriptions, options.zone_names)
    out: dict[str, Any] = {
        "policy": {
            "jurisdiction": policy.jurisdiction,
            "version": policy.version,
            "name": policy.document.name,
            "notice": policy.document.notice,
            "timezone": policy.tz.key,
        },
        "classification": summary,
        "answers": {"assumption": assumed, "text": describe(assumed), "diversion": diversion(table, result)},
        "diversion_by_assumption": diversion_three_ways(table, policy, cache=options.cache),
        "speed": {
            "calls": table.calls,
            # Rows classified: fewer than the calls when they were read as weighted calls (stream.py).
            "rows_classified": len(table),
            "classify_seconds": round(result.seconds, 4),
            "classify_calls_per_s": round(table.calls / result.seconds) if result.seconds else None,
            "plan_groups": result.groups,
            "summary_seconds": round(time.perf_counter() - started, 4),
        },
        "simulation": None,
        "equity": [],
    }
    roster = options.roster
    if roster is None:
        return out
    scenarios = roster.all_scenarios() + options.what_ifs
    hold = options.hold_minutes if options.hold_minutes is not None else roster.hold_minutes
    seed = options.seed if options.seed is not None else roster.seed
    used = {u for r in policy.responses.values() for u in r.unit_types}
    for scenario in scenarios:
        unknown = sorted(set(scenario.roster(roster.units)) - used)
        if unknown:
            raise ValueError(
                f"{scenario.name}: unit type {', '.join(unknown)} is not used by any response of "
                f"the policy (its unit types: {', '.join(sorted(used))})"
            )
    sims: list[dict[str, Any]] = []
    for scenario in scenarios:
        units = scenario.roster(roster.units)
        models = service_models(roster, list(units), options.service_log)
        planned: Classification = result
        if scenario.hours:
            planned = classify(table, policy_for(with_hours(policy, scenario.hours), assumed),
                               cache=options.cache, learned=learned)
        with progress.task(f"simulating: {scenario.name[:22]}", len(table)) as advance:
            sim = simulate(
                table,
                planned,
                scenario,
                base=roster.units,
                models=models,
                seed=seed,
                default_hold=hold,
                progress=advance,
            )
        sims.append(scenario_figures(table, planned, sim, describe_roster(units), models))
        sims[-1]["seeds"] = _over_seeds(
            sim,
            [
                simulate(
                    table,
                    planned,
                    scenario,
                    base=roster.units,
                    models=models,
                    seed=seed + k,
                    default_hold=hold,
                )
                for k in range(1, max(1, options.seeds))
            ],
            planned,
            [seed + k for k in range(max(1, options.seeds))],
        )
        sims[-1]["policy_hours"] = scenario.hours
        out["equity"].append(
            equity(
                table,
                planned,
                sim,
                zone_names=options.zone_names,
                min_calls=options.min_zone_calls,
                ratio=options.equity_ratio,
            )
        )
        if len(sims) == 1:
            out["access_by_hour"] = access_by_hour(table, result, sim)
    out["simulation"] = {
        "seed": seed,
        "hold_minutes": hold,
        "service_log": options.service_log.describe() if options.service_log is not None else None,
        "scenarios": sims,
    }
    out["speed"]["simulate_seconds"] = {s["name"]: s["seconds"] for s in sims}
    return out
