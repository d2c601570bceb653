"""Identities for sync and an editable log: uuids, tombstones, entered units, custom exercises.

* ``log_batch``, ``workout``, ``set_entry``, ``bodyweight`` and ``plan`` gain ``uuid`` (filled with
  a fresh uuid4 for every existing row), ``updated_at`` (filled from the row's own time),
  ``deleted_at`` (a tombstone; NULL for live rows) and a nullable ``user_id`` (the owner, for when
  the store holds more than one lifter).
* ``set_entry.unit`` keeps the unit a load was entered in (NULL for existing rows: shown in the
  profile's unit as before). ``log_batch.kind`` says whether a batch was a log entry or an import.
* ``custom_exercise`` holds exercises a lifter defines with flags, per owner.

Revision ID: 0005
Revises: 0004
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: Each synced table and the column whose time fills ``updated_at`` for existing rows.
_SYNCED = {
    "log_batch": "created_at",
    "workout": "started_at",
    "set_entry": "performed_at",
    "bodyweight": "measured_at",
    "plan": "created_at",
}


def _sync_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("uuid", sa.String(36), nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=True),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
        sa.Column("user_id", sa.Integer, nullable=True),
    ]


def upgrade() -> None:
    # Columns are added with plain ALTER TABLE, never by copying a table: on SQLite a batch copy
    # drops the old table, and with foreign keys on that would cascade-delete every set.
    conn = op.get_bind()
    for table, time_column in _SYNCED.items():
        for column in _sync_columns():
            op.add_column(table, column)
        if table == "set_entry":
            op.add_column(table, sa.Column("unit", sa.String(2), nullable=True))
        if table == "log_batch":
            op.add_column(
                table, sa.Column("kind", sa.String(16), nullable=False, server_default="log")
            )
        ids = [r[0] for r in conn.execute(sa.text(f"SELECT id FROM {table}"))]
        if ids:
            conn.execute(
                sa.text(f"UPDATE {table} SET uuid = :u WHERE id = :i"),
                [{"u": str(uuid.uuid4()), "i": i} for i in ids],
            )
        conn.execute(sa.text(f"UPDATE {table} SET updated_at = {time_column}"))
        if conn.dialect.name != "sqlite":  # SQLite cannot add NOT NULL in place; Spotter fills them
            op.alter_column(table, "uuid", existing_type=sa.String(36), nullable=False)
            op.alter_column(table, "updated_at", existing_type=sa.DateTime, nullable=False)
        op.create_index(f"ux_{table}_uuid", table, ["uuid"], unique=True)
    op.create_table(
        "custom_exercise",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("aliases", sa.Text, nullable=False, server_default=""),
        sa.Column("primary_muscles", sa.Text, nullable=False),
        sa.Column("secondary_muscles", sa.Text, nullable=False, server_default=""),
        sa.Column("equipment", sa.Text, nullable=False, server_default=""),
        sa.Column("load_type", sa.String(32), nullable=False),
        sa.Column("measure", sa.String(16), nullable=False, server_default="reps"),
        sa.Column("mechanic", sa.String(16), nullable=False, server_default="compound"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
        sa.Column("user_id", sa.Integer, nullable=True),
    )
    op.create_index("ix_custom_exercise_slug", "custom_exercise", ["slug"])
    op.create_index("ux_custom_exercise_uuid", "custom_exercise", ["uuid"], unique=True)


def downgrade() -> None:
    op.drop_table("custom_exercise")
    for table in reversed(_SYNCED):
        op.drop_index(f"ux_{table}_uuid", table)
        names = ["user_id", "deleted_at", "updated_at", "uuid"]
        names += ["unit"] if table == "set_entry" else ["kind"] if table == "log_batch" else []
        for name in names:
            op.drop_column(table, name)
