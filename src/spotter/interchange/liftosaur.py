"""Liftosaur CSV exports (its history export, one row per planned set).

Header: ``Workout DateTime, Program, Day Name, Exercise, Is Warmup Set?, Required Reps,
Completed Reps, Is AMRAP?, Required RPE, Completed RPE, Log RPE?, Required Weight Value,
Required Weight Unit, Completed Weight Value, Completed Weight Unit, Ask Weight?, Completed Reps
Time, Target Muscles, Synergist Muscles, Notes``.

A row is a set the program asked for. It was done when it has completed reps; a row without is
listed as not done (a plan, not a set). The load is the completed weight, or the required one
when no other was logged (the lifter did what was asked), in the unit the row names. Flags are
``1``/``0`` (``true``/``false`` accepted). A workout is its date and time with program and day.

>>> data = (b"Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,Required Reps,"
...         b"Completed Reps,Is AMRAP?,Required RPE,Completed RPE,Log RPE?,Required Weight Value,"
...         b"Required Weight Unit,Completed Weight Value,Completed Weight Unit,Ask Weight?,"
...         b"Completed Reps Time,Target Muscles,Synergist Muscles,Notes\\n"
...         b"2024-05-10T18:20:13.000Z,GZCLP,Day 1,Squat,0,5,5,1,,,0,100,kg,,,0,,,,\\n")
>>> s = parse(data).sets[0]
>>> s.exercise, s.load_kg, s.unit, s.reps, s.set_type, s.workout_start.isoformat()
('Squat', 100.0, <Unit.KG: 'kg'>, 5, 'amrap', '2024-05-10T18:20:13+00:00')
"""

from __future__ import annotations

import datetime as dt

from spotter.interchange import tabular as t
from spotter.interchange.records import ImportedSet, LogFormatError, ParseResult, Skipped
from spotter.science.units import Unit, to_kg

SOURCE = "liftosaur"
_NAME = "a Liftosaur export"
_COLUMNS = ("Workout DateTime", "Exercise", "Completed Reps")
_UNITS = {"kg": Unit.KG, "kgs": Unit.KG, "lb": Unit.LB, "lbs": Unit.LB}
_FLAGS = {"1": True, "0": False, "true": True, "false": False, "": False}


def parse(data: bytes, *, unit: Unit | None = None) -> ParseResult:
    """Parse a Liftosaur export; ``unit`` is the unit of a weight whose unit cell is empty."""
    fallback = t.checked_unit(unit)
    delimiter = t.sniff(data)
    dc = delimiter == ";"
    rows = t.read_rows(data, delimiter=delimiter)
    header = t.header_of(rows, _NAME)
    t.require(header, _COLUMNS, _NAME)
    table = t.DataRows(rows, header, delimiter)
    counter = t.SetCounter()

    def flag(get: t.Getter, column: str, line: int) -> bool:
        raw = get(column).strip().lower()
        if raw not in _FLAGS:
            raise LogFormatError(line, column, "1 or 0", get(column))
        return _FLAGS[raw]

    def weight(get: t.Getter, kind: str, line: int) -> tuple[float | None, Unit | None]:
        value = t.optional_number(
            get(f"{kind} Weight Value"),
            line=line,
            field=f"{kind} Weight Value",
            expected="a weight, or nothing",
            negative=True,
            decimal_comma=dc,
        )
        if value is None:
            return None, None
        written = get(f"{kind} Weight Unit").strip().lower()
        chosen = _UNITS.get(written) or (None if written else fallback)
        if chosen is None:
            raise LogFormatError(
                line, f"{kind} Weight Unit", "kg or lb", get(f"{kind} Weight Unit")
            )
        return value, chosen

    def read(row: t.Row, get: t.Getter) -> ImportedSet | Skipped:
        line = row.line
        start = _datetime(get("Workout DateTime"), line)
        exercise = t.text(get("Exercise"))
        if exercise is None:
            raise LogFormatError(line, "Exercise", "the exercise's name", "")
        reps = t.optional_whole(get("Completed Reps"), line=line, field="Completed Reps")
        if reps is None:
            return Skipped(line, "not done: the program's set has no completed reps")
        warm = flag(get, "Is Warmup Set?", line)
        amrap = flag(get, "Is AMRAP?", line)
        value, row_unit = weight(get, "Completed", line)
        if value is None:
            value, row_unit = weight(get, "Required", line)
        rpe = t.rpe(get("Completed RPE"), line=line, field="Completed RPE", decimal_comma=dc)
        program, day = t.text(get("Program")), t.text(get("Day Name"))
        name = " - ".join(p for p in (program, day) if p) or None
        workout_key = f"{start.isoformat()}|{name or ''}"
        extra = tuple(
            (c, get(c).strip())
            for c in ("Required Reps", "Target Muscles", "Completed Reps Time")
            if get(c).strip()
        )
        return ImportedSet(
            source=SOURCE,
            line=line,
            workout_key=workout_key,
            workout_name=name,
            workout_start=start,
            workout_seconds=None,
            exercise=exercise,
            set_index=counter.next(workout_key, exercise),
            set_type="warm-up" if warm else "amrap" if amrap else "working",
            load_kg=None if value is None or row_unit is None else to_kg(value, row_unit),
            unit=row_unit,
            reps=reps,
            rpe=rpe,
            notes=t.text(get("Notes")),
            extra=extra,
        )

    sets = table.collect(read)
    units = {s.unit for s in sets if s.unit}
    unit_used = "mixed" if len(units) > 1 else next(iter(units), None)
    return ParseResult("liftosaur", table.read, tuple(sets), tuple(table.skipped), unit_used)


def _datetime(value: str, line: int) -> dt.datetime:
    """ISO 8601 (``2024-05-10T18:20:13.000Z``, as JavaScript writes it) or a date alone."""
    raw = value.strip()
    try:
        return dt.datetime.fromisoformat(raw)
    except ValueError:
        raise LogFormatError(
            line, "Workout DateTime", "a date and time like 2024-05-10T18:20:13.000Z", value
        ) from None
