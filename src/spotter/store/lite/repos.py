"""Profiles, plans and custom exercises over ``sqlite3``: the contracts of
:class:`~spotter.store.repositories.ProfileRepository`, :class:`~spotter.store.repositories.
PlanRepository` (its reads, and saving a new plan for `spotter plan new`) and :class:`~spotter.store.custom_repo.CustomExerciseRepository` (its
reads), scoped to one owner like them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace

from spotter.access.model import LOCAL_USER_ID
from spotter.knowledge.custom import CustomExercise
from spotter.planning.model.stored import (
    StoredPlan,
    mesocycle_from_json,
    mesocycle_to_json,
    request_from_json,
    request_to_json,
)
from spotter.profile import Profile
from spotter.store.lite.zones import Zone, from_text, new_uuid, now_utc, to_text


def _csv(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.split(",") if v)


class LiteProfileRepository:
    """The user's profile: one row per user."""

    def __init__(self, conn: sqlite3.Connection, user_id: int = LOCAL_USER_ID) -> None:
        self._conn = conn
        self._user = user_id

    def get(self) -> Profile | None:
        row = self._conn.execute(
            "SELECT units, goal, experience, training_days, minutes_per_session, equipment, "
            "emphasis, avoid, favourites FROM profile WHERE user_id = ?",
            (self._user,),
        ).fetchone()
        if row is None:
            return None
        return Profile(
            units=row["units"],
            goal=row["goal"],
            experience=row["experience"],
            training_days=_csv(row["training_days"]),
            minutes_per_session=row["minutes_per_session"],
            equipment=_csv(row["equipment"]),
            emphasis=_csv(row["emphasis"]),
            avoid=_csv(row["avoid"]),
            favourites=_csv(row["favourites"]),
        )

    def save(self, profile: Profile, *, now: dt.datetime | None = None) -> None:
        """Replace the user's profile (``now``: the change's UTC time, default the clock)."""
        self._conn.execute("DELETE FROM profile WHERE user_id = ?", (self._user,))
        self._conn.execute(
            "INSERT INTO profile (user_id, units, goal, experience, training_days, "
            "minutes_per_session, equipment, emphasis, avoid, favourites, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self._user,
                profile.units,
                profile.goal,
                profile.experience,
                ",".join(profile.training_days),
                profile.minutes_per_session,
                ",".join(profile.equipment),
                ",".join(profile.emphasis),
                ",".join(profile.avoid),
                ",".join(profile.favourites),
                to_text(now or dt.datetime.now(dt.UTC)),
            ),
        )


_PLAN = (
    "SELECT id, name, template, created_at, start_date, active, mesocycle, request FROM plan"
)


def _plan(r: sqlite3.Row) -> StoredPlan:
    meso, names = mesocycle_from_json(r["mesocycle"])
    return StoredPlan(
        id=r["id"],
        name=r["name"],
        template=r["template"],
        created_at=from_text(r["created_at"]),
        start_date=dt.date.fromisoformat(r["start_date"]),
        active=bool(r["active"]),
        mesocycle=meso,
        session_names=names,
        **request_from_json(r["request"]),
    )


class LitePlanRepository:
    """The user's saved plans; at most one is active (the newest saved)."""

    def __init__(self, conn: sqlite3.Connection, user_id: int = LOCAL_USER_ID) -> None:
        self._conn = conn
        self._user = user_id

    def add(self, plan: StoredPlan) -> StoredPlan:
        """Save ``plan`` as the active plan (its ``id`` is ignored), deactivating the others;
        returns it with its new id. The columns hold what the SQLAlchemy store writes (UTC
        instants as its SQLite text, the date in ISO form, the same JSON)."""
        now = to_text(now_utc())
        self._conn.execute(
            "UPDATE plan SET active = 0, updated_at = ? WHERE active = 1 AND user_id = ?",
            (now, self._user),
        )
        cur = self._conn.execute(
            "INSERT INTO plan (uuid, updated_at, user_id, name, template, created_at, "
            "start_date, weeks, active, mesocycle, request) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            (
                new_uuid(),
                now,
                self._user,
                plan.name,
                plan.template,
                to_text(plan.created_at),  # UTC: naive is taken as UTC
                plan.start_date.isoformat(),
                plan.weeks,
                mesocycle_to_json(plan.mesocycle, plan.session_names),
                request_to_json(plan),
            ),
        )
        assert cur.lastrowid is not None
        return replace(plan, id=cur.lastrowid, active=True)

    def active(self) -> StoredPlan | None:
        row = self._conn.execute(
            f"{_PLAN} WHERE active = 1 AND user_id = ? ORDER BY id DESC LIMIT 1", (self._user,)
        ).fetchone()
        return None if row is None else _plan(row)

    def get(self, plan_id: int) -> StoredPlan | None:
        row = self._conn.execute(
            f"{_PLAN} WHERE id = ? AND user_id = ?", (plan_id, self._user)
        ).fetchone()
        return None if row is None else _plan(row)

    def all(self) -> list[StoredPlan]:
        """Every saved plan, oldest first."""
        rows = self._conn.execute(f"{_PLAN} WHERE user_id = ? ORDER BY id", (self._user,))
        return [_plan(r) for r in rows]

    def count(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM plan WHERE user_id = ?", (self._user,))
        return int(row.fetchone()[0])


_CUSTOM = (
    "SELECT slug, name, primary_muscles, secondary_muscles, equipment, load_type, measure, "
    "mechanic, aliases, uuid FROM custom_exercise"
)


def _custom(r: sqlite3.Row) -> CustomExercise:
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


class LiteCustomRepository:
    """The owner's live custom exercises (a live slug is unique per owner)."""

    def __init__(self, conn: sqlite3.Connection, user_id: int = LOCAL_USER_ID) -> None:
        self._conn = conn
        self._user = user_id

    def all(self) -> list[CustomExercise]:
        rows = self._conn.execute(
            f"{_CUSTOM} WHERE user_id = ? AND deleted_at IS NULL ORDER BY id", (self._user,)
        )
        return [_custom(r) for r in rows]

    def get(self, slug: str) -> CustomExercise | None:
        row = self._conn.execute(
            f"{_CUSTOM} WHERE user_id = ? AND slug = ? AND deleted_at IS NULL",
            (self._user, slug),
        ).fetchone()
        return None if row is None else _custom(row)

    def by_uuid(self, uuid: str) -> CustomExercise | None:
        row = self._conn.execute(
            f"{_CUSTOM} WHERE user_id = ? AND uuid = ?", (self._user, uuid)
        ).fetchone()
        return None if row is None else _custom(row)

    def add(self, c: CustomExercise, *, now: dt.datetime) -> CustomExercise:
        """Store ``c`` (its uuid kept when given); ``now`` is the creation time (the user's wall
        time, or aware)."""
        uuid = c.uuid or new_uuid()
        self._conn.execute(
            "INSERT INTO custom_exercise (slug, name, aliases, primary_muscles, "
            "secondary_muscles, equipment, load_type, measure, mechanic, created_at, uuid, "
            "updated_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                c.slug,
                c.name,
                "|".join(c.aliases),
                ",".join(c.primary),
                ",".join(c.secondary),
                ",".join(c.equipment),
                c.load_type,
                c.measure,
                c.mechanic,
                Zone(self._conn, self._user).to_db(now),
                uuid,
                to_text(now_utc()),
                self._user,
            ),
        )
        return CustomExercise(
            c.slug, c.name, c.primary, c.secondary, c.equipment, c.load_type, c.measure,
            c.mechanic, c.aliases, uuid,
        )

    def delete(self, slug: str) -> bool:
        """Tombstone the owner's exercise ``slug``; False when there is none."""
        when = to_text(now_utc())
        cur = self._conn.execute(
            "UPDATE custom_exercise SET deleted_at = ?, updated_at = ? "
            "WHERE user_id = ? AND slug = ? AND deleted_at IS NULL",
            (when, when, self._user, slug),
        )
        return cur.rowcount > 0
