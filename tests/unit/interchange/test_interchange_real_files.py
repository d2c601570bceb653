"""The real exports in ../shared/data/logs: every row accounted for, and counts that match an
independent reading of the raw CSV with the csv module (written here, not taken from the parser).

Skipped when ../shared/data is absent (a fresh checkout does not have it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from spotter.interchange.detect import detect, parse_any
from spotter.interchange.records import ParseResult

LOGS = Path(__file__).resolve().parents[4] / "shared" / "data" / "logs"
LB = 0.45359237  # kilograms per pound, exact by definition

pytestmark = pytest.mark.shared_data


@dataclass
class Expected:
    rows: int
    sets: int
    workouts: int
    total_kg: float
    heaviest: dict[str, tuple[float, int]]  # exercise -> (heaviest load, most reps at it)


def _read(name: str) -> bytes:
    path = LOGS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (real data lives outside the repository)")
    return path.read_bytes()


def _records(data: bytes) -> tuple[list[str], list[list[str]]]:
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return records[0], records[1:]


def _expected(rows: int, sets: Sequence[tuple[str, str, float | None, int | None]]) -> Expected:
    """From (workout, exercise, load kg, reps) tuples of the rows that are sets.

    Exercise names are compared without surrounding spaces (the parsers strip them).
    """
    total = sum(w * r for _, _, w, r in sets if w is not None and r is not None)
    heaviest: dict[str, tuple[float, int]] = {}
    for _, exercise, w, r in sets:
        if w is None:
            continue
        best = heaviest.get(exercise)
        if best is None or w > best[0] or (w == best[0] and (r or 0) > best[1]):
            heaviest[exercise] = (w, r or 0)
    return Expected(rows, len(sets), len({s[0] for s in sets}), total, heaviest)


def _strong_legacy(data: bytes) -> Expected:
    header, records = _records(data)
    c = {n: i for i, n in enumerate(header)}
    sets = [
        (r[c["Date"]], r[c["Exercise Name"]].strip(), float(r[c["Weight"]]) * LB or None,
         int(r[c["Reps"]]))  # 0 is "no weight"
        for r in records
        if r and r[c["Set Order"]] not in ("Rest Timer", "Note")
    ]
    return _expected(len(records), sets)


def _hevy(data: bytes) -> Expected:
    header, records = _records(data)
    c = {n: i for i, n in enumerate(header)}
    sets = [
        (
            r[c["title"]] + r[c["start_time"]],
            r[c["exercise_title"]].strip(),
            float(r[c["weight_kg"]]) if r[c["weight_kg"]] else None,
            int(r[c["reps"]]) if r[c["reps"]] else None,
        )
        for r in records
        if r
    ]
    return _expected(len(records), sets)


def _fitnotes(data: bytes) -> Expected:
    header, records = _records(data)
    sets = []
    for r in records:
        if not r:
            continue
        extra = len(r) - len(header)  # unquoted commas in an exercise name
        name = ",".join(r[1 : 2 + extra])
        rest = [*r[:1], name, *r[2 + extra :]]
        row = dict(zip(header, rest, strict=True))
        unit = LB if row["Weight Unit"] == "lbs" else 1.0
        weight = float(row["Weight"]) * unit if row["Weight"] else None
        sets.append((row["Date"], name.strip(), weight, int(row["Reps"]) if row["Reps"] else None))
    return _expected(len(records), sets)


def _fitbod(data: bytes) -> Expected:
    header, records = _records(data)
    c = {n: i for i, n in enumerate(header)}
    sets = [  # Fitbod writes 0 for "no weight": a bodyweight set
        (r[c["Date"]], r[c["Exercise"]].strip(), float(r[c["Weight(kg)"]]) or None, int(r[c["Reps"]]))
        for r in records
        if r
    ]
    return _expected(len(records), sets)


CASES = {
    "strong-legacy-2017.csv": ("strong-legacy", _strong_legacy),
    "hevy-2026.csv": ("hevy", _hevy),
    "fitnotes-2025.csv": ("fitnotes", _fitnotes),
    "fitbod-2018.csv": ("fitbod", _fitbod),
}


def _actual(result: ParseResult) -> Expected:
    return _expected(
        result.rows_read,
        [(s.workout_key, s.exercise, s.load_kg, s.reps) for s in result.sets],
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_export_counts_match_an_independent_reading(name: str) -> None:
    data = _read(name)
    fmt, independent = CASES[name]
    assert detect(data) == fmt
    result = parse_any(data, unit="lb")  # the Strong file's 45.0 squat opener says pounds
    want, got = independent(data), _actual(result)
    assert got.rows == want.rows
    assert got.sets == want.sets
    assert got.workouts == want.workouts == result.workouts
    assert got.total_kg == pytest.approx(want.total_kg, rel=1e-12)
    assert got.heaviest.keys() == want.heaviest.keys()
    for exercise, (load, reps) in want.heaviest.items():
        assert got.heaviest[exercise][0] == pytest.approx(load, rel=1e-12), exercise
        assert got.heaviest[exercise][1] == reps, exercise


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_real_row_is_a_set_or_a_skip_with_a_reason(name: str) -> None:
    result = parse_any(_read(name), unit="lb")
    lines = [s.line for s in result.sets] + [k.line for k in result.skipped]
    assert len(result.sets) + len(result.skipped) == result.rows_read
    assert len(set(lines)) == len(lines)
    assert all(k.reason for k in result.skipped)
    assert len({s.key for s in result.sets}) == len(result.sets)


def test_real_strong_pounds_round_trip_to_the_same_pounds() -> None:
    data = _read("strong-legacy-2017.csv")
    header, records = _records(data)
    pounds = [float(r[header.index("Weight")]) for r in records if r]
    result = parse_any(data, unit="lb")
    assert [round((s.load_kg or 0) / LB, 9) for s in result.sets] == pounds


def test_real_fitbod_blank_lines_are_reported_not_dropped() -> None:
    data = _read("fitbod-2018.csv")
    _, records = _records(data)
    blank_lines = [i + 2 for i, r in enumerate(records) if not r]  # no quoted new lines there
    result = parse_any(data)
    assert [(k.line, k.reason) for k in result.skipped] == [(n, "blank line") for n in blank_lines]
