"""Rendering pages: one Jinja2 environment (autoescaping on) and the filters every page uses.

``page(request, "learn/show.html", title="Squat", exercise=...)`` renders a template that extends
``base.html`` (its ``{% block main %}``) into an :class:`HTMLResponse`; ``fragment`` renders a
piece of a page for htmx to swap in. Templates reach the signed-in viewer as ``viewer`` (None on
the sign-in pages), the CSRF token as ``csrf_token``, the navigation as ``nav`` and a static file's
cache-busting address as ``static("app.js")``.

The filters: ``load`` (a number in the viewer's unit: ``82.5|load`` is "82.5 kg"), ``kg`` (a
stored load in kilograms, shown in the viewer's unit: ``100|kg`` is "220.46 lb" for them), ``date`` (a
date or an instant, in the viewer's time zone: "Thu 3 Dec"), ``clock`` (an instant's time of day:
"18:05") and ``duration`` (seconds or a timedelta: "2:30").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from spotter.science.units import Unit

if TYPE_CHECKING:
    from jinja2 import Environment

    from spotter.web.session import Viewer

__all__ = ["NavItem", "clock", "date", "duration", "fragment", "load", "nav_for", "page"]

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class NavItem:
    """One entry of the navigation: its label, address and whether it is the current page."""

    label: str
    href: str
    current: bool


#: The navigation: (label, address, only for coaches).
NAV: tuple[tuple[str, str, bool], ...] = (
    ("Today", "/today", False),
    ("Plan", "/plan", False),
    ("Learn", "/learn", False),
    ("Progress", "/progress", False),
    ("History", "/history", False),
    ("Form", "/form", False),
    ("Coach", "/coach", True),
)


def nav_for(path: str, *, coach: bool) -> list[NavItem]:
    """The navigation for a page at ``path`` (the Coach entry for coaches only).

    >>> [(n.label, n.current) for n in nav_for("/learn/squat", coach=False)][:3]
    [('Today', False), ('Plan', False), ('Learn', True)]
    >>> "Coach" in [n.label for n in nav_for("/today", coach=True)]
    True
    """
    return [
        NavItem(label, href, path == href or path.startswith(href + "/"))
        for label, href, coaches in NAV
        if coach or not coaches
    ]


# -- filters -------------------------------------------------------------------------------------


def load(value: float | None, unit: Unit = Unit.KG) -> str:
    """A load already in ``unit``, for people: at most two decimals, no trailing zeros.

    >>> load(82.5), load(100.0, Unit.LB), load(None)
    ('82.5 kg', '100 lb', '—')
    """
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{'0' if text == '-0' else text} {unit}"


def _local(value: dt.datetime, tz: str | None) -> dt.datetime:
    from spotter.compose import zone

    if value.tzinfo is None:  # stored instants are UTC
        value = value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(zone(tz))
    except Exception:  # an unknown zone on an old account: show UTC rather than fail the page
        return value.astimezone(dt.UTC)


def date(value: dt.date | dt.datetime | None, tz: str | None = None) -> str:
    """A day for people ("Thu 3 Dec 2026"); an instant is shown in the time zone ``tz``.

    >>> date(dt.date(2026, 12, 3))
    'Thu 3 Dec 2026'
    >>> date(dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC), "Europe/Berlin")
    'Fri 4 Dec 2026'
    """
    if value is None:
        return "—"
    day = _local(value, tz).date() if isinstance(value, dt.datetime) else value
    return f"{day:%a} {day.day} {day:%b %Y}"


def clock(value: dt.datetime | None, tz: str | None = None) -> str:
    """An instant's time of day in ``tz`` ("18:05").

    >>> clock(dt.datetime(2026, 12, 3, 17, 5, tzinfo=dt.UTC), "Europe/Berlin")
    '18:05'
    """
    if value is None:
        return "—"
    return f"{_local(value, tz):%H:%M}"


def duration(value: float | dt.timedelta | None) -> str:
    """A span for people: "m:ss" under an hour, "h:mm:ss" from an hour on.

    >>> duration(150), duration(45), duration(dt.timedelta(hours=1, minutes=5)), duration(None)
    ('2:30', '0:45', '1:05:00', '—')
    """
    if value is None:
        return "—"
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
    total = round(seconds)
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


# -- the environment -----------------------------------------------------------------------------


@cache
def static_version(name: str) -> str:
    """A short hash of a static file's content (its address changes when the file does)."""
    path = STATIC / name
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


def static_url(name: str) -> str:
    """The address of a file under ``web/static``, with its content hash for long caching."""
    return f"/static/{name}?v={static_version(name)}"


@cache
def environment() -> Environment:
    """The Jinja2 environment of the web app's templates (built once, on first use)."""
    from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
    from jinja2.runtime import Context

    def viewer_of(ctx: Context) -> Viewer | None:
        found = ctx.get("viewer")
        return found if found is not None and hasattr(found, "unit") else None

    @pass_context
    def load_filter(ctx: Context, value: float | None, unit: Unit | None = None) -> str:
        v = viewer_of(ctx)
        return load(value, unit or (v.unit if v else Unit.KG))

    @pass_context
    def kg_filter(ctx: Context, value: float | None) -> str:
        from spotter.science.units import from_kg

        v = viewer_of(ctx)
        unit = v.unit if v else Unit.KG
        return load(None if value is None else from_kg(value, unit), unit)

    @pass_context
    def date_filter(ctx: Context, value: dt.date | dt.datetime | None) -> str:
        v = viewer_of(ctx)
        return date(value, v.timezone if v else None)

    @pass_context
    def clock_filter(ctx: Context, value: dt.datetime | None) -> str:
        v = viewer_of(ctx)
        return clock(value, v.timezone if v else None)

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["load"] = load_filter
    env.filters["kg"] = kg_filter
    env.filters["date"] = date_filter
    env.filters["clock"] = clock_filter
    env.filters["duration"] = duration
    env.globals["static"] = static_url
    return env


def _context(request: Request, context: Mapping[str, Any]) -> dict[str, Any]:
    viewer = getattr(request.state, "viewer", None)
    out: dict[str, Any] = {
        "request": request,
        "viewer": viewer,
        "csrf_token": viewer.csrf if viewer is not None else "",
        "nav": nav_for(request.url.path, coach=viewer is not None and viewer.is_coach)
        if viewer is not None
        else [],
        "path": request.url.path,
    }
    out.update(context)
    return out


def page(
    request: Request,
    template: str,
    *,
    title: str,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """A whole page: ``template`` (extending ``base.html``) with ``title`` and ``context``."""
    html = environment().get_template(template).render(_context(request, {"title": title, **context}))
    response = HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def fragment(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """A piece of a page (no ``base.html``), for htmx to swap in."""
    html = environment().get_template(template).render(_context(request, context))
    response = HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))
    response.headers.setdefault("Cache-Control", "no-store")
    return response
