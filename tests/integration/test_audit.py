"""The audit stream and the local spool: what is kept, in what order, exactly once; the export CLI;
privacy (no narrative unless the policy keeps it); retention; key rotation."""

from __future__ import annotations

import asyncio
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from redis import Redis as SyncRedis
from redis.asyncio import Redis

from service.cli.audit import run_export
from service.cli.main import main as cli_main
from service.durability.durable_writer import DurableWriter
from service.durability.spool import Spool
from service.settings import get_settings
from service.state import keyspace
from service.state.apikeys import KeyRing, create_key, hash_key, list_keys, rotate_key
from service.state.audit import entry_fields, export, trim_retention
from service.state.policies import activate
from tests.support import DATA, auth, call_body, drain, setup_testville


def _queue(j: str, n: int, body: str) -> Any:
    def queue(pipe: Any) -> None:
        pipe.set(f"da:{{{j}}}:rec:r_{n}", body, nx=True, ex=3600)
        pipe.xadd(keyspace.audit(j), entry_fields("recommendation", f"r_{n}", 1_000 + n, body), maxlen=1000,
                  approximate=True)
    return queue


async def test_spool_keeps_order_survives_restart_and_replays_once(redis: Redis, tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.open()
    writer = DurableWriter(redis, spool, timeout_s=1)
    # Redis "down": every write goes to the spool, fsync'ed before write() returns.
    results = await asyncio.gather(*(writer.write("testville", "recommendation", 1_000 + n,
                                                  _queue("testville", n, f'{{"n":{n}}}'), redis_usable=False)
                                     for n in range(50)))
    assert results == [False] * 50 and spool.pending == 50
    # The process stops here (its lock is released): a new process finds the file and replays it.
    spool.close()
    new = Spool(tmp_path)
    new.open()
    assert new.pending == 1  # one orphan file
    assert await new.replay(redis) == 50
    assert new.pending == 0 and not spool.path.exists()
    audit = await redis.xrange(keyspace.audit("testville"))
    assert [f[b"id"] for _, f in audit] == [f"r_{n}".encode() for n in range(50)]
    assert await redis.get("da:{testville}:rec:r_7") == b'{"n":7}'
    new.close()


async def test_replay_marks_make_a_second_replay_a_no_op(redis: Redis, tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.open()
    writer = DurableWriter(redis, spool, timeout_s=1)
    for n in range(5):
        await writer.write("testville", "recommendation", n, _queue("testville", n, "{}"), redis_usable=False)
    copy = spool.path.read_bytes()
    assert await spool.replay(redis) == 5
    # Simulate a crash after Redis applied the records but before the file was truncated.
    (tmp_path / "spool-999999-dead.jsonl").write_bytes(copy)
    second = Spool(tmp_path)
    second.open()
    assert await second.replay(redis) == 5
    assert await redis.xlen(keyspace.audit("testville")) == 5  # not 10
    spool.close()
    second.close()


async def test_torn_tail_is_cut_and_later_records_stay_readable(redis: Redis, tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.open()
    writer = DurableWriter(redis, spool, timeout_s=1)
    await writer.write("testville", "recommendation", 1, _queue("testville", 1, "{}"), redis_usable=False)
    spool.close()
    path = next(tmp_path.glob("spool-*.jsonl"))
    # A crash in the middle of a write that was never acknowledged:
    path.write_bytes(path.read_bytes() + b'{"id":"torn-never-acknowledged"')
    new = Spool(tmp_path)
    new.open()
    assert await new.replay(redis) == 1
    new.close()


async def test_spool_is_used_while_it_holds_anything_so_order_is_kept(redis: Redis, tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.open()
    writer = DurableWriter(redis, spool, timeout_s=1)
    first = await writer.write("testville", "recommendation", 1, _queue("testville", 1, "{}"),
                               redis_usable=False)
    assert first is False
    # Redis is back, but the spool is not yet replayed: a newer write must queue behind the older one.
    assert await writer.write("testville", "recommendation", 2, _queue("testville", 2, "{}")) is False
    await spool.replay(redis)
    assert await writer.write("testville", "recommendation", 3, _queue("testville", 3, "{}")) is True
    ids = [f[b"id"] for _, f in await redis.xrange(keyspace.audit("testville"))]
    assert ids == [b"r_1", b"r_2", b"r_3"]
    spool.close()


async def test_spool_refuses_commands_outside_the_write_list(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.open()
    writer = DurableWriter(Redis(port=1), spool, timeout_s=0.1)  # nothing listens on port 1
    with pytest.raises(ValueError, match="cannot be spooled"):
        await writer.write("testville", "x", 0, lambda pipe: pipe.flushall(), redis_usable=False)
    spool.close()


async def test_recommendation_audit_has_no_narrative_and_export_writes_json_lines(
    redis: Redis, client: AsyncTestClient  # type: ignore[type-arg]
) -> None:
    k = await setup_testville(redis, client)
    secret = "caller Jane Roe at 555-0100 says her brother has no weapons"
    since = int(time.time() * 1000) - 1
    caller = {"relation": "second_party", "callback": "555-0100"}
    r = await client.post("/v1/calls", json=call_body("priv-1", narrative=secret, caller=caller),
                          headers=auth(k["cad"]))
    assert r.status_code == 200
    await drain(client)
    raw = await redis.xrange(keyspace.audit("testville"))
    dump = repr(raw)
    assert "Jane Roe" not in dump and "555-0100" not in dump  # neither narrative nor caller details
    entry = next(f for _, f in raw if f[b"kind"] == b"recommendation")
    assert entry[b"id"].decode() == r.json()["recommendation_id"] and int(entry[b"at"]) >= since
    assert json.loads(entry[b"data"])["reasons"]  # the screening result and reasons are kept

    out = io.BytesIO()
    count = await run_export(redis, "testville", since, None, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines) >= 1
    rec_line = next(x for x in lines if x["kind"] == "recommendation")
    assert rec_line["id"] == r.json()["recommendation_id"] and rec_line["jurisdiction"] == "testville"
    assert rec_line["data"] == r.json() and "narrative" not in rec_line
    # Nothing before --since.
    out2 = io.BytesIO()
    assert await run_export(redis, "testville", int(time.time() * 1000) + 60_000, None, out2) == 0


async def test_policy_can_keep_the_narrative_in_the_audit(redis: Redis, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    k = await setup_testville(redis, client)
    text = (DATA / "testville.yaml").read_text() + "\naudit:\n  keep_narrative: true\n  retention_days: 30\n"
    await activate(redis, text, actor="test")
    await client.app.state.services.policies.refresh(redis)
    await client.post("/v1/calls", json=call_body("keep-1", narrative="man yelling at traffic"),
                      headers=auth(k["cad"]))
    await drain(client)
    entries = [e async for e in export(redis, "testville", 0)]
    rec = next(e for e in entries if e.kind == "recommendation")
    assert rec.narrative == "man yelling at traffic"
    assert any(e.kind == "policy" for e in entries)  # policy changes are audited too


async def test_retention_trims_old_entries(redis: Redis) -> None:
    now = int(time.time() * 1000)
    day = 24 * 3600 * 1000
    for n in range(300):
        await redis.xadd(keyspace.audit("testville"), {"kind": "x", "id": str(n)},
                         id=f"{now - 40 * day + n}-0")
    await redis.xadd(keyspace.audit("testville"), {"kind": "x", "id": "new"}, id=f"{now}-0")
    await trim_retention(redis, "testville", 30, now)
    remaining = await redis.xrange(keyspace.audit("testville"))
    # Approximate trimming drops whole nodes (100 entries each by default); the new entry stays.
    assert len(remaining) < 301 and remaining[-1][1][b"id"] == b"new"


async def test_key_rotation_revokes_old_and_keeps_scopes(redis: Redis) -> None:
    old = await create_key(redis, "testville", ["console:read", "console:write"], "dispatch floor")
    old_id = old.split("_")[1]
    rotated = await rotate_key(redis, old_id)
    assert rotated is not None
    new, principal = rotated
    assert principal.jurisdiction == "testville" and principal.scopes == {"console:read", "console:write"}
    ring = KeyRing()
    await ring.refresh(redis)
    assert ring.authenticate(old) is None and ring.authenticate(new) == principal
    stored = await redis.hgetall(keyspace.KEYS_HASH)
    assert hash_key(new).encode() in stored and new.encode() not in repr(stored).encode()
    assert [p.key_id for p in await list_keys(redis)] == [principal.key_id]
    assert await rotate_key(redis, "nosuchid") is None


async def test_keyring_survives_a_redis_that_lost_its_data(redis: Redis) -> None:
    key = await create_key(redis, "testville", ["cad:write"])
    ring = KeyRing()
    await ring.refresh(redis)
    await redis.flushdb()  # e.g. restarted without persistence
    await ring.refresh(redis)
    assert ring.authenticate(key) is not None


def test_cli_audit_export_and_keys_rotate(redis_server: Any, tmp_path: Path, capsys: Any,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPATCH_REDIS_URL", redis_server.url)
    get_settings.cache_clear()
    try:
        sync = SyncRedis.from_url(redis_server.url)
        sync.flushdb()
        sync.xadd(keyspace.audit("cli-town"),
                  entry_fields("recommendation", "r_1", 1_700_000_000_000, '{"a":1}'))
        out = tmp_path / "audit.jsonl"
        assert cli_main(["audit", "export", "--jurisdiction", "cli-town", "--since", "2023-01-01",
                         "--output", str(out)]) == 0
        line = json.loads(out.read_text().splitlines()[0])
        assert line["id"] == "r_1" and line["data"] == {"a": 1} and line["at"].startswith("2023-11-14")
        assert cli_main(["keys", "create", "--jurisdiction", "cli-town", "--scopes", "cad:write"]) == 0
        key = capsys.readouterr().out.strip()
        assert cli_main(["keys", "rotate", key.split("_")[1]]) == 0
        new = capsys.readouterr().out.strip()
        assert new.startswith("da_") and new != key
        assert sync.hget(keyspace.KEYS_HASH, hash_key(key)) is None
        assert sync.hget(keyspace.KEYS_HASH, hash_key(new))
        sync.close()
    finally:
        get_settings.cache_clear()
