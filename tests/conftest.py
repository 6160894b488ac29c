"""Fixtures every tier shares: a real redis-server on a free loopback port (integration and e2e only;
unit tests never ask for it), and the app wired to it through the composition root."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator

import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from tests.support import RedisServer, make_settings


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.stop()
    shutil.rmtree(server.dir, ignore_errors=True)


@pytest.fixture
async def redis(redis_server: RedisServer) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_server.url)
    await client.flushdb()
    yield client
    await client.aclose()


@pytest.fixture
async def client(redis: Redis, redis_server: RedisServer) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    from api.app import create_app  # imported here: the unit tier never builds the app

    app = create_app(make_settings(redis_server.url))
    async with AsyncTestClient(app=app) as c:
        yield c
