"""Writing the log out: Spotter's own CSV (one row per set) and a Strong-compatible CSV.

Spotter CSV columns, in order (loads in kilograms at full precision, empty when not recorded):

    workout_start, workout_name, exercise, set_index, set_type, load_kg, bodyweight, reps,
    seconds, meters, rpe, rir, tempo, notes, superset, unit, uuid, batch_uuid,
    workout_seconds, workout_notes

``bodyweight`` is 1 when the load is relative to the body (added, or negative for assistance),
``unit`` the unit the load was entered in, ``uuid`` the set's identity and ``batch_uuid`` the
batch that recorded it. :mod:`spotter.interchange.spotter_csv` reads the file back (``import
auto`` recognises it), so the CSV is a second way home besides the JSON export.

The Strong CSV uses Strong's comma format with Duration and RPE
(``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,
Workout Notes,RPE``), weights in the unit asked for, warm-ups as set order ``W`` and failure
sets as ``F``; Spotter's own parser reads it back to the same sets.

>>> import datetime as dt
>>> row = ExportRow(dt.datetime(2026, 1, 5, 18), "Push", 3600, "Bench Press (Barbell)", 1,
...                 "working", 100.0, False, 5, None, None, 8.0, None, None, None, None)
>>> strong_csv([row], Unit.KG).decode().splitlines()[1]
'2026-01-05 18:00:00,Push,1h,Bench Press (Barbell),1,100,5,0,0,,,8'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from spotter.science.units import Unit, from_kg

SPOTTER_COLUMNS = (
    "workout_start",
    "workout_name",
    "exercise",
    "set_index",
    "set_type",
    "load_kg",
    "bodyweight",
    "reps",
    "seconds",
    "meters",
    "rpe",
    "rir",
    "tempo",
    "notes",
    "superset",
    "unit",
    "uuid",
    "batch_uuid",
    "workout_seconds",
    "workout_notes",
)
STRONG_COLUMNS = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)


@dataclass(frozen=True, slots=True)
class ExportRow:
    workout_start: dt.datetime
    workout_name: str | None
    workout_seconds: int | None
    exercise: str  # the name to write (catalog name or the imported source name)
    set_index: int
    set_type: str
    load_kg: float | None
    bodyweight: bool
    reps: int | None
    seconds: float | None
    meters: float | None
    rpe: float | None
    rir: float | None
    tempo: str | None
    notes: str | None
    superset: int | None
    unit: Unit | None = None
    uuid: str | None = None
    batch_uuid: str | None = None
    workout_notes: str | None = None


def _num(value: float | None) -> str:
    """The shortest text that reads back to the same float ("100", "0.1", "11.33980925")."""
    if value is None:
        return ""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def spotter_csv(rows: Iterable[ExportRow]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(SPOTTER_COLUMNS)
    for r in rows:
        w.writerow(
            [
                r.workout_start.isoformat(sep=" "),
                r.workout_name or "",
                r.exercise,
                r.set_index,
                r.set_type,
                _num(r.load_kg),
                "1" if r.bodyweight else "0",
                "" if r.reps is None else r.reps,
                _num(r.seconds),
                _num(r.meters),
                _num(r.rpe),
                _num(r.rir),
                r.tempo or "",
                r.notes or "",
                "" if r.superset is None else r.superset,
                r.unit or "",
                r.uuid or "",
                r.batch_uuid or "",
                "" if r.workout_seconds is None else r.workout_seconds,
                r.workout_notes or "",
            ]
        )
    return out.getvalue().encode("utf-8")


def _duration(seconds: int | None) -> str:
    if not seconds:
        return ""
    h, m = divmod(round(seconds / 60), 60)
    return f"{h}h {m}m" if h and m else f"{h}h" if h else f"{m}m"


_STRONG_DISTANCE = {"kg": 1000.0, "lb": 1609.344}


def strong_csv(rows: Iterable[ExportRow], unit: Unit) -> bytes:
    """Strong's comma format; loads converted to ``unit`` (kg or lb) at full precision."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(STRONG_COLUMNS)
    for r in rows:
        order = (
            "W" if r.set_type == "warm-up" else "F" if r.set_type == "failure" else str(r.set_index)
        )
        w.writerow(
            [
                r.workout_start.strftime("%Y-%m-%d %H:%M:%S"),
                r.workout_name or "Workout",
                _duration(r.workout_seconds),
                r.exercise,
                order,
                _num(from_kg(r.load_kg, unit)) if r.load_kg is not None else "",
                "" if r.reps is None else r.reps,
                # Strong's comma Distance is in the lifter's unit: km, or miles with pounds
                _num(None if r.meters is None else r.meters / _STRONG_DISTANCE[unit]) or "0",
                _num(r.seconds) or "0",
                r.notes or "",
                "",
                _num(r.rpe),
            ]
        )
    return out.getvalue().encode("utf-8")
