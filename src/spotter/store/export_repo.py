"""The export repository: a user's rows for `spotter export`, and restoring them.

Scoped to one owner like every training repository (see :mod:`spotter.store.repositories`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from spotter.access.model import LOCAL_USER_ID
from spotter.errors import SpotterError
from spotter.store import tables as t
from spotter.store.log_repo import new_id, new_uuid, now_utc, scoped_key, unscoped_key
from spotter.store.times import WALL_COLUMNS, UserZone

_RESTORED = (t.log_batch, t.workout, t.set_entry, t.bodyweight, t.plan, t.custom_exercise)


class ExportRepository:
    """Everything in the store, for `spotter export`, and restoring it from a Spotter export.

    Exports hold the user's live rows only (tombstones are a sync matter, not a backup's), with
    import keys as the importer made them. Times are aware: the log's own times (see
    :data:`~spotter.store.times.WALL_COLUMNS`) carry the user's offset, the rest are UTC. A restore
    reads a naive time of the log as the user's wall time (exports before 0008 kept those) and
    any other naive time as UTC.
    """

    def __init__(
        self, conn: Connection, user_id: int = LOCAL_USER_ID, zone: UserZone | None = None
    ) -> None:
        self._conn = conn
        self._user = user_id
        self.zone = zone or UserZone(conn, user_id)

    def _rows(self, table: Table, *order: Any) -> list[dict[str, Any]]:
        q = (
            select(table)
            .where(table.c.deleted_at.is_(None), table.c.user_id == self._user)
            .order_by(*order)
        )
        rows = [dict(r) for r in self._conn.execute(q).mappings()]
        wall = WALL_COLUMNS.get(table.name)
        if wall is not None:
            for r in rows:
                r[wall] = r[wall].astimezone(self.zone.tz)
        if "source_key" in table.c:
            for r in rows:
                r["source_key"] = unscoped_key(self._user, r["source_key"])
        return rows

    def batches(self) -> list[dict[str, Any]]:
        return self._rows(t.log_batch, t.log_batch.c.id)

    def workouts(self) -> list[dict[str, Any]]:
        return self._rows(t.workout, t.workout.c.started_at, t.workout.c.id)

    def sets(self) -> list[dict[str, Any]]:
        return self._rows(
            t.set_entry, t.set_entry.c.performed_at, t.set_entry.c.workout_id,
            t.set_entry.c.position, t.set_entry.c.id,
        )

    def bodyweights(self) -> list[dict[str, Any]]:
        return self._rows(t.bodyweight, t.bodyweight.c.measured_at, t.bodyweight.c.id)

    def plans(self) -> list[dict[str, Any]]:
        return self._rows(t.plan, t.plan.c.id)

    def custom_exercises(self) -> list[dict[str, Any]]:
        return self._rows(t.custom_exercise, t.custom_exercise.c.id)

    def is_empty(self) -> bool:
        """Whether the user has no rows at all (tombstones and profile included)."""
        counts = [
            self._conn.execute(
                select(func.count()).select_from(table).where(table.c.user_id == self._user)
            ).scalar_one()
            for table in (*_RESTORED, t.profile)
        ]
        return not any(counts)

    def restore(self, tables: Mapping[str, Sequence[dict[str, Any]]]) -> None:
        """Insert exported rows as the user's, into a store where the user has nothing yet.

        ``tables`` maps a table name (log_batch, workout, set_entry, bodyweight, plan,
        custom_exercise) to its rows; rows from an older export get a uuid and ``updated_at``.
        Ids are kept when no other row has them (a fresh database restores exactly); when another
        user's rows hold some of them, every row gets a new id and the sets follow their workout
        and batch.
        """
        now = now_utc()
        prepared: list[tuple[Table, list[dict[str, Any]]]] = []
        for table in _RESTORED:
            rows = [dict(r) for r in tables.get(table.name, ())]
            unknown = {k for r in rows for k in r} - set(table.c.keys())
            if unknown:
                raise RestoreError(f"{table.name}: unknown fields {', '.join(sorted(unknown))}")
            for r in rows:
                r["uuid"] = r.get("uuid") or new_uuid()
                r["updated_at"] = r.get("updated_at") or now
                r["user_id"] = self._user
                r.pop("deleted_at", None)
                wall = WALL_COLUMNS.get(table.name)
                if wall is not None and isinstance(r.get(wall), datetime):
                    r[wall] = self.zone.to_db(r[wall])
                if "source_key" in r:
                    r["source_key"] = scoped_key(self._user, r["source_key"])
            prepared.append((table, rows))
        keep_ids = not any(self._ids_taken(table, rows) for table, rows in prepared)
        new_ids: dict[str, dict[Any, int]] = {"log_batch": {}, "workout": {}}
        for table, rows in prepared:
            if not rows:
                continue
            try:
                with self._conn.begin_nested():
                    if keep_ids:
                        self._conn.execute(insert(table), rows)
                    else:
                        self._insert_renumbered(table, rows, new_ids)
            except SQLAlchemyError as exc:
                first = str(exc.orig if isinstance(exc, DBAPIError) else exc).splitlines()[0]
                raise RestoreError(f"{table.name}: the rows cannot be stored ({first})") from exc
        if keep_ids and self._conn.dialect.name == "postgresql":
            for table, rows in prepared:
                if rows:  # explicit ids do not move PostgreSQL's sequence; move it past them
                    self._conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )

    def _ids_taken(self, table: Table, rows: Sequence[dict[str, Any]]) -> bool:
        ids = [r["id"] for r in rows if r.get("id") is not None]
        for i in range(0, len(ids), 500):
            q = select(func.count()).select_from(table).where(table.c.id.in_(ids[i : i + 500]))
            if self._conn.execute(q).scalar_one():
                return True
        return False

    def _insert_renumbered(
        self, table: Table, rows: list[dict[str, Any]], new_ids: dict[str, dict[Any, int]]
    ) -> None:
        for r in rows:
            old = r.pop("id", None)
            if table is t.set_entry:
                workout = new_ids["workout"].get(r.get("workout_id"))
                if workout is None:
                    raise RestoreError(
                        f"set_entry: a set refers to workout {r.get('workout_id')}, "
                        "which the export does not hold"
                    )
                r["workout_id"] = workout
                if r.get("batch_id") is not None:
                    r["batch_id"] = new_ids["log_batch"].get(r["batch_id"])
            if table.name in new_ids:
                new_ids[table.name][old] = new_id(self._conn.execute(insert(table).values(**r)))
        if table.name not in new_ids:
            self._conn.execute(insert(table), rows)


class RestoreError(SpotterError):
    """An export whose rows do not fit the store; nothing was restored."""
