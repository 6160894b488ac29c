"""Where things are, and Settings for a test app (the environment's DISPATCH_* never leak in)."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from service.settings import Settings, from_env

__all__ = ["DATA", "ROOT", "make_settings", "policy_variant"]

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def make_settings(redis_url: str, **overrides: object) -> Settings:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
    return from_env(env, redis_url=redis_url, policy_dir=str(ROOT / "deploy" / "policies"), **overrides)


def policy_variant(**changes: object) -> dict:  # type: ignore[type-arg]
    """The test policy with changes by path: `responses__crisis__hours="..."` sets a field, None
    deletes it."""
    doc = yaml.safe_load((DATA / "testville.yaml").read_text())
    for path, value in changes.items():
        node = doc
        *parents, last = path.split("__")
        for part in parents:
            node = node[part]
        if value is None:
            del node[last]
        else:
            node[last] = value
    return doc
