"""The services behind the API's writes: retry-safe sets, workouts and bodyweights, a set's
edit as one transaction, and a coach's change recorded in the transaction that makes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from spotter.access.model import Role
from spotter.errors import ConflictError, ValidationError
from spotter.knowledge.catalog import Catalog
from spotter.log import SetRecord
from spotter.science.units import Unit
from spotter.services.bodyweight import record_measurement
from spotter.services.log import LogInputError, delete_set
from spotter.services.log_writes import change_set, log_set, log_workout
from spotter.store.db import open_engine
from spotter.store.uow import AuditNote, SqlUnitOfWork

AT = dt.datetime(2026, 11, 20, 18, 0)
NOW = dt.datetime(2026, 11, 20, 19, 0)
U1, U2, U3 = (f"00000000-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    e = open_engine(db_url, auto_migrate=False)
    yield e
    e.dispose()


def _uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine)


def _set(uuid: str, reps: int = 5, exercise: str = "barbell-back-squat", kg: float = 100.0) -> SetRecord:
    return SetRecord(AT, exercise, kg, reps, uuid=uuid)


def test_a_set_written_twice_under_one_uuid_is_stored_once(engine: Engine) -> None:
    first = log_set(_uow(engine), _set(U1), command="squat", now=NOW)
    again = log_set(_uow(engine), _set(U1, reps=3), command="squat", now=NOW)
    assert (first.created, again.created) == (True, False)
    assert again.record.reps == 5  # the stored set, not the retry's body
    with _uow(engine) as uow:
        assert uow.log.count_sets() == 1


def test_a_deleted_sets_uuid_cannot_come_back(engine: Engine) -> None:
    log_set(_uow(engine), _set(U1), command="squat", now=NOW)
    delete_set(_uow(engine), U1)
    with pytest.raises(ConflictError) as caught:
        log_set(_uow(engine), _set(U1), command="squat", now=NOW)
    assert caught.value.field == "uuid"


def test_a_workout_is_one_batch_its_replay_writes_nothing_and_a_taken_set_uuid_is_named(
    engine: Engine,
) -> None:
    batch = "00000000-0000-4000-8000-0000000000b1"
    written = log_workout(_uow(engine), [_set(U1), _set(U2)], command="w", now=NOW, batch_uuid=batch)
    replay = log_workout(_uow(engine), [_set(U1), _set(U2)], command="w", now=NOW, batch_uuid=batch)
    assert replay.batch_id == written.batch_id and replay.replayed and not written.replayed
    other = "00000000-0000-4000-8000-0000000000b2"
    with pytest.raises(ConflictError) as caught:
        log_workout(_uow(engine), [_set(U3), _set(U2)], command="w", now=NOW, batch_uuid=other)
    assert caught.value.field == "sets[1].uuid"
    with pytest.raises(ValidationError) as repeated:
        log_workout(_uow(engine), [_set(U3), _set(U3)], command="w", now=NOW, batch_uuid=other)
    assert repeated.value.field == "sets[1].uuid"
    with _uow(engine) as uow:
        assert uow.log.count_sets() == 2  # U3 was never stored


def test_a_bodyweight_under_one_uuid_is_stored_once(engine: Engine) -> None:
    kw = {"unit": Unit.KG, "when": AT, "today": NOW.date(), "uuid": U1}
    first = record_measurement(_uow(engine), 80.0, **kw)  # type: ignore[arg-type]
    again = record_measurement(_uow(engine), 81.0, **kw)  # type: ignore[arg-type]
    assert (first.created, again.created, again.kg) == (True, False, 80.0)
    with _uow(engine) as uow:
        assert uow.bodyweight.all() == [(AT, 80.0)]


def test_an_edit_that_fails_in_its_move_changes_nothing_at_all(
    engine: Engine, catalog: Catalog
) -> None:
    assisted = _set(U1, exercise="assisted-pull-up", kg=-20.0)
    log_set(_uow(engine), assisted, command="assisted pull-up", now=NOW)
    with pytest.raises(LogInputError, match="takes no assistance"):
        change_set(
            _uow(engine), catalog, U1, now=NOW, default_unit="kg", reps=8,
            notes="felt easy", exercise=catalog.resolve("barbell-back-squat"),
        )
    with _uow(engine) as uow:
        stored = uow.log.set_by_uuid(U1)
    assert stored is not None
    assert (stored[0].reps, stored[0].notes, stored[0].exercise) == (5, None, "assisted-pull-up")


def test_an_edit_moves_and_annotates_a_set_at_once(engine: Engine, catalog: Catalog) -> None:
    log_set(_uow(engine), _set(U1), command="squat", now=NOW)
    change = change_set(
        _uow(engine), catalog, U1, now=NOW, default_unit="kg", reps=4,
        notes="paused", exercise=catalog.resolve("front-squat"),
    )
    assert (change.after.reps, change.after.notes, change.after.exercise) == (
        4, "paused", "front-squat"
    )
    with _uow(engine) as uow:
        stored = uow.log.set_by_uuid(U1)
    assert stored is not None and stored[0] == change.after


def _coach_and_lifter(engine: Engine) -> tuple[int, int]:
    with _uow(engine) as uow:
        ids = [
            uow.accounts.add_user(
                username=name, role=role, timezone="UTC", password_hash=None,
                now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            ).id
            for name, role in (("coach.x", Role.COACH), ("lifter.y", Role.LIFTER))
        ]
        uow.commit()
    return ids[0], ids[1]


def test_a_change_on_someones_behalf_and_its_audit_event_commit_together(engine: Engine) -> None:
    coach, lifter = _coach_and_lifter(engine)
    at = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
    note = AuditNote(coach, lifter, "POST /users/{user}/log/sets", "/x", at)

    def failing_request() -> None:
        with SqlUnitOfWork(engine, lifter, audit=note) as uow:
            uow.log.add_batch("squat", [_set(U1)], now=NOW)
            raise RuntimeError("the request failed before its commit")

    with pytest.raises(RuntimeError):
        failing_request()
    with _uow(engine) as uow:
        assert uow.accounts.events_about(lifter) == []
    log_set(SqlUnitOfWork(engine, lifter, audit=note), _set(U1), command="squat", now=NOW)
    log_set(SqlUnitOfWork(engine, lifter, audit=note), _set(U2), command="squat", now=NOW)
    with _uow(engine) as uow:
        events = uow.accounts.events_about(lifter)
    assert [(e.actor_id, e.action, e.at) for e in events] == [
        (coach, "POST /users/{user}/log/sets", at)  # once per request, with the first commit
    ]
    assert note.recorded
