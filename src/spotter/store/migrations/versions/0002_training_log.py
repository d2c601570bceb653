"""The training log: workouts, sets, bodyweight, and log batches for undo.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "log_batch",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("command", sa.Text, nullable=False),
    )
    op.create_table(
        "workout",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("duration_s", sa.Integer, nullable=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("source_key", sa.String(200), nullable=True, unique=True),
    )
    op.create_index("ix_workout_started_at", "workout", ["started_at"])
    op.create_table(
        "set_entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "workout_id",
            sa.Integer,
            sa.ForeignKey("workout.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "batch_id",
            sa.Integer,
            sa.ForeignKey("log_batch.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("performed_at", sa.DateTime, nullable=False),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("set_type", sa.String(16), nullable=False),
        sa.Column("load_kg", sa.Float, nullable=True),
        sa.Column("bodyweight", sa.Boolean, nullable=False),
        sa.Column("reps", sa.Integer, nullable=True),
        sa.Column("seconds", sa.Float, nullable=True),
        sa.Column("meters", sa.Float, nullable=True),
        sa.Column("rpe", sa.Float, nullable=True),
        sa.Column("rir", sa.Float, nullable=True),
        sa.Column("tempo", sa.String(32), nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("superset", sa.Integer, nullable=True),
        sa.Column("source_key", sa.String(200), nullable=True, unique=True),
    )
    op.create_index("ix_set_entry_workout_id", "set_entry", ["workout_id"])
    op.create_index("ix_set_entry_batch_id", "set_entry", ["batch_id"])
    op.create_index("ix_set_entry_exercise_time", "set_entry", ["exercise", "performed_at"])
    op.create_index("ix_set_entry_time", "set_entry", ["performed_at"])
    op.create_table(
        "bodyweight",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("measured_at", sa.DateTime, nullable=False),
        sa.Column("kg", sa.Float, nullable=False),
    )
    op.create_index("ix_bodyweight_measured_at", "bodyweight", ["measured_at"])


def downgrade() -> None:
    op.drop_table("bodyweight")
    op.drop_table("set_entry")
    op.drop_table("workout")
    op.drop_table("log_batch")
