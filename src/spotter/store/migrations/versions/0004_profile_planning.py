"""The profile's planning wishes: rows to emphasise, exercises or muscles to avoid, favourites.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profile") as batch:
        for name in ("emphasis", "avoid", "favourites"):
            batch.add_column(sa.Column(name, sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("profile") as batch:
        for name in ("favourites", "avoid", "emphasis"):
            batch.drop_column(name)
