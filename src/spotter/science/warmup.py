"""Warm-up ramps for compound lifts.

The default ramp is a project choice (SCIENCE.md names none); it is the common pattern of
light, many reps to heavy, few reps, close to ColinPeyrat/gzclp-tracker's bar x 5 x 2, 45 % x 5,
65 % x 3, 85 % x 2:

=============  ====
Load           Reps
=============  ====
empty bar      10
40 % of work   5
60 % of work   3
80 % of work   1
=============  ====

Each step is rounded to the closest load the equipment can make (with its plates, for a
barbell). A step is dropped when it rounds to the load of the step before it, or to the working
load or above, so every warm-up set is lighter than the next. "Empty bar" means the lightest
load of the equipment: the bar, the lightest dumbbell, the first pin. Isolation lifts usually
need no ramp; whether to ask for one is the caller's choice.

>>> from spotter.science.plates import BAR_20_KG, COMMON_KG, Barbell
>>> for s in warmup_ramp(100, Barbell(BAR_20_KG, COMMON_KG)):
...     print(s.load_kg, s.reps, s.plates_per_side)
20.0 10 ()
40.0 5 (10.0,)
60.0 3 (20.0,)
80.0 1 (25.0, 5.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from spotter.science.loading import Equipment, lightest_load_kg, round_load
from spotter.science.plates import quantize
from spotter.science.units import Unit


@dataclass(frozen=True, slots=True)
class WarmupStep:
    """One step of a ramp: a fraction of the working load (0 = empty bar) for some reps."""

    fraction: float
    reps: int

    def __post_init__(self) -> None:
        if not 0 <= self.fraction < 1:
            raise ValueError(f"a warm-up fraction must be in [0, 1), got {self.fraction:g}")
        if self.reps < 1:
            raise ValueError(f"a warm-up step needs at least 1 rep, got {self.reps}")


#: Empty bar x 10, 40 % x 5, 60 % x 3, 80 % x 1.
DEFAULT_RAMP: Final[tuple[WarmupStep, ...]] = (
    WarmupStep(0.0, 10),
    WarmupStep(0.4, 5),
    WarmupStep(0.6, 3),
    WarmupStep(0.8, 1),
)


@dataclass(frozen=True, slots=True)
class WarmupSet:
    """A warm-up set: its load in kg and in the equipment's unit, reps, and plates per side."""

    load_kg: float
    load: float
    unit: Unit
    reps: int
    fraction: float
    plates_per_side: tuple[float, ...] = ()


def warmup_ramp(
    working_kg: float,
    equipment: Equipment | None,
    *,
    ramp: Sequence[WarmupStep] = DEFAULT_RAMP,
) -> tuple[WarmupSet, ...]:
    """The warm-up sets before a working load, rounded to the equipment.

    Parameters
    ----------
    working_kg
        The first working set's load, kg.
    equipment
        What is loaded (a :class:`~spotter.science.plates.Barbell`, dumbbells, a stack), or
        None for no rounding.
    ramp
        The steps, lightest first.

    Examples
    --------
    A working load at or below the empty bar needs no ramp:

    >>> from spotter.science.plates import BAR_20_KG, COMMON_KG, Barbell
    >>> warmup_ramp(20, Barbell(BAR_20_KG, COMMON_KG))
    ()

    Steps that round to the same load are kept once:

    >>> [s.load_kg for s in warmup_ramp(40, Barbell(BAR_20_KG, COMMON_KG))]
    [20.0, 25.0, 32.5]
    """
    if working_kg <= 0:
        raise ValueError(f"the working load must be positive to ramp up to it, got {working_kg:g}")
    out: list[WarmupSet] = []
    working_q = quantize(working_kg)
    for step in ramp:
        wanted = lightest_load_kg(equipment) if step.fraction == 0 else working_kg * step.fraction
        rounded = round_load(wanted, equipment)
        if quantize(rounded.load_kg) >= working_q:
            continue
        if out and quantize(rounded.load_kg) <= quantize(out[-1].load_kg):
            continue
        out.append(
            WarmupSet(
                rounded.load_kg,
                rounded.load,
                rounded.unit,
                step.reps,
                step.fraction,
                rounded.plates_per_side,
            )
        )
    return tuple(out)
