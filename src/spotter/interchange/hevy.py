"""Hevy CSV exports.

Header: ``"title","start_time","end_time","description","exercise_title","superset_id",
"exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds",
"rpe"`` (``weight_lbs`` instead of ``weight_kg`` is accepted and converted; a ``weight_kg``
that is a whole pound to Hevy's 2 decimals and no whole quarter-kilogram, 18.14 for 40 lb, was
entered in pounds, which becomes the set's entered unit). Dates look like
``9 Apr 2026, 17:18`` (local time; ISO dates are accepted too). A workout is ``title`` +
``start_time``; its duration is ``end_time - start_time``. ``exercise_notes`` has its ``\\n``
escapes turned back into new lines; ``description`` becomes the workout notes. Hevy's 0-based
``set_index`` is not used for the key: sets are numbered 1, 2... per exercise and workout in
file order, because an exercise done twice in a workout restarts Hevy's count.

>>> data = (b'"title","start_time","end_time","description","exercise_title","superset_id",'
...         b'"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
...         b'"duration_seconds","rpe"\\n"Push","9 Apr 2026, 17:18","9 Apr 2026, 18:00","",'
...         b'"Bench Press (Barbell)",,"",0,"warmup",40,10,,,\\n')
>>> s = parse(data).sets[0]
>>> s.workout_start.isoformat(), s.workout_seconds, s.set_type, s.load_kg
('2026-04-09T17:18:00', 2520.0, 'warm-up', 40.0)
"""

from __future__ import annotations

import datetime as dt
import re

from spotter.interchange import tabular as t
from spotter.interchange.records import ImportedSet, LogFormatError, ParseResult
from spotter.science.units import Unit, to_kg

SOURCE = "hevy"
_NAME = "a Hevy export"
_COLUMNS = (
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "reps",
    "distance_km",
    "duration_seconds",
    "rpe",
)
_SET_TYPES = {
    "normal": "working",
    "warmup": "warm-up",
    "dropset": "drop",
    "failure": "failure",
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?(?: ?(?P<half>[AaPp][Mm]))?"
_DATE = re.compile(
    rf"^(?P<day>\d{{1,2}}) (?P<month>[A-Za-z]{{3,9}})\.? (?P<year>\d{{4}}),? {_CLOCK}$", re.ASCII
)
_DATE_US = re.compile(
    rf"^(?P<month>[A-Za-z]{{3,9}})\.? (?P<day>\d{{1,2}}),? (?P<year>\d{{4}}),? {_CLOCK}$", re.ASCII
)


def parse(data: bytes, *, unit: Unit | None = None) -> ParseResult:
    """Parse a Hevy export; ``unit`` is checked but unused (the weight column names its unit)."""
    t.checked_unit(unit)
    delimiter = t.sniff(data)
    dc = delimiter == ";"  # a semicolon file writes decimal commas
    rows = t.read_rows(data, delimiter=delimiter)
    header = t.header_of(rows, _NAME)
    t.require(header, _COLUMNS, _NAME)
    if "weight_kg" in header:
        weight_col, weight_unit = "weight_kg", Unit.KG
    elif "weight_lbs" in header:
        weight_col, weight_unit = "weight_lbs", Unit.LB
    else:
        raise LogFormatError(1, "weight_kg", "a weight_kg or weight_lbs column", ",".join(header))
    table = t.DataRows(rows, header, delimiter)
    counter = t.SetCounter()
    has_weight = False

    def read(row: t.Row, get: t.Getter) -> ImportedSet:
        nonlocal has_weight
        line = row.line
        title = get("title").strip()
        start = _datetime(get("start_time"), line, "start_time")
        end_text = get("end_time").strip()
        end = _datetime(end_text, line, "end_time") if end_text else None
        exercise = t.text(get("exercise_title"))
        if exercise is None:
            raise LogFormatError(line, "exercise_title", "the exercise's name", "")
        kind = get("set_type").strip().lower()
        if kind not in _SET_TYPES:
            raise LogFormatError(line, "set_type", "normal, warmup, dropset or failure", kind)
        t.optional_whole(get("set_index"), line=line, field="set_index", decimal_comma=dc)
        weight = t.optional_number(
            get(weight_col),
            line=line,
            field=weight_col,
            expected="a weight, or nothing",
            negative=True,
            decimal_comma=dc,
        )
        has_weight = has_weight or weight is not None
        km = t.optional_number(get("distance_km"), line=line, field="distance_km", decimal_comma=dc)
        seconds = t.optional_number(
            get("duration_seconds"), line=line, field="duration_seconds", decimal_comma=dc
        )
        meters = None if km is None else km * 1000
        reps = t.optional_whole(get("reps"), line=line, field="reps", decimal_comma=dc)
        notes = t.text(get("exercise_notes").replace("\\n", "\n"))
        workout_key = f"{title}|{start.isoformat()}"
        return ImportedSet(
            source=SOURCE,
            line=line,
            workout_key=workout_key,
            workout_name=title or None,
            workout_start=start,
            workout_seconds=_seconds_between(start, end),
            exercise=exercise,
            set_index=counter.next(workout_key, exercise),
            set_type=_SET_TYPES[kind],
            load_kg=None if weight is None else to_kg(weight, weight_unit),
            unit=None if weight is None else weight_unit,
            reps=t.reps_or_none(reps, seconds, meters),
            seconds=seconds,
            meters=meters,
            rpe=t.rpe(get("rpe"), line=line, field="rpe", decimal_comma=dc),
            notes=notes,
            superset_id=t.text(get("superset_id")),
            workout_notes=t.text(get("description").replace("\\n", "\n")),
        )

    sets = table.collect(read)
    if weight_col == "weight_kg":  # pounds Hevy converted (to 2 decimals) are shown as entered
        sets = t.entered_units(sets, lb_step=1.0, tolerance=0.012)
    units = {s.unit for s in sets if s.unit}
    unit_used = "mixed" if len(units) > 1 else next(iter(units), None)
    return ParseResult("hevy", table.read, tuple(sets), tuple(table.skipped), unit_used)


def _datetime(value: str, line: int, field: str) -> dt.datetime:
    """``9 Apr 2026, 17:18`` read by hand (no locale), also ``Apr 9, 2026, 5:18 PM`` and
    ``9 Apr 2026, 5:18 PM`` (12-hour clocks), falling back to ISO 8601.

    >>> _datetime("Apr 9, 2026, 5:18\u202fpm", 2, "start_time")
    datetime.datetime(2026, 4, 9, 17, 18)
    """
    raw = " ".join(value.replace("\u202f", " ").replace("\u00a0", " ").split())
    try:
        m = _DATE.match(raw) or _DATE_US.match(raw)
        if m is not None:
            parts = m.groupdict()
            hour = int(parts["hour"])
            half = (parts.get("half") or "").lower()
            if half:
                if not 1 <= hour <= 12:
                    raise ValueError("hour")
                hour = hour % 12 + (12 if half == "pm" else 0)
            return dt.datetime(
                int(parts["year"]),
                _MONTHS[parts["month"][:3].lower()],
                int(parts["day"]),
                hour,
                int(parts["minute"]),
            )
        return dt.datetime.fromisoformat(raw)
    except (ValueError, KeyError):
        raise LogFormatError(
            line, field, "a date and time like '9 Apr 2026, 17:18' or ISO 8601", value
        ) from None


def _seconds_between(start: dt.datetime, end: dt.datetime | None) -> float | None:
    """The workout's duration; None without an end time, or when the end is before the start
    or more than a day after it (an end that cannot belong to the same session)."""
    if end is None or end < start or end - start > dt.timedelta(days=1):
        return None
    return (end - start).total_seconds()
