"""GET /v1/stream: Server-Sent Events of one jurisdiction, live — recommendations, outcomes, unit changes.

Each event's `id` is its Redis stream id. A client that reconnects with `Last-Event-ID` gets every
event after that id replayed from Redis, then the live ones, with none lost or repeated; one that
connects without it gets the last `backlog` events first. If events after its id were already
trimmed, it gets `event: reset` and then the recent backlog, so it knows to rebuild its view.
A comment line is sent every HEARTBEAT_S seconds so proxies and clients see the connection alive.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from litestar import Litestar, Request, get
from litestar.params import HeaderParameter, QueryParameter
from litestar.response import Stream

from api.context import caller
from api.gate import guarded
from api.problems import ProblemError
from service.state.event_hub import EventHub, EventsUnavailable, Subscription
from service.state.events import StreamId, parse_id

__all__ = ["HEARTBEAT_S", "events_lifespan", "hub", "stream"]

log = logging.getLogger("dispatch.stream")
HEARTBEAT_S = 15.0
DEFAULT_BACKLOG = 50
MAX_BACKLOG = 1000
_START = b"retry: 2000\n: dispatch-assist events\n\n"
_RESET = b'event: reset\ndata: {"reason": "events after your Last-Event-ID were trimmed; rebuild"}\n\n'
_HEARTBEAT = b": heartbeat\n\n"


def _on_exit_signal(callback: Callable[[], None]) -> Callable[[], None]:
    """Run `callback` on the loop when SIGTERM/SIGINT arrives, chaining to the handlers already set.

    A server drains open requests before it runs the lifespan shutdown, and an event stream never
    finishes by itself, so without this a stop would wait for every console to hang up. The signal
    still reaches the server's own handler (the loop's wakeup fd is untouched). Returns an undo.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    loop = asyncio.get_running_loop()
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: Any) -> None:
        loop.call_soon_threadsafe(callback)
        chained = previous.get(signum)
        if callable(chained):
            chained(signum, frame)

    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(ValueError, OSError):
            previous[sig] = signal.getsignal(sig)
            signal.signal(sig, handler)

    def undo() -> None:
        for sig, chained in previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, chained if chained is not None else signal.SIG_DFL)

    return undo


@contextlib.asynccontextmanager
async def events_lifespan(app: Litestar) -> AsyncIterator[None]:
    """The process's event hub. On SIGTERM/SIGINT every open stream ends at once (clients reconnect,
    to another replica if there is one), so the server's drain completes; then the hub closes."""
    events: EventHub = app.state.services.events  # built by service/bootstrap.py
    undo = _on_exit_signal(events.drain)
    try:
        yield
    finally:
        undo()
        await events.close()


def hub(request: Request[Any, Any, Any]) -> EventHub:
    return request.app.state.services.events  # type: ignore[no-any-return]


async def _frames(
    events: EventHub, sub: Subscription, after: StreamId | None, backlog: int
) -> AsyncIterator[bytes]:
    j = sub.jurisdiction
    sent: StreamId = after or (0, 0)
    try:
        yield _START
        if after is not None and not await events.lost_since(j, after):
            async for batch in events.replay(j, after):
                chunk = batch.after(sent)
                if chunk:
                    yield chunk
                sent = max(sent, batch.last)
        else:
            if after is not None:
                yield _RESET
            recent = await events.recent(j, backlog)
            if recent is not None:
                yield recent.joined
                sent = max(sent, recent.last)
        while True:
            try:
                # asyncio.timeout, not wait_for: no extra task per event per connection.
                async with asyncio.timeout(HEARTBEAT_S):
                    item = await sub.queue.get()
            except TimeoutError:
                yield _HEARTBEAT
                continue
            if item is None:
                return  # shutdown, or too slow: the client resumes with its Last-Event-ID
            chunk = item.after(sent)
            if chunk:
                yield chunk
                sent = max(sent, item.last)
    except EventsUnavailable as exc:
        log.warning("event replay failed: %s", exc, extra={"jurisdiction": j})
    finally:
        events.unsubscribe(sub)


@get("/v1/stream", summary="Live events of the jurisdiction (Server-Sent Events)",
     tags=["stream"], media_type="text/event-stream", **guarded("console:read"))
async def stream(
    request: Request[Any, Any, Any],
    backlog: Annotated[int, QueryParameter(ge=0, le=MAX_BACKLOG, description="events replayed first when "
                                           "the request has no Last-Event-ID")] = DEFAULT_BACKLOG,
    last_event_id: Annotated[str | None, HeaderParameter(name="Last-Event-ID", max_length=41,
                                                         description="resume after this event id")] = None,
) -> Stream:
    """`event:` is `recommendation` (the Recommendation as answered, plus `call`: priority, address,
    narrative), `outcome` (an Outcome), `unit` (a unit's status or type changed, or a new unit) or
    `reset`. Authenticate with the Authorization header (fetch + a stream reader in browsers)."""
    _, principal = caller(request)
    events = hub(request)
    try:
        sub = await events.subscribe(principal.jurisdiction)
    except EventsUnavailable:
        raise ProblemError(503, "Event stream unavailable", "the store is unreachable; retry",
                           headers={"Retry-After": "2"}) from None
    return Stream(_frames(events, sub, parse_id(last_event_id), backlog), media_type="text/event-stream",
                  headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
