"""Rows of the account tables as records, and the store's time convention (naive UTC).

The helpers of :mod:`spotter.store.accounts_repo`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import RowMapping

from spotter.access.model import LinkStatus, Role, parse_permissions
from spotter.access.records import AccessToken, AuditEvent, CoachLink, Comment, User, WebSession


def to_db(when: datetime) -> datetime:
    """An aware time as the naive UTC the store keeps."""
    if when.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime")
    return when.astimezone(UTC).replace(tzinfo=None)


def opt_to_db(when: datetime | None) -> datetime | None:
    return None if when is None else to_db(when)


def from_db(when: datetime) -> datetime:
    """A stored naive UTC time as an aware one."""
    return when.replace(tzinfo=UTC)


def opt_from_db(when: datetime | None) -> datetime | None:
    return None if when is None else from_db(when)


def user_of(r: RowMapping) -> User:
    return User(
        id=r["id"],
        uuid=r["uuid"],
        username=r["username"],
        role=Role(r["role"]),
        timezone=r["timezone"],
        display_name=r["display_name"],
        email=r["email"],
        created_at=from_db(r["created_at"]),
        disabled_at=opt_from_db(r["disabled_at"]),
        failed_logins=int(r["failed_logins"]),
        locked_until=opt_from_db(r["locked_until"]),
        password_hash=r["password_hash"],
    )


def link_of(r: RowMapping) -> CoachLink:
    return CoachLink(
        id=r["id"],
        uuid=r["uuid"],
        coach_id=r["coach_id"],
        lifter_id=r["lifter_id"],
        status=LinkStatus(r["status"]),
        permissions=parse_permissions(r["permissions"]),
        created_at=from_db(r["created_at"]),
        accepted_at=opt_from_db(r["accepted_at"]),
        revoked_at=opt_from_db(r["revoked_at"]),
        ended_by=r["ended_by"],
    )


def session_of(r: RowMapping) -> WebSession:
    return WebSession(
        id=r["id"],
        user_id=r["user_id"],
        csrf_token=r["csrf_token"],
        created_at=from_db(r["created_at"]),
        expires_at=from_db(r["expires_at"]),
        last_seen_at=from_db(r["last_seen_at"]),
    )


def token_of(r: RowMapping) -> AccessToken:
    return AccessToken(
        id=r["id"],
        uuid=r["uuid"],
        user_id=r["user_id"],
        name=r["name"],
        prefix=r["prefix"],
        scopes=frozenset(s for s in r["scopes"].split(",") if s),
        created_at=from_db(r["created_at"]),
        expires_at=opt_from_db(r["expires_at"]),
        last_used_at=opt_from_db(r["last_used_at"]),
        revoked_at=opt_from_db(r["revoked_at"]),
    )


def event_of(r: RowMapping) -> AuditEvent:
    return AuditEvent(
        id=r["id"],
        actor_id=r["actor_id"],
        subject_id=r["subject_id"],
        action=r["action"],
        target=r["target"],
        at=from_db(r["at"]),
    )


def comment_of(r: RowMapping) -> Comment:
    return Comment(
        id=r["id"],
        uuid=r["uuid"],
        author_id=r["author_id"],
        lifter_id=r["lifter_id"],
        target_kind=r["target_kind"],
        target_uuid=r["target_uuid"],
        body=r["body"],
        created_at=from_db(r["created_at"]),
        deleted_at=opt_from_db(r["deleted_at"]),
    )
