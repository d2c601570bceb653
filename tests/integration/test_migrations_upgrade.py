"""Upgrading a database that holds data: a 0005 store (the last single-user schema) to the head,
on SQLite and PostgreSQL, keeps every row, its id and values, and new rows get fresh ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from spotter.log import SetRecord
from spotter.store.db import StoreError, create_store_engine, current_revision, migrate, open_engine
from spotter.store.migrations import HEAD
from spotter.store.uow import SqlUnitOfWork

AT = dt.datetime(2026, 10, 5, 17, 30)
#: (id, load_kg, bodyweight flag, reps): a pull-up with added load and two squats, odd ids on
#: purpose, so that a renumbering or a sequence left at 1 shows.
SETS = [(40, 20.0, True, 6), (41, 102.5, False, 5), (47, 102.5, False, 4)]


def _fill_0005(engine: Engine) -> None:
    """Rows as Spotter 0005 wrote them (values chosen by hand, booleans as booleans)."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO profile (id, units, goal, experience, training_days,"
                " minutes_per_session, equipment, emphasis, avoid, favourites, updated_at)"
                " VALUES (1, 'kg', 'hypertrophy', 'advanced', 'tue,sat', 75, 'long-bar', 'back',"
                " '', '', :at)"
            ),
            {"at": AT},
        )
        conn.execute(
            text(
                "INSERT INTO log_batch (id, created_at, command, kind, uuid, updated_at)"
                " VALUES (17, :at, 'pull-up +20kg 6; squat 102.5kg 5,4', 'log', :u, :at)"
            ),
            {"at": AT, "u": "9d1c7c9e-3f0a-4b53-9b7a-2a4f3e0c0017"},
        )
        conn.execute(
            text(
                "INSERT INTO workout (id, started_at, source, uuid, updated_at)"
                " VALUES (23, :at, 'manual', :u, :at)"
            ),
            {"at": AT, "u": "9d1c7c9e-3f0a-4b53-9b7a-2a4f3e0c0023"},
        )
        for position, (sid, kg, flag, reps) in enumerate(SETS):
            conn.execute(
                text(
                    "INSERT INTO set_entry (id, workout_id, batch_id, position, performed_at,"
                    " exercise, set_type, load_kg, bodyweight, reps, unit, uuid, updated_at)"
                    " VALUES (:i, 23, 17, :p, :at, :ex, 'working', :kg, :bw, :r, 'kg', :u, :at)"
                ),
                {
                    "i": sid, "p": position, "at": AT + dt.timedelta(minutes=3 * position),
                    "ex": "pull-up" if flag else "barbell-back-squat", "kg": kg, "bw": flag,
                    "r": reps, "u": f"9d1c7c9e-3f0a-4b53-9b7a-2a4f3e0c00{sid}",
                },
            )
        for active, pid in ((False, 3), (True, 5)):
            conn.execute(
                text(
                    "INSERT INTO plan (id, name, created_at, start_date, weeks, active, mesocycle,"
                    " request, uuid, updated_at) VALUES (:i, :n, :at, :d, 4, :a, '{}', '{}', :u,"
                    " :at)"
                ),
                {
                    "i": pid, "n": f"block {pid}", "at": AT, "d": AT.date(), "a": active,
                    "u": f"9d1c7c9e-3f0a-4b53-9b7a-2a4f3e0c000{pid}",
                },
            )


@pytest.fixture
def store_0005(empty_db_url: str) -> Iterator[tuple[str, Engine]]:
    engine = create_store_engine(empty_db_url)
    migrate(engine, "0005")
    _fill_0005(engine)
    yield empty_db_url, engine
    engine.dispose()


def test_a_server_refuses_a_0005_database_until_it_is_upgraded(
    store_0005: tuple[str, Engine],
) -> None:
    url, engine = store_0005
    with pytest.raises(StoreError, match=r"revision '0005'.*spotter db upgrade"):
        open_engine(url, auto_migrate=False)
    assert current_revision(engine) == "0005"


def test_the_upgrade_keeps_every_row_with_its_id_and_values(store_0005: tuple[str, Engine]) -> None:
    _, engine = store_0005
    migrate(engine)
    assert current_revision(engine) == HEAD
    with engine.connect() as conn:
        sets = conn.execute(
            text("SELECT id, load_kg, bodyweight, reps, user_id FROM set_entry ORDER BY id")
        ).all()
        plans = conn.execute(text("SELECT id, active, user_id FROM plan ORDER BY id")).all()
        batch = conn.execute(text("SELECT id, command, user_id FROM log_batch")).one()
    assert [tuple(r) for r in sets] == [(i, kg, bw, reps, 1) for i, kg, bw, reps in SETS]
    assert [tuple(r) for r in plans] == [(3, False, 1), (5, True, 1)]
    assert tuple(batch) == (17, "pull-up +20kg 6; squat 102.5kg 5,4", 1)
    with SqlUnitOfWork(engine) as uow:
        assert uow.log.count_sets() == 3
        profile = uow.profiles.get()
        assert profile is not None and profile.emphasis == ("back",)
        assert uow.plans.count() == 2


def test_rows_written_after_the_upgrade_get_ids_past_the_old_ones(
    store_0005: tuple[str, Engine],
) -> None:
    _, engine = store_0005
    migrate(engine)
    day = dt.datetime(2026, 10, 7, 18, 0)
    records = [SetRecord(day + dt.timedelta(minutes=m), "barbell-back-squat", 105.0, 3)
               for m in range(8)]  # more sets than the old ids leave room for below 47
    with SqlUnitOfWork(engine) as uow:
        uow.log.add_batch("squat 105kg 8x3", records, now=day)
        uow.commit()
    with engine.connect() as conn:
        new_ids = [r[0] for r in conn.execute(text("SELECT id FROM set_entry WHERE id > 47"))]
        batches = [r[0] for r in conn.execute(text("SELECT id FROM log_batch ORDER BY id"))]
    assert len(new_ids) == 8
    assert batches[0] == 17 and batches[1] > 17
