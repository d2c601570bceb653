"""Who is calling, and may they touch this lifter's data: the API's authentication and access.

Two kinds of credentials:

* a **web session**: the ``spotter_session`` cookie (HttpOnly, SameSite=Lax, Secure over https,
  Path=/) made by ``POST /api/v1/auth/login``. A browser sends the cookie on its own, so every
  unsafe request (anything but GET, HEAD, OPTIONS) must also carry the session's CSRF token in the
  ``X-CSRF-Token`` header, which another site's page cannot read;
* a **personal access token**: ``Authorization: Bearer spt_...``, with scopes ``read`` and/or
  ``write``. A header is never sent on its own, so tokens need no CSRF token.

Every data route takes ``Depends(access(need, write=...))``: it authenticates, resolves ``{user}``
(``me`` or the user's uuid), asks :func:`spotter.services.coaching.authorize` (404 to a caller for
whom the lifter does not exist, 403 to a linked coach without the permission) and, after the
route succeeded, records an audit event when a coach changed something on a lifter's behalf.
Routes about the caller's own account take :data:`CurrentPrincipal` (or
:data:`WritingPrincipal` when they change something).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from argon2 import Parameters
from fastapi import Depends, Path, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spotter.access.model import Permission, Principal
from spotter.access.policy import is_on_behalf
from spotter.api.deps import runtime
from spotter.compose import Runtime
from spotter.errors import AuthenticationError, NotFoundError, PermissionDeniedError
from spotter.services import auth, coaching
from spotter.services.auth import PRODUCTION, Passwords
from spotter.store.uow import AuditNote

__all__ = [
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "Access",
    "CurrentPrincipal",
    "UserRef",
    "WritingPrincipal",
    "access",
    "authenticate",
    "clear_session_cookie",
    "current_principal",
    "passwords",
    "set_session_cookie",
    "user_id_of",
]

#: The name of the session cookie.
SESSION_COOKIE = "spotter_session"
#: The header that must carry the session's CSRF token on unsafe requests.
CSRF_HEADER = "X-CSRF-Token"
#: The methods that change nothing (no CSRF token needed).
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: ``{user}`` in a path meaning the caller.
ME = "me"


@dataclass(frozen=True)
class Access:
    """An authorized request on a lifter's data: who asks and whose data (a user id)."""

    principal: Principal
    subject_id: int
    #: A write on someone else's behalf: recorded in the transaction of the change (see
    #: :class:`spotter.store.uow.AuditNote`), else after the route returned.
    audit: AuditNote | None = None

    @property
    def on_behalf(self) -> bool:
        """Whether someone other than the lifter is asking."""
        return self.principal.user_id != self.subject_id


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value:
        raise AuthenticationError(
            "the Authorization header must be 'Bearer <token>' with a personal access token",
            field="Authorization",
        )
    return value


def authenticate(request: Request, rt: Runtime) -> Principal:
    """The caller of ``request``, from a bearer token or the session cookie.

    Raises :class:`AuthenticationError` (401) without valid credentials and
    :class:`PermissionDeniedError` (403) for a session request that changes something without the
    right CSRF token. The result is kept on the request (``request.state.principal``, and for a
    session ``request.state.csrf_token``), so that one request authenticates once.
    """
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    now = rt.now()
    token = _bearer(request)
    if token is not None:
        principal = auth.authenticate_token(rt.uow(), token, now=now).principal
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            raise AuthenticationError(
                "sign in first (POST /api/v1/auth/login) or send 'Authorization: Bearer <token>'"
            )
        found = auth.authenticate_session(rt.uow(), cookie, now=now)
        if request.method.upper() not in SAFE_METHODS:
            auth.check_csrf(found.session, request.headers.get(CSRF_HEADER))
        principal = found.principal
        request.state.csrf_token = found.session.csrf_token
        if found.extended:
            request.state.session_renewal = _cookie_header(
                cookie, secure=request.url.scheme == "https"
            )
    request.state.principal = principal
    return principal


#: ``{user}`` in a path, as the OpenAPI document describes it.
UserRef = Annotated[
    str,
    Path(max_length=36, description="`me`, or the uuid of a lifter who linked you as their coach."),
]

# Declared so that the OpenAPI document and its docs page name both ways to authenticate; the
# values are read from the request by :func:`authenticate`, which gives the precise errors.
_bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="A personal access token: 'Authorization: Bearer spt_...' (scopes read, write).",
)
_cookie_scheme = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="session",
    description=f"The session cookie set by POST /api/v1/auth/login; unsafe methods also need "
    f"the {CSRF_HEADER} header.",
)
_Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer_scheme)]
_Cookie = Annotated[str | None, Depends(_cookie_scheme)]


def current_principal(
    request: Request,
    rt: Annotated[Runtime, Depends(runtime)],
    _token: _Bearer,
    _session: _Cookie,
) -> Principal:
    return authenticate(request, rt)


def writing_principal(
    principal: Annotated[Principal, Depends(current_principal)],
) -> Principal:
    if not principal.may_write:
        raise PermissionDeniedError(
            "these credentials are read-only (token scope 'read')", field="Authorization"
        )
    return principal


#: The authenticated caller (any credentials that may read).
CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
#: The authenticated caller whose credentials may change things (not a read-only token).
WritingPrincipal = Annotated[Principal, Depends(writing_principal)]


def resolve_user(rt: Runtime, principal: Principal, user: str) -> int:
    """The id of the user named in a path: ``me`` is the caller, anything else a user's uuid.

    An unknown uuid is 404; whether the caller may see that user is :func:`authorize`'s question.
    """
    if user == ME:
        return principal.user_id
    return user_id_of(rt, user)


def user_id_of(rt: Runtime, uuid: str) -> int:
    """The id of the user with this uuid (404 when there is none; a username is not a uuid)."""
    try:
        canonical = str(UUID(uuid))
    except ValueError:
        raise NotFoundError("no such user", field="user") from None
    with rt.uow() as uow:
        found = uow.accounts.user_by_uuid(canonical)
    if found is None:
        raise NotFoundError("no such user", field="user")
    return found.id


def access(need: Permission | None, *, write: bool) -> Callable[..., Access]:
    """The dependency of a route on ``/api/v1/users/{user}/...``.

    ``need`` is the permission a linked coach must hold (None: only the lifter themself);
    ``write`` whether the route changes anything. Use as
    ``acc: Annotated[Access, Depends(access(Permission.READ_LOG, write=False))]``.

    A change a coach makes is recorded in the same transaction as the change: the route's units
    of work (:meth:`spotter.api.subject.Subject.uow`) carry an :class:`AuditNote` that the first
    commit writes. A route that wrote through another path is recorded after it returned and
    before the response leaves (a dependency of scope "function"); a route that failed records
    nothing.
    """

    def checked(
        request: Request,
        user: UserRef,
        rt: Annotated[Runtime, Depends(runtime)],
        _token: _Bearer,
        _session: _Cookie,
    ) -> Iterator[Access]:
        principal = authenticate(request, rt)
        subject_id = resolve_user(rt, principal, user)
        coaching.authorize(rt.uow(), principal, subject_id, need, write)
        note = None
        if is_on_behalf(principal, subject_id, write=write):
            action, target = _action(request)
            note = AuditNote(principal.user_id, subject_id, action, target, rt.now())
        yield Access(principal, subject_id, note)
        # Reached only when the route returned normally: a failed change is not recorded.
        if note is not None and not note.recorded:
            _audit(rt, principal, subject_id, request)

    # A default rather than ``Annotated``: the annotation would name a local function, which
    # FastAPI cannot resolve from this module's globals.
    def dependency(acc: Access = Depends(checked, scope="function")) -> Access:  # noqa: B008
        return acc

    return dependency


def _action(request: Request) -> tuple[str, str]:
    """The audit action of a request (method and route template) and its target (the path)."""
    route = request.scope.get("route")
    template = getattr(route, "path", request.url.path)
    return f"{request.method.upper()} {template}", request.url.path


def _audit(rt: Runtime, principal: Principal, subject_id: int, request: Request) -> None:
    action, target = _action(request)
    coaching.record_event(rt.uow(), principal, subject_id, action, target, now=rt.now())


def _cookie_header(token: str, *, secure: bool) -> bytes:
    """The Set-Cookie value of the session cookie with the full :data:`auth.SESSION_TTL`."""
    carrier = Response()
    carrier.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(auth.SESSION_TTL.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure,
    )
    return next(v for k, v in carrier.raw_headers if k == b"set-cookie")


class SessionRenewal:
    """ASGI middleware: when a request moved its session's expiry on (sliding sessions), the
    response carries the session cookie again with the full max-age, so that the browser keeps
    the cookie as long as the server keeps the session. A response that sets the cookie itself
    (a login, a logout) is left as it is."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_renewed(message: Message) -> None:
            if message["type"] == "http.response.start":
                renewal = scope.get("state", {}).get("session_renewal")
                headers = list(message.get("headers", []))
                mine = SESSION_COOKIE.encode() + b"="
                if isinstance(renewal, bytes) and not any(
                    k.lower() == b"set-cookie" and v.startswith(mine) for k, v in headers
                ):
                    message = {**message, "headers": [*headers, (b"set-cookie", renewal)]}
            await send(message)

        await self.app(scope, receive, send_renewed)


def set_session_cookie(response: Response, request: Request, token: str, *, max_age: int) -> None:
    """Put the session cookie on ``response``: HttpOnly, SameSite=Lax, Path=/, Secure over https."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    """Tell the browser to forget the session cookie."""
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


#: Password hashes computed at once, at most: each Argon2id hash of the production profile takes
#: 64 MiB and most of a core for a while, so a burst of logins or registrations could otherwise
#: exhaust the server's memory. Further ones wait their turn.
HASHING_AT_ONCE = 4


class BoundedPasswords(Passwords):
    """:class:`~spotter.services.auth.Passwords` computing at most ``at_once`` hashes together."""

    def __init__(self, params: Parameters = PRODUCTION, *, at_once: int = HASHING_AT_ONCE) -> None:
        super().__init__(params)
        self._slots = threading.BoundedSemaphore(at_once)

    def hash(self, password: str) -> str:
        with self._slots:
            return super().hash(password)

    def verify(self, stored: str, password: str) -> bool:
        with self._slots:
            return super().verify(stored, password)


_default_lock = threading.Lock()
_default_passwords: Passwords | None = None


def passwords(request: Request) -> Passwords:
    """The password hasher of the app: ``app.state.passwords`` when set (tests use cheap
    parameters), else one with the production Argon2id parameters, 4 hashes at a time."""
    chosen = getattr(request.app.state, "passwords", None)
    if isinstance(chosen, Passwords):
        return chosen
    global _default_passwords
    with _default_lock:
        if _default_passwords is None:
            _default_passwords = BoundedPasswords()
        return _default_passwords
