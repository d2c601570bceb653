"""An editable log: any batch undone (imports too), sets edited, moved, noted and deleted as
tombstones, idempotent writes by uuid, supersets, units as entered, custom exercises in the db.

A contract of the log's repositories: every test runs on each store adapter (``store``: SQLAlchemy
on SQLite and PostgreSQL, and the sqlite3 adapter the everyday commands use)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from spotter.interchange.detect import parse_any
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.custom import CustomExercise, CustomExerciseError
from spotter.services.custom_exercises import add_custom, list_custom, remove_custom, with_custom
from spotter.services.importer import import_log
from spotter.services.log import (
    LogInputError,
    delete_set,
    edit_set,
    history,
    list_batches,
    log_text,
    move_set,
    note_set,
    undo_batch,
    undo_last,
)

if TYPE_CHECKING:
    from conftest import StoreUnderTest

LB = 0.45359237  # kg in one pound, by definition
NOW = dt.datetime(2026, 11, 24, 20, 0)
DAY = dt.datetime(2026, 11, 24, 18, 0)
HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
    '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"\n'
    '"Legs","11 Apr 2026, 09:00","11 Apr 2026, 10:00","","Squat (Barbell)","","","0","normal","100","5","","",""\n'
    '"Legs","11 Apr 2026, 09:00","11 Apr 2026, 10:00","","Squat (Barbell)","","","1","normal","100","5","","",""\n'
)


def log(store: StoreUnderTest, catalog: Catalog, entry: str, unit: str = "kg", **kw: object):  # type: ignore[no-untyped-def]
    return log_text(
        store.uow(), catalog, entry, when=DAY, now=NOW, default_unit=unit, **kw  # type: ignore[arg-type]
    )


def live(store: StoreUnderTest) -> list[tuple[str, float | None, int | None]]:
    return [(s.exercise, s.load_kg, s.reps) for s in history(store.uow(), limit=1000)]


def test_any_batch_can_be_undone_not_only_the_last(store: StoreUnderTest, catalog: Catalog) -> None:
    first = log(store, catalog, "squat 3x5 100kg")
    log(store, catalog, "bench 3x5 80kg")
    log(store, catalog, "pull-up 3x8")
    undone = undo_batch(store.uow(), str(first.batch_id))
    assert undone.set_count == 3
    assert {e for e, _, _ in live(store)} == {"barbell-bench-press", "pull-up"}
    with pytest.raises(LogInputError, match="already undone"):
        undo_batch(store.uow(), str(first.batch_id))
    # log --undo still takes back the newest entry
    assert undo_last(store.uow()).command == "pull-up 3x8"  # type: ignore[union-attr]
    assert {e for e, _, _ in live(store)} == {"barbell-bench-press"}
    # the undone sets stay as tombstones a sync can see
    with store.engine.connect() as conn:
        dead = conn.execute(text("SELECT count(*) FROM set_entry WHERE deleted_at IS NOT NULL"))
        assert dead.scalar() == 6
    listed = list_batches(store.uow(), include_undone=True)
    assert [(b.command, b.undone_at is not None) for b in listed] == [
        ("pull-up 3x8", True),
        ("bench 3x5 80kg", False),
        ("squat 3x5 100kg", True),
    ]


def test_an_import_is_one_batch_that_can_be_undone_and_imported_again(
    store: StoreUnderTest, catalog: Catalog
) -> None:
    log(store, catalog, "bench 3x5 80kg")
    result = parse_any(HEVY.encode())
    assert import_log(store.sql(), catalog, result).sets_imported == 2
    batch = list_batches(store.uow())[0]
    assert (batch.kind, batch.set_count) == ("import", 2)
    undo_batch(store.uow(), str(batch.id))
    assert [e for e, _, _ in live(store)] == ["barbell-bench-press"] * 3
    assert import_log(store.sql(), catalog, result).sets_imported == 2
    assert len(live(store)) == 5


def test_120lb_is_kept_and_shown_as_120lb(store: StoreUnderTest, catalog: Catalog) -> None:
    from spotter.cli.training import fmt_load

    log(store, catalog, "bench 120lb 5")
    (s,) = history(store.uow())
    assert s.load_kg == pytest.approx(120 * LB) and s.unit == "lb"
    assert fmt_load(s.load_kg, s.unit or "kg") == "120lb"  # not 54.43kg


def test_a_set_is_edited_moved_noted_and_deleted_by_its_id(store: StoreUnderTest, catalog: Catalog) -> None:
    log(store, catalog, "bench 3x5 100kg @8")
    first, second, third = history(store.uow())
    uow = store.uow()
    change = edit_set(
        uow, catalog, str(first.id), now=NOW, default_unit="kg", load="102.5kg", reps=4, rpe=9
    )
    assert (change.after.load_kg, change.after.reps, change.after.rpe) == (102.5, 4, 9)
    # typed as kg but meant pounds: the number stays, the unit changes
    edit_set(uow, catalog, str(second.id), now=NOW, default_unit="kg", unit="lb")
    edit_set(uow, catalog, str(third.id), now=NOW, default_unit="kg", when=DAY - dt.timedelta(days=1))
    move_set(uow, catalog, str(first.id), "close-grip bench press")
    note_set(uow, str(first.id), "elbows flared")
    rows = {s.id: s for s in history(store.uow())}
    assert rows[first.id].exercise == "close-grip-bench-press"
    assert rows[first.id].notes == "elbows flared"
    assert rows[second.id].load_kg == pytest.approx(100 * LB) and rows[second.id].unit == "lb"
    assert rows[third.id].performed_at.date() == dt.date(2026, 11, 23)
    delete_set(uow, str(second.id))
    assert second.id not in {s.id for s in history(store.uow())}
    with pytest.raises(LogInputError, match="no set"):
        delete_set(uow, str(second.id))
    with pytest.raises(LogInputError, match="only for assisted"):
        edit_set(uow, catalog, str(third.id), now=NOW, default_unit="kg", load="-20kg")


def test_a_retried_write_with_the_same_uuid_is_not_a_second_set(store: StoreUnderTest, catalog: Catalog) -> None:
    key = "6f1c2a8e-4a2b-4c7e-9d51-2f0d8e6b9a11"
    sets = [f"00000000-0000-4000-8000-00000000000{i}" for i in range(3)]
    a = log(store, catalog, "squat 3x5 100kg", batch_uuid=key, set_uuids=sets)
    b = log(store, catalog, "squat 3x5 100kg", batch_uuid=key, set_uuids=sets)
    assert a.batch_id == b.batch_id and not a.replayed and b.replayed
    assert [s.uuid for s in b.sets] == sets  # what is stored, not a second copy
    assert len(live(store)) == 3
    assert [s.uuid for s in history(store.uow())] == sets


def test_supersets_are_numbered_per_workout_and_done_alternately(store: StoreUnderTest, catalog: Catalog) -> None:
    log(store, catalog, "bench 2x8 80kg + pull-up 2x8")
    log(store, catalog, "dumbbell curl 2x12 12kg + cable triceps pushdown 2x12 20kg")
    rows = history(store.uow())
    assert [(s.exercise, s.superset) for s in rows[:4]] == [
        ("barbell-bench-press", 1),
        ("pull-up", 1),
        ("barbell-bench-press", 1),
        ("pull-up", 1),
    ]
    assert {s.superset for s in rows[4:]} == {2}


def test_a_custom_exercise_from_flags_lives_in_the_database_and_every_lookup_sees_it(
    store: StoreUnderTest, catalog: Catalog
) -> None:
    ex = CustomExercise.new(
        "Gironda Sternum Chin",
        primary=("latissimus dorsi",),
        secondary=("biceps",),
        load_type="bodyweight",
        aliases=("sternum chin",),
        uuid="0d9f3c5e-1b2a-4f6d-8e7c-3a2b1c0d9e8f",
    )
    saved, created = add_custom(store.uow(), catalog, ex, now=NOW)
    assert created and saved.primary == ("lats",)
    again, created = add_custom(store.uow(), catalog, ex, now=NOW)
    assert not created and again == saved
    with pytest.raises(CustomExerciseError, match="already"):
        add_custom(store.uow(), catalog, CustomExercise.new("Bench", primary=("chest",)), now=NOW)
    full = with_custom(catalog, list_custom(store.uow()))
    assert full.resolve("sternum chin").slug == "gironda-sternum-chin"
    logged = log(store, full, "sternum chin 3x8")  # a bodyweight exercise: 3x8 at bodyweight
    assert [(s.load_kg, s.reps, s.bodyweight) for s in logged.sets] == [(None, 8, True)] * 3
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT slug, uuid FROM custom_exercise")).one() == (
            "gironda-sternum-chin",
            "0d9f3c5e-1b2a-4f6d-8e7c-3a2b1c0d9e8f",
        )
    remove_custom(store.uow(), "gironda-sternum-chin")
    assert list_custom(store.uow()) == []
    with pytest.raises(CustomExerciseError, match="no custom exercise"):
        remove_custom(store.uow(), "gironda-sternum-chin")
    with store.engine.connect() as conn:  # a tombstone, for sync
        assert conn.execute(text("SELECT deleted_at FROM custom_exercise")).scalar() is not None


def test_a_set_or_batch_is_found_by_uuid_prefix_and_odd_references_are_not_found(
    store: StoreUnderTest, catalog: Catalog
) -> None:
    logged = log(store, catalog, "squat 1x5 100kg")
    (s,) = history(store.uow())
    assert s.uuid is not None
    note_set(store.uow(), s.uuid[:8], "by uuid")
    assert history(store.uow())[0].notes == "by uuid"
    for ref in ("%%%%", "_", "99999999999999999999999", "ab"):
        with pytest.raises(LogInputError):
            delete_set(store.uow(), ref)
        with pytest.raises(LogInputError):
            undo_batch(store.uow(), ref)
    assert undo_batch(store.uow(), str(logged.batch_id)).set_count == 1
