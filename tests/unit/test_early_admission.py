"""The early decision (api/admission.py `admit_early`, api/protocol.py): a call's slot taken, or a
503 written, as its headers are parsed, before any ASGI task; fed bytes through a fake transport."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from uvicorn.config import Config
from uvicorn.server import ServerState

from api.admission import ADMITTED, PASS, SHED, Admission
from api.gate import gate_middleware
from api.loopclock import ThreadClock
from api.protocol import CALLER, EARLY_SLOT, AdmittingHttpToolsProtocol
from service.state.apikeys import Principal

KEYS = {"flood-key": "flood", "quiet-key": "quiet", "other-key": "other"}


def _keyring(keys: dict[str, str]) -> Any:
    """A keyring's lookup over key -> jurisdiction that counts its lookups (each one hashes a key)."""
    def authenticate(key: str) -> Principal | None:
        authenticate.lookups += 1  # type: ignore[attr-defined]
        jurisdiction = keys.get(key)
        return Principal(key, jurisdiction, frozenset({"cad:write"})) if jurisdiction else None

    authenticate.lookups = 0  # type: ignore[attr-defined]
    return authenticate


def _early(gate: Admission, header: bytes) -> tuple[int, str]:
    decision, jurisdiction, _caller = gate.admit_early(header)
    return decision, jurisdiction


def _gate(limit: int = 8, **kw: Any) -> Admission:
    gate = Admission(limit=limit, wait_s=0.005, **kw)
    gate.install(_keyring(KEYS))
    return gate


def _turn(gate: Admission) -> None:
    gate._started_this_turn = 0  # as the loop-turn timer (_tick) does


async def test_a_call_takes_its_slot_early_until_only_the_reserve_is_left() -> None:
    gate = _gate(limit=8)  # reserve 1, queue 2 per jurisdiction
    decisions = []
    for _ in range(7):
        decisions.append(_early(gate, b"Bearer flood-key"))
        _turn(gate)  # one a turn: within the turn budget (2 at this limit)
    assert decisions == [(ADMITTED, "flood")] * 7 and gate.in_flight == 7
    assert _early(gate, b"Bearer flood-key") == (PASS, "")  # may wait in the gate's queue
    assert _early(gate, b"Bearer quiet-key") == (ADMITTED, "quiet")  # the reserve
    assert _early(gate, b"Bearer nobody") == (PASS, "")  # unknown: the gate answers 401
    assert _early(gate, b"Basic flood-key") == (PASS, "")
    gate.uninstall()


async def test_a_full_queue_is_shed_at_once_and_counted() -> None:
    gate = _gate(limit=8)
    for _ in range(7):
        _early(gate, b"Bearer flood-key")
        _turn(gate)
    waiters = [asyncio.create_task(gate.enter("flood")) for _ in range(2)]
    await asyncio.sleep(0)
    assert _early(gate, b"Bearer flood-key") == (SHED, "flood")
    assert gate.shed["flood"] == 1
    gate.leave("flood")
    gate.leave("flood")
    await asyncio.wait_for(asyncio.gather(*waiters), 0.5)
    gate.uninstall()


async def test_while_the_loop_lags_the_flood_is_shed_and_a_quiet_jurisdiction_is_served() -> None:
    gate = _gate(limit=32)  # lag_cap 4
    for _ in range(4):
        assert _early(gate, b"Bearer flood-key")[0] == ADMITTED
    _turn(gate)
    gate.loop_lag, gate.late_turns = 10 * gate.lag_limit_s, 0  # late but idle: calls waiting on Redis
    assert _early(gate, b"Bearer flood-key") == (ADMITTED, "flood")
    gate.late_turns = 1  # one late and busy turn: a failover's burst of work, not yet saturation
    assert _early(gate, b"Bearer flood-key") == (ADMITTED, "flood")
    gate.late_turns = 3  # late and busy turn after turn, as _tick counts them when the CPU is saturated
    assert _early(gate, b"Bearer flood-key") == (SHED, "flood")
    assert gate.shed_log.saturated == 1  # the summary line names the lag rule, not a lack of slots
    assert _early(gate, b"Bearer quiet-key") == (ADMITTED, "quiet")
    gate.loop_lag, gate.late_turns = 0.0, 0
    assert _early(gate, b"Bearer flood-key") == (ADMITTED, "flood")
    gate.uninstall()


async def test_a_busy_jurisdiction_gets_a_few_new_slots_per_loop_turn_a_quiet_one_more() -> None:
    gate = _gate(limit=64)  # lag_cap 8, turn budget 16
    _early(gate, b"Bearer other-key")
    for _ in range(29):
        gate._take("other")  # another jurisdiction holds 30: the flood stays below its share
    for _ in range(8):
        gate._take("flood")
    decisions = [_early(gate, b"Bearer flood-key")[0] for _ in range(18)]
    assert decisions == [ADMITTED] * 18  # the loop is on time: no limit per turn
    _turn(gate)
    for _ in range(18):
        gate.leave("flood")
    gate.late_turns = 3  # saturated
    decisions = [_early(gate, b"Bearer flood-key")[0] for _ in range(18)]
    assert decisions == [ADMITTED] * 16 + [SHED] * 2  # one turn's work stays short
    assert _early(gate, b"Bearer quiet-key") == (ADMITTED, "quiet")  # few in flight: served
    _turn(gate)
    gate.late_turns = 0  # on time again
    assert _early(gate, b"Bearer flood-key") == (ADMITTED, "flood")
    gate.uninstall()


async def test_the_lag_is_measured_by_a_timer_that_stops_when_calls_stop() -> None:
    gate = _gate()
    _early(gate, b"Bearer quiet-key")
    gate.leave("quiet")
    assert gate._ticking
    await asyncio.sleep(0.03)
    assert 0.0 <= gate.loop_lag < 0.03
    await asyncio.sleep(0.2)
    assert not gate._ticking and gate.loop_lag == 0.0
    gate.uninstall()


def _hold_the_loop(seconds: float, on_cpu: bool) -> None:
    until = time.perf_counter() + seconds
    if not on_cpu:
        time.sleep(seconds)  # the thread off the CPU: what a descheduled process looks like from inside
    while time.perf_counter() < until:
        pass


async def _late_turns(gate: Admission, on_cpu: bool, arrivals: int | None = None) -> int:
    """Six loop turns in a row each held 6 ms (3 x the lag limit), `arrivals` calls parsed in each
    (a flood's turn_budget by default); the most late turns in a row."""
    most = 0
    for _ in range(6):
        for _ in range(gate.turn_budget if arrivals is None else arrivals):
            _early(gate, b"Bearer quiet-key")  # calls keep coming: the timer keeps running
            gate.leave("quiet")
        _hold_the_loop(0.006, on_cpu)
        await asyncio.sleep(0)  # the timer, overdue, runs in this turn
        most = max(most, gate.late_turns)
    return most


async def test_lag_counts_as_saturation_only_when_late_turns_in_a_row_were_spent_on_the_cpu() -> None:
    gate = _gate()  # lag limit 2 ms
    assert await _late_turns(gate, on_cpu=False) == 0  # late but idle (waiting on Redis): not saturation
    assert await _late_turns(gate, on_cpu=True) >= 3  # late and busy, turn after turn
    await asyncio.sleep(0.005)  # one turn on time
    assert gate.late_turns == 0
    gate.uninstall()


async def test_late_busy_turns_with_few_arrivals_are_not_saturation() -> None:
    """A Redis failover's own work (reconnects, the calls that waited answered at once) can keep the
    loop late and busy for turns in a row while calls arrive at their usual few per turn: that is
    not a flood, and refusing them would turn answerable calls into 503s."""
    gate = _gate(limit=32)  # a turn budget of 8
    assert await _late_turns(gate, on_cpu=True, arrivals=1) == 0
    assert await _late_turns(gate, on_cpu=True, arrivals=gate.turn_budget) >= 3
    gate.uninstall()


def test_a_loop_that_waited_for_a_cpu_while_it_had_work_counts_as_busy_one_waiting_on_io_does_not() -> None:
    # 6 ms: 4 runnable but descheduled, 1.8 on the CPU: busy whenever it could run (a shared machine)
    assert ThreadClock.busy(cpu_s=0.0018, waited_s=0.004, wall_s=0.006, share=0.75)
    # 6 ms, 0.5 on the CPU, the rest asleep in the selector (calls waiting on Redis): not busy
    assert not ThreadClock.busy(cpu_s=0.0005, waited_s=0.0, wall_s=0.006, share=0.75)
    clock = ThreadClock()
    cpu, waited = clock.read()
    _hold_the_loop(0.002, on_cpu=True)
    cpu2, waited2 = clock.read()
    assert cpu2 - cpu > 0 and waited2 >= waited >= 0
    clock.close()


class _Transport:
    def __init__(self) -> None:
        self.out = bytearray()
        self.closed = False

    def write(self, data: bytes) -> None:
        self.out += data

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return ("127.0.0.1", 5000) if name in ("peername", "sockname") else default

    def pause_reading(self) -> None: ...

    def resume_reading(self) -> None: ...


def _request(key: str, body: bytes = b'{"incident_id": "a"}', extra: bytes = b"") -> bytes:
    return (
        b"POST /v1/calls HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + key.encode()
        + b"\r\nContent-Type: application/json\r\n" + extra
        + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )


@pytest.fixture
def served() -> Any:
    seen: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        message = await receive()
        seen.append({"slot": scope.get(EARLY_SLOT), "body": message.get("body")})
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    config = Config(app=app, lifespan="off", proxy_headers=False, access_log=False)
    config.load()
    protocol = AdmittingHttpToolsProtocol(config, ServerState(), {})
    transport = _Transport()
    protocol.connection_made(transport)  # type: ignore[arg-type]
    return protocol, transport, seen


async def test_a_shed_call_gets_a_503_problem_and_the_connection_serves_the_next(served: Any) -> None:
    protocol, transport, seen = served
    gate = _gate(limit=2, reserve=0, queue_per_jurisdiction=0)
    protocol.data_received(_request("flood-key"))  # takes slot 1
    protocol.data_received(_request("flood-key"))  # pipelined behind the first: left to the gate
    await asyncio.sleep(0.01)
    assert [s["slot"] for s in seen] == ["flood", None]
    gate.in_flight, gate.by_jurisdiction["flood"] = 2, 2  # both slots held
    transport.out.clear()
    protocol.data_received(_request("flood-key", body=b'{"narrative": "never read"}'))
    head, _, body = bytes(transport.out).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 503 ") and b"retry-after: 1" in head
    assert b"content-type: application/problem+json" in head
    assert json.loads(body) == {
        "status": 503, "title": "Overloaded", "instance": "/v1/calls",
        "detail": "no capacity for this call within its deadline; retry",
    }  # the same problem as the gate's 503 (api/gate.py)
    assert len(seen) == 2 and not transport.closed and gate.shed["flood"] == 1  # no app, no task
    gate.in_flight, gate.by_jurisdiction["flood"] = 0, 0
    transport.out.clear()
    protocol.data_received(_request("quiet-key"))  # the same connection, parsed from a clean state
    await asyncio.sleep(0.01)
    assert bytes(transport.out).startswith(b"HTTP/1.1 200 ") and seen[-1]["slot"] == "quiet"
    assert seen[-1]["body"] == b'{"incident_id": "a"}'
    gate.uninstall()


async def test_a_shed_call_expecting_100_continue_is_answered_and_closed(served: Any) -> None:
    protocol, transport, seen = served
    gate = _gate(limit=1, reserve=0, queue_per_jurisdiction=0)
    gate.in_flight, gate.by_jurisdiction["flood"] = 1, 1
    headers_only = _request("flood-key", extra=b"Expect: 100-continue\r\n").split(b"\r\n\r\n")[0]
    protocol.data_received(headers_only + b"\r\n\r\n")
    assert b"connection: close" in bytes(transport.out) and transport.closed and not seen
    gate.uninstall()


async def test_a_shed_call_on_a_closing_connection_gets_only_its_503(served: Any) -> None:
    protocol, transport, seen = served
    gate = _gate(limit=1, reserve=0, queue_per_jurisdiction=0)
    gate.in_flight, gate.by_jurisdiction["flood"] = 1, 1
    # Connection: close, its body in the same read: the body is dropped, not parsed as a bad request.
    protocol.data_received(_request("flood-key", extra=b"Connection: close\r\n"))
    out = bytes(transport.out)
    assert out.startswith(b"HTTP/1.1 503 ") and out.count(b"HTTP/1.1 ") == 1 and b"connection: close" in out
    assert transport.closed and not seen and gate.shed["flood"] == 1
    gate.uninstall()


async def test_calls_shed_in_one_read_leave_one_keep_alive_timer(served: Any) -> None:
    protocol, transport, seen = served
    gate = _gate(limit=1, reserve=0, queue_per_jurisdiction=0)
    gate.in_flight, gate.by_jurisdiction["flood"] = 1, 1
    loop, armed = protocol.loop, []

    def call_later(delay: float, callback: Any) -> asyncio.TimerHandle:
        armed.append(loop.call_later(delay, callback))
        return armed[-1]

    spy = {"call_later": staticmethod(call_later), "create_task": loop.create_task}
    protocol.loop = type("_Loop", (), spy)()  # records the keep-alive timers the protocol arms
    protocol.data_received(_request("flood-key") + _request("flood-key"))
    assert bytes(transport.out).count(b"HTTP/1.1 503 ") == 2 and len(armed) == 2
    assert armed[0].cancelled() and not armed[1].cancelled() and protocol.timeout_keep_alive_task is armed[1]
    protocol.loop = loop
    # A shed call, then one served, in the same read: the shed one's idle timer must not outlive it.
    gate.uninstall()
    gate = _gate(limit=2, reserve=1, queue_per_jurisdiction=0)  # the flood has all but the reserve
    gate.in_flight, gate.by_jurisdiction["flood"] = 1, 1
    transport.out.clear()
    protocol._unset_keepalive_if_required()
    protocol.data_received(_request("flood-key") + _request("quiet-key"))
    assert protocol.timeout_keep_alive_task is None  # the served call is in flight: no idle timer
    await asyncio.sleep(0.01)
    assert seen[-1]["slot"] == "quiet" and bytes(transport.out).count(b"HTTP/1.1 200 ") == 1
    gate.uninstall()


async def test_the_gate_releases_an_early_slot_whatever_stops_the_call_before_its_handler() -> None:
    gate = _gate(limit=4)
    assert _early(gate, b"Bearer flood-key") == (ADMITTED, "flood")

    class _Keyring:
        def authenticate(self, key: str) -> Any:
            raise RuntimeError("a bug in the key ring")

    services = type("_Services", (), {"admission": gate, "keyring": _Keyring()})()
    app_state = type("_App", (), {"state": type("_State", (), {"services": services})()})()
    route = type("_Route", (), {"opt": {"scope": "cad:write", "admission": True}})()
    scope = {"type": "http", "path": "/v1/calls", "route_handler": route, "app": app_state,
             "headers": [(b"authorization", b"Bearer flood-key")], EARLY_SLOT: "flood"}

    async def handler(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("not reached")

    with pytest.raises(RuntimeError):
        await gate_middleware(handler)(scope, None, None)
    assert gate.in_flight == 0 and not gate.by_jurisdiction  # the slot taken early is free again
    gate.uninstall()


async def test_a_key_revoked_from_the_keyring_no_longer_takes_a_slot_early() -> None:
    keys = dict(KEYS)
    gate = Admission(limit=8, wait_s=0.005)
    gate.install(_keyring(keys))
    assert _early(gate, b"Bearer other-key") == (ADMITTED, "other")
    gate.leave("other")
    del keys["other-key"]  # revoked: the keyring no longer knows it
    assert _early(gate, b"Bearer other-key") == (ADMITTED, "other")  # still in the early cache
    gate.leave("other")
    gate.forget_keys()  # what the keyring's refresh now does (api/app.py)
    assert _early(gate, b"Bearer other-key") == (PASS, "")  # the gate answers 401
    gate.uninstall()


async def _through_protocol_and_gate(gate: Admission, lookup: Any, key: str) -> tuple[bytes, list[Any]]:
    """One POST /v1/calls parsed by the protocol, then passed to the real gate middleware whose
    keyring is `lookup` (the same function admission was given, as in api/app.py)."""
    reached: list[Any] = []

    async def handler(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["state"]["dispatch.principal"])
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    services = type("_Services", (), {
        "admission": gate,
        "keyring": type("_Keyring", (), {"authenticate": staticmethod(lookup)})(),
        "limiter": type("_Limiter", (), {"enabled": False})(),
        "settings": None,
    })()
    app_state = type("_App", (), {"state": type("_State", (), {"services": services})()})()
    route = type("_Route", (), {"opt": {"scope": "cad:write", "admission": True}})()
    middleware = gate_middleware(handler)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        scope.update(route_handler=route, app=app_state)  # what Litestar's routing adds
        await middleware(scope, receive, send)

    config = Config(app=app, lifespan="off", proxy_headers=False, access_log=False)
    config.load()
    protocol = AdmittingHttpToolsProtocol(config, ServerState(), {})
    transport = _Transport()
    protocol.connection_made(transport)  # type: ignore[arg-type]
    protocol.data_received(_request(key))
    await asyncio.sleep(0.01)
    return bytes(transport.out), reached


async def test_a_key_is_looked_up_at_most_once_per_call_between_the_protocol_and_the_gate() -> None:
    lookup = _keyring(KEYS)
    gate = Admission(limit=8, wait_s=0.005)
    gate.install(lookup)
    # An unknown key: looked up (hashed) once, by admission; the gate answers 401 from that lookup.
    out, reached = await _through_protocol_and_gate(gate, lookup, "nobody")
    assert out.startswith(b"HTTP/1.1 401 ") and not reached and lookup.lookups == 1
    # A known key: looked up once by admission, and not again by the gate.
    out, reached = await _through_protocol_and_gate(gate, lookup, "quiet-key")
    assert out.startswith(b"HTTP/1.1 200 ") and reached[0].jurisdiction == "quiet" and lookup.lookups == 2
    # The same header again: admission's cache knows it; no lookup at all.
    out, reached = await _through_protocol_and_gate(gate, lookup, "quiet-key")
    assert out.startswith(b"HTTP/1.1 200 ") and reached[0].jurisdiction == "quiet" and lookup.lookups == 2
    assert gate.in_flight == 0
    gate.uninstall()


async def test_without_an_early_lookup_the_gate_looks_the_key_up_itself() -> None:
    lookup = _keyring(KEYS)
    gate = _gate(limit=8)
    route = type("_Route", (), {"opt": {"scope": "cad:write", "admission": True}})()
    services = type("_Services", (), {
        "admission": gate, "keyring": type("_Keyring", (), {"authenticate": staticmethod(lookup)})(),
        "limiter": type("_Limiter", (), {"enabled": False})(), "settings": None})()
    app_state = type("_App", (), {"state": type("_State", (), {"services": services})()})()
    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def handler(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("not reached")

    # No CALLER in the scope (not parsed by the admitting protocol): the gate's own lookup decides.
    scope = {"type": "http", "path": "/v1/calls", "route_handler": route, "app": app_state,
             "headers": [(b"authorization", b"Bearer nobody")]}
    await gate_middleware(handler)(scope, None, send)
    assert sent[0]["status"] == 401 and lookup.lookups == 1
    # CALLER says "no such key" (None): 401 without a second lookup, whatever the keyring says now.
    scope = {**scope, "headers": [(b"authorization", b"Bearer quiet-key")], CALLER: None}
    sent.clear()
    await gate_middleware(handler)(scope, None, send)
    assert sent[0]["status"] == 401 and lookup.lookups == 1
    gate.uninstall()
