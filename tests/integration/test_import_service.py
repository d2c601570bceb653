"""Importing a parsed log: counts, re-import adds nothing, mappings, and unmatched names kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from spotter.interchange.detect import parse_any
from spotter.services.importer import MappingError, import_log
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork

HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
    '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"\n'
    '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:02","","Lat Pulldown (Cable)","","","0","normal","55","10","","",""\n'
    '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:02","","Lat Pulldown (Cable)","","","1","normal","55","9","","","8"\n'
    '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:02","","Zercher Carry Thing","","","0","normal","40","5","","",""\n'
    '"Legs","11 Apr 2026, 09:00","11 Apr 2026, 10:00","","Squat (Barbell)","","","0","warmup","60","5","","",""\n'
    '"Legs","11 Apr 2026, 09:00","11 Apr 2026, 10:00","","Squat (Barbell)","","","1","normal","100","5","","",""\n'
)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_engine(db_url, auto_migrate=False)
    yield engine
    engine.dispose()


def sets_in(engine) -> list:  # type: ignore[no-untyped-def, type-arg]
    with SqlUnitOfWork(engine) as uow:
        return uow.log.sets()


def test_a_log_imports_once_and_keeps_every_set(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    result = parse_any(HEVY.encode())
    report = import_log(SqlUnitOfWork(engine), catalog, result)
    assert (report.sets_in_file, report.sets_imported, report.already_present) == (5, 5, 0)
    assert report.workouts == 2
    assert str(report.first) == "2026-04-09" and str(report.last) == "2026-04-11"
    stored = sets_in(engine)
    assert [s.exercise for s in stored] == [
        "seated-lat-pulldown",
        "seated-lat-pulldown",
        "imported:Zercher Carry Thing",
        "barbell-back-squat",
        "barbell-back-squat",
    ]
    assert [s.load_kg for s in stored] == [55, 55, 40, 60, 100]
    assert stored[1].rpe == 8
    assert stored[3].set_type == "warm-up"
    unmatched = [n for n in report.names if n.slug is None]
    assert [n.source for n in unmatched] == ["Zercher Carry Thing"]
    again = import_log(SqlUnitOfWork(engine), catalog, result)
    assert (again.sets_imported, again.already_present) == (0, 5)
    assert len(sets_in(engine)) == 5


def test_dry_run_saves_nothing(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    report = import_log(SqlUnitOfWork(engine), catalog, parse_any(HEVY.encode()), dry_run=True)
    assert report.sets_imported == 0 and report.sets_in_file == 5
    assert sets_in(engine) == []


def test_a_mapping_file_points_unmatched_names_at_the_catalog(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    report = import_log(
        SqlUnitOfWork(engine),
        catalog,
        parse_any(HEVY.encode()),
        mapping={"Zercher Carry Thing": "farmers-carry"},
    )
    assert {n.source: n.method for n in report.names}["Zercher Carry Thing"] == "mapped"
    assert "farmers-carry" in {s.exercise for s in sets_in(engine)}
    with pytest.raises(MappingError, match="not in the catalog"):
        import_log(
            SqlUnitOfWork(engine),
            catalog,
            parse_any(HEVY.encode()),
            mapping={"Zercher Carry Thing": "nope"},
        )


def test_a_mapping_given_later_repoints_sets_kept_under_the_unmatched_name(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    result = parse_any(HEVY.encode())
    import_log(SqlUnitOfWork(engine), catalog, result)
    assert "imported:Zercher Carry Thing" in {s.exercise for s in sets_in(engine)}
    later = import_log(
        SqlUnitOfWork(engine), catalog, result, mapping={"Zercher Carry Thing": "farmers-carry"}
    )
    assert (later.sets_imported, later.remapped) == (0, 1)
    exercises = [s.exercise for s in sets_in(engine)]
    assert "imported:Zercher Carry Thing" not in exercises
    assert exercises.count("farmers-carry") == 1 and len(exercises) == 5


def test_progress_is_reported_for_every_set(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    steps: list[int] = []
    import_log(SqlUnitOfWork(engine), catalog, parse_any(HEVY.encode()), progress=steps.append)
    assert sum(steps) == 5
    again: list[int] = []
    import_log(SqlUnitOfWork(engine), catalog, parse_any(HEVY.encode()), progress=again.append)
    assert sum(again) == 5  # nothing new, but every set was looked at


def test_progress_adds_up_when_only_some_sets_are_new(
    engine, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import spotter.services.importer as importer

    monkeypatch.setattr(importer, "PROGRESS_CHUNK", 2)
    first_three = "\n".join(HEVY.splitlines()[:4]) + "\n"  # header + 3 sets
    import_log(SqlUnitOfWork(engine), catalog, parse_any(first_three.encode()))
    steps: list[int] = []
    report = import_log(
        SqlUnitOfWork(engine), catalog, parse_any(HEVY.encode()), progress=steps.append
    )
    assert (report.sets_imported, report.already_present) == (2, 3)
    assert sum(steps) == 5  # every set in the file, once


def _hevy_rows(*rows: tuple[str, str, str]) -> bytes:
    """A Hevy file with (exercise, weight_kg, reps) rows in one workout."""
    head = HEVY.splitlines()[0]
    body = [
        f'"W","9 Apr 2026, 17:18","9 Apr 2026, 18:02","","{name}","","","{i}","normal","{w}","{r}","","",""'
        for i, (name, w, r) in enumerate(rows)
    ]
    return ("\n".join([head, *body]) + "\n").encode()


def test_assisted_rows_are_stored_as_negative_loads_with_their_unit(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    data = _hevy_rows(("Chin Up (Assisted)", "31.75", "10"), ("Chin Up (Assisted)", "", "4"))
    report = import_log(SqlUnitOfWork(engine), catalog, parse_any(data))
    assisted, bodyweight_only = sets_in(engine)
    assert (assisted.load_kg, assisted.bodyweight, assisted.reps) == (-31.75, True, 10)
    assert (bodyweight_only.load_kg, bodyweight_only.bodyweight) == (None, True)
    assert assisted.exercise == "imported:Chin Up (Assisted)"
    assert "negative" in {n.source: n.rule for n in report.names}["Chin Up (Assisted)"]


def test_an_absurd_number_costs_its_row_and_is_explained(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    data = _hevy_rows(
        ("Squat (Barbell)", "100", "5"),
        ("Squat (Barbell)", "1e308", "5"),
        ("Squat (Barbell)", "100", "5000000"),
        ("Bench Press (Barbell)", "-40", "5"),  # negative, but not an assisted exercise
        ("Squat (Barbell)", "105", "5"),
    )
    report = import_log(SqlUnitOfWork(engine), catalog, parse_any(data), today=dt.date(2026, 5, 1))
    assert [s.load_kg for s in sets_in(engine)] == [100, 105]
    assert [k.line for k in report.refused] == [3, 4, 5]
    assert "load 1e+308 kg is outside" in report.refused[0].reason
    assert "reps 5000000 is outside" in report.refused[1].reason
    assert "not an assisted exercise" in report.refused[2].reason
    assert report.sets_imported + report.already_present + len(report.explained) == report.rows_read


def test_a_date_after_tomorrow_is_refused_and_an_outlier_needs_the_flag(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    data = _hevy_rows(("Leg Press (Machine)", "1200", "8"))
    early = import_log(SqlUnitOfWork(engine), catalog, parse_any(data), today=dt.date(2026, 4, 1))
    assert early.sets_imported == 0 and "no future dates" in early.refused[0].reason
    plain = import_log(SqlUnitOfWork(engine), catalog, parse_any(data), today=dt.date(2026, 5, 1))
    assert plain.sets_imported == 0 and "--allow-outlier" in plain.refused[0].reason
    kept = import_log(
        SqlUnitOfWork(engine),
        catalog,
        parse_any(data),
        today=dt.date(2026, 5, 1),
        allow_outlier=True,
    )
    assert kept.sets_imported == 1 and [s.load_kg for s in sets_in(engine)] == [1200]


def test_a_suggested_match_is_not_applied_until_mapped(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    data = _hevy_rows(("Triceps Pushdown", "30", "12"))
    report = import_log(SqlUnitOfWork(engine), catalog, parse_any(data))
    assert [s.exercise for s in sets_in(engine)] == ["imported:Triceps Pushdown"]
    assert report.suggestions == {"Triceps Pushdown": "triceps-rope-pushdown"}
    import_log(
        SqlUnitOfWork(engine),
        catalog,
        parse_any(data),
        mapping={"Triceps Pushdown": "triceps-rope-pushdown"},
    )
    assert [s.exercise for s in sets_in(engine)] == ["triceps-rope-pushdown"]


FITNOTES = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n"


def test_mapping_a_per_side_name_later_reworks_the_loads_from_what_was_entered(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    data = (FITNOTES + "2025-05-01,Incline Chest Press (Each Side),Chest,10.0,kgs,12,,,\n").encode()
    import_log(SqlUnitOfWork(engine), catalog, parse_any(data))
    assert [s.load_kg for s in sets_in(engine)] == [20.0]  # equipment not stated: two sides
    later = import_log(
        SqlUnitOfWork(engine),
        catalog,
        parse_any(data),
        mapping={"Incline Chest Press (Each Side)": "incline-dumbbell-press"},
    )
    assert later.remapped == 1
    stored = sets_in(engine)
    assert [(s.exercise, s.load_kg) for s in stored] == [("incline-dumbbell-press", 10.0)]


def test_an_import_is_one_batch_that_undo_takes_back(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    from spotter.services.log import undo_batch

    import_log(SqlUnitOfWork(engine), catalog, parse_any(HEVY.encode()), label="import hevy h.csv")
    with SqlUnitOfWork(engine) as uow:
        batches = uow.log.batches()
    assert [(b.command, b.kind) for b in batches] == [("import hevy h.csv", "import")]
    undo_batch(SqlUnitOfWork(engine), str(batches[0].id))
    assert sets_in(engine) == []


def test_a_name_kept_as_written_resolves_by_its_own_name(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    from spotter.services.importer import resolve_logged

    data = _hevy_rows(("Chin Up (Assisted)", "31.75", "10"))
    import_log(SqlUnitOfWork(engine), catalog, parse_any(data))
    for typed in ("Chin Up (Assisted)", "chin up assisted", "imported:Chin Up (Assisted)"):
        assert resolve_logged(SqlUnitOfWork(engine), catalog, typed) == "imported:Chin Up (Assisted)"
    assert resolve_logged(SqlUnitOfWork(engine), catalog, "Squat (Barbell)") == "barbell-back-squat"


def test_a_weighted_name_stores_its_load_as_added_to_bodyweight(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    data = _hevy_rows(("Dip (Weighted Belt)", "20", "6"))
    import_log(SqlUnitOfWork(engine), catalog, parse_any(data))
    (s,) = sets_in(engine)
    assert (s.load_kg, s.bodyweight) == (20.0, True)


def test_a_repeated_uuid_in_a_spotter_csv_is_explained_not_a_crash(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    from spotter.interchange.export import SPOTTER_COLUMNS

    u = "0d2c7d64-9a43-4b8e-9a3a-1f1e7a3b2c10"
    row = "2026-11-20 18:00:00,Pull,Pull-Up,{i},working,10,1,8,,,8,,,,,kg," + u + ",,3600,"
    data = "\n".join([",".join(SPOTTER_COLUMNS), row.format(i=1), row.format(i=2)]) + "\n"
    report = import_log(SqlUnitOfWork(engine), catalog, parse_any(data.encode()))
    assert report.sets_imported == 1
    assert [(k.line, "repeats the set on line 2" in k.reason) for k in report.refused] == [(3, True)]
    (s,) = sets_in(engine)
    assert (s.exercise, s.load_kg, s.bodyweight) == ("pull-up", 10.0, True)  # taken as whole


def test_an_absurd_workout_duration_costs_its_row_not_the_write(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    head = (
        '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
        '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"'
    )
    rows = [
        '1;"2024-03-02 10:00:00";"Legs";1e308;"Squat (Barbell)";1;100;5;;0;0;"";""',
        '2;"2024-03-04 10:00:00";"Legs";3600;"Squat (Barbell)";1;100;5;;0;0;"";""',
    ]
    data = "\n".join([head, *rows]) + "\n"
    report = import_log(SqlUnitOfWork(engine), catalog, parse_any(data.encode()))
    assert report.sets_imported == 1
    assert [k.line for k in report.refused] == [2]
    assert report.refused[0].reason.startswith("workout duration")


def test_a_zero_weight_is_a_bodyweight_set_not_zero_kilograms(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    data = (FITNOTES + "2025-06-21,Pull Up,Back,0.0,kgs,4,,,\n2025-06-21,Burpee,Cardio,0.0,kgs,10,,,\n").encode()
    import_log(SqlUnitOfWork(engine), catalog, parse_any(data))
    assert [(s.load_kg, s.bodyweight, s.unit) for s in sets_in(engine)] == [(None, True, None)] * 2
