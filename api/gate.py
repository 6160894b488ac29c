"""The gate: the one step every routed request passes before its handler (issue 18 and 19).

Each route declares what it needs in its `opt` (see `guarded`):
- `scope`: the API-key scope it requires. The key is parsed and hashed here, once per request (or
  earlier, by the HTTP protocol's admission, api/protocol.py, and not again here);
  401/403 come from here; the handler reads the caller with `api.context.caller(request)`.
- `admission=True` (POST /v1/calls): a slot from the admission controller (api/admission.py),
  decided from the key's jurisdiction before the body is read; 503 + Retry-After when none frees
  before the deadline.
- `body=<Struct>`: the JSON body is checked before the handler decodes it (api/strict.py):
  Content-Type (415), size (413), nesting depth and duplicate keys (400), exact types and
  control characters (422 with field paths).

Rate limits (api/limits.py) apply to every keyed request. Refusals here never touch Redis (except
the shared rate window of non-hot routes) and never log a line each: they are counted
(dispatch_shed) and logged in aggregate.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Final

import msgspec
from litestar.openapi.datastructures import ResponseSpec

from api.admission import Admission, Overloaded
from api.limits import RateLimiter
from api.metrics import ADMISSION_IN_FLIGHT, SHED
from api.problems import PROBLEM_JSON, Problem, ProblemError
from api.protocol import ARRIVED, CALLER, EARLY_SLOT
from api.strict import BodyRules, ClientGone, read_body
from service.state.apikeys import Principal

__all__ = ["PRINCIPAL", "gate_middleware", "guarded"]

log = logging.getLogger("dispatch.gate")
PRINCIPAL: Final = "dispatch.principal"  # where the gate leaves the caller, in the request's scope["state"]
HOT_PATHS = frozenset({"/v1/calls"})
_encode = msgspec.json.Encoder().encode
_MISSING = 'Bearer realm="dispatch-assist"'
_INVALID = 'Bearer error="invalid_token"'
_NOT_LOOKED_UP: Final = object()


_STATUS_TEXT = {
    400: "Malformed request: not JSON, nested too deeply, a duplicate key, or a bad parameter",
    401: "No API key, or an unknown or revoked one",
    403: "The key lacks the scope this route requires",
    404: "Not found in the key's jurisdiction",
    409: "Conflict with the jurisdiction's state (e.g. no active policy)",
    413: "Request body too large",
    415: "Content-Type is not JSON",
    422: "Invalid input: every offending field with its path",
    429: "The key's rate limit was exceeded; see Retry-After",
    503: "Overloaded or storage unreachable; retry after Retry-After",
}


def guarded(
    scope: str, *, admission: bool = False, body: Any = None, also: tuple[int, ...] = ()
) -> dict[str, Any]:
    """A route decorator's keyword arguments for a keyed route: the `opt` the gate reads (scope,
    admission, body checks), the security requirement, and every error status it can answer, each
    as problem details, in the OpenAPI document."""
    opt: dict[str, Any] = {"scope": scope}
    statuses = {400, 401, 403, 422, 429, 503, *also}
    if admission:
        opt["admission"] = True
    if body is not None:
        opt["body"] = BodyRules(body)
        statuses |= {413, 415}
    responses = {
        status: ResponseSpec(
            data_container=Problem,
            description=_STATUS_TEXT[status],
            media_type=PROBLEM_JSON,
            generate_examples=False,
        )
        for status in sorted(statuses)
    }
    return {"opt": opt, "security": [{"BearerAuth": []}], "responses": responses}


def _authenticate(scope: Any, ctx: Any, required: str) -> Principal:
    header = b""
    for name, value in scope["headers"]:
        if name == b"authorization":
            header = value
            break
    scheme, _, key = header.decode("latin-1").partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        raise ProblemError(
            401,
            "Unauthorized",
            "send 'Authorization: Bearer <API key>'",
            headers={"WWW-Authenticate": _MISSING},
        )
    # The HTTP protocol may have looked this request's key up already, from the same header, a
    # loop turn ago (api/admission.py admit_early): a key is hashed once per request at most. A
    # revocation landing in that turn lets this one call through, as if it had come a moment earlier.
    early = scope.pop(CALLER, _NOT_LOOKED_UP)
    principal: Principal | None = ctx.keyring.authenticate(key) if early is _NOT_LOOKED_UP else early
    if principal is None:
        raise ProblemError(
            401, "Unauthorized", "unknown or revoked API key", headers={"WWW-Authenticate": _INVALID}
        )
    if required not in principal.scopes:
        raise ProblemError(403, "Forbidden", f"this key lacks the {required} scope")
    return principal


async def _limit(ctx: Any, principal: Principal, path: str) -> None:
    limiter: RateLimiter = ctx.limiter
    if not limiter.enabled:
        return
    try:
        limiter.check_local(principal)
        if path not in HOT_PATHS and ctx.breaker.closed:
            count = await limiter.count_shared(
                ctx.redis, principal, ctx.settings.redis_timeout_ms / 1000, ctx.units.lane
            )
            limiter.check_shared(principal, count)
    except ProblemError:
        SHED.labels("rate_limit", principal.jurisdiction).inc()
        raise


def gate_middleware(app: Any) -> Any:
    async def middleware(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        opt = scope["route_handler"].opt
        required = opt.get("scope")
        ctx = getattr(scope["app"].state, "services", None)
        # The slot the HTTP protocol took for this call as its headers were parsed (api/protocol.py).
        admitted: str | None = scope.pop(EARLY_SLOT, None)
        admission: Admission | None = ctx.admission if ctx is not None and opt.get("admission") else None
        if admitted is not None and (admission is None or required is None):
            _release(admitted)  # never expected: only POST /v1/calls is admitted early
            admitted = None
        if required is None or ctx is None:
            await app(scope, receive, send)
            return
        try:
            principal = _authenticate(scope, ctx, required)
            scope.setdefault("state", {})[PRINCIPAL] = principal
            await _limit(ctx, principal, scope["path"])
            if admitted is not None and admitted != principal.jurisdiction:
                _release(admitted)  # the protocol's cached key -> jurisdiction was stale
                admitted = None
            if admitted is not None:
                ADMISSION_IN_FLIGHT.set(admission.in_flight if admission is not None else 0)
            elif admission is not None:
                arrived = scope.get(ARRIVED)
                late = arrived is not None and time.perf_counter() - arrived > admission.late_s
                try:
                    await admission.enter(principal.jurisdiction, late=late)
                except Overloaded:
                    SHED.labels("overload", principal.jurisdiction).inc()
                    raise ProblemError(
                        503,
                        "Overloaded",
                        "no capacity for this call within its deadline; retry",
                        headers={"Retry-After": "1"},
                    ) from None
                admitted = principal.jurisdiction
                ADMISSION_IN_FLIGHT.set(admission.in_flight)
            rules: BodyRules | None = opt.get("body")
            if rules is not None:
                receive = await read_body(scope, receive, rules, ctx.settings, principal)
        except ProblemError as exc:
            if admitted is not None and admission is not None:
                admission.leave(admitted)
            await send_problem(send, exc, scope["path"])
            return
        except ClientGone:
            if admitted is not None and admission is not None:
                admission.leave(admitted)
            # Nothing to answer; api/metrics/http.py records the hang-up as 499 (it saw the disconnect).
            return
        except BaseException:
            # Anything else (a bug, the task cancelled at shutdown) must not keep the call's slot.
            if admitted is not None and admission is not None:
                admission.leave(admitted)
            raise
        if admitted is None:
            await app(scope, receive, send)
            return
        try:
            await app(scope, receive, send)
        finally:
            assert admission is not None
            admission.leave(admitted)

    return middleware


def _release(jurisdiction: str) -> None:
    active = Admission.active
    if active is not None:
        active.leave(jurisdiction)


async def send_problem(send: Any, exc: ProblemError, path: str) -> None:
    problem: Problem = exc.problem
    problem.instance = path
    body = _encode(problem)
    headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in exc.headers.items()]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
