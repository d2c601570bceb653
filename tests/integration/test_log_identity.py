"""Migration 0005: every synced row gets a uuid and updated_at, on a fresh and an upgraded store."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from spotter.log import SetRecord
from spotter.store.db import current_revision, migrate, open_engine
from spotter.store.migrations import HEAD
from spotter.store.uow import SqlUnitOfWork

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
SYNCED = ("log_batch", "workout", "set_entry", "bodyweight", "plan")


def test_a_fresh_database_has_uuids_and_tombstone_columns_on_every_synced_table(
    db_url: str,
) -> None:
    engine = open_engine(db_url, auto_migrate=False)
    assert current_revision(engine) == HEAD
    with engine.connect() as conn:
        for table in (*SYNCED, "custom_exercise"):
            cols = {c["name"] for c in inspect(conn).get_columns(table)}
            assert {"uuid", "updated_at", "deleted_at", "user_id"} <= cols, table
        assert "unit" in {c["name"] for c in inspect(conn).get_columns("set_entry")}
    with SqlUnitOfWork(engine) as uow:
        uow.log.add_batch(
            "squat 3x5 100kg",
            [SetRecord(dt.datetime(2026, 11, 20, 9), "barbell-back-squat", 100.0, 5, unit="kg")],
            now=dt.datetime(2026, 11, 20, 9),
        )
        uow.commit()
    with engine.connect() as conn:
        for table in ("log_batch", "workout", "set_entry"):
            for uuid, updated in conn.execute(text(f"SELECT uuid, updated_at FROM {table}")):
                assert UUID.match(uuid) and updated is not None, table


def test_a_0004_database_with_a_log_is_upgraded_without_losing_a_set(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    migrate(old, "0004")
    with old.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=ON"))
        conn.execute(
            text("INSERT INTO log_batch (id, created_at, command) VALUES (1, '2026-11-20 10:00:00', 'x')")
        )
        conn.execute(
            text(
                "INSERT INTO workout (id, started_at, source) VALUES (1, '2026-11-20 10:00:00', 'manual'),"
                " (2, '2026-11-21 10:00:00', 'strong')"
            )
        )
        for i in range(1, 7):
            conn.execute(
                text(
                    "INSERT INTO set_entry (id, workout_id, batch_id, position, performed_at, exercise,"
                    " set_type, load_kg, bodyweight, reps) VALUES (:i, :w, :b, :i, "
                    "'2026-11-20 10:00:00', 'barbell-back-squat', 'working', 100, 0, 5)"
                ),
                {"i": i, "w": 1 if i <= 3 else 2, "b": 1 if i <= 3 else None},
            )
        conn.execute(text("INSERT INTO bodyweight (measured_at, kg) VALUES ('2026-11-20', 80)"))
    old.dispose()
    engine = open_engine(url)
    assert current_revision(engine) == HEAD
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, batch_id, uuid, updated_at FROM set_entry")).all()
        assert len(rows) == 6  # nothing cascaded away while columns were added
        assert [r[1] for r in rows] == [1, 1, 1, None, None, None]
        assert len({r[2] for r in rows}) == 6 and all(UUID.match(r[2]) for r in rows)
        assert all(r[3] is not None for r in rows)
        for table in SYNCED:
            missing = conn.execute(text(f"SELECT count(*) FROM {table} WHERE uuid IS NULL")).scalar()
            assert missing == 0, table
        assert conn.execute(text("SELECT kind FROM log_batch")).scalar() == "log"
    with SqlUnitOfWork(engine) as uow:
        assert uow.log.count_sets() == 6
        assert uow.log.last_batch().command == "x"  # type: ignore[union-attr]
