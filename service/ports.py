"""The ports: what the use cases above the pure core need from state, as typing.Protocols.

The Redis adapters in service/state/ and service/durability/ implement them; the unit tests use
in-memory fakes of the same protocols (tests/support/fakes.py), so that what sits above the decision
core (recording an outcome during an outage, ingesting unit reports, the hot path's read) is testable
without a redis-server. Nothing here imports an adapter at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from service.domain.model import UnitStatus

if TYPE_CHECKING:
    from service.state.outcomes import Outcome, OutcomeRequest
    from service.state.store import CallRead

__all__ = ["DurableWrites", "OutcomeRecords", "UnitAvailability"]


@runtime_checkable
class UnitAvailability(Protocol):
    """Unit status reports in, the hot path's one read out (service.state.store.UnitStore)."""

    async def apply(self, jurisdiction: str, updates: Sequence[UnitStatus]) -> int:
        """Store the reports newer than what is known; returns how many were applied."""
        ...

    async def read_for_call(self, jurisdiction: str, rec_id: str, lon: float, lat: float,
                            searches: Sequence[tuple[str, float]], now_ms: int, stale_after_s: int, *,
                            rate_key: str | None = None, incident_id: str = "",
                            with_coords: frozenset[str] = frozenset()) -> CallRead:
        """The stored answer for this id (a retry), and the nearest fresh available units per type
        (with their positions for the types in `with_coords`)."""
        ...


@runtime_checkable
class OutcomeRecords(Protocol):
    """What the dispatcher did with a recommendation (service.state.outcomes.OutcomeStore)."""

    async def get(self, jurisdiction: str, rec_id: str) -> Outcome | None: ...

    async def record(self, jurisdiction: str, rec_id: str, req: OutcomeRequest, recorded_by: str,
                     now: datetime, *, responses: Collection[str] | None = None,
                     attempts: int = 3) -> Outcome: ...


@runtime_checkable
class DurableWrites(Protocol):
    """Writes that must not be lost: Redis, else the fsync'ed spool
    (service.durability.durable_writer.DurableWriter)."""

    timeout_s: float

    @property
    def pending(self) -> int:
        """Records waiting in the spool for Redis; while any do, new writes queue behind them."""
        ...

    async def write(self, jurisdiction: str, kind: str, at_ms: int, queue: Callable[[Any], None], *,
                    redis_usable: bool = True, transaction: bool = True,
                    on_redis_error: Callable[[BaseException], None] | None = None) -> bool:
        """Queue the writes with `queue(pipe)`; True once Redis has them, False once the spool has."""
        ...
