"""CPU cost of the program-metrics hook on POST /v1/calls (a script, not a test).

    python -m benchmarks.bench_program_metrics [--n 2000] [--reps 15]

Recommendations for Denver's example policy (its first 20 call types in turn, every unit free) are
fed to `api.program_metrics.observe_recommendation` (with and without the CAD's received_at) and,
for scale, to the existing `api.metrics.record_recommendation`. Reports the best of `reps` passes in
µs per call: the machine is shared, and the best pass is the one least disturbed by others.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from api import program_metrics
from api.metrics import record_recommendation
from service.domain.decision import recommend
from service.domain.model import CallEvent, Location, Recommendation
from service.policy.compile import load_policy
from service.programs.classify import classify

ROOT = Path(__file__).resolve().parent.parent
UNIT_TYPES = ("police", "ems", "engine", "crisis_van", "clinician", "outreach", "star_van", "co_responder")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=15)
    args = parser.parse_args(argv)
    policy = load_policy((ROOT / "deploy" / "policies" / "denver.yaml").read_bytes(), "denver@1")
    now = datetime(2026, 3, 4, 12, 0, tzinfo=ZoneInfo("America/Denver"))
    types = sorted(policy.call_types)[:20]
    free = {t: [(f"{t}-1", 500.0)] for t in UNIT_TYPES}
    recs = [recommend(CallEvent(incident_id=f"i{i}", seq=1, call_type=types[i % len(types)],
                                location=Location(lat=39.74, lon=-104.99)), policy, free, now, f"r_{i:x}")
            for i in range(args.n)]
    view = program_metrics.prepare(policy)
    eligible = sum(classify(r, view).eligible for r in recs)

    def best(fn: Callable[[Recommendation], object]) -> float:
        passes = []
        for _ in range(args.reps):
            start = time.perf_counter()
            for r in recs:
                fn(r)
            passes.append((time.perf_counter() - start) / len(recs) * 1e6)
        return min(passes)

    print(f"{len(recs)} recommendations, {eligible} eligible; best of {args.reps} passes, µs per call:")
    cases: list[tuple[str, Callable[[Recommendation], object]]] = [
        ("observe_recommendation, with received_at",
         lambda r: program_metrics.observe_recommendation("denver", policy, r, now)),
        ("observe_recommendation, without received_at",
         lambda r: program_metrics.observe_recommendation("denver", policy, r, None)),
        ("classify alone", lambda r: classify(r, view)),
        ("record_recommendation (existing, for scale)", lambda r: record_recommendation("denver", r)),
    ]
    for label, fn in cases:
        print(f"  {label + ':':46} {best(fn):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
