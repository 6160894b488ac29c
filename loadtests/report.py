"""Machine facts, the printed table and the peak-rate summary for load-test results.

Every result file carries the machine and versions it was measured on: latency numbers from a 2-vCPU
VM and from a workstation are not comparable, and the JSON must say which is which.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from typing import Any

__all__ = [
    "BASELINES",
    "format_ratios",
    "format_table",
    "intrinsic_jitter",
    "machine_info",
    "peak_rates",
    "rate_is_within_slo",
    "ratios",
    "system_busy_seconds",
    "wait_for_quiet",
]

PACKAGES = (
    "litestar", "msgspec", "redis", "hiredis", "granian", "uvicorn", "uvloop", "httptools", "hdrhistogram",
)  # fmt: skip


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _redis_version() -> str | None:
    try:
        cmd = ["redis-server", "--version"]
        out = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return next((w.split("=", 1)[1] for w in out.stdout.split() if w.startswith("v=")), None)


def machine_info() -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "nproc": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "kernel": platform.release(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "python_impl": platform.python_implementation(),
        "packages": versions,
        "redis_server": _redis_version(),
    }


_PROBE = r"""
import os, sys, time
os.sched_setaffinity(0, {int(sys.argv[1])})
pc = time.perf_counter; end = pc() + float(sys.argv[2]); last = pc(); stalls = []
while last < end:
    now = pc()
    if now - last > 1e-4: stalls.append(now - last)
    last = now
print(len(stalls), sum(stalls), max(stalls, default=0.0))
"""


def intrinsic_jitter(seconds: float = 2.0) -> dict[str, Any]:
    """Spin on every core at once and record stalls > 100 µs (cf. `redis-cli --intrinsic-latency`).

    On a shared VM the hypervisor can stop a vCPU for milliseconds when all vCPUs are busy - exactly the
    situation during a load test - and no server can have a p99.9 below that. Recorded with each result.
    """
    cores = list(range(os.cpu_count() or 1))  # every core, even if this process is already pinned
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _PROBE, str(c), str(seconds)], stdout=subprocess.PIPE, text=True
        )
        for c in cores
    ]
    per_core = []
    for core, proc in zip(cores, procs, strict=True):
        out, _ = proc.communicate(timeout=seconds + 30)
        count, total, worst = out.split()
        per_core.append(
            {
                "core": core,
                "stalls_over_100us": int(count),
                "stalled_fraction": round(float(total) / seconds, 4),
                "max_stall_us": round(float(worst) * 1e6),
            }
        )
    return {"seconds": seconds, "all_cores_busy": True, "per_core": per_core}


def system_busy_seconds() -> float:
    """CPU-seconds all cores spent not idle since boot (/proc/stat), to spot other load during a run."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(max_busy: float, max_wait: float, window: float = 1.0) -> tuple[float, float]:
    """Wait (up to max_wait s) for a `window` in which the machine is < max_busy busy (fraction of all
    cores): on a shared box another job's burst would otherwise land in this run's tail.
    Returns (seconds waited, busy fraction of the last window)."""
    ncpu, start, busy = os.cpu_count() or 1, time.monotonic(), 0.0
    while True:
        b0 = system_busy_seconds()
        time.sleep(window)
        busy = (system_busy_seconds() - b0) / (window * ncpu)
        waited = time.monotonic() - start
        if busy < max_busy or waited >= max_wait:
            return round(waited, 1), round(busy, 3)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def rate_is_within_slo(runs: Iterable[Mapping[str, Any]], p99_slo_ms: float) -> bool:
    """Repetitions of one rate: median p99 within the SLO, no errors, and the rate really delivered."""
    runs = list(runs)
    # Judge on the runs no other job disturbed, when there are any.
    results = [r["result"] for r in ([r for r in runs if not r.get("contaminated")] or runs)]
    return (
        bool(results)
        and _median([r["latency_us"]["p99"] for r in results]) <= p99_slo_ms * 1000
        and sum(r["error_count"] for r in results) == 0
        and min(r["rate_ratio"] for r in results) >= 0.98
    )


def peak_rates(runs: Iterable[Mapping[str, Any]], p99_slo_ms: float) -> dict[str, float | None]:
    """Per server/target: the highest tried rate within the SLO with every lower tried rate within it too."""
    groups: dict[str, dict[float, list[Mapping[str, Any]]]] = {}
    for run in runs:
        groups.setdefault(f"{run['server']}/{run['target']}", {}).setdefault(run["rate"], []).append(run)
    peaks: dict[str, float | None] = {}
    for key, by_rate in groups.items():
        peak = None
        for rate in sorted(by_rate):
            if not rate_is_within_slo(by_rate[rate], p99_slo_ms):
                break
            peak = rate
        peaks[key] = peak
    return peaks


def format_table(runs: Sequence[Mapping[str, Any]]) -> str:
    cols = ("server", "target", "rate", "achieved", "p50", "p90", "p99", "p99.9", "max", "errors",
            "lag p99", "srv cpu/req", "gen cpu/req", "bg cpu")  # fmt: skip
    rows = [cols]
    for run in sorted(runs, key=lambda r: (r["server"], r["rate"], r["target"])):
        res, lat = run["result"], run["result"]["latency_us"]
        ms = [f"{lat[k] / 1000:.2f}" for k in ("p50", "p90", "p99", "p99.9", "max")]
        rows.append(
            (
                run["server"],
                run["target"],
                f"{run['rate']:g}",
                f"{res['achieved_rate']:.0f}",
                *ms,
                str(res["error_count"]),
                f"{res['scheduler_lag_us']['p99'] / 1000:.2f}",
                f"{run['server_cpu_us_per_req']:.0f}us",
                f"{res['generator_cpu_us_per_req']:.0f}us",
                f"{run['background_cpu_fraction']:.0%}" + ("!" if run.get("contaminated") else ""),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(cols))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    note = (
        "(latency = completion - intended send, ms; lag = generator send - intended, ms;"
        " bg cpu = other processes' share of all cores during the run)"
    )
    return "\n".join([lines[0], "-" * len(lines[0]), *lines[1:], note])


BASELINES = ("skeleton", "noop")  # the floors every other target is compared with


def ratios(runs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each non-baseline target's median p50 and p99 over each baseline's, same server and rate."""
    medians: dict[tuple[str, float, str], tuple[float, float]] = {}
    groups: dict[tuple[str, float, str], list[Mapping[str, Any]]] = {}
    for run in runs:
        groups.setdefault((run["server"], run["rate"], run["target"]), []).append(run)
    for key, group in groups.items():
        lat = [r["result"]["latency_us"] for r in group]
        medians[key] = (statistics.median(x["p50"] for x in lat), statistics.median(x["p99"] for x in lat))
    out = []
    for (server, rate, target), (p50, p99) in sorted(medians.items()):
        if target in BASELINES:
            continue
        for base in BASELINES:
            if (floor := medians.get((server, rate, base))) is not None and floor[0] > 0 and floor[1] > 0:
                out.append({"server": server, "rate": rate, "target": target, "baseline": base,
                            "p50_ratio": round(p50 / floor[0], 2), "p99_ratio": round(p99 / floor[1], 2)})
    return out


def format_ratios(rows: Sequence[Mapping[str, Any]]) -> str:
    """One line per (target, baseline, rate): how many times the baseline's median p50 and p99."""
    lines = [f"{r['server']:>8}  {r['target']:>12} / {r['baseline']:<8} {r['rate']:>6g}/s  "
             f"p50 x{r['p50_ratio']:.2f}  p99 x{r['p99_ratio']:.2f}" for r in rows]
    return "\n".join(["ratios to the baselines (medians over repetitions):", *lines]) if lines else ""
