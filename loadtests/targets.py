"""Registry of named load-test targets: how to start the server, and what requests to send it.

A target is data, not code in the runner, so the real service plugs in without touching this package:

    # e.g. service/loadtest_target.py (any importable module)
    from loadtests.targets import Target, TargetContext, register_target

    def calls_scenario(ctx: TargetContext) -> Scenario: ...   # index -> (method, path, headers, body)

    register_target(Target(name="service", app="api.asgi:app", scenario=calls_scenario, needs_redis=True,
                           env={"DISPATCH_RATE_LIMIT_RPS": "1000000"}, setup=seed_fn, ready_path="/readyz"))

    python -m loadtests.run_baselines --plugin service.loadtest_target --targets noop,skeleton,service
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import msgspec

from loadtests.baselines import CENTER, Incident
from loadtests.generator import Scenario

__all__ = [
    "TARGETS",
    "Target",
    "TargetContext",
    "get_target",
    "incident_scenario",
    "load_plugins",
    "register_target",
]

JSON_HEADERS: Mapping[str, str] = {"Content-Type": "application/json"}


@dataclass(frozen=True, slots=True)
class TargetContext:
    """What the runner knows when it prepares a target (passed to `setup` and `scenario`)."""

    redis_url: str | None  # the private redis-server, or None if no target needs one
    seed: int = 1  # scenarios must be deterministic for a given seed, so runs are comparable
    rate: float = 0.0  # the rate about to be run (0 when not known yet)
    base_url: str | None = None  # the server under test, once started (for background traffic)


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    app: str  # ASGI import path served by granian/uvicorn, e.g. "service.app:app"
    scenario: Callable[[TargetContext], Scenario]  # called once per run, before the clock starts
    env: Mapping[str, str] = field(default_factory=dict)  # extra server env; DISPATCH_REDIS_URL is added
    needs_redis: bool = False
    setup: Callable[[TargetContext], None] | None = None  # e.g. seed Redis; runs before the server starts
    ready_path: str = "/health"  # a 2xx answer on this path means "ready for load"
    description: str = ""


TARGETS: dict[str, Target] = {}


def register_target(target: Target, *, replace: bool = False) -> Target:
    if target.name in TARGETS and not replace:
        raise ValueError(f"target {target.name!r} is already registered")
    TARGETS[target.name] = target
    return target


def get_target(name: str) -> Target:
    try:
        return TARGETS[name]
    except KeyError:
        raise KeyError(f"unknown target {name!r}; registered: {sorted(TARGETS)}") from None


def load_plugins(modules: Iterable[str]) -> None:
    """Import modules whose import registers more targets (the `--plugin` option)."""
    for module in modules:
        importlib.import_module(module)


def incident_scenario(path: str, distinct: int = 10_000) -> Callable[[TargetContext], Scenario]:
    """POST small Incident bodies at random points around CENTER (same points for the same seed)."""

    def factory(ctx: TargetContext) -> Scenario:
        rng = random.Random(ctx.seed)
        encoder = msgspec.json.Encoder()
        bodies = [
            encoder.encode(
                Incident(
                    incident_id=f"inc-{i}",
                    lat=round(CENTER[1] + rng.uniform(-0.15, 0.15), 6),
                    lon=round(CENTER[0] + rng.uniform(-0.2, 0.2), 6),
                    priority=rng.randint(1, 5),
                )
            )
            for i in range(distinct)
        ]
        return lambda i: ("POST", path, JSON_HEADERS, bodies[i % distinct])

    return factory


register_target(
    Target(
        name="noop",
        app="loadtests.baselines:noop_app",
        scenario=incident_scenario("/noop"),
        description="Litestar route returning a constant small JSON: framework + server floor",
    )
)
register_target(
    Target(
        name="skeleton",
        app="loadtests.baselines:skeleton_app",
        scenario=incident_scenario("/skeleton"),
        needs_redis=True,
        description="msgspec decode + one pipelined GEOSEARCH+GET + msgspec encode: data-path floor",
    )
)
