"""A small store adapter over the standard library's ``sqlite3``, for the everyday commands.

``spotter log``, ``next``, ``today`` and ``exercises show`` read a few rows and write one batch;
importing SQLAlchemy for that costs more than the whole command should take. On an embedded SQLite
file that is already at the head revision, the composition root (:mod:`spotter.compose`) hands
these commands a :class:`~spotter.store.lite.uow.LiteUnitOfWork` instead of the SQLAlchemy one:
the same repository contract (the repository tests run against both), the same SQL semantics
(UTC instants stored as SQLAlchemy's SQLite text, the lifter's wall times converted with their
zone, uuids that make a retried write a no-op, tombstones for undo). Anything else (PostgreSQL, a
missing file, a schema to migrate, any other command) keeps the SQLAlchemy path, which migrates
and reports.

Nothing here imports SQLAlchemy or Alembic (tests/unit/test_architecture.py keeps it so).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from spotter.store.migrations import HEAD


def sqlite_file(url: str) -> Path | None:
    """The existing file of a ``sqlite:///PATH`` URL without query options, else None.

    >>> sqlite_file("sqlite://") is None, sqlite_file("sqlite:///:memory:") is None
    (True, True)
    >>> sqlite_file("postgresql://u@host/db") is None
    True
    """
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    name = url[len("sqlite:///") :]
    if not name or name == ":memory:":
        return None
    path = Path(name)
    return path if path.is_file() else None


def schema_revision(path: Path) -> str | None:
    """The revision recorded in the SQLite file's ``alembic_version`` (read-only), or None when
    it has none or cannot be read."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.Error:
        return None
    finally:
        con.close()


def lite_path(url: str) -> Path | None:
    """The SQLite file the light adapter may open for ``url``: an existing, writable file at
    this Spotter's head revision. None sends the caller to the SQLAlchemy store (which creates,
    migrates or refuses, and says why)."""
    import os

    path = sqlite_file(url)
    if path is None or not os.access(path, os.R_OK | os.W_OK):
        return None
    return path if schema_revision(path) == HEAD else None
