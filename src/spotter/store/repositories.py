"""Repositories: translate between table rows and domain objects. They never commit."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, Table, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from spotter.errors import SpotterError
from spotter.planning.model.stored import StoredPlan, mesocycle_from_json, mesocycle_to_json
from spotter.profile import Profile
from spotter.store import tables as t
from spotter.store.log_repo import LogRepository, new_id, new_uuid, now_utc

__all__ = [
    "BodyweightRepository",
    "ExportRepository",
    "ImportRepository",
    "LogRepository",
    "PlanRepository",
    "ProfileRepository",
]


def _csv(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.split(",") if v)


class ProfileRepository:
    """The single profile row of a database."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self) -> Profile | None:
        row = self._conn.execute(select(t.profile).where(t.profile.c.id == 1)).mappings().first()
        if row is None:
            return None
        return Profile(
            units=row["units"],
            goal=row["goal"],
            experience=row["experience"],
            training_days=tuple(d for d in row["training_days"].split(",") if d),
            minutes_per_session=row["minutes_per_session"],
            equipment=tuple(e for e in row["equipment"].split(",") if e),
            emphasis=_csv(row["emphasis"]),
            avoid=_csv(row["avoid"]),
            favourites=_csv(row["favourites"]),
        )

    def save(self, profile: Profile, *, now: datetime | None = None) -> None:
        self._conn.execute(delete(t.profile).where(t.profile.c.id == 1))
        self._conn.execute(
            insert(t.profile).values(
                id=1,
                units=profile.units,
                goal=profile.goal,
                experience=profile.experience,
                training_days=",".join(profile.training_days),
                minutes_per_session=profile.minutes_per_session,
                equipment=",".join(profile.equipment),
                emphasis=",".join(profile.emphasis),
                avoid=",".join(profile.avoid),
                favourites=",".join(profile.favourites),
                updated_at=(now or datetime.now(UTC)).replace(tzinfo=None),
            )
        )


class BodyweightRepository:
    """Bodyweight measurements, in kilograms."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, measured_at: datetime, kg: float, *, uuid: str | None = None) -> None:
        self._conn.execute(
            insert(t.bodyweight).values(
                measured_at=measured_at, kg=kg, uuid=uuid or new_uuid(), updated_at=now_utc()
            )
        )

    def recent(self, limit: int = 20) -> list[tuple[datetime, float]]:
        """The latest measurements, oldest first."""
        rows = self._conn.execute(
            select(t.bodyweight.c.measured_at, t.bodyweight.c.kg)
            .where(t.bodyweight.c.deleted_at.is_(None))
            .order_by(t.bodyweight.c.measured_at.desc(), t.bodyweight.c.id.desc())
            .limit(limit)
        ).all()
        return [(r[0], float(r[1])) for r in reversed(rows)]

    def all(self) -> list[tuple[datetime, float]]:
        """Every measurement, oldest first."""
        rows = self._conn.execute(
            select(t.bodyweight.c.measured_at, t.bodyweight.c.kg)
            .where(t.bodyweight.c.deleted_at.is_(None))
            .order_by(t.bodyweight.c.measured_at, t.bodyweight.c.id)
        ).all()
        return [(r[0], float(r[1])) for r in rows]


class ImportRepository:
    """Bulk writes for imports: workouts and sets keyed by stable source keys.

    Every import is a batch: the first write of a unit of work opens one (kind ``import``,
    labelled with :meth:`label` or after the source), and every set and workout it creates
    belongs to it, so `spotter undo` can take the whole import back.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._batch: int | None = None
        self._label: str | None = None

    def label(self, command: str) -> None:
        """What the import batch will be called in `spotter batches` (e.g. the command line)."""
        self._label = command
        if self._batch is not None:
            self._conn.execute(
                update(t.log_batch).where(t.log_batch.c.id == self._batch).values(command=command)
            )

    def batch_id(self, *, source: str = "import", uuid: str | None = None) -> int:
        """The batch of this import, opened on first use (or the stored batch of ``uuid``)."""
        if uuid is not None:
            row = self._conn.execute(
                select(t.log_batch.c.id).where(t.log_batch.c.uuid == uuid)
            ).first()
            if row is not None:
                return int(row[0])
            now = now_utc()
            return new_id(
                self._conn.execute(
                    insert(t.log_batch).values(
                        created_at=datetime.now().replace(microsecond=0), command=self._label or f"import {source}",
                        kind="import", uuid=uuid, updated_at=now,
                    )
                )
            )
        if self._batch is None:
            now = now_utc()
            self._batch = new_id(
                self._conn.execute(
                    insert(t.log_batch).values(
                        created_at=datetime.now().replace(microsecond=0),  # local, as for logs
                        command=self._label or f"import {source}",
                        kind="import",
                        uuid=new_uuid(),
                        updated_at=now,
                    )
                )
            )
        return self._batch

    def existing_set_keys(self, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            rows = self._conn.execute(
                select(t.set_entry.c.source_key).where(t.set_entry.c.source_key.in_(chunk))
            )
            found.update(r[0] for r in rows)
        return found

    def existing_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Set uuids already stored (tombstones included)."""
        return LogRepository(self._conn).existing_uuids(list(uuids))

    def workout_ids(
        self, workouts: Sequence[tuple[str, datetime, str | None, int | None, str, str | None]]
    ) -> dict[str, int]:
        """Ids of live workouts by source key, creating the missing ones.

        Each workout is (source key, start, name, duration seconds, source, notes).
        """
        keys = [w[0] for w in workouts]
        ids: dict[str, int] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            for r in self._conn.execute(
                select(t.workout.c.source_key, t.workout.c.id).where(
                    t.workout.c.source_key.in_(chunk)
                )
            ):
                ids[r[0]] = int(r[1])
        now = now_utc()
        for key, start, name, duration, source, notes in workouts:
            if key not in ids:
                ids[key] = new_id(
                    self._conn.execute(
                        insert(t.workout).values(
                            source_key=key,
                            started_at=start,
                            name=name,
                            duration_s=duration,
                            source=source,
                            notes=notes,
                            uuid=new_uuid(),
                            updated_at=now,
                        )
                    )
                )
        return ids

    def add_sets(self, rows: Sequence[dict[str, object]]) -> None:
        """Insert sets; rows without a batch join this import's batch, rows without a uuid get
        one, and ``updated_at`` is now."""
        if not rows:
            return
        now = now_utc()
        full = []
        for r in rows:
            row = dict(r)
            if row.get("batch_id") is None:
                row["batch_id"] = self.batch_id(source=str(row.get("source_key") or "").split("|")[0] or "import")
            if not row.get("uuid"):
                row["uuid"] = new_uuid()
            row.setdefault("unit", None)
            row["updated_at"] = now
            full.append(row)
        self._conn.execute(insert(t.set_entry), full)

    def remap(self, old: str, new: str) -> int:
        """Point every set logged as exercise ``old`` at ``new``; returns how many sets moved."""
        return _remap(self._conn, old, new)


_RESTORED = (t.log_batch, t.workout, t.set_entry, t.bodyweight, t.plan, t.custom_exercise)


class ExportRepository:
    """Everything in the store, for `spotter export`, and restoring it from a Spotter export.

    Exports hold live rows only (tombstones are a sync matter, not a backup's).
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _rows(self, table: Table, *order: Any) -> list[dict[str, Any]]:
        q = select(table).where(table.c.deleted_at.is_(None)).order_by(*order)
        return [dict(r) for r in self._conn.execute(q).mappings()]

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
        counts = [
            self._conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (*_RESTORED, t.profile)
        ]
        return not any(counts)

    def restore(self, tables: Mapping[str, Sequence[dict[str, Any]]]) -> None:
        """Insert exported rows as they were (ids and uuids included), into an empty store.

        ``tables`` maps a table name (log_batch, workout, set_entry, bodyweight, plan,
        custom_exercise) to its rows; rows from an older export get a uuid and ``updated_at``.
        """
        now = now_utc()
        for table in _RESTORED:
            rows = [dict(r) for r in tables.get(table.name, ())]
            unknown = {k for r in rows for k in r} - set(table.c.keys())
            if unknown:
                raise RestoreError(f"{table.name}: unknown fields {', '.join(sorted(unknown))}")
            for r in rows:
                r["uuid"] = r.get("uuid") or new_uuid()
                r["updated_at"] = r.get("updated_at") or now
                r.pop("deleted_at", None)
            if not rows:
                continue
            try:
                with self._conn.begin_nested():
                    self._conn.execute(insert(table), rows)
            except SQLAlchemyError as exc:
                first = str(exc.orig if isinstance(exc, DBAPIError) else exc).splitlines()[0]
                raise RestoreError(f"{table.name}: the rows cannot be stored ({first})") from exc


class RestoreError(SpotterError):
    """An export whose rows do not fit the store; nothing was restored."""


def _remap(conn: Connection, old: str, new: str) -> int:
    result = conn.execute(
        update(t.set_entry)
        .where(t.set_entry.c.exercise == old)
        .values(exercise=new, updated_at=now_utc())
    )
    return int(result.rowcount or 0)


class PlanRepository:
    """Saved plans; at most one is active (the newest saved)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, plan: StoredPlan) -> StoredPlan:
        """Save ``plan`` as the active plan (its ``id`` is ignored), deactivating the others;
        returns it with its new id."""
        self._conn.execute(
            update(t.plan)
            .where(t.plan.c.active.is_(True))
            .values(active=False, updated_at=now_utc())
        )
        request = {
            "emphasis": list(plan.emphasis),
            "avoid": list(plan.avoid),
            "favourites": list(plan.favourites),
            "fill": plan.fill,
            "warnings": list(plan.warnings),
            "imported": plan.imported,
        }
        plan_id = new_id(
            self._conn.execute(
                insert(t.plan).values(
                    uuid=new_uuid(),
                    updated_at=now_utc(),
                    name=plan.name,
                    template=plan.template,
                    created_at=plan.created_at.replace(tzinfo=None),
                    start_date=plan.start_date,
                    weeks=plan.weeks,
                    active=True,
                    mesocycle=mesocycle_to_json(plan.mesocycle, plan.session_names),
                    request=json.dumps(request),
                )
            )
        )
        return replace(plan, id=plan_id, active=True)

    def active(self) -> StoredPlan | None:
        row = (
            self._conn.execute(
                select(t.plan).where(t.plan.c.active.is_(True)).order_by(t.plan.c.id.desc())
            )
            .mappings()
            .first()
        )
        return None if row is None else _plan(row)

    def get(self, plan_id: int) -> StoredPlan | None:
        row = self._conn.execute(select(t.plan).where(t.plan.c.id == plan_id)).mappings().first()
        return None if row is None else _plan(row)

    def all(self) -> list[StoredPlan]:
        """Every saved plan, oldest first."""
        return [
            _plan(r) for r in self._conn.execute(select(t.plan).order_by(t.plan.c.id)).mappings()
        ]

    def count(self) -> int:
        return int(self._conn.execute(select(func.count()).select_from(t.plan)).scalar_one())


def _plan(r: RowMapping) -> StoredPlan:
    meso, names = mesocycle_from_json(r["mesocycle"])
    request = json.loads(r["request"])
    return StoredPlan(
        id=r["id"],
        name=r["name"],
        template=r["template"],
        created_at=r["created_at"],
        start_date=r["start_date"],
        active=bool(r["active"]),
        mesocycle=meso,
        session_names=names,
        emphasis=tuple(request.get("emphasis", ())),
        avoid=tuple(request.get("avoid", ())),
        favourites=tuple(request.get("favourites", ())),
        fill=bool(request.get("fill", False)),
        warnings=tuple(request.get("warnings", ())),
        imported=bool(request.get("imported", False)),
    )
