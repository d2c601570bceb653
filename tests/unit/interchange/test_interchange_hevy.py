"""Hevy exports."""

from __future__ import annotations

import datetime as dt

import pytest

from spotter.interchange.hevy import parse
from spotter.science.units import KG_PER_LB

HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"'
)


def _file(header: str, *rows: str) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def test_hevy_rows_keep_types_supersets_notes_rpe_and_workout_times() -> None:
    data = _file(
        HEADER,
        '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:03","felt strong","Pull Up",,"grip\\nwide",0,"warmup",,7,,,',
        '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:03","felt strong","Row (Cable)",2,"",0,"dropset",50.5,10,,,8.5',
        '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:03","felt strong","Row (Cable)",2,"",1,"failure",45,12,,,',
        '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:03","felt strong","Treadmill",,"",0,"normal",,,1.5,1800,',
    )
    result = parse(data)
    pull, drop, fail, run = result.sets
    assert pull.workout_start == dt.datetime(2026, 4, 9, 17, 18)
    assert pull.workout_seconds == 45 * 60
    assert (pull.set_type, pull.load_kg, pull.reps, pull.notes) == (
        "warm-up",
        None,
        7,
        "grip\nwide",
    )
    assert pull.workout_notes == "felt strong"
    assert (drop.set_type, drop.load_kg, drop.rpe, drop.superset_id) == ("drop", 50.5, 8.5, "2")
    assert (fail.set_type, fail.set_index) == ("failure", 2)
    assert (run.meters, run.seconds, run.reps) == (1500.0, 1800.0, None)
    assert result.workouts == 1


def test_hevy_set_index_restarting_in_a_workout_still_gives_unique_keys() -> None:
    row = '"A","1 Jan 2026, 10:00","1 Jan 2026, 11:00","","Curl",,"",{},"normal",10,10,,,'
    data = _file(HEADER, row.format(0), row.format(1), row.format(0), row.format(1))
    assert len({s.key for s in parse(data).sets}) == 4


def test_two_workouts_with_the_same_start_but_different_titles_are_distinct() -> None:
    row = '"{}","1 Jan 2026, 10:00","1 Jan 2026, 11:00","","Curl",,"",0,"normal",10,10,,,'
    assert parse(_file(HEADER, row.format("A"), row.format("B"))).workouts == 2


def test_hevy_weight_lbs_column_is_converted() -> None:
    data = _file(
        HEADER.replace("weight_kg", "weight_lbs"),
        '"A","2026-01-01 10:00","","","Curl",,"",0,"normal",25,10,,,',
    )
    result = parse(data)
    assert result.sets[0].load_kg == 25 * KG_PER_LB
    assert result.sets[0].workout_seconds is None


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ('"A","31 Foo 2026, 10:00","","","Curl",,"",0,"normal",10,10,,,', "start_time"),
        ('"A","1 Jan 2026, 10:00","","","Curl",,"",0,"normal",ten,10,,,', "weight_kg"),
        ('"A","1 Jan 2026, 10:00","","","Curl",,"",0,"normal",10,many,,,', "reps"),
        ('"A","1 Jan 2026, 10:00","","","Curl",,"",0,"superset",10,10,,,', "set_type"),
        ('"A","1 Jan 2026, 10:00","","","Curl",,"",0,"normal",10', "row"),
    ],
)
def test_a_bad_hevy_row_is_listed_with_its_line_and_field_and_costs_only_itself(
    row: str, field: str
) -> None:
    good = '"A","1 Jan 2026, 10:00","","","Curl",,"",1,"normal",10,10,,,'
    result = parse(_file(HEADER, row, good))
    assert [s.line for s in result.sets] == [3]
    assert [k.line for k in result.skipped] == [2]
    assert result.skipped[0].reason.startswith(f"{field}: expected")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("9 Apr 2026, 17:18", dt.datetime(2026, 4, 9, 17, 18)),
        ("9 Apr 2026, 5:18 PM", dt.datetime(2026, 4, 9, 17, 18)),
        ("Apr 9, 2026, 5:18\u202fAM", dt.datetime(2026, 4, 9, 5, 18)),
        ("12 Dec 2025, 12:05 am", dt.datetime(2025, 12, 12, 0, 5)),
        ("2026-04-09T17:18:00", dt.datetime(2026, 4, 9, 17, 18)),
    ],
)
def test_hevy_dates_on_either_clock_are_read(start: str, expected: dt.datetime) -> None:
    row = f'"A","{start}","","","Curl",,"",0,"normal",10,10,,,'
    assert parse(_file(HEADER, row)).sets[0].workout_start == expected
