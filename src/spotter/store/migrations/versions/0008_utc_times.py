"""Times as UTC instants: the log's local wall-clock times are converted, columns become zone-aware.

Before this revision the log's own times (``set_entry.performed_at``, ``workout.started_at``,
``bodyweight.measured_at``, ``log_batch.created_at`` and ``custom_exercise.created_at``) were the
lifter's naive local wall-clock time, and every other time column naive UTC.

* The local lifter (user 1) gets the empty time zone, "this machine's zone", unless a zone other
  than the default UTC was chosen for them: that is the zone the command line has always logged in.
* Each owner's wall times are converted to UTC with the owner's zone (user 1 and any owner with
  the empty zone: this machine's zone, as `TZ` or `/etc/localtime` name it). An hour repeated when
  the clocks went back is read as its first occurrence, a time in the skipped hour with the offset
  before the change (as everywhere else, see ``spotter.store.times``).
* PostgreSQL: every time column becomes ``timestamp with time zone`` (the naive values read as
  UTC). SQLite has no zone-aware type: its columns keep their declared type and hold UTC text.

Downgrade reverses both steps: the log's times go back to each owner's wall-clock time, the
columns back to ``timestamp without time zone``, and user 1's empty zone back to UTC.

Revision ID: 0008_utc_times
Revises: 0007
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import op

revision = "0008_utc_times"
down_revision = "0007"
branch_labels = None
depends_on = None

#: The wall-clock column of each table that had one.
_WALL = {
    "log_batch": "created_at",
    "workout": "started_at",
    "set_entry": "performed_at",
    "bodyweight": "measured_at",
    "custom_exercise": "created_at",
}

#: Every time column of the schema at 0006.
_TIME_COLUMNS = {
    "app_user": ("created_at", "disabled_at", "locked_until"),
    "profile": ("updated_at",),
    "log_batch": ("created_at", "updated_at", "deleted_at"),
    "workout": ("started_at", "updated_at", "deleted_at"),
    "set_entry": ("performed_at", "updated_at", "deleted_at"),
    "bodyweight": ("measured_at", "updated_at", "deleted_at"),
    "plan": ("created_at", "updated_at", "deleted_at"),
    "custom_exercise": ("created_at", "updated_at", "deleted_at"),
    "coach_link": ("created_at", "accepted_at", "revoked_at"),
    "audit_event": ("at",),
    "web_session": ("created_at", "expires_at", "last_seen_at"),
    "access_token": ("created_at", "expires_at", "last_used_at", "revoked_at"),
    "comment": ("created_at", "deleted_at"),
}


def _zones(conn: sa.Connection) -> dict[int | None, dt.tzinfo]:
    """Each user's zone; None (rows without an owner) is the local lifter's."""
    from spotter.store.times import machine_zone

    here = machine_zone()
    zones: dict[int | None, dt.tzinfo] = {}
    for user_id, name in conn.execute(sa.text("SELECT id, timezone FROM app_user")):
        if not name:
            zones[user_id] = here
            continue
        try:
            zones[user_id] = dt.UTC if name == "UTC" else ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            zones[user_id] = dt.UTC
    zones[None] = zones.get(1, here)
    return zones


def _convert(conn: sa.Connection, *, to_utc: bool) -> None:
    """Rewrite every wall-clock column: local wall time to naive UTC, or back."""
    zones = _zones(conn)
    for table_name, column in _WALL.items():
        table = sa.table(
            table_name,
            sa.column("id", sa.Integer),
            sa.column("user_id", sa.Integer),
            sa.column(column, sa.DateTime),
        )
        rows = conn.execute(sa.select(table.c.id, table.c.user_id, table.c[column])).all()
        changes = []
        for row_id, user_id, when in rows:
            if when is None:
                continue
            tz = zones.get(user_id, zones[None])
            if to_utc:
                new = when.replace(tzinfo=tz).astimezone(dt.UTC).replace(tzinfo=None)
            else:
                new = when.replace(tzinfo=dt.UTC).astimezone(tz).replace(tzinfo=None)
            if new != when:
                changes.append({"_id": row_id, "_when": new})
        if changes:
            conn.execute(
                table.update()
                .where(table.c.id == sa.bindparam("_id"))
                .values({column: sa.bindparam("_when")}),
                changes,
            )


def _alter_types(*, aware: bool) -> None:
    kind = "TIMESTAMP WITH TIME ZONE" if aware else "TIMESTAMP WITHOUT TIME ZONE"
    for table, columns in _TIME_COLUMNS.items():
        for column in columns:
            op.execute(
                f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE {kind} '
                f"USING \"{column}\" AT TIME ZONE 'UTC'"
            )


def upgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE app_user SET timezone = '' WHERE id = 1 AND timezone = 'UTC'"))
    _convert(conn, to_utc=True)
    if conn.dialect.name == "postgresql":
        _alter_types(aware=True)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        _alter_types(aware=False)
    _convert(conn, to_utc=False)
    conn.execute(sa.text("UPDATE app_user SET timezone = 'UTC' WHERE id = 1 AND timezone = ''"))
