"""Alembic migrations of the Spotter store, applied automatically on first use."""

#: Every revision this version of Spotter knows, oldest first; the last one is the head.
#: A test checks this list against the migration scripts.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")
HEAD = REVISIONS[-1]
