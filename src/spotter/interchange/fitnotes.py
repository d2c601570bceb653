"""FitNotes CSV exports, old and new headers.

* ``fitnotes``: ``Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time``
  (``Weight Unit`` is ``kgs`` or ``lbs`` on each row);
* ``fitnotes-old``: ``Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time``
  (``Weight (kgs)`` is accepted too).

A trailing ``Comment`` column becomes the set's notes. Dates are days only, so a workout is a
calendar day and starts at midnight. ``Time`` is ``H:MM:SS``. The category (a body part) is
kept in ``extra``.

FitNotes does not quote exercise names that contain commas (``Overhead Press (Each Side,
Dumbbells)``), so such a row has more fields than the header. The extra fields are joined back
into the name when what follows still reads as a category; otherwise the row is an error.

>>> data = (b"Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\\n"
...         b"2025-04-29,Press (Each Side, Dumbbells),Shoulders,8.0,kgs,5,,,\\n")
>>> s = parse(data).sets[0]
>>> s.exercise, s.load_kg, s.reps, s.workout_key
('Press (Each Side, Dumbbells)', 8.0, 5, '2025-04-29')
"""

from __future__ import annotations

import datetime as dt
import re

from spotter.interchange import tabular as t
from spotter.interchange.records import ImportedSet, LogFormatError, ParseResult
from spotter.interchange.tabular import Row
from spotter.science.units import Unit, to_kg

SOURCE = "fitnotes"
_NAME = "a FitNotes export"
_COLUMNS = ("Date", "Exercise", "Category", "Reps", "Distance", "Distance Unit", "Time")
_WEIGHT_UNITS = {"kg": Unit.KG, "kgs": Unit.KG, "lb": Unit.LB, "lbs": Unit.LB}
_METERS = {
    "m": 1.0,
    "meters": 1.0,
    "metres": 1.0,
    "km": 1000.0,
    "kms": 1000.0,
    "mi": 1609.344,
    "miles": 1609.344,
    "ft": 0.3048,
    "feet": 0.3048,
    "yd": 0.9144,
    "yds": 0.9144,
    "cm": 0.01,
}
_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$", re.ASCII)
_NUMERIC = re.compile(r"^\s*[+-]?[\d.,]+\s*$", re.ASCII)


def parse(data: bytes, *, unit: Unit | None = None) -> ParseResult:
    """Parse a FitNotes export; ``unit`` is the unit of a weight whose Weight Unit cell is
    empty (FitNotes names its units on every row otherwise)."""
    fallback = t.checked_unit(unit)
    delimiter = t.sniff(data)
    dc = delimiter == ";"  # a semicolon file writes decimal commas
    rows = t.read_rows(data, delimiter=delimiter)
    header = t.header_of(rows, _NAME)
    t.require(header, _COLUMNS, _NAME)
    if "Weight Unit" in header and "Weight" in header:
        fmt, fixed_unit, weight_col = "fitnotes", None, "Weight"
    elif "Weight (lbs)" in header:
        fmt, fixed_unit, weight_col = "fitnotes-old", Unit.LB, "Weight (lbs)"
    elif "Weight (kgs)" in header:
        fmt, fixed_unit, weight_col = "fitnotes-old", Unit.KG, "Weight (kgs)"
    else:
        raise LogFormatError(
            1,
            "Weight",
            "Weight and Weight Unit, or Weight (lbs), or Weight (kgs)",
            ",".join(header),
        )
    table = t.DataRows(
        rows,
        header,
        delimiter,
        repair=lambda row: _rejoin_name(row, header, table.columns, delimiter),
    )
    counter = t.SetCounter()
    units_seen: set[str] = set()

    def read(row: t.Row, get: t.Getter) -> ImportedSet:
        line = row.line
        try:
            day = dt.date.fromisoformat(get("Date").strip())
        except ValueError:
            raise LogFormatError(line, "Date", "a date like 2025-04-29", get("Date")) from None
        exercise = t.text(get("Exercise"))
        if exercise is None:
            raise LogFormatError(line, "Exercise", "the exercise's name", "")
        weight = t.optional_number(
            get(weight_col),
            line=line,
            field=weight_col,
            expected="a weight, or nothing",
            negative=True,
            decimal_comma=dc,
        )
        weight_unit = fixed_unit
        if weight_unit is None and weight is not None:
            raw_unit = get("Weight Unit").strip().lower()
            weight_unit = _WEIGHT_UNITS.get(raw_unit) or (None if raw_unit else fallback)
            if not raw_unit and weight == 0:
                weight, weight_unit = None, None  # "0" and no unit (cardio, bodyweight): no load
            elif weight_unit is None:
                raise LogFormatError(
                    line, "Weight Unit", "kgs or lbs (or pass --unit)", get("Weight Unit")
                )
        distance = t.optional_number(
            get("Distance"), line=line, field="Distance", zero_is_empty=True, decimal_comma=dc
        )
        meters = None
        if distance is not None:  # the unit of an empty or zero distance is not read
            unit_text = get("Distance Unit").strip().lower() or "m"
            if unit_text not in _METERS:
                raise LogFormatError(
                    line,
                    "Distance Unit",
                    f"a unit of distance ({', '.join(_METERS)})",
                    get("Distance Unit"),
                )
            meters = distance * _METERS[unit_text]
        seconds = _time(get("Time"), line)
        reps = t.optional_whole(get("Reps"), line=line, field="Reps", decimal_comma=dc)
        if weight is not None and weight_unit is not None:
            units_seen.add(weight_unit)
        workout_key = day.isoformat()
        category = get("Category").strip()
        return ImportedSet(
            source=SOURCE,
            line=line,
            workout_key=workout_key,
            workout_name=None,
            workout_start=dt.datetime(day.year, day.month, day.day),
            workout_seconds=None,
            exercise=exercise,
            set_index=counter.next(workout_key, exercise),
            set_type="working",
            load_kg=None if weight is None else to_kg(weight, weight_unit or "kg"),
            unit=weight_unit if weight is not None else None,
            reps=t.reps_or_none(reps, seconds, meters),
            seconds=seconds,
            meters=meters,
            notes=t.text(get("Comment")),
            extra=(("Category", category),) if category else (),
        )

    sets = table.collect(read)
    unit_used = "mixed" if len(units_seen) > 1 else next(iter(units_seen), None)
    return ParseResult(fmt, table.read, tuple(sets), tuple(table.skipped), unit_used)


def _rejoin_name(row: Row, header: list[str], col: dict[str, int], delimiter: str) -> Row:
    """Put back the commas of an unquoted exercise name, when the rest still lines up."""
    extra = len(row.fields) - len(header)
    if extra <= 0:
        return row
    name_at = col["Exercise"]
    fields = row.fields
    after = fields[name_at + 1 + extra] if name_at + 1 + extra < len(fields) else ""
    if (
        header[name_at + 1 : name_at + 2] != ["Category"]
        or not after.strip()
        or _NUMERIC.match(after)
    ):
        return row
    name = delimiter.join(fields[name_at : name_at + 1 + extra])
    return Row(row.line, [*fields[:name_at], name, *fields[name_at + 1 + extra :]])


def _time(value: str, line: int) -> float | None:
    """``H:MM:SS`` or ``MM:SS`` in seconds; empty or 0:00:00 is None."""
    raw = value.strip()
    if not raw:
        return None
    m = _TIME.match(raw)
    if m is None:
        raise LogFormatError(line, "Time", "a time like 0:01:30 (H:MM:SS)", value)
    h, mins, s = (int(g) if g else 0 for g in m.groups())
    if (mins >= 60 and m.group(1) is not None) or s >= 60:
        raise LogFormatError(line, "Time", "a time like 0:01:30 (H:MM:SS)", value)
    total = float(h * 3600 + mins * 60 + s)
    return total or None
