"""What a progression rule hands back: the next session's sets and one readable reason.

>>> p = Prescription.straight(100, 3, 5, "Completed 3×5 at 97.5 kg: add 2.5 kg.")
>>> p.load_kg, p.sets, p.reps, len(p.plan)
(100, 3, 5, 3)
>>> round_to_step(2.5)(91.25), round_to_step(2.5)(91.3)
(90.0, 92.5)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

#: A function from a wanted load (kg) to one the lifter can load (kg).
Rounding = Callable[[float], float]
#: A function writing a load given in kg for people, in their unit.
Formatter = Callable[[float], str]


@dataclass(frozen=True, slots=True)
class PrescribedSet:
    """One set to do: load, target reps, and whether to go for as many reps as possible."""

    load_kg: float
    reps: int
    amrap: bool = False


@dataclass(frozen=True, slots=True)
class Prescription:
    """The next session of one exercise.

    Attributes
    ----------
    load_kg
        The heaviest working load (the only one, for straight sets).
    sets
        Number of working sets.
    reps
        Target reps per set (the top of the range for double progression; of the last set
        when sets differ).
    target_rpe
        The RPE to stop at, for RPE-based rules.
    amrap
        Whether the last set is as many reps as possible ("5+").
    reason
        One line a person can read: why this load.
    plan
        Set by set, for schemes whose sets differ (5/3/1).
    min_reps
        The bottom of the rep range, for double progression.
    """

    load_kg: float
    sets: int
    reps: int
    target_rpe: float | None
    amrap: bool
    reason: str
    plan: tuple[PrescribedSet, ...]
    min_reps: int | None = None

    @classmethod
    def straight(
        cls,
        load_kg: float,
        sets: int,
        reps: int,
        reason: str,
        *,
        target_rpe: float | None = None,
        amrap: bool = False,
        min_reps: int | None = None,
    ) -> Prescription:
        """``sets`` x ``reps`` at one load, the last set AMRAP if ``amrap``."""
        plan = tuple(PrescribedSet(load_kg, reps, amrap and i == sets - 1) for i in range(sets))
        return cls(load_kg, sets, reps, target_rpe, amrap, reason, plan, min_reps)

    @property
    def scheme(self) -> str:
        """The sets and reps as people write them.

        >>> Prescription.straight(60, 3, 12, "", min_reps=8).scheme
        '3×8–12'
        >>> Prescription.straight(60, 5, 3, "", amrap=True).scheme
        '5×3+'
        """
        reps = f"{self.min_reps}–{self.reps}" if self.min_reps is not None else str(self.reps)
        return f"{self.sets}×{reps}{'+' if self.amrap else ''}"


def nearest_multiple(value: float, step: float) -> float:
    """``value`` rounded to the nearest multiple of ``step``; a tie goes down.

    >>> nearest_multiple(106.4, 2.5), nearest_multiple(103.75, 2.5), nearest_multiple(7, 5)
    (107.5, 102.5, 5.0)
    """
    if step <= 0:
        raise ValueError(f"rounding step must be positive, got {step:g}")
    n = math.ceil(value / step - 0.5 - 1e-9)
    return float(round(n * step, 9))


def round_to_step(step: float) -> Rounding:
    """A rounding function to the nearest multiple of ``step`` kg (ties go down)."""
    if step <= 0:
        raise ValueError(f"rounding step must be positive, got {step:g}")

    def rounding(value: float) -> float:
        return nearest_multiple(value, step)

    return rounding


def step_up(load: float, increment: float, rounding: Rounding | None) -> float:
    """``load + increment`` made loadable: rounded by ``rounding``; when the rounding would take
    the whole step away, the first larger multiple of the step that rounds above ``load``.
    Without a rounding the sum is returned as is.

    >>> dumbbells = round_to_step(2.0)
    >>> step_up(20, 2.5, dumbbells), step_up(20, 1.25, dumbbells), step_up(20, 1.25, None)
    (22.0, 22.0, 21.25)
    >>> step_up(83.5, 2.5, round_to_step(2.5))  # 86 is not on the bar: 85
    85.0
    """
    if rounding is None:
        return load + increment
    for k in range(1, 9):
        new = rounding(load + k * increment)
        if new > load + 1e-9:
            return new
    return load + increment
