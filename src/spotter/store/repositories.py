"""Repositories: translate between table rows and domain objects. They never commit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from spotter.profile import Profile
from spotter.store import tables as t


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
                updated_at=(now or datetime.now(UTC)).replace(tzinfo=None),
            )
        )
