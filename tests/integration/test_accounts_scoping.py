"""Scoping: a unit of work opened for one user never reads, changes or undoes another's rows.

Two lifters with hand-built data on the same database (both backends). Lifter A (the local user 1)
has 2 batches holding 3 + 2 squat sets on two days, 2 bodyweights, 1 plan, 1 custom exercise, a
profile in lb and an imported workout with 1 set; lifter B has 1 batch with 1 bench set (reusing
one of A's set uuids, which is fine per user), 1 bodyweight, the same custom slug, a profile in kg.
The tests of profile, log, plan and custom-exercise reads and writes run on each store adapter
(``store``), the sqlite3 one of the everyday commands included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine

from spotter.access import LOCAL_USER_ID, Role
from spotter.knowledge.custom import CustomExercise
from spotter.log import SetRecord
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.planning.model.stored import StoredPlan
from spotter.profile import Profile
from spotter.services.log import LogInputError, undo_batch
from spotter.store.uow import SqlUnitOfWork

if TYPE_CHECKING:
    from conftest import StoreUnderTest

DAY1 = dt.datetime(2026, 11, 23, 18)
DAY2 = dt.datetime(2026, 11, 25, 18)
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
SHARED_UUID = "5e700000-0000-4000-8000-000000000001"
PROFILE = Profile(
    units="lb",
    goal="strength",
    experience="novice",
    training_days=("mon", "thu"),
    minutes_per_session=60,
    equipment=("long-bar",),
)
RING_ROW = CustomExercise("ring-row", "Ring row", ("lats",), (), (), "bodyweight")


def _squat(when: dt.datetime, uuid: str | None = None) -> SetRecord:
    return SetRecord(when, "barbell-back-squat", 100.0, 5, uuid=uuid)


def _plan() -> StoredPlan:
    return StoredPlan(
        id=0,
        name="A's block",
        template=None,
        created_at=DAY1,
        start_date=DAY1.date(),
        active=True,
        mesocycle=Mesocycle(
            weeks=(WeekPlan((Session("mon", (Slot("barbell-back-squat", 3, 5, 5, 2, 180),)),)),)
        ),
        session_names=(("Squat day",),),
    )


def _fill(sql: Callable[[int], Any]) -> tuple[int, int, dict[str, int]]:
    """A's and B's data through the SQLAlchemy units of work ``sql(user_id)``; returns both ids
    and A's batch ids."""
    with sql(LOCAL_USER_ID) as uow:
        b = uow.accounts.add_user(
            username="bea", role=Role.LIFTER, timezone="Europe/Berlin", password_hash=None, now=NOW
        )
        uow.commit()
    batches: dict[str, int] = {}
    with sql(LOCAL_USER_ID) as uow:  # A, the local user
        batches["a1"] = uow.log.add_batch(
            "squat 3x5", [_squat(DAY1, SHARED_UUID), _squat(DAY1), _squat(DAY1)], now=DAY1
        )
        batches["a2"] = uow.log.add_batch("squat 2x5", [_squat(DAY2), _squat(DAY2)], now=DAY2)
        uow.bodyweight.add(DAY1, 80.0)
        uow.bodyweight.add(DAY2, 80.4)
        uow.plans.add(_plan())
        uow.custom.add(RING_ROW, now=DAY1)
        uow.profiles.save(PROFILE)
        ids = uow.imports.workout_ids([("strong|2026-11-24", DAY1, "Import", None, "strong", None)])
        uow.imports.add_sets(
            [
                {
                    "workout_id": ids["strong|2026-11-24"],
                    "position": 0,
                    "performed_at": DAY1,
                    "exercise": "deadlift",
                    "set_type": "working",
                    "load_kg": 140.0,
                    "bodyweight": False,
                    "reps": 3,
                    "source_key": "strong|2026-11-24|0",
                }
            ]
        )
        uow.commit()
    with sql(b.id) as uow:
        batches["b1"] = uow.log.add_batch(
            "bench 1x5",
            [SetRecord(DAY1, "barbell-bench-press", 60.0, 5, uuid=SHARED_UUID)],
            now=DAY1,
        )
        uow.bodyweight.add(DAY1, 61.0)
        uow.custom.add(RING_ROW, now=DAY1)
        uow.profiles.save(replace(PROFILE, units="kg"))
        uow.commit()
    return LOCAL_USER_ID, b.id, batches


@pytest.fixture
def two(db_engine: Engine) -> tuple[Engine, int, int, dict[str, int]]:
    """The database with A's and B's data; returns the engine, both ids and A's batch ids."""
    return (db_engine, *_fill(lambda user: SqlUnitOfWork(db_engine, user)))


@pytest.fixture
def two_stores(store: StoreUnderTest) -> tuple[StoreUnderTest, int, int, dict[str, int]]:
    """The same data with each store adapter under test (see ``store``)."""
    return (store, *_fill(store.sql))


def test_each_user_counts_only_their_own_sets_batches_and_bodyweights(two) -> None:  # type: ignore[no-untyped-def]
    engine, a, b, _ = two
    with SqlUnitOfWork(engine, user_id=a) as uow:
        assert uow.log.count_sets() == 3 + 2 + 1
        assert len(uow.log.batches()) == 3  # two logs and the import
        assert len(uow.bodyweight.all()) == 2
        assert uow.log.exercises() == ["barbell-back-squat", "deadlift"]
    with SqlUnitOfWork(engine, user_id=b) as uow:
        assert uow.log.count_sets() == 1
        assert [s.exercise for s in uow.log.sets()] == ["barbell-bench-press"]
        assert len(uow.log.batches(include_undone=True)) == 1
        assert uow.bodyweight.all() == [(DAY1, 61.0)]


def test_plans_profiles_and_custom_exercises_are_per_user(two_stores) -> None:  # type: ignore[no-untyped-def]
    store, a, b, _ = two_stores
    with store.uow(b) as uow:
        assert uow.plans.active() is None and uow.plans.all() == [] and uow.plans.count() == 0
        profile = uow.profiles.get()
        assert profile is not None and profile.units == "kg"
        assert [c.slug for c in uow.custom.all()] == ["ring-row"]
        assert uow.custom.delete("ring-row") is True
        uow.commit()
    with store.uow(a) as uow:
        assert uow.plans.count() == 1 and uow.plans.active() is not None
        profile = uow.profiles.get()
        assert profile is not None and profile.units == "lb"
        assert [c.slug for c in uow.custom.all()] == ["ring-row"]  # B's delete left A's alone


def test_another_users_batch_cannot_be_seen_or_undone(two_stores) -> None:  # type: ignore[no-untyped-def]
    store, a, b, batches = two_stores
    with store.uow(b) as uow:
        assert uow.log.get_batch(str(batches["a1"])) is None
        assert uow.log.delete_batch(batches["a1"]) == 0
        uow.commit()
    with pytest.raises(LogInputError, match="no batch"):
        undo_batch(store.uow(b), str(batches["a2"]))
    with store.uow(a) as uow:
        assert uow.log.count_sets() == 6  # nothing of A's was undone
        assert uow.log.get_batch(str(batches["a1"])) is not None


def test_another_users_sets_cannot_be_found_changed_or_deleted(two_stores) -> None:  # type: ignore[no-untyped-def]
    store, a, b, _ = two_stores
    with store.uow(a) as uow:
        a_sets = uow.log.sets()
    victim = next(s for s in a_sets if s.uuid != SHARED_UUID)
    assert victim.id is not None and victim.uuid is not None
    with store.uow(b) as uow:
        assert uow.log.get_set(victim.id) is None
        assert uow.log.find_sets(victim.uuid[:8]) == []
        assert [s.exercise for s in uow.log.find_sets(SHARED_UUID[:8])] == ["barbell-bench-press"]
        uow.log.update_set(victim.id, {"notes": "hacked", "performed_at": DAY2})
        uow.log.delete_set(victim.id)
        uow.commit()
    with store.sql(b) as uow:
        assert uow.imports.remap("barbell-back-squat", "front-squat") == 0
        uow.commit()
    with store.uow(a) as uow:
        again = uow.log.get_set(victim.id)
        assert again is not None and again.notes is None and again.performed_at == victim.performed_at
        assert uow.log.count_sets() == 6


def test_imports_and_exports_see_only_the_users_rows(two) -> None:  # type: ignore[no-untyped-def]
    engine, a, b, _ = two
    with SqlUnitOfWork(engine, user_id=b) as uow:
        assert uow.imports.existing_set_keys(["strong|2026-11-24|0"]) == set()
        assert uow.imports.existing_uuids([SHARED_UUID]) == {SHARED_UUID}  # B's own set
        assert len(uow.exports.sets()) == 1 and len(uow.exports.workouts()) == 1
        assert len(uow.exports.batches()) == 1 and len(uow.exports.bodyweights()) == 1
        assert uow.exports.plans() == [] and len(uow.exports.custom_exercises()) == 1
        assert not uow.exports.is_empty()
    with SqlUnitOfWork(engine, user_id=a) as uow:
        assert uow.imports.existing_set_keys(["strong|2026-11-24|0"]) == {"strong|2026-11-24|0"}
        assert len(uow.exports.sets()) == 6 and len(uow.exports.workouts()) == 3


def test_a_second_user_imports_the_same_file_without_clashing(two) -> None:  # type: ignore[no-untyped-def]
    engine, a, b, _ = two
    with SqlUnitOfWork(engine, user_id=b) as uow:
        ids = uow.imports.workout_ids([("strong|2026-11-24", DAY1, "Import", None, "strong", None)])
        uow.imports.add_sets(
            [
                {
                    "workout_id": ids["strong|2026-11-24"],
                    "position": 0,
                    "performed_at": DAY1,
                    "exercise": "deadlift",
                    "set_type": "working",
                    "load_kg": 100.0,
                    "bodyweight": False,
                    "reps": 3,
                    "source_key": "strong|2026-11-24|0",
                }
            ]
        )
        uow.commit()
    with SqlUnitOfWork(engine, user_id=b) as uow:
        assert uow.imports.existing_set_keys(["strong|2026-11-24|0"]) == {"strong|2026-11-24|0"}
        assert uow.log.count_sets() == 2
        assert [r["source_key"] for r in uow.exports.sets() if r["exercise"] == "deadlift"] == [
            "strong|2026-11-24|0"
        ]
    with SqlUnitOfWork(engine, user_id=a) as uow:
        assert uow.log.count_sets() == 6


def test_a_new_user_with_nothing_yet_is_empty_beside_a_full_one(two) -> None:  # type: ignore[no-untyped-def]
    engine, *_ = two
    with SqlUnitOfWork(engine) as uow:
        c = uow.accounts.add_user(
            username="cy", role=Role.LIFTER, timezone="UTC", password_hash=None, now=NOW
        )
        uow.commit()
    with SqlUnitOfWork(engine, user_id=c.id) as uow:
        assert uow.exports.is_empty()
        assert uow.log.last_batch() is None and uow.profiles.get() is None


def test_a_restore_for_a_second_user_renumbers_rows_and_keeps_sets_in_their_workouts(two) -> None:  # type: ignore[no-untyped-def]
    engine, a, *_ = two
    with SqlUnitOfWork(engine, user_id=a) as uow:
        tables = {
            "log_batch": uow.exports.batches(),
            "workout": uow.exports.workouts(),
            "set_entry": uow.exports.sets(),
            "bodyweight": uow.exports.bodyweights(),
            "plan": uow.exports.plans(),
            "custom_exercise": uow.exports.custom_exercises(),
        }
        c = uow.accounts.add_user(
            username="cy", role=Role.LIFTER, timezone="UTC", password_hash=None, now=NOW
        )
        uow.commit()
    with SqlUnitOfWork(engine, user_id=c.id) as uow:
        uow.exports.restore(tables)
        uow.commit()
    with SqlUnitOfWork(engine, user_id=c.id) as uow:
        assert uow.log.count_sets() == 6 and len(uow.log.batches()) == 3
        restored = {w["id"]: w["started_at"] for w in uow.exports.workouts()}
        assert not set(restored) & {w["id"] for w in tables["workout"]}  # new ids
        for s in uow.exports.sets():  # every set sits in one of C's workouts, on its own day
            assert restored[s["workout_id"]].date() == s["performed_at"].date()
        assert uow.imports.existing_set_keys(["strong|2026-11-24|0"]) == {"strong|2026-11-24|0"}
    with SqlUnitOfWork(engine, user_id=a) as uow:
        assert uow.log.count_sets() == 6
