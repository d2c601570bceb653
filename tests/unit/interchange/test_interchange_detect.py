"""Detecting an export's format from its header, and parsing whatever it is."""

from __future__ import annotations

import pytest

from spotter.interchange.detect import FORMATS, detect, parse_any
from spotter.interchange.records import LogFormatError

HEADERS = {
    "strong-legacy": "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes",
    "strong": "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
    "strong-semicolon": '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"',
    "hevy": '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"',
    "fitnotes": "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time",
    "fitnotes-old": "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time",
    "fitbod": "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier",
}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_every_quoted_header_is_detected(name: str) -> None:
    assert detect(("\ufeff" + HEADERS[name] + "\r\n").encode()) == name


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_a_header_only_file_parses_to_no_sets(name: str) -> None:
    result = parse_any((HEADERS[name] + "\n").encode(), unit="kg")
    assert (result.format, result.rows_read, result.sets, result.skipped) == (name, 0, (), ())


def test_an_unknown_header_names_the_known_formats_and_the_header_found() -> None:
    with pytest.raises(LogFormatError) as info:
        detect(b"when,what,how much\n1,2,3\n")
    message = str(info.value)
    assert all(name in message for name in FORMATS)
    assert "when,what,how much" in message
    assert info.value.line == 1


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xff\xfe\x00garbage"])
def test_empty_or_undecodable_files_are_rejected_with_a_line(data: bytes) -> None:
    with pytest.raises(LogFormatError) as info:
        parse_any(data)
    assert info.value.line == 1


def test_an_unknown_unit_is_refused() -> None:
    data = (HEADERS["strong"] + "\n").encode()
    with pytest.raises(LogFormatError, match="kg or lb"):
        parse_any(data, unit="stone")
