"""Helpers every test tier shares: paths and settings, private redis-server / service processes,
request builders for the HTTP API, an SSE reader, and in-memory fakes of the state ports.

Test files import helpers from here (or take conftest fixtures), never from another test file."""

from tests.support.config import DATA, ROOT, make_settings, policy_variant
from tests.support.http import NOW, auth, call_body, drain, setup_testville, unit
from tests.support.servers import LiveServer, RedisServer, free_port
from tests.support.sse import SSE, open_stream, provision, wait_for_key

__all__ = [
    "DATA",
    "NOW",
    "ROOT",
    "SSE",
    "LiveServer",
    "RedisServer",
    "auth",
    "call_body",
    "drain",
    "free_port",
    "make_settings",
    "open_stream",
    "policy_variant",
    "provision",
    "setup_testville",
    "unit",
    "wait_for_key",
]
