"""The training log's repository: workouts, sets and the batches that recorded them.

Nothing is erased: deleting a set, undoing a batch or emptying a workout leaves a tombstone
(``deleted_at``, with ``updated_at`` moved on) that a sync can see; every read here skips them.
A tombstoned set also gives up its import key, so importing the same file again after an undo
stores it again.

Every repository here is scoped to one owner (``user_id``): it reads only that user's rows and
stamps the owner on every row it writes, so a batch id or set uuid of another user is simply not
found. Import keys (``source_key``) are unique in the whole table; a user other than the local
one stores them behind a ``u<id>|`` prefix (see :func:`scoped_key`), so two users importing the
same file do not clash.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, RowMapping, func, insert, select, update

from spotter.access.model import LOCAL_USER_ID
from spotter.log import LogBatch, SetRecord
from spotter.science.units import parse_unit
from spotter.store import tables as t
from spotter.store.times import UserZone

#: The start of a uuid as a person types it: 4 to 36 hex digits and hyphens (no LIKE wildcards).
_UUID_PREFIX = re.compile(r"[0-9a-f-]{4,36}")
_S = t.set_entry
_W = t.workout
_B = t.log_batch


def now_utc() -> datetime:
    """The clock for ``updated_at`` and ``deleted_at``: UTC (aware), whatever the local zone, so
    that a sync can compare changes from several devices."""
    return datetime.now(UTC).replace(microsecond=0)


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def scoped_key(user_id: int, key: str | None) -> str | None:
    """The stored form of an import key: as given for the local user, else behind ``u<id>|``.

    >>> scoped_key(1, "hevy|2024-01-02|0"), scoped_key(7, "hevy|2024-01-02|0")
    ('hevy|2024-01-02|0', 'u7|hevy|2024-01-02|0')
    """
    if key is None or user_id == LOCAL_USER_ID:
        return key
    return f"u{user_id}|{key}"


def unscoped_key(user_id: int, key: str | None) -> str | None:
    """The import key as the importer made it, from its stored form.

    >>> unscoped_key(7, "u7|hevy|2024-01-02|0")
    'hevy|2024-01-02|0'
    """
    prefix = f"u{user_id}|"
    if key is None or user_id == LOCAL_USER_ID or not key.startswith(prefix):
        return key
    return key[len(prefix) :]


def set_values(s: SetRecord, zone: UserZone | None = None) -> dict[str, object]:
    """The columns of a set that the record itself decides: its time as a UTC instant, read in
    the owner's ``zone`` (without one, a naive time is taken as UTC)."""
    return {
        "performed_at": s.performed_at if zone is None else zone.to_db(s.performed_at),
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
        "superset": s.superset,
        "unit": s.unit,
    }


def record(r: RowMapping, zone: UserZone | None = None) -> SetRecord:
    """A stored set as a record, its time on the owner's wall clock (without ``zone``: the aware
    UTC instant as stored)."""
    return SetRecord(
        performed_at=r["performed_at"] if zone is None else zone.from_db(r["performed_at"]),
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


class LogRepository:
    """One user's workouts, sets and log batches (live rows only, unless a method says
    otherwise)."""

    def __init__(
        self, conn: Connection, user_id: int = LOCAL_USER_ID, zone: UserZone | None = None
    ) -> None:
        self._conn = conn
        self._user = user_id
        self.zone = zone or UserZone(conn, user_id)

    @property
    def user_id(self) -> int:
        return self._user

    # -- writing -------------------------------------------------------------------------------

    def workout_for_day(self, day: datetime, *, source: str = "manual") -> int:
        """The id of the live manual workout on ``day``'s date, created if there is none.

        ``day`` is a wall time of the user (or an aware time); the date is the user's."""
        local = self.zone.from_db(self.zone.to_db(day))
        start, end = self.zone.day_bounds(local.date())
        row = self._conn.execute(
            select(_W.c.id).where(
                _W.c.started_at >= start,
                _W.c.started_at < end,
                _W.c.source == source,
                _W.c.deleted_at.is_(None),
                _W.c.user_id == self._user,
            )
        ).first()
        if row is not None:
            return int(row[0])
        result = self._conn.execute(
            insert(_W).values(
                started_at=self.zone.to_db(day),
                source=source,
                uuid=new_uuid(),
                updated_at=now_utc(),
                user_id=self._user,
            )
        )
        return new_id(result)

    def new_batch(
        self, command: str, *, now: datetime, kind: str = "log", uuid: str | None = None
    ) -> int:
        """Open a batch (a log entry, an import); ``now`` is its creation time (the user's wall
        time, or aware)."""
        return new_id(
            self._conn.execute(
                insert(_B).values(
                    created_at=self.zone.to_db(now),
                    command=command,
                    kind=kind,
                    uuid=uuid or new_uuid(),
                    updated_at=now_utc(),
                    user_id=self._user,
                )
            )
        )

    def batch_by_uuid(self, uuid: str) -> int | None:
        row = self._conn.execute(
            select(_B.c.id).where(_B.c.uuid == uuid, _B.c.user_id == self._user)
        ).first()
        return None if row is None else int(row[0])

    def existing_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Which of these set uuids are stored (tombstones included: a retry stays a no-op)."""
        found: set[str] = set()
        for i in range(0, len(uuids), 500):
            chunk = list(uuids[i : i + 500])
            q = select(_S.c.uuid).where(_S.c.uuid.in_(chunk), _S.c.user_id == self._user)
            found.update(r[0] for r in self._conn.execute(q))
        return found

    def add_batch(
        self,
        command: str,
        sets: Sequence[SetRecord],
        *,
        now: datetime,
        kind: str = "log",
        uuid: str | None = None,
    ) -> int:
        """Record the sets of one command; returns the batch id.

        Idempotent on uuids: a batch uuid already stored returns that batch and adds nothing, and
        a set whose uuid is stored is skipped. A set's ``superset`` is a number local to this
        command (1, 2...); it becomes the next free superset number of the set's workout.
        """
        if uuid is not None:
            existing = self.batch_by_uuid(uuid)
            if existing is not None:
                return existing
        batch_id = self.new_batch(command, now=now, kind=kind, uuid=uuid)
        stamp = now_utc()
        known = self.existing_uuids([s.uuid for s in sets if s.uuid])
        superset_numbers: dict[tuple[int, int], int] = {}
        for s in sets:
            if s.uuid and s.uuid in known:
                continue
            workout_id = self.workout_for_day(s.performed_at)
            position, top = self._conn.execute(
                select(func.count(), func.max(_S.c.superset)).where(_S.c.workout_id == workout_id)
            ).one()
            values = set_values(s, self.zone)
            if s.superset is not None:
                key = (workout_id, s.superset)
                if key not in superset_numbers:
                    superset_numbers[key] = int(top or 0) + 1
                values["superset"] = superset_numbers[key]
            self._conn.execute(
                insert(_S).values(
                    workout_id=workout_id,
                    batch_id=batch_id,
                    position=position,
                    uuid=s.uuid or new_uuid(),
                    updated_at=stamp,
                    user_id=self._user,
                    **values,
                )
            )
            if s.uuid:
                known.add(s.uuid)
        return batch_id

    def update_set(
        self, set_id: int, values: dict[str, object], *, now: datetime | None = None
    ) -> None:
        """Change fields of a live set (a move to another day moves it to that day's workout).

        ``now`` is the UTC time of the change (default: the clock), as for every method here.
        """
        now = now or now_utc()
        values = dict(values)
        if "performed_at" in values:
            when = values["performed_at"]
            assert isinstance(when, datetime)
            values["performed_at"] = self.zone.to_db(when)
            old = self._conn.execute(
                select(_S.c.workout_id).where(_S.c.id == set_id, _S.c.user_id == self._user)
            ).scalar_one_or_none()
            if old is None:
                return
            new_workout = self.workout_for_day(when)
            if new_workout != old:
                values["workout_id"] = new_workout
                values["position"] = self._conn.execute(
                    select(func.count()).select_from(_S).where(_S.c.workout_id == new_workout)
                ).scalar_one()
                values["superset"] = None
        self._conn.execute(
            update(_S)
            .where(_S.c.id == set_id, _S.c.user_id == self._user)
            .values(updated_at=now, **values)
        )
        self._bury_empty_workouts(now)

    def delete_set(self, set_id: int, *, now: datetime | None = None) -> None:
        """Tombstone one set (and its workout when that leaves it empty)."""
        now = now or now_utc()
        self._conn.execute(
            update(_S)
            .where(_S.c.id == set_id, _S.c.deleted_at.is_(None), _S.c.user_id == self._user)
            .values(deleted_at=now, updated_at=now, source_key=None)
        )
        self._bury_empty_workouts(now)

    def delete_batch(self, batch_id: int, *, now: datetime | None = None) -> int:
        """Undo a batch: tombstone it, its live sets, and workouts it leaves empty.

        Returns how many sets were removed.
        """
        when = now or now_utc()
        result = self._conn.execute(
            update(_S)
            .where(
                _S.c.batch_id == batch_id, _S.c.deleted_at.is_(None), _S.c.user_id == self._user
            )
            .values(deleted_at=when, updated_at=when, source_key=None)
        )
        self._conn.execute(
            update(_B)
            .where(_B.c.id == batch_id, _B.c.user_id == self._user)
            .values(deleted_at=when, updated_at=when)
        )
        self._bury_empty_workouts(when)
        return int(result.rowcount or 0)

    def _bury_empty_workouts(self, now: datetime) -> None:
        live = select(_S.c.id).where(_S.c.workout_id == _W.c.id, _S.c.deleted_at.is_(None))
        self._conn.execute(
            update(_W)
            .where(_W.c.deleted_at.is_(None), _W.c.user_id == self._user, ~live.exists())
            .values(deleted_at=now, updated_at=now, source_key=None)
        )

    # -- reading -------------------------------------------------------------------------------

    def get_set(self, set_id: int) -> SetRecord | None:
        row = (
            self._conn.execute(
                select(_S).where(
                    _S.c.id == set_id, _S.c.deleted_at.is_(None), _S.c.user_id == self._user
                )
            )
            .mappings()
            .first()
        )
        return None if row is None else record(row, self.zone)

    def set_by_uuid(self, uuid: str) -> tuple[SetRecord, bool] | None:
        """The set with this uuid, tombstones included, and whether it is deleted."""
        row = (
            self._conn.execute(select(_S).where(_S.c.uuid == uuid, _S.c.user_id == self._user))
            .mappings()
            .first()
        )
        return None if row is None else (record(row, self.zone), row["deleted_at"] is not None)

    def find_sets(self, ref: str) -> list[SetRecord]:
        """Live sets whose uuid starts with ``ref`` (at least 4 characters)."""
        if not _UUID_PREFIX.fullmatch(ref):
            return []
        rows = self._conn.execute(
            select(_S)
            .where(
                _S.c.uuid.like(f"{ref}%"), _S.c.deleted_at.is_(None), _S.c.user_id == self._user
            )
            .limit(5)
        ).mappings()
        return [record(r, self.zone) for r in rows]

    def _batch(self, row: RowMapping, *, with_sets: bool) -> LogBatch:
        count_q = select(func.count()).select_from(_S).where(_S.c.batch_id == row["id"])
        sets: tuple[SetRecord, ...] = ()
        if with_sets:
            q = select(_S).where(_S.c.batch_id == row["id"]).order_by(_S.c.id)
            if row["deleted_at"] is None:
                q = q.where(_S.c.deleted_at.is_(None))
            sets = tuple(record(r, self.zone) for r in self._conn.execute(q).mappings())
        if row["deleted_at"] is None:
            count_q = count_q.where(_S.c.deleted_at.is_(None))
        return LogBatch(
            row["id"],
            self.zone.from_db(row["created_at"]),
            row["command"],
            sets,
            kind=row["kind"],
            uuid=row["uuid"],
            undone_at=row["deleted_at"],
            set_count=int(self._conn.execute(count_q).scalar_one()),
        )

    def last_batch(self, *, kind: str | None = None) -> LogBatch | None:
        """The newest batch not yet undone (of ``kind`` when given)."""
        q = select(_B).where(_B.c.deleted_at.is_(None), _B.c.user_id == self._user)
        if kind is not None:
            q = q.where(_B.c.kind == kind)
        row = self._conn.execute(q.order_by(_B.c.id.desc()).limit(1)).mappings().first()
        return None if row is None else self._batch(row, with_sets=True)

    def get_batch(self, ref: str) -> LogBatch | None:
        """A batch by id or by a uuid prefix of at least 4 characters (undone ones included)."""
        q = select(_B).where(_B.c.user_id == self._user)
        if ref.isdigit():
            if int(ref) > 2**31 - 1:  # ids are 32-bit integers (PostgreSQL's INTEGER)
                return None
            q = q.where(_B.c.id == int(ref))
        elif _UUID_PREFIX.fullmatch(ref.lower()):
            q = q.where(_B.c.uuid.like(f"{ref.lower()}%"))
        else:
            return None
        rows = list(self._conn.execute(q.limit(2)).mappings())
        return self._batch(rows[0], with_sets=True) if len(rows) == 1 else None

    def batches(self, *, limit: int = 20, include_undone: bool = False) -> list[LogBatch]:
        """The newest batches first, with their set counts (sets themselves left out)."""
        q = select(_B).where(_B.c.user_id == self._user)
        if not include_undone:
            q = q.where(_B.c.deleted_at.is_(None))
        rows = self._conn.execute(q.order_by(_B.c.id.desc()).limit(limit)).mappings()
        return [self._batch(r, with_sets=False) for r in rows]

    def sets(
        self,
        *,
        exercise: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[SetRecord]:
        """Live sets, filtered by exercise slug and a half-open time range [start, end) of the
        user's wall times (or aware times)."""
        q = select(_S).where(_S.c.deleted_at.is_(None), _S.c.user_id == self._user)
        if exercise is not None:
            q = q.where(_S.c.exercise == exercise)
        if start is not None:
            q = q.where(_S.c.performed_at >= self.zone.to_db(start))
        if end is not None:
            q = q.where(_S.c.performed_at < self.zone.to_db(end))
        order = (_S.c.performed_at, _S.c.position, _S.c.id)
        q = q.order_by(*(c.desc() for c in order)) if newest_first else q.order_by(*order)
        if limit is not None:
            q = q.limit(limit)
        return [record(r, self.zone) for r in self._conn.execute(q).mappings()]

    def count_sets(self) -> int:
        return int(
            self._conn.execute(
                select(func.count())
                .select_from(_S)
                .where(_S.c.deleted_at.is_(None), _S.c.user_id == self._user)
            ).scalar_one()
        )

    def exercises(self) -> list[str]:
        """Every exercise slug with a live set."""
        rows = self._conn.execute(
            select(_S.c.exercise)
            .where(_S.c.deleted_at.is_(None), _S.c.user_id == self._user)
            .distinct()
        )
        return sorted(r[0] for r in rows)
