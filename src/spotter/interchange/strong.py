"""Strong exports: the two comma formats and the newer semicolon format.

* ``strong-legacy``: ``Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,
  Notes,Workout Notes`` (2017-19 exports, no Duration and no RPE);
* ``strong``: the same with ``Duration`` (``56m``, ``1h 6m``) after the name and ``RPE`` last;
* ``strong-semicolon``: ``"Workout #";"Date";...;"Duration (sec)";...;"Weight (kg)";...``
  with ``WARM_UP``/``FAILURE`` set orders and, in some exports, decimal commas or
  ``Weight (lbs)``; a kilogram weight that is a whole quarter-pound (``6.80388555`` = 15 lb)
  was entered in pounds, which becomes the set's entered unit (the kilograms stay exact); an older semicolon export names the unit per row (``Weight Unit``,
  ``Distance Unit``), which is read too.

The comma formats' ``Weight`` has no unit: it is in the user's unit, which must be given as
``unit`` (``--unit kg|lb``). Their ``Distance`` has none either: it is read in the user's
distance unit, kilometres with kg and miles with lb (the exports that name it per row say km or
mi; the newer one writes metres and says so). Columns are found by name, so a missing optional column (RPE,
Duration, Notes) costs nothing. ``Rest Timer`` and ``Note`` rows are skipped with their reason.
Zero in Weight, Distance or Seconds means "not recorded" (Strong writes 0 for nothing there):
a weight of 0 is a bodyweight set.

>>> data = (b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
...         b"Workout Notes\\n2017-05-12 19:00:00,Legs,Squat (Barbell),1,135,5,0,0,,\\n")
>>> r = parse(data, unit=Unit.LB)
>>> r.format, round(r.sets[0].load_kg, 4), r.sets[0].reps
('strong-legacy', 61.235, 5)
"""

from __future__ import annotations

import datetime as dt
import re

from spotter.interchange import tabular as t
from spotter.interchange.records import ImportedSet, LogFormatError, ParseResult, Skipped
from spotter.science.units import Unit, to_kg

SOURCE = "strong"
_NAME = "a Strong export"
#: The columns every Strong export has; the rest are read when present.
_REQUIRED = ("Date", "Exercise Name", "Set Order", "Reps")
_WEIGHT_UNITS = {"kg": Unit.KG, "kgs": Unit.KG, "lb": Unit.LB, "lbs": Unit.LB}
_METERS = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144}
_DISTANCE_OF = {"kg": "km", "lb": "mi"}
_SET_ORDER = {
    "W": "warm-up",
    "WARM_UP": "warm-up",
    "WARMUP": "warm-up",
    "F": "failure",
    "FAILURE": "failure",
    "D": "drop",
    "DROP": "drop",
    "DROP_SET": "drop",
    "DROPSET": "drop",
}
_NOT_SETS = {
    "REST TIMER": "rest timer row (a timer, not a set)",
    "REST_TIMER": "rest timer row (a timer, not a set)",
    "NOTE": "note row (a note, not a set)",
}
_DURATION = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$", re.ASCII)
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$", re.ASCII)
_SET_ORDER_EXPECTED = "a set number (1, 2...), W, WARM_UP, F, FAILURE, D, Rest Timer or Note"


def parse(data: bytes, *, unit: Unit | None = None) -> ParseResult:
    """Parse any Strong export; one whose weights have no unit (``Weight`` without a
    ``Weight Unit`` column) needs ``unit`` ("kg" or "lb")."""
    delimiter = t.sniff(data)
    rows = t.read_rows(data, delimiter=delimiter)
    header = t.header_of(rows, _NAME)
    t.require(header, _REQUIRED, _NAME)
    fmt = "strong-semicolon" if delimiter == ";" else "strong"
    if fmt == "strong" and "Duration" not in header:
        fmt = "strong-legacy"
    row_units = "Weight Unit" in header
    if "Weight (kg)" in header:
        weight_col, weight_unit = "Weight (kg)", Unit.KG
    elif "Weight (lbs)" in header:
        weight_col, weight_unit = "Weight (lbs)", Unit.LB
    elif "Weight" in header:
        weight_col = "Weight"
        chosen = t.checked_unit(unit)
        if chosen is None and not row_units:
            raise LogFormatError(
                1,
                "Weight",
                "the unit of the weights: this Strong export does not say, pass --unit kg|lb",
            )
        weight_unit = chosen or Unit.KG
    else:
        raise LogFormatError(
            1,
            "Weight",
            "a 'Weight', 'Weight (kg)' or 'Weight (lbs)' column",
            delimiter.join(header),
        )
    meters_col = "Distance (meters)" if "Distance (meters)" in header else "Distance"
    # a bare Distance is in the lifter's units, like the weights: km, or miles with pounds
    distance_unit = "m" if meters_col == "Distance (meters)" else _DISTANCE_OF[weight_unit]
    table = t.DataRows(rows, header, delimiter)
    counter = t.SetCounter()
    decimal_comma = delimiter == ";"

    def read(row: t.Row, get: t.Getter) -> ImportedSet | Skipped:
        order = get("Set Order").strip()
        reason = _NOT_SETS.get(order.upper())
        if reason is not None:
            note = t.text(get("Notes"))
            return Skipped(row.line, reason + (f": {note}" if note else ""))
        if order.isascii() and order.isdigit():
            set_type = "working"
        elif order.upper() in _SET_ORDER:
            set_type = _SET_ORDER[order.upper()]
        else:
            raise LogFormatError(row.line, "Set Order", _SET_ORDER_EXPECTED, order)
        line = row.line
        start = _datetime(get("Date"), line)
        name = t.text(get("Workout Name"))
        exercise = t.text(get("Exercise Name"))
        if exercise is None:
            raise LogFormatError(line, "Exercise Name", "the exercise's name", "")
        if "Duration (sec)" in table.columns:
            duration = t.optional_number(
                get("Duration (sec)"),
                line=line,
                field="Duration (sec)",
                decimal_comma=decimal_comma,
            )
        else:
            duration = _duration(get("Duration"), line)
        weight = t.optional_number(
            get(weight_col),
            line=line,
            field=weight_col,
            expected="a weight, or nothing",
            decimal_comma=decimal_comma,
            negative=True,
            zero_is_empty=True,  # Strong writes 0 for "no weight" (planks, pull-ups)
        )
        row_unit = weight_unit
        if row_units and weight is not None:
            written = get("Weight Unit").strip().lower()
            if written:
                if written not in _WEIGHT_UNITS:
                    raise LogFormatError(line, "Weight Unit", "kg or lbs", get("Weight Unit"))
                row_unit = _WEIGHT_UNITS[written]
            elif unit is None:
                raise LogFormatError(line, "Weight Unit", "kg or lbs (or pass --unit)", "")
        meters = t.optional_number(
            get(meters_col),
            line=line,
            field=meters_col,
            decimal_comma=decimal_comma,
            zero_is_empty=True,
        )
        if meters is not None and "Distance Unit" in header:
            dunit = get("Distance Unit").strip().lower() or distance_unit
            if dunit not in _METERS:
                raise LogFormatError(
                    line, "Distance Unit", f"one of {', '.join(_METERS)}", get("Distance Unit")
                )
            meters *= _METERS[dunit]
        elif meters is not None:
            meters *= _METERS[distance_unit]
        seconds = t.optional_number(
            get("Seconds"),
            line=line,
            field="Seconds",
            decimal_comma=decimal_comma,
            zero_is_empty=True,
        )
        reps = t.optional_whole(get("Reps"), line=line, field="Reps", decimal_comma=decimal_comma)
        rpe = t.rpe(get("RPE"), line=line, field="RPE", decimal_comma=decimal_comma)
        workout_key = start.isoformat()
        extra = (("Workout #", get("Workout #").strip()),) if get("Workout #").strip() else ()
        return ImportedSet(
            source=SOURCE,
            line=line,
            workout_key=workout_key,
            workout_name=name,
            workout_start=start,
            workout_seconds=duration,
            exercise=exercise,
            set_index=counter.next(workout_key, exercise),
            set_type=set_type,
            load_kg=None if weight is None else to_kg(weight, row_unit),
            unit=None if weight is None else row_unit,
            reps=t.reps_or_none(reps, seconds, meters),
            seconds=seconds,
            meters=meters,
            rpe=rpe,
            notes=t.text(get("Notes")),
            workout_notes=t.text(get("Workout Notes")),
            extra=extra,
        )

    sets = table.collect(read)
    if weight_col == "Weight (kg)":
        sets = t.entered_units(sets)  # pounds Strong converted are shown as entered
    units = {s.unit for s in sets if s.unit}
    unit_used = "mixed" if len(units) > 1 else next(iter(units), None)
    return ParseResult(fmt, table.read, tuple(sets), tuple(table.skipped), unit_used)


def _datetime(value: str, line: int) -> dt.datetime:
    """``2023-01-01 09:24:45`` (ISO 8601, as Strong writes it), also with a ``+0000`` offset,
    without seconds, or on a 12-hour clock (``2024-03-02 7:05:12 PM``, the space before PM often
    a narrow no-break space).

    >>> _datetime("2024-03-02 7:05:12\u202fpm", 2)
    datetime.datetime(2024, 3, 2, 19, 5, 12)
    """
    raw = " ".join(value.replace("\u202f", " ").replace("\u00a0", " ").split())
    try:
        return dt.datetime.fromisoformat(raw)
    except ValueError:
        pass
    for pattern in _DATE_PATTERNS:
        try:
            return dt.datetime.strptime(raw.upper(), pattern)
        except ValueError:
            continue
    raise LogFormatError(line, "Date", "a date and time like 2023-01-01 09:24:45", value)


_DATE_PATTERNS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
)


def _duration(value: str, line: int) -> float | None:
    """Strong's text durations: ``56m``, ``1h 6m``, ``1h``, ``45s`` (or ``1:06:00``); empty is
    None."""
    raw = value.strip()
    if not raw:
        return None
    clock = _CLOCK.match(raw)
    if clock is not None:
        h, mins, s = (int(g) if g else 0 for g in clock.groups())
        return float(h * 3600 + mins * 60 + s)
    m = _DURATION.match(raw)
    if raw.isascii() and raw.isdigit():
        return float(raw)
    if m is None or not any(m.groups()):
        raise LogFormatError(line, "Duration", "a duration like 56m, 1h 6m or 1h", value)
    h, mins, s = (int(g) if g else 0 for g in m.groups())
    return float(h * 3600 + mins * 60 + s)
