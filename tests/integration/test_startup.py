"""Start-up (issue 19, item 5): what a starting process does once, and what it leaves behind.
The time it takes is a benchmark (python -m loadtests.startup), not asserted here."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from api.app import create_app
from service.policy import memo
from tests.support import RedisServer, make_settings


async def test_start_up_freezes_what_it_built_and_turns_collection_back_on(
    redis: Redis, redis_server: RedisServer  # type: ignore[type-arg]
) -> None:
    gc.disable()  # as `dispatch-assist serve` starts (api/serve.py)
    try:
        app = create_app(make_settings(redis_server.url))
        frozen = gc.get_freeze_count()
        async with AsyncTestClient(app=app) as client:
            assert gc.isenabled()
            assert gc.get_freeze_count() > frozen
            assert (await client.get("/readyz")).status_code == 200
    finally:
        gc.enable()


async def test_each_policy_text_is_compiled_once_at_start_up(
    redis: Redis, redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch  # type: ignore[type-arg]
) -> None:
    compiled: list[str] = []
    load = memo.load_policy

    def counting(raw: bytes, version: str = "draft") -> object:
        compiled.append(version)
        return load(raw, version)

    monkeypatch.setattr(memo, "_memo", type(memo._memo)())
    monkeypatch.setattr(memo, "load_policy", counting)
    settings = make_settings(redis_server.url)
    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.get("/readyz")).status_code == 200
    files = sorted(Path(settings.policy_dir).glob("*.y*ml"))
    assert len(files) >= 6
    # Seeding (the files into an empty Redis), activating, loading from Redis and the files' fallback:
    # one compile per document (it was 20 for the six examples).
    assert len(compiled) == len({p.read_bytes() for p in files}), compiled
