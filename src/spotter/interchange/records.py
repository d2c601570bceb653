"""What the workout-log parsers produce: imported sets, skipped rows and the parse result.

Every parser in :mod:`spotter.interchange` turns the bytes of an export into a
:class:`ParseResult`: each data row of the file is either an :class:`ImportedSet` or a
:class:`Skipped` row with its line number and reason, so ``len(sets) + len(skipped) ==
rows_read`` always holds. A row that cannot be read at all raises :class:`LogFormatError`, and
the whole file is rejected: an import saves all of a file or nothing of it.

>>> import datetime as dt
>>> s = ImportedSet(source="strong", line=2, workout_key="2024-01-01T09:00:00",
...                 workout_name="Legs", workout_start=dt.datetime(2024, 1, 1, 9),
...                 workout_seconds=3600, exercise="Squat (Barbell)", set_index=1,
...                 set_type="working", load_kg=100.0, reps=5)
>>> s.key
'strong|2024-01-01T09:00:00|Squat (Barbell)|1'
>>> str(LogFormatError(7, "Weight", "a number of kilograms, 0 or more", "-5"))
"line 7, field 'Weight': expected a number of kilograms, 0 or more, found '-5'"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spotter.errors import SpotterError
from spotter.science.units import Unit

#: The set types the parsers produce (the names used by :mod:`spotter.science.records`).
SET_TYPES = ("warm-up", "working", "drop", "failure", "amrap")


class LogFormatError(SpotterError):
    """A row of a workout log cannot be read: names the line, the field and what was expected.

    ``line`` is the 1-based physical line of the file (the header is line 1); it is None only
    for a problem that belongs to no line, such as an unknown ``--unit``.
    """

    def __init__(
        self, line: int | None, field: str, expected: str, found: str | None = None
    ) -> None:
        self.line = line
        self.field = field
        self.expected = expected
        self.found = found
        where = f"line {line}, field {field!r}" if line is not None else f"{field}"
        text = f"{where}: expected {expected}"
        if found is not None:
            shown = found if len(found) <= 80 else found[:77] + "..."
            text += f", found {shown!r}"
        super().__init__(text)


@dataclass(frozen=True, slots=True)
class ImportedSet:
    """One performed set read from an export, with loads in kilograms at full precision.

    ``source`` is the app (strong, hevy, fitnotes, fitbod), the same for every variant of its
    export so that two exports of one history give the same keys. ``set_index`` is the 1-based
    position of the set among the rows of the same exercise in the same workout, in file order
    (an exercise done twice in a workout continues the count). ``load_kg`` is None when the
    source left the weight empty; a source's 0 is kept as 0.0; assistance (an assisted pull-up
    machine or band) is a *negative* ``load_kg`` with ``bodyweight`` True. ``extra`` keeps the source
    columns that have no field of their own (for example Fitbod's multiplier or FitNotes'
    category), so nothing in the row is lost.
    """

    source: str
    line: int
    workout_key: str
    workout_name: str | None
    workout_start: dt.datetime
    workout_seconds: float | None
    exercise: str
    set_index: int
    set_type: str
    load_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    meters: float | None = None
    rpe: float | None = None
    notes: str | None = None
    superset_id: str | None = None
    workout_notes: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    #: The unit the row's weight was written in ("kg" or "lb"); None when the row has no weight
    #: or the source does not say. History shows the set in this unit; ``load_kg`` stays exact.
    unit: Unit | None = None
    #: True when the load is relative to the lifter's bodyweight (added load for a weighted
    #: pull-up, a negative load for assistance, None load for bodyweight alone); False when it
    #: is the whole load; None lets the importer decide from the matched exercise's load type.
    bodyweight: bool | None = None
    rir: float | None = None
    tempo: str | None = None
    #: A stable identity chosen by the source (Spotter's own exports carry one): importing a row
    #: whose uuid is already stored adds nothing.
    uuid: str | None = None
    #: The uuid of the batch the set was recorded in, when the source knows it (Spotter's own
    #: exports); otherwise the import itself becomes the set's batch.
    batch_uuid: str | None = None

    @property
    def key(self) -> str:
        """A stable identity across re-imports: app, workout, exercise and set position."""
        return f"{self.source}|{self.workout_key}|{self.exercise}|{self.set_index}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A data row that is not a set (a rest timer, a note, a blank line) and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The outcome of parsing one file.

    ``format`` is the detected variant (see :data:`spotter.interchange.detect.FORMATS`),
    ``rows_read`` the number of data rows after the header (blank lines included),
    ``unit_used`` the unit the file's weights were read in: ``"kg"``, ``"lb"``, ``"mixed"``
    (FitNotes rows with both) or None when no row carried a weight.
    """

    format: str
    rows_read: int
    sets: tuple[ImportedSet, ...]
    skipped: tuple[Skipped, ...]
    unit_used: str | None

    @property
    def workouts(self) -> int:
        """The number of distinct workouts among the sets."""
        return len({s.workout_key for s in self.sets})
