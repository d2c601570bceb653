"""The accounts repository: users, coach links, sessions, tokens, audit events and comments.

Not scoped to one user: the services that call it decide who may see what. Times go in as aware
datetimes and are stored as naive UTC; they come back aware (UTC). It never commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from spotter.access.model import (
    Grant,
    LinkStatus,
    Permission,
    Role,
    format_permissions,
)
from spotter.access.records import (
    AccessToken,
    AuditEvent,
    CoachLink,
    Comment,
    User,
    WebSession,
)
from spotter.errors import ConflictError
from spotter.store import tables as t
from spotter.store.accounts_rows import (
    comment_of,
    event_of,
    from_db,
    link_of,
    opt_to_db,
    session_of,
    to_db,
    token_of,
    user_of,
)
from spotter.store.log_repo import new_id, new_uuid

_U = t.app_user
_L = t.coach_link
_WS = t.web_session
_AT = t.access_token
_AE = t.audit_event
_CM = t.comment
_AD = t.address_event

#: The tables a comment may point at, by target kind.
COMMENT_TARGETS = {
    "set": t.set_entry,
    "workout": t.workout,
    "plan": t.plan,
    "form_check": t.form_check,
}


class AccountsRepository:
    """Account rows of every user."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _one(self, q: Any) -> RowMapping | None:
        return self._conn.execute(q).mappings().first()

    # -- users ---------------------------------------------------------------------------------

    def add_user(
        self,
        *,
        username: str,
        role: Role,
        timezone: str,
        password_hash: str | None,
        now: datetime,
        display_name: str = "",
        email: str | None = None,
    ) -> User:
        user_id = new_id(
            self._conn.execute(
                insert(_U).values(
                    uuid=new_uuid(),
                    username=username,
                    role=role.value,
                    timezone=timezone,
                    password_hash=password_hash,
                    created_at=to_db(now),
                    display_name=display_name,
                    email=email,
                    failed_logins=0,
                )
            )
        )
        found = self.user_by_id(user_id)
        assert found is not None
        return found

    def user_by_id(self, user_id: int) -> User | None:
        row = self._one(select(_U).where(_U.c.id == user_id))
        return None if row is None else user_of(row)

    def user_by_username(self, username: str) -> User | None:
        row = self._one(select(_U).where(_U.c.username == username))
        return None if row is None else user_of(row)

    def user_by_uuid(self, uuid: str) -> User | None:
        row = self._one(select(_U).where(_U.c.uuid == uuid))
        return None if row is None else user_of(row)

    def users(self, *, after_id: int = 0, limit: int = 100) -> list[User]:
        """Users in id order, from the first id above ``after_id``."""
        q = select(_U).where(_U.c.id > after_id).order_by(_U.c.id).limit(limit)
        return [user_of(r) for r in self._conn.execute(q).mappings()]

    def count_users(self, *, role: Role | None = None, enabled_only: bool = False) -> int:
        q = select(func.count()).select_from(_U)
        if role is not None:
            q = q.where(_U.c.role == role.value)
        if enabled_only:
            q = q.where(_U.c.disabled_at.is_(None))
        return int(self._conn.execute(q).scalar_one())

    def update_user(self, user_id: int, **values: Any) -> None:
        """Change columns of a user; datetimes are given aware, roles as :class:`Role`."""
        stored = {
            k: (to_db(v) if isinstance(v, datetime) else v.value if isinstance(v, Role) else v)
            for k, v in values.items()
        }
        self._conn.execute(update(_U).where(_U.c.id == user_id).values(**stored))

    def count_failed_login(self, user_id: int) -> int:
        """Add one failed login to the user's run of failures; returns the new count."""
        self._conn.execute(
            update(_U).where(_U.c.id == user_id).values(failed_logins=_U.c.failed_logins + 1)
        )
        return int(
            self._conn.execute(select(_U.c.failed_logins).where(_U.c.id == user_id)).scalar_one()
        )

    # -- coach links ---------------------------------------------------------------------------

    def add_link(
        self,
        *,
        coach_id: int,
        lifter_id: int,
        permissions: frozenset[Permission],
        invite_code_hash: str | None,
        now: datetime,
    ) -> CoachLink:
        try:
            with self._conn.begin_nested():
                result = self._conn.execute(
                    insert(_L).values(
                        uuid=new_uuid(),
                        coach_id=coach_id,
                        lifter_id=lifter_id,
                        status=LinkStatus.INVITED.value,
                        permissions=format_permissions(permissions),
                        invite_code_hash=invite_code_hash,
                        created_at=to_db(now),
                    )
                )
        except IntegrityError as exc:  # a concurrent invitation of the same pair won
            raise ConflictError(
                "this coach already has an invitation or a link to this lifter", field="username"
            ) from exc
        link_id = new_id(result)
        row = self._one(select(_L).where(_L.c.id == link_id))
        assert row is not None
        return link_of(row)

    def link_by_uuid(self, uuid: str) -> CoachLink | None:
        row = self._one(select(_L).where(_L.c.uuid == uuid))
        return None if row is None else link_of(row)

    def link_by_code_hash(self, code_hash: str) -> CoachLink | None:
        row = self._one(select(_L).where(_L.c.invite_code_hash == code_hash))
        return None if row is None else link_of(row)

    def live_link(self, coach_id: int, lifter_id: int) -> CoachLink | None:
        """The invited or active link from this coach to this lifter, if any."""
        q = (
            select(_L)
            .where(
                _L.c.coach_id == coach_id,
                _L.c.lifter_id == lifter_id,
                _L.c.status != LinkStatus.REVOKED.value,
            )
            .order_by(_L.c.id.desc())
        )
        row = self._one(q)
        return None if row is None else link_of(row)

    def grant(self, coach_id: int, lifter_id: int) -> Grant | None:
        """What the live link from ``coach_id`` to ``lifter_id`` allows (None: no live link)."""
        link = self.live_link(coach_id, lifter_id)
        return None if link is None else Grant(link.status, link.permissions)

    def links_of(self, user_id: int, *, include_revoked: bool = False) -> list[CoachLink]:
        """Links where the user is the coach or the lifter, newest first."""
        q = select(_L).where((_L.c.coach_id == user_id) | (_L.c.lifter_id == user_id))
        if not include_revoked:
            q = q.where(_L.c.status != LinkStatus.REVOKED.value)
        return [link_of(r) for r in self._conn.execute(q.order_by(_L.c.id.desc())).mappings()]

    def update_link(self, link_id: int, **values: Any) -> CoachLink:
        stored: dict[str, Any] = {}
        for k, v in values.items():
            if isinstance(v, datetime):
                stored[k] = to_db(v)
            elif isinstance(v, LinkStatus):
                stored[k] = v.value
            elif k == "permissions":
                stored[k] = format_permissions(v)
            else:
                stored[k] = v
        self._conn.execute(update(_L).where(_L.c.id == link_id).values(**stored))
        row = self._one(select(_L).where(_L.c.id == link_id))
        assert row is not None
        return link_of(row)

    # -- web sessions --------------------------------------------------------------------------

    def add_session(
        self, *, token_hash: str, user_id: int, csrf_token: str, now: datetime, expires_at: datetime
    ) -> WebSession:
        session_id = new_id(
            self._conn.execute(
                insert(_WS).values(
                    token_hash=token_hash,
                    user_id=user_id,
                    csrf_token=csrf_token,
                    created_at=to_db(now),
                    expires_at=to_db(expires_at),
                    last_seen_at=to_db(now),
                )
            )
        )
        row = self._one(select(_WS).where(_WS.c.id == session_id))
        assert row is not None
        return session_of(row)

    def session_by_hash(self, token_hash: str) -> WebSession | None:
        row = self._one(select(_WS).where(_WS.c.token_hash == token_hash))
        return None if row is None else session_of(row)

    def touch_session(self, session_id: int, *, now: datetime, expires_at: datetime) -> None:
        self._conn.execute(
            update(_WS)
            .where(_WS.c.id == session_id)
            .values(last_seen_at=to_db(now), expires_at=to_db(expires_at))
        )

    def delete_session(self, session_id: int) -> None:
        self._conn.execute(_WS.delete().where(_WS.c.id == session_id))

    def delete_expired_sessions(self, user_id: int, *, now: datetime) -> int:
        """Forget the user's sessions that expired before ``now``."""
        result = self._conn.execute(
            _WS.delete().where(_WS.c.user_id == user_id, _WS.c.expires_at <= to_db(now))
        )
        return int(result.rowcount or 0)

    def delete_sessions_of(self, user_id: int) -> int:
        result = self._conn.execute(_WS.delete().where(_WS.c.user_id == user_id))
        return int(result.rowcount or 0)

    def sessions_of(self, user_id: int) -> list[WebSession]:
        q = select(_WS).where(_WS.c.user_id == user_id).order_by(_WS.c.id)
        return [session_of(r) for r in self._conn.execute(q).mappings()]

    # -- personal access tokens ----------------------------------------------------------------

    def add_token(
        self,
        *,
        token_hash: str,
        prefix: str,
        user_id: int,
        name: str,
        scopes: frozenset[str],
        now: datetime,
        expires_at: datetime | None,
    ) -> AccessToken:
        token_id = new_id(
            self._conn.execute(
                insert(_AT).values(
                    uuid=new_uuid(),
                    token_hash=token_hash,
                    prefix=prefix,
                    user_id=user_id,
                    name=name,
                    scopes=",".join(sorted(scopes)),
                    created_at=to_db(now),
                    expires_at=opt_to_db(expires_at),
                )
            )
        )
        row = self._one(select(_AT).where(_AT.c.id == token_id))
        assert row is not None
        return token_of(row)

    def token_by_hash(self, token_hash: str) -> AccessToken | None:
        row = self._one(select(_AT).where(_AT.c.token_hash == token_hash))
        return None if row is None else token_of(row)

    def tokens_of(self, user_id: int) -> list[AccessToken]:
        q = select(_AT).where(_AT.c.user_id == user_id).order_by(_AT.c.id)
        return [token_of(r) for r in self._conn.execute(q).mappings()]

    def update_token(self, token_id: int, **values: datetime | None) -> None:
        stored = {k: opt_to_db(v) for k, v in values.items()}
        self._conn.execute(update(_AT).where(_AT.c.id == token_id).values(**stored))

    # -- audit events --------------------------------------------------------------------------

    def add_event(
        self, *, actor_id: int, subject_id: int, action: str, target: str, at: datetime
    ) -> AuditEvent:
        event_id = new_id(
            self._conn.execute(
                insert(_AE).values(
                    actor_id=actor_id,
                    subject_id=subject_id,
                    action=action[:64],
                    target=target[:200],
                    at=to_db(at),
                )
            )
        )
        return AuditEvent(event_id, actor_id, subject_id, action[:64], target[:200], at)

    def address_events(self, kind: str, address: str, *, since: datetime) -> list[datetime]:
        """The times of ``kind`` events from ``address`` after ``since``, oldest first."""
        rows = self._conn.execute(
            select(_AD.c.at)
            .where(_AD.c.kind == kind, _AD.c.address == address[:64], _AD.c.at > to_db(since))
            .order_by(_AD.c.at)
        )
        return [from_db(r[0]) for r in rows]

    def add_address_event(self, kind: str, address: str, *, at: datetime, keep: datetime) -> None:
        """Count one ``kind`` event from ``address``; events of ``kind`` before ``keep`` go."""
        self._conn.execute(delete(_AD).where(_AD.c.kind == kind, _AD.c.at <= to_db(keep)))
        self._conn.execute(insert(_AD).values(kind=kind, address=address[:64], at=to_db(at)))

    def events_about(self, subject_id: int, *, limit: int = 100) -> list[AuditEvent]:
        """Events on the subject's data, newest first."""
        q = (
            select(_AE)
            .where(_AE.c.subject_id == subject_id)
            .order_by(_AE.c.at.desc(), _AE.c.id.desc())
            .limit(limit)
        )
        return [event_of(r) for r in self._conn.execute(q).mappings()]

    # -- comments ------------------------------------------------------------------------------

    def target_exists(self, lifter_id: int, kind: str, uuid: str) -> bool:
        """Whether the lifter has a live set, workout, plan or form check (``kind``) with this
        uuid."""
        table = COMMENT_TARGETS[kind]
        q = (
            select(func.count())
            .select_from(table)
            .where(table.c.user_id == lifter_id, table.c.uuid == uuid)
        )
        if "deleted_at" in table.c:
            q = q.where(table.c.deleted_at.is_(None))
        return bool(self._conn.execute(q).scalar_one())

    def add_comment(
        self,
        *,
        author_id: int,
        lifter_id: int,
        target_kind: str,
        target_uuid: str,
        body: str,
        now: datetime,
    ) -> Comment:
        comment_id = new_id(
            self._conn.execute(
                insert(_CM).values(
                    uuid=new_uuid(),
                    author_id=author_id,
                    lifter_id=lifter_id,
                    target_kind=target_kind,
                    target_uuid=target_uuid,
                    body=body,
                    created_at=to_db(now),
                )
            )
        )
        row = self._one(select(_CM).where(_CM.c.id == comment_id))
        assert row is not None
        return comment_of(row)

    def comments_on(self, lifter_id: int, kind: str, uuid: str) -> list[Comment]:
        """Live comments on one target, oldest first."""
        q = (
            select(_CM)
            .where(
                _CM.c.lifter_id == lifter_id,
                _CM.c.target_kind == kind,
                _CM.c.target_uuid == uuid,
                _CM.c.deleted_at.is_(None),
            )
            .order_by(_CM.c.created_at, _CM.c.id)
        )
        return [comment_of(r) for r in self._conn.execute(q).mappings()]

    def comment_by_uuid(self, lifter_id: int, uuid: str) -> Comment | None:
        """A live comment on the lifter's data."""
        q = select(_CM).where(
            _CM.c.lifter_id == lifter_id, _CM.c.uuid == uuid, _CM.c.deleted_at.is_(None)
        )
        row = self._one(q)
        return None if row is None else comment_of(row)

    def delete_comment(self, comment_id: int, *, now: datetime) -> None:
        self._conn.execute(
            update(_CM).where(_CM.c.id == comment_id).values(deleted_at=to_db(now))
        )
