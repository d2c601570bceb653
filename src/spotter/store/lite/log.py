"""The training log over ``sqlite3``: the contract of :class:`spotter.store.log_repo.LogRepository`.

Same rows, same rules: tombstones instead of deletes (an undone batch, a deleted set, an emptied
workout keep ``deleted_at``, and a tombstoned set gives up its import key), uuids that make a
retried write a no-op, superset numbers local to a command renumbered per workout, and every read
scoped to the owner. Times: the log's own columns hold UTC instants of the lifter's wall times
(see :mod:`spotter.store.lite.zones`); ``updated_at`` and ``deleted_at`` are the UTC clock.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Sequence

from spotter.access.model import LOCAL_USER_ID
from spotter.log import LogBatch, SetRecord
from spotter.science.units import parse_unit
from spotter.store.lite.zones import Zone, new_uuid, now_utc, opt_from_text, to_text

#: The start of a uuid as a person types it (no LIKE wildcards), as in the SQLAlchemy store.
_UUID_PREFIX = re.compile(r"[0-9a-f-]{4,36}")
#: The columns of ``set_entry`` a caller may change with :meth:`LiteLogRepository.update_set`.
_EDITABLE = frozenset(
    (
        "performed_at", "exercise", "set_type", "load_kg", "bodyweight", "reps", "seconds",
        "meters", "rpe", "rir", "tempo", "notes", "superset", "unit", "workout_id", "position",
    )
)
_SET_COLUMNS = (
    "id, performed_at, exercise, load_kg, reps, seconds, meters, rpe, rir, set_type, bodyweight, "
    "tempo, notes, superset, unit, uuid, batch_id"
)


def _record(r: sqlite3.Row, zone: Zone) -> SetRecord:
    return SetRecord(
        performed_at=zone.from_db(r["performed_at"]),
        exercise=r["exercise"],
        load_kg=r["load_kg"],
        reps=r["reps"],
        seconds=r["seconds"],
        meters=r["meters"],
        rpe=r["rpe"],
        rir=r["rir"],
        set_type=r["set_type"],
        bodyweight=bool(r["bodyweight"]),
        tempo=r["tempo"],
        notes=r["notes"],
        superset=r["superset"],
        id=r["id"],
        unit=None if r["unit"] is None else parse_unit(r["unit"]),
        uuid=r["uuid"],
        batch_id=r["batch_id"],
    )


def _db_value(value: object) -> object:
    """A Python value as sqlite3 stores it in these columns (booleans as 0/1)."""
    return int(value) if isinstance(value, bool) else value


class LiteLogRepository:
    """One user's workouts, sets and log batches (live rows only, unless a method says
    otherwise)."""

    def __init__(
        self, conn: sqlite3.Connection, user_id: int = LOCAL_USER_ID, zone: Zone | None = None
    ) -> None:
        self._conn = conn
        self._user = user_id
        self.zone = zone or Zone(conn, user_id)

    @property
    def user_id(self) -> int:
        return self._user

    def _insert(self, table: str, values: dict[str, object]) -> int:
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = self._conn.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",
            tuple(_db_value(v) for v in values.values()),
        )
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    # -- writing -------------------------------------------------------------------------------

    def workout_for_day(self, day: dt.datetime, *, source: str = "manual") -> int:
        """The id of the live manual workout on ``day``'s date (the user's), created if none."""
        local = self.zone.from_db(self.zone.to_db(day))
        start, end = self.zone.day_bounds(local.date())
        row = self._conn.execute(
            "SELECT id FROM workout WHERE started_at >= ? AND started_at < ? AND source = ? "
            "AND deleted_at IS NULL AND user_id = ?",
            (start, end, source, self._user),
        ).fetchone()
        if row is not None:
            return int(row[0])
        return self._insert(
            "workout",
            {
                "started_at": self.zone.to_db(day),
                "source": source,
                "uuid": new_uuid(),
                "updated_at": to_text(now_utc()),
                "user_id": self._user,
            },
        )

    def new_batch(
        self, command: str, *, now: dt.datetime, kind: str = "log", uuid: str | None = None
    ) -> int:
        """Open a batch; ``now`` is its creation time (the user's wall time, or aware)."""
        return self._insert(
            "log_batch",
            {
                "created_at": self.zone.to_db(now),
                "command": command,
                "kind": kind,
                "uuid": uuid or new_uuid(),
                "updated_at": to_text(now_utc()),
                "user_id": self._user,
            },
        )

    def batch_by_uuid(self, uuid: str) -> int | None:
        row = self._conn.execute(
            "SELECT id FROM log_batch WHERE uuid = ? AND user_id = ?", (uuid, self._user)
        ).fetchone()
        return None if row is None else int(row[0])

    def existing_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Which of these set uuids are stored (tombstones included: a retry stays a no-op)."""
        found: set[str] = set()
        for i in range(0, len(uuids), 500):
            chunk = list(uuids[i : i + 500])
            marks = ", ".join("?" for _ in chunk)
            rows = self._conn.execute(
                f"SELECT uuid FROM set_entry WHERE uuid IN ({marks}) AND user_id = ?",
                (*chunk, self._user),
            )
            found.update(r[0] for r in rows)
        return found

    def add_batch(
        self,
        command: str,
        sets: Sequence[SetRecord],
        *,
        now: dt.datetime,
        kind: str = "log",
        uuid: str | None = None,
    ) -> int:
        """Record the sets of one command; returns the batch id (idempotent on uuids)."""
        if uuid is not None:
            existing = self.batch_by_uuid(uuid)
            if existing is not None:
                return existing
        batch_id = self.new_batch(command, now=now, kind=kind, uuid=uuid)
        stamp = to_text(now_utc())
        known = self.existing_uuids([s.uuid for s in sets if s.uuid])
        superset_numbers: dict[tuple[int, int], int] = {}
        for s in sets:
            if s.uuid and s.uuid in known:
                continue
            workout_id = self.workout_for_day(s.performed_at)
            position, top = self._conn.execute(
                "SELECT count(*), max(superset) FROM set_entry WHERE workout_id = ?",
                (workout_id,),
            ).fetchone()
            superset = s.superset
            if superset is not None:
                key = (workout_id, superset)
                if key not in superset_numbers:
                    superset_numbers[key] = int(top or 0) + 1
                superset = superset_numbers[key]
            self._insert(
                "set_entry",
                {
                    "workout_id": workout_id,
                    "batch_id": batch_id,
                    "position": position,
                    "uuid": s.uuid or new_uuid(),
                    "updated_at": stamp,
                    "user_id": self._user,
                    "performed_at": self.zone.to_db(s.performed_at),
                    "exercise": s.exercise,
                    "set_type": s.set_type,
                    "load_kg": s.load_kg,
                    "bodyweight": s.bodyweight,
                    "reps": s.reps,
                    "seconds": s.seconds,
                    "meters": s.meters,
                    "rpe": s.rpe,
                    "rir": s.rir,
                    "tempo": s.tempo,
                    "notes": s.notes,
                    "superset": superset,
                    "unit": s.unit,
                },
            )
            if s.uuid:
                known.add(s.uuid)
        return batch_id

    def update_set(
        self, set_id: int, values: dict[str, object], *, now: dt.datetime | None = None
    ) -> None:
        """Change fields of a live set (a move to another day moves it to that day's workout)."""
        when_changed = to_text(now or now_utc())
        values = dict(values)
        unknown = set(values) - _EDITABLE
        if unknown:
            raise ValueError(f"set_entry has no editable column {sorted(unknown)[0]!r}")
        if "performed_at" in values:
            when = values["performed_at"]
            assert isinstance(when, dt.datetime)
            values["performed_at"] = self.zone.to_db(when)
            old = self._conn.execute(
                "SELECT workout_id FROM set_entry WHERE id = ? AND user_id = ?",
                (set_id, self._user),
            ).fetchone()
            if old is None:
                return
            new_workout = self.workout_for_day(when)
            if new_workout != old[0]:
                values["workout_id"] = new_workout
                values["position"] = self._conn.execute(
                    "SELECT count(*) FROM set_entry WHERE workout_id = ?", (new_workout,)
                ).fetchone()[0]
                values["superset"] = None
        assignments = ", ".join(f"{k} = ?" for k in ("updated_at", *values))
        self._conn.execute(
            f"UPDATE set_entry SET {assignments} WHERE id = ? AND user_id = ?",
            (when_changed, *(_db_value(v) for v in values.values()), set_id, self._user),
        )
        self._bury_empty_workouts(when_changed)

    def delete_set(self, set_id: int, *, now: dt.datetime | None = None) -> None:
        """Tombstone one set (and its workout when that leaves it empty)."""
        when = to_text(now or now_utc())
        self._conn.execute(
            "UPDATE set_entry SET deleted_at = ?, updated_at = ?, source_key = NULL "
            "WHERE id = ? AND deleted_at IS NULL AND user_id = ?",
            (when, when, set_id, self._user),
        )
        self._bury_empty_workouts(when)

    def delete_batch(self, batch_id: int, *, now: dt.datetime | None = None) -> int:
        """Undo a batch: tombstone it, its live sets, and workouts it leaves empty; returns how
        many sets were removed."""
        when = to_text(now or now_utc())
        cur = self._conn.execute(
            "UPDATE set_entry SET deleted_at = ?, updated_at = ?, source_key = NULL "
            "WHERE batch_id = ? AND deleted_at IS NULL AND user_id = ?",
            (when, when, batch_id, self._user),
        )
        self._conn.execute(
            "UPDATE log_batch SET deleted_at = ?, updated_at = ? WHERE id = ? AND user_id = ?",
            (when, when, batch_id, self._user),
        )
        self._bury_empty_workouts(when)
        return max(cur.rowcount, 0)

    def _bury_empty_workouts(self, when: str) -> None:
        self._conn.execute(
            "UPDATE workout SET deleted_at = ?, updated_at = ?, source_key = NULL "
            "WHERE deleted_at IS NULL AND user_id = ? AND NOT EXISTS (SELECT set_entry.id FROM "
            "set_entry WHERE set_entry.workout_id = workout.id AND set_entry.deleted_at IS NULL)",
            (when, when, self._user),
        )

    # -- reading -------------------------------------------------------------------------------

    def get_set(self, set_id: int) -> SetRecord | None:
        row = self._conn.execute(
            f"SELECT {_SET_COLUMNS} FROM set_entry WHERE id = ? AND deleted_at IS NULL "
            "AND user_id = ?",
            (set_id, self._user),
        ).fetchone()
        return None if row is None else _record(row, self.zone)

    def find_sets(self, ref: str) -> list[SetRecord]:
        """Live sets whose uuid starts with ``ref`` (at least 4 characters)."""
        if not _UUID_PREFIX.fullmatch(ref):
            return []
        rows = self._conn.execute(
            f"SELECT {_SET_COLUMNS} FROM set_entry WHERE uuid LIKE ? AND deleted_at IS NULL "
            "AND user_id = ? LIMIT 5",
            (f"{ref}%", self._user),
        )
        return [_record(r, self.zone) for r in rows]

    def _batch(self, row: sqlite3.Row, *, with_sets: bool) -> LogBatch:
        live = " AND deleted_at IS NULL" if row["deleted_at"] is None else ""
        sets: tuple[SetRecord, ...] = ()
        if with_sets:
            rows = self._conn.execute(
                f"SELECT {_SET_COLUMNS} FROM set_entry WHERE batch_id = ?{live} ORDER BY id",
                (row["id"],),
            )
            sets = tuple(_record(r, self.zone) for r in rows)
        count = self._conn.execute(
            f"SELECT count(*) FROM set_entry WHERE batch_id = ?{live}", (row["id"],)
        ).fetchone()[0]
        return LogBatch(
            row["id"],
            self.zone.from_db(row["created_at"]),
            row["command"],
            sets,
            kind=row["kind"],
            uuid=row["uuid"],
            undone_at=opt_from_text(row["deleted_at"]),
            set_count=int(count),
        )

    _BATCH = "SELECT id, created_at, command, kind, uuid, deleted_at FROM log_batch"

    def last_batch(self, *, kind: str | None = None) -> LogBatch | None:
        """The newest batch not yet undone (of ``kind`` when given)."""
        where = "deleted_at IS NULL AND user_id = ?"
        args: list[object] = [self._user]
        if kind is not None:
            where += " AND kind = ?"
            args.append(kind)
        row = self._conn.execute(
            f"{self._BATCH} WHERE {where} ORDER BY id DESC LIMIT 1", args
        ).fetchone()
        return None if row is None else self._batch(row, with_sets=True)

    def get_batch(self, ref: str) -> LogBatch | None:
        """A batch by id or by a uuid prefix of at least 4 characters (undone ones included)."""
        if ref.isdigit():
            if int(ref) > 2**31 - 1:  # ids are 32-bit integers (PostgreSQL's INTEGER)
                return None
            where, arg = "id = ?", ref
        elif _UUID_PREFIX.fullmatch(ref.lower()):
            where, arg = "uuid LIKE ?", f"{ref.lower()}%"
        else:
            return None
        rows = self._conn.execute(
            f"{self._BATCH} WHERE user_id = ? AND {where} LIMIT 2",
            (self._user, int(arg) if ref.isdigit() else arg),
        ).fetchall()
        return self._batch(rows[0], with_sets=True) if len(rows) == 1 else None

    def batches(self, *, limit: int = 20, include_undone: bool = False) -> list[LogBatch]:
        """The newest batches first, with their set counts (sets themselves left out)."""
        live = "" if include_undone else " AND deleted_at IS NULL"
        rows = self._conn.execute(
            f"{self._BATCH} WHERE user_id = ?{live} ORDER BY id DESC LIMIT ?",
            (self._user, limit),
        ).fetchall()
        return [self._batch(r, with_sets=False) for r in rows]

    def sets(
        self,
        *,
        exercise: str | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[SetRecord]:
        """Live sets, filtered by exercise slug and a half-open range [start, end) of the
        user's wall times (or aware times)."""
        where = ["deleted_at IS NULL", "user_id = ?"]
        args: list[object] = [self._user]
        if exercise is not None:
            where.append("exercise = ?")
            args.append(exercise)
        if start is not None:
            where.append("performed_at >= ?")
            args.append(self.zone.to_db(start))
        if end is not None:
            where.append("performed_at < ?")
            args.append(self.zone.to_db(end))
        way = " DESC" if newest_first else ""
        sql = (
            f"SELECT {_SET_COLUMNS} FROM set_entry WHERE {' AND '.join(where)} "
            f"ORDER BY performed_at{way}, position{way}, id{way}"
        )
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [_record(r, self.zone) for r in self._conn.execute(sql, args)]

    def count_sets(self) -> int:
        row = self._conn.execute(
            "SELECT count(*) FROM set_entry WHERE deleted_at IS NULL AND user_id = ?",
            (self._user,),
        ).fetchone()
        return int(row[0])

    def exercises(self) -> list[str]:
        """Every exercise slug with a live set."""
        rows = self._conn.execute(
            "SELECT DISTINCT exercise FROM set_entry WHERE deleted_at IS NULL AND user_id = ?",
            (self._user,),
        )
        return sorted(r[0] for r in rows)
