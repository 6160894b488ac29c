"""The program report end to end over a real redis-server: calls, outcomes and field records through
the API, then `dispatch-assist report` (in a subprocess, as an operator runs it) writes HTML and CSV
whose figures are the counts we made, with small counts suppressed."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from service.programs.render import rows
from service.programs.report import build_report
from tests.support import ROOT, RedisServer
from tests.support.programs import auth, call, settle, setup_testville, unit


async def _traffic(client: AsyncTestClient, redis: Redis) -> dict[str, str]:  # type: ignore[type-arg]
    k = await setup_testville(redis, client)
    now = datetime.now(UTC)
    units = [
        unit("O-1", "outreach", now.isoformat()),
        unit("P-1", "police", now.isoformat()),
        unit("M-1", "ems", now.isoformat()),
    ]
    assert (
        await client.post("/v1/units", json={"units": units}, headers=auth(k["units"]))
    ).status_code == 200
    received = (now - timedelta(seconds=30)).isoformat()
    far = {"lat": 39.80, "lon": -104.90}  # outside the outreach team's downtown area
    plan: list[tuple[str, dict[str, Any]]] = (
        [("TRESPASS", {})] * 14
        + [("SUICTHRT", {})] * 11
        + [("TRESPASS", {"screening": {"weapon": True}})] * 2
        + [("TRESPASS", {"location": far})]
        + [("CARDIAC", {})] * 2
    )
    recs = []
    for n, (call_type, extra) in enumerate(plan):
        r = await client.post(
            "/v1/calls",
            json=call(f"rep-{n}", call_type, received_at=received, **extra),
            headers=auth(k["cad"]),
        )
        assert r.status_code == 200, r.text
        recs.append(r.json())
    await settle(client)
    console = auth(k["console"])
    trespass = [r for r in recs if r["call_type"] == "TRESPASS" and r["response"] == "outreach"]
    assert len(trespass) == 14, [r["response"] for r in recs]
    arrived = datetime.now(UTC).isoformat()
    for i, rec in enumerate(trespass):
        path = f"/v1/recommendations/{rec['recommendation_id']}"
        if i < 2:
            body = {"outcome": "overridden", "response": "police", "reason": "safety_concern"}
            assert (await client.post(path + "/outcome", json=body, headers=console)).status_code == 200
            continue
        assert (
            await client.post(path + "/outcome", json={"outcome": "accepted"}, headers=console)
        ).status_code == 200
        field: dict[str, Any] = {
            "arrived_at": arrived,
            "backup_requested": i < 5,
            "connected_to_care": i >= 5,
        }
        if i < 5:
            field["backup_reason"] = "violence"
        if i == 5:
            field.update(safety_incident=True, incident_kind="threat")
        r = await client.post(path + "/field", json=field, headers=console)
        assert r.status_code == 200, r.text
    for rec in (r for r in recs if r["call_type"] == "SUICTHRT"):
        assert rec["response"] == "line", rec
        r = await client.post(
            f"/v1/recommendations/{rec['recommendation_id']}/field",
            json={"transfer": {"to": "988", "result": "completed"}},
            headers=console,
        )
        assert r.status_code == 200, r.text
    await settle(client)
    return k


def _cell(table: list[list[str]], metric: str) -> str:
    row = next(r for r in table if r[1] == metric)
    return row[-1]


async def test_report_figures_and_suppression(
    redis: Redis,
    client: AsyncTestClient,  # type: ignore[type-arg]
    redis_server: RedisServer,
    tmp_path: Path,
) -> None:
    await _traffic(client, redis)
    since = datetime.now(UTC) - timedelta(hours=1)
    t = await build_report(redis, "testville", int(since.timestamp() * 1000), None)
    heads, _ = rows(t)
    assert heads[-1] == "period"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
    env["DISPATCH_REDIS_URL"] = redis_server.url
    command = [
        sys.executable,
        "-m",
        "service.cli",
        "report",
        "--jurisdiction",
        "testville",
        "--since",
        "1h",
        "--out",
        str(tmp_path),
    ]
    done = await asyncio.to_thread(
        subprocess.run, command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "30 calls, 28 eligible, 23 served" in done.stderr, done.stderr
    [csv_path] = tmp_path.glob("program-report-testville-*.csv")
    [html_path] = tmp_path.glob("program-report-testville-*.html")
    table = list(csv.reader(io.StringIO(csv_path.read_text())))
    assert _cell(table, "Calls recommended (one per incident)") == "30"
    assert _cell(table, "Eligible calls") == "28"
    assert _cell(table, "Eligible calls served by an alternative response") == "23"
    assert _cell(table, "Share of eligible calls served") == "82.1 %"
    assert _cell(table, "outreach") == "12"  # served, by alternative response
    assert _cell(table, "line") == "11"
    # Small counts: 2 overrides, 2 disqualified, 1 outside the area, 3 backups, 1 incident -> "<11".
    for metric in (
        "The dispatcher sent another response",
        "A disqualifier was raised (weapon, violence, injury, medical, ...)",
        "Outside the team's service area",
        "Police backup requested",
        "Safety incidents",
    ):
        assert _cell(table, metric) == "<11", metric
    assert _cell(table, "Share connected to care") == "suppressed (<11)"  # 9 of 12
    assert _cell(table, "Backup requests per 1,000 calls with a field record") == "suppressed (<11)"
    assert _cell(table, "Calls sent to an alternative field team") == "12"
    assert _cell(table, "988 crisis line: Completed: the line took the call") == "11"
    assert _cell(table, "Share of transfers completed") == "100.0 %"
    assert _cell(table, "Call received to recommendation").startswith("median 0:3")
    assert _cell(table, "Call received to arrival (served calls)").startswith("median ")
    assert (
        _cell(table, "Call received to assignment (served calls)")
        == "not available: needs field records with assigned_at (POST .../field)"
    )
    text = html_path.read_text()
    assert "<h2>Eligible calls not served, by reason</h2>" in text and "&lt;11" in text
    assert "TRESPASS" in text  # the miss-rate table by call type and finding
    # A count from 1 to 10 never appears as itself in a published cell.
    published = [c for r in table for c in r[2:]]
    assert not any(c in {str(n) for n in range(1, 11)} for c in published), published
