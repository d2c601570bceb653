"""Opening the store: the engine, checks that the place is usable, migrations on first use.

Alembic is imported only when the database is behind the code's head revision, so commands on an
up-to-date database start quickly.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
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


def _missing_driver(url: str, exc: ImportError) -> StoreError:
    module = (exc.name or "").split(".")[0]
    package = DRIVER_PACKAGES.get(module, module or "the driver")
    try:
        backend = make_url(url).get_backend_name()
    except (SQLAlchemyError, ValueError):
        backend = "this"
    return StoreError(
        f"cannot open the database {url}: the {backend} driver {module!r} is not installed; "
        f"install it with `pip install {package}` (or give a SQLite file path). "
        "Nothing was changed."
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


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def migrate(engine: Engine, target: str = HEAD) -> None:
    """Apply the migrations up to ``target`` in one transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def open_engine(url: str) -> Engine:
    """An engine on an up-to-date database, created and migrated on first use.

    Raises :class:`StoreError` when the place is not writable or the schema is newer than this
    version of Spotter knows; in both cases nothing is changed.
    """
    try:
        path = _sqlite_path(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot read the database URL {url!r}: {exc}") from exc
    if path is not None:
        _check_writable(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder {path.parent} for the database: "
                f"{exc.strerror or exc}; nothing was changed"
            ) from exc
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            _enable_sqlite_foreign_keys(engine)
        rev = current_revision(engine)
    except ImportError as exc:
        raise _missing_driver(url, exc) from exc
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(
            f"cannot open the database {url}: {exc.__class__.__name__}: {exc}"
        ) from exc
    if rev is not None and rev not in REVISIONS:
        engine.dispose()
        raise StoreError(
            f"the database {url} has schema revision {rev!r}, newer than this Spotter knows "
            f"(it knows up to {HEAD!r}); upgrade Spotter to use it. Nothing was changed."
        )
    if rev != HEAD:
        try:
            migrate(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"could not prepare the database {url}: {exc}") from exc
    return engine
