"""Signing in and out, and registering: ``/``, ``/signin``, ``/register``, ``/signout``.

The pages open the same server-side sessions as ``POST /api/v1/auth/login`` (cookie
``spotter_session``) and obey the same limits: the per-address throttles of the API and the
account lockout of :mod:`spotter.services.auth`. Before a session exists there is no CSRF token
to check, so the two forms that need none refuse a post whose ``Origin`` is another site's.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from spotter.access.model import Role
from spotter.api.deps import RuntimeDep
from spotter.api.limits import AddressThrottle, client_address, login_throttle, register_throttle
from spotter.api.security import (
    SESSION_COOKIE,
    clear_session_cookie,
    passwords,
    set_session_cookie,
)
from spotter.compose import Runtime
from spotter.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDeniedError,
    RateLimitedError,
    ValidationError,
)
from spotter.services import accounts, auth
from spotter.services.auth import Passwords
from spotter.web.render import page
from spotter.web.session import NotSignedInError, Viewer, Writer, safe_next, viewer

router = APIRouter(include_in_schema=False)

FormText = Annotated[str, Form(max_length=4096)]
PasswordsDep = Annotated[Passwords, Depends(passwords)]


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        raise PermissionDeniedError("this form was sent from another site", field="origin")


def _signed_in(request: Request, rt: Runtime) -> Viewer | None:
    try:
        return viewer(request, rt)
    except NotSignedInError:
        return None


def _start_session(request: Request, rt: Runtime, user_id: int, target: str) -> Response:
    opened = auth.open_session(rt.uow(), user_id, now=rt.now())
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, opened.token, max_age=int(auth.SESSION_TTL.total_seconds()))
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/")
def home(request: Request, rt: RuntimeDep) -> Response:
    """The app's front door: Today when signed in (onboarding first), else the sign-in page."""
    seen = _signed_in(request, rt)
    if seen is None:
        return RedirectResponse("/signin", status_code=303)
    if seen.is_coach:
        return RedirectResponse("/coach", status_code=303)
    return RedirectResponse("/today" if seen.has_profile else "/onboarding", status_code=303)


@router.get("/signin")
def signin_form(request: Request, rt: RuntimeDep, next: str = "/today") -> Response:
    """The sign-in form (a signed-in user goes straight on)."""
    if _signed_in(request, rt) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return page(request, "auth/signin.html", title="Sign in", next=safe_next(next), username="")


@router.post("/signin")
def signin(
    request: Request,
    rt: RuntimeDep,
    pw: PasswordsDep,
    throttle: Annotated[AddressThrottle, Depends(login_throttle)],
    username: FormText = "",
    password: FormText = "",
    next: FormText = "/today",
) -> Response:
    """Check the password, open a session and go on to ``next`` (onboarding without a profile)."""
    target = safe_next(next)
    try:
        _same_origin(request)
        address = client_address(request)
        throttle.check(address)
        if not username.strip() or not password:
            raise ValidationError("enter your username and password", field="username")
        try:
            user = auth.login(rt.uow(), pw, username, password, now=rt.now())
        except AuthenticationError:
            throttle.count(address)
            raise
    except (AuthenticationError, RateLimitedError, ValidationError, PermissionDeniedError) as exc:
        status = 429 if isinstance(exc, RateLimitedError) else 400
        if isinstance(exc, AuthenticationError | PermissionDeniedError):
            status = 401 if isinstance(exc, AuthenticationError) else 403
        return page(
            request,
            "auth/signin.html",
            title="Sign in",
            status_code=status,
            next=target,
            username=username,
            error=str(exc),
        )
    from spotter.services.profile import get_profile

    if user.role is Role.COACH and target == "/today":
        target = "/coach"
    elif get_profile(rt.uow(user.id)) is None and user.role is Role.LIFTER:
        target = "/onboarding?next=" + target
    return _start_session(request, rt, user.id, target)


@router.get("/register")
def register_form(request: Request) -> HTMLResponse:
    """The form for a new account (lifter or coach)."""
    return page(request, "auth/register.html", title="Create an account", values={}, errors={})


@router.post("/register")
def register(
    request: Request,
    rt: RuntimeDep,
    pw: PasswordsDep,
    throttle: Annotated[AddressThrottle, Depends(register_throttle)],
    username: FormText = "",
    password: FormText = "",
    display_name: FormText = "",
    role: FormText = "lifter",
    timezone: FormText = "UTC",
) -> Response:
    """Create the account, sign it in and go on to onboarding (a coach to the coach page)."""
    values = {
        "username": username,
        "display_name": display_name,
        "role": role,
        "timezone": timezone,
    }
    try:
        _same_origin(request)
        if role not in (Role.LIFTER.value, Role.COACH.value):
            raise ValidationError("choose lifter or coach", field="role")
        address = client_address(request)
        throttle.check(address)
        throttle.count(address)
        account = accounts.register(
            rt.uow(),
            pw,
            username=username,
            password=password,
            now=rt.now(),
            role=role,
            timezone=timezone.strip() or "UTC",
            display_name=display_name,
        )
    except (ValidationError, ConflictError, RateLimitedError, PermissionDeniedError) as exc:
        field = exc.field or "username"
        status = 409 if isinstance(exc, ConflictError) else 429 if isinstance(exc, RateLimitedError) else 400
        return page(
            request,
            "auth/register.html",
            title="Create an account",
            status_code=status,
            values=values,
            errors={field: str(exc)},
        )
    target = "/coach" if role == Role.COACH.value else "/onboarding"
    return _start_session(request, rt, account.id, target)


@router.post("/signout")
def signout(request: Request, rt: RuntimeDep, _seen: Writer) -> Response:
    """End the session and forget its cookie."""
    auth.close_session(rt.uow(), request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/signin", status_code=303)
    clear_session_cookie(response, request)
    return response
