"""`dispatch-assist serve`: one uvicorn worker (uvloop, httptools) with the service's own HTTP protocol.

The protocol is uvicorn's httptools one plus a time stamp: when a request's first bytes were read.
Past its capacity, requests wait in the event loop's queue before any application code runs; the
gate (api/gate.py) reads the stamp and answers 503 at once to a call that already waited longer
than its deadline (api/admission.py), instead of doing the work for an answer that would be late.
Shedding those keeps the queue, and so everyone's latency, bounded. uvicorn's command line cannot
name a protocol class, hence this entry point.
"""

from __future__ import annotations

import argparse
import gc
import time
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["ARRIVED", "StampedHttpToolsProtocol", "main", "uvicorn_options"]

ARRIVED = "dispatch.arrived"  # scope key: time.perf_counter() when the request began to arrive


class StampedHttpToolsProtocol(HttpToolsProtocol):
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.scope[ARRIVED] = time.perf_counter()  # type: ignore[literal-required]


def uvicorn_options(host: str, port: int) -> dict[str, Any]:
    return {
        "host": host,
        "port": port,
        "workers": 1,
        "loop": "uvloop",
        "http": StampedHttpToolsProtocol,
        "access_log": False,
        "server_header": False,
        "ws": "none",
        "lifespan": "on",
        "log_level": "warning",
        # Consoles hold event streams open; stop waiting for them after this and run the shutdown.
        "timeout_graceful_shutdown": 5,
        # Bare (without the front door, deploy/haproxy/), the worker still bounds itself: past this
        # many connections + requests, uvicorn answers 503 at once instead of taking more work;
        # idle keep-alive connections close after 5 s. Calls are shed earlier, by api/admission.py.
        "limit_concurrency": 4096,
        "timeout_keep_alive": 5,
        "backlog": 4096,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="api.serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    # Start-up allocates ~90,000 lasting objects (the app, policies, vocabulary) and frees almost
    # none: the collector's ~270 passes over them cost ~0.3 s of a restart. The app's start-up turns
    # it back on once what it built is frozen (api/app.py).
    gc.disable()
    uvicorn.run("api.asgi:app", **uvicorn_options(args.host, args.port))


if __name__ == "__main__":
    main()
