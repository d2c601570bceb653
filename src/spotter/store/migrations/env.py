"""Alembic environment: runs on the connection that Spotter hands over.

Batch mode (copying a table to change it) is what SQLite needs for most ALTERs; PostgreSQL alters
in place, so it is asked for only on SQLite.
"""

from __future__ import annotations

from alembic import context

from spotter.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
