"""Strong exports: the legacy and current comma formats and the semicolon format."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spotter.interchange.records import LogFormatError
from spotter.interchange.strong import parse
from spotter.science.units import KG_PER_LB, kg_to_lb

LEGACY = (
    "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes"
)
COMMA = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"
SEMI = (
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
    '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"'
)


def _file(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_legacy_weights_in_pounds_become_exact_kilograms_that_round_trip() -> None:
    data = _file(
        LEGACY,
        '2017-05-12 19:00:00,"Legs","Squat (Barbell)",1,45,10,0,0,"",""',
        '2017-05-12 19:00:00,"Legs","Squat (Barbell)",2,137.5,5,0,0,"",""',
    )
    result = parse(data, unit="lb")
    assert result.format == "strong-legacy"
    assert result.unit_used == "lb"
    assert [s.load_kg for s in result.sets] == [45 * KG_PER_LB, 137.5 * KG_PER_LB]
    assert [round(kg_to_lb(s.load_kg or 0), 9) for s in result.sets] == [45.0, 137.5]


def test_comma_weights_without_a_unit_ask_for_one() -> None:
    data = _file(LEGACY, '2017-05-12 19:00:00,"Legs","Squat (Barbell)",1,45,10,0,0,"",""')
    with pytest.raises(LogFormatError, match="--unit kg\\|lb") as info:
        parse(data)
    assert info.value.line == 1


def test_comma_format_keeps_duration_rpe_notes_and_workout_fields() -> None:
    data = _file(
        COMMA,
        '2023-01-01 09:24:45,"Push",1h 6m,"Bench Press (Barbell)",1,60,8,0,0,"paused","good day",8.5',
        '2023-01-01 09:24:45,"Push",1h 6m,"Plank",1,0,0,0,60,"","good day",',
    )
    bench, plank = parse(data, unit="kg").sets
    assert (bench.workout_seconds, bench.rpe, bench.notes) == (3960.0, 8.5, "paused")
    assert bench.workout_name == "Push"
    assert bench.workout_notes == "good day"
    assert bench.workout_start.isoformat() == "2023-01-01T09:24:45"
    assert (plank.reps, plank.seconds, plank.load_kg) == (None, 60.0, None)  # 0 is no weight


@pytest.mark.parametrize(("text", "seconds"), [("56m", 3360.0), ("1h 6m", 3960.0), ("1h", 3600.0)])
def test_strong_duration_texts_are_read_as_seconds(text: str, seconds: float) -> None:
    data = _file(COMMA, f'2023-01-01 09:24:45,"W",{text},"Row",1,50,10,0,0,"","",')
    assert parse(data, unit="kg").sets[0].workout_seconds == seconds


def test_semicolon_format_reads_set_orders_decimal_commas_and_kilograms() -> None:
    data = _file(
        SEMI,
        '1;"2024-03-02 10:00:00";"Legs";"3600";"Squat (Barbell)";"WARM_UP";"6,80388555";"10";"";"0";"0";"";""',
        '1;"2024-03-02 10:00:00";"Legs";"3600";"Squat (Barbell)";"1";"100";"5";"8";"0";"0";"";""',
        '1;"2024-03-02 10:00:00";"Legs";"3600";"Squat (Barbell)";"FAILURE";"100";"3";"10";"0";"0";"";""',
        '1;"2024-03-02 10:00:00";"Legs";"3600";"Squat (Barbell)";"Rest Timer";"";"";"";"";"90";"";""',
        '1;"2024-03-02 10:00:00";"Legs";"3600";"Squat (Barbell)";"Note";"";"";"";"";"";"knees out";""',
    )
    result = parse(data)
    assert result.format == "strong-semicolon"
    assert [s.set_type for s in result.sets] == ["warm-up", "working", "failure"]
    assert result.sets[0].load_kg == pytest.approx(15 * KG_PER_LB)
    assert [s.set_index for s in result.sets] == [1, 2, 3]
    assert result.sets[0].workout_seconds == 3600.0
    assert [(k.line, k.reason.split(" ")[0]) for k in result.skipped] == [(5, "rest"), (6, "note")]
    assert "knees out" in result.skipped[1].reason
    assert len(result.sets) + len(result.skipped) == result.rows_read == 5


def test_semicolon_weight_in_pounds_is_converted() -> None:
    header = SEMI.replace("Weight (kg)", "Weight (lbs)")
    data = _file(header, '1;"2024-03-02 10:00:00";"L";"60";"Curl";"1";"25";"10";"";"";"";"";""')
    result = parse(data)
    assert result.unit_used == "lb"
    assert result.sets[0].load_kg == 25 * KG_PER_LB


def test_an_exercise_repeated_in_a_workout_gets_distinct_keys() -> None:
    data = _file(
        LEGACY,
        '2018-11-19 16:09:09,"A","Squat (Barbell)",1,100,5,0,0,"",""',
        '2018-11-19 16:09:09,"A","Bench Press (Barbell)",1,60,5,0,0,"",""',
        '2018-11-19 16:09:09,"A","Squat (Barbell)",1,90,5,0,0,"",""',
    )
    sets = parse(data, unit="kg").sets
    assert len({s.key for s in sets}) == 3
    assert [s.set_index for s in sets] == [1, 1, 2]


def test_re_parsing_the_same_file_gives_the_same_keys() -> None:
    data = _file(LEGACY, '2017-05-12 19:00:00,"Legs","Squat (Barbell)",1,45,10,0,0,"",""')
    assert [s.key for s in parse(data, unit="lb").sets] == [
        s.key for s in parse(data, unit="kg").sets
    ]


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        ('12/05/2017 7pm,"Legs","Squat",1,45,10,0,0,"",""', 3, "Date"),
        ('2017-05-12 19:00:00,"Legs","Squat",1,heavy,10,0,0,"",""', 3, "Weight"),
        ('2017-05-12 19:00:00,"Legs","Squat",1,45,ten,0,0,"",""', 3, "Reps"),
        ('2017-05-12 19:00:00,"Legs","Squat",1,45,10', 3, "row"),
        ('2017-05-12 19:00:00;"Legs";"Squat";1;45;10;0;0;"";""', 3, "row"),
        ('2017-05-12 19:00:00,"Legs","Squat",X,45,10,0,0,"",""', 3, "Set Order"),
    ],
)
def test_a_bad_row_costs_that_row_and_is_listed_with_line_and_field(
    row: str, line: int, field: str
) -> None:
    good = '2017-05-12 19:00:00,"Legs","Squat",1,45,10,0,0,"",""'
    result = parse(_file(LEGACY, good, row, good.replace(",1,", ",2,")), unit="lb")
    assert [s.line for s in result.sets] == [2, 4]
    assert [k.line for k in result.skipped] == [line]
    assert result.skipped[0].reason.startswith(f"{field}: expected")


def test_a_multi_line_note_does_not_shift_later_line_numbers() -> None:
    data = _file(
        LEGACY,
        '2017-05-12 19:00:00,"Legs","Squat",1,45,10,0,0,"two\nlines",""',
        '2017-05-12 19:00:00,"Legs","Squat",2,x,10,0,0,"",""',
    )
    assert [k.line for k in parse(data, unit="lb").skipped] == [4]


@given(st.integers(0, 200_000))
def test_any_pound_load_to_two_decimals_round_trips_through_kilograms(hundredths: int) -> None:
    pounds = hundredths / 100
    data = _file(LEGACY, f'2017-05-12 19:00:00,"L","Squat",1,{pounds},5,0,0,"",""')
    load_kg = parse(data, unit="lb").sets[0].load_kg
    if pounds == 0:  # Strong writes 0 for "no weight"
        assert load_kg is None
        return
    assert load_kg is not None
    assert round(kg_to_lb(load_kg), 9) == pounds


@pytest.mark.parametrize(
    ("order", "set_type"), [("W", "warm-up"), ("F", "failure"), ("D", "drop"), ("3", "working")]
)
def test_comma_set_order_letters_give_set_types(order: str, set_type: str) -> None:
    data = _file(COMMA, f'2023-01-01 09:24:45,"W",56m,"Row",{order},50,10,0,0,"","",')
    assert parse(data, unit="kg").sets[0].set_type == set_type


def test_comma_rest_timer_rows_are_skipped_with_a_reason() -> None:
    data = _file(
        COMMA,
        '2023-01-01 09:24:45,"W",56m,"Row",1,50,10,0,0,"","",',
        '2023-01-01 09:24:45,"W",56m,"Row",Rest Timer,0,0,0,120,"","",',
    )
    result = parse(data, unit="kg")
    assert len(result.sets) == 1
    assert result.skipped[0].line == 3
    assert "rest timer" in result.skipped[0].reason


@pytest.mark.parametrize(("unit", "meters"), [("kg", 5000.0), ("lb", 5 * 1609.344)])
def test_a_comma_export_distance_is_in_the_lifters_units(unit: str, meters: float) -> None:
    data = _file(LEGACY, '2017-05-12 19:00:00,"Run","Running",1,0,0,5,1800,"",""')
    run = parse(data, unit=unit).sets[0]
    assert (run.meters, run.seconds, run.load_kg) == (pytest.approx(meters), 1800.0, None)
