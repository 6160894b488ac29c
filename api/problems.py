"""Problem details (RFC 9457) for every error the API returns.

CAD integrators get a status, a title, a sentence that says what to fix, and for bad input the
path of every offending field, e.g. {"field": "location.lat", "message": "Expected `float` <= 90.0"}.
"""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from redis.exceptions import RedisError

from service.domain.validation import field_path
from service.usecases.refusals import Refused

__all__ = ["FieldError", "Problem", "ProblemError", "exception_handlers", "problem_response"]

log = logging.getLogger("dispatch.api")
PROBLEM_JSON = "application/problem+json"


class FieldError(msgspec.Struct):
    field: str
    message: str


class Problem(msgspec.Struct, omit_defaults=True):
    status: int
    title: str
    detail: str = ""
    type: str = "about:blank"
    errors: list[FieldError] = []
    instance: str | None = None


class ProblemError(Exception):
    """Raised by handlers to answer with a problem document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.problem = Problem(status, title, detail, errors=errors or [])
        self.headers = headers or {}


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response[Problem]:
    return Response(problem, status_code=problem.status, media_type=PROBLEM_JSON, headers=headers)


def _field_errors(extra: Any) -> list[FieldError]:
    errors = []
    for item in extra if isinstance(extra, list) else []:
        key = str(item.get("key") or "")
        message = str(item.get("message") or "invalid")
        base = "" if key in ("", "data") else key
        errors.append(FieldError(field_path(base, message) or "(body)", message))
    return errors


def _validation(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Problem]:
    errors = _field_errors(exc.extra)
    if errors:
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        return problem_response(
            Problem(422, "Invalid request body", detail, errors=errors, instance=request.url.path)
        )
    return problem_response(Problem(400, "Malformed request", exc.detail, instance=request.url.path))


def _http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Problem]:
    title = {
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not found",
        405: "Method not allowed",
        413: "Request body too large",
        415: "Unsupported media type",
        429: "Too many requests",
    }
    status = exc.status_code
    return problem_response(
        Problem(status, title.get(status, "Request failed"), exc.detail, instance=request.url.path),
        headers=exc.headers,
    )


def _problem(request: Request[Any, Any, Any], exc: ProblemError) -> Response[Problem]:
    problem = exc.problem
    problem.instance = request.url.path
    return problem_response(problem, exc.headers)


def _refused(request: Request[Any, Any, Any], exc: Refused) -> Response[Problem]:
    return problem_response(Problem(exc.status, exc.title, exc.detail, instance=request.url.path))


def _unavailable(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    # Reads that need Redis (the unit board, a stored recommendation) cannot be answered from
    # memory; say so with a retry hint instead of a 500. POST /v1/calls never gets here.
    log.warning("redis unavailable on %s: %s", request.url.path, type(exc).__name__)
    return problem_response(
        Problem(
            503, "Service unavailable", "storage is unreachable; retry shortly", instance=request.url.path
        ),
        headers={"Retry-After": "1"},
    )


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    log.exception("unhandled error on %s", request.url.path)
    return problem_response(Problem(500, "Internal error", "the error was logged", instance=request.url.path))


exception_handlers: dict[Any, Any] = {
    ValidationException: _validation,
    ProblemError: _problem,
    Refused: _refused,
    HTTPException: _http,
    RedisError: _unavailable,
    TimeoutError: _unavailable,
    Exception: _unexpected,
}
