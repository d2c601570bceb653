"""Alembic migrations of the Spotter store, applied by ``spotter db upgrade`` (and, for the embedded
SQLite file, by the command line on first use). They run on SQLite and PostgreSQL alike."""

#: Every revision this version of Spotter knows, oldest first; the last one is the head.
#: A test checks this list against the migration scripts.
REVISIONS: tuple[str, ...] = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008_utc_times", "0009_address_events"
)
HEAD = REVISIONS[-1]
