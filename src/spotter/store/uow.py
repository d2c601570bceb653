"""The unit of work: one transaction, committed only when the use case says so.

It is opened for one user (the local lifter by default): every training repository on it reads and
writes only that user's rows. ``accounts`` is the exception, unscoped: users, links, sessions,
tokens, audit events and comments, for the services that decide who may see what.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from spotter.access.model import LOCAL_USER_ID
from spotter.store.accounts_repo import AccountsRepository
from spotter.store.custom_repo import CustomExerciseRepository
from spotter.store.repositories import (
    BodyweightRepository,
    ExportRepository,
    ImportRepository,
    LogRepository,
    PlanRepository,
    ProfileRepository,
)


class SqlUnitOfWork:
    """Opens a connection and a transaction; rolls back unless :meth:`commit` was called."""

    profiles: ProfileRepository
    log: LogRepository
    bodyweight: BodyweightRepository
    imports: ImportRepository
    exports: ExportRepository
    plans: PlanRepository
    custom: CustomExerciseRepository
    accounts: AccountsRepository

    def __init__(self, engine: Engine, user_id: int = LOCAL_USER_ID) -> None:
        self._engine = engine
        self._conn: Connection | None = None
        self.user_id = user_id

    def __enter__(self) -> Self:
        self._conn = self._engine.connect()
        self._conn.begin()
        user = self.user_id
        self.profiles = ProfileRepository(self._conn, user)
        self.log = LogRepository(self._conn, user)
        self.bodyweight = BodyweightRepository(self._conn, user)
        self.imports = ImportRepository(self._conn, user)
        self.exports = ExportRepository(self._conn, user)
        self.plans = PlanRepository(self._conn, user)
        self.custom = CustomExerciseRepository(self._conn, user)
        self.accounts = AccountsRepository(self._conn)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._conn is not None
        try:
            self._conn.rollback()  # no-op after commit
        finally:
            self._conn.close()
            self._conn = None

    @property
    def connection(self) -> Connection:
        assert self._conn is not None, "use the unit of work in a with block"
        return self._conn

    def commit(self) -> None:
        self.connection.commit()
