"""Shared fixtures: every test runs with its own data, cache and database folders.

Databases: ``db_url`` gives each test the URL of an empty database migrated to the head revision,
once on SQLite and once on PostgreSQL (marker ``postgres``). The migrations run once per
pytest-xdist worker: on SQLite into a template file copied for each test; on PostgreSQL into the
worker's own database, which is put back to its freshly migrated state before each test (see
:class:`PgWorkerDatabase`). The PostgreSQL server comes from ``SPOTTER_TEST_PG_URL`` (a SQLAlchemy
URL whose role may create databases; ``.ci/run`` starts one); without it the PostgreSQL cases skip
with the reason, except under ``CI=true``, where they fail. ``empty_db_url`` is a database without
any schema, for migration tests.
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sqlalchemy import Engine

pytest_plugins = ["pytester"]  # tests/integration/test_migrations_fixture.py runs this file

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: The environment variable naming the PostgreSQL server the tests may create databases on.
PG_ENV = "SPOTTER_TEST_PG_URL"
#: Every database the fixtures create starts with this, followed by the creating process's id.
PG_PREFIX = "spotter_t"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Spotter's data, cache and database at a temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("SPOTTER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("SPOTTER_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("SPOTTER_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def catalog():  # type: ignore[no-untyped-def]
    """The built-in catalog, loaded once."""
    from spotter.services.catalog import load_catalog

    return load_catalog(None)


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, skipping the test when it is absent."""
    path = SHARED.joinpath("data", *parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (shared data is optional)")
    return path


def in_ci() -> bool:
    """Whether the run is CI's (``CI=true``), where nothing that needs a service may skip."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


# -- databases ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the head once per worker, copied for each test."""
    from spotter.store.db import open_engine

    path = tmp_path_factory.mktemp("db-template") / "template.db"
    open_engine(f"sqlite:///{path}", auto_migrate=True).dispose()
    return path


class PgServer:
    """The PostgreSQL server of ``SPOTTER_TEST_PG_URL``: creates and drops test databases."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        from spotter.store.db import normalize_url

        self.url = make_url(normalize_url(url))
        self.admin: Engine = create_engine(
            self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        self.token = f"{PG_PREFIX}{os.getpid()}_{secrets.token_hex(3)}"
        self._names = itertools.count()
        self.created: list[str] = []

    @cached_property
    def file_copy(self) -> bool:
        """Whether the server knows CREATE DATABASE's STRATEGY (PostgreSQL 15 and later)."""
        with self.admin.connect() as conn:
            return conn.dialect.server_version_info >= (15,)

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        from sqlalchemy import text
        from sqlalchemy.exc import OperationalError

        for attempt in range(40):  # a just-closed session may linger on the template briefly
            try:
                with self.admin.connect() as conn:
                    conn.execute(text(sql))
                return
            except OperationalError as exc:
                if "is being accessed by other users" not in str(exc) or attempt == 39:
                    raise
                time.sleep(0.05)

    def create(self, *, template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``); its name."""
        name = f"{self.token}_{next(self._names)}"
        source = f' TEMPLATE "{template}"' if template else " TEMPLATE template0"
        if self.file_copy:  # copying a small template's files is 3x quicker than WAL logging it
            source += " STRATEGY FILE_COPY"
        self._execute(f'CREATE DATABASE "{name}"{source}')
        self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.created:
            self.created.remove(name)

    def drop_stale(self) -> None:
        """Drop test databases left by runs whose process is gone (a local server only)."""
        from sqlalchemy import text

        if self.url.host not in (None, "", "localhost", "127.0.0.1", "::1"):
            return
        with self.admin.connect() as conn:
            names = conn.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                {"p": f"{PG_PREFIX}%"},
            ).scalars()
            stale = [n for n in names if not _process_alive(n)]
        for name in stale:
            self.drop(name)

    def close(self) -> None:
        for name in list(self.created):
            self.drop(name)
        self.admin.dispose()


def _process_alive(name: str) -> bool:
    """Whether the process whose id a test database's name carries still runs."""
    digits = name.removeprefix(PG_PREFIX).split("_", 1)[0]
    if not digits.isdigit():
        return True
    try:
        os.kill(int(digits), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The test PostgreSQL server; skips (fails under CI=true) when none is configured."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        reason = (
            f"{PG_ENV} is not set: no PostgreSQL server to test on (.ci/run starts one; "
            f"locally: export {PG_ENV}=postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB)"
        )
        if in_ci():
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    from sqlalchemy.exc import SQLAlchemyError

    server = PgServer(url)
    try:
        server.drop_stale()
    except SQLAlchemyError as exc:
        server.admin.dispose()
        pytest.fail(
            f"{PG_ENV} names a server that cannot be used: {exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0]}",
            pytrace=False,
        )
    try:
        yield server
    finally:
        server.close()


class PgWorkerDatabase:
    """A database migrated to the head once per worker and put back to that state before each
    test: other sessions on it ended, every row deleted, the rows the migrations wrote (the local
    user) inserted again and every id sequence restarted after them.

    Creating a database per test (``CREATE DATABASE ... TEMPLATE``) costs a checkpoint each time:
    50 ms on an idle server, over a second on a busy shared one; this reset costs a few
    milliseconds either way.
    """

    def __init__(self, server: PgServer) -> None:
        from sqlalchemy import MetaData, create_engine, select, text

        from spotter.store.db import open_engine

        self.name = server.create()
        self.url = server.url_of(name=self.name)
        open_engine(self.url, auto_migrate=True).dispose()
        self.engine: Engine = create_engine(self.url, pool_size=1, max_overflow=0)
        reflected = MetaData()
        with self.engine.connect() as conn:
            reflected.reflect(conn)
            self.tables = [t for t in reflected.sorted_tables if t.name != "alembic_version"]
            self.seed = {t.name: [dict(r) for r in conn.execute(select(t)).mappings()]
                         for t in self.tables}
            self.sequences = [
                (t.name, seq)
                for t in self.tables
                if "id" in t.c
                for seq in [conn.execute(
                    text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": t.name}
                ).scalar()]
                if seq
            ]

    def reset(self) -> None:
        from sqlalchemy import text

        with self.engine.begin() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            for table in reversed(self.tables):
                conn.execute(table.delete())
            for table in self.tables:
                if self.seed[table.name]:
                    conn.execute(table.insert(), self.seed[table.name])
            for table, seq in self.sequences:
                conn.execute(
                    text(
                        f"SELECT setval(:s, COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1,"
                        " false)"
                    ),
                    {"s": seq},
                )

    def close(self) -> None:
        self.engine.dispose()


@pytest.fixture(scope="session")
def _pg_worker_db(pg_server: PgServer) -> Iterator[PgWorkerDatabase]:
    """This worker's PostgreSQL test database, migrated once."""
    db = PgWorkerDatabase(pg_server)
    yield db
    db.close()


@pytest.fixture(scope="session")
def _pg_template(pg_server: PgServer) -> str:
    """A database migrated to the head once per worker, made only when asked for: the template
    of databases that outlive one test (``pg_server.create(template=...)``, e.g. one per module)."""
    from spotter.store.db import open_engine

    name = pg_server.create()
    open_engine(pg_server.url_of(name), auto_migrate=True).dispose()
    return name


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database at the head revision, this test's alone (both backends)."""
    if request.param == "sqlite":
        path = tmp_path / "spotter.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        return f"sqlite:///{path}"
    db: PgWorkerDatabase = request.getfixturevalue("_pg_worker_db")
    db.reset()
    return db.url


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database without any schema (for migration tests; both backends)."""
    if request.param == "sqlite":
        path = tmp_path / "empty.db"
        path.touch()  # an empty file is an empty SQLite database
        yield f"sqlite:///{path}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create()
    yield server.url_of(name)
    server.drop(name)


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """An engine on :func:`db_url`'s database, disposed after the test."""
    from spotter.store.db import open_engine

    engine = open_engine(db_url, auto_migrate=False)
    yield engine
    engine.dispose()


#: The store adapters a repository contract test runs on: SQLAlchemy on SQLite, the standard
#: library's sqlite3 adapter (``spotter.store.lite``, what the everyday commands use on an
#: up-to-date SQLite file) and SQLAlchemy on PostgreSQL.
STORE_ADAPTERS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("sqlite3", id="sqlite3"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


class StoreUnderTest:
    """A fresh database at the head revision and the adapter under test on it.

    :meth:`uow` opens the adapter's unit of work; :meth:`sql` always the SQLAlchemy one (for the
    steps only the full store offers: imports, exports, accounts); :attr:`engine` reads the rows
    as the SQLAlchemy store sees them.
    """

    def __init__(self, url: str, adapter: str) -> None:
        from spotter.store.db import open_engine

        self.url = url
        self.adapter = adapter
        self.engine = open_engine(url, auto_migrate=False)

    def uow(self, user_id: int = 1):  # type: ignore[no-untyped-def]
        if self.adapter == "sqlite3":
            from spotter.store.lite import lite_path
            from spotter.store.lite.uow import LiteUnitOfWork

            path = lite_path(self.url)
            assert path is not None, "the sqlite3 adapter needs a SQLite file at the head"
            return LiteUnitOfWork(path, user_id)
        return self.sql(user_id)

    def sql(self, user_id: int = 1):  # type: ignore[no-untyped-def]
        from spotter.store.uow import SqlUnitOfWork

        return SqlUnitOfWork(self.engine, user_id)


@pytest.fixture(params=STORE_ADAPTERS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreUnderTest]:
    """A fresh head-revision database with each store adapter in turn (see STORE_ADAPTERS)."""
    if request.param in ("sqlite", "sqlite3"):
        path = tmp_path / "spotter.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        db: PgWorkerDatabase = request.getfixturevalue("_pg_worker_db")
        db.reset()
        url = db.url
    under_test = StoreUnderTest(url, request.param)
    yield under_test
    under_test.engine.dispose()
