"""The monthly program report: every call in the audit stream, classified under the policy version
it was given with (or one fixed policy), tallied by month (service/programs/tally.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from redis.asyncio import Redis

from service.policy.compile import PolicyInvalid, load_policy
from service.programs.classify import ProgramView, program_view
from service.programs.tally import Tallier, Tally
from service.state import keyspace
from service.state.audit import export
from service.state.policies import history

__all__ = ["build_report", "policy_views"]


async def policy_views(redis: Redis, jurisdiction: str) -> dict[str, ProgramView]:
    """Every stored policy version of the jurisdiction, as classification views."""
    views: dict[str, ProgramView] = {}
    for change in await history(redis, jurisdiction, limit=1000):
        text = await redis.get(keyspace.policy_version(jurisdiction, change.version))
        if text is None:
            continue
        try:
            views[change.policy_version] = program_view(load_policy(text, change.policy_version))
        except PolicyInvalid:
            continue  # an older format this service no longer reads: its calls count as unclassified
    return views


async def build_report(redis: Redis, jurisdiction: str, since_ms: int, until_ms: int | None,
                       fixed_policy: bytes | None = None) -> Tally:
    fixed = None if fixed_policy is None else program_view(load_policy(fixed_policy))
    views = {} if fixed is not None else await policy_views(redis, jurisdiction)

    def view_for(version: str) -> ProgramView | None:
        return fixed if fixed is not None else views.get(version)
    since = datetime.fromtimestamp(since_ms / 1000, UTC)
    until = None if until_ms is None else datetime.fromtimestamp(until_ms / 1000, UTC)
    tallier = Tallier(since, until)
    async for entry in export(redis, jurisdiction, since_ms, None):  # outcomes and field records come later
        tallier.add(entry)
    return tallier.result(jurisdiction, view_for)
