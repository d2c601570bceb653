"""Form checks in the store: the upload's row, the job's claims and its one stored result.

:class:`FormCheckRepository` is scoped to one owner like the other repositories: it reads and
changes only that user's checks. A worker learns a check's owner with :func:`owner_of` (the one
unscoped read, by the check's uuid) and then works through the owner's repository.

A job's result is stored at most once: :meth:`FormCheckRepository.claim` counts the attempt and
returns its number, and :meth:`~FormCheckRepository.finish` writes only while the row is still
``running`` under that same attempt (a conditional UPDATE), so a worker that was presumed dead
and retried elsewhere cannot store a second result, and a finished check is never overwritten.

Times go in and come out timezone-aware in UTC (SQLite keeps them as naive UTC text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, and_, delete, func, insert, or_, select, update

from spotter.store import tables as t

_F = t.form_check

#: The states of a check; ``queued`` and ``running`` count against a user's limit.
STATUSES = ("queued", "running", "done", "failed")
ACTIVE = ("queued", "running")


def _utc(when: datetime | None) -> datetime | None:
    if when is None:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _to_db(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime")
    return when.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class FormCheckRow:
    """One stored form check."""

    id: int
    uuid: str
    user_id: int
    exercise: str
    status: str
    reason: str | None
    attempts: int
    content_sha256: str
    clip_path: str
    media_type: str
    size_bytes: int
    filename: str
    load_text: str | None
    reps: int | None
    report: str | None
    annotated_path: str | None
    logged_set_uuid: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def _row(r: RowMapping) -> FormCheckRow:
    created = _utc(r["created_at"])
    assert created is not None
    return FormCheckRow(
        id=r["id"],
        uuid=r["uuid"],
        user_id=r["user_id"],
        exercise=r["exercise"],
        status=r["status"],
        reason=r["reason"],
        attempts=r["attempts"],
        content_sha256=r["content_sha256"],
        clip_path=r["clip_path"],
        media_type=r["media_type"],
        size_bytes=r["size_bytes"],
        filename=r["filename"],
        load_text=r["load_text"],
        reps=r["reps"],
        report=r["report"],
        annotated_path=r["annotated_path"],
        logged_set_uuid=r["logged_set_uuid"],
        created_at=created,
        started_at=_utc(r["started_at"]),
        finished_at=_utc(r["finished_at"]),
    )


def owner_of(conn: Connection, check_uuid: str) -> int | None:
    """The id of the user who uploaded the check (None: no such check)."""
    found = conn.execute(select(_F.c.user_id).where(_F.c.uuid == check_uuid)).scalar()
    return None if found is None else int(found)


def unfinished(conn: Connection) -> list[str]:
    """The uuids of every user's checks still ``queued`` or ``running``, oldest first (what a
    restarted in-process queue takes up again)."""
    q = select(_F.c.uuid).where(_F.c.status.in_(ACTIVE)).order_by(_F.c.created_at, _F.c.id)
    return [str(u) for u in conn.execute(q).scalars()]


def kept_files(conn: Connection, *, clips_finished_since: datetime | None) -> set[str]:
    """The files of clip storage the checks still need (paths relative to it): the clip of
    every check queued or running or finished since ``clips_finished_since`` (None: every
    check's clip), and every check's annotated video (also where a running job is about to
    record it)."""
    clips = select(_F.c.clip_path).distinct()
    if clips_finished_since is not None:
        since = _to_db(clips_finished_since)
        clips = clips.where(
            or_(_F.c.status.in_(ACTIVE), _F.c.finished_at.is_(None), _F.c.finished_at >= since)
        )
    kept = {str(p) for p in conn.execute(clips).scalars()}
    for uuid, annotated in conn.execute(select(_F.c.uuid, _F.c.annotated_path)):
        kept.add(f"annotated/{uuid}.mp4")
        if annotated:
            kept.add(str(annotated))
    return kept


def clip_in_use(conn: Connection, clip_path: str) -> bool:
    """Whether any check (anyone's) uses this stored clip."""
    q = select(_F.c.id).where(_F.c.clip_path == clip_path).limit(1)
    return conn.execute(q).first() is not None


class FormCheckRepository:
    """One user's form checks."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user = user_id

    def lock_owner(self) -> None:
        """Hold the owner's account row until the transaction ends (PostgreSQL; SQLite writes one
        at a time anyway), so that two uploads at once cannot both pass the limit."""
        self._conn.execute(
            select(t.app_user.c.id).where(t.app_user.c.id == self._user).with_for_update()
        )

    def add(
        self,
        *,
        uuid: str,
        exercise: str,
        content_sha256: str,
        clip_path: str,
        media_type: str,
        size_bytes: int,
        filename: str,
        load_text: str | None,
        reps: int | None,
        now: datetime,
    ) -> FormCheckRow:
        """A new check, ``queued``."""
        self._conn.execute(
            insert(_F).values(
                uuid=uuid,
                user_id=self._user,
                exercise=exercise,
                status="queued",
                attempts=0,
                content_sha256=content_sha256,
                clip_path=clip_path,
                media_type=media_type,
                size_bytes=size_bytes,
                filename=filename,
                load_text=load_text,
                reps=reps,
                created_at=_to_db(now),
            )
        )
        found = self.get(uuid)
        assert found is not None
        return found

    def get(self, check_uuid: str) -> FormCheckRow | None:
        q = select(_F).where(_F.c.uuid == check_uuid, _F.c.user_id == self._user)
        found = self._conn.execute(q).mappings().first()
        return None if found is None else _row(found)

    def recent(
        self, *, limit: int = 50, after: tuple[datetime, int] | None = None
    ) -> list[FormCheckRow]:
        """The newest checks first; with ``after`` (the created_at and id of the last check of
        the previous page), only those after it in that order (keyset pagination)."""
        q = select(_F).where(_F.c.user_id == self._user)
        if after is not None:
            at, last_id = _to_db(after[0]), after[1]
            q = q.where(
                or_(_F.c.created_at < at, and_(_F.c.created_at == at, _F.c.id < last_id))
            )
        q = q.order_by(_F.c.created_at.desc(), _F.c.id.desc()).limit(limit)
        return [_row(r) for r in self._conn.execute(q).mappings()]

    def active_count(self) -> int:
        """How many of the user's checks are ``queued`` or ``running``."""
        q = (
            select(func.count())
            .select_from(_F)
            .where(_F.c.user_id == self._user, _F.c.status.in_(ACTIVE))
        )
        return int(self._conn.execute(q).scalar_one())

    def claim(self, check_uuid: str, *, now: datetime) -> int | None:
        """Mark the check ``running`` for a new attempt; its number, or None when the check is
        finished (or gone) and there is nothing to do."""
        done = self._conn.execute(
            update(_F)
            .where(
                _F.c.uuid == check_uuid,
                _F.c.user_id == self._user,
                _F.c.status.in_(ACTIVE),
            )
            .values(status="running", attempts=_F.c.attempts + 1, started_at=_to_db(now))
        )
        if done.rowcount != 1:
            return None
        attempt = self._conn.execute(
            select(_F.c.attempts).where(_F.c.uuid == check_uuid)
        ).scalar_one()
        return int(attempt)

    def finish(
        self,
        check_uuid: str,
        attempt: int,
        *,
        status: str,
        now: datetime,
        report: str | None = None,
        annotated_path: str | None = None,
        reason: str | None = None,
    ) -> bool:
        """Store the attempt's outcome (``done`` with the report, or ``failed`` with the reason);
        False, storing nothing, when another attempt has claimed the check since or it is
        finished already."""
        if status not in ("done", "failed"):
            raise ValueError(f"a check finishes done or failed, not {status!r}")
        stored = self._conn.execute(
            update(_F)
            .where(
                _F.c.uuid == check_uuid,
                _F.c.user_id == self._user,
                _F.c.status == "running",
                _F.c.attempts == attempt,
            )
            .values(
                status=status,
                report=report,
                annotated_path=annotated_path,
                reason=reason,
                finished_at=_to_db(now),
            )
        )
        return stored.rowcount == 1

    def requeue(self, check_uuid: str) -> bool:
        """Put a ``running`` check whose worker is gone back to ``queued``."""
        done = self._conn.execute(
            update(_F)
            .where(_F.c.uuid == check_uuid, _F.c.user_id == self._user, _F.c.status == "running")
            .values(status="queued")
        )
        return done.rowcount == 1

    def mark_logged(self, check_uuid: str, set_uuid: str) -> bool:
        """Record the set logged from the check, unless one was recorded already (False then)."""
        done = self._conn.execute(
            update(_F)
            .where(
                _F.c.uuid == check_uuid,
                _F.c.user_id == self._user,
                _F.c.logged_set_uuid.is_(None),
            )
            .values(logged_set_uuid=set_uuid)
        )
        return done.rowcount == 1

    def delete(self, check_uuid: str, *, now: datetime) -> FormCheckRow | None:
        """Delete the check and hide the comments on it; the row as it was (None: no such
        check). A set logged from it stays in the log."""
        found = self.get(check_uuid)
        if found is None:
            return None
        self._conn.execute(
            update(t.comment)
            .where(
                t.comment.c.lifter_id == self._user,
                t.comment.c.target_kind == "form_check",
                t.comment.c.target_uuid == check_uuid,
                t.comment.c.deleted_at.is_(None),
            )
            .values(deleted_at=_to_db(now))
        )
        self._conn.execute(delete(_F).where(_F.c.uuid == check_uuid, _F.c.user_id == self._user))
        return found
