"""The dashboards and alerts query real, exported series: a real Prometheus scrapes the running service.

The test starts the service (Granian, as `dispatch-assist serve` does) against the session's
redis-server with the example policies, the demo roster and demo keys, drives traffic through
every route (calls with screening flags and narrative triggers, retries, bad bodies and keys, unit
reports, the unit board, look-ups, dispatcher outcomes when that endpoint exists), and starts
Debian's `prometheus` on a free port with the shipped deploy/prometheus/prometheus.yml (target and
intervals rewritten to this machine and one second) and the shipped rule files.

Then, through Prometheus's HTTP API:
- every query of every panel of deploy/grafana/dashboards/*.json must succeed and return at least
  one series (`$__rate_interval` -> 20s, `$__range` -> 5m, `$jurisdiction` -> `.*`);
- every rule must be healthy, and every recording rule must have produced a series;
- every alert expression must evaluate without error, and each of its signals (the side of a
  threshold comparison that is not a constant, and the argument of `absent`) must return series.
  An alert's whole expression is normally empty — that means it is not firing — so its signals are
  what proves it reads exported series; `promtool test rules` (test_deploy_files.py) proves the
  thresholds fire.

It also checks the service's JSON log lines: each parses, carries a request id, and no narrative
sent in the traffic ever appears in them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import promql_parser as pp
import pytest
import yaml
from redis import Redis as SyncRedis

from service.cli.demo import load_demo
from service.cli.main import server_command
from service.policy.compile import load_policy
from tests.support import ROOT, RedisServer, free_port, make_settings

pytestmark = pytest.mark.slow

PROMETHEUS = shutil.which("prometheus")
DASHBOARDS = ROOT / "deploy" / "grafana" / "dashboards"
RULES = ROOT / "deploy" / "prometheus" / "rules"
PROM_CONFIG = ROOT / "deploy" / "prometheus" / "prometheus.yml"
NARRATIVES = [
    "caller says a man is yelling at traffic, no weapons seen",
    "neighbour reports a man waving a knife in the hallway",
    "woman sitting on the curb crying, says she wants to end it all",
    "elderly man fell, bleeding from the head, not breathing right",
]
SUBSTITUTIONS = {"$__rate_interval": "20s", "$__range": "5m", "$__interval": "5s", "$jurisdiction": ".*",
                 "${jurisdiction}": ".*"}


def _wait(predicate: Any, timeout: float, what: str, step: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except (httpx.HTTPError, OSError) as exc:
            last = exc
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def dashboard_queries() -> list[tuple[str, str]]:
    """(where, expr) for every target of every panel, rows' nested panels included."""
    out = []
    for path in sorted(DASHBOARDS.glob("*.json")):
        board = json.loads(path.read_text())
        stack = list(board.get("panels", []))
        while stack:
            panel = stack.pop(0)
            stack.extend(panel.get("panels", []))
            for target in panel.get("targets", []):
                if target.get("expr"):
                    out.append((f"{path.name}: {panel.get('title')} [{target.get('refId')}]", target["expr"]))
        for var in board.get("templating", {}).get("list", []):
            if var.get("type") == "query":
                query = var["query"]["query"] if isinstance(var["query"], dict) else var["query"]
                if query.startswith("label_values("):  # label_values(metric, label) -> the metric
                    metric = query[len("label_values("):].split(",")[0]
                    out.append((f"{path.name}: variable {var['name']}", metric))
    return out


def rule_groups() -> list[dict[str, Any]]:
    groups = []
    for path in sorted(RULES.glob("*.yml")):
        groups.extend(yaml.safe_load(path.read_text())["groups"])
    return groups


def alert_signals(expr: str) -> list[str]:
    """The parts of an alert expression that must return series for the alert to mean anything."""
    comparisons = {"==", "!=", ">", "<", ">=", "<="}
    sets = {"and", "or", "unless"}

    def has_selector(node: Any) -> bool:
        found: list[bool] = []
        pp.walk(node, lambda n: found.append(type(n).__name__ in ("VectorSelector", "MatrixSelector")))
        return any(found)

    def signals(node: Any) -> list[str]:
        kind = type(node).__name__
        if kind == "ParenExpr":
            return signals(node.expr)
        if kind == "Call" and node.func.name in ("absent", "absent_over_time"):
            return signals(node.args[0])
        if kind == "BinaryExpr":
            op = str(node.op)
            if op in sets or (op in comparisons and not (node.modifier and node.modifier.return_bool)):
                return [s for side in (node.lhs, node.rhs) if has_selector(side) for s in signals(side)]
        return [str(node)] if has_selector(node) else []

    return signals(pp.parse(expr))


def _substitute(expr: str) -> str:
    for key, value in SUBSTITUTIONS.items():
        expr = expr.replace(key, value)
    return expr


class Traffic:
    """Calls, unit reports, look-ups, errors and outcomes in a background thread until stopped."""

    def __init__(self, base: str, keys: dict[str, str], *, spec: dict[str, Any], roster: dict[str, Any],
                 call_types: dict[str, list[str]], outcomes: bool, field: bool = False) -> None:
        self.base, self.keys, self.spec, self.roster = base, keys, spec, roster
        self.call_types, self.outcomes, self.field = call_types, outcomes, field
        self.stop = threading.Event()
        self.counts: dict[str, int] = {}
        self.errors: list[str] = []
        self.thread = threading.Thread(target=self.run, daemon=True)

    def count(self, what: str, status: int) -> None:
        key = f"{what} {status}"
        self.counts[key] = self.counts.get(key, 0) + 1

    def run(self) -> None:
        rng = random.Random(11)
        n = 0
        with httpx.Client(base_url=self.base, timeout=5) as http:
            while not self.stop.is_set():
                for j, key in sorted(self.keys.items()):
                    if self.stop.is_set():
                        break
                    n += 1
                    try:
                        self.one_round(http, rng, j, key, n)
                    except httpx.HTTPError as exc:  # noted, and the assertions below will say
                        self.errors.append(f"{j}: {exc!r}")
                time.sleep(0.05)

    def one_round(self, http: httpx.Client, rng: random.Random, j: str, key: str, n: int) -> None:
        auth = {"Authorization": f"Bearer {key}"}
        center = self.spec["jurisdictions"][j]["center"]
        narrative = NARRATIVES[n % len(NARRATIVES)]
        body = {"incident_id": f"e2e-{j}-{n}", "seq": 1, "event": "created",
                "call_type": rng.choice(self.call_types[j]), "priority": rng.choice([1, 2, 3, 4]),
                "location": {"lat": center["lat"] + rng.uniform(-0.02, 0.02),
                             "lon": center["lon"] + rng.uniform(-0.02, 0.02)},
                "narrative": narrative, "received_at": datetime.now(UTC).isoformat(),
                "screening": {"weapon": n % 7 == 0, "violence": False, "medical": n % 5 == 0}}
        r = http.post("/v1/calls", json=body, headers={**auth, "X-Request-ID": f"e2e-{n}"})
        self.count("call", r.status_code)
        if r.status_code == 200:
            if r.headers.get("x-request-id") != f"e2e-{n}":
                self.errors.append("X-Request-ID not echoed")
            rec = r.json()
            self.count("call", http.post("/v1/calls", json=body, headers=auth).status_code)  # a CAD retry
            self.count("lookup", http.get(f"/v1/recommendations/{rec['recommendation_id']}",
                                          headers=auth).status_code)
            if self.outcomes:
                outcome = ({"outcome": "accepted"} if n % 3 else
                           {"outcome": "overridden", "response": "police", "reason": "safety_concern"})
                self.count("outcome", http.post(f"/v1/recommendations/{rec['recommendation_id']}/outcome",
                                                json=outcome, headers=auth).status_code)
            if self.field:  # what happened in the field: arrival, now and then a backup, a transfer result
                result = rng.choice(["completed", "failed"])
                at = datetime.now(UTC).isoformat()
                field: dict[str, Any] = {"arrived_at": at, "assigned_at": at,
                                         "backup_requested": n % 2 == 0, "connected_to_care": n % 3 == 0,
                                         "transfer": {"to": "988", "result": result}}
                if n % 2 == 0:
                    field["backup_reason"] = "scene_unsafe"
                if n % 5 == 0:
                    field.update(safety_incident=True, incident_kind="threat")
                self.count("field", http.post(f"/v1/recommendations/{rec['recommendation_id']}/field",
                                              json=field, headers=auth).status_code)
        # Unit reports: a few units change status now.
        units = self.roster[j]
        batch = []
        now = datetime.now(UTC).isoformat()
        for unit in rng.sample(units, min(4, len(units))):
            status = rng.choice(["available", "available", "dispatched", "on_scene"])
            batch.append({"unit_id": unit.unit_id, "type": unit.type, "status": status, "reported_at": now,
                          "lat": unit.lat, "lon": unit.lon})
        self.count("units", http.post("/v1/units", json={"units": batch}, headers=auth).status_code)
        if n % 4 == 0:
            self.count("board", http.get("/v1/units", headers=auth).status_code)
            bad = http.post("/v1/calls", json={**body, "seq": "one"}, headers=auth)
            self.count("bad body", bad.status_code)
            self.count("no key", http.post("/v1/calls", json=body).status_code)
        http.get("/healthz")


@pytest.fixture
def service(redis_server: RedisServer) -> Iterator[dict[str, Any]]:
    """The service on a free port with the example policies, the demo roster and demo keys."""
    SyncRedis(port=redis_server.port).flushdb()
    settings = make_settings(redis_server.url)
    # In a thread of its own: asyncio.run in this thread would unset the test session's event loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        keys, demo = pool.submit(asyncio.run, load_demo(settings, seed=5)).result(60)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
    env.update(DISPATCH_REDIS_URL=redis_server.url, DISPATCH_POLICY_DIR=settings.policy_dir,
               DISPATCH_LOG_LEVEL="DEBUG")  # access lines of 2xx too
    workdir = Path(tempfile.mkdtemp(prefix="da-e2e-"))
    log_path = workdir / "service.log"
    with log_path.open("wb") as log_file:
        proc = subprocess.Popen(server_command("127.0.0.1", port), cwd=ROOT, env=env, stdout=log_file,
                                stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(lambda: proc.poll() is None and httpx.get(f"{base}/readyz", timeout=1).status_code == 200,
              30, "the service to be ready")
        yield {"base": base, "port": port, "keys": keys, "demo": demo, "log": log_path, "proc": proc}
    finally:
        _stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def prometheus(service: dict[str, Any]) -> Iterator[str]:
    if PROMETHEUS is None:
        pytest.fail("prometheus is not installed; ./scripts/test.sh installs Debian's prometheus package")
    workdir = Path(tempfile.mkdtemp(prefix="da-prom-"))
    rules_dir = workdir / "rules"
    rules_dir.mkdir()
    for path in RULES.glob("*.yml"):  # the shipped rules, evaluated every second instead of every 30 s
        rules = yaml.safe_load(path.read_text())
        for group in rules["groups"]:
            group["interval"] = "1s"
        (rules_dir / path.name).write_text(yaml.safe_dump(rules, sort_keys=False))
    config = yaml.safe_load(PROM_CONFIG.read_text())
    config["global"].update(scrape_interval="1s", evaluation_interval="1s")
    config["rule_files"] = [str(rules_dir / "*.yml")]
    jobs = [job for job in config["scrape_configs"] if job["job_name"] == "dispatch-assist"]
    assert jobs, "deploy/prometheus/prometheus.yml has no dispatch-assist job"
    jobs[0]["static_configs"] = [{"targets": [f"127.0.0.1:{service['port']}"]}]
    config["scrape_configs"] = jobs
    (workdir / "prometheus.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    port = free_port()
    proc = subprocess.Popen(
        [PROMETHEUS, f"--config.file={workdir / 'prometheus.yml'}", f"--storage.tsdb.path={workdir / 'data'}",
         f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
        stdout=subprocess.DEVNULL, stderr=(workdir / "prometheus.log").open("wb"))
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: proc.poll() is None and httpx.get(f"{base}/-/ready", timeout=1).status_code == 200,
              30, "prometheus to be ready")
        yield base
    finally:
        _stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def _query(prom: str, expr: str) -> tuple[str, list[Any], str]:
    r = httpx.post(f"{prom}/api/v1/query", data={"query": expr}, timeout=10)
    body = r.json()
    return body.get("status", "?"), body.get("data", {}).get("result", []), body.get("error", "")


def test_dashboards_and_alerts_query_real_series(service: dict[str, Any], prometheus: str) -> None:
    demo = service["demo"]
    policies = {}
    for path in sorted(Path(make_settings("redis://unused").policy_dir).glob("*.y*ml")):
        policy = load_policy(path.read_bytes())
        policies[policy.jurisdiction] = policy
    call_types = {j: sorted(p.call_types) or ["WELFARE"] for j, p in policies.items()}
    schema = httpx.get(f"{service['base']}/schema", timeout=5).json()
    has_outcomes = "/v1/recommendations/{recommendation_id}/outcome" in schema.get("paths", {})
    keys = {j: k for j, k in service["keys"].items() if j in demo["spec"]["jurisdictions"]}
    has_field = "/v1/recommendations/{recommendation_id}/field" in schema.get("paths", {})
    traffic = Traffic(service["base"], keys, spec=demo["spec"], roster=demo["roster"], call_types=call_types,
                      outcomes=has_outcomes, field=has_field)
    traffic.thread.start()
    try:
        # A few scrapes with traffic, and one census refresh (every 10 s) after the first unit reports.
        _wait(lambda: _query(prometheus, 'up{job="dispatch-assist"} == 1')[1], 30, "the first scrape")
        time.sleep(12)
        _wait(lambda: _query(prometheus, "dispatch:slo_calls_slow:ratio_rate5m")[1], 20,
              "the recording rules")
    finally:
        traffic.stop.set()
        traffic.thread.join(20)
    assert not traffic.errors, traffic.errors[:5]
    assert traffic.counts.get("call 200", 0) > 20, traffic.counts
    assert traffic.counts.get("units 200", 0) > 5, traffic.counts
    if has_outcomes:
        assert traffic.counts.get("outcome 200", 0) > 0, traffic.counts
    if has_field:
        assert traffic.counts.get("field 200", 0) > 0, traffic.counts
    time.sleep(2)  # the last requests reach a scrape

    # The check itself can fail: an unknown metric returns no series.
    assert _query(prometheus, "dispatch_no_such_metric_total")[:2] == ("success", [])
    failures = []
    queries = dashboard_queries()
    assert len(queries) > 30, "fewer dashboard queries than expected: is deploy/grafana/dashboards empty?"
    for where, expr in queries:
        status, result, error = _query(prometheus, _substitute(expr))
        if status != "success":
            failures.append(f"{where}: error {error}: {expr}")
        elif not result:
            failures.append(f"{where}: no series: {expr}")

    rules = httpx.get(f"{prometheus}/api/v1/rules", timeout=10).json()["data"]["groups"]
    loaded = {rule["name"]: rule for group in rules for rule in group["rules"]}
    shipped = [rule for group in rule_groups() for rule in group["rules"]]
    assert len(loaded) == len(shipped), "prometheus did not load every shipped rule"
    for rule in shipped:
        name = rule.get("record") or rule["alert"]
        state = loaded[name]
        if state.get("health") != "ok":
            failures.append(f"rule {name}: health {state.get('health')}: {state.get('lastError')}")
        if "record" in rule:
            status, result, error = _query(prometheus, rule["record"])
            if status != "success" or not result:
                failures.append(f"recording rule {name}: no series ({error})")
            continue
        status, _, error = _query(prometheus, rule["expr"])
        if status != "success":
            failures.append(f"alert {name}: error {error}")
        signals = alert_signals(rule["expr"])
        if not signals:
            failures.append(f"alert {name}: no signal found in {rule['expr']!r}")
        for sig in signals:
            status, result, error = _query(prometheus, sig)
            if status != "success" or not result:
                failures.append(f"alert {name}: signal returns no series ({error}): {sig}")
    assert not failures, "\n".join(failures)

    # Structured logs: JSON lines with a request id; never a narrative.
    lines = [line for line in service["log"].read_text(errors="replace").splitlines() if line.startswith("{")]
    assert lines, "the service wrote no JSON log line"
    access = [json.loads(line) for line in lines if '"dispatch.access"' in line]
    assert access and all(entry.get("request_id") for entry in access), access[:3]
    assert any(entry.get("jurisdiction") for entry in access), "access lines lack the jurisdiction"
    text = service["log"].read_text(errors="replace")
    for narrative in NARRATIVES:
        assert narrative not in text
