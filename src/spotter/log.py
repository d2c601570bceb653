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


@dataclass(frozen=True, slots=True)
class SetRecord:
    """One logged set. ``load_kg`` is the added load for bodyweight sets and negative for assistance."""

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
    """One `spotter log` command: what was typed and the sets it recorded."""

    id: int
    created_at: dt.datetime
    command: str
    sets: tuple[SetRecord, ...]
