"""Fitbod WorkoutExport CSV.

Header: ``Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,
Note,multiplier``. Dates are ``2022-01-05 22:06:49 +0000`` and are kept timezone-aware; every
row of one workout carries the workout's date, so the date is the workout. Reps have a leading
space. Weights are pound loads that Fitbod converted to kilograms with 2.20462 lb/kg (so 20 lb
reads 9.0718582 kg, not the exact 9.0718474); they are kept as given, and a weight that is a
whole quarter-pound is shown as entered, in lb. Fitbod writes 0 for "nothing" in Weight,
Duration and Distance, which become None (a weight of 0 is no load: a bodyweight set).
``multiplier`` (0/1/2/4, probably the number of implements), ``Incline`` and ``Resistance``
go to ``extra`` when they are not 0: the load is the Weight column, not multiplied.

>>> data = (b"Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,"
...         b"isWarmup,Note,multiplier\\n2022-01-05 22:06:49 +0000,Dumbbell Fly, 8,"
...         b"9.071858188712795,0.0,0.0,0.0,0.0,true,, 2.0\\n")
>>> s = parse(data).sets[0]
>>> s.reps, round(s.load_kg * 2.20462, 9), s.set_type, s.extra
(8, 20.0, 'warm-up', (('multiplier', '2.0'),))
"""

from __future__ import annotations

import datetime as dt

from spotter.interchange import tabular as t
from spotter.interchange.records import ImportedSet, LogFormatError, ParseResult
from spotter.science.units import Unit

SOURCE = "fitbod"
_NAME = "a Fitbod export"
_COLUMNS = ("Date", "Exercise", "Reps", "Weight(kg)", "Duration(s)", "Distance(m)", "isWarmup")
_OPTIONAL_EXTRA = ("Incline", "Resistance", "multiplier")


def parse(data: bytes, *, unit: Unit | None = None) -> ParseResult:
    """Parse a Fitbod export; ``unit`` is checked but unused (weights are in kilograms)."""
    t.checked_unit(unit)
    delimiter = t.sniff(data)
    dc = delimiter == ";"  # a semicolon file writes decimal commas
    rows = t.read_rows(data, delimiter=delimiter)
    header = t.header_of(rows, _NAME)
    t.require(header, _COLUMNS, _NAME)
    table = t.DataRows(rows, header, delimiter)
    counter = t.SetCounter()
    has_weight = False

    def read(row: t.Row, get: t.Getter) -> ImportedSet:
        nonlocal has_weight
        line = row.line
        start = _datetime(get("Date"), line)
        exercise = t.text(get("Exercise"))
        if exercise is None:
            raise LogFormatError(line, "Exercise", "the exercise's name", "")
        warm = get("isWarmup").strip().lower()
        if warm not in ("true", "false", ""):
            raise LogFormatError(line, "isWarmup", "true or false", get("isWarmup"))
        weight = t.optional_number(
            get("Weight(kg)"),
            line=line,
            field="Weight(kg)",
            expected="a weight",
            negative=True,
            decimal_comma=dc,
            zero_is_empty=True,  # Fitbod writes 0 for "no weight" (push-ups, planks, walks)
        )
        seconds = t.optional_number(
            get("Duration(s)"), line=line, field="Duration(s)", zero_is_empty=True, decimal_comma=dc
        )
        meters = t.optional_number(
            get("Distance(m)"), line=line, field="Distance(m)", zero_is_empty=True, decimal_comma=dc
        )
        reps = t.optional_whole(get("Reps"), line=line, field="Reps", decimal_comma=dc)
        extra: list[tuple[str, str]] = []
        for name in _OPTIONAL_EXTRA:
            value = get(name).strip()
            if value and t.optional_number(
                value, line=line, field=name, zero_is_empty=True, decimal_comma=dc
            ):
                extra.append((name, value))
        has_weight = has_weight or weight is not None
        workout_key = start.isoformat()
        return ImportedSet(
            source=SOURCE,
            line=line,
            workout_key=workout_key,
            workout_name=None,
            workout_start=start,
            workout_seconds=None,
            exercise=exercise,
            set_index=counter.next(workout_key, exercise),
            set_type="warm-up" if warm == "true" else "working",
            load_kg=weight,
            unit=Unit.KG if weight is not None else None,
            reps=t.reps_or_none(reps, seconds, meters),
            seconds=seconds,
            meters=meters,
            notes=t.text(get("Note")),
            extra=tuple(extra),
        )

    sets = table.collect(read)
    sets = t.entered_units(sets, t.FITBOD_KG_PER_LB)  # pounds Fitbod converted, as entered
    units = {s.unit for s in sets if s.unit}
    unit_used = ("mixed" if len(units) > 1 else next(iter(units))) if has_weight else None
    return ParseResult("fitbod", table.read, tuple(sets), tuple(table.skipped), unit_used)


def _datetime(value: str, line: int) -> dt.datetime:
    raw = value.strip()
    for pattern in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(raw, pattern)
        except ValueError:
            continue
    raise LogFormatError(line, "Date", "a date and time like 2022-01-05 22:06:49 +0000", value)
