"""POST /v1/units (AVL and status reports) and GET /v1/units (the unit board)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Request, get, post
from litestar.params import JSONBody, QueryParameter

from api.context import caller
from api.gate import guarded
from api.logs import bind
from api.metrics import UNIT_BOARD, UNIT_REPORTS_REFUSED, UNIT_UPDATE
from service.domain.model import UnitBatch, UnitBatchResult, UnitStatusName

__all__ = ["UnitView", "get_units", "post_units"]


class UnitView(msgspec.Struct):
    unit_id: str
    type: str
    status: str
    reported_at: datetime
    stale: bool
    lat: float | None = None
    lon: float | None = None
    capabilities: list[str] = []
    shift_ends_at: datetime | None = None


def _ts(ms: str) -> datetime | None:
    return datetime.fromtimestamp(int(ms) / 1000, UTC) if ms else None


@post(
    "/v1/units",
    status_code=200,
    summary="Apply a batch of unit status / AVL reports",
    tags=["units"],
    **guarded("units:write", body=UnitBatch),
)
async def post_units(request: Request[Any, Any, Any], data: JSONBody[UnitBatch]) -> UnitBatchResult:
    """Reports older than the stored one for a unit (by reported_at) are ignored, not applied.
    Reports dated more than DISPATCH_UNIT_FUTURE_TOLERANCE_S ahead are refused and named in
    `refused` (a bad device clock would otherwise pin the unit's state until that time)."""
    ctx, principal = caller(request)
    j = principal.jurisdiction
    bind(j)
    latest = datetime.now(UTC) + timedelta(seconds=ctx.settings.unit_future_tolerance_s)
    usable = [u for u in data.units if u.reported_at <= latest]
    refused = [u.unit_id for u in data.units if u.reported_at > latest]
    if refused:
        UNIT_REPORTS_REFUSED.labels(j).inc(len(refused))
    applied = 0
    if usable:
        with UNIT_UPDATE.timed():
            applied = await ctx.units.apply(j, usable)
    return UnitBatchResult(applied=applied, ignored_stale=len(usable) - applied,
                           refused_future=len(refused), refused=refused)


@get(
    "/v1/units",
    summary="The unit board of the key's jurisdiction",
    tags=["units"],
    **guarded("console:read"),
)
async def get_units(
    request: Request[Any, Any, Any],
    unit_type: Annotated[str | None, QueryParameter(name="type", max_length=40)] = None,
    status: Annotated[UnitStatusName | None, QueryParameter(name="status")] = None,
) -> list[UnitView]:
    ctx, principal = caller(request)
    bind(principal.jurisdiction)
    policy = ctx.policies.get(principal.jurisdiction)
    stale_ms = (policy.units_stale_after_s if policy else 300) * 1000
    now_ms = time.time() * 1000
    board = []
    with UNIT_BOARD.timed():
        rows = await ctx.units.board(principal.jurisdiction)
    for row in rows:
        if (unit_type and row["type"] != unit_type) or (status and row["status"] != status):
            continue
        reported = int(row["reported_ms"])
        board.append(
            UnitView(
                unit_id=row["unit_id"],
                type=row["type"],
                status=row["status"],
                reported_at=datetime.fromtimestamp(reported / 1000, UTC),
                stale=now_ms - reported > stale_ms,
                lat=float(row["lat"]) if row.get("lat") else None,
                lon=float(row["lon"]) if row.get("lon") else None,
                capabilities=[c for c in row.get("capabilities", "").split(",") if c],
                shift_ends_at=_ts(row.get("shift_ends_ms", "")),
            )
        )
    return board
