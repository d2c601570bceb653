"""The values of the access model: roles, link permissions, token scopes, the principal."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spotter.errors import ValidationError

#: The id of the local default user: the single lifter of the command line, created by migration
#: 0006 and owner of every record made before users existed.
LOCAL_USER_ID = 1


class Role(StrEnum):
    """What kind of account a user has. An admin manages accounts, never training data."""

    LIFTER = "lifter"
    COACH = "coach"
    ADMIN = "admin"


class Permission(StrEnum):
    """What a lifter lets a linked coach do."""

    READ_LOG = "read_log"
    ASSIGN_PLANS = "assign_plans"
    COMMENT = "comment"


class Scope(StrEnum):
    """What a personal access token may do; ``write`` includes ``read``."""

    READ = "read"
    WRITE = "write"


class LinkStatus(StrEnum):
    """Where a coach-lifter link stands: invited by the coach, active once accepted, revoked."""

    INVITED = "invited"
    ACTIVE = "active"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Principal:
    """The authenticated caller.

    ``scopes`` is None for a web session or the local command line (the caller may do all its user
    may); for a personal access token it holds the token's scopes (``read``, ``write``).
    """

    user_id: int
    role: Role
    scopes: frozenset[str] | None = None

    @property
    def may_read(self) -> bool:
        """Whether the credentials allow reading at all."""
        return self.scopes is None or bool(self.scopes & {Scope.READ, Scope.WRITE})

    @property
    def may_write(self) -> bool:
        """Whether the credentials allow changing anything."""
        return self.scopes is None or Scope.WRITE in self.scopes


@dataclass(frozen=True)
class Grant:
    """What a coach-lifter link allows, as the policy needs it."""

    status: LinkStatus
    permissions: frozenset[Permission]


def parse_permissions(text: str | list[str] | tuple[str, ...], *, field: str = "permissions") -> (
    frozenset[Permission]
):
    """Permissions from a comma list (``"read_log,comment"``) or a sequence of names.

    >>> sorted(p.value for p in parse_permissions("comment, read_log"))
    ['comment', 'read_log']
    >>> parse_permissions("")
    frozenset()
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    out: set[Permission] = set()
    for raw in items:
        name = raw.strip().lower()
        if not name:
            continue
        try:
            out.add(Permission(name))
        except ValueError:
            known = ", ".join(p.value for p in Permission)
            raise ValidationError(
                f"unknown permission {raw.strip()!r}; expected some of: {known}", field=field
            ) from None
    return frozenset(out)


def format_permissions(permissions: frozenset[Permission] | set[Permission]) -> str:
    """The stored form: a comma list in the enum's order.

    >>> format_permissions({Permission.COMMENT, Permission.READ_LOG})
    'read_log,comment'
    """
    return ",".join(p.value for p in Permission if p in permissions)


def parse_scopes(text: str | list[str] | tuple[str, ...], *, field: str = "scopes") -> (
    frozenset[str]
):
    """Token scopes from a comma list or a sequence; at least one is required.

    >>> sorted(parse_scopes("write,read"))
    ['read', 'write']
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    out: set[str] = set()
    for raw in items:
        name = raw.strip().lower()
        if not name:
            continue
        try:
            out.add(Scope(name).value)
        except ValueError:
            raise ValidationError(
                f"unknown scope {raw.strip()!r}; expected read or write", field=field
            ) from None
    if not out:
        raise ValidationError("a token needs at least one scope: read or write", field=field)
    return frozenset(out)
