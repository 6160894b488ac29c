"""Screening + decision for one call in the pure core: p50/p99 per call (not a test; prints figures).

    python -m benchmarks.bench_decision [--n 20000]

Uses the Denver example policy, a 500-character narrative and a realistic availability map.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from service.decision import decide, plan, to_recommendation
from service.model import CallEvent, Location, Screening
from service.policy import load_policy

ROOT = Path(__file__).resolve().parent.parent
NARRATIVE = (
    "RP states her adult son is in the front yard yelling at cars and talking to himself, has been off his "
    "meds for about two weeks per RP. No weapons seen, RP denies any guns in the house. Subj has not hit "
    "anyone but threw a chair earlier, not at anyone. Poss ETOH, unk drugs. Subj is 34 yo male, wearing a "
    "red hoodie and jeans, barefoot. RP is worried he will walk into traffic. RP requests someone to talk "
    "with him, does not want him arrested. Hx of similar calls at this address, no hx of violence known."
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    policy = load_policy((ROOT / "deploy" / "policies" / "denver.yaml").read_bytes(), "denver@bench")
    call = CallEvent("bench-1", 1, "EDP", Location(39.7439, -104.9899), priority=3, narrative=NARRATIVE[:500],
                     screening=Screening(weapon=False, violence=None, medical=False))
    units = {t: [(f"{t}-{i}", 400.0 * (i + 1)) for i in range(5)]
             for t in {u for r in policy.responses.values() for u in r.unit_types}}
    now = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
    samples = []
    for _ in range(2000):  # warm-up
        to_recommendation(call, policy, p := plan(call, policy, now), decide(p, units), now, "r")
    for _ in range(args.n):
        start = time.perf_counter_ns()
        p = plan(call, policy, now)
        to_recommendation(call, policy, p, decide(p, units), now, "r")
        samples.append(time.perf_counter_ns() - start)
    samples.sort()
    q = statistics.quantiles(samples, n=1000)
    print(f"narrative {len(call.narrative)} chars, {args.n} calls: p50 {q[499] / 1000:.1f} µs, "
          f"p99 {q[989] / 1000:.1f} µs, p99.9 {q[998] / 1000:.1f} µs, max {samples[-1] / 1000:.1f} µs")


if __name__ == "__main__":
    main()
