"""Repositories: translate between table rows and domain objects. They never commit."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, CursorResult, RowMapping, delete, func, insert, select, update

from spotter.log import LogBatch, SetRecord
from spotter.planning.model.stored import StoredPlan, mesocycle_from_json, mesocycle_to_json
from spotter.profile import Profile
from spotter.store import tables as t


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


class LogRepository:
    """Workouts, sets and log batches."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def workout_for_day(self, day: datetime, *, source: str = "manual") -> int:
        """The id of the manual workout on ``day``'s date, created if there is none."""
        start = datetime(day.year, day.month, day.day)
        end = start + timedelta(days=1)
        row = self._conn.execute(
            select(t.workout.c.id).where(
                t.workout.c.started_at >= start,
                t.workout.c.started_at < end,
                t.workout.c.source == source,
            )
        ).first()
        if row is not None:
            return int(row[0])
        result = self._conn.execute(insert(t.workout).values(started_at=day, source=source))
        return _new_id(result)

    def add_batch(self, command: str, sets: Sequence[SetRecord], *, now: datetime) -> int:
        """Record the sets of one command; returns the batch id."""
        batch_id = _new_id(
            self._conn.execute(insert(t.log_batch).values(created_at=now, command=command))
        )
        for s in sets:
            workout_id = self.workout_for_day(s.performed_at)
            position = self._conn.execute(
                select(func.count())
                .select_from(t.set_entry)
                .where(t.set_entry.c.workout_id == workout_id)
            ).scalar_one()
            self._conn.execute(
                insert(t.set_entry).values(
                    workout_id=workout_id,
                    batch_id=batch_id,
                    position=position,
                    **_set_values(s),
                )
            )
        return batch_id

    def last_batch(self) -> LogBatch | None:
        row = (
            self._conn.execute(select(t.log_batch).order_by(t.log_batch.c.id.desc()).limit(1))
            .mappings()
            .first()
        )
        if row is None:
            return None
        rows = self._conn.execute(
            select(t.set_entry)
            .where(t.set_entry.c.batch_id == row["id"])
            .order_by(t.set_entry.c.id)
        ).mappings()
        return LogBatch(
            row["id"], row["created_at"], row["command"], tuple(_record(r) for r in rows)
        )

    def delete_batch(self, batch_id: int) -> None:
        """Remove a batch, its sets, and workouts it leaves empty."""
        workouts = {
            r[0]
            for r in self._conn.execute(
                select(t.set_entry.c.workout_id).where(t.set_entry.c.batch_id == batch_id)
            )
        }
        self._conn.execute(delete(t.set_entry).where(t.set_entry.c.batch_id == batch_id))
        self._conn.execute(delete(t.log_batch).where(t.log_batch.c.id == batch_id))
        for w in workouts:
            left = self._conn.execute(
                select(func.count()).select_from(t.set_entry).where(t.set_entry.c.workout_id == w)
            ).scalar_one()
            if left == 0:
                self._conn.execute(delete(t.workout).where(t.workout.c.id == w))

    def sets(
        self,
        *,
        exercise: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[SetRecord]:
        """Logged sets, filtered by exercise slug and a half-open time range [start, end)."""
        q = select(t.set_entry)
        if exercise is not None:
            q = q.where(t.set_entry.c.exercise == exercise)
        if start is not None:
            q = q.where(t.set_entry.c.performed_at >= start)
        if end is not None:
            q = q.where(t.set_entry.c.performed_at < end)
        order = (t.set_entry.c.performed_at, t.set_entry.c.id)
        q = q.order_by(*(c.desc() for c in order)) if newest_first else q.order_by(*order)
        if limit is not None:
            q = q.limit(limit)
        return [_record(r) for r in self._conn.execute(q).mappings()]

    def count_sets(self) -> int:
        return int(self._conn.execute(select(func.count()).select_from(t.set_entry)).scalar_one())


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _set_values(s: SetRecord) -> dict[str, object]:
    return {
        "performed_at": s.performed_at,
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
    }


def _record(r: RowMapping) -> SetRecord:
    return SetRecord(
        performed_at=r["performed_at"],
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
    )


class BodyweightRepository:
    """Bodyweight measurements, in kilograms."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, measured_at: datetime, kg: float) -> None:
        self._conn.execute(insert(t.bodyweight).values(measured_at=measured_at, kg=kg))

    def recent(self, limit: int = 20) -> list[tuple[datetime, float]]:
        """The latest measurements, oldest first."""
        rows = self._conn.execute(
            select(t.bodyweight.c.measured_at, t.bodyweight.c.kg)
            .order_by(t.bodyweight.c.measured_at.desc(), t.bodyweight.c.id.desc())
            .limit(limit)
        ).all()
        return [(r[0], float(r[1])) for r in reversed(rows)]


class ImportRepository:
    """Bulk writes for imports: workouts and sets keyed by stable source keys."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def existing_set_keys(self, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            rows = self._conn.execute(
                select(t.set_entry.c.source_key).where(t.set_entry.c.source_key.in_(chunk))
            )
            found.update(r[0] for r in rows)
        return found

    def workout_ids(
        self, workouts: Sequence[tuple[str, datetime, str | None, int | None, str, str | None]]
    ) -> dict[str, int]:
        """Ids of workouts by source key, creating the missing ones.

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
        for key, start, name, duration, source, notes in workouts:
            if key not in ids:
                ids[key] = _new_id(
                    self._conn.execute(
                        insert(t.workout).values(
                            source_key=key,
                            started_at=start,
                            name=name,
                            duration_s=duration,
                            source=source,
                            notes=notes,
                        )
                    )
                )
        return ids

    def add_sets(self, rows: Sequence[dict[str, object]]) -> None:
        if rows:
            self._conn.execute(insert(t.set_entry), list(rows))

    def remap(self, old: str, new: str) -> int:
        """Point every set logged as exercise ``old`` at ``new``; returns how many sets moved."""
        return _remap(self._conn, old, new)


class ExportRepository:
    """Everything in the store, for `spotter export`, and restoring it from a Spotter export."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def workouts(self) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            select(t.workout).order_by(t.workout.c.started_at, t.workout.c.id)
        ).mappings()
        return [dict(r) for r in rows]

    def sets(self) -> list[dict[str, Any]]:
        q = select(t.set_entry).order_by(
            t.set_entry.c.performed_at, t.set_entry.c.workout_id, t.set_entry.c.position
        )
        return [dict(r) for r in self._conn.execute(q).mappings()]

    def bodyweights(self) -> list[dict[str, Any]]:
        q = select(t.bodyweight).order_by(t.bodyweight.c.measured_at, t.bodyweight.c.id)
        return [dict(r) for r in self._conn.execute(q).mappings()]

    def is_empty(self) -> bool:
        counts = [
            self._conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.workout, t.set_entry, t.bodyweight, t.profile)
        ]
        return not any(counts)

    def restore(
        self,
        workouts: Sequence[dict[str, Any]],
        sets: Sequence[dict[str, Any]],
        bodyweights: Sequence[dict[str, Any]],
    ) -> None:
        """Insert exported rows as they were (ids included), into an empty store."""
        if workouts:
            self._conn.execute(insert(t.workout), list(workouts))
        if sets:
            self._conn.execute(insert(t.set_entry), [dict(s, batch_id=None) for s in sets])
        if bodyweights:
            self._conn.execute(insert(t.bodyweight), list(bodyweights))


def _remap(conn: Connection, old: str, new: str) -> int:
    result = conn.execute(
        update(t.set_entry).where(t.set_entry.c.exercise == old).values(exercise=new)
    )
    return int(result.rowcount or 0)


class PlanRepository:
    """Saved plans; at most one is active (the newest saved)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, plan: StoredPlan) -> StoredPlan:
        """Save ``plan`` as the active plan (its ``id`` is ignored), deactivating the others;
        returns it with its new id."""
        self._conn.execute(update(t.plan).where(t.plan.c.active.is_(True)).values(active=False))
        request = {
            "emphasis": list(plan.emphasis),
            "avoid": list(plan.avoid),
            "favourites": list(plan.favourites),
            "fill": plan.fill,
            "warnings": list(plan.warnings),
            "imported": plan.imported,
        }
        new_id = _new_id(
            self._conn.execute(
                insert(t.plan).values(
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
        return replace(plan, id=new_id, active=True)

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
