"""Screening + decision for one call in the pure core: p50/p99 per call (not a test; prints figures).

    python -m benchmarks.bench_decision [--n 20000] [--against REV] [--python] [--choice]

Uses the Denver example policy, a 500-character narrative and a realistic availability map. Each
call (plan + decide + to_recommendation) is timed on its own, once with time.perf_counter_ns (wall
clock, what a caller waits) and once with time.thread_time_ns (CPU time of this thread, which leaves
out the time other processes on a shared machine hold the CPU), with the GC off while timing. The
same call without a narrative is timed too: the decision's own share. --against REV runs the call
with service/screening/screen.py as it was at git revision REV and with the current one in turn, call by
call (CPU time): the fair comparison on a machine whose speed drifts. --python screens with the
Python reader, the native one (service/screening/csrc/) switched off. After the narrative lines, a plain
loop of the same median is timed the same way (the tail this machine gives any work that long), and
the machine's own pauses are counted: how often, and for how long, its host stops it. --choice
interleaves the call under the policy as it is and under the same policy with a coverage choice and
last-van reserve on STAR (a 20 x 20 grid of 1 km demand cells, 5 free vans 400 m apart with their
positions, so every call weighs a real choice), CPU time call by call, and prints the ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import math
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import service.domain.answers
import service.domain.decision
from benchmarks.bench_screening import load_screening
from service.domain.decision import decide, plan, to_recommendation
from service.domain.model import CallEvent, Location, Screening
from service.policy.compile import CompiledPolicy, load_policy
from service.screening.screen import ScreeningTerms

ROOT = Path(__file__).resolve().parent.parent
NARRATIVE = (
    "RP states her adult son is in the front yard yelling at cars and talking to himself, has been off his "
    "meds for about two weeks per RP. No weapons seen, RP denies any guns in the house. Subj has not hit "
    "anyone but threw a chair earlier, not at anyone. Poss ETOH, unk drugs. Subj is 34 yo male, wearing a "
    "red hoodie and jeans, barefoot. RP is worried he will walk into traffic. RP requests someone to talk "
    "with him, does not want him arrested. Hx of similar calls at this address, no hx of violence known."
)


def _samples(run: Callable[[], object], n: int, clock: Callable[[], int]) -> list[int]:
    for _ in range(2000):  # warm-up
        run()
    samples = []
    gc.disable()
    try:
        for _ in range(n):
            start = clock()
            run()
            samples.append(clock() - start)
    finally:
        gc.enable()
    return sorted(samples)


def _figures(samples: list[int]) -> str:
    q = statistics.quantiles(samples, n=1000)
    return (f"p50 {q[499] / 1000:.1f} µs, p99 {q[989] / 1000:.1f} µs, p99.9 {q[998] / 1000:.1f} µs, "
            f"max {samples[-1] / 1000:.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--against", metavar="REV", help="interleave with screening.py of this git revision")
    parser.add_argument("--python", action="store_true", help="screen with the Python reader only")
    parser.add_argument("--choice", action="store_true",
                        help="interleave the call without and with the coverage choice on STAR (CPU time)")
    parser.add_argument("--ask-cost", action="store_true",
                        help="interleave the call with `ask` worked out and with it left out (CPU time)")
    args = parser.parse_args()
    policy = load_policy((ROOT / "deploy" / "policies" / "denver.yaml").read_bytes(), "denver@bench")
    units = {t: [(f"{t}-{i}", 400.0 * (i + 1)) for i in range(5)]
             for t in {u for r in policy.responses.values() for u in r.unit_types}}
    now = datetime(2026, 11, 25, 19, 0, tzinfo=UTC).astimezone(policy.tz)  # as the API reads its clock
    terms = dataclasses.replace(policy.terms, native=None) if args.python else policy.terms

    def runner(narrative: str) -> Callable[[], object]:
        call = CallEvent("bench-1", 1, "EDP", Location(39.7439, -104.9899), priority=3, narrative=narrative,
                         screening=Screening(weapon=False, violence=None, medical=False))

        def run() -> object:
            p = plan(call, policy, now, terms)
            return to_recommendation(call, policy, p, decide(p, units), now, "r")

        return run

    reader = "native" if terms.native is not None else "Python"
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.2f}, {args.n} calls per line, {reader} reader")
    if args.against:
        _compare(runner(NARRATIVE[:500]), args.n, args.against)
        return
    if args.choice:
        for narrative in (NARRATIVE[:500], ""):
            _choice_cost(narrative, args.n, now)
        return
    if args.ask_cost:
        for narrative in (NARRATIVE[:500], ""):
            what = f"narrative {len(narrative)} chars" if narrative else "no narrative"
            _ask_cost(runner(narrative), args.n, what)
        return
    for narrative in (NARRATIVE[:500], ""):
        what = f"narrative {len(narrative)} chars" if narrative else "no narrative (decision alone)"
        wall = _samples(runner(narrative), args.n, time.perf_counter_ns)
        print(f"{what}: wall {_figures(wall)}")
        print(f"{what}: CPU  {_figures(_samples(runner(narrative), args.n, time.thread_time_ns))}")
        if narrative:
            print(f"  the machine's own spread: {_floor(statistics.median(wall), args.n)}")
            print(f"  the machine's pauses: {_pauses(statistics.median(wall))}")


def _floor(p50_ns: float, n: int) -> str:
    """A plain loop (sum over a range) sized to take the call's median, timed the same way: what this
    machine adds to the tail of any work that long. On a shared VM it can dominate the p99."""
    unit = min(_samples(lambda: sum(range(1000)), 200, time.perf_counter_ns)) / 1000
    size = max(1, int(p50_ns / unit))
    return f"sum(range({size})): wall {_figures(_samples(lambda: sum(range(size)), n, time.perf_counter_ns))}"


def _pauses(p50_ns: float, seconds: float = 1.0) -> str:
    """How often the clock jumps while this process spins on it: a virtual machine's host stops it
    now and then, and the guest counts most such stops as the process's own CPU time (so CPU-time
    figures carry them too). A call that spans a pause takes that much longer; when more than 1 % of calls
    span one, the p99 is a paused call."""
    clock, gaps = time.perf_counter_ns, []
    last = clock()
    end = last + int(seconds * 1e9)
    while last < end:
        now = clock()
        if now - last > 3000:  # a spin step takes well under 1 µs: anything over 3 µs is a pause
            gaps.append(now - last)
        last = now
    if not gaps:
        return f"none over 3 µs in {seconds:.0f} s"
    per_ms = len(gaps) / (seconds * 1000)
    q = statistics.quantiles(gaps, n=10) if len(gaps) > 1 else [gaps[0]] * 9
    return (f"{per_ms:.2f} a ms, median {statistics.median(gaps) / 1000:.1f} µs, p90 {q[8] / 1000:.1f} µs: "
            f"a call of the median length spans one {100 * per_ms * p50_ns / 1e6:.1f} % of the time")


def _choice_cost(narrative: str, n: int, now: datetime) -> None:
    """The same call under Denver's policy without and with `choice` on STAR, call by call."""
    text = (ROOT / "deploy" / "policies" / "denver.yaml").read_text()
    lat0, lon0 = 39.7439, -104.9899
    km_lon = 1 / (111.32 * math.cos(math.radians(lat0)))
    rng = random.Random(21)
    cells = [[round(lat0 + (i - 10) / 111.32, 5), round(lon0 + (j - 10) * km_lon, 5), rng.randint(0, 40)]
             for i in range(20) for j in range(20)]
    choice = "    choice: {strategy: coverage, busy_fraction: 0.5, reserve_last_for: [1, 2]}\n"
    with_choice = text.replace("    units: [star_van]\n", "    units: [star_van]\n" + choice, 1)
    with_choice += "demand: " + json.dumps(cells) + "\n"
    policies = {"without choice": load_policy(text, "off"), "with choice": load_policy(with_choice, "on")}
    assert policies["with choice"].responses["star"].demand is not None
    units = {t: [(f"{t}-{i}", 400.0 * (i + 1)) for i in range(5)]
             for t in {u for r in policies["without choice"].responses.values() for u in r.unit_types}}
    positions = {f"star_van-{i}": (lat0, lon0 + 0.4 * (i + 1) * km_lon) for i in range(5)}
    # All three questions answered (the main lines leave violence unasked, which holds STAR back).
    call = CallEvent("bench-1", 1, "EDP", Location(lat0, lon0), priority=3, narrative=narrative,
                     screening=Screening(weapon=False, violence=False, medical=False))
    # Units that moved since the last call: a new set of positions every call (up to ~300 m away),
    # so the losses are computed afresh (the cover rows of positions met before are reused).
    moved = [
        {u: (a + rng.uniform(-0.003, 0.003), b + rng.uniform(-0.004, 0.004))
         for u, (a, b) in positions.items()}
        for _ in range(max(n, 1000) + 1000)
    ]
    turn = iter(range(10**9))

    def runner(policy: CompiledPolicy, moving: bool = False) -> Callable[[], object]:
        def run() -> object:
            p = plan(call, policy, now)
            at = moved[next(turn) % len(moved)] if moving else positions
            return to_recommendation(call, policy, p, decide(p, units, at), now, "r")
        return run

    runs = {
        "without choice": runner(policies["without choice"]),
        "with choice": runner(policies["with choice"]),
        "with choice, units moved": runner(policies["with choice"], moving=True),
    }
    got = runs["with choice"]()
    assert got.response == "star", got.reasons  # type: ignore[attr-defined]
    samples: dict[str, list[int]] = {name: [] for name in runs}
    for _ in range(1000):
        for run in runs.values():
            run()
    gc.disable()
    try:
        for _ in range(n):
            for name, run in runs.items():
                start = time.thread_time_ns()
                run()
                samples[name].append(time.thread_time_ns() - start)
    finally:
        gc.enable()
    what = f"narrative {len(narrative)} chars" if narrative else "no narrative"
    for name, got_ns in samples.items():
        print(f"{what}, {name}: CPU {_figures(sorted(got_ns))}")
    off, on = (statistics.quantiles(sorted(samples[k]), n=100) for k in ("without choice", "with choice"))
    print(f"{what}: with/without p50 {on[49] / off[49]:.2f}x (+{(on[49] - off[49]) / 1000:.1f} µs), "
          f"p99 {on[98] / off[98]:.2f}x")
    moving = statistics.quantiles(sorted(samples["with choice, units moved"]), n=100)
    print(f"{what}: units moved / without p50 {moving[49] / off[49]:.2f}x "
          f"(+{(moving[49] - off[49]) / 1000:.1f} µs), p99 {moving[98] / off[98]:.2f}x")


def _ask_cost(run: Callable[[], object], n: int, what: str) -> None:
    """What `ask` adds: the same call with service.domain.decision._ask as it is and stubbed out,
    call by call. The call leaves a civilian team held for an unasked question, so `ask` is
    worked out every time (the held responses' questions are looked up once per policy)."""
    module = vars(service.domain.decision)
    real = module["_ask"]
    samples: dict[str, list[int]] = {"with ask": [], "without": []}
    for _ in range(1000):
        run()
    gc.disable()
    try:
        for _ in range(n):
            for name, ask in (("with ask", real), ("without", lambda p, chosen: [])):
                module["_ask"] = ask
                start = time.thread_time_ns()
                run()
                samples[name].append(time.thread_time_ns() - start)
    finally:
        gc.enable()
        module["_ask"] = real
    for name, got in samples.items():
        print(f"{what}, {name}: CPU {_figures(sorted(got))}")
    added = statistics.median(samples["with ask"]) - statistics.median(samples["without"])
    print(f"{what}: ask adds p50 {added / 1000:.2f} µs")


def _compare(run: Callable[[], object], n: int, rev: str) -> None:
    """The policy's vocabulary is the default one: REV's default stands in for it."""
    before = load_screening(rev)
    module = vars(service.domain.answers)  # plan() screens with the screen_narrative found here
    now = module["screen_narrative"]

    def then(text: str, terms: ScreeningTerms) -> object:
        return before.screen_narrative(text, before.DEFAULT_TERMS)

    old: list[int] = []
    new: list[int] = []
    for _ in range(1000):  # warm-up
        for screen in (then, now):
            module["screen_narrative"] = screen
            run()
    gc.disable()
    try:
        for _ in range(n):
            for screen, samples in ((then, old), (now, new)):
                module["screen_narrative"] = screen
                start = time.thread_time_ns()
                run()
                samples.append(time.thread_time_ns() - start)
    finally:
        gc.enable()
        module["screen_narrative"] = now
    for name, samples in ((rev, old), ("now", new)):
        print(f"narrative 500 chars, screening of {name}: CPU {_figures(sorted(samples))}")


if __name__ == "__main__":
    main()
