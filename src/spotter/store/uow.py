"""The unit of work: one transaction, committed only when the use case says so.

It is opened for one user (the local lifter by default): every training repository on it reads and
writes only that user's rows. ``accounts`` is the exception, unscoped: users, links, sessions,
tokens, audit events and comments, for the services that decide who may see what. ``zone`` is
the user's time zone, with which the repositories read and write the log's wall-clock times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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
from spotter.store.times import UserZone


@dataclass
class AuditNote:
    """A change someone makes on another user's behalf, to be recorded with the change itself.

    Given to a unit of work, it is written as an ``audit_event`` in the transaction of the first
    commit (so the change and its record stand or fall together); ``recorded`` then says so, and
    the same note given to later units of work is not written again.
    """

    actor_id: int
    subject_id: int
    action: str
    target: str
    at: datetime
    recorded: bool = False


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
    zone: UserZone

    def __init__(
        self, engine: Engine, user_id: int = LOCAL_USER_ID, *, audit: AuditNote | None = None
    ) -> None:
        self._engine = engine
        self._conn: Connection | None = None
        self.user_id = user_id
        self.audit = audit

    def __enter__(self) -> Self:
        self._conn = self._engine.connect()
        self._conn.begin()
        user = self.user_id
        self.zone = UserZone(self._conn, user)  # looked up once, on the first wall time
        self.profiles = ProfileRepository(self._conn, user)
        self.log = LogRepository(self._conn, user, self.zone)
        self.bodyweight = BodyweightRepository(self._conn, user, self.zone)
        self.imports = ImportRepository(self._conn, user, self.zone)
        self.exports = ExportRepository(self._conn, user, self.zone)
        self.plans = PlanRepository(self._conn, user)
        self.custom = CustomExerciseRepository(self._conn, user, self.zone)
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
        note = self.audit
        if note is not None and not note.recorded:
            self.accounts.add_event(
                actor_id=note.actor_id,
                subject_id=note.subject_id,
                action=note.action,
                target=note.target,
                at=note.at,
            )
        self.connection.commit()
        if note is not None:
            note.recorded = True
