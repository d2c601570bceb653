"""The account records of the store: users, coach links, sessions, tokens, audit events, comments.

Plain values with timezone-aware UTC times. A session or token value appears in none of them (it
exists only in the result of the call that created it, and is stored as a digest); a
:class:`User` carries the password hash for the auth service, so what the services hand out for
display is :class:`spotter.services.accounts.Account`, which leaves it out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spotter.access.model import LinkStatus, Permission, Role


@dataclass(frozen=True)
class User:
    """An account. ``password_hash`` is None for the local user (no password login)."""

    id: int
    uuid: str
    username: str
    role: Role
    timezone: str
    display_name: str
    email: str | None
    created_at: datetime
    disabled_at: datetime | None
    failed_logins: int
    locked_until: datetime | None
    password_hash: str | None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


@dataclass(frozen=True)
class CoachLink:
    """A coach's link to a lifter and what the lifter allows."""

    id: int
    uuid: str
    coach_id: int
    lifter_id: int
    status: LinkStatus
    permissions: frozenset[Permission]
    created_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
    ended_by: int | None


@dataclass(frozen=True)
class WebSession:
    """A stored browser session (its token is stored only as a SHA-256 digest)."""

    id: int
    user_id: int
    csrf_token: str
    created_at: datetime
    expires_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True)
class AccessToken:
    """A personal access token as stored: its prefix tells it apart, its value is gone."""

    id: int
    uuid: str
    user_id: int
    name: str
    prefix: str
    scopes: frozenset[str]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class AuditEvent:
    """Something one user did to another user's data (a coach on a lifter's behalf)."""

    id: int
    actor_id: int
    subject_id: int
    action: str
    target: str
    at: datetime


@dataclass(frozen=True)
class Comment:
    """A comment on a set, workout or plan of a lifter."""

    id: int
    uuid: str
    author_id: int
    lifter_id: int
    target_kind: str
    target_uuid: str
    body: str
    created_at: datetime
    deleted_at: datetime | None
