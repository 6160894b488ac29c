"""The ASGI application object for servers: `granian --interface asgi api.asgi:app`."""

from __future__ import annotations

from api.app import create_app

__all__ = ["app"]

app = create_app()
