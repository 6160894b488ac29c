"""Write the published contract: `python -m api.openapi` regenerates api/openapi.json from the app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from api.app import create_app
from service.settings import Settings

__all__ = ["CONTRACT", "current_schema"]

CONTRACT = Path(__file__).with_name("openapi.json")


def current_schema() -> dict[str, Any]:
    # Settings are irrelevant to the schema; fixed ones keep the output independent of the environment.
    return create_app(Settings()).openapi_schema.to_schema()


def render() -> str:
    return json.dumps(current_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    CONTRACT.write_text(render())
    print(f"wrote {CONTRACT}")
