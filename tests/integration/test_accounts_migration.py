"""Migration 0006: a 0005 store with data becomes the local user's, nothing lost or renumbered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text

import spotter.store.db
from spotter.access import LOCAL_USER_ID, Role
from spotter.knowledge.custom import CustomExercise
from spotter.log import SetRecord
from spotter.store.db import current_revision, migrate, normalize_url
from spotter.store.uow import SqlUnitOfWork

T = "2026-11-20 10:00:00"


def _insert_0005_data(engine: Engine) -> None:
    """A small 0005 store: 2 batches, 2 workouts, 5 sets, 2 bodyweights, a plan, a custom
    exercise and the profile, with ids chosen by hand (not 1, 2, 3 in a row) so a renumbering
    shows."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO profile (id, units, goal, experience, training_days,"
                " minutes_per_session, equipment, emphasis, avoid, favourites, updated_at)"
                " VALUES (1, 'lb', 'strength', 'novice', 'mon,thu', 60, 'long-bar', '', '', '', :t)"
            ),
            {"t": T},
        )
        for bid, uuid in ((3, "b0000000-0000-4000-8000-000000000003"),
                          (8, "b0000000-0000-4000-8000-000000000008")):
            conn.execute(
                text(
                    "INSERT INTO log_batch (id, created_at, command, kind, uuid, updated_at)"
                    " VALUES (:i, :t, 'squat 3x5 100kg', 'log', :u, :t)"
                ),
                {"i": bid, "t": T, "u": uuid},
            )
        for wid, key in ((4, None), (9, "strong|2026-11-21")):
            conn.execute(
                text(
                    "INSERT INTO workout (id, started_at, source, source_key, uuid, updated_at)"
                    " VALUES (:i, :t, 'manual', :k, :u, :t)"
                ),
                {"i": wid, "t": T, "k": key, "u": f"w0000000-0000-4000-8000-00000000000{wid}"},
            )
        for sid, wid, bid in ((11, 4, 3), (12, 4, 3), (13, 4, 3), (21, 9, 8), (22, 9, 8)):
            conn.execute(
                text(
                    "INSERT INTO set_entry (id, workout_id, batch_id, position, performed_at,"
                    " exercise, set_type, load_kg, bodyweight, reps, uuid, updated_at)"
                    " VALUES (:i, :w, :b, 0, :t, 'barbell-back-squat', 'working', 100.0, :f, 5,"
                    " :u, :t)"
                ),
                {"i": sid, "w": wid, "b": bid, "t": T, "f": False,
                 "u": f"s0000000-0000-4000-8000-0000000000{sid}"},
            )
        for bw, kg in ((5, 80.5), (6, 80.1)):
            conn.execute(
                text(
                    "INSERT INTO bodyweight (id, measured_at, kg, uuid, updated_at)"
                    " VALUES (:i, :t, :kg, :u, :t)"
                ),
                {"i": bw, "t": T, "kg": kg, "u": f"g0000000-0000-4000-8000-00000000000{bw}"},
            )
        conn.execute(
            text(
                "INSERT INTO custom_exercise (id, slug, name, primary_muscles, load_type,"
                " created_at, uuid, updated_at) VALUES (2, 'ring-row', 'Ring row', 'lats',"
                " 'bodyweight', :t, 'c0000000-0000-4000-8000-000000000002', :t)"
            ),
            {"t": T},
        )


@pytest.fixture
def old_engine(empty_db_url: str) -> Iterator[Engine]:
    """A 0005 database with data, on SQLite and on PostgreSQL."""
    engine = create_engine(normalize_url(empty_db_url))
    migrate(engine, "0005")
    _insert_0005_data(engine)
    yield engine
    engine.dispose()


def _ids(engine: Engine, table: str) -> list[tuple[int, int | None]]:
    with engine.connect() as conn:
        return [
            (int(r[0]), r[1])
            for r in conn.execute(text(f"SELECT id, user_id FROM {table} ORDER BY id"))
        ]


def test_the_upgrade_creates_the_local_user_with_id_1_and_no_password(old_engine: Engine) -> None:
    migrate(old_engine, "0006")
    with old_engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, username, role, timezone, password_hash FROM app_user")
        ).all()
    assert [tuple(r) for r in rows] == [(LOCAL_USER_ID, "local", "lifter", "UTC", None)]


def test_every_existing_row_keeps_its_id_and_belongs_to_user_1(old_engine: Engine) -> None:
    migrate(old_engine, "0006")
    assert _ids(old_engine, "log_batch") == [(3, 1), (8, 1)]
    assert _ids(old_engine, "workout") == [(4, 1), (9, 1)]
    assert _ids(old_engine, "set_entry") == [(11, 1), (12, 1), (13, 1), (21, 1), (22, 1)]
    assert _ids(old_engine, "bodyweight") == [(5, 1), (6, 1)]
    assert _ids(old_engine, "custom_exercise") == [(2, 1)]
    assert _ids(old_engine, "profile") == [(1, 1)]


def test_the_local_user_reads_the_old_data_through_the_unit_of_work(old_engine: Engine) -> None:
    migrate(old_engine, "0006")
    with SqlUnitOfWork(old_engine) as uow:
        assert uow.log.count_sets() == 5
        assert [b.id for b in uow.log.batches()] == [8, 3]
        assert [kg for _, kg in uow.bodyweight.all()] == [80.5, 80.1]
        profile = uow.profiles.get()
        assert profile is not None and profile.units == "lb"
        assert uow.custom.get("ring-row") is not None


def test_after_the_upgrade_a_second_user_writes_beside_the_first(old_engine: Engine) -> None:
    migrate(old_engine, "0006")
    now = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    with SqlUnitOfWork(old_engine) as uow:
        other = uow.accounts.add_user(
            username="ana", role=Role.LIFTER, timezone="UTC", password_hash=None, now=now
        )
        uow.commit()
    assert other.id == 2
    with SqlUnitOfWork(old_engine, user_id=other.id) as uow:
        # the same set uuid and custom slug as user 1's are fine for another user
        uow.log.add_batch(
            "squat 1x5 60kg",
            [SetRecord(dt.datetime(2026, 12, 1, 9), "barbell-back-squat", 60.0, 5,
                       uuid="s0000000-0000-4000-8000-000000000011")],
            now=dt.datetime(2026, 12, 1, 9),
        )
        uow.custom.add(
            CustomExercise("ring-row", "Ring row", ("lats",), (), (), "bodyweight"),
            now=dt.datetime(2026, 12, 1, 9),
        )
        uow.commit()
    assert _ids(old_engine, "set_entry")[-1] == (23, 2)
    with SqlUnitOfWork(old_engine) as uow:
        assert uow.log.count_sets() == 5


def test_the_downgrade_takes_the_accounts_away_and_keeps_the_log(old_engine: Engine) -> None:
    migrate(old_engine, "0006")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(spotter.store.db.__file__).parent / "migrations"))
    with old_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    assert current_revision(old_engine) == "0005"
    assert [i for i, _ in _ids(old_engine, "set_entry")] == [11, 12, 13, 21, 22]
