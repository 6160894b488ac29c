"""Where things are, and Settings for a test app (the environment's DISPATCH_* never leak in)."""

from __future__ import annotations

import os
from pathlib import Path

from service.settings import Settings, from_env

__all__ = ["DATA", "ROOT", "make_settings"]

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def make_settings(redis_url: str, **overrides: object) -> Settings:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
    return from_env(env, redis_url=redis_url, policy_dir=str(ROOT / "deploy" / "policies"), **overrides)
