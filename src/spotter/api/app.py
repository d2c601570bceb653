"""The REST API's application: ``create_app(runtime)`` builds it, nothing happens at import.

Everything lives under ``/api/v1``: the lifter's data under ``/api/v1/users/{user}/...`` (``me``
or a user's uuid), the exercise catalog under ``/api/v1/exercises``, the schema at
``/api/v1/openapi.json`` and its docs page at ``/api/v1/docs`` (Swagger UI shipped inside the
package, no CDN). Every error is ``application/problem+json`` (:mod:`spotter.api.problems`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from spotter import __version__
from spotter.api import problems
from spotter.api.limits import BodyLimits
from spotter.api.security import SessionRenewal
from spotter.compose import Runtime

#: Where the API lives.
PREFIX = "/api/v1"
STATIC = Path(__file__).parent / "static"

_DESCRIPTION = """\
Spotter's training log, plans and analysis for lifters and their coaches.

**Authentication**: a personal access token (`Authorization: Bearer spt_...`, scopes `read`,
`write`), or a web session from `POST /api/v1/auth/login` (cookie `spotter_session`; requests that
change something also send its CSRF token in `X-CSRF-Token`).

**Whose data**: `/api/v1/users/{user}/...` where `{user}` is `me` or the lifter's uuid (a coach
uses the uuid of a lifter who linked them).

**Units**: loads are given and returned in the lifter's profile unit (kg or lb), and every
response that holds a load says which unit it is in.

**Errors** are `application/problem+json` with `type`, `title`, `status`, `detail` and `field`
(the input that was wrong, e.g. `body.reps`).

**Lists** page with opaque cursors: pass `next_cursor` back as `cursor` until it is null.
"""

_TAGS = [
    {"name": "exercises", "description": "The exercise catalog and the lifter's own exercises."},
    {"name": "log", "description": "Sets, workouts and batches: logging, editing, undoing."},
    {"name": "training", "description": "What to do next and today."},
    {"name": "analysis", "description": "Progress, weekly volume, recovery and bodyweight."},
    {"name": "plans", "description": "Training plans: new, show, explain, review, export."},
    {"name": "transfer", "description": "Importing other apps' logs and exporting everything."},
    {"name": "profile", "description": "The lifter's profile: units, goal, schedule, kit."},
    {"name": "sync", "description": "The change feed for offline clients."},
    {"name": "auth", "description": "Signing in, sessions and personal access tokens."},
    {"name": "coach links", "description": "Coaches and lifters: invitations, links, comments."},
    {"name": "admin", "description": "Managing accounts (no training data)."},
    {"name": "meta", "description": "The service itself."},
]


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The schema, with the two ways to authenticate declared (the docs page's Authorize)."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        schema.setdefault("components", {})["securitySchemes"] = {
            "token": {
                "type": "http",
                "scheme": "bearer",
                "description": "A personal access token (spt_...) from POST /api/v1/auth/tokens.",
            },
            "session": {
                "type": "apiKey",
                "in": "cookie",
                "name": "spotter_session",
                "description": "The session cookie of POST /api/v1/auth/login; a request that "
                "changes something also sends X-CSRF-Token.",
            },
        }
        schema["security"] = [{"token": []}, {"session": []}]
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(runtime: Runtime) -> FastAPI:
    """The API on ``runtime`` (its engine is opened on the first request that needs it)."""
    from spotter.api.routes import ROUTERS

    app = FastAPI(
        title="Spotter API",
        version=__version__,
        summary="A strength-training coach on your own data.",
        description=_DESCRIPTION,
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        openapi_tags=_TAGS,
    )
    app.state.runtime = runtime
    problems.install(app)
    app.add_middleware(SessionRenewal)
    app.add_middleware(BodyLimits)  # outermost: a too-large body is refused before all else
    for router in ROUTERS:
        app.include_router(router, prefix=PREFIX)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC), name="static")

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]

    @app.get(f"{PREFIX}/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """The interactive docs page (Swagger UI from the package)."""
        return HTMLResponse(
            (STATIC / "docs.html").read_text(encoding="utf-8"),
            headers={
                "Content-Security-Policy": (
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
                )
            },
        )

    from spotter.web import mount as mount_web

    mount_web(app)  # the phone web app: its pages at / and /static (spotter.web)
    return app
