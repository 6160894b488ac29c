"""Parts of the overload benchmark (loadtests/overload.py): the call bodies, the other
jurisdiction's probe, the service under test, the processes' priorities and the CPU meter.

Priorities on a shared machine, and why each (docs/performance.md has the measurements):
- Linux's autogroup scheduling (`/proc/sys/kernel/sched_autogroup_enabled` = 1) shares the CPU
  between *sessions* first, then between the tasks of a session by their nice value; so another
  engineer's benchmark at nice 19 in its own session gets as much CPU as this one at nice 0.
  `--boost N` therefore sets this session's autogroup nice to -N (root only), as well as the nice of
  this process (which every child inherits); it does not change any other process.
- `--realtime` runs the open-loop generator, the probe and redis-server at SCHED_FIFO 1 (each
  reset on fork), as loadtests/run_baselines.py does for its generator: they are not saturated, so
  they preempt other work without starving it. The service stays SCHED_OTHER: a saturated FIFO task
  is stopped by the kernel's RT throttling (`sched_rt_runtime_us` = 950,000 per second) for 50 ms
  each second, which showed up as a 50-60 ms stall once a second in every overload run.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import random
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec
import yaml
from prometheus_client.parser import text_string_to_metric_families

from loadtests.servers import free_port
from service.cli.main import server_command

__all__ = [
    "CpuMeter", "Probe", "bodies", "boost", "gc_delta", "gc_largest", "gc_over", "gc_pauses", "realtime",
    "start_service",
]

ROOT = Path(__file__).resolve().parent.parent
_encode = msgspec.json.Encoder().encode
_TICK = os.sysconf("SC_CLK_TCK")


def bodies(jurisdiction: str, count: int, seed: int) -> list[bytes]:
    """Valid calls for the jurisdiction's example policy: its call types, around its centre, half
    with a narrative from the test set."""
    rng = random.Random(seed)
    policy = yaml.safe_load((ROOT / "deploy" / "policies" / f"{jurisdiction}.yaml").read_text())
    codes = sorted(policy["call_types"])
    narratives = [
        n["text"] for n in yaml.safe_load((ROOT / "tests" / "data" / "narratives.yaml").read_text())
    ]
    roster = yaml.safe_load((ROOT / "deploy" / "demo" / "roster.yaml").read_text())
    centre = roster["jurisdictions"][jurisdiction]["center"]
    stamp = time.time_ns() // 1000
    out = []
    for i in range(count):
        body: dict[str, Any] = {
            "incident_id": f"ov-{jurisdiction[:3]}-{stamp}-{i}",
            "seq": 1,
            "call_type": rng.choice(codes),
            "location": {
                "lat": centre["lat"] + rng.uniform(-0.05, 0.05),
                "lon": centre["lon"] + rng.uniform(-0.05, 0.05),
            },
        }
        if rng.random() < 0.5:
            body["narrative"] = rng.choice(narratives)
        out.append(_encode(body))
    return out


def boost(levels: int) -> str:
    """Raise this session's autogroup and this process `levels` nice levels (root); what was done."""
    done = []
    try:
        Path("/proc/self/autogroup").write_text(str(-levels))
        done.append(f"autogroup nice -{levels}")
    except OSError:
        pass
    try:
        os.nice(-levels)
        done.append(f"nice -{levels}")
    except OSError:
        pass
    return ", ".join(done) or "none (not permitted)"


def realtime(pid: int = 0) -> bool:
    """SCHED_FIFO 1 for `pid` (0: this process), not inherited by its children; False if refused."""
    if not hasattr(os, "SCHED_FIFO"):
        return False
    try:
        os.sched_setscheduler(pid, os.SCHED_FIFO | os.SCHED_RESET_ON_FORK, os.sched_param(1))
    except OSError:
        return False
    return True


class Probe:
    """Jurisdiction B: calls at a steady rate on one keep-alive connection, open-loop timed, from
    its own process (a thread would wait for the generator's GIL and time that instead)."""

    def __init__(self, port: int, key: str, calls: list[bytes], rt: bool = False) -> None:
        self.port, self.key, self.calls, self.rt = port, key, calls, rt
        ctx = multiprocessing.get_context("fork")
        self._rate = ctx.Value("d", 20.0)
        self._stop = ctx.Value("d", float("inf"))
        self._queue: Any = ctx.SimpleQueue()
        self._proc = ctx.Process(target=self._run, daemon=True)
        self.samples: list[tuple[float, float, int, bool]] = []  # intended, latency s, status, degraded

    @property
    def pid(self) -> int | None:
        return self._proc.pid

    @property
    def rate(self) -> float:
        return float(self._rate.value)

    @rate.setter
    def rate(self, value: float) -> None:
        self._rate.value = value

    def start(self) -> None:
        self._proc.start()

    def stop(self) -> None:
        self._stop.value = time.perf_counter()
        self._proc.join(10)
        self.collect()

    def collect(self) -> None:
        while not self._queue.empty():
            self.samples.append(self._queue.get())

    def _run(self) -> None:
        if self.rt:
            realtime()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"}
        due, i = time.perf_counter(), 0
        while due < self._stop.value:
            now = time.perf_counter()
            if due > now:
                time.sleep(due - now)
            try:
                conn.request("POST", "/v1/calls", self.calls[i % len(self.calls)], headers)
                response = conn.getresponse()
                body, status = response.read(), response.status
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                status, body = 0, b""
            self._queue.put((due, time.perf_counter() - due, status, b'"degraded":true' in body))
            i += 1
            due += 1.0 / self._rate.value
        conn.close()

    def window(self, start: float, end: float) -> dict[str, Any]:
        self.collect()
        part = [s for s in self.samples if start <= s[0] < end]
        lat = sorted(s[1] for s in part)
        return {
            "calls": len(part),
            "ok": sum(s[2] == 200 for s in part),
            "degraded": sum(s[3] for s in part),
            "not_200": dict(Counter(str(s[2]) for s in part if s[2] != 200)),  # 0: no answer
            "p50_ms": round(lat[len(lat) // 2] * 1000, 2) if lat else None,
            "p99_ms": round(lat[max(int(len(lat) * 0.99) - 1, 0)] * 1000, 2) if lat else None,
        }


def start_service(
    redis_url: str, spool: str, pin: bool = False, extra_env: dict[str, str] | None = None,
    core: int | None = None,
) -> tuple[subprocess.Popen[bytes], int]:
    """`dispatch-assist serve` as deployed (one worker), rate limits off; pinned to core 0 if asked
    (or to `core`); `extra_env` adds DISPATCH_ settings (e.g. the collector's thresholds)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
    env.update(
        DISPATCH_REDIS_URL=redis_url,
        DISPATCH_PORT=str(port),
        DISPATCH_RATE_LIMIT_RPS="0",
        DISPATCH_SPOOL_DIR=spool,
        DISPATCH_POLICY_DIR=str(ROOT / "deploy" / "policies"),
    )
    env.update({k: v for k, v in os.environ.items() if k == "DISPATCH_MAX_IN_FLIGHT"})  # to compare limits
    env.update(extra_env or {})
    cmd = server_command("127.0.0.1", port)
    if pin and core is None:
        core = 0
    if core is not None and (os.cpu_count() or 1) > core:
        cmd = ["taskset", "-c", str(core), *cmd]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the service did not become ready")


def gc_pauses(port: int) -> dict[str, dict[str, Any]]:
    """generation -> count, sum_s, and cumulative counts per bucket bound, from one scrape."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    out: dict[str, dict[str, Any]] = {}
    for family in text_string_to_metric_families(text):
        if family.name != "dispatch_gc_pause_seconds":
            continue
        for sample in family.samples:
            gen = out.setdefault(sample.labels["generation"], {"count": 0, "sum_s": 0.0, "le": {}})
            if sample.name.endswith("_bucket"):
                gen["le"][sample.labels["le"]] = int(sample.value)
            elif sample.name.endswith("_count"):
                gen["count"] = int(sample.value)
            elif sample.name.endswith("_sum"):
                gen["sum_s"] = round(sample.value, 4)
    return out


def gc_over(gen: dict[str, Any], bound: str) -> int:
    return int(gen["count"] - gen["le"].get(bound, gen["count"]))


def gc_largest(gen: dict[str, Any]) -> str:
    """The smallest bucket bound that holds every pause (the max, to the bucket)."""
    for bound, count in sorted(gen["le"].items(), key=lambda kv: float(kv[0])):
        if count >= gen["count"]:
            return str(bound)
    return "+Inf"


def gc_delta(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Collections per generation between two scrapes: how many, their total, and how many paused
    the loop past 5 and 10 ms (empty when the service has no dispatch_gc_pause_seconds)."""
    out = {}
    for gen, end in sorted(after.items()):
        start = before.get(gen, {"count": 0, "sum_s": 0.0, "le": {}})
        out[gen] = {"count": end["count"] - start["count"],
                    "sum_ms": round((end["sum_s"] - start["sum_s"]) * 1000, 1),
                    "over_5ms": gc_over(end, "0.005") - gc_over(start, "0.005"),
                    "over_10ms": gc_over(end, "0.01") - gc_over(start, "0.01")}
    return out


def _process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def _machine_busy() -> float:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / _TICK


class CpuMeter:
    """CPU seconds over a window: the service's, ours (service, generator, probe, redis) and the
    rest of the machine's: the other work that shared the cores during the measurement."""

    def __init__(self, server: int, ours: list[int]) -> None:
        self.server, self.ours = server, ours
        self._start = self._read()

    def _read(self) -> tuple[float, float, float, float]:
        return (time.perf_counter(), _machine_busy(), _process_cpu(self.server),
                sum(_process_cpu(p) for p in self.ours))

    def restart(self) -> None:
        self._start = self._read()

    def read(self) -> dict[str, float]:
        end = self._read()
        wall, busy, server, ours = (b - a for a, b in zip(self._start, end, strict=True))
        return {"wall_s": round(wall, 2), "server_cpu_s": round(server, 2),
                "others_cpu_s": round(max(busy - ours, 0.0), 2)}
