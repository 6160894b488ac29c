"""Smoke tests for the load-test harness (loadtests/): correctness only, no timing assertions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hdrh.histogram import HdrHistogram

from loadtests._http import HttpConnection, build_request
from loadtests.generator import LoadConfig, ensure_loopback, run_load_sync
from loadtests.ingest import main as ingest_main
from loadtests.report import format_ratios, ratios
from loadtests.run_baselines import main as run_baselines_main


@pytest.mark.parametrize("host", ["10.0.0.1", "8.8.8.8", "0.0.0.0", "example.com", "::ffff:127.0.0.1", "::"])
def test_refuses_non_loopback_host(host: str) -> None:
    with pytest.raises(ValueError, match="non-loopback"):
        ensure_loopback(host)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.2.1", "::1", "[::1]", "localhost"])
def test_accepts_loopback_host(host: str) -> None:
    ensure_loopback(host)


def test_run_load_refuses_before_sending() -> None:
    cfg = LoadConfig("192.0.2.1", 80, rate=100, duration=1)
    with pytest.raises(ValueError, match="non-loopback"):
        run_load_sync(cfg, lambda _i: ("GET", "/", {}, b""))


def test_run_must_be_bounded() -> None:
    with pytest.raises(ValueError, match="bounded"):
        LoadConfig("127.0.0.1", 80, rate=100, duration=None).counts()
    assert LoadConfig("127.0.0.1", 80, rate=100, duration=10, max_requests=50, warmup=1).counts() == (100, 50)


def test_response_parser_handles_split_and_chunked_responses() -> None:
    statuses: list[int] = []
    conn = HttpConnection(lambda _c, status: statuses.append(status), lambda _c, _e: None)
    body = b'{"status":"ok"}'
    whole = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    chunked = b"HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbusy\r\n0\r\n\r\n"
    for payload in (whole, chunked):
        conn.busy = True
        for i in range(0, len(payload), 7):  # arrive in small pieces
            conn.data_received(payload[i : i + 7])
    assert statuses == [200, 503]
    request = build_request("POST", "/noop", "127.0.0.1:1", {"Content-Type": "application/json"}, body)
    assert request.startswith(b"POST /noop HTTP/1.1\r\nHost: 127.0.0.1:1\r\nContent-Length: 15\r\n")
    assert request.endswith(b"\r\n\r\n" + body)


def test_baselines_end_to_end(tmp_path: Path) -> None:
    """Own redis-server + both baselines under granian, 200 req/s for 1 s each, JSON written."""
    path = run_baselines_main(
        ["--rate", "200", "--duration", "1", "--warmup", "0", "--targets", "noop,skeleton",
         "--servers", "granian", "--out", str(tmp_path), "--no-pin",
         "--jitter-probe", "0", "--quiet-max-wait", "0", "--max-attempts", "1"]
    )  # fmt: skip
    doc = json.loads(path.read_text())
    assert path.parent == tmp_path and path.name.startswith("baselines-")
    assert {"schema", "machine", "settings", "runs", "peak_rate_within_slo"} <= doc.keys()
    assert {"nproc", "cpu_model", "python", "packages"} <= doc["machine"].keys()
    assert [r["target"] for r in doc["runs"]] == ["noop", "skeleton"]
    for run in doc["runs"]:
        assert run["server"] == "granian" and "granian" in " ".join(run["server_cmd"])
        assert {"server_cpu_us_per_req", "background_cpu_fraction", "rate"} <= run.keys()
        res = run["result"]
        assert res["requests"] == 200
        assert res["ok"] == res["completed"] == 200, res["errors"]
        assert res["error_count"] == 0 and res["status_counts"] == {"200": 200}
        assert res["latency_us"]["count"] == 200
        assert res["scheduler_lag_us"]["count"] == 200
        hist = HdrHistogram.decode(res["histogram_b64"])  # hdrh's own base64 + zlib encoding
        assert hist.get_total_count() == 200
        for key in ("p50", "p90", "p99", "p99.9", "max"):
            assert res["latency_us"][key] > 0


def test_ingest_harness_applies_reports_and_writes_json(tmp_path: Path) -> None:
    """Unit ingest against its own redis-server and server: 1 s, small batches; no timing asserted."""
    assert ingest_main(["--duration", "1", "--batch", "100", "--clients", "1", "--out", str(tmp_path)]) == 0
    (result,) = [json.loads(p.read_text()) for p in tmp_path.glob("ingest-*.json")]
    assert result["applied"] > 0 and result["applied"] == result["batches"] * 100
    assert result["updates_per_s"] > 0 and result["batch_ms_p99"] >= result["batch_ms_p50"] > 0


def _run(target: str, rate: float, p50: float, p99: float) -> dict[str, object]:
    return {"server": "uvicorn", "target": target, "rate": rate,
            "result": {"latency_us": {"p50": p50, "p99": p99}}}


def test_ratios_compare_medians_with_each_baseline_at_the_same_rate() -> None:
    runs = [
        _run("noop", 1000, 200, 400), _run("noop", 1000, 220, 440), _run("noop", 1000, 240, 480),
        _run("skeleton", 1000, 700, 1000),
        _run("service", 1000, 630, 1900), _run("service", 1000, 700, 1500), _run("service", 1000, 600, 9000),
        _run("service", 2000, 1200, 4000),  # no baseline ran at this rate: no ratio
    ]
    rows = ratios(runs)
    assert rows == [
        {"server": "uvicorn", "rate": 1000, "target": "service", "baseline": "skeleton",
         "p50_ratio": 0.9, "p99_ratio": 1.9},
        {"server": "uvicorn", "rate": 1000, "target": "service", "baseline": "noop",
         "p50_ratio": 2.86, "p99_ratio": 4.32},
    ]
    assert "service / skeleton" in format_ratios(rows) and "p99 x1.90" in format_ratios(rows)
    assert ratios(runs[:4]) == [] and format_ratios([]) == ""
