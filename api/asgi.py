"""The ASGI application object for servers: `uvicorn api.asgi:app` (as `dispatch-assist serve` runs it)."""

from __future__ import annotations

from api.app import create_app

__all__ = ["app"]

app = create_app()
