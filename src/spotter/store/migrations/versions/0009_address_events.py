"""Per-address limits shared by every server process: ``address_event``.

Failed logins and registrations per client address were counted in each process's memory, so two
uvicorn workers allowed twice as many. Each event is now a row (kind, address, time), counted by
every process on the database; rows older than the limit's window are deleted as new ones come.

Revision ID: 0009_address_events
Revises: 0008_utc_times
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_address_events"
down_revision = "0008_utc_times"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "address_event" in sa.inspect(op.get_bind()).get_table_names():
        return  # a database stamped behind its schema (restored, or by hand): nothing to add
    op.create_table(
        "address_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_address_event_kind_address_at", "address_event", ["kind", "address", "at"]
    )


def downgrade() -> None:
    op.drop_index("ix_address_event_kind_address_at", "address_event")
    op.drop_table("address_event")
