"""The sqlite3 adapter of the everyday commands beside the SQLAlchemy store: what one writes the
other reads back the same, and the composition root picks it only where it is safe (an embedded
SQLite file already at the head revision)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from spotter.access import Role
from spotter.compose import Runtime
from spotter.config import Settings
from spotter.log import SetRecord
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.planning.model.stored import StoredPlan
from spotter.store.db import open_engine
from spotter.store.lite.uow import LiteUnitOfWork
from spotter.store.migrations import REVISIONS
from spotter.store.uow import SqlUnitOfWork

#: A lifter in Berlin: 2026-10-25 02:30 happens twice there (clocks go back at 03:00 CEST).
FIRST = dt.datetime(2026, 10, 25, 2, 30)  # 00:30 UTC
SECOND = dt.datetime(2026, 10, 25, 2, 30, fold=1)  # 01:30 UTC
NOW = dt.datetime(2026, 10, 25, 9, 0)


@pytest.fixture
def berlin(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, int]:
    """A head-revision SQLite file with a second user who lives in Europe/Berlin."""
    path = tmp_path / "spotter.db"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
    engine = open_engine(f"sqlite:///{path}", auto_migrate=False)
    with SqlUnitOfWork(engine) as uow:
        user = uow.accounts.add_user(
            username="greta", role=Role.LIFTER, timezone="Europe/Berlin", password_hash=None,
            now=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
        )
        uow.commit()
    engine.dispose()
    return path, user.id


def _sets() -> list[SetRecord]:
    return [
        SetRecord(FIRST, "barbell-back-squat", 100.0, 5, rpe=8, unit="kg"),
        SetRecord(SECOND, "barbell-back-squat", 102.5, 4, rpe=9, unit="kg", notes="the hour again"),
        SetRecord(FIRST, "pull-up", -20.0, 8, bodyweight=True, superset=1),
        SetRecord(FIRST, "plank", seconds=60.0, set_type="warmup"),
    ]


def _without_ids(records: list[SetRecord]) -> list[tuple[object, ...]]:
    return [
        (r.performed_at, r.performed_at.fold, r.exercise, r.load_kg, r.reps, r.seconds, r.rpe,
         r.set_type, r.bodyweight, r.notes, r.superset, r.unit, r.uuid)
        for r in records
    ]


def test_sets_written_by_the_sqlite3_adapter_read_back_the_same_through_sqlalchemy(
    berlin: tuple[Path, int],
) -> None:
    path, user = berlin
    with LiteUnitOfWork(path, user) as uow:
        batch = uow.log.add_batch("squat and friends", _sets(), now=NOW)
        uow.commit()
    engine = open_engine(f"sqlite:///{path}", auto_migrate=False)
    with SqlUnitOfWork(engine, user) as uow:
        read = uow.log.sets()
        stored = uow.log.get_batch(str(batch))
    engine.dispose()
    # both 02:30s kept apart, in the order they happened, each with its own fold
    assert [(r.performed_at.hour, r.performed_at.fold) for r in read[:3]] == [(2, 0), (2, 0), (2, 0)]
    assert (read[-1].performed_at, read[-1].performed_at.fold, read[-1].load_kg) == (
        SECOND, 1, 102.5,
    )
    assert stored is not None and stored.created_at == NOW and stored.set_count == 4
    with sqlite3.connect(path) as con:  # stored as UTC instants
        times = sorted({r[0] for r in con.execute("SELECT performed_at FROM set_entry")})
    assert times == ["2026-10-25 00:30:00.000000", "2026-10-25 01:30:00.000000"]


def test_sets_written_through_sqlalchemy_read_back_the_same_through_the_sqlite3_adapter(
    berlin: tuple[Path, int],
) -> None:
    path, user = berlin
    second_hour = {"start": SECOND, "end": SECOND.replace(minute=31)}  # replace keeps the fold
    engine = open_engine(f"sqlite:///{path}", auto_migrate=False)
    with SqlUnitOfWork(engine, user) as uow:
        uow.log.add_batch("squat and friends", _sets(), now=NOW)
        uow.commit()
        sql_view = uow.log.sets()
        sql_second = uow.log.sets(**second_hour)
    engine.dispose()
    with LiteUnitOfWork(path, user) as lite:
        lite_view = lite.log.sets()
        lite_second = lite.log.sets(**second_hour)
    assert [r.notes for r in lite_second] == [r.notes for r in sql_second] == ["the hour again"]
    assert _without_ids(lite_view) == _without_ids(sql_view)
    assert [r.id for r in lite_view] == [r.id for r in sql_view]


def _fails_half_way(path: Path, user: int) -> None:
    with LiteUnitOfWork(path, user) as uow:
        uow.log.add_batch("half", _sets(), now=NOW)
        raise RuntimeError("the use case failed half-way")


def test_nothing_is_written_when_the_block_ends_without_a_commit(berlin: tuple[Path, int]) -> None:
    path, user = berlin
    with pytest.raises(RuntimeError):
        _fails_half_way(path, user)
    with LiteUnitOfWork(path, user) as uow:
        assert uow.log.sets() == [] and uow.log.batches(include_undone=True) == []


def _settings(tmp_path: Path, url: str) -> Settings:
    return Settings(db_url=url, data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")


def test_the_quick_unit_of_work_is_the_sqlite3_adapter_only_on_an_up_to_date_sqlite_file(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    current = tmp_path / "current.db"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), current)
    rt = Runtime(_settings(tmp_path, f"sqlite:///{current}"))
    assert isinstance(rt.quick_uow(), LiteUnitOfWork)
    rt.close()

    missing = tmp_path / "new" / "spotter.db"  # created and migrated by the SQLAlchemy store
    rt = Runtime(_settings(tmp_path, f"sqlite:///{missing}"))
    assert isinstance(rt.quick_uow(), SqlUnitOfWork) and missing.exists()
    rt.close()

    behind = tmp_path / "behind.db"
    open_engine(f"sqlite:///{behind}", auto_migrate=True).dispose()
    with sqlite3.connect(behind) as con:
        con.execute("UPDATE alembic_version SET version_num = ?", (REVISIONS[-2],))
    rt = Runtime(_settings(tmp_path, f"sqlite:///{behind}"))
    assert isinstance(rt.quick_uow(), SqlUnitOfWork)
    rt.close()

    newer = tmp_path / "newer.db"
    shutil.copyfile(current, newer)
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    rt = Runtime(_settings(tmp_path, f"sqlite:///{newer}"))
    from spotter.store.db import StoreError

    with pytest.raises(StoreError, match="newer than this Spotter knows"):
        rt.quick_uow()
    rt.close()


def _plan(name: str, start: dt.date) -> StoredPlan:
    week = WeekPlan(
        (
            Session("mon", (Slot("barbell-bench-press", 3, 5, 8, 2, 150, "double"),)),
            Session("thu", (Slot("barbell-back-squat", 4, 5, 5, 2, 180),)),
        )
    )
    deload = WeekPlan(week.sessions, deload=True)
    return StoredPlan(
        0, name, "full-body-3", dt.datetime(2026, 10, 24, 7, 15, 30, 250000, tzinfo=dt.UTC),
        start, True, Mesocycle((week, deload)), (("Upper", "Lower"),) * 2,
        emphasis=("back",), avoid=("leg-press",), favourites=("pull-up",), fill=True,
        warnings=("recovery: tue",), imported=True,
    )


def test_a_plan_saved_by_the_sqlite3_adapter_reads_back_the_same_through_sqlalchemy(
    berlin: tuple[Path, int],
) -> None:
    path, user = berlin
    engine = open_engine(f"sqlite:///{path}", auto_migrate=False)
    with SqlUnitOfWork(engine, user) as uow:  # an older plan, saved the SQLAlchemy way
        uow.plans.add(_plan("Older", dt.date(2026, 10, 5)))
        uow.commit()
    newer = _plan("Newer", dt.date(2026, 10, 26))
    with LiteUnitOfWork(path, user) as lite:
        saved = lite.plans.add(newer)
        lite.commit()
    with SqlUnitOfWork(engine, user) as uow:
        older_back, newer_back = uow.plans.all()
        assert uow.plans.active() == newer_back
    with SqlUnitOfWork(engine) as uow:  # another lifter's plans are not theirs
        assert uow.plans.count() == 0
    engine.dispose()
    assert not older_back.active and newer_back.active
    assert newer_back == saved == dataclasses.replace(newer, id=saved.id)
    assert newer_back.weeks == 2 and newer_back.mesocycle.weeks[1].deload
