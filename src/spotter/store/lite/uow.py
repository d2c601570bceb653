"""The light unit of work: one ``sqlite3`` connection and transaction per ``with`` block.

Like :class:`spotter.store.uow.SqlUnitOfWork` it is opened for one user, rolls back unless
:meth:`commit` was called, and enforces foreign keys; it offers the repositories the everyday
commands use (profile, log, plans, custom exercises). It expects a database at the head revision:
the composition root checks that before choosing it (:func:`spotter.store.lite.lite_path`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Self

from spotter.access.model import LOCAL_USER_ID
from spotter.store.lite.log import LiteLogRepository
from spotter.store.lite.repos import LiteCustomRepository, LitePlanRepository, LiteProfileRepository


class LiteUnitOfWork:
    """Opens a connection and a transaction on ``path``; rolls back unless committed."""

    profiles: LiteProfileRepository
    log: LiteLogRepository
    plans: LitePlanRepository
    custom: LiteCustomRepository

    def __init__(self, path: Path, user_id: int = LOCAL_USER_ID) -> None:
        self.path = path
        self.user_id = user_id
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> Self:
        # autocommit mode with an explicit BEGIN: one transaction for the whole block, reads
        # included (the sqlite3 module would otherwise open one only before the first write)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN")
        self._conn = conn
        user = self.user_id
        self.log = LiteLogRepository(conn, user)
        self.profiles = LiteProfileRepository(conn, user)
        self.plans = LitePlanRepository(conn, user)
        self.custom = LiteCustomRepository(conn, user)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        conn, self._conn = self._conn, None
        assert conn is not None
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        finally:
            conn.close()

    def commit(self) -> None:
        assert self._conn is not None, "use the unit of work in a with block"
        self._conn.execute("COMMIT")
        self._conn.execute("BEGIN")  # what follows in the block is a new transaction
