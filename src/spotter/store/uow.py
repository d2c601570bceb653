"""The unit of work: one transaction, committed only when the use case says so."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

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

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Connection | None = None

    def __enter__(self) -> Self:
        self._conn = self._engine.connect()
        self._conn.begin()
        self.profiles = ProfileRepository(self._conn)
        self.log = LogRepository(self._conn)
        self.bodyweight = BodyweightRepository(self._conn)
        self.imports = ImportRepository(self._conn)
        self.exports = ExportRepository(self._conn)
        self.plans = PlanRepository(self._conn)
        self.custom = CustomExerciseRepository(self._conn)
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
