"""Repositories: translate between table rows and domain objects. They never commit.

Each is scoped to one owner (``user_id``, the local user by default): it reads that user's rows
only and stamps the owner on what it writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import (
    Connection,
    RowMapping,
    delete,
    func,
    insert,
    select,
    update,
)

from spotter.access.model import LOCAL_USER_ID
from spotter.planning.model.stored import (
    StoredPlan,
    mesocycle_from_json,
    mesocycle_to_json,
    request_from_json,
    request_to_json,
)
from spotter.profile import Profile
from spotter.store import tables as t
from spotter.store.export_repo import ExportRepository, RestoreError
from spotter.store.log_repo import (
    LogRepository,
    new_id,
    new_uuid,
    now_utc,
    scoped_key,
    unscoped_key,
)
from spotter.store.times import UserZone

__all__ = [
    "BodyweightRepository",
    "ExportRepository",
    "ImportRepository",
    "LogRepository",
    "PlanRepository",
    "ProfileRepository",
    "RestoreError",
]


def _csv(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.split(",") if v)


class ProfileRepository:
    """The user's profile: one row per user."""

    def __init__(self, conn: Connection, user_id: int = LOCAL_USER_ID) -> None:
        self._conn = conn
        self._user = user_id

    def get(self) -> Profile | None:
        q = select(t.profile).where(t.profile.c.user_id == self._user)
        row = self._conn.execute(q).mappings().first()
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
        self._conn.execute(delete(t.profile).where(t.profile.c.user_id == self._user))
        self._conn.execute(
            insert(t.profile).values(
                user_id=self._user,
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
    """The user's bodyweight measurements, in kilograms, at the user's wall-clock times."""

    def __init__(
        self, conn: Connection, user_id: int = LOCAL_USER_ID, zone: UserZone | None = None
    ) -> None:
        self._conn = conn
        self._user = user_id
        self.zone = zone or UserZone(conn, user_id)

    def add(self, measured_at: datetime, kg: float, *, uuid: str | None = None) -> None:
        self._conn.execute(
            insert(t.bodyweight).values(
                measured_at=self.zone.to_db(measured_at),
                kg=kg,
                uuid=uuid or new_uuid(),
                updated_at=now_utc(),
                user_id=self._user,
            )
        )

    def by_uuid(self, uuid: str) -> tuple[datetime, float] | None:
        """The time and kilograms of the measurement with this uuid (tombstones included)."""
        bw = t.bodyweight
        row = self._conn.execute(
            select(bw.c.measured_at, bw.c.kg).where(bw.c.user_id == self._user, bw.c.uuid == uuid)
        ).first()
        return None if row is None else (self.zone.from_db(row[0]), float(row[1]))

    def recent(self, limit: int = 20) -> list[tuple[datetime, float]]:
        """The latest measurements, oldest first."""
        rows = self._conn.execute(
            select(t.bodyweight.c.measured_at, t.bodyweight.c.kg)
            .where(t.bodyweight.c.deleted_at.is_(None), t.bodyweight.c.user_id == self._user)
            .order_by(t.bodyweight.c.measured_at.desc(), t.bodyweight.c.id.desc())
            .limit(limit)
        ).all()
        return [(self.zone.from_db(r[0]), float(r[1])) for r in reversed(rows)]

    def all(self) -> list[tuple[datetime, float]]:
        """Every measurement, oldest first."""
        rows = self._conn.execute(
            select(t.bodyweight.c.measured_at, t.bodyweight.c.kg)
            .where(t.bodyweight.c.deleted_at.is_(None), t.bodyweight.c.user_id == self._user)
            .order_by(t.bodyweight.c.measured_at, t.bodyweight.c.id)
        ).all()
        return [(self.zone.from_db(r[0]), float(r[1])) for r in rows]


class ImportRepository:
    """Bulk writes for imports: workouts and sets keyed by stable source keys.

    Every import is a batch: the first write of a unit of work opens one (kind ``import``,
    labelled with :meth:`label` or after the source), and every set and workout it creates
    belongs to it, so `spotter undo` can take the whole import back.
    """

    def __init__(
        self, conn: Connection, user_id: int = LOCAL_USER_ID, zone: UserZone | None = None
    ) -> None:
        self._conn = conn
        self._user = user_id
        self.zone = zone or UserZone(conn, user_id)
        self._batch: int | None = None
        self._label: str | None = None

    def label(self, command: str) -> None:
        """What the import batch will be called in `spotter batches` (e.g. the command line)."""
        self._label = command
        if self._batch is not None:
            self._conn.execute(
                update(t.log_batch)
                .where(t.log_batch.c.id == self._batch, t.log_batch.c.user_id == self._user)
                .values(command=command)
            )

    def batch_id(self, *, source: str = "import", uuid: str | None = None) -> int:
        """The batch of this import, opened on first use (or the stored batch of ``uuid``)."""
        if uuid is not None:
            found = LogRepository(self._conn, self._user, self.zone).batch_by_uuid(uuid)
            if found is not None:
                return found
            now = now_utc()
            return new_id(
                self._conn.execute(
                    insert(t.log_batch).values(
                        created_at=now,
                        command=self._label or f"import {source}",
                        kind="import",
                        uuid=uuid,
                        updated_at=now,
                        user_id=self._user,
                    )
                )
            )
        if self._batch is None:
            now = now_utc()
            self._batch = new_id(
                self._conn.execute(
                    insert(t.log_batch).values(
                        created_at=now,
                        command=self._label or f"import {source}",
                        kind="import",
                        uuid=new_uuid(),
                        updated_at=now,
                        user_id=self._user,
                    )
                )
            )
        return self._batch

    def existing_set_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of these import keys the user's live sets already have."""
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = [scoped_key(self._user, k) for k in keys[i : i + 500]]
            rows = self._conn.execute(
                select(t.set_entry.c.source_key).where(
                    t.set_entry.c.source_key.in_(chunk), t.set_entry.c.user_id == self._user
                )
            )
            found.update(str(unscoped_key(self._user, r[0])) for r in rows)
        return found

    def existing_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Set uuids the user already stored (tombstones included)."""
        return LogRepository(self._conn, self._user, self.zone).existing_uuids(list(uuids))

    def workout_ids(
        self, workouts: Sequence[tuple[str, datetime, str | None, int | None, str, str | None]]
    ) -> dict[str, int]:
        """Ids of live workouts by source key, creating the missing ones.

        Each workout is (source key, start, name, duration seconds, source, notes); the start is
        a wall time of the user (other apps export local times) or an aware time.
        """
        keys = [w[0] for w in workouts]
        ids: dict[str, int] = {}
        for i in range(0, len(keys), 500):
            chunk = [scoped_key(self._user, k) for k in keys[i : i + 500]]
            for r in self._conn.execute(
                select(t.workout.c.source_key, t.workout.c.id).where(
                    t.workout.c.source_key.in_(chunk), t.workout.c.user_id == self._user
                )
            ):
                ids[str(unscoped_key(self._user, r[0]))] = int(r[1])
        now = now_utc()
        for key, start, name, duration, source, notes in workouts:
            if key not in ids:
                ids[key] = new_id(
                    self._conn.execute(
                        insert(t.workout).values(
                            source_key=scoped_key(self._user, key),
                            started_at=self.zone.to_db(start),
                            name=name,
                            duration_s=duration,
                            source=source,
                            notes=notes,
                            uuid=new_uuid(),
                            updated_at=now,
                            user_id=self._user,
                        )
                    )
                )
        return ids

    def add_sets(self, rows: Sequence[dict[str, object]]) -> None:
        """Insert sets; rows without a batch join this import's batch, rows without a uuid get
        one, ``updated_at`` is now, and ``performed_at`` a wall time of the user (or aware)."""
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
            row["user_id"] = self._user
            when = row.get("performed_at")
            if isinstance(when, datetime):
                row["performed_at"] = self.zone.to_db(when)
            key = row.get("source_key")
            row["source_key"] = scoped_key(self._user, None if key is None else str(key))
            full.append(row)
        self._conn.execute(insert(t.set_entry), full)

    def remap(self, old: str, new: str) -> int:
        """Point every set logged as exercise ``old`` at ``new``; returns how many sets moved."""
        return _remap(self._conn, old, new, self._user)


def _remap(conn: Connection, old: str, new: str, user_id: int) -> int:
    result = conn.execute(
        update(t.set_entry)
        .where(t.set_entry.c.exercise == old, t.set_entry.c.user_id == user_id)
        .values(exercise=new, updated_at=now_utc())
    )
    return int(result.rowcount or 0)


class PlanRepository:
    """The user's saved plans; at most one is active (the newest saved)."""

    def __init__(self, conn: Connection, user_id: int = LOCAL_USER_ID) -> None:
        self._conn = conn
        self._user = user_id
        self._mine = t.plan.c.user_id == user_id

    def add(self, plan: StoredPlan) -> StoredPlan:
        """Save ``plan`` as the active plan (its ``id`` is ignored), deactivating the others;
        returns it with its new id."""
        self._conn.execute(
            update(t.plan)
            .where(t.plan.c.active.is_(True), self._mine)
            .values(active=False, updated_at=now_utc())
        )
        plan_id = new_id(
            self._conn.execute(
                insert(t.plan).values(
                    uuid=new_uuid(),
                    updated_at=now_utc(),
                    user_id=self._user,
                    name=plan.name,
                    template=plan.template,
                    created_at=plan.created_at,  # UTC: naive is taken as UTC
                    start_date=plan.start_date,
                    weeks=plan.weeks,
                    active=True,
                    mesocycle=mesocycle_to_json(plan.mesocycle, plan.session_names),
                    request=request_to_json(plan),
                )
            )
        )
        return replace(plan, id=plan_id, active=True)

    def active(self) -> StoredPlan | None:
        row = (
            self._conn.execute(
                select(t.plan)
                .where(t.plan.c.active.is_(True), self._mine)
                .order_by(t.plan.c.id.desc())
            )
            .mappings()
            .first()
        )
        return None if row is None else _plan(row)

    def get(self, plan_id: int) -> StoredPlan | None:
        q = select(t.plan).where(t.plan.c.id == plan_id, self._mine)
        row = self._conn.execute(q).mappings().first()
        return None if row is None else _plan(row)

    def all(self) -> list[StoredPlan]:
        """Every saved plan, oldest first."""
        return [
            _plan(r)
            for r in self._conn.execute(
                select(t.plan).where(self._mine).order_by(t.plan.c.id)
            ).mappings()
        ]

    def count(self) -> int:
        q = select(func.count()).select_from(t.plan).where(self._mine)
        return int(self._conn.execute(q).scalar_one())


def _plan(r: RowMapping) -> StoredPlan:
    meso, names = mesocycle_from_json(r["mesocycle"])
    return StoredPlan(
        id=r["id"],
        name=r["name"],
        template=r["template"],
        created_at=r["created_at"],
        start_date=r["start_date"],
        active=bool(r["active"]),
        mesocycle=meso,
        session_names=names,
        **request_from_json(r["request"]),
    )
