"""Accounts and credentials: register, sign in and out, the caller's account, password, tokens.

``POST /auth/login`` answers with the account and the session's CSRF token and sets the
``spotter_session`` cookie (HttpOnly, SameSite=Lax, Secure over https). Too many wrong passwords
lock the account for a while: 429 with ``Retry-After``. Changing the password ends every other
session of the user (the caller gets a fresh cookie). Personal access tokens are created, listed and
revoked from a signed-in session only: a token cannot mint more tokens, nor change the password.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import AfterValidator, AwareDatetime, Field

from spotter.access.model import Principal, Role
from spotter.access.records import AccessToken
from spotter.api.deps import RuntimeDep
from spotter.api.limits import AddressThrottle, client_address, login_throttle, register_throttle
from spotter.api.schemas.common import In, Out
from spotter.api.security import (
    SESSION_COOKIE,
    CurrentPrincipal,
    WritingPrincipal,
    authenticate,
    clear_session_cookie,
    passwords,
    set_session_cookie,
)
from spotter.errors import AuthenticationError, PermissionDeniedError
from spotter.services import accounts, auth
from spotter.services.accounts import Account
from spotter.services.auth import Passwords

router = APIRouter(prefix="/auth", tags=["auth"])

PasswordsDep = Annotated[Passwords, Depends(passwords)]
#: Responses that carry a secret (a CSRF token, a new access token) are never cached.
NO_STORE = "no-store"


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError("must not hold a NUL character")
    return text


#: Text from a client: no NUL character (PostgreSQL cannot store one; nobody types one).
Text = Annotated[str, AfterValidator(_no_nul)]


class AccountOut(Out):
    """A user's account as its owner (or an administrator) sees it."""

    uuid: str
    username: str
    role: Role
    timezone: str
    display_name: str
    email: str | None
    created_at: dt.datetime
    disabled: bool
    locked_until: dt.datetime | None

    @classmethod
    def of(cls, a: Account) -> AccountOut:
        return cls(
            uuid=a.uuid,
            username=a.username,
            role=a.role,
            timezone=a.timezone,
            display_name=a.display_name,
            email=a.email,
            created_at=a.created_at,
            disabled=a.disabled_at is not None,
            locked_until=a.locked_until,
        )


class MeOut(Out):
    """The caller: their account, how they authenticated and the session's CSRF token."""

    account: AccountOut
    via: Literal["session", "token"]
    scopes: list[str] | None = Field(description="A token's scopes; null for a session.")
    csrf_token: str | None = Field(
        description="Send it as X-CSRF-Token on every request that changes something (sessions)."
    )


class RegisterIn(In):
    username: Text = Field(min_length=1, max_length=64, examples=["ana.lifts"])
    password: Text = Field(min_length=1, max_length=4096)
    role: Role = Field(default=Role.LIFTER, description="lifter or coach (admin: admins only)")
    timezone: Text = Field(default="UTC", max_length=64, examples=["Europe/Berlin"])
    email: Text | None = Field(default=None, max_length=254)
    display_name: Text = Field(default="", max_length=200)


class LoginIn(In):
    username: Text = Field(min_length=1, max_length=64)
    password: Text = Field(min_length=1, max_length=4096)


class LoginOut(Out):
    account: AccountOut
    csrf_token: str = Field(description="Send it as X-CSRF-Token on unsafe requests.")
    expires_at: dt.datetime


class SettingsIn(In):
    timezone: Text | None = Field(default=None, max_length=64)
    display_name: Text | None = Field(default=None, max_length=200)
    email: Text | None = Field(default=None, max_length=254)


class PasswordIn(In):
    old_password: Text = Field(min_length=1, max_length=4096)
    new_password: Text = Field(min_length=1, max_length=4096)


class PasswordOut(Out):
    ended_sessions: int = Field(description="Other sessions of the user that were signed out.")
    csrf_token: str | None = Field(description="The CSRF token of the caller's fresh session.")


class TokenIn(In):
    name: Text = Field(min_length=1, max_length=100, examples=["phone"])
    scopes: list[Literal["read", "write"]] = Field(min_length=1, examples=[["read", "write"]])
    expires_at: AwareDatetime | None = Field(
        default=None, description="With an offset (e.g. Z); none: never."
    )


class TokenOut(Out):
    uuid: str
    name: str
    prefix: str = Field(description="The token's first characters, to tell tokens apart.")
    scopes: list[str]
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked: bool

    @classmethod
    def of(cls, t: AccessToken) -> TokenOut:
        return cls(
            uuid=t.uuid,
            name=t.name,
            prefix=t.prefix,
            scopes=sorted(t.scopes),
            created_at=t.created_at,
            expires_at=t.expires_at,
            last_used_at=t.last_used_at,
            revoked=t.revoked_at is not None,
        )


class NewTokenOut(TokenOut):
    token: str = Field(description="The token itself: shown this once, store it now.")


def _session_only(principal: Principal, what: str) -> None:
    if principal.scopes is not None:
        raise PermissionDeniedError(
            f"{what} needs a signed-in session, not an access token", field="Authorization"
        )


def _seconds(delta: dt.timedelta) -> int:
    return int(delta.total_seconds())


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=AccountOut)
def register(
    body: RegisterIn,
    request: Request,
    rt: RuntimeDep,
    pw: PasswordsDep,
    throttle: Annotated[AddressThrottle, Depends(register_throttle)],
) -> AccountOut:
    """Create an account (lifter or coach). Only a signed-in administrator may create an admin.
    At most 20 a hour from one address (429 with Retry-After)."""
    address = client_address(request)
    throttle.check(address)
    throttle.count(address)
    actor: Principal | None = None
    if body.role is Role.ADMIN:
        try:
            actor = authenticate(request, rt)
        except AuthenticationError:
            actor = None
        if actor is None or actor.role is not Role.ADMIN or not actor.may_write:
            raise PermissionDeniedError(
                "only an administrator can create an admin account", field="role"
            )
    account = accounts.register(
        rt.uow(),
        pw,
        username=body.username,
        password=body.password,
        now=rt.now(),
        role=body.role,
        timezone=body.timezone,
        email=body.email,
        display_name=body.display_name,
        actor=actor,
    )
    return AccountOut.of(account)


@router.post("/login", response_model=LoginOut)
def login(
    body: LoginIn,
    request: Request,
    response: Response,
    rt: RuntimeDep,
    pw: PasswordsDep,
    throttle: Annotated[AddressThrottle, Depends(login_throttle)],
) -> LoginOut:
    """Sign in: sets the session cookie and returns the CSRF token. 429 while locked out (too
    many wrong passwords for the account, or too many failed logins from the address)."""
    address = client_address(request)
    throttle.check(address)
    try:
        user = auth.login(rt.uow(), pw, body.username, body.password, now=rt.now())
    except AuthenticationError:
        throttle.count(address)
        raise
    opened = auth.open_session(rt.uow(), user.id, now=rt.now())
    set_session_cookie(response, request, opened.token, max_age=_seconds(auth.SESSION_TTL))
    response.headers["Cache-Control"] = NO_STORE
    return LoginOut(
        account=AccountOut.of(Account.of(user)),
        csrf_token=opened.csrf_token,
        expires_at=opened.session.expires_at,
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(principal: CurrentPrincipal, request: Request, rt: RuntimeDep) -> Response:
    """Sign out: the session ends and its cookie is cleared (a token is revoked separately)."""
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    if principal.scopes is None:
        auth.close_session(rt.uow(), request.cookies.get(SESSION_COOKIE, ""))
        clear_session_cookie(response, request)
    return response


@router.get("/me", response_model=MeOut)
def me(
    principal: CurrentPrincipal, request: Request, response: Response, rt: RuntimeDep
) -> MeOut:
    """The caller's account; for a session also its CSRF token."""
    response.headers["Cache-Control"] = NO_STORE
    account = accounts.get_account(rt.uow(), principal.user_id)
    csrf = getattr(request.state, "csrf_token", None) if principal.scopes is None else None
    return MeOut(
        account=AccountOut.of(account),
        via="session" if principal.scopes is None else "token",
        scopes=None if principal.scopes is None else sorted(principal.scopes),
        csrf_token=csrf,
    )


@router.patch("/me", response_model=AccountOut)
def update_me(body: SettingsIn, principal: WritingPrincipal, rt: RuntimeDep) -> AccountOut:
    """Change the caller's time zone, display name or e-mail (only the fields given)."""
    account = accounts.update_settings(
        rt.uow(),
        principal.user_id,
        timezone=body.timezone,
        display_name=body.display_name,
        email=body.email,
    )
    return AccountOut.of(account)


@router.post("/password", response_model=PasswordOut)
def change_password(
    body: PasswordIn,
    principal: CurrentPrincipal,
    request: Request,
    response: Response,
    rt: RuntimeDep,
    pw: PasswordsDep,
) -> PasswordOut:
    """Change the caller's password; every other session is signed out."""
    _session_only(principal, "changing the password")
    ended = auth.change_password(
        rt.uow(), pw, principal.user_id, body.old_password, body.new_password, now=rt.now()
    )
    opened = auth.open_session(rt.uow(), principal.user_id, now=rt.now())
    set_session_cookie(response, request, opened.token, max_age=_seconds(auth.SESSION_TTL))
    response.headers["Cache-Control"] = NO_STORE
    return PasswordOut(ended_sessions=max(0, ended - 1), csrf_token=opened.csrf_token)


@router.post("/tokens", status_code=status.HTTP_201_CREATED, response_model=NewTokenOut)
def create_token(
    body: TokenIn, principal: CurrentPrincipal, response: Response, rt: RuntimeDep
) -> NewTokenOut:
    """A personal access token with scopes read and/or write; its value is shown only here."""
    response.headers["Cache-Control"] = NO_STORE
    _session_only(principal, "creating an access token")
    new = auth.create_token(
        rt.uow(),
        principal.user_id,
        name=body.name,
        scopes=list(body.scopes),
        now=rt.now(),
        expires_at=body.expires_at,
    )
    shown = TokenOut.of(new.record)
    return NewTokenOut(**shown.model_dump(), token=new.token)


@router.get("/tokens", response_model=list[TokenOut])
def list_tokens(principal: CurrentPrincipal, rt: RuntimeDep) -> list[TokenOut]:
    """The caller's tokens (revoked ones too), oldest first; never their values."""
    _session_only(principal, "listing access tokens")
    return [TokenOut.of(t) for t in auth.list_tokens(rt.uow(), principal.user_id)]


@router.delete("/tokens/{token}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(token: UUID, principal: CurrentPrincipal, rt: RuntimeDep) -> Response:
    """Revoke one of the caller's tokens (by its uuid)."""
    _session_only(principal, "revoking an access token")
    auth.revoke_token(rt.uow(), principal.user_id, str(token), now=rt.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)
