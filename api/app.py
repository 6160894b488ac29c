"""create_app(settings): the Litestar application and its lifespan.

Start-up connects to Redis, seeds the example policies when Redis has none, loads policies and
API keys into memory, and starts one background task that keeps them fresh, watches Redis
health and sweeps silent units out of the availability sets.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

from litestar import Litestar
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme
from redis.exceptions import RedisError

from api.admission import Admission
from api.context import Services
from api.gate import gate_middleware
from api.limits import RateLimiter
from api.logs import configure_logging
from api.metrics import SCREENING_NATIVE, init_routes, metrics_middleware, observe_services
from api.metrics.gcpause import apply_thresholds, watch_collections
from api.metrics.observer import MetricsObserver
from api.problems import exception_handlers
from api.routes import ROUTES
from api.stream import events_lifespan
from service import bootstrap
from service.durability.replicas import NotReplicated
from service.policy.memo import compiled_policy
from service.screening.screen import default_terms
from service.settings import Settings, get_settings
from service.state import keyspace
from service.state.audit import trim_retention
from service.state.connect import follow_switch_master
from service.state.policies import seed_from_dir

__all__ = ["create_app", "openapi_config"]

log = logging.getLogger("dispatch.app")
VERSION = "1.0.0"

openapi_config = OpenAPIConfig(
    title="dispatch-assist",
    version=VERSION,
    description="Responder recommendations for 911 calls, from jurisdiction policy and live unit "
    "availability.",
    path="/docs",
    components=Components(security_schemes={
        "BearerAuth": SecurityScheme(type="http", scheme="bearer", description="an API key from "
                                     "`dispatch-assist keys create`; it decides the jurisdiction and scopes"),
    }),
)


async def _refresh(ctx: Services) -> None:
    async with ctx.redis.pipeline(transaction=False) as pipe:
        pipe.get(keyspace.POLICY_EPOCH)
        pipe.get(keyspace.KEYS_EPOCH)
        pipe.execute_command("ROLE")
        policy_epoch, keys_epoch, role = await pipe.execute()
    ctx.acks.observe_role(role)
    await ctx.policies.refresh(ctx.redis, policy_epoch)
    if keys_epoch != ctx.keyring.epoch:
        await ctx.keyring.refresh(ctx.redis)
        ctx.admission.forget_keys()


async def _keep_fresh(ctx: Services) -> None:
    """Poll rather than trust Pub/Sub alone: a missed message must not leave a stale policy or key."""
    last_sweep = 0.0
    while True:
        ctx.admission.shed_log.flush_due()
        try:
            await _refresh(ctx)
            if not ctx.redis_ok:
                log.info("redis reachable again")
                # Connections opened before the outage are dead: drop the idle ones now, so that no
                # request trips over one after recovery (in-use ones fail once and are replaced).
                await ctx.redis.connection_pool.disconnect(inuse_connections=False)
            ctx.redis_ok = True
            ctx.breaker.succeed()
            # Writes spooled during an outage go to Redis first, in order (service/durability/spool.py).
            try:
                await ctx.spool.replay(ctx.redis, acks=ctx.acks)
            except NotReplicated as exc:
                # Redis is up; its replicas have not confirmed yet (one resyncing after a failover):
                # the records stay spooled and go again at the next poll. Not an outage.
                log.info("spool kept: %s", exc)
            if time.monotonic() - last_sweep >= ctx.settings.sweep_interval_s:
                last_sweep = time.monotonic()
                now_ms = int(time.time() * 1000)
                for j, policy in list(ctx.policies.policies.items()):
                    await ctx.units.sweep(j, now_ms, policy.units_stale_after_s)
                    await trim_retention(ctx.redis, j, _retention_days(ctx, policy), now_ms)
        except (RedisError, OSError, TimeoutError) as exc:
            if ctx.redis_ok:
                log.warning("redis unreachable: %s", type(exc).__name__)
            ctx.redis_ok = False
            ctx.breaker.trip()
        await observe_services(ctx)  # policy info, unit census every ~10 s, degraded gauge; never raises
        await asyncio.sleep(ctx.settings.policy_poll_s)


async def _listen(ctx: Services) -> None:
    """Reload at once when any process activates a policy; the poll above covers missed messages."""
    client = bootstrap.subscriber_redis(ctx.settings)  # its own: a subscriber blocks on reads
    try:
        while True:
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(keyspace.POLICY_CHANNEL)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            await _refresh(ctx)
            except (RedisError, OSError):
                await asyncio.sleep(1.0)
    finally:
        await client.aclose()


async def _stop(tasks: list[asyncio.Task[None]]) -> None:
    """Cancel background tasks and wait for them, cancelling again if needed: redis-py 8.1 can
    swallow a cancellation that lands while a command is in flight (the task then runs on)."""
    pending = set(tasks)
    for _ in range(50):
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=0.1)
        if not pending:
            return
    log.error("%d background task(s) would not stop", len(pending))


def _retention_days(ctx: Services, policy: object) -> int:
    audit = getattr(getattr(policy, "document", None), "audit", None)
    days = getattr(audit, "retention_days", None)
    return ctx.settings.audit_retention_days if days is None else int(days)


def _load_files(ctx: Services) -> None:
    """Without Redis at start-up, serve the policy files so calls still get (degraded) answers."""
    for path in sorted(Path(ctx.settings.policy_dir).glob("*.y*ml")):
        policy = compiled_policy(path.read_bytes(), f"file:{path.stem}")
        ctx.policies.policies.setdefault(policy.jurisdiction, policy)


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    configure_logging(settings.log_level)  # JSON lines on stderr (api/logs.py)

    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        limiter = RateLimiter(settings.rate_limit_rps, settings.rate_limit_burst)
        # The composition root: every service, from Settings; the web layer adds its metrics and limits.
        core = bootstrap.build(settings, observer=MetricsObserver(), limits=limiter)
        redis, lane = core.redis, core.lane
        ctx = Services.from_core(core, limiter,
                                 Admission(settings.max_in_flight, settings.latency_objective_ms / 2000))
        pool = redis.connection_pool
        ctx.spool.open()  # fails start-up if the spool directory is unusable: no silent loss later
        app.state.services = ctx
        # The early shed (api/protocol.py) looks keys up in the live keyring.
        ctx.admission.install(ctx.keyring.authenticate)
        try:
            # Warm the pool: a cold pool makes the first calls pay for connecting.
            await asyncio.gather(*(redis.ping() for _ in range(8)))
            await lane.execute([["PING"]])
            await seed_from_dir(redis, settings.policy_dir)
            await ctx.policies.refresh(redis)
            await ctx.keyring.refresh(redis)
            ctx.redis_ok = True
        except (RedisError, OSError) as exc:
            log.warning("redis unreachable at start-up (%s); serving policy files, degraded",
                        type(exc).__name__)
            ctx.breaker.trip()
        _load_files(ctx)
        init_routes(app)
        # The default vocabulary, from its disk cache (service/screening/cache.py) or built once
        # here: never on the first call.
        terms = default_terms()
        SCREENING_NATIVE.set(int(terms.native is not None))
        if terms.native is None:
            log.warning("the native screening reader is not built (service/screening/csrc/, needs gcc and "
                        "libpcre2-dev at install): narratives are screened in Python, ~5x slower")
        # What start-up built (policies, screening automata, the app) lives as long as the process;
        # frozen, it is no longer walked by every full collection, which took ~30-50 ms with it and
        # stalled the calls in flight. `dispatch-assist serve` starts with automatic collection off
        # (api/serve.py): it found nothing to free during start-up but took ~0.3 s of it, and so would
        # a collection before freezing (~0.1 s for ~1,200 objects left over from building classes,
        # frozen with the rest). Collection runs as usual from here on.
        gc.freeze()
        # Thresholds from the settings (DISPATCH_GC_THRESHOLDS, docs/operations.md), and every
        # collection's pause timed from here on (dispatch_gc_pause_seconds).
        apply_thresholds(settings.gc_thresholds)
        watch_collections()
        gc.enable()
        loop = asyncio.get_running_loop()
        async def master_moved(address: str) -> None:
            # Sentinel announced a new master: leave the old one now, not at the next failure. Each
            # Sentinel announces it, some a second later: a connection already there stays.
            if f"{lane.host}:{lane.port}" != address:
                lane.close()
                await pool.disconnect(inuse_connections=False)

        background = [loop.create_task(_keep_fresh(ctx)), loop.create_task(_listen(ctx)),
                      loop.create_task(follow_switch_master(settings.redis_url, master_moved))]
        try:
            yield
        finally:
            ctx.admission.uninstall()
            await _stop(background)
            if ctx.tasks:
                await asyncio.gather(*ctx.tasks, return_exceptions=True)
            await ctx.write_behind.drain()
            with contextlib.suppress(RedisError, OSError, TimeoutError):
                async with asyncio.timeout(2):
                    await ctx.spool.replay(redis, acks=ctx.acks)
            ctx.spool.close()  # what is left is replayed by the next process that starts here
            await core.close()

    return Litestar(
        route_handlers=ROUTES,
        # Exited in reverse: open event streams end before the Redis pool closes.
        lifespan=[lifespan, events_lifespan],
        middleware=[metrics_middleware, gate_middleware],
        exception_handlers=exception_handlers,
        openapi_config=openapi_config,
        request_max_body_size=settings.max_body_bytes,
        # Logging is ours (JSON, api/logs.py); Litestar's default config would replace the root handler.
        logging_config=None,
        debug=False,
    )
