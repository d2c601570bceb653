"""The web app inside the API's application.

The pages live in their own small FastAPI application mounted at ``/`` behind the API's routes
(anything under ``/api/`` stays the API's, including its problem+json 404s). Being a mount keeps
the pages out of the API's route list, schema and access matrix; the two share ``app.state`` (the
runtime, the password hasher), the session cookie and the request-size limits.

Every page answer carries a Content-Security-Policy of ``default-src 'self'`` (no inline script:
JavaScript lives in ``/static``), and text answers are gzip-compressed. ``/static`` is cached for a
year: pages link each file with its content hash (:func:`spotter.web.render.static_url`).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spotter.errors import SpotterError
from spotter.web.render import STATIC, page
from spotter.web.session import NotSignedInError, ProfileMissingError, sign_in_url

#: The policy of every page: only this site's scripts, styles, images and connections.
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
#: Static files are addressed by content hash, so they may be kept for a year.
LONG_CACHE = "public, max-age=31536000, immutable"


class _Pages(Mount):
    """A mount at ``/`` that leaves everything under ``/api`` to the API."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        path = str(scope.get("path", ""))
        if path == "/api" or path.startswith("/api/"):
            return Match.NONE, {}
        return super().matches(scope)


class _Headers:
    """Adds the security headers to every answer, and the long cache to static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"same-origin",
                }
                if static and message.get("status") == 200:
                    extra[b"cache-control"] = LONG_CACHE.encode()
                for name, value in extra.items():
                    if name not in names or name == b"cache-control":
                        headers = [(k, v) for k, v in headers if k.lower() != name]
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def page_modules() -> list[Any]:
    """Every module of :mod:`spotter.web.pages` (each has a ``router``), by name."""
    from spotter.web import pages

    found = sorted(m.name for m in pkgutil.iter_modules(pages.__path__) if not m.ispkg)
    return [importlib.import_module(f"{pages.__name__}.{name}") for name in found]


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _sign_in(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotSignedInError)
    target = sign_in_url(exc.next_url)
    if _is_htmx(request):
        return Response(status_code=401, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _onboarding(request: Request, _exc: Exception) -> Response:
    if _is_htmx(request):
        return Response(status_code=409, headers={"HX-Redirect": "/onboarding"})
    return RedirectResponse("/onboarding", status_code=303)


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    from http import HTTPStatus

    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    if _is_htmx(request):
        from html import escape

        return HTMLResponse(
            f'<p class="error" role="alert">{escape(message)}</p>', status_code=status
        )
    return page(request, "error.html", title=title, status_code=status, message=message)


def _spotter_error(request: Request, exc: Exception) -> Response:
    from spotter.api.problems import status_of

    assert isinstance(exc, SpotterError)
    status, _kind = status_of(exc)
    return _error_page(request, status, str(exc))


def _bad_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {error.get('msg', 'not valid')}" if where else error.get("msg", ""))
    return _error_page(request, 422, "This address is not one Spotter can answer: " + "; ".join(parts))


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
    return _error_page(request, exc.status_code, message)


#: What the service worker keeps for offline use from the start: the app shell.
SHELL_FILES = (
    "app.css",
    "htmx.min.js",
    "app.js",
    "today.js",
    "icons/icon.svg",
    "icons/icon-192.png",
)


def service_worker() -> Response:
    """``/sw.js``: served from the root so that it may control every page, never cached long."""
    import hashlib
    import json

    from spotter.web.render import static_url

    shell = [static_url(name) for name in SHELL_FILES]
    version = hashlib.sha256("|".join(shell).encode()).hexdigest()[:12]
    text = (STATIC / "sw.js").read_text(encoding="utf-8")
    text = text.replace("__VERSION__", version).replace("__SHELL__", json.dumps(shell))
    return Response(
        text,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


def manifest() -> Response:
    """``/manifest.webmanifest``: the web app manifest (name, icons, start at Today)."""
    return Response(
        (STATIC / "manifest.webmanifest").read_bytes(),
        media_type="application/manifest+json",
        headers={"Cache-Control": "no-cache"},
    )


def build(parent: FastAPI) -> FastAPI:
    """The web app sharing ``parent``'s state (runtime, password hasher)."""
    web = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    web.state = parent.state
    web.add_exception_handler(NotSignedInError, _sign_in)
    web.add_exception_handler(ProfileMissingError, _onboarding)
    web.add_exception_handler(SpotterError, _spotter_error)
    web.add_exception_handler(StarletteHTTPException, _http_error)
    web.add_exception_handler(RequestValidationError, _bad_request)
    web.mount("/static", StaticFiles(directory=STATIC), name="static")
    web.add_api_route("/sw.js", service_worker, include_in_schema=False)
    web.add_api_route("/manifest.webmanifest", manifest, include_in_schema=False)
    for module in page_modules():
        router = getattr(module, "router", None)
        if router is not None:
            web.include_router(router)
    web.add_middleware(GZipMiddleware, minimum_size=500)
    web.add_middleware(_Headers)
    return web


def mount(app: FastAPI) -> None:
    """Mount the web app at ``/`` of ``app`` (after the API's routes)."""
    app.router.routes.append(_Pages("", app=build(app), name="web"))
