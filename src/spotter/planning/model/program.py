"""Plan records: a week of sessions of ordered exercise slots, and the mesocycle built from it.

A :class:`WeekPlan` is the week the optimiser (or a template, or the greedy baseline) produces:
the peak week of the block, whose volume sits inside the targets. :func:`build_mesocycle` turns
it into ``weeks`` weeks (default 6, Bell 2024: a deload about every 5.6 weeks):

* accumulation weeks ``i = 0 .. A-1`` (``A = weeks - 1``): each slot's sets are the base sets
  times ``f_i = start + (1 - start) * i / (A - 1)`` (``start`` 0.7, so the block starts near MEV
  and climbs to the base week), rounded half up, at least 1; the RIR target goes from 3 to 1 as
  ``3 - floor(2 * i / (A - 1))``.
* the deload week: half the base sets rounded half up (at least 1), RIR 4, same exercises, reps
  and rest (Bell 2024: volume and effort go down, frequency stays).

>>> week = WeekPlan((Session("mon", (Slot("squat", 4, 6, 10, 2, 120),)),))
>>> meso = build_mesocycle(week)
>>> [w.sessions[0].slots[0].sets for w in meso.weeks]
[3, 3, 3, 4, 4, 2]
>>> [w.sessions[0].slots[0].rir for w in meso.weeks]
[3, 3, 2, 2, 1, 4]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Final

from spotter.profile import GOALS, WEEKDAYS

#: RIR at the start and end of the accumulation weeks, and in the deload week.
RIR_START: Final[int] = 3
RIR_END: Final[int] = 1
RIR_DELOAD: Final[int] = 4
#: Fraction of the base week's sets in the first accumulation week.
START_FRACTION: Final[float] = 0.7
#: Default length of a mesocycle, deload included.
DEFAULT_WEEKS: Final[int] = 6

#: Rep ranges by goal for compound and isolation exercises (clipped to the exercise's own range).
REP_RANGES: Final[dict[str, dict[str, tuple[int, int]]]] = {
    "strength": {"compound": (3, 6), "isolation": (8, 12)},
    "hypertrophy": {"compound": (6, 12), "isolation": (10, 15)},
    "posture": {"compound": (8, 12), "isolation": (12, 15)},
    "general": {"compound": (8, 12), "isolation": (10, 15)},
}


@dataclass(frozen=True, slots=True)
class Slot:
    """One exercise in a session: ``sets`` x ``rep_low``-``rep_high`` at ``rir``, resting
    ``rest_seconds`` after each set. For timed or carried exercises the "reps" are seconds or
    meters (the exercise's measure). ``rule`` names the progression rule a template asks for
    (a key of :data:`spotter.planning.model.progression.RULES`); None lets
    :func:`~spotter.planning.model.progression.rule_for` choose."""

    exercise: str
    sets: int
    rep_low: int
    rep_high: int
    rir: int
    rest_seconds: int
    rule: str | None = None

    def __repr__(self) -> str:  # the rule only when a template set one
        rule = f", rule={self.rule!r}" if self.rule is not None else ""
        return (
            f"Slot(exercise={self.exercise!r}, sets={self.sets}, rep_low={self.rep_low}, "
            f"rep_high={self.rep_high}, rir={self.rir}, rest_seconds={self.rest_seconds}{rule})"
        )

    def __post_init__(self) -> None:
        if self.sets < 1:
            raise ValueError(f"{self.exercise}: sets must be at least 1, got {self.sets}")
        if not 1 <= self.rep_low <= self.rep_high:
            raise ValueError(
                f"{self.exercise}: rep range must satisfy 1 <= low <= high, "
                f"got {self.rep_low}-{self.rep_high}"
            )
        if not 0 <= self.rir <= 10:
            raise ValueError(f"{self.exercise}: RIR must be 0-10, got {self.rir}")
        if self.rest_seconds < 0:
            raise ValueError(f"{self.exercise}: rest must not be negative")


@dataclass(frozen=True, slots=True)
class Session:
    """The exercises of one training day, in the order they are done."""

    day: str
    slots: tuple[Slot, ...]

    def __post_init__(self) -> None:
        if self.day not in WEEKDAYS:
            raise ValueError(f"session day {self.day!r} is not one of {', '.join(WEEKDAYS)}")


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """The sessions of one week, one per training day, in calendar order."""

    sessions: tuple[Session, ...]
    deload: bool = False

    def __post_init__(self) -> None:
        days = [s.day for s in self.sessions]
        if len(set(days)) != len(days):
            raise ValueError("a week plan has two sessions on the same day")
        if days != sorted(days, key=WEEKDAYS.index):
            raise ValueError("a week plan's sessions must be in calendar order (mon..sun)")

    @property
    def days(self) -> tuple[str, ...]:
        return tuple(s.day for s in self.sessions)


@dataclass(frozen=True, slots=True)
class Mesocycle:
    """Accumulation weeks, then one deload week (the last)."""

    weeks: tuple[WeekPlan, ...]

    @property
    def base(self) -> WeekPlan:
        """The peak accumulation week (the last before the deload)."""
        return self.weeks[-2]


def _half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def _scale(week: WeekPlan, factor: Fraction, rir: int, deload: bool) -> WeekPlan:
    sessions = tuple(
        replace(
            s,
            slots=tuple(
                replace(slot, sets=max(1, _half_up(slot.sets * factor)), rir=rir)
                for slot in s.slots
            ),
        )
        for s in week.sessions
    )
    return WeekPlan(sessions, deload=deload)


def build_mesocycle(
    base: WeekPlan, *, weeks: int = DEFAULT_WEEKS, start_fraction: float = START_FRACTION
) -> Mesocycle:
    """``weeks - 1`` accumulation weeks ramping to ``base``, then a deload (module docstring)."""
    if weeks < 3:
        raise ValueError(
            f"a mesocycle needs at least 3 weeks (2 accumulation + deload), got {weeks}"
        )
    if not 0 < start_fraction <= 1:
        raise ValueError(f"start fraction must be in (0, 1], got {start_fraction:g}")
    start = Fraction(str(start_fraction))
    last = weeks - 2
    out = []
    for i in range(weeks - 1):
        factor = start + (1 - start) * Fraction(i, last)
        rir = RIR_START - math.floor(Fraction((RIR_START - RIR_END) * i, last))
        out.append(_scale(base, factor, rir, deload=False))
    out.append(_scale(base, Fraction(1, 2), RIR_DELOAD, deload=True))
    return Mesocycle(tuple(out))


def rep_range_for(goal: str, mechanic: str, exercise_range: tuple[int, int]) -> tuple[int, int]:
    """The goal's rep range for the mechanic, clipped to the exercise's own range; the
    exercise's range when they do not overlap.

    >>> rep_range_for("strength", "compound", (5, 8))
    (5, 6)
    >>> rep_range_for("strength", "compound", (12, 20))
    (12, 20)
    """
    if goal not in GOALS:
        raise ValueError(f"goal: {goal!r} is not one of {', '.join(GOALS)}")
    lo, hi = REP_RANGES[goal]["compound" if mechanic == "compound" else "isolation"]
    low, high = max(lo, exercise_range[0]), min(hi, exercise_range[1])
    return (low, high) if low <= high else exercise_range
