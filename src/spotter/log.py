"""What the training log holds: sets as recorded (pure; kilograms everywhere).

>>> import datetime as dt
>>> s = SetRecord(dt.datetime(2026, 1, 5, 18), "barbell-back-squat", load_kg=100, reps=5)
>>> s.is_working, s.volume_kg
(True, 500.0)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spotter.science.records import COUNTED_TYPES, WORKING_TYPES
from spotter.science.units import Unit


@dataclass(frozen=True, slots=True)
class SetRecord:
    """One logged set. ``load_kg`` is the added load for bodyweight sets and negative for assistance.

    ``unit`` is the unit the load was entered in (kg or lb; None when unknown or there is no
    load): history shows the set in it, while ``load_kg`` stays the exact stored value. ``uuid`` is
    the set's stable identity (a client may choose it; writing the same uuid twice stores one
    set). ``superset`` numbers the superset the set belongs to within its workout.
    """

    performed_at: dt.datetime
    exercise: str
    load_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    meters: float | None = None
    rpe: float | None = None
    rir: float | None = None
    set_type: str = "working"
    bodyweight: bool = False
    tempo: str | None = None
    notes: str | None = None
    superset: int | None = None
    id: int | None = None
    unit: Unit | None = None
    uuid: str | None = None
    batch_id: int | None = None

    @property
    def is_working(self) -> bool:
        return self.set_type in WORKING_TYPES

    @property
    def counts_for_volume(self) -> bool:
        return self.set_type in COUNTED_TYPES

    @property
    def volume_kg(self) -> float:
        """Load times reps (0 for timed, distance and bodyweight-only sets)."""
        if self.load_kg is None or self.reps is None or self.load_kg <= 0:
            return 0.0
        return float(self.load_kg * self.reps)


@dataclass(frozen=True, slots=True)
class LogBatch:
    """One `spotter log` command or one import: what was done and the sets it recorded.

    ``kind`` is ``log`` or ``import``; ``undone_at`` is set once the batch was undone (its sets
    are then tombstones, hidden from history).
    """

    id: int
    created_at: dt.datetime
    command: str
    sets: tuple[SetRecord, ...]
    kind: str = "log"
    uuid: str | None = None
    undone_at: dt.datetime | None = None
    #: How many sets the batch recorded (``sets`` may be left empty in listings).
    set_count: int = 0
