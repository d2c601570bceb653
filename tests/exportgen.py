"""Generated workout-log exports, with the truth they encode, for every variant in FORMATS.md.

Each generator draws a few seeded workouts, writes them the way the app does (headers quoted
exactly, its date forms, units, set markers and quirks) and returns the file with what a
faithful import must give: the sets to store, with their whole loads worked out here by the
documented rules in plain arithmetic, and the rows that must be explained (line -> a word of the
reason). Nothing here calls Spotter's parsers or rules.

Quirks covered: BOMs and CRLF line ends, Strong's unit-less weights, text durations, W/F/D and
WARM_UP/FAILURE set orders, Rest Timer and Note rows, decimal commas, ``Weight (lbs)``,
lb-converted float weights, Hevy's hand-written dates, 0-based set_index, empty bodyweight
weights, escaped new lines, supersets and assisted exercises, FitNotes' mixed units per row,
unquoted commas in names, "(Each Side)" loads, H:MM:SS times, a weight unit in the Distance
Unit column, Fitbod's +0000 dates, leading-space reps, multiplier and blank lines, and per file
an unreadable cell, an absurd number and a date in the future.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

LB = 0.45359237  # kg per lb, exact
FITBOD_LB = 1 / 2.20462  # Fitbod's own conversion
FUTURE = dt.datetime(2099, 1, 2, 10, 0)


@dataclass(frozen=True)
class TrueSet:
    """A set as the lifter did it: the exercise as the app names it, the number as written in
    the file (in ``unit``) and the whole load in kg a faithful import stores."""

    when: dt.datetime
    exercise: str
    entered: float | None
    unit: str | None
    whole_kg: float | None
    reps: int | None = None
    seconds: float | None = None
    meters: float | None = None
    rpe: float | None = None
    set_type: str = "working"


@dataclass
class Export:
    variant: str
    data: bytes
    unit: str | None  # the --unit to pass (Strong's comma formats)
    truth: list[TrueSet] = field(default_factory=list)
    #: line -> a word the reason must contain, for every row that is not stored
    explained: dict[int, str] = field(default_factory=dict)
    rows: int = 0


class _Writer:
    """Collects physical lines, counting data rows and remembering where each row starts."""

    def __init__(self, header: str, *, bom: bool = False, crlf: bool = False) -> None:
        self.lines = [header]
        self.bom, self.crlf = bom, crlf
        self.rows = 0

    def add(self, row: str) -> int:
        line = len(self.lines) + 1 + sum(x.count("\n") for x in self.lines)
        self.lines.append(row)
        self.rows += 1
        return line

    def data(self) -> bytes:
        end = "\r\n" if self.crlf else "\n"
        text = end.join(self.lines) + end
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")


def _per_side_whole(name: str, side: float, unit: str) -> float:
    """The documented per-side rule, by hand: the kg of one side -> the whole load in kg."""
    side_kg = side * (LB if unit == "lb" else 1.0)
    if "Dumbbell" in name or "Cable" in name:
        return side_kg  # one dumbbell / one arm's stack
    if "Smith" in name or "Machine" in name:
        return 2 * side_kg  # plates on both sides, no bar
    if "Barbell" in name:
        return 2 * side_kg + (45 * LB if unit == "lb" else 20.0)
    return 2 * side_kg  # equipment not stated


def _days(rng: random.Random, n: int, start: dt.datetime) -> list[dt.datetime]:
    out, day = [], start
    for _ in range(n):
        day += dt.timedelta(days=rng.randint(1, 4), minutes=rng.randint(0, 120))
        out.append(day)
    return out


# -- Strong ------------------------------------------------------------------------------------

_STRONG_NAMES = ["Squat (Barbell)", "Bench Press (Barbell)", "Chin Up (Assisted)", "Plank"]


def strong(variant: str, seed: int = 1) -> Export:
    """``strong-legacy`` (2017-19 comma), ``strong`` (comma with Duration and RPE) or
    ``strong-semicolon`` (kg floats, decimal commas with ``lbs=True``...)."""
    rng = random.Random(seed)
    semicolon = variant.startswith("strong-semicolon")
    lbs_column = variant == "strong-semicolon-lbs"
    if variant == "strong-legacy":
        header = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes"
        unit = "lb"
    elif variant == "strong":
        header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"
        unit = "kg"
    else:
        weight = "Weight (lbs)" if lbs_column else "Weight (kg)"
        header = ";".join(
            f'"{c}"'
            for c in (
                "Workout #", "Date", "Workout Name", "Duration (sec)", "Exercise Name",
                "Set Order", weight, "Reps", "RPE", "Distance (meters)", "Seconds", "Notes",
                "Workout Notes",
            )
        )
        unit = "lb" if lbs_column else "kg"
    w = _Writer(header, bom=variant == "strong", crlf=semicolon)
    export = Export(variant, b"", None if semicolon else unit)
    for n, when in enumerate(_days(rng, 3, dt.datetime(2023, 1, 1, 9, 24, 45)), 1):
        for name in _STRONG_NAMES:
            for order in range(1, 4):
                marker = str(order)
                set_type = "working"
                if order == 1 and name != "Plank":
                    marker, set_type = ("WARM_UP" if semicolon else "W"), "warm-up"
                if order == 3 and name == "Squat (Barbell)" and variant != "strong-legacy":
                    marker, set_type = ("FAILURE" if semicolon else "F"), "failure"
                reps = rng.randint(3, 10)
                seconds = None
                if name == "Plank":
                    entered, reps, seconds = None, None, float(rng.randint(30, 90))
                elif semicolon and not lbs_column:
                    entered = rng.randint(20, 60) * 5 * LB  # Strong writes lb loads as kg floats
                else:
                    entered = float(rng.randint(8, 60) * 2.5)
                # the comma exports write 0 for "no weight": still no weight
                whole = None if entered is None else entered * (LB if unit == "lb" else 1.0)
                if "Assisted" in name and whole is not None:
                    whole = -whole
                rpe = 8.5 if variant != "strong-legacy" and order == 2 else None
                export.truth.append(
                    # Strong writes pounds as kg floats: entered in lb all the same
                    TrueSet(when, name, entered, None if entered is None else (
                        "lb" if semicolon and not lbs_column else unit), whole,
                            reps, seconds, rpe=rpe, set_type=set_type)
                )
                export_line = _strong_row(variant, n, when, name, marker, entered, reps, seconds, rpe)
                w.add(export_line)
        if semicolon:  # timers and notes are rows of their own in the newer export
            export.explained[w.add(_strong_row(variant, n, when, "Plank", "Rest Timer", None, None, 90.0, None))] = "rest timer"
            export.explained[w.add(_strong_row(variant, n, when, "Plank", "Note", None, None, None, None, note="felt good"))] = "note"
    when = dt.datetime(2023, 3, 1, 10, 0)
    export.explained[w.add(_strong_row(variant, 9, when, "Squat (Barbell)", "1", None, None, None, None, weight_text="heavy"))] = "Weight"
    export.explained[w.add(_strong_row(variant, 9, when, "Squat (Barbell)", "2", 1e308, 5, None, None))] = "outside"
    export.explained[w.add(_strong_row(variant, 9, FUTURE, "Squat (Barbell)", "1", 100.0, 5, None, None))] = "future"
    note_line = w.add(_strong_row(variant, 9, when, "Bench Press (Barbell)", "1", 50.0, 5, None, None, note="two\nlines"))
    export.truth.append(TrueSet(when, "Bench Press (Barbell)", 50.0, unit, 50.0 * (LB if unit == "lb" else 1.0), 5))
    after = w.add(_strong_row(variant, 9, when, "Bench Press (Barbell)", "2", None, None, None, None, weight_text="?"))
    assert after == note_line + 2  # the quoted new line takes a physical line
    export.explained[after] = "Weight"
    export.data, export.rows = w.data(), w.rows
    return export


def _strong_row(
    variant: str,
    n: int,
    when: dt.datetime,
    name: str,
    order: str,
    weight: float | None,
    reps: int | None,
    seconds: float | None,
    rpe: float | None,
    *,
    note: str = "",
    weight_text: str | None = None,
) -> str:
    date = when.strftime("%Y-%m-%d %H:%M:%S")
    semicolon = variant.startswith("strong-semicolon")
    if weight_text is not None:
        wt = weight_text
    elif weight is None:
        wt = "0" if not semicolon else ""
    else:
        wt = repr(weight) if weight >= 1e6 else f"{weight:.8g}"
    secs = f"{seconds:g}" if seconds is not None else "0"
    if semicolon:
        comma = lambda v: v.replace(".", ",")  # noqa: E731 - decimal commas, as some locales write
        cells = [
            str(n), date, "Workout", "3960", name, order, comma(wt),
            "" if reps is None else str(reps), "" if rpe is None else comma(f"{rpe:g}"),
            "0", secs, note, "",
        ]
        return ";".join(f'"{c}"' if not c.replace(",", "").replace(".", "").isdigit() else c for c in cells)
    reps_text = "0" if reps is None else str(reps)
    base = [date, '"Workout"']
    if variant == "strong":
        base.append("1h 6m")
    base += [f'"{name}"', order, wt, reps_text, "0", secs, f'"{note}"', '""']
    if variant == "strong":
        base.append("" if rpe is None else f"{rpe:g}")
    return ",".join(base)


def strong_with_units(seed: int = 5) -> Export:
    """An older semicolon Strong export that names the unit on each row (``Weight Unit``,
    ``Distance Unit``), decimal commas, mixed kg and lbs, a run in km."""
    rng = random.Random(seed)
    header = (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes"
    )
    w = _Writer(header)
    export = Export("strong-semicolon-units", b"", None)
    for when in _days(rng, 3, dt.datetime(2019, 1, 11, 12, 31, 54)):
        date = when.strftime("%Y-%m-%d %H:%M:%S")
        for order in range(1, 4):
            unit = rng.choice(["kg", "lb"])
            weight = rng.randint(8, 60) * 2.5
            reps = rng.randint(3, 8)
            shown = f"{weight:g}".replace(".", ",")
            w.add(f'{date};"Legs";"Squat (Barbell)";{order};{shown};{unit}s;{reps};;;;0;"";""'.replace("kgs", "kg"))
            kg = weight * (LB if unit == "lb" else 1.0)
            export.truth.append(TrueSet(when, "Squat (Barbell)", weight, unit, kg, reps))
            help_kg = float(rng.randint(2, 8) * 5)
            w.add(f'{date};"Legs";"Chin Up (Assisted)";{order};{help_kg:g};kg;8;;;;0;"";""')
            export.truth.append(TrueSet(when, "Chin Up (Assisted)", help_kg, "kg", -help_kg, 8))
        km = rng.randint(20, 80) / 10
        w.add(f'{date};"Legs";"Running";1;;;;;{km:g};km;1800;"";""'.replace(".", ","))
        export.truth.append(TrueSet(when, "Running", None, None, None, None, 1800.0, km * 1000))
    date = "2019-03-01 10:00:00"
    export.explained[w.add(f'{date};"Legs";"Squat (Barbell)";1;100;stone;5;;;;0;"";""')] = "Weight Unit"
    export.explained[w.add(f'{date};"Legs";"Squat (Barbell)";2;1e308;kg;5;;;;0;"";""')] = "outside"
    export.data, export.rows = w.data(), w.rows
    return export


def twelve_hour(export: Export) -> Export:
    """The export with Strong's newer 12-hour times ("2024-03-02 7:05:12<narrow space>PM")."""
    import re

    def clock(m: re.Match[str]) -> str:
        hour = int(m.group(2))
        return f"{m.group(1)} {(hour - 1) % 12 + 1}:{m.group(3)}\u202f{'PM' if hour >= 12 else 'AM'}"

    text = re.sub(r"(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}:\d{2})", clock, export.data.decode("utf-8"))
    return Export(
        export.variant + "-12h", text.encode("utf-8"), export.unit, export.truth,
        export.explained, export.rows,
    )


# -- Hevy --------------------------------------------------------------------------------------

HEVY_HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"'
)
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _hevy_date(when: dt.datetime) -> str:
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}, {when:%H:%M}"


def _hevy_unit(weight: float | None, pounds: bool) -> str | None:
    """The unit the lifter typed: Hevy's kg column holds 40 lb as 18.14 and 60 lb as 27.22."""
    if weight is None:
        return None
    return "lb" if pounds or weight in (18.14, 27.22) else "kg"


def hevy(*, pounds: bool = False, seed: int = 2) -> Export:
    """Hevy's export (``weight_lbs`` with ``pounds``): assisted chin-ups, bodyweight pull-ups
    with an empty weight, a superset, a timed and a distance set, escaped new lines."""
    rng = random.Random(seed)
    header = HEVY_HEADER.replace("weight_kg", "weight_lbs") if pounds else HEVY_HEADER
    w = _Writer(header)
    export = Export("hevy-lbs" if pounds else "hevy", b"", None)
    for when in _days(rng, 3, dt.datetime(2026, 1, 1, 17, 18)):
        end = when + dt.timedelta(minutes=53)
        title = f"Pull day {when.day}"
        for name, kind in (
            ("Chin Up (Assisted)", "assist"),
            ("Pull Up", "bodyweight"),
            ("Bench Press (Dumbbell)", "load"),
            ("Treadmill", "distance"),
        ):
            for i in range(3):
                set_type = "warmup" if i == 0 and kind == "load" else "normal"
                weight = None
                reps: int | None = rng.randint(5, 12)
                km = secs = None
                if kind == "assist":
                    weight = rng.choice([18.14, 27.22, 22.5])  # 40 lb, 60 lb, 22.5 kg
                elif kind == "load":
                    weight = float(rng.randint(10, 30))
                elif kind == "distance":
                    reps, km, secs = None, round(rng.uniform(1, 5), 2), float(rng.randint(600, 1800))
                whole = None
                if weight is not None:
                    whole = weight * (LB if pounds else 1.0) * (-1 if kind == "assist" else 1)
                superset = "0" if kind in ("assist", "bodyweight") else ""
                cells = [
                    title, _hevy_date(when), _hevy_date(end), "first line\\nsecond", name,
                    superset, "grip\\nwide", str(i), set_type,
                    "" if weight is None else f"{weight:g}", "" if reps is None else str(reps),
                    "" if km is None else f"{km:g}", "" if secs is None else f"{secs:g}", "",
                ]
                w.add(",".join(f'"{c}"' if not c.isdigit() else c for c in cells))
                export.truth.append(
                    TrueSet(when, name, weight, _hevy_unit(weight, pounds), whole,
                            reps, secs, None if km is None else km * 1000,
                            set_type="warm-up" if set_type == "warmup" else "working")
                )
    when = dt.datetime(2026, 2, 1, 9, 0)
    bad = [f"Odd {when.day}", _hevy_date(when), "", "", "Pull Up", "", "", "0", "normal", "", "many"]
    export.explained[w.add(",".join(f'"{c}"' for c in bad) + ",,,")] = "reps"
    absurd = [f"Odd {when.day}", _hevy_date(when), "", "", "Pull Up", "", "", "1", "normal", "1e308", "5"]
    export.explained[w.add(",".join(f'"{c}"' for c in absurd) + ",,,")] = "outside"
    future = ["Later", _hevy_date(FUTURE), "", "", "Pull Up", "", "", "0", "normal", "", "5"]
    export.explained[w.add(",".join(f'"{c}"' for c in future) + ",,,")] = "future"
    export.data, export.rows = w.data(), w.rows
    return export


# -- FitNotes ----------------------------------------------------------------------------------

FITNOTES_PER_SIDE = [
    "Barbell Squat (Each Side)",
    "Overhead Press (Each Side, Dumbbells)",  # unquoted comma in the name
    "Seated Calf Raise Machine (Each Side)",
    "Cable Lateral Raise (Each Side)",
    "Flat Barbell Bench Press (Each Side) (Smith Machine)",
    "Incline Chest Press (Each Side)",
]


def fitnotes(*, old: bool = False, seed: int = 3) -> Export:
    """FitNotes, new (``Weight Unit`` per row, mixed kgs and lbs, a Comment column) or old
    (``Weight (lbs)``, with 'kg' in Distance Unit on weight rows)."""
    rng = random.Random(seed)
    if old:
        header = "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time"
    else:
        header = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"
    w = _Writer(header, bom=not old)
    export = Export("fitnotes-old" if old else "fitnotes", b"", None)
    for day in _days(rng, 3, dt.datetime(2025, 4, 28)):
        date = day.date().isoformat()
        when = dt.datetime(day.year, day.month, day.day)
        for name in (*FITNOTES_PER_SIDE, "Lat Pulldown", "Plank", "Running"):
            for _ in range(2):
                unit = "lb" if old or rng.random() < 0.3 else "kg"
                weight: float | None = float(rng.randint(2, 20) * 2.5)
                reps: int | None = rng.randint(5, 12)
                secs = meters = None
                distance_cells = ",,"
                if name == "Plank":
                    weight, reps, secs = None, None, float(rng.randint(30, 90))
                elif name == "Running":
                    weight, reps, secs = None, None, 1500.0
                    meters = 5000.0
                    distance_cells = "5.0,km,"
                elif old:
                    distance_cells = ",kg,"  # the older export's odd cell: costs nothing
                whole = None
                if weight is not None:
                    whole = (
                        _per_side_whole(name, weight, unit)
                        if "Each Side" in name
                        else weight * (LB if unit == "lb" else 1.0)
                    )
                time = "" if secs is None else f"{int(secs) // 3600}:{int(secs) % 3600 // 60:02d}:{int(secs) % 60:02d}"
                wt = "" if weight is None else f"{weight:.1f}"
                rp = "" if reps is None else str(reps)
                if old:
                    row = f"{date},{name},Legs,{wt},{rp},{distance_cells}{time}"
                else:
                    units = {"kg": "kgs", "lb": "lbs"}[unit] if weight is not None else ""
                    row = f"{date},{name},Legs,{wt},{units},{rp},{distance_cells}{time},"
                w.add(row)
                export.truth.append(
                    TrueSet(when, name, weight, unit if weight is not None else None, whole,
                            reps, secs, meters)
                )
    date = "2025-06-01"
    if old:
        export.explained[w.add(f"{date},Lat Pulldown,Back,lots,8,,,")] = "Weight"
        export.explained[w.add(f"{date},Lat Pulldown,Back,1e308,8,,,")] = "outside"
        export.explained[w.add("2099-01-02,Lat Pulldown,Back,100,8,,,")] = "future"
    else:
        export.explained[w.add(f"{date},Lat Pulldown,Back,50.0,stone,8,,,,")] = "Weight Unit"
        export.explained[w.add(f"{date},Lat Pulldown,Back,1e308,kgs,8,,,,")] = "outside"
        export.explained[w.add("2099-01-02,Lat Pulldown,Back,100,kgs,8,,,,")] = "future"
    export.data, export.rows = w.data(), w.rows
    return export


# -- Fitbod ------------------------------------------------------------------------------------

FITBOD_HEADER = "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier"


def fitbod(seed: int = 4) -> Export:
    """Fitbod: +0000 dates, leading-space reps, lb loads as 2.20462 floats, multiplier 0/1/2/4,
    warm-ups, timed holds, blank lines."""
    rng = random.Random(seed)
    w = _Writer(FITBOD_HEADER)
    export = Export("fitbod", b"", None)
    for when in _days(rng, 3, dt.datetime(2021, 12, 1, 22, 6, 49)):
        date = f"{when:%Y-%m-%d %H:%M:%S} +0000"
        for name, mult in (("Dumbbell Front Raise", 2), ("Back Squat", 1), ("Dumbbell Lunge", 4), ("Plank", 0)):
            for i in range(3):
                warm = i == 0 and name == "Back Squat"
                if name == "Plank":
                    kg, reps, secs = 0.0, 0, float(rng.randint(30, 60))
                else:
                    kg, reps, secs = rng.randint(10, 90) * 5 * FITBOD_LB, rng.randint(5, 12), None
                w.add(
                    f"{date},{name}, {reps},{kg!r},{secs or 0.0},0.0,0.0,0.0,"
                    f"{'true' if warm else 'false'},, {float(mult)}"
                )
                export.truth.append(
                    TrueSet(when.replace(tzinfo=dt.UTC), name, kg or None, "lb" if kg else None,
                            kg or None,  # pounds, converted; 0 is no weight
                            None if secs else reps, secs,
                            set_type="warm-up" if warm else "working")
                )
        export.explained[w.add("")] = "blank"
    date = "2022-01-05 22:06:49 +0000"
    export.explained[w.add(f"{date},Back Squat, x,60.0,0.0,0.0,0.0,0.0,false,, 1.0")] = "Reps"
    export.explained[w.add(f"{date},Back Squat, 5,1e308,0.0,0.0,0.0,0.0,false,, 1.0")] = "outside"
    export.explained[w.add("2099-01-02 10:00:00 +0000,Back Squat, 5,60.0,0.0,0.0,0.0,0.0,false,, 1.0")] = "future"
    export.data, export.rows = w.data(), w.rows
    return export


# -- Liftosaur --------------------------------------------------------------------------------

LIFTOSAUR_HEADER = (
    "Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,Required Reps,Completed Reps,"
    "Is AMRAP?,Required RPE,Completed RPE,Log RPE?,Required Weight Value,Required Weight Unit,"
    "Completed Weight Value,Completed Weight Unit,Ask Weight?,Completed Reps Time,"
    "Target Muscles,Synergist Muscles,Notes"
)


def liftosaur(seed: int = 6) -> Export:
    """Liftosaur: warm-ups and AMRAP flags, completed weights that differ from the plan (or are
    missing: the plan's weight was done), pounds, a set not done, muscles with commas."""
    rng = random.Random(seed)
    w = _Writer(LIFTOSAUR_HEADER)
    export = Export("liftosaur", b"", None)

    def row(when: str, name: str, warm: int, reps: str, amrap: int, required: float,
            unit: str, completed: str, rpe: str = "") -> str:
        return (
            f'{when},GZCLP,Day 1,{name},{warm},5,{reps},{amrap},,{rpe},0,{required:g},{unit},'
            f'{completed},{unit if completed else ""},0,,"Quadriceps, Glutes",Adductors,'
        )

    for day in _days(rng, 3, dt.datetime(2024, 5, 1, 18, 20, 13)):
        stamp = day.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        when = day.replace(tzinfo=dt.UTC)
        for name, unit in (("Squat", "kg"), ("Bench Press", "lb")):
            for i in range(4):
                warm, amrap = int(i == 0), int(i == 3)
                required = float(rng.randint(8, 40) * 5)
                done = rng.choice([None, required + 5])  # None: the planned weight was done
                reps = rng.randint(3, 8)
                rpe = "8" if i == 2 else ""
                w.add(row(stamp, name, warm, str(reps), amrap, required, unit,
                          "" if done is None else f"{done:g}", rpe))
                lifted = required if done is None else done
                export.truth.append(
                    TrueSet(when, name, lifted, unit, lifted * (LB if unit == "lb" else 1.0),
                            reps, rpe=8.0 if rpe else None,
                            set_type="warm-up" if warm else "amrap" if amrap else "working")
                )
        export.explained[w.add(row(stamp, "Squat", 0, "", 0, 100.0, "kg", ""))] = "not done"
    stamp = "2024-06-01T10:00:00.000Z"
    export.explained[w.add(row(stamp, "Squat", 2, "5", 0, 100.0, "kg", ""))] = "Is Warmup Set?"
    export.explained[w.add(row(stamp, "Squat", 0, "5", 0, 1e308, "kg", ""))] = "outside"
    export.explained[w.add(row("2099-01-02T10:00:00.000Z", "Squat", 0, "5", 0, 100.0, "kg", ""))] = "future"
    export.data, export.rows = w.data(), w.rows
    return export


def resaved(export: Export) -> Export:
    """The export as a spreadsheet in a decimal-comma locale saves it: ";" between fields and
    decimal commas in numbers (same rows, same lines)."""
    import csv
    import io
    import re

    number = re.compile(r"^\s*-?\d+\.\d+\s*$")
    text = export.data.decode("utf-8-sig")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([c.replace(".", ",") if number.match(c) else c for c in row])
    return Export(
        export.variant + "-semicolon",
        out.getvalue().encode("utf-8"),
        export.unit,
        export.truth,
        export.explained,
        export.rows,
    )


def every_variant() -> dict[str, Export]:
    """One generated export per variant FORMATS.md describes."""
    out = {
        v: strong(v)
        for v in ("strong-legacy", "strong", "strong-semicolon", "strong-semicolon-lbs")
    }
    out["strong-semicolon-units"] = strong_with_units()
    out["strong-12h"] = twelve_hour(strong("strong"))
    out["hevy"] = hevy()
    out["hevy-lbs"] = hevy(pounds=True)
    out["fitnotes"] = fitnotes()
    out["fitnotes-old"] = fitnotes(old=True)
    out["fitbod"] = fitbod()
    out["liftosaur"] = liftosaur()
    out["hevy-semicolon"] = resaved(hevy())
    out["fitbod-semicolon"] = resaved(fitbod())
    return out
