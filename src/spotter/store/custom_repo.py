"""Custom exercises in the database, per owner (``user_id``; the local lifter by default).

A live exercise's slug is unique per owner, not across users: two lifters may each define
``ring-row``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Connection, RowMapping, select, update

from spotter.access.model import LOCAL_USER_ID
from spotter.knowledge.custom import CustomExercise
from spotter.store import tables as t
from spotter.store.log_repo import new_uuid, now_utc
from spotter.store.times import UserZone

_C = t.custom_exercise


def _csv(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.split(",") if v)


def _custom(r: RowMapping) -> CustomExercise:
    return CustomExercise(
        slug=r["slug"],
        name=r["name"],
        primary=_csv(r["primary_muscles"]),
        secondary=_csv(r["secondary_muscles"]),
        equipment=_csv(r["equipment"]),
        load_type=r["load_type"],
        measure=r["measure"],
        mechanic=r["mechanic"],
        aliases=tuple(a for a in r["aliases"].split("|") if a),
        uuid=r["uuid"],
    )


class CustomExerciseRepository:
    """The owner's live custom exercises."""

    def __init__(
        self, conn: Connection, user_id: int = LOCAL_USER_ID, zone: UserZone | None = None
    ) -> None:
        self._conn = conn
        self._user = user_id
        self.zone = zone or UserZone(conn, user_id)

    def _owner(self) -> ColumnElement[bool]:
        return _C.c.user_id == self._user

    def all(self) -> list[CustomExercise]:
        q = select(_C).where(self._owner(), _C.c.deleted_at.is_(None)).order_by(_C.c.id)
        return [_custom(r) for r in self._conn.execute(q).mappings()]

    def get(self, slug: str) -> CustomExercise | None:
        q = select(_C).where(self._owner(), _C.c.slug == slug, _C.c.deleted_at.is_(None))
        row = self._conn.execute(q).mappings().first()
        return None if row is None else _custom(row)

    def by_uuid(self, uuid: str) -> CustomExercise | None:
        q = select(_C).where(self._owner(), _C.c.uuid == uuid)
        row = self._conn.execute(q).mappings().first()
        return None if row is None else _custom(row)

    def add(self, c: CustomExercise, *, now: datetime) -> CustomExercise:
        """Store ``c`` (its uuid kept when given); ``now`` is the creation time (the user's wall
        time, or aware)."""
        uuid = c.uuid or new_uuid()
        self._conn.execute(
            _C.insert().values(
                slug=c.slug,
                name=c.name,
                aliases="|".join(c.aliases),
                primary_muscles=",".join(c.primary),
                secondary_muscles=",".join(c.secondary),
                equipment=",".join(c.equipment),
                load_type=c.load_type,
                measure=c.measure,
                mechanic=c.mechanic,
                created_at=self.zone.to_db(now),
                uuid=uuid,
                updated_at=now_utc(),
                user_id=self._user,
            )
        )
        return CustomExercise(
            c.slug, c.name, c.primary, c.secondary, c.equipment, c.load_type, c.measure,
            c.mechanic, c.aliases, uuid,
        )

    def delete(self, slug: str) -> bool:
        """Tombstone the owner's exercise ``slug``; False when there is none."""
        now = now_utc()
        result = self._conn.execute(
            update(_C)
            .where(self._owner(), _C.c.slug == slug, _C.c.deleted_at.is_(None))
            .values(deleted_at=now, updated_at=now)
        )
        return bool(result.rowcount)
