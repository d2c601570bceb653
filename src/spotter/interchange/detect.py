"""Which export a file is, read from its header line, and parsing whatever it is.

>>> detect(b"Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\\n")
'fitnotes'
>>> detect(b'"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
...        b'"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\\n')
'strong-semicolon'
>>> detect(b"when,what\\n1,2\\n")
Traceback (most recent call last):
...
spotter.interchange.records.LogFormatError: line 1, field 'header': expected the header of a known export: strong-legacy, strong, strong-semicolon, hevy, fitnotes, fitnotes-old, fitbod, liftosaur, spotter-csv, found 'when,what'
"""

from __future__ import annotations

import csv
from collections.abc import Callable

from spotter.interchange import fitbod, fitnotes, hevy, liftosaur, spotter_csv, strong
from spotter.interchange.records import LogFormatError, ParseResult
from spotter.interchange.tabular import decode
from spotter.science.units import Unit

#: Every variant :func:`detect` recognises, and the module that parses it.
FORMATS: dict[str, Callable[..., ParseResult]] = {
    "strong-legacy": strong.parse,
    "strong": strong.parse,
    "strong-semicolon": strong.parse,
    "hevy": hevy.parse,
    "fitnotes": fitnotes.parse,
    "fitnotes-old": fitnotes.parse,
    "fitbod": fitbod.parse,
    "liftosaur": liftosaur.parse,
    "spotter-csv": spotter_csv.parse,
}


def detect(data: bytes) -> str:
    """The format of an export, from its first line; fails naming the known formats."""
    first = decode(data).lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        names = {c.strip() for c in next(csv.reader([first], delimiter=delimiter), [])}
    except csv.Error:
        names = set()
    found = _match(names, delimiter)
    if found is None:
        raise LogFormatError(
            1, "header", f"the header of a known export: {', '.join(FORMATS)}", first
        )
    return found


def _match(names: set[str], delimiter: str) -> str | None:
    if {"workout_start", "exercise", "set_index", "load_kg"} <= names:
        return "spotter-csv"
    if {"Exercise Name", "Set Order", "Workout Name"} <= names:
        if delimiter == ";":
            return "strong-semicolon"
        return "strong" if "Duration" in names else "strong-legacy"
    if {"Workout DateTime", "Exercise", "Completed Reps"} <= names:
        return "liftosaur"
    if {"title", "start_time", "exercise_title", "set_index"} <= names:
        return "hevy"
    if {"Exercise", "Category"} <= names:
        return "fitnotes" if "Weight Unit" in names else "fitnotes-old"
    if {"Exercise", "Weight(kg)", "isWarmup"} <= names:
        return "fitbod"
    return None


def parse_any(data: bytes, unit: Unit | None = None) -> ParseResult:
    """Detect the format and parse the file (``unit`` is needed for Strong's comma exports)."""
    return FORMATS[detect(data)](data, unit=unit)
