"""Accounts: registering users, their settings, and what an administrator may do.

A username is 3 to 32 characters: lower-case letters, digits, ``.``, ``_`` and ``-``, starting
with a letter or digit (``me`` is reserved: the API's name for the caller). A time zone is an IANA
name the zone database knows (``Europe/Berlin``, ``UTC``). Anyone may register as a lifter or a
coach; an admin account is made only by another admin or by whoever runs the server's command
line (``actor=None``). An admin lists, disables and re-enables accounts and changes roles; they
see no training data (that needs a coach link, see :mod:`spotter.services.coaching`).

Every function opens the unit of work it is given and commits what it changes; results are
:class:`Account` values, which never carry the password hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from spotter.access.model import Principal, Role
from spotter.access.records import User
from spotter.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from spotter.services.auth import Passwords, check_password_rules
from spotter.services.uow import UnitOfWork

if TYPE_CHECKING:
    from spotter.store.accounts_repo import AccountsRepository

_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: Names a user may not take: ``me`` stands for the caller in API paths.
RESERVED = frozenset({"me"})


@dataclass(frozen=True)
class Account:
    """A user as others may see them (no password hash, no lockout counter)."""

    id: int
    uuid: str
    username: str
    role: Role
    timezone: str
    display_name: str
    email: str | None
    created_at: datetime
    disabled_at: datetime | None
    locked_until: datetime | None
    has_password: bool

    @classmethod
    def of(cls, user: User) -> Account:
        return cls(
            id=user.id,
            uuid=user.uuid,
            username=user.username,
            role=user.role,
            timezone=user.timezone,
            display_name=user.display_name,
            email=user.email,
            created_at=user.created_at,
            disabled_at=user.disabled_at,
            locked_until=user.locked_until,
            has_password=user.password_hash is not None,
        )


class AccountsUnitOfWork(UnitOfWork, Protocol):
    @property
    def accounts(self) -> AccountsRepository: ...


def normalize_username(username: str) -> str:
    """The stored form of a username, or :class:`ValidationError` (field ``username``).

    >>> normalize_username("  Ana.Lifts ")
    'ana.lifts'
    """
    name = username.strip().lower()
    if not _USERNAME.fullmatch(name):
        raise ValidationError(
            f"invalid username {username.strip()!r}: expected 3 to 32 characters of a-z, 0-9, "
            "'.', '_' or '-', starting with a letter or digit",
            field="username",
        )
    if name in RESERVED:
        raise ValidationError(f"the username {name!r} is reserved", field="username")
    return name


def check_timezone(name: str) -> str:
    """An IANA time zone name the zone database knows, or :class:`ValidationError`; ``local``
    (any case) is the empty name: the zone of the machine Spotter runs on, read each time.

    >>> check_timezone("Europe/Berlin"), check_timezone("Local")
    ('Europe/Berlin', '')
    """
    tz = name.strip()
    if tz.lower() == "local":
        return ""
    try:
        if not tz or tz.startswith("/"):
            raise ValueError(tz)
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"unknown time zone {name!r}: expected an IANA name such as 'Europe/Berlin' or 'UTC',"
            " or 'local' for this machine's",
            field="timezone",
        ) from None
    return tz


def _check_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    value = email.strip()
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise ValidationError(f"invalid e-mail address {value!r}", field="email")
    return value


def _check_display_name(name: str) -> str:
    value = name.strip()
    if len(value) > 200:
        raise ValidationError("the display name is longer than 200 characters", field="display_name")
    return value


def _parse_role(role: Role | str) -> Role:
    try:
        return Role(role.strip().lower())
    except ValueError:
        raise ValidationError(
            f"unknown role {role!r}: expected lifter, coach or admin", field="role"
        ) from None


def register(
    uow: AccountsUnitOfWork,
    passwords: Passwords,
    *,
    username: str,
    password: str,
    now: datetime,
    role: Role | str = Role.LIFTER,
    timezone: str = "UTC",
    email: str | None = None,
    display_name: str = "",
    actor: Principal | None = None,
) -> Account:
    """Create an account with a password.

    ``actor`` is the signed-in user making it (None: the server's command line, which may make
    admins). Raises :class:`ValidationError` naming the bad field, :class:`ConflictError` when the
    username is taken, :class:`PermissionDeniedError` when a non-admin asks for an admin.
    """
    if now.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime for now")
    name = normalize_username(username)
    wanted = _parse_role(role)
    if wanted is Role.ADMIN and actor is not None and actor.role is not Role.ADMIN:
        raise PermissionDeniedError("only an administrator can create an admin account", field="role")
    tz = check_timezone(timezone)
    mail = _check_email(email)
    shown = _check_display_name(display_name)
    check_password_rules(password, name)
    hashed = passwords.hash(password)
    with uow:
        if uow.accounts.user_by_username(name) is not None:
            raise ConflictError(f"the username {name!r} is taken", field="username")
        user = uow.accounts.add_user(
            username=name,
            role=wanted,
            timezone=tz,
            password_hash=hashed,
            now=now,
            display_name=shown or name,
            email=mail,
        )
        uow.commit()
    return Account.of(user)


def get_account(uow: AccountsUnitOfWork, user_id: int) -> Account:
    """The account of a user id (:class:`NotFoundError` when there is none)."""
    with uow:
        user = uow.accounts.user_by_id(user_id)
    if user is None:
        raise NotFoundError("no such user")
    return Account.of(user)


def find_account(uow: AccountsUnitOfWork, ref: str) -> Account:
    """An account by username or uuid (:class:`NotFoundError` when there is none)."""
    with uow:
        user = uow.accounts.user_by_username(ref.strip().lower()) or uow.accounts.user_by_uuid(
            ref.strip()
        )
    if user is None:
        raise NotFoundError(f"no user {ref.strip()!r}", field="user")
    return Account.of(user)


def update_settings(
    uow: AccountsUnitOfWork,
    user_id: int,
    *,
    timezone: str | None = None,
    display_name: str | None = None,
    email: str | None = None,
) -> Account:
    """Change a user's own account settings (only the ones given)."""
    changes: dict[str, object] = {}
    if timezone is not None:
        changes["timezone"] = check_timezone(timezone)
    if display_name is not None:
        changes["display_name"] = _check_display_name(display_name)
    if email is not None:
        changes["email"] = _check_email(email)
    with uow:
        user = uow.accounts.user_by_id(user_id)
        if user is None:
            raise NotFoundError("no such user")
        if changes:
            uow.accounts.update_user(user_id, **changes)
            uow.commit()
            user = uow.accounts.user_by_id(user_id)
    assert user is not None
    return Account.of(user)


def set_password(
    uow: AccountsUnitOfWork, passwords: Passwords, user_id: int, password: str
) -> Account:
    """Set a user's password (the server's command line, or a reset); every session ends and the
    lockout is lifted."""
    with uow:
        user = uow.accounts.user_by_id(user_id)
        if user is None:
            raise NotFoundError("no such user")
        check_password_rules(password, user.username)
        uow.accounts.update_user(
            user_id, password_hash=passwords.hash(password), failed_logins=0, locked_until=None
        )
        uow.accounts.delete_sessions_of(user_id)
        uow.commit()
        user = uow.accounts.user_by_id(user_id)
    assert user is not None
    return Account.of(user)


# -- administration ------------------------------------------------------------------------------


def _require_admin(actor: Principal | None) -> None:
    if actor is not None and actor.role is not Role.ADMIN:
        raise PermissionDeniedError("only an administrator may manage accounts")


def _target(uow: AccountsUnitOfWork, user_id: int) -> User:
    user = uow.accounts.user_by_id(user_id)
    if user is None:
        raise NotFoundError(f"no user with id {user_id}", field="user")
    return user


def _keeps_an_admin(uow: AccountsUnitOfWork, actor: Principal | None, user: User) -> None:
    """Refuse a signed-in admin taking away the last enabled admin (the server's command line
    may: it can always make a new one)."""
    if (
        actor is not None
        and user.role is Role.ADMIN
        and user.disabled_at is None
        and uow.accounts.count_users(role=Role.ADMIN, enabled_only=True) <= 1
    ):
        raise ConflictError(f"{user.username!r} is the last active administrator")


def list_accounts(
    uow: AccountsUnitOfWork, actor: Principal | None, *, after_id: int = 0, limit: int = 100
) -> list[Account]:
    """Accounts in id order, ``limit`` at most, after ``after_id`` (a cursor)."""
    _require_admin(actor)
    if not 1 <= limit <= 1000:
        raise ValidationError("limit must be between 1 and 1000", field="limit")
    with uow:
        return [Account.of(u) for u in uow.accounts.users(after_id=after_id, limit=limit)]


def disable_account(
    uow: AccountsUnitOfWork, actor: Principal | None, user_id: int, *, now: datetime
) -> Account:
    """Disable an account: it can no longer sign in, and its sessions end. Its data stays."""
    _require_admin(actor)
    if now.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime for now")
    with uow:
        user = _target(uow, user_id)
        if actor is not None and actor.user_id == user_id:
            raise ConflictError("an administrator cannot disable their own account")
        if user.disabled_at is None:
            _keeps_an_admin(uow, actor, user)
            uow.accounts.update_user(user_id, disabled_at=now)
            uow.accounts.delete_sessions_of(user_id)
            uow.commit()
        user = _target(uow, user_id)
    return Account.of(user)


def enable_account(uow: AccountsUnitOfWork, actor: Principal | None, user_id: int) -> Account:
    """Let a disabled account sign in again."""
    _require_admin(actor)
    with uow:
        _target(uow, user_id)
        uow.accounts.update_user(user_id, disabled_at=None, failed_logins=0, locked_until=None)
        uow.commit()
        user = _target(uow, user_id)
    return Account.of(user)


def change_role(
    uow: AccountsUnitOfWork, actor: Principal | None, user_id: int, role: Role | str
) -> Account:
    """Give a user another role (lifter, coach, admin)."""
    _require_admin(actor)
    wanted = _parse_role(role)
    with uow:
        user = _target(uow, user_id)
        if user.role is not wanted:
            if user.role is Role.ADMIN:
                _keeps_an_admin(uow, actor, user)
            uow.accounts.update_user(user_id, role=wanted)
            uow.commit()
        user = _target(uow, user_id)
    return Account.of(user)
