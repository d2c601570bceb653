"""Spotter's own CSV export read back (see :mod:`spotter.interchange.export` for the columns).

Every column after ``superset`` is optional, so files written before they existed still read.
Loads are kilograms at full precision; ``unit`` says how each set was entered. A set's ``uuid``
and ``batch_uuid`` come back with it, so importing the file into the database it came from
adds nothing, and into a fresh one keeps every identity.

>>> data = (",".join(SPOTTER_COLUMNS) + "\\n" +
...         "2026-11-20 18:00:00,Pull,Pull-Up,1,working,10,1,8,,,8,,,,,kg,,,3600,\\n").encode()
>>> r = parse(data)
>>> s = r.sets[0]
>>> (r.format, s.exercise, s.load_kg, s.bodyweight, s.reps, s.rpe, s.unit, s.workout_seconds)
('spotter-csv', 'Pull-Up', 10.0, True, 8, 8.0, <Unit.KG: 'kg'>, 3600.0)
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib

from spotter.interchange import tabular as t
from spotter.interchange.export import SPOTTER_COLUMNS
from spotter.interchange.records import SET_TYPES, ImportedSet, LogFormatError, ParseResult
from spotter.science.units import Unit

SOURCE = "spotter"
_NAME = "a Spotter CSV export"
#: The columns every Spotter CSV has had; the later ones are read when present.
REQUIRED = SPOTTER_COLUMNS[:15]


def _when(value: str, line: int, field: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise LogFormatError(line, field, "a date and time like 2026-11-20 18:00:00", value) from None


def _uuid(value: str, line: int, field: str) -> str | None:
    raw = value.strip()
    if not raw:
        return None
    try:
        return str(uuidlib.UUID(raw))
    except ValueError:
        raise LogFormatError(line, field, "a uuid, or nothing", value) from None


def parse(data: bytes, *, unit: Unit | None = None) -> ParseResult:
    """Parse a Spotter CSV export; ``unit`` is checked but unused (loads are kilograms)."""
    t.checked_unit(unit)
    rows = t.read_rows(data, delimiter=",")
    header = t.header_of(rows, _NAME)
    t.require(header, REQUIRED, _NAME)
    table = t.DataRows(rows, header, ",")
    units: set[str] = set()

    def read(row: t.Row, get: t.Getter) -> ImportedSet:
        line = row.line
        start = _when(get("workout_start"), line, "workout_start")
        exercise = t.text(get("exercise"))
        if exercise is None:
            raise LogFormatError(line, "exercise", "the exercise's name", "")
        set_type = get("set_type").strip()
        if set_type not in SET_TYPES:
            raise LogFormatError(line, "set_type", f"one of {', '.join(SET_TYPES)}", set_type)
        flag = get("bodyweight").strip()
        if flag not in ("0", "1", ""):
            raise LogFormatError(line, "bodyweight", "1 or 0", flag)
        entered = get("unit").strip().lower() or None
        if entered not in (None, "kg", "lb"):
            raise LogFormatError(line, "unit", "kg, lb or nothing", entered)
        load = t.optional_number(get("load_kg"), line=line, field="load_kg", negative=True)
        if load is not None:
            units.add(entered or "kg")
        name = t.text(get("workout_name"))
        seconds = t.optional_number(get("workout_seconds"), line=line, field="workout_seconds")
        return ImportedSet(
            source=SOURCE,
            line=line,
            workout_key=f"{start.isoformat()}|{name or ''}",
            workout_name=name,
            workout_start=start,
            workout_seconds=seconds,
            exercise=exercise,
            set_index=t.whole(get("set_index"), line=line, field="set_index"),
            set_type=set_type,
            load_kg=load,
            reps=t.optional_whole(get("reps"), line=line, field="reps"),
            seconds=t.optional_number(get("seconds"), line=line, field="seconds"),
            meters=t.optional_number(get("meters"), line=line, field="meters"),
            rpe=t.rpe(get("rpe"), line=line, field="rpe"),
            notes=t.text(get("notes")),
            superset_id=t.text(get("superset")),
            workout_notes=t.text(get("workout_notes")),
            unit=Unit(entered) if load is not None and entered is not None else None,
            bodyweight=flag == "1",
            rir=t.optional_number(get("rir"), line=line, field="rir"),
            tempo=t.text(get("tempo")),
            uuid=_uuid(get("uuid"), line, "uuid"),
            batch_uuid=_uuid(get("batch_uuid"), line, "batch_uuid"),
        )

    sets = table.collect(read)
    unit_used = None if not units else units.pop() if len(units) == 1 else "mixed"
    return ParseResult("spotter-csv", table.read, tuple(sets), tuple(table.skipped), unit_used)
