"""`dispatch-assist serve`: one uvicorn worker (uvloop, httptools) with the service's own HTTP protocol.

The protocol (api/protocol.py) is uvicorn's httptools one plus an arrival stamp and the early shed:
past its capacity the worker answers the surplus 503 from the headers, before any application code
runs, so that refusing costs a few percent of an answered call (docs/performance.md). uvicorn's
command line cannot name a protocol class, hence this entry point.
"""

from __future__ import annotations

import argparse
import gc
from typing import Any

import uvicorn

from api.protocol import ARRIVED, AdmittingHttpToolsProtocol

__all__ = ["ARRIVED", "main", "uvicorn_options"]


def uvicorn_options(host: str, port: int) -> dict[str, Any]:
    return {
        "host": host,
        "port": port,
        "workers": 1,
        "loop": "uvloop",
        "http": AdmittingHttpToolsProtocol,
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
