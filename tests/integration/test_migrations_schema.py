"""The migrations build the same schema on SQLite and PostgreSQL, and the one tables.py declares.

SQLite cannot tighten a column or add a foreign key in place (0005 and 0006 add ``uuid``,
``updated_at`` and ``user_id`` with ALTER TABLE ADD COLUMN; rebuilding those tables would
cascade-delete the sets), so there those columns stay nullable and without the foreign key, and
the repositories fill them. That list is written out below: any other difference fails.

SQLite has no zone-aware time type: its time columns reflect as ``DateTime(timezone=False)`` and
hold UTC text, where PostgreSQL has ``timestamptz``; every other type must match exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect

from conftest import PgServer
from spotter.store.db import open_engine
from spotter.store.tables import metadata

#: The tables that existed before 0006 and gained ``user_id`` then (0005 added the column).
_OWNED_BEFORE_0006 = ("log_batch", "workout", "set_entry", "bodyweight", "plan", "custom_exercise")
#: Columns NOT NULL on PostgreSQL that SQLite leaves nullable (added to existing tables).
SQLITE_NULLABLE = frozenset(
    {(t, c) for t in _OWNED_BEFORE_0006 for c in ("uuid", "updated_at", "user_id")}
    - {("custom_exercise", "uuid"), ("custom_exercise", "updated_at")}  # created NOT NULL in 0005
    | {("profile", "user_id")}
)
#: Foreign keys PostgreSQL has that SQLite cannot add to an existing table.
SQLITE_NO_FK = frozenset({(t, ("user_id",)) for t in (*_OWNED_BEFORE_0006, "profile")})


def _default(value: str | None) -> str | None:
    """A server default without PostgreSQL's casts, parentheses and quotes.

    >>> _default("'log'::character varying"), _default("'0'"), _default("(0)")
    ('log', '0', '0')
    >>> _default("nextval('plan_id_seq'::regclass)") is None
    True
    """
    if value is None or value.startswith("nextval("):  # a serial key's sequence: no default
        return None
    value = re.sub(r"::[a-z ]+(\(\d+\))?", "", value).strip()
    while value.startswith("(") and value.endswith(")"):
        value = value[1:-1].strip()
    return value.strip("'")


def _type(column: dict[str, Any]) -> str:
    """A column's type as the generic SQLAlchemy type with its length (VARCHAR(36) -> String(36))."""
    generic = column["type"].as_generic()
    name = type(generic).__name__
    if name in {"Text", "Unicode", "UnicodeText"}:
        return "Text"
    length = getattr(generic, "length", None)
    if name == "String" and length:
        return f"String({length})"
    if name == "DateTime":
        return f"DateTime(timezone={bool(getattr(generic, 'timezone', False))})"
    if name in {"Double", "Numeric", "REAL"}:
        return "Float"
    return name


def _lite_kind(pg_kind: str) -> str:
    """The type SQLite reflects for a column of PostgreSQL type ``pg_kind``.

    >>> _lite_kind("DateTime(timezone=True)"), _lite_kind("String(36)")
    ('DateTime(timezone=False)', 'String(36)')
    """
    return "DateTime(timezone=False)" if pg_kind == "DateTime(timezone=True)" else pg_kind


def snapshot(engine: Engine) -> dict[str, dict[str, Any]]:
    """Tables with their columns (type, nullability, default), unique keys, indexes and FKs."""
    insp = inspect(engine)
    tables: dict[str, dict[str, Any]] = {}
    for table in sorted(insp.get_table_names()):
        columns = {
            c["name"]: (_type(c), bool(c["nullable"]), _default(c.get("default")))
            for c in insp.get_columns(table)
        }
        # a unique constraint and a unique index on the same columns are the same guarantee
        keys = {(tuple(u["column_names"]), True) for u in insp.get_unique_constraints(table)}
        keys |= {
            (tuple(i["column_names"]), bool(i["unique"]))
            for i in insp.get_indexes(table)
            if not i.get("duplicates_constraint")
        }
        fks = {
            (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
            for f in insp.get_foreign_keys(table)
        }
        pk = tuple(insp.get_pk_constraint(table)["constrained_columns"])
        tables[table] = {"columns": columns, "keys": keys, "fks": fks, "pk": pk}
    return tables


@pytest.fixture
def migrated_pair(tmp_path: Path, pg_server: PgServer) -> Iterator[tuple[Engine, Engine]]:
    """Two empty databases, SQLite and PostgreSQL, migrated to the head by the same code."""
    lite = open_engine(f"sqlite:///{tmp_path / 'lite.db'}", auto_migrate=True)
    name = pg_server.create()
    pg = open_engine(pg_server.url_of(name), auto_migrate=True)
    yield lite, pg
    lite.dispose()
    pg.dispose()
    pg_server.drop(name)


@pytest.mark.postgres
def test_sqlite_and_postgresql_get_the_same_tables_columns_and_indexes(
    migrated_pair: tuple[Engine, Engine],
) -> None:
    lite, pg = (snapshot(e) for e in migrated_pair)
    assert lite.keys() == pg.keys()
    assert "app_user" in pg and "set_entry" in pg
    for table in pg:
        assert lite[table]["pk"] == pg[table]["pk"], table
        assert lite[table]["keys"] == pg[table]["keys"], table
        assert lite[table]["columns"].keys() == pg[table]["columns"].keys(), table
        for column, (kind, nullable, default) in pg[table]["columns"].items():
            l_kind, l_nullable, l_default = lite[table]["columns"][column]
            where = f"{table}.{column}"
            assert _lite_kind(kind) == l_kind, where
            assert l_default == default, where
            assert l_nullable == (nullable or (table, column) in SQLITE_NULLABLE), where
        missing = {(t, cols) for t in [table] for cols, *_ in pg[table]["fks"]} - {
            (table, cols) for cols, *_ in lite[table]["fks"]
        }
        assert missing <= SQLITE_NO_FK, table
        assert lite[table]["fks"] <= pg[table]["fks"], table


@pytest.mark.postgres
def test_every_postgresql_id_draws_from_a_sequence(migrated_pair: tuple[Engine, Engine]) -> None:
    _, pg = migrated_pair
    insp = inspect(pg)
    for table in insp.get_table_names():
        if table == "alembic_version":
            continue
        ids = {c["name"]: c for c in insp.get_columns(table)}
        assert str(ids["id"].get("default", "")).startswith("nextval("), table


@pytest.mark.postgres
def test_the_postgresql_schema_is_the_one_tables_py_declares(
    migrated_pair: tuple[Engine, Engine],
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    _, pg = migrated_pair
    with pg.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        diffs = compare_metadata(context, metadata)
    # tables.py says unique=True on profile.user_id (a constraint), 0006 makes a unique index:
    # the same guarantee, spelled two ways
    def same_guarantee(diff: Any) -> bool:
        if isinstance(diff, tuple) and diff[0] in {"remove_index", "add_constraint"}:
            item = diff[1]
            return item.table.name == "profile" and [c.name for c in item.columns] == ["user_id"]
        return False

    assert [d for d in diffs if not same_guarantee(d)] == []


@pytest.mark.postgres
def test_every_postgresql_time_column_holds_an_instant(migrated_pair: tuple[Engine, Engine]) -> None:
    from spotter.store.times import UtcDateTime

    _, pg = migrated_pair
    insp = inspect(pg)
    declared = {
        (table.name, c.name) for table in metadata.tables.values() for c in table.columns
        if isinstance(c.type, UtcDateTime)
    }
    assert ("set_entry", "performed_at") in declared
    naive = [
        f"{table}.{c['name']}"
        for table, column in sorted(declared)
        for c in insp.get_columns(table)
        if c["name"] == column and _type(c) != "DateTime(timezone=True)"
    ]
    assert naive == []


def test_every_declared_table_exists_after_migrating_an_empty_database(empty_db_url: str) -> None:
    engine = open_engine(empty_db_url, auto_migrate=True)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert set(metadata.tables) | {"alembic_version"} == tables
