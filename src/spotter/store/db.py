"""Opening the store: the engine, checks that the place is usable, explicit migrations.

Two backends run the same schema: an embedded SQLite file (the command line's default, migrated
on first use when the caller allows it) and a PostgreSQL server (``postgresql+psycopg://``, for
``spotter serve`` with many users), which is never migrated silently: a server refuses to start
behind the head revision and says to run ``spotter db upgrade``.

Alembic is imported only when a migration runs, so commands on an up-to-date database start
quickly. Errors never show a password: URLs are rendered with it masked.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from spotter.errors import SpotterError
from spotter.store.migrations import HEAD, REVISIONS


class StoreError(SpotterError, RuntimeError):
    """The database cannot be used; nothing was changed."""


#: The pip package that provides each database driver module SQLAlchemy may ask for.
DRIVER_PACKAGES: dict[str, str] = {
    "psycopg": "psycopg[binary]",
    "psycopg2": "psycopg2-binary",
    "asyncpg": "asyncpg",
    "pg8000": "pg8000",
    "MySQLdb": "mysqlclient",
    "pymysql": "PyMySQL",
    "mysql": "mysql-connector-python",
    "mariadb": "mariadb",
    "pyodbc": "pyodbc",
    "pymssql": "pymssql",
    "oracledb": "oracledb",
    "cx_Oracle": "cx_Oracle",
}

#: Connections a server process keeps open to PostgreSQL, and how many more it may open at peaks.
#: 10 + 20 stays well inside PostgreSQL's default of 100 connections with a few processes.
PG_POOL_SIZE = 10
PG_MAX_OVERFLOW = 20
#: Seconds to wait for a PostgreSQL server to answer before saying it is unreachable.
PG_CONNECT_TIMEOUT = 10
#: The advisory lock key that serialises concurrent upgrades of one PostgreSQL database.
_MIGRATION_LOCK = 0x5370_6F74  # "Spot"


def normalize_url(url: str) -> str:
    """The SQLAlchemy URL to open: ``postgres://`` and ``postgresql://`` use psycopg 3.

    psycopg 3 is the PostgreSQL driver Spotter installs; SQLAlchemy would otherwise pick
    psycopg2 for a bare ``postgresql://``.

    >>> normalize_url("postgres://u@db.example/spotter")
    'postgresql+psycopg://u@db.example/spotter'
    >>> normalize_url("postgresql://u@db.example/spotter")
    'postgresql+psycopg://u@db.example/spotter'
    >>> normalize_url("sqlite:///tmp/spotter.db")
    'sqlite:///tmp/spotter.db'
    """
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def display_url(url: str | URL) -> str:
    """The URL with its password masked, for messages.

    >>> display_url("postgresql+psycopg://spotter:s3cret@db.example:5432/spotter")
    'postgresql+psycopg://spotter:***@db.example:5432/spotter'
    """
    try:
        u = make_url(url) if isinstance(url, str) else url
    except (SQLAlchemyError, ValueError):
        return "<an unreadable database URL>"
    return u.render_as_string(hide_password=True)


def _missing_driver(url: str, exc: ImportError) -> StoreError:
    module = (exc.name or "").split(".")[0]
    package = DRIVER_PACKAGES.get(module, module or "the driver")
    try:
        backend = make_url(url).get_backend_name()
    except (SQLAlchemyError, ValueError):
        backend = "this"
    return StoreError(
        f"cannot open the database {display_url(url)}: the {backend} driver {module!r} is not "
        f"installed; install it with `pip install {package}` (or give a SQLite file path). "
        "Nothing was changed."
    )


def _unreachable(u: URL, exc: SQLAlchemyError) -> StoreError:
    """A PostgreSQL connection failure, said in one paragraph without a traceback."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = reason[0] if reason else exc.__class__.__name__
    # psycopg repeats the address: "connection failed: connection to server at "h", port p
    # failed: Connection refused"; the message below names it once
    first = re.sub(r'^(connection failed: )?connection to server at "[^"]*"(, port \d+)? failed: ',
                   "", first)
    where = f"{u.host or 'localhost'}:{u.port or 5432}"
    return StoreError(
        f"cannot connect to the PostgreSQL server at {where} (database {u.database!r}, user "
        f"{u.username!r}): {first}. Check that the server is running and accepts connections "
        "there, that the user, password and database exist, or give another URL with --db or "
        "SPOTTER_DB. Nothing was changed."
    )


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _check_writable(path: Path) -> None:
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"database {path} is not writable; nothing was changed")
        return
    parent = path.parent
    existing = parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise StoreError(
            f"cannot create the database at {path}: {existing} is not a writable directory; "
            "nothing was changed"
        )


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _fk(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()


def create_store_engine(url: str) -> Engine:
    """An engine with Spotter's options for the URL's backend; it connects on first use.

    PostgreSQL: a pool sized for a server, connections checked before use (a restarted server
    does not fail the next request), a connect timeout, and the session time zone set to UTC
    (every stored time is UTC). SQLite: foreign keys enforced.
    Raises :class:`StoreError` for an unreadable URL or a driver that is not installed.
    """
    url = normalize_url(url)
    try:
        u = make_url(url)
        backend = u.get_backend_name()
        if backend == "postgresql":
            connect_args: dict[str, object] = {
                "connect_timeout": PG_CONNECT_TIMEOUT,
                "application_name": "spotter",
                "options": "-c timezone=UTC",
            }
            engine = create_engine(
                u,
                pool_pre_ping=True,
                pool_size=PG_POOL_SIZE,
                max_overflow=PG_MAX_OVERFLOW,
                pool_recycle=1800,
                connect_args=connect_args,
            )
        else:
            engine = create_engine(u)
    except ImportError as exc:
        raise _missing_driver(url, exc) from exc
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot read the database URL {display_url(url)!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _enable_sqlite_foreign_keys(engine)
    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Where a database's schema stands against this version of Spotter."""

    current: str | None  #: the recorded revision; None for an empty database
    head: str  #: the newest revision this Spotter knows
    pending: tuple[str, ...]  #: revisions an upgrade would apply, oldest first
    known: bool  #: False when the database is newer than this Spotter

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def pending_revisions(current: str | None) -> tuple[str, ...]:
    """The revisions after ``current`` up to the head (all of them for an empty database).

    >>> pending_revisions(REVISIONS[-2]) == (HEAD,)
    True
    >>> pending_revisions(HEAD)
    ()
    """
    if current is None:
        return REVISIONS
    if current not in REVISIONS:
        return ()
    return REVISIONS[REVISIONS.index(current) + 1 :]


def schema_status(engine: Engine) -> SchemaStatus:
    """The database's revision, the head and what an upgrade would apply."""
    current = current_revision(engine)
    return SchemaStatus(
        current=current,
        head=HEAD,
        pending=pending_revisions(current),
        known=current is None or current in REVISIONS,
    )


def migrate(engine: Engine, target: str = HEAD) -> None:
    """Apply the migrations up to ``target`` in one transaction.

    On PostgreSQL an advisory lock makes a second process that upgrades at the same time wait
    and then find nothing left to do.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    """What ``spotter db upgrade`` did."""

    database: str  #: the URL, password masked
    from_revision: str | None  #: None: the database was empty
    to_revision: str
    applied: tuple[str, ...]  #: the revisions applied, oldest first (empty: already up to date)


def _prepare_sqlite(url: str, *, create: bool) -> Path | None:
    """The SQLite file of ``url`` (None for another backend or memory), checked usable and, with
    ``create``, its folder made."""
    try:
        path = _sqlite_path(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot read the database URL {display_url(url)!r}: {exc}") from exc
    if path is not None and create:
        _check_writable(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder {path.parent} for the database: "
                f"{exc.strerror or exc}; nothing was changed"
            ) from exc
    return path


def database_status(url: str) -> tuple[str, SchemaStatus]:
    """The masked URL and the schema status of the database at ``url``, changing nothing (a
    SQLite file that does not exist is reported empty, not created)."""
    url = normalize_url(url)
    path = _prepare_sqlite(url, create=False)
    shown = display_url(url)
    if path is not None and not path.exists():
        return shown, SchemaStatus(current=None, head=HEAD, pending=REVISIONS, known=True)
    engine = create_store_engine(url)
    try:
        return shown, schema_status(engine)
    except (SQLAlchemyError, ValueError) as exc:
        raise _connection_error(engine, exc) from exc
    finally:
        engine.dispose()


def upgrade_database(url: str) -> UpgradeResult:
    """Migrate the database at ``url`` to the head revision (creating a SQLite file if needed).

    Raises :class:`StoreError` for an unusable place, an unreachable server or a schema newer than
    this Spotter; a failed migration is rolled back whole (one transaction).
    """
    url = normalize_url(url)
    _prepare_sqlite(url, create=True)
    engine = create_store_engine(url)
    shown = display_url(url)
    try:
        try:
            before = schema_status(engine)
        except (SQLAlchemyError, ValueError) as exc:
            raise _connection_error(engine, exc) from exc
        if not before.known:
            raise StoreError(
                f"the database {shown} has schema revision {before.current!r}, newer than this "
                f"Spotter knows (it knows up to {HEAD!r}); upgrade Spotter instead. "
                "Nothing was changed."
            )
        if before.pending:
            try:
                migrate(engine)
            except SQLAlchemyError as exc:
                raise StoreError(
                    f"the upgrade of {shown} failed and was rolled back: {exc}"
                ) from exc
        return UpgradeResult(shown, before.current, HEAD, before.pending)
    finally:
        engine.dispose()


def _connection_error(engine: Engine, exc: SQLAlchemyError | ValueError) -> StoreError:
    if engine.dialect.name == "postgresql" and isinstance(exc, SQLAlchemyError):
        return _unreachable(engine.url, exc)
    return StoreError(
        f"cannot open the database {display_url(engine.url)}: {exc.__class__.__name__}: {exc}"
    )


def open_engine(url: str, *, auto_migrate: bool | None = None) -> Engine:
    """An engine on an up-to-date database.

    ``auto_migrate``: True creates and migrates the schema on first use; False refuses a database
    behind the head revision (a server: "run `spotter db upgrade`"); None (the default) migrates
    an embedded SQLite file and nothing else.

    Raises :class:`StoreError` when the place is not writable or reachable, the driver is
    missing, the schema is newer than this version of Spotter knows, or it is behind and may not
    be migrated; in every case nothing is changed.
    """
    url = normalize_url(url)
    path = _prepare_sqlite(url, create=auto_migrate is not False)
    if path is not None and auto_migrate is False and not path.exists():
        raise StoreError(
            f"the database {path} does not exist yet; run `spotter db upgrade --db {path}` "
            "to create it. Nothing was changed."
        )
    engine = create_store_engine(url)
    if auto_migrate is None:
        auto_migrate = engine.dialect.name == "sqlite"
    shown = display_url(engine.url)
    try:
        rev = current_revision(engine)
    except ImportError as exc:
        engine.dispose()
        raise _missing_driver(url, exc) from exc
    except (SQLAlchemyError, ValueError) as exc:  # ValueError: a path the OS cannot take
        engine.dispose()
        raise _connection_error(engine, exc) from exc
    if rev is not None and rev not in REVISIONS:
        engine.dispose()
        raise StoreError(
            f"the database {shown} has schema revision {rev!r}, newer than this Spotter knows "
            f"(it knows up to {HEAD!r}); upgrade Spotter to use it. Nothing was changed."
        )
    if rev != HEAD:
        if not auto_migrate:
            engine.dispose()
            state = "has no Spotter schema yet" if rev is None else f"is at revision {rev!r}"
            raise StoreError(
                f"the database {shown} {state}, behind this Spotter's {HEAD!r}; run "
                f"`spotter db upgrade --db URL` (with this database's URL) first. "
                "Nothing was changed."
            )
        try:
            migrate(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"could not prepare the database {shown}: {exc}") from exc
    return engine
