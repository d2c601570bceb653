"""Every error the API answers is ``application/problem+json`` (RFC 9457).

A problem has ``type`` (a URN naming the kind), ``title`` (the kind in words), ``status``,
``detail`` (what went wrong, in the words the CLI would use) and ``field`` when one input field is
to blame (``body.reps``, ``query.limit``, ``timezone``). Request validation adds ``errors``, one
entry per wrong field. The :mod:`spotter.errors` kinds map to statuses as that module says; an
unexpected exception is logged with its traceback and answered with a bare 500 that tells the
client nothing of the server's insides.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spotter.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    SpotterError,
    ValidationError,
)

#: The media type of every error body.
PROBLEM_JSON = "application/problem+json"

log = logging.getLogger("spotter.api")

#: Each error kind's status and the last part of its ``type`` URN, most specific first.
_KINDS: tuple[tuple[type[SpotterError], int, str], ...] = (
    (ValidationError, 422, "validation"),
    (NotFoundError, 404, "not-found"),
    (AuthenticationError, 401, "unauthenticated"),
    (PermissionDeniedError, 403, "forbidden"),
    (ConflictError, 409, "conflict"),
    (RateLimitedError, 429, "rate-limited"),
)

#: The ``type`` of a problem for each HTTP status the framework itself raises.
_BY_STATUS: dict[int, str] = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "validation",
    429: "rate-limited",
    500: "internal",
}


def problem_type(kind: str) -> str:
    """The ``type`` URI of a kind of problem.

    >>> problem_type("not-found")
    'urn:spotter:problem:not-found'
    """
    return f"urn:spotter:problem:{kind}"


def status_of(exc: SpotterError) -> tuple[int, str]:
    """The HTTP status and kind of a Spotter error (any other kind is a 400 bad request).

    >>> status_of(NotFoundError("no such set")), status_of(SpotterError("bad"))
    ((404, 'not-found'), (400, 'bad-request'))
    """
    for cls, status, kind in _KINDS:
        if isinstance(exc, cls):
            return status, kind
    return 400, "bad-request"


def problem(
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """A problem+json response."""
    body: dict[str, Any] = {
        "type": problem_type(kind or _BY_STATUS.get(status, "error")),
        "title": HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error",
        "status": status,
        "detail": detail,
    }
    if field is not None:
        body["field"] = field
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def field_path(loc: Sequence[int | str]) -> str:
    """A validation error's location as a dotted path.

    >>> field_path(("body", "sets", 0, "reps"))
    'body.sets[0].reps'
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _spotter_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SpotterError)
    status, kind = status_of(exc)
    headers = None
    if isinstance(exc, RateLimitedError) and exc.retry_after_s is not None:
        headers = {"Retry-After": str(exc.retry_after_s)}
    return problem(status, str(exc), kind=kind, field=exc.field, headers=headers)


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for e in exc.errors():
        loc = tuple(e.get("loc", ()))
        message = str(e.get("msg", "invalid"))
        if e.get("type") == "json_invalid":  # the location is a character offset, not a field
            reason = (e.get("ctx") or {}).get("error", "")
            where = f" at character {loc[1]}" if len(loc) > 1 else ""
            message = f"the body is not valid JSON{where}" + (f": {reason}" if reason else "")
            loc = loc[:1]
        errors.append({"field": field_path(loc), "message": message})
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return problem(
        422,
        detail or "the request is not valid",
        kind="validation",
        field=errors[0]["field"] if errors else None,
        extra={"errors": errors},
    )


def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and detail == "Not Found":
        detail = "no such route; the API lives under /api/v1 (see /api/v1/docs)"
    elif exc.status_code == 405:
        detail = "this route does not take that method"
    headers = dict(exc.headers) if exc.headers else None
    return problem(exc.status_code, detail, headers=headers)


class InternalErrors:
    """ASGI middleware: an exception no handler took becomes a logged 500 problem.

    Starlette's own last-resort handler re-raises after answering; this one answers and stops, so
    the server's log holds the traceback and the client a problem without it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:  # the client already has a status line: nothing better to do
                raise
            response = problem(
                500, "the server failed on this request; the error was logged", kind="internal"
            )
            await response(scope, receive, send)


def install(app: FastAPI) -> None:
    """Make every error of ``app`` a problem+json response."""
    app.add_exception_handler(SpotterError, _spotter_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(InternalErrors)
