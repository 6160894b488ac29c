"""Every route handler of the app, one line each, grouped by resource module."""

from __future__ import annotations

from typing import Any

from api import calls, console, field, health, incidents, outcomes, policy, recommendations, stream, units
from api.metrics import metrics

__all__ = ["ROUTES", "schema"]

from litestar import Request, get


@get("/schema", include_in_schema=False, sync_to_thread=False)
def schema(request: Request[Any, Any, Any]) -> dict[str, Any]:
    return request.app.openapi_schema.to_schema()  # type: ignore[no-any-return]


ROUTES: list[Any] = [
    calls.post_call,
    units.post_units,
    units.get_units,
    recommendations.get_recommendation,
    incidents.post_answers,
    incidents.get_incident,
    outcomes.post_outcome,
    outcomes.get_outcome,
    field.post_field,
    field.get_field,
    stream.stream,
    console.console_config,
    console.console_page,
    console.console_static,
    health.healthz,
    health.readyz,
    policy.get_policy,
    policy.put_policy,
    policy.get_policy_history,
    policy.validate_policy,
    policy.dry_run,
    metrics,
    schema,
]
