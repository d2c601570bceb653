"""FitNotes exports, new and old headers."""

from __future__ import annotations

import datetime as dt

import pytest

from spotter.interchange.fitnotes import parse
from spotter.science.units import KG_PER_LB

NEW = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time"
OLD = "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time"


def _file(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_new_format_reads_per_row_units_and_one_workout_per_day() -> None:
    data = _file(
        NEW,
        "2025-04-29,Lat Pulldown,Back,50.0,kgs,10,,,",
        "2025-04-29,Lat Pulldown,Back,100.0,lbs,8,,,",
        "2025-04-30,Plank,Abs,,,,,,0:01:30",
        "2025-04-30,Treadmill,Cardio,,,,2.5,km,0:20:00",
    )
    result = parse(data)
    kg, lb, plank, run = result.sets
    assert result.format == "fitnotes"
    assert result.unit_used == "mixed"
    assert (kg.load_kg, lb.load_kg) == (50.0, 100 * KG_PER_LB)
    assert [kg.set_index, lb.set_index] == [1, 2]
    assert (plank.seconds, plank.load_kg, plank.reps) == (90.0, None, None)
    assert (run.meters, run.seconds) == (2500.0, 1200.0)
    assert kg.workout_start == dt.datetime(2025, 4, 29)
    assert kg.extra == (("Category", "Back"),)
    assert result.workouts == 2


def test_an_unquoted_comma_in_the_exercise_name_is_joined_back() -> None:
    data = _file(NEW, "2025-04-29,Overhead Press (Each Side, Dumbbells),Shoulders,8.0,kgs,5,,,")
    s = parse(data).sets[0]
    assert (s.exercise, s.load_kg, s.reps) == ("Overhead Press (Each Side, Dumbbells)", 8.0, 5)


def test_a_stray_comma_in_a_number_costs_that_row_not_a_new_name() -> None:
    result = parse(_file(NEW, "2025-04-29,Bench,Chest,10,5,kgs,8,,,"))
    assert result.sets == ()
    assert [k.line for k in result.skipped] == [2]
    assert "row: expected 9 fields" in result.skipped[0].reason


def test_old_format_weights_are_pounds_and_comments_become_notes() -> None:
    data = _file(OLD + ",Comment", "2016-02-01,Squat,Legs,225.0,5,,,,deep")
    result = parse(data)
    assert result.format == "fitnotes-old"
    assert result.sets[0].load_kg == 225 * KG_PER_LB
    assert result.sets[0].notes == "deep"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("29/04/2025,Squat,Legs,100,kgs,5,,,", "Date"),
        ("2025-04-29,Squat,Legs,a lot,kgs,5,,,", "Weight"),
        ("2025-04-29,Squat,Legs,100,stone,5,,,", "Weight Unit"),
        ("2025-04-29,Squat,Legs,100,kgs,5.5,,,", "Reps"),
        ("2025-04-29,Squat,Legs,100,kgs,5,,,1 minute", "Time"),
        ("2025-04-29,Squat,Legs,100", "row"),
    ],
)
def test_a_bad_fitnotes_row_is_listed_with_its_line_and_field_and_costs_only_itself(
    row: str, field: str
) -> None:
    result = parse(_file(NEW, "2025-04-29,Squat,Legs,100,kgs,5,,,", row))
    assert [s.line for s in result.sets] == [2]
    assert [k.line for k in result.skipped] == [3]
    assert result.skipped[0].reason.startswith(f"{field}: expected")


def test_a_weight_unit_in_the_distance_unit_column_of_a_weight_row_costs_nothing() -> None:
    # older FitNotes exports carry 'kg' in Distance Unit on some weight rows
    result = parse(_file(OLD, "2016-02-01,Squat,Legs,225.0,5,,kg,", "2016-02-01,Squat,Legs,225.0,5,0,kg,"))
    assert [s.load_kg for s in result.sets] == [225 * KG_PER_LB] * 2
    assert [s.meters for s in result.sets] == [None, None]
    assert result.skipped == ()


def test_a_real_distance_in_an_unknown_unit_costs_that_row_only() -> None:
    result = parse(_file(NEW, "2025-04-29,Run,Cardio,,,,5,kg,0:30:00", "2025-04-29,Run,Cardio,,,,5,km,0:30:00"))
    assert [s.meters for s in result.sets] == [5000.0]
    assert [(k.line, k.reason.split(":")[0]) for k in result.skipped] == [(2, "Distance Unit")]


def test_an_empty_weight_unit_takes_the_given_unit_and_a_bare_zero_is_no_load() -> None:
    data = _file(NEW, "2025-04-29,Squat,Legs,100,,5,,,", "2025-04-29,Bike,Cardio,0.0,,,10,km,0:30:00")
    squat, bike = parse(data, unit="lb").sets
    assert (squat.load_kg, squat.unit) == (100 * KG_PER_LB, "lb")
    assert (bike.load_kg, bike.meters) == (None, 10000.0)
    without = parse(data)
    assert [k.line for k in without.skipped] == [2]  # no unit anywhere: that row is explained
    assert "Weight Unit" in without.skipped[0].reason
