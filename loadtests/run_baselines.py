"""Run registered targets (the no-op and skeleton baselines by default) at the same rate(s), side by side.

    python -m loadtests.run_baselines --rate 1000 --duration 10 --out loadtests/results/
    python -m loadtests.run_baselines --rates 500,1000,1500,2000 --duration 10   # peak rate at p99 <= 5 ms
    python -m loadtests.run_baselines --servers granian,uvicorn --plugin service.loadtest_target \
        --targets noop,skeleton,service

Each server/target pair gets a fresh server process pinned to core 0; the generator pins itself to core 1;
one private redis-server (unpinned) serves every target that needs it. Rates run in ascending order
with a warm-up before each; a sweep stops climbing for a target after its first SLO miss (--full-sweep
runs every rate anyway). Results go to a timestamped JSON file with the machine facts.

On a shared box other jobs land in the tail, so before each run the runner waits (up to --quiet-max-wait)
for a quiet second, measures the CPU other processes used during the run, and reruns it (up to
--max-attempts) when that exceeds --max-background; a run kept anyway is marked "contaminated".
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from loadtests._timer import timerfd_available
from loadtests.generator import LoadConfig, Scenario, default_generator_core, pin_to_core, run_load_sync
from loadtests.report import (
    format_ratios,
    format_table,
    intrinsic_jitter,
    machine_info,
    peak_rates,
    rate_is_within_slo,
    ratios,
    system_busy_seconds,
    wait_for_quiet,
)
from loadtests.servers import (
    SERVER_CORE,
    ManagedProcess,
    process_tree_cpu_seconds,
    redis_server,
    start_asgi_server,
)
from loadtests.targets import Target, TargetContext, get_target, load_plugins

__all__ = ["main", "parse_args", "run_matrix"]

RESULT_SCHEMA = 1


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m loadtests.run_baselines", description=__doc__.split("\n")[0])
    ap.add_argument("--rate", type=float, default=1000.0, help="one target rate (req/s)")
    ap.add_argument("--rates", help="comma-separated rates for a sweep; overrides --rate")
    ap.add_argument("--duration", type=float, default=10.0, help="measured seconds per rate")
    ap.add_argument("--warmup", type=float, default=2.0, help="unrecorded seconds before each rate")
    ap.add_argument("--targets", default="noop,skeleton", help="comma-separated registered target names")
    ap.add_argument("--servers", default="uvicorn", help="uvicorn (as served), granian, or both")
    ap.add_argument("--repeat", type=int, default=1, help="runs per rate (the SLO check uses the median p99)")
    ap.add_argument("--connections", type=int, default=64, help="persistent keep-alive connections")
    ap.add_argument("--timeout", type=float, default=5.0, help="hard per-request timeout (s)")
    ap.add_argument("--p99-slo-ms", type=float, default=5.0)
    ap.add_argument("--full-sweep", action="store_true", help="keep climbing after an SLO miss")
    ap.add_argument("--plugin", action="append", default=[], help="module that registers more targets")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("loadtests/results"))
    ap.add_argument("--label", default="", help="free text stored in the result file")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the generator to core 1 (tests)")
    ap.add_argument("--no-realtime", action="store_true",
                    help="leave the pinned generator at normal priority (it asks for SCHED_FIFO)")
    ap.add_argument("--quiet-threshold", type=float, default=0.1, help="machine busy fraction deemed quiet")
    ap.add_argument("--quiet-max-wait", type=float, default=60.0, help="max s to wait for quiet; 0 = off")
    ap.add_argument("--max-background", type=float, default=0.05, help="rerun if others used more CPU")
    ap.add_argument("--max-attempts", type=int, default=3, help="tries per run before keeping a noisy one")
    ap.add_argument("--nice", type=int, default=0, help="e.g. -10: raise server/redis/generator priority")
    ap.add_argument("--jitter-probe", type=float, default=2.0, help="seconds of VM stall probe; 0 = skip")
    return ap.parse_args(argv)


def _rates(args: argparse.Namespace) -> list[float]:
    if args.rates:
        return sorted(float(r) for r in args.rates.split(",") if r.strip())
    return [float(args.rate)]


@contextlib.contextmanager
def _realtime(wanted: bool) -> Iterator[str]:
    """The pinned generator as a real-time task while it runs, when the OS lets it (root on Linux).

    On two cores Redis and the AVL feed share the generator's core; at normal priority the
    scheduler lets them finish a slice before the generator's timer wakes it, so requests left up
    to ~0.8 ms late (p99) on the service runs, against ~0.08 ms on the baselines. The generator
    sleeps on a timerfd between sends and uses ~10 % of its core, so it cannot starve the others;
    children (servers, Redis, the feed) start at normal priority (SCHED_RESET_ON_FORK)."""
    if not wanted or not hasattr(os, "SCHED_FIFO") or not timerfd_available():
        yield "normal"
        return
    before = os.sched_getscheduler(0), os.sched_getparam(0)
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO | os.SCHED_RESET_ON_FORK, os.sched_param(1))
    except OSError:  # not permitted: measure anyway, the lag column shows what it costs
        yield "normal (SCHED_FIFO not permitted)"
        return
    try:
        yield "SCHED_FIFO 1"
    finally:
        os.sched_setscheduler(0, before[0], before[1])


@contextlib.contextmanager
def _maybe_redis(needed: bool, nice: int) -> Iterator[ManagedProcess | None]:
    if not needed:
        yield None
        return
    with redis_server(nice=nice) as redis:
        yield redis


def _measure(
    cfg: LoadConfig, scenario: Scenario, server: ManagedProcess, redis: ManagedProcess | None
) -> tuple[dict[str, Any], float, float]:
    """One run; returns (result, server CPU seconds, other processes' share of all cores meanwhile)."""
    pids = [server.pid] + ([redis.pid] if redis else [])
    ours0 = [process_tree_cpu_seconds(p) for p in pids]
    # This process and its helpers (the scenario's AVL feed runs in a child process of its own).
    me = os.getpid()
    busy0, self0, wall0 = system_busy_seconds(), process_tree_cpu_seconds(me, pids), time.monotonic()
    result = run_load_sync(cfg, scenario)
    ours = [process_tree_cpu_seconds(p) - c for p, c in zip(pids, ours0, strict=True)]
    own = process_tree_cpu_seconds(me, pids) - self0
    busy = system_busy_seconds() - busy0
    background = max(0.0, busy - sum(ours) - own) / ((time.monotonic() - wall0) * (os.cpu_count() or 1))
    return result, ours[0], round(background, 3)


def _run_target(
    target: Target,
    server: str,
    rates: list[float],
    args: argparse.Namespace,
    *,
    redis: ManagedProcess | None,
    runs: list[dict[str, Any]],
) -> None:
    """Append one record per run to `runs` as soon as it exists, so an interrupted sweep keeps them."""
    redis_url = redis.url if redis else None
    if target.setup is not None:
        target.setup(TargetContext(redis_url=redis_url, seed=args.seed))
    env = dict(target.env) | ({"DISPATCH_REDIS_URL": redis_url} if redis_url else {})
    first = len(runs)
    with start_asgi_server(target.app, server, env=env, ready_path=target.ready_path, nice=args.nice) as proc:
        for rate in rates:
            base_url = f"http://127.0.0.1:{proc.port}"
            cfg = LoadConfig(
                "127.0.0.1", proc.port, rate, args.duration, connections=args.connections,
                timeout=args.timeout, warmup=args.warmup,
            )  # fmt: skip
            this_rate: list[dict[str, Any]] = []
            for rep in range(args.repeat):
                if len(runs) > first:
                    time.sleep(0.5)  # let the server's queues and timers settle between runs
                for attempt in range(1, args.max_attempts + 1):
                    waited, idle_busy = (0.0, None)
                    if args.quiet_max_wait > 0:
                        waited, idle_busy = wait_for_quiet(args.quiet_threshold, args.quiet_max_wait)
                    # A fresh scenario per measurement: a stateful target (the service answers a
                    # repeated incident from its idempotency cache) must not see the last run's requests.
                    scenario = target.scenario(TargetContext(redis_url, args.seed, rate, base_url))
                    result, server_cpu, background = _measure(cfg, scenario, proc, redis)
                    if background <= args.max_background or attempt == args.max_attempts:
                        break  # clean, or out of attempts: keep it, flagged "contaminated"
                    # Another job took CPU mid-run: its tail would be the other job's, not the server's.
                    print(f"  discarded attempt {attempt}: other processes used {background:.0%}", flush=True)
                sent = int(result["requests"]) + round(rate * args.warmup)
                run = {
                    "target": target.name,
                    "app": target.app,
                    "server": server,
                    "server_cmd": proc.cmd,
                    "server_core": SERVER_CORE,
                    "rate": rate,
                    "repetition": rep,
                    # Server CPU (all its processes) per request incl. warm-up: what one request costs.
                    "server_cpu_us_per_req": round(server_cpu / max(sent, 1) * 1e6, 1),
                    # Other processes' CPU during the run: > ~5 % means a shared machine disturbed it.
                    "background_cpu_fraction": background,
                    "quiet_wait": {"waited_s": waited, "busy_before": idle_busy},
                    "attempts": attempt,
                    "contaminated": background > args.max_background,
                    "result": result,
                }
                this_rate.append(run)
                runs.append(run)
                _print_run(run)
            if not args.full_sweep and not rate_is_within_slo(this_rate, args.p99_slo_ms):
                break  # no point climbing further: higher rates only take longer to fail


def _print_run(run: dict[str, Any]) -> None:
    res = run["result"]
    lat, lag = res["latency_us"], res["scheduler_lag_us"]
    print(
        f"{run['server']:8} {run['target']:10} {run['rate']:>7g}/s  p50 {lat['p50'] / 1e3:.2f}  "
        f"p99 {lat['p99'] / 1e3:.2f}  max {lat['max'] / 1e3:.2f} ms  errors {res['error_count']}  "
        f"lag p99 {lag['p99'] / 1e3:.2f} ms  bg cpu {run['background_cpu_fraction']:.0%}",
        flush=True,
    )


def run_matrix(args: argparse.Namespace) -> dict[str, Any]:
    load_plugins(args.plugin)
    targets = [get_target(name.strip()) for name in args.targets.split(",") if name.strip()]
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    rates = _rates(args)
    gen_core = None if args.no_pin else pin_to_core(default_generator_core())
    started = datetime.now(UTC)
    jitter = intrinsic_jitter(args.jitter_probe) if args.jitter_probe > 0 else None
    runs: list[dict[str, Any]] = []
    if args.nice:
        os.setpriority(os.PRIO_PROCESS, 0, args.nice)  # the generator: this process
    interrupted = False
    priority = "normal"
    try:
        with _realtime(gen_core is not None and not args.no_realtime) as priority, \
                _maybe_redis(any(t.needs_redis for t in targets), args.nice) as redis:
            for server in servers:
                for target in targets:
                    _run_target(target, server, rates, args, redis=redis, runs=runs)
    except (KeyboardInterrupt, SystemExit):
        interrupted = True  # servers are already stopped; keep and write what was measured
        print("interrupted: writing the runs finished so far", flush=True)
    return {
        "schema": RESULT_SCHEMA,
        "kind": "loadtests.run_baselines",
        "label": args.label,
        "interrupted": interrupted,
        "started_at": started.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "machine": machine_info() | {"intrinsic_jitter": jitter},
        "settings": {
            "rates": rates,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "repeat": args.repeat,
            "connections": args.connections,
            "timeout_s": args.timeout,
            "p99_slo_ms": args.p99_slo_ms,
            "seed": args.seed,
            "servers": servers,
            "targets": {t.name: {"app": t.app, "description": t.description} for t in targets},
            "server_core": SERVER_CORE,
            "generator_core": gen_core,
            "generator_priority": priority,
            "redis": "private redis-server, unpinned, --save '' --appendonly no" if redis else None,
            "quiet_gate": {"max_busy": args.quiet_threshold, "max_wait_s": args.quiet_max_wait},
            "max_background": args.max_background,
            "nice": args.nice,
            "max_attempts": args.max_attempts,
        },
        "peak_rate_within_slo": peak_rates(runs, args.p99_slo_ms),
        "ratios_to_baselines": ratios(runs),
        "notes": [
            "latency = completion - intended send time (open loop), microseconds",
            "SLO check per rate: median p99 over repetitions <= p99_slo_ms, zero errors, rate_ratio >= 0.98",
            "scheduler_lag_us = generator send - intended send; a high p99 means the generator (or its vCPU)"
            " stalled, so that run's tail is inflated by the machine, not only by the server",
            "background_cpu_fraction = CPU used by other processes during the run / (wall time x nproc)",
        ],
        "runs": runs,
    }


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds the context managers, which stop servers and redis


def main(argv: Sequence[str] | None = None) -> Path:
    args = parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    out_dir: Path = args.out
    doc = run_matrix(args)
    print()
    print(format_table(doc["runs"]))
    if doc["ratios_to_baselines"]:
        print(format_ratios(doc["ratios_to_baselines"]))
    print(f"peak rate with p99 <= {args.p99_slo_ms:g} ms (of the rates tried):", doc["peak_rate_within_slo"])
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"baselines-{stamp}-{'-'.join(doc['settings']['servers'])}.json"
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return path


if __name__ == "__main__":
    main(sys.argv[1:])
