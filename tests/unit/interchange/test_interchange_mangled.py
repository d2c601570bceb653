"""Mangled exports: whatever is done to a data row, a parser reads the file, accounting for every
row (a row it cannot read is listed with its line and reason); only a broken header rejects the
whole file, with a LogFormatError naming line 1. Nothing else."""

from __future__ import annotations

import math
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spotter.interchange import fitbod, fitnotes, hevy, liftosaur, strong
from spotter.interchange.detect import parse_any
from spotter.interchange.records import LogFormatError, ParseResult

Parser = Callable[..., ParseResult]

# (parser, delimiter, header, two valid data rows, unit)
SAMPLES: dict[str, tuple[Parser, str, str, list[str], str | None]] = {
    "strong-legacy": (
        strong.parse,
        ",",
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes",
        [
            '2017-05-12 19:00:00,"Legs","Squat (Barbell)",1,45,10,0,0,"",""',
            '2017-05-12 19:00:00,"Legs","Plank",1,0,0,0,60,"hold",""',
        ],
        "lb",
    ),
    "strong": (
        strong.parse,
        ",",
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        [
            '2023-01-01 09:24:45,"Push",1h 6m,"Bench Press (Barbell)",W,60,8,0,0,"","",8.5',
            '2023-01-01 09:24:45,"Push",1h 6m,"Bench Press (Barbell)",Rest Timer,,,,90,"","",',
        ],
        "kg",
    ),
    "strong-semicolon": (
        strong.parse,
        ";",
        '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"',
        [
            '1;"2024-03-02 10:00:00";"Legs";"3600";"Squat";"WARM_UP";"6,80388555";"10";"";"0";"0";"";""',
            '1;"2024-03-02 10:00:00";"Legs";"3600";"Squat";"FAILURE";"100";"3";"10";"0";"0";"";""',
        ],
        None,
    ),
    "hevy": (
        hevy.parse,
        ",",
        '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"',
        [
            '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:03","","Pull Up",,"a\\nb",0,"warmup",,7,,,',
            '"Pull","9 Apr 2026, 17:18","9 Apr 2026, 18:03","","Row",1,"",0,"normal",50.5,10,,,8',
        ],
        None,
    ),
    "fitnotes": (
        fitnotes.parse,
        ",",
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time",
        [
            "2025-04-29,Overhead Press (Each Side, Dumbbells),Shoulders,8.0,kgs,5,,,",
            "2025-04-29,Plank,Abs,,,,,,0:01:30",
        ],
        None,
    ),
    "liftosaur": (
        liftosaur.parse,
        ",",
        "Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,Required Reps,Completed Reps,"
        "Is AMRAP?,Required RPE,Completed RPE,Log RPE?,Required Weight Value,Required Weight Unit,"
        "Completed Weight Value,Completed Weight Unit,Ask Weight?,Completed Reps Time,"
        "Target Muscles,Synergist Muscles,Notes",
        [
            '2024-05-10T18:20:13.000Z,GZCLP,Day 1,Squat,1,5,5,0,,,0,60,kg,,,0,,"Quads, Glutes",,',
            "2024-05-10T18:20:13.000Z,GZCLP,Day 1,Squat,0,5,7,1,,8,1,100,kg,102.5,kg,0,,,,deep",
        ],
        None,
    ),
    "fitbod": (
        fitbod.parse,
        ",",
        "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier",
        [
            "2022-01-05 22:06:49 +0000,Dumbbell Fly, 8,9.071858188712795,0.0,0.0,0.0,0.0,false,, 2.0",
            "2022-01-05 22:06:49 +0000,Plank, 0,0.0,55.0,0.0,0.0,0.0,true,, 0.0",
        ],
        None,
    ),
}

junk = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "-1", "nan", "inf", "1e999", "7,5", "ten", " ", '"', "\n", ";", ",", "W", "Note", "0"]
)


@st.composite
def mangled(draw: st.DrawFn) -> tuple[str, str]:
    """A sample file with one of its data rows mangled: (format, text)."""
    name = draw(st.sampled_from(sorted(SAMPLES)))
    _, delim, header, rows, _ = SAMPLES[name]
    rows = list(rows)
    i = draw(st.integers(0, len(rows) - 1))
    fields = rows[i].split(delim)
    how = draw(st.sampled_from(["replace", "drop", "extra", "truncate", "swap"]))
    j = draw(st.integers(0, len(fields) - 1))
    if how == "replace":
        fields[j] = draw(junk)
    elif how == "drop":
        del fields[j]
    elif how == "extra":
        fields.insert(j, draw(junk))
    elif how == "swap":
        k = draw(st.integers(0, len(fields) - 1))
        fields[j], fields[k] = fields[k], fields[j]
    rows[i] = delim.join(fields)
    text = "\n".join([header, *rows]) + "\n"
    if how == "truncate":
        text = text[: draw(st.integers(len(header) + 1, len(text)))]
    return name, text


def _check(parse: Parser, text: str, unit: str | None) -> None:
    try:
        result = parse(text.encode(), unit=unit)
    except LogFormatError as error:  # only the header may fail the file
        assert error.line == 1, str(error)
        assert "expected" in str(error)
        return
    assert len(result.sets) + len(result.skipped) == result.rows_read
    assert all(k.reason for k in result.skipped)
    assert sorted({s.line for s in result.sets} | {k.line for k in result.skipped}) == sorted(
        [s.line for s in result.sets] + [k.line for k in result.skipped]
    )
    assert len({s.key for s in result.sets}) == len(result.sets)
    assert all(s.load_kg is None or math.isfinite(s.load_kg) for s in result.sets)
    assert all(s.reps is None or s.reps >= 0 for s in result.sets)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_a_mangled_row_is_read_or_rejected_with_its_line(case: tuple[str, str]) -> None:
    name, text = case
    parse, _, _, _, unit = SAMPLES[name]
    _check(parse, text, unit)


@settings(max_examples=200)
@given(st.sampled_from(sorted(SAMPLES)), st.lists(junk, min_size=1, max_size=14))
def test_a_row_of_random_fields_is_read_or_rejected_with_its_line(
    name: str, fields: list[str]
) -> None:
    parse, delim, header, rows, unit = SAMPLES[name]
    _check(parse, "\n".join([header, rows[0], delim.join(fields)]) + "\n", unit)


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_random_bytes_are_rejected_with_a_line_or_read(data: bytes) -> None:
    try:
        result = parse_any(data, unit="kg")
    except LogFormatError as error:
        assert error.line == 1
        return
    assert len(result.sets) + len(result.skipped) == result.rows_read


def test_the_unmangled_samples_parse() -> None:
    for name, (parse, _, header, rows, unit) in SAMPLES.items():
        result = parse(("\n".join([header, *rows]) + "\n").encode(), unit=unit)
        assert result.format == name
        assert len(result.sets) + len(result.skipped) == 2
        assert all("expected" not in k.reason for k in result.skipped)
