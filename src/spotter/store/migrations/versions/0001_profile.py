"""The lifter's profile.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("units", sa.String(2), nullable=False),
        sa.Column("goal", sa.String(16), nullable=False),
        sa.Column("experience", sa.String(16), nullable=False),
        sa.Column("training_days", sa.String(32), nullable=False),
        sa.Column("minutes_per_session", sa.Integer, nullable=False),
        sa.Column("equipment", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("profile")
