"""Plain records of what was lifted, as the science functions read them.

These are inputs, not storage: the log keeps its own tables and hands the science these frozen
values. Loads are kilograms; a negative load is assistance (assisted pull-up with -20 kg).

* :class:`PerformedSet` -- one set: load, reps, RPE if logged, and its type.
* :class:`ExerciseSession` -- the sets of one exercise on one day (what progression reads).
* :class:`LoggedSet` -- one set of a named exercise at a moment (what volume and recovery read).
* :class:`MuscleTargets` -- which muscles an exercise trains, and whether it is compound.

Set types follow the log: ``warm-up``, ``working``, ``drop``, ``failure`` and ``amrap``.
Progression reads the *working* ones (working, failure, AMRAP); volume and recovery count every
set except warm-ups.

>>> s = PerformedSet(100, 5, rpe=8)
>>> s.is_working, s.counts_for_volume
(True, True)
>>> PerformedSet(60, 5, set_type="warm-up").counts_for_volume
False
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from spotter.science.rpe import check_rpe


class SetType(StrEnum):
    """The kind of a set, as logged."""

    WARMUP = "warm-up"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"
    AMRAP = "amrap"


#: Set types that progression rules read.
WORKING_TYPES: Final[frozenset[str]] = frozenset({SetType.WORKING, SetType.FAILURE, SetType.AMRAP})
#: Set types that count towards weekly volume and fatigue (everything but warm-ups).
COUNTED_TYPES: Final[frozenset[str]] = frozenset(SetType) - {SetType.WARMUP}


def _validate(reps: int, rpe: float | None, set_type: str) -> None:
    if reps < 0:
        raise ValueError(f"reps must not be negative, got {reps}")
    if rpe is not None:
        check_rpe(rpe)
    if set_type not in set(SetType):
        choices = ", ".join(t.value for t in SetType)
        raise ValueError(f"unknown set type {set_type!r}: expected one of {choices}")


@dataclass(frozen=True, slots=True)
class PerformedSet:
    """One set as performed. ``reps`` may be 0 for a failed attempt."""

    load_kg: float
    reps: int
    rpe: float | None = None
    set_type: str = SetType.WORKING

    def __post_init__(self) -> None:
        _validate(self.reps, self.rpe, self.set_type)

    @property
    def is_working(self) -> bool:
        """Whether progression rules read this set."""
        return self.set_type in WORKING_TYPES

    @property
    def counts_for_volume(self) -> bool:
        """Whether this set counts towards weekly volume and fatigue."""
        return self.set_type in COUNTED_TYPES


@dataclass(frozen=True, slots=True)
class ExerciseSession:
    """The sets of one exercise on one day, in the order done.

    >>> day = ExerciseSession(dt.date(2024, 1, 1), (PerformedSet(20, 10, set_type="warm-up"),
    ...                                             PerformedSet(60, 5), PerformedSet(60, 4)))
    >>> [s.reps for s in day.working_sets], day.top_load_kg, len(day.top_sets)
    ([5, 4], 60, 2)
    """

    date: dt.date
    sets: tuple[PerformedSet, ...]

    @property
    def working_sets(self) -> tuple[PerformedSet, ...]:
        """The working, failure and AMRAP sets."""
        return tuple(s for s in self.sets if s.is_working)

    @property
    def top_load_kg(self) -> float | None:
        """The heaviest working load, or None if there was no working set."""
        loads = [s.load_kg for s in self.working_sets]
        return max(loads) if loads else None

    @property
    def top_sets(self) -> tuple[PerformedSet, ...]:
        """The working sets done at the heaviest working load, in order."""
        top = self.top_load_kg
        return tuple(
            s for s in self.working_sets if top is not None and abs(s.load_kg - top) < 1e-9
        )


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One set of an exercise (by catalog slug) at a moment."""

    exercise: str
    performed_at: dt.datetime
    load_kg: float
    reps: int
    rpe: float | None = None
    set_type: str = SetType.WORKING

    def __post_init__(self) -> None:
        _validate(self.reps, self.rpe, self.set_type)

    @property
    def counts_for_volume(self) -> bool:
        """Whether this set counts towards weekly volume and fatigue (not a warm-up)."""
        return self.set_type in COUNTED_TYPES


@dataclass(frozen=True, slots=True)
class MuscleTargets:
    """The muscles an exercise trains: primary, secondary, and whether it is multi-joint.

    >>> MuscleTargets(("lats",), ("biceps", "rear-delts"), compound=True).secondary
    ('biceps', 'rear-delts')
    """

    primary: tuple[str, ...]
    secondary: tuple[str, ...] = ()
    compound: bool = False

    def __post_init__(self) -> None:
        both = set(self.primary) & set(self.secondary)
        if both:
            raise ValueError(f"muscles listed as both primary and secondary: {sorted(both)}")
