"""/v1/policy: read, validate, dry-run and activate the key's jurisdiction's policy."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Request, get, post, put
from litestar.params import JSONBody
from redis.exceptions import RedisError

from api.context import caller
from api.gate import guarded
from api.problems import FieldError, ProblemError
from service.domain.model import MAX_BATCH, CallEvent
from service.policy.compile import PolicyError, PolicyInvalid, load_policy, parse_document
from service.policy.dryrun import DryRunReport, compare
from service.policy.questions import question_warnings
from service.state.policies import PolicyChange, activate, active_document, history

__all__ = [
    "ActivePolicy",
    "DryRunRequest",
    "Validation",
    "dry_run",
    "get_policy",
    "get_policy_history",
    "put_policy",
    "validate_policy",
]

POLICY_MEDIA = "application/json or application/yaml: a policy document (docs/policy.md)"


class ActivePolicy(msgspec.Struct):
    policy_version: str
    document: dict[str, Any]


class Validation(msgspec.Struct):
    valid: bool
    jurisdiction: str | None
    errors: list[PolicyError]
    # Not errors, but a reviewer must see them (e.g. a disqualifier question relaxed, with its rule).
    warnings: list[PolicyError] = []


class DryRunRequest(msgspec.Struct, forbid_unknown_fields=True):
    policy: dict[str, Any]
    calls: Annotated[list[CallEvent], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


def _too_deep() -> ProblemError:
    # A document nested hundreds of levels deep exhausts the YAML composer's stack: the client's fault.
    return ProblemError(400, "Malformed request", "the document is nested too deeply")


def _invalid(exc: PolicyInvalid) -> ProblemError:
    errors = [FieldError(e.field, e.message) for e in exc.errors]
    return ProblemError(422, "Invalid policy", f"{len(errors)} error(s); nothing was changed", errors)


@get("/v1/policy", summary="The active policy document", tags=["policy"],
     **guarded("policy:admin", also=(404,)))
async def get_policy(request: Request[Any, Any, Any]) -> ActivePolicy:
    ctx, principal = caller(request)
    found = await active_document(ctx.redis, principal.jurisdiction)
    if found is None:
        raise ProblemError(404, "Not found", "this jurisdiction has no active policy")
    number, text = found
    return ActivePolicy(f"{principal.jurisdiction}@{number}", parse_document(text))


@put(
    "/v1/policy",
    status_code=200,
    summary="Validate, version and activate a new policy",
    tags=["policy"],
    **guarded("policy:admin", also=(413,)),
    description=POLICY_MEDIA,
)
async def put_policy(request: Request[Any, Any, Any]) -> PolicyChange:
    """A failing document changes nothing: the active policy stays active."""
    ctx, principal = caller(request)
    try:
        await activate(
            ctx.redis,
            await request.body(),
            actor=f"api:{principal.key_id}",
            jurisdiction=principal.jurisdiction,
        )
    except PolicyInvalid as exc:
        raise _invalid(exc) from exc
    except RecursionError:
        raise _too_deep() from None
    except RedisError as exc:
        raise ProblemError(503, "Policy store unavailable", "Redis is unreachable; try again") from exc
    # Reload here at once so this replica answers with the new version on the very next call.
    await ctx.policies.refresh(ctx.redis)
    return (await history(ctx.redis, principal.jurisdiction, 1))[0]


@get(
    "/v1/policy/history",
    summary="Policy versions, newest first",
    tags=["policy"],
    **guarded("policy:admin"),
)
async def get_policy_history(request: Request[Any, Any, Any]) -> list[PolicyChange]:
    ctx, principal = caller(request)
    return await history(ctx.redis, principal.jurisdiction)


@post(
    "/v1/policy/validate",
    status_code=200,
    summary="Validate a policy without activating it",
    tags=["policy"],
    **guarded("policy:admin", also=(413,)),
    description=POLICY_MEDIA,
)
async def validate_policy(request: Request[Any, Any, Any]) -> Validation:
    _, principal = caller(request)
    try:
        policy = load_policy(await request.body())
    except PolicyInvalid as exc:
        return Validation(False, None, exc.errors)
    except RecursionError:
        raise _too_deep() from None
    errors = []
    if policy.jurisdiction != principal.jurisdiction:
        errors.append(PolicyError("jurisdiction", f"this key manages {principal.jurisdiction!r}"))
    return Validation(not errors, policy.jurisdiction, errors, question_warnings(policy.document))


@post(
    "/v1/policy/dry-run",
    status_code=200,
    summary="Compare a candidate policy with the active one",
    tags=["policy"],
    **guarded("policy:admin", body=DryRunRequest, also=(404,)),
)
async def dry_run(request: Request[Any, Any, Any], data: JSONBody[DryRunRequest]) -> DryRunReport:
    ctx, principal = caller(request)
    active = ctx.policies.get(principal.jurisdiction)
    if active is None:
        raise ProblemError(404, "Not found", "this jurisdiction has no active policy to compare with")
    try:
        candidate = load_policy(data.policy, "candidate")
    except PolicyInvalid as exc:
        raise _invalid(exc) from exc
    return compare(data.calls, active, candidate)
