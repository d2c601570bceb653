"""Times are stored as UTC instants and read back as the lifter's wall clock, on both databases.

Expected instants are worked out by hand from the zones' published offsets: Pacific/Auckland is
UTC+12 in winter (NZST) and UTC+13 in summer (NZDT); Europe/Berlin is UTC+1 (CET) and UTC+2
(CEST), changing at 01:00 UTC on the last Sundays of March and October (2026: 29 March, clocks
02:00 -> 03:00; 25 October, clocks 03:00 -> 02:00, so 02:00-02:59 happens twice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select, text

from spotter.access.model import Role
from spotter.log import SetRecord
from spotter.store import tables as t
from spotter.store.db import create_store_engine, migrate, open_engine
from spotter.store.uow import SqlUnitOfWork

UTC = dt.UTC
SQUAT = "barbell-back-squat"


def _user(engine: Engine, zone: str) -> int:
    with SqlUnitOfWork(engine) as uow:
        user = uow.accounts.add_user(
            username=f"lifter-{zone.replace('/', '-').lower()}",
            role=Role.LIFTER,
            timezone=zone,
            password_hash=None,
            now=dt.datetime(2026, 1, 1, tzinfo=UTC),
        )
        uow.commit()
    return user.id


def _stored(engine: Engine, user_id: int) -> list[dt.datetime]:
    """The users' set times as the database holds them (aware UTC), in insertion order."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.set_entry.c.performed_at)
            .where(t.set_entry.c.user_id == user_id)
            .order_by(t.set_entry.c.id)
        )
        return [r[0] for r in rows]


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    e = open_engine(db_url, auto_migrate=False)
    yield e
    e.dispose()


def test_a_set_at_23_30_in_auckland_is_stored_as_10_30_utc_and_read_back_on_its_local_day(
    engine: Engine,
) -> None:
    me = _user(engine, "Pacific/Auckland")
    evening = dt.datetime(2026, 11, 9, 23, 30)  # NZDT, UTC+13
    with SqlUnitOfWork(engine, me) as uow:
        uow.log.add_batch("squat", [SetRecord(evening, SQUAT, 100.0, 5)], now=evening)
        uow.commit()
    assert _stored(engine, me) == [dt.datetime(2026, 11, 9, 10, 30, tzinfo=UTC)]
    with SqlUnitOfWork(engine, me) as uow:
        on_the_day = uow.log.sets(
            start=dt.datetime(2026, 11, 9), end=dt.datetime(2026, 11, 10)
        )
        batch = uow.log.last_batch()
    assert [s.performed_at for s in on_the_day] == [evening]
    assert batch is not None and batch.created_at == evening


def test_the_hour_repeated_in_autumn_is_stored_twice_apart_and_keeps_its_fold(
    engine: Engine,
) -> None:
    me = _user(engine, "Europe/Berlin")
    first = dt.datetime(2026, 10, 25, 2, 30)  # CEST, UTC+2
    second = dt.datetime(2026, 10, 25, 2, 30, fold=1)  # CET, UTC+1
    with SqlUnitOfWork(engine, me) as uow:
        uow.log.add_batch(
            "squat", [SetRecord(first, SQUAT, 100.0, 5), SetRecord(second, SQUAT, 100.0, 4)],
            now=second,
        )
        uow.commit()
    assert _stored(engine, me) == [
        dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    ]
    with SqlUnitOfWork(engine, me) as uow:
        back = uow.log.sets()
    assert [(s.reps, s.performed_at, s.performed_at.fold) for s in back] == [
        (5, first, 0),
        (4, second, 1),
    ]


def test_a_time_in_the_skipped_spring_hour_lands_as_far_after_the_gap(engine: Engine) -> None:
    me = _user(engine, "Europe/Berlin")
    with SqlUnitOfWork(engine, me) as uow:
        uow.bodyweight.add(dt.datetime(2026, 3, 29, 2, 30), 80.0)  # 02:00-03:00 never happened
        uow.commit()
    with engine.connect() as conn:
        stored = conn.execute(select(t.bodyweight.c.measured_at)).scalar_one()
    assert stored == dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # read with CET, UTC+1
    with SqlUnitOfWork(engine, me) as uow:
        assert uow.bodyweight.all() == [(dt.datetime(2026, 3, 29, 3, 30), 80.0)]  # CEST


def test_an_aware_time_is_stored_as_the_instant_it_names(engine: Engine) -> None:
    me = _user(engine, "Europe/Berlin")
    at = dt.datetime(2026, 6, 1, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=-7)))  # 13:00 UTC
    with SqlUnitOfWork(engine, me) as uow:
        uow.log.add_batch("squat", [SetRecord(at, SQUAT, 100.0, 5)], now=at)
        uow.commit()
    assert _stored(engine, me) == [dt.datetime(2026, 6, 1, 13, 0, tzinfo=UTC)]
    with SqlUnitOfWork(engine, me) as uow:
        assert [s.performed_at for s in uow.log.sets()] == [dt.datetime(2026, 6, 1, 15, 0)]


def test_an_import_reads_the_apps_local_times_in_the_lifters_zone_across_both_changes(
    engine: Engine, catalog: object
) -> None:
    from spotter.science.units import Unit
    from spotter.services.import_flow import read_log_file, store_import

    me = _user(engine, "Europe/Berlin")
    header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
    csv = header + (
        '2026-03-29 02:30:00,"Spring",45m,"Squat (Barbell)",1,100,5,,,,,\n'
        '2026-10-25 02:30:00,"Autumn",45m,"Squat (Barbell)",1,100,5,,,,,\n'
        '2026-07-01 18:00:00,"Summer",45m,"Squat (Barbell)",1,100,5,,,,,\n'
    )
    draft = read_log_file(
        catalog,  # type: ignore[arg-type]
        csv.encode(),
        app_format="strong",
        unit=Unit.KG,
        today=dt.date(2026, 12, 1),
    )
    store_import(SqlUnitOfWork(engine, me), catalog, draft, label="import strong")  # type: ignore[arg-type]
    assert sorted(_stored(engine, me)) == [
        dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # skipped hour: read with CET
        dt.datetime(2026, 7, 1, 16, 0, tzinfo=UTC),  # CEST
        dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # repeated hour: the first, CEST
    ]
    with engine.connect() as conn:
        starts = sorted(
            r[0]
            for r in conn.execute(
                select(t.workout.c.started_at).where(t.workout.c.user_id == me)
            )
        )
    assert starts[1] == dt.datetime(2026, 7, 1, 16, 0, tzinfo=UTC)


# -- the migration ------------------------------------------------------------------------------


@pytest.fixture
def store_0006(empty_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A 0006 store on a machine in Auckland: the local lifter's set of 23:30 on 9 November (local,
    as 0006 kept it), and a Berlin lifter's set of 18:00 on 15 January (their local time)."""
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    engine = create_store_engine(empty_db_url)
    migrate(engine, "0006")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO app_user (id, uuid, username, display_name, role, timezone,"
                " created_at, failed_logins) VALUES (2, 'b0b0b0b0-0000-4000-8000-000000000002',"
                " 'berlin', '', 'lifter', 'Europe/Berlin', :at, 0)"
            ),
            {"at": dt.datetime(2026, 1, 1)},
        )
        for user, at, sid in (
            (1, dt.datetime(2026, 11, 9, 23, 30), 1),
            (2, dt.datetime(2026, 1, 15, 18, 0), 2),
        ):
            conn.execute(
                text(
                    "INSERT INTO log_batch (id, created_at, command, kind, uuid, updated_at,"
                    " user_id) VALUES (:i, :at, 'squat', 'log', :u, :stamp, :user)"
                ),
                {"i": sid, "at": at, "u": f"00000000-0000-4000-8000-00000000010{sid}",
                 "stamp": dt.datetime(2026, 11, 9, 10, 31), "user": user},
            )
            conn.execute(
                text(
                    "INSERT INTO workout (id, started_at, source, uuid, updated_at, user_id)"
                    " VALUES (:i, :at, 'manual', :u, :stamp, :user)"
                ),
                {"i": sid, "at": at, "u": f"00000000-0000-4000-8000-00000000020{sid}",
                 "stamp": dt.datetime(2026, 11, 9, 10, 31), "user": user},
            )
            conn.execute(
                text(
                    "INSERT INTO set_entry (id, workout_id, batch_id, position, performed_at,"
                    " exercise, set_type, load_kg, bodyweight, reps, uuid, updated_at, user_id)"
                    " VALUES (:i, :i, :i, 0, :at, 'barbell-back-squat', 'working', 100, :f, 5,"
                    " :u, :stamp, :user)"
                ),
                {"i": sid, "at": at, "f": False, "u": f"00000000-0000-4000-8000-00000000030{sid}",
                 "stamp": dt.datetime(2026, 11, 9, 10, 31), "user": user},
            )
    yield engine
    engine.dispose()


def _raw_times(engine: Engine) -> dict[str, list[dt.datetime]]:
    with engine.connect() as conn:
        sets = conn.execute(select(t.set_entry.c.performed_at).order_by(t.set_entry.c.id))
        stamps = conn.execute(select(t.set_entry.c.updated_at).order_by(t.set_entry.c.id))
        return {"sets": [r[0] for r in sets], "stamps": [r[0] for r in stamps]}


def test_the_migration_moves_local_times_to_utc_with_each_owners_zone_and_back(
    store_0006: Engine,
) -> None:
    engine = store_0006
    migrate(engine)
    assert _raw_times(engine) == {
        "sets": [
            dt.datetime(2026, 11, 9, 10, 30, tzinfo=UTC),  # 23:30 NZDT (UTC+13), the machine's
            dt.datetime(2026, 1, 15, 17, 0, tzinfo=UTC),  # 18:00 CET (UTC+1), Berlin's own
        ],
        "stamps": [dt.datetime(2026, 11, 9, 10, 31, tzinfo=UTC)] * 2,  # already UTC: unchanged
    }
    with engine.connect() as conn:
        local_zone = conn.execute(text("SELECT timezone FROM app_user WHERE id = 1")).scalar_one()
    assert local_zone == ""  # the local lifter lives where the machine is
    with SqlUnitOfWork(engine, 1) as uow:
        assert [s.performed_at for s in uow.log.sets()] == [dt.datetime(2026, 11, 9, 23, 30)]
    with SqlUnitOfWork(engine, 2) as uow:
        assert [s.performed_at for s in uow.log.sets()] == [dt.datetime(2026, 1, 15, 18, 0)]

    migrate_down(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT performed_at FROM set_entry ORDER BY id")).all()
        local_zone = conn.execute(text("SELECT timezone FROM app_user WHERE id = 1")).scalar_one()
    back = [r[0] if isinstance(r[0], dt.datetime) else dt.datetime.fromisoformat(r[0]) for r in rows]
    assert back == [dt.datetime(2026, 11, 9, 23, 30), dt.datetime(2026, 1, 15, 18, 0)]
    assert local_zone == "UTC"


def migrate_down(engine: Engine) -> None:
    from pathlib import Path

    from alembic import command
    from alembic.config import Config

    import spotter.store.db as db

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
