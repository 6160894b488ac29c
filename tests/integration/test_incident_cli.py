"""`dispatch-assist incident show|answer` against a real redis-server: the dispatcher's answers from
a terminal re-decide the incident as a revision, like the console's, and are audited."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from service.state import keyspace
from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support import DATA, ROOT, RedisServer


def _cli(redis_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
    env["DISPATCH_REDIS_URL"] = redis_url
    return subprocess.run(
        [sys.executable, "-m", "service.cli.main", "incident", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_cli_records_answers_as_a_revision_and_shows_the_incident(
    redis: Redis,
    redis_server: RedisServer,
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    await activate(redis, (DATA / "testville.yaml").read_bytes(), actor="test")
    cad = await create_key(redis, "testville", ["cad:write"])
    await client.app.state.services.policies.refresh(redis)
    await client.app.state.services.keyring.refresh(redis)
    body = {
        "incident_id": "cli-1",
        "seq": 1,
        "call_type": "TRESPASS",
        "priority": 3,
        "location": {"lat": 39.7392, "lon": -104.9903},
    }
    first = (await client.post("/v1/calls", json=body, headers={"Authorization": f"Bearer {cad}"})).json()
    assert first["response"] == "police" and [q["question"] for q in first["ask"]] == [
        "weapon",
        "violence",
        "medical",
    ]
    for _ in range(300):
        if client.app.state.services.settled() and await redis.exists(
            keyspace.incident("testville", "cli-1")
        ):
            break
        await asyncio.sleep(0.01)
    out = _cli(
        redis_server.url,
        "answer",
        "--jurisdiction",
        "testville",
        "cli-1",
        "weapon=no",
        "violence=no",
        "medical=no",
        "--by",
        "console-7",
    )
    assert out.returncode == 0, out.stderr
    revised = json.loads(out.stdout)
    assert revised["revision"] == 1 and revised["seq"] == 1 and revised["response"] == "outreach"
    assert {a["source"] for a in revised["answers"]} == {"dispatcher"} and revised["ask"] == []
    shown = _cli(redis_server.url, "show", "--jurisdiction", "testville", "cli-1")
    view = json.loads(shown.stdout)
    assert (
        view["revision"] == 1 and view["recommendation"]["recommendation_id"] == revised["recommendation_id"]
    )
    entries = [
        json.loads(f[b"data"])
        for _, f in await redis.xrange(keyspace.audit("testville"))
        if f[b"kind"] == b"answers"
    ]
    assert entries[-1]["by"] == "dispatcher key console-7 (command line)"
    bad = _cli(redis_server.url, "answer", "--jurisdiction", "testville", "cli-1", "weapon=maybe")
    assert bad.returncode == 2 and "weapon=no" in bad.stderr
    unknown = _cli(redis_server.url, "answer", "--jurisdiction", "testville", "nobody", "weapon=no")
    assert unknown.returncode == 1 and "Unknown incident" in unknown.stderr
