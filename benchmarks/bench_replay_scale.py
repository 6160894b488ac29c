"""A statewide year through `dispatch-assist replay`: time and peak memory at millions of calls.

    python -m benchmarks.bench_replay_scale make --calls 10000000 --out /tmp/cfs-10m.csv
    python -m benchmarks.bench_replay_scale run /tmp/cfs-10m.csv [--json FILE]

`make` writes a CSV in the shape of the Milwaukee export (tests/data/replay/exports/), each row a
real Milwaukee call moved by whole weeks (service/replay/synthetic.py), so the call mix, weekly
pattern and coordinates are real and the file is as large as asked. `run` replays it through the
CLI in this process (read, classify, summarise, charts, HTML; no roster) and reports wall time and
the peak resident memory of the process (getrusage). Figures go to docs/performance.md ("Replay at
scale") and docs/replay.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from service.cli import main as cli
from service.policy.compile import load_policy
from service.replay.calls import read_calls
from service.replay.mapping import load_mapping
from service.replay.synthetic import resample

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "replay" / "exports" / "milwaukee_mpd_calls_2018-05.csv"
MAPPING = ROOT / "deploy" / "replay" / "milwaukee.yaml"


def make(calls: int, out: Path, seed: int = 1) -> dict[str, Any]:
    mapping = load_mapping(MAPPING)
    policy = load_policy((Path(mapping.base) / str(mapping.policy)).read_bytes(), "bench")
    real = read_calls(SAMPLE, mapping, policy.tz)
    started = time.perf_counter()
    big = resample(real.take(real.order()), calls, seed=seed)
    wall = (
        pl.Series(big.ts * 1e6)
        .cast(pl.Int64)
        .cast(pl.Datetime("us", "UTC"))
        .dt.convert_time_zone(policy.tz.key)
        .dt.strftime("%Y-%m-%d %H:%M:%S")
    )
    assert big.lat is not None and big.lon is not None
    frame = pl.DataFrame(
        {
            "id": pl.int_range(1, len(big) + 1, eager=True),
            "time": wall,
            "latitude": big.lat,
            "longitude": big.lon,
            "district": [big.zones[z] for z in big.zone.tolist()],
            "nature": pl.Series(big.codes)[big.code.tolist()],
        }
    )
    frame.write_csv(out)
    return {
        "calls": len(big),
        "weeks": big.meta["synthetic"]["weeks"],
        "seconds": round(time.perf_counter() - started, 1),
    }


def run(calls_csv: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        code = cli.main(["replay", str(calls_csv), "--mapping", str(MAPPING), "--out", tmp, "--no-progress"])
        seconds = time.perf_counter() - started
        summary = json.loads((Path(tmp) / "summary.json").read_text()) if code == 0 else {}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_kib = usage.ru_maxrss
    return {
        "machine": f"{platform.machine()}, Python {platform.python_version()}, polars {pl.__version__}",
        "exit": code,
        "calls": summary.get("classification", {}).get("calls"),
        "file_mb": round(calls_csv.stat().st_size / 1e6, 1),
        "seconds": round(seconds, 1),
        # CPU time of the process: on a shared machine wall time includes waiting for a core.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "read_seconds": summary.get("speed", {}).get("read_seconds"),
        "classify_seconds": summary.get("speed", {}).get("classify_seconds"),
        "peak_rss_mb": round(peak_kib / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("--calls", type=int, default=10_000_000)
    m.add_argument("--out", required=True)
    r = sub.add_parser("run")
    r.add_argument("calls")
    r.add_argument("--json")
    args = parser.parse_args()
    if args.cmd == "make":
        print(json.dumps(make(args.calls, Path(args.out))))
        return
    out = run(Path(args.calls))
    print(json.dumps(out), file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
