"""The worker's HTTP protocol: uvicorn's httptools protocol plus the two things admission needs.

1. An arrival stamp: when a request's first bytes were read (scope[ARRIVED]). Past its capacity,
   requests wait in the event loop's queue before any application code runs; the gate
   (api/gate.py) sheds a call that already waited past its deadline instead of doing late work.
2. The early decision (api/admission.py, `Admission.admit_early`): a POST /v1/calls takes its
   admission slot here, as its headers are parsed, or, when its jurisdiction has no slot and a
   full queue, or the loop is saturated (late and busy) and it has its share in flight, is
   answered 503 here:
   no ASGI task, no scope processing, no routing, no body kept, one pre-encoded response, a counter
   increment and no log line. Why here and not in the gate: measured (docs/performance.md), a 503
   from the gate inside Litestar cost about half of an answered call's CPU, so at 2x capacity
   answering the surplus took the CPU the admitted calls needed; here it costs a few percent.

What this path skips, on purpose, for shed calls only: the X-Request-ID header, the per-route
request counter (the shed is counted in dispatch_shed_total{reason="overload"}) and key
validation (a shed call is refused, not served, whatever its key; a call that is not shed is
authenticated by the gate as always).
"""

from __future__ import annotations

import time
from typing import Any

import msgspec
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api import admission
from api.metrics import SHED
from api.problems import PROBLEM_JSON, Problem

__all__ = ["ARRIVED", "CALLER", "EARLY_SLOT", "SHED_RESPONSE", "AdmittingHttpToolsProtocol"]

ARRIVED = "dispatch.arrived"  # scope key: time.perf_counter() when the request began to arrive
EARLY_SLOT = "dispatch.early_slot"  # scope key: the jurisdiction whose admission slot this call holds
# scope key: the key's principal (None: no known key) as admission looked it up from this request's
# Authorization header; the gate uses it instead of hashing the key a second time.
CALLER = "dispatch.caller"
_CALLS = b"/v1/calls"


def _shed_response(close: bool) -> bytes:
    body = msgspec.json.encode(
        Problem(503, "Overloaded", "no capacity for this call within its deadline; retry",
                instance=_CALLS.decode())
    )
    head = (
        b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: " + PROBLEM_JSON.encode()
        + b"\r\ncontent-length: " + str(len(body)).encode() + b"\r\nretry-after: 1\r\n"
        + (b"connection: close\r\n" if close else b"") + b"\r\n"
    )
    return head + body


SHED_RESPONSE = _shed_response(close=False)
_SHED_RESPONSE_CLOSE = _shed_response(close=True)
_shed_counters: dict[str, Any] = {}  # jurisdiction -> its bound dispatch_shed child (bound once)


class AdmittingHttpToolsProtocol(HttpToolsProtocol):
    _shedding = False  # the request being parsed was answered 503 here; its body is dropped

    def on_message_begin(self) -> None:
        if self.timeout_keep_alive_task is not None:
            # Armed by a shed call read in the same chunk (on_message_complete below); uvicorn
            # cancels it only per chunk, and left running it would close this request's connection.
            self._unset_keepalive_if_required()
        super().on_message_begin()
        self.scope[ARRIVED] = time.perf_counter()  # type: ignore[literal-required]

    def on_headers_complete(self) -> None:
        gate = admission.Admission.active
        cap = self.limit_concurrency
        if (
            gate is not None
            and self.url == _CALLS
            and (self.cycle is None or self.cycle.response_complete)  # never answer out of order
            and self.parser.get_method() == b"POST"
            and not self.parser.should_upgrade()  # uvicorn would start no task for it
            # uvicorn answers 503 itself past its own limit, without the app (and so the gate)
            and (cap is None or (len(self.connections) < cap and len(self.tasks) < cap))
        ):
            authorization = b""
            for name, value in self.headers:
                if name == b"authorization":
                    authorization = value
                    break
            decision, jurisdiction, caller = gate.admit_early(authorization)
            if decision == admission.SHED:
                self._shed(jurisdiction)
                return
            self.scope[CALLER] = caller  # type: ignore[literal-required]
            if decision == admission.ADMITTED:
                # The gate (api/gate.py) finds the slot here and releases it when the call ends.
                self.scope[EARLY_SLOT] = jurisdiction  # type: ignore[literal-required]
        super().on_headers_complete()

    def _shed(self, jurisdiction: str) -> None:
        counter = _shed_counters.get(jurisdiction)
        if counter is None:
            counter = _shed_counters[jurisdiction] = SHED.labels("overload", jurisdiction)
        counter.inc()
        self.server_state.total_requests += 1
        # Its body is dropped either way: closing, the parser still reads what came in this chunk,
        # and handed to uvicorn without a cycle it would be a parser error (a 400 and a log line).
        self._shedding = True
        # Expect: 100-continue: the client may never send the body the parser would wait for.
        if self.parser.should_keep_alive() and not self.expect_100_continue:
            self.transport.write(SHED_RESPONSE)
        else:
            self.transport.write(_SHED_RESPONSE_CLOSE)
            self.transport.close()

    def on_body(self, body: bytes) -> None:
        if not self._shedding:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not self._shedding:
            super().on_message_complete()
            return
        self._shedding = False
        if not self.transport.is_closing():  # idle from here: the keep-alive timeout applies again
            self.timeout_keep_alive_task = self.loop.call_later(
                self.timeout_keep_alive, self.timeout_keep_alive_handler
            )
