"""Who is looking at a page: the API's web session, read by the pages.

The pages reuse the API's server-side sessions (the ``spotter_session`` cookie of
``POST /api/v1/auth/login`` or of the sign-in page). :func:`viewer` is the dependency of every page
that needs a signed-in user: it gives a :class:`Viewer`, or sends the browser to
``/signin?next=<the page>`` (htmx requests get an ``HX-Redirect`` header instead). :func:`lifter`
also needs a recorded profile and sends a lifter without one to ``/onboarding``.

CSRF: htmx and ``fetch`` send the session's token in ``X-CSRF-Token`` (``app.js`` reads it from the
``<meta name="csrf-token">`` of ``base.html``); plain HTML forms carry it as a hidden
``csrf_token`` field. :func:`check_csrf` (as the dependency :data:`Writer`) refuses a request that
changes something without the right one.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request

from spotter.access.model import Role
from spotter.api.deps import RuntimeDep
from spotter.api.security import CSRF_HEADER, SAFE_METHODS, SESSION_COOKIE
from spotter.errors import AuthenticationError, PermissionDeniedError
from spotter.science.units import Unit, parse_unit

__all__ = [
    "CSRF_FIELD",
    "Lifter",
    "NotSignedInError",
    "ProfileMissingError",
    "Viewer",
    "ViewerDep",
    "Writer",
    "check_csrf",
    "lifter",
    "safe_next",
    "viewer",
]

#: The hidden form field that carries the CSRF token of a plain HTML form.
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class Viewer:
    """The signed-in user of a page: who, their unit (the profile's, kg before one exists), time
    zone and the session's CSRF token; ``has_profile`` tells whether onboarding is done."""

    user_id: int
    uuid: str
    username: str
    role: Role
    unit: Unit
    timezone: str
    csrf: str
    display_name: str = ""
    has_profile: bool = True

    @property
    def is_coach(self) -> bool:
        return self.role is Role.COACH

    @property
    def name(self) -> str:
        """What to call the user on a page."""
        return self.display_name or self.username


class NotSignedInError(Exception):
    """A page that needs a signed-in user was asked for without a valid session."""

    def __init__(self, next_url: str) -> None:
        super().__init__("sign in first")
        self.next_url = next_url


class ProfileMissingError(Exception):
    """A page that needs the lifter's profile was asked for before onboarding."""


def safe_next(target: str | None, default: str = "/today") -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirects).

    >>> safe_next("/learn/squat?x=1"), safe_next("https://evil.example/"), safe_next("//evil")
    ('/learn/squat?x=1', '/today', '/today')
    >>> safe_next(None), safe_next("/\\\\evil")
    ('/today', '/today')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def sign_in_url(next_url: str) -> str:
    """The sign-in page, coming back to ``next_url`` afterwards.

    >>> sign_in_url("/today")
    '/signin?next=/today'
    """
    return "/signin?next=" + quote(safe_next(next_url), safe="/")


def _here(request: Request) -> str:
    path = request.url.path
    return f"{path}?{request.url.query}" if request.url.query else path


def viewer(request: Request, rt: RuntimeDep) -> Viewer:
    """The signed-in user of the page (raises :class:`NotSignedInError` without a valid session)."""
    cached = getattr(request.state, "viewer", None)
    if isinstance(cached, Viewer):
        return cached
    from spotter.services import auth
    from spotter.services.profile import get_profile

    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise NotSignedInError(_here(request) if request.method in SAFE_METHODS else "/today")
    try:
        found = auth.authenticate_session(rt.uow(), cookie, now=rt.now())
    except AuthenticationError:
        raise NotSignedInError(
            _here(request) if request.method in SAFE_METHODS else "/today"
        ) from None
    user = found.user
    profile = get_profile(rt.uow(user.id))
    seen = Viewer(
        user_id=user.id,
        uuid=user.uuid,
        username=user.username,
        role=user.role,
        unit=parse_unit(profile.units) if profile is not None else Unit.KG,
        timezone=user.timezone,
        csrf=found.session.csrf_token,
        display_name=user.display_name,
        has_profile=profile is not None,
    )
    request.state.viewer = seen
    request.state.principal = found.principal  # what the API's helpers read
    request.state.csrf_token = found.session.csrf_token
    return seen


#: The signed-in user, as a page parameter type.
ViewerDep = Annotated[Viewer, Depends(viewer)]


def lifter(seen: ViewerDep) -> Viewer:
    """The signed-in user, who must have a profile (else :class:`ProfileMissingError`: onboarding)."""
    if not seen.has_profile:
        raise ProfileMissingError
    return seen


#: A signed-in user with a profile, as a page parameter type.
Lifter = Annotated[Viewer, Depends(lifter)]


async def check_csrf(request: Request, seen: ViewerDep) -> Viewer:
    """The signed-in user, after checking the CSRF token of a request that changes something:
    the ``X-CSRF-Token`` header (htmx, fetch) or the form's hidden ``csrf_token`` field."""
    if request.method.upper() in SAFE_METHODS:
        return seen
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent.encode(), seen.csrf.encode()):
        raise PermissionDeniedError(
            "this form is out of date or came from another site (CSRF check failed): "
            "reload the page and try again",
            field=CSRF_FIELD,
        )
    return seen


#: The signed-in user of a request that changes something, its CSRF token checked.
Writer = Annotated[Viewer, Depends(check_csrf)]
