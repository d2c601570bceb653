"""Fitbod exports."""

from __future__ import annotations

import datetime as dt

import pytest

from spotter.interchange.fitbod import parse

HEADER = "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier"


def _file(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_fitbod_rows_keep_warmups_timed_sets_and_multiplier() -> None:
    data = _file(
        HEADER,
        "2022-01-05 22:06:49 +0000,Dumbbell Fly, 8,9.071858188712795,0.0,0.0,0.0,0.0,true,, 2.0",
        "2022-01-05 22:06:49 +0000,Plank, 0,0.0,55.0,0.0,0.0,0.0,false,, 0.0",
        "",
        "2022-01-03 20:00:00 +0000,Running, 0,0.0,600.0,1609.344,1.5,0.0,false,easy, 1.0",
    )
    result = parse(data)
    fly, plank, run = result.sets
    assert fly.workout_start == dt.datetime(2022, 1, 5, 22, 6, 49, tzinfo=dt.UTC)
    assert (fly.set_type, fly.reps, fly.load_kg) == ("warm-up", 8, 9.071858188712795)
    assert fly.extra == (("multiplier", "2.0"),)
    assert (plank.reps, plank.seconds, plank.load_kg, plank.extra) == (None, 55.0, None, ())
    assert (run.meters, run.notes) == (1609.344, "easy")
    assert ("Incline", "1.5") in run.extra
    assert [(k.line, k.reason) for k in result.skipped] == [(4, "blank line")]
    assert result.rows_read == 4
    assert result.workouts == 2


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("2022-01-05T22:06:49Z,Fly, 8,9.0,0.0,0.0,0.0,0.0,false,, 2.0", "Date"),
        ("2022-01-05 22:06:49 +0000,Fly, 8,nine,0.0,0.0,0.0,0.0,false,, 2.0", "Weight(kg)"),
        ("2022-01-05 22:06:49 +0000,Fly, x,9.0,0.0,0.0,0.0,0.0,false,, 2.0", "Reps"),
        ("2022-01-05 22:06:49 +0000,Fly, 8,9.0,0.0,0.0,0.0,0.0,maybe,, 2.0", "isWarmup"),
        ("2022-01-05 22:06:49 +0000,Fly, 8,9.0,0.0,0.0", "row"),
    ],
)
def test_a_bad_fitbod_row_is_listed_with_its_line_and_field_and_costs_only_itself(
    row: str, field: str
) -> None:
    good = "2022-01-05 22:06:49 +0000,Fly, 8,9.0,0.0,0.0,0.0,0.0,false,, 2.0"
    result = parse(_file(HEADER, row, good))
    assert [s.line for s in result.sets] == [3]
    assert [k.line for k in result.skipped] == [2]
    assert result.skipped[0].reason.startswith(f"{field}: expected")
