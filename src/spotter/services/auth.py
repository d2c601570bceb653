"""Authentication: Argon2id passwords, login with lockout, web sessions, personal access tokens.

Passwords are hashed with Argon2id through **argon2-cffi**. It binds the reference Argon2 C
implementation (the Password Hashing Competition winner's code), has regular releases and is not
in maintenance mode; passlib, the usual alternative, has had no release since 2020 and breaks with
current bcrypt. Production uses the library's RFC 9106 "low memory" profile (Argon2id, 3 passes,
64 MiB, 4 lanes: :data:`PRODUCTION`); tests pass :data:`FAST_FOR_TESTS` through
:class:`Passwords` so that a hash takes microseconds. A stored hash made with other parameters is
re-hashed on the next successful login.

Login locks an account for :data:`LOCK_FOR` after :data:`MAX_FAILURES` wrong passwords in a row
(:class:`~spotter.errors.RateLimitedError`). A wrong password and an unknown username give the
same :class:`~spotter.errors.AuthenticationError`, and an unknown username still costs one
Argon2 verification so that the response time does not tell them apart.

Web sessions and tokens are random 32-byte values shown once; only their SHA-256 is stored. A
session lasts :data:`SESSION_TTL` from its last use (sliding) and has its own CSRF token. A personal
access token is ``spt_`` + 43 URL-safe characters, with scopes ``read`` and/or ``write``, an
optional expiry and a ``last_used_at``.

Every function opens the unit of work it is given and commits what it changes (a failed login's
count too, before the error is raised). Times are aware datetimes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from argon2 import Parameters, PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import ARGON2_VERSION
from argon2.profiles import RFC_9106_LOW_MEMORY

from spotter.access.model import Principal, Role, parse_scopes
from spotter.access.records import AccessToken, User, WebSession
from spotter.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ValidationError,
)
from spotter.services.uow import UnitOfWork

if TYPE_CHECKING:
    from spotter.store.accounts_repo import AccountsRepository

#: Wrong passwords in a row that lock an account.
MAX_FAILURES = 5
#: How long a locked account stays locked.
LOCK_FOR = timedelta(minutes=15)
#: A web session expires this long after its last use.
SESSION_TTL = timedelta(days=30)
#: A session's expiry is moved on at most this often (one write per minute, not per request).
_TOUCH_EVERY = timedelta(minutes=1)
#: Passwords shorter than this are refused.
MIN_PASSWORD = 10
#: Longer passwords are refused too: hashing megabytes on request would be a denial of service.
MAX_PASSWORD = 1024
TOKEN_PREFIX = "spt_"
#: How many leading characters of a token are kept in clear, to tell tokens apart in a list.
_SHOWN = len(TOKEN_PREFIX) + 6

#: The production parameters: argon2-cffi's RFC 9106 low-memory profile (Argon2id, t=3, 64 MiB).
PRODUCTION: Parameters = RFC_9106_LOW_MEMORY


#: Cheap parameters for tests only (8 KiB, one pass): never for stored passwords.
FAST_FOR_TESTS = Parameters(
    type=Type.ID,
    version=ARGON2_VERSION,
    salt_len=16,
    hash_len=16,
    time_cost=1,
    memory_cost=8,
    parallelism=1,
)


class Passwords:
    """Hashing and checking passwords with one set of Argon2id parameters."""

    def __init__(self, params: Parameters = PRODUCTION) -> None:
        self._hasher = PasswordHasher.from_parameters(params)
        self._dummy = _decoy(params)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str, password: str) -> bool:
        """Whether ``password`` matches the stored hash (a malformed hash never matches)."""
        try:
            return self._hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(stored)
        except (InvalidHashError, ValueError):
            return True

    def burn(self, password: str) -> None:
        """Spend one verification's time on nothing (an unknown user looks like a known one)."""
        self.verify(self._dummy, password)


def _decoy(params: Parameters) -> str:
    """An encoded Argon2 hash with these parameters that no password matches.

    Verifying against it costs exactly what a real verification costs, and making it costs
    nothing (a random salt and an all-zero digest, no hashing).
    """

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode().rstrip("=")

    kind = {Type.ID: "argon2id", Type.I: "argon2i", Type.D: "argon2d"}[params.type]
    return (
        f"${kind}$v={params.version}$m={params.memory_cost},t={params.time_cost},"
        f"p={params.parallelism}${b64(secrets.token_bytes(params.salt_len))}"
        f"${b64(bytes(params.hash_len))}"
    )


def check_password_rules(password: str, username: str, *, field: str = "password") -> None:
    """Raise :class:`ValidationError` unless the password is 10-1024 characters and not the
    username (in any case, or reversed)."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            f"the password is too short: {len(password)} characters, at least {MIN_PASSWORD} "
            "needed",
            field=field,
        )
    if len(password) > MAX_PASSWORD:
        raise ValidationError(
            f"the password is too long: at most {MAX_PASSWORD} characters", field=field
        )
    folded = password.strip().casefold()
    if folded in (username.casefold(), username.casefold()[::-1]):
        raise ValidationError("the password must not be the username", field=field)


class AuthUnitOfWork(UnitOfWork, Protocol):
    @property
    def accounts(self) -> AccountsRepository: ...


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime for now")
    return now


def digest(secret: str) -> str:
    """The stored form of a session token, access token or invite code: SHA-256, hex.

    >>> digest("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(secret.encode()).hexdigest()


# -- login ---------------------------------------------------------------------------------------

_WRONG = "wrong username or password"


def login(
    uow: AuthUnitOfWork, passwords: Passwords, username: str, password: str, *, now: datetime
) -> User:
    """The user whose username and password these are.

    Raises :class:`AuthenticationError` for an unknown user, a wrong password or a disabled
    account, and :class:`RateLimitedError` while the account is locked.
    """
    now = _aware(now)
    name = username.strip().lower()
    with uow:
        user = uow.accounts.user_by_username(name) if name else None
        if user is None or user.password_hash is None or len(password) > MAX_PASSWORD:
            passwords.burn(password[:MAX_PASSWORD])
            raise AuthenticationError(_WRONG)
        if user.locked_until is not None and now < user.locked_until:
            wait = math.ceil((user.locked_until - now).total_seconds())
            minutes = math.ceil(wait / 60)
            raise RateLimitedError(
                f"too many failed logins: the account is locked for {minutes} more "
                f"minute{'s' if minutes != 1 else ''}",
                retry_after_s=wait,
            )
        if not passwords.verify(user.password_hash, password):
            failures = uow.accounts.count_failed_login(user.id)
            if failures >= MAX_FAILURES:
                uow.accounts.update_user(user.id, failed_logins=0, locked_until=now + LOCK_FOR)
            uow.commit()
            raise AuthenticationError(_WRONG)
        if user.disabled:
            raise AuthenticationError("this account is disabled; ask an administrator")
        changes: dict[str, object] = {"failed_logins": 0, "locked_until": None}
        if passwords.needs_rehash(user.password_hash):
            changes["password_hash"] = passwords.hash(password)
        uow.accounts.update_user(user.id, **changes)
        uow.commit()
        fresh = uow.accounts.user_by_id(user.id)
    assert fresh is not None
    return fresh


def change_password(
    uow: AuthUnitOfWork,
    passwords: Passwords,
    user_id: int,
    old: str,
    new: str,
    *,
    now: datetime,
) -> int:
    """Change a user's own password after checking the old one; every session of the user ends.

    Returns how many sessions were ended.
    """
    _aware(now)
    with uow:
        user = uow.accounts.user_by_id(user_id)
        if user is None:
            raise NotFoundError("no such user")
        if user.password_hash is None or not passwords.verify(user.password_hash, old):
            raise AuthenticationError("the current password is wrong", field="old_password")
        check_password_rules(new, user.username)
        uow.accounts.update_user(user.id, password_hash=passwords.hash(new))
        ended = uow.accounts.delete_sessions_of(user.id)
        uow.commit()
    return ended


# -- web sessions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewSession:
    """A session just opened: ``token`` goes into the cookie and is never stored or shown again."""

    token: str
    session: WebSession

    @property
    def csrf_token(self) -> str:
        return self.session.csrf_token


@dataclass(frozen=True)
class SessionAuth:
    """The caller behind a valid session cookie."""

    principal: Principal
    user: User
    session: WebSession
    #: Whether this use moved the session's expiry on (the cookie's max-age should follow).
    extended: bool = False


def open_session(uow: AuthUnitOfWork, user_id: int, *, now: datetime) -> NewSession:
    """A new web session for the user, valid for :data:`SESSION_TTL` from its last use (the
    user's expired sessions are forgotten on the way)."""
    now = _aware(now)
    token = secrets.token_urlsafe(32)
    with uow:
        uow.accounts.delete_expired_sessions(user_id, now=now)
        session = uow.accounts.add_session(
            token_hash=digest(token),
            user_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            now=now,
            expires_at=now + SESSION_TTL,
        )
        uow.commit()
    return NewSession(token, session)


def _enabled_user(uow: AuthUnitOfWork, user_id: int) -> User:
    user = uow.accounts.user_by_id(user_id)
    if user is None or user.disabled:
        raise AuthenticationError("this account is disabled; ask an administrator")
    return user


def authenticate_session(uow: AuthUnitOfWork, token: str, *, now: datetime) -> SessionAuth:
    """The caller of a session token; moves the session's expiry on (sliding).

    Raises :class:`AuthenticationError` for an unknown or expired session (an expired one is
    deleted) or a disabled user.
    """
    now = _aware(now)
    with uow:
        session = uow.accounts.session_by_hash(digest(token)) if token else None
        if session is None:
            raise AuthenticationError("not signed in (no such session)")
        if now >= session.expires_at:
            uow.accounts.delete_session(session.id)
            uow.commit()
            raise AuthenticationError("the session has expired; sign in again")
        user = _enabled_user(uow, session.user_id)
        if now - session.last_seen_at >= _TOUCH_EVERY:
            uow.accounts.touch_session(session.id, now=now, expires_at=now + SESSION_TTL)
            uow.commit()
            session = WebSession(
                session.id,
                session.user_id,
                session.csrf_token,
                session.created_at,
                now + SESSION_TTL,
                now,
            )
            return SessionAuth(Principal(user.id, user.role, None), user, session, extended=True)
    return SessionAuth(Principal(user.id, user.role, None), user, session)


def check_csrf(session: WebSession, header_value: str | None) -> None:
    """Raise :class:`PermissionDeniedError` unless the header carries the session's CSRF token."""
    if not header_value or not hmac.compare_digest(
        header_value.encode(), session.csrf_token.encode()
    ):
        raise PermissionDeniedError(
            "missing or wrong X-CSRF-Token header for this session", field="X-CSRF-Token"
        )


def close_session(uow: AuthUnitOfWork, token: str) -> bool:
    """Sign out: delete the session of this token; False when there was none."""
    with uow:
        session = uow.accounts.session_by_hash(digest(token)) if token else None
        if session is None:
            return False
        uow.accounts.delete_session(session.id)
        uow.commit()
    return True


def close_all_sessions(uow: AuthUnitOfWork, user_id: int) -> int:
    """Sign the user out everywhere; returns how many sessions ended."""
    with uow:
        ended = uow.accounts.delete_sessions_of(user_id)
        uow.commit()
    return ended


# -- personal access tokens ----------------------------------------------------------------------


@dataclass(frozen=True)
class NewToken:
    """A token just created: ``token`` is shown to its owner this once and never again."""

    token: str
    record: AccessToken


@dataclass(frozen=True)
class TokenAuth:
    """The caller behind a valid bearer token."""

    principal: Principal
    user: User
    record: AccessToken


def create_token(
    uow: AuthUnitOfWork,
    user_id: int,
    *,
    name: str,
    scopes: str | list[str] | tuple[str, ...],
    now: datetime,
    expires_at: datetime | None = None,
) -> NewToken:
    """A personal access token for the user with these scopes (``read``, ``write``)."""
    now = _aware(now)
    label = name.strip()
    if not label or len(label) > 100:
        raise ValidationError("a token needs a name of 1 to 100 characters", field="name")
    parsed = parse_scopes(scopes)
    if expires_at is not None and _aware(expires_at) <= now:
        raise ValidationError("the expiry must be in the future", field="expires_at")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with uow:
        if uow.accounts.user_by_id(user_id) is None:
            raise NotFoundError("no such user")
        record = uow.accounts.add_token(
            token_hash=digest(token),
            prefix=token[:_SHOWN],
            user_id=user_id,
            name=label,
            scopes=parsed,
            now=now,
            expires_at=expires_at,
        )
        uow.commit()
    return NewToken(token, record)


def authenticate_token(uow: AuthUnitOfWork, token: str, *, now: datetime) -> TokenAuth:
    """The caller of a bearer token, with the token's scopes; records ``last_used_at``.

    Raises :class:`AuthenticationError` for a malformed, unknown, revoked or expired token or a
    disabled user.
    """
    now = _aware(now)
    if not token.startswith(TOKEN_PREFIX):
        raise AuthenticationError(f"not a Spotter access token (they start with {TOKEN_PREFIX})")
    with uow:
        record = uow.accounts.token_by_hash(digest(token))
        if record is None or record.revoked_at is not None:
            raise AuthenticationError("unknown or revoked access token")
        if record.expires_at is not None and now >= record.expires_at:
            raise AuthenticationError("the access token has expired")
        user = _enabled_user(uow, record.user_id)
        if record.last_used_at is None or now - record.last_used_at >= _TOUCH_EVERY:
            uow.accounts.update_token(record.id, last_used_at=now)
            uow.commit()
    return TokenAuth(Principal(user.id, user.role, record.scopes), user, record)


def list_tokens(uow: AuthUnitOfWork, user_id: int) -> list[AccessToken]:
    """The user's tokens, revoked ones included, oldest first."""
    with uow:
        return uow.accounts.tokens_of(user_id)


def revoke_token(uow: AuthUnitOfWork, user_id: int, token_uuid: str, *, now: datetime) -> None:
    """Revoke one of the user's tokens; another user's token is not found."""
    now = _aware(now)
    with uow:
        found = [t for t in uow.accounts.tokens_of(user_id) if t.uuid == token_uuid]
        if not found:
            raise NotFoundError(f"no access token {token_uuid!r}", field="token")
        if found[0].revoked_at is None:
            uow.accounts.update_token(found[0].id, revoked_at=now)
            uow.commit()


def local_principal(user_id: int, role: Role = Role.LIFTER) -> Principal:
    """The principal of someone at the machine's own command line (no credentials needed)."""
    return Principal(user_id, role, None)
