"""Use cases for any user: `next` and `today` read only the asked user's data, in their unit,
and "today" is the date where the user lives."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from spotter.access import LOCAL_USER_ID, Role
from spotter.errors import NotFoundError
from spotter.log import SetRecord
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.planning.model.stored import StoredPlan
from spotter.profile import Profile
from spotter.science.units import Unit
from spotter.services.next_set import next_set
from spotter.services.results import to_data
from spotter.services.today_view import today_for
from spotter.services.training import TrainingError
from spotter.store.uow import SqlUnitOfWork

LB = 0.45359237
MONDAY = dt.date(2026, 11, 30)
PROFILE = Profile(
    units="kg",
    goal="hypertrophy",
    experience="novice",
    training_days=("mon",),
    minutes_per_session=60,
    equipment=("full-gym",),
)


def _plan() -> StoredPlan:
    week = WeekPlan((Session("mon", (Slot("barbell-back-squat", 3, 6, 10, 2, 180),)),))
    return StoredPlan(
        id=0,
        name="Mondays",
        template=None,
        created_at=dt.datetime(2026, 11, 29),
        start_date=MONDAY,
        active=True,
        mesocycle=Mesocycle(weeks=(week, week, week)),
        session_names=(("Squat day",), ("Squat day",), ("Squat day",)),
    )


def _second_lifter(engine: Engine) -> int:
    with SqlUnitOfWork(engine) as uow:
        bea = uow.accounts.add_user(
            username="bea",
            role=Role.LIFTER,
            timezone="Europe/Berlin",
            password_hash=None,
            now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        )
        uow.commit()
    return bea.id


def test_next_reads_only_the_asked_users_sets_and_answers_in_their_unit(
    db_engine: Engine, catalog  # type: ignore[no-untyped-def]
) -> None:
    bea = _second_lifter(db_engine)
    day = dt.datetime(2026, 11, 30, 18)
    with SqlUnitOfWork(db_engine, bea) as uow:
        sets = [SetRecord(day, "barbell-bench-press", 135 * LB, 5, unit="lb") for _ in range(3)]
        uow.log.add_batch("bench 135lb 3x5", sets, now=day)
        uow.profiles.save(replace(PROFILE, units="lb"))
        uow.commit()
    found = next_set(SqlUnitOfWork(db_engine, bea), catalog, "bench press")
    assert found.exercise == "barbell-bench-press"
    assert found.unit is Unit.LB
    assert found.loaded_kg == pytest.approx(135 * LB)  # 5 of 6-10 reps: stay at 135 lb
    assert found.plates_per_side == (45.0,)  # a 45 lb bar and one 45 lb plate a side
    assert to_data(found)["unit"] == "lb"
    with pytest.raises(TrainingError, match="no working sets"):
        next_set(SqlUnitOfWork(db_engine, LOCAL_USER_ID), catalog, "bench press")


def test_today_is_the_session_of_the_date_where_the_user_lives(
    db_engine: Engine, catalog  # type: ignore[no-untyped-def]
) -> None:
    with SqlUnitOfWork(db_engine) as uow:
        uow.profiles.save(PROFILE)
        uow.plans.add(_plan())
        uow.commit()
    sunday_night = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)  # Monday 00:30 in Berlin
    utc = today_for(SqlUnitOfWork(db_engine), catalog, now=sunday_night, tz=dt.UTC)
    berlin = today_for(
        SqlUnitOfWork(db_engine), catalog, now=sunday_night, tz=ZoneInfo("Europe/Berlin")
    )
    assert (utc.date, utc.status) == (dt.date(2026, 12, 6), "rest")
    assert (berlin.date, berlin.status, berlin.week) == (dt.date(2026, 12, 7), "training", 2)
    assert [e.exercise for e in berlin.exercises] == ["barbell-back-squat"]
    data = to_data(berlin)
    assert data["date"] == "2026-12-07" and "report" not in data


def test_today_without_a_profile_or_a_plan_says_what_to_run(
    db_engine: Engine, catalog  # type: ignore[no-untyped-def]
) -> None:
    now = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    with pytest.raises(NotFoundError, match="spotter init"):
        today_for(SqlUnitOfWork(db_engine), catalog, now=now)
    with SqlUnitOfWork(db_engine) as uow:
        uow.profiles.save(PROFILE)
        uow.commit()
    with pytest.raises(NotFoundError, match="spotter plan new") as err:
        today_for(SqlUnitOfWork(db_engine), catalog, now=now)
    assert err.value.field == "plan"
