"""The composition root: settings, engine, catalog, units of work and the clock, built in one place.

The CLI builds one :class:`Runtime` per invocation (for the local user); a server builds one per
process and opens a unit of work per request for the caller's user. Nothing is built at import
time, and each part is built on first use: a catalog read never opens the database, and a command
that never touches the database imports neither SQLAlchemy nor Alembic.

Two units of work: :meth:`Runtime.uow` (SQLAlchemy, every repository, both databases; it
migrates or refuses as allowed) and :meth:`Runtime.quick_uow` for the everyday commands, which is
the standard library's ``sqlite3`` adapter (:mod:`spotter.store.lite`) when the database is an
embedded SQLite file already at the head revision, and the SQLAlchemy one otherwise.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from spotter.config import Settings
from spotter.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy import Engine as Engine

    from spotter.knowledge.catalog import Catalog
    from spotter.store.lite.uow import LiteUnitOfWork
    from spotter.store.uow import SqlUnitOfWork


def utc_now() -> dt.datetime:
    """The current instant, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


def zone(name: str | None) -> dt.tzinfo:
    """The time zone of an IANA name (None or empty: UTC).

    >>> zone("Europe/Berlin").key, zone(None)
    ('Europe/Berlin', datetime.timezone.utc)

    Raises :class:`ValidationError` (field ``timezone``) for a name the zone database lacks.
    """
    if not name or name == "UTC":
        return dt.UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            f"unknown time zone {name!r}; expected an IANA name such as 'Europe/Berlin' or 'UTC'",
            field="timezone",
        ) from exc


def local_zone() -> dt.tzinfo:
    """The time zone of this machine's clock: the CLI's lifter is where the terminal is."""
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


class Runtime:
    """Everything a use case needs from the outside world, built lazily and kept for reuse.

    ``user_id`` is the user the CLI acts for (default: the local lifter); a server leaves it at the
    local user and passes each request's user to :meth:`uow` and :meth:`catalog_for`.
    ``auto_migrate`` decides whether opening the database may upgrade its schema: by default only
    an embedded SQLite database is migrated on first use; a server passes False.
    ``clock`` replaces the wall clock (tests); it must return aware datetimes.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        user_id: int | None = None,
        auto_migrate: bool | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        from spotter.access.model import LOCAL_USER_ID

        self.settings = settings
        self.user_id = LOCAL_USER_ID if user_id is None else user_id
        self.auto_migrate = auto_migrate
        self._clock = clock or utc_now
        self._lock = threading.Lock()
        self._engine: Engine | None = None

    # -- the database ---------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The engine on the settings' database (opened, and migrated if allowed, on first use)."""
        if self._engine is None:
            with self._lock:  # one engine even when several threads ask at once
                if self._engine is None:
                    from spotter.store.db import open_engine

                    self._engine = open_engine(
                        self.settings.db_url, auto_migrate=self.auto_migrate
                    )
        return self._engine

    def uow(self, user_id: int | None = None) -> SqlUnitOfWork:
        """A unit of work scoped to ``user_id`` (default: the runtime's user)."""
        from spotter.store.uow import SqlUnitOfWork

        return SqlUnitOfWork(self.engine, self.user_id if user_id is None else user_id)

    def quick_uow(self, user_id: int | None = None) -> LiteUnitOfWork | SqlUnitOfWork:
        """A unit of work for the everyday commands (profile, log, plans, custom exercises).

        On an existing, writable SQLite file at the head revision: the ``sqlite3`` adapter, which
        imports no SQLAlchemy (checked once per runtime; an engine already open is reused
        instead). Otherwise :meth:`uow`, which creates, migrates or refuses as allowed.
        """
        user = self.user_id if user_id is None else user_id
        if self._engine is None:
            path = self._lite_path
            if path is not None:
                from spotter.store.lite.uow import LiteUnitOfWork

                return LiteUnitOfWork(path, user)
        return self.uow(user)

    @cached_property
    def _lite_path(self) -> Path | None:
        from spotter.store.lite import lite_path

        return lite_path(self.settings.db_url)

    def close(self) -> None:
        """Release the engine's connections (when one was opened)."""
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()

    # -- the catalog ----------------------------------------------------------------------------

    @cached_property
    def base_catalog(self) -> Catalog:
        """The built-in catalog plus the entry files in the user's data folder."""
        from spotter.services.catalog import load_catalog

        return load_catalog(self.settings)

    @cached_property
    def catalog(self) -> Catalog:
        """:attr:`base_catalog` plus the runtime user's custom exercises in the database."""
        return self.catalog_for(self.user_id)

    def catalog_for(self, user_id: int) -> Catalog:
        """:attr:`base_catalog` plus ``user_id``'s custom exercises (read fresh on every call).

        A SQLite file that does not exist yet is not created just to look, and one without custom
        exercises is checked with the standard library alone, so catalog reads stay quick and
        import neither SQLAlchemy nor Alembic. An unusable database gives the base catalog: the
        command that needs the database reports the problem.
        """
        from spotter.errors import SpotterError

        base = self.base_catalog
        url = self.settings.db_url
        if url.startswith("sqlite:"):
            path = sqlite_file(url)
            if path is None or not _has_custom_rows(path):
                return base
        from spotter.services.custom_exercises import list_custom, with_custom

        try:
            return with_custom(base, list_custom(self.quick_uow(user_id)))
        except SpotterError:
            return base

    # -- time -----------------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        """The current instant, timezone-aware (UTC)."""
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the runtime's clock must return timezone-aware datetimes")
        return now.astimezone(dt.UTC)

    def today(self, user_tz: str | None = None) -> dt.date:
        """Today's date where the user lives (``user_tz``, an IANA name; None: UTC)."""
        return self.now().astimezone(zone(user_tz)).date()


def sqlite_file(url: str) -> Path | None:
    """The existing file of a ``sqlite:///PATH`` URL, else None (memory, missing, odd URL).

    >>> sqlite_file("sqlite://") is None, sqlite_file("sqlite:///:memory:") is None
    (True, True)
    """
    rest = url.split("?", 1)[0].removeprefix("sqlite:")
    if not rest.startswith("///"):
        return None
    name = rest[3:]
    if not name or name == ":memory:":
        return None
    path = Path(name)
    return path if path.is_file() else None


def _has_custom_rows(path: Path) -> bool:
    """Whether the SQLite file holds a live custom exercise of anyone (read-only; any doubt
    says yes)."""
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return True
    try:
        row = con.execute(
            "SELECT count(*) FROM custom_exercise WHERE deleted_at IS NULL"
        ).fetchone()
        return bool(row and row[0])
    except sqlite3.OperationalError as exc:
        return "no such table" not in str(exc)  # a database from before custom exercises
    except sqlite3.Error:
        return True
    finally:
        con.close()
