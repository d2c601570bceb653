"""Progression rules as values. :func:`spotter.science.progression.evaluate` applies them.

Each rule is a frozen dataclass holding only its parameters; nothing here reads a history.
Loads and increments are kilograms. Where a rule computes a load from a percentage (a deload,
an RPE target, 5/3/1, the GZCLP T1 restart) it rounds to ``round_to_kg`` unless the caller passes
its own rounding (for the user's plates).

* :class:`DoubleProgression` -- keep the load until every working set reaches the top of the rep
  range, then add the increment (chrisadamspersonaltraining.com, nolieslifting.com). With
  ``first_set_only`` it is the compound-lift variant: add once the first set reaches the top.
* :class:`LinearProgression` -- add the increment after every successful session; repeat the
  load after a failed one; after ``failures_before_deload`` failures in a row at one load, cut it
  by ``deload_pct`` (StrongLifts 5x5: 2.5 kg, 3 failures, 10 %).
* :class:`RpeProgression` -- the next load is the e1RM of the last top set times the RTS chart's
  percentage for the target reps at the target RPE.
* :class:`Wave531` -- Wendler 5/3/1: training max = 90 % of 1RM, the four-week table below, and
  the TM raised once per cycle.
* :class:`BoringButBig` -- Wendler's Boring But Big supplement: 5x10 at a percentage of the same
  lift's training max (:data:`BBB_PERCENTS`: 50 % in the first cycle, 55 % in the second, 60 %
  from the third on; SCIENCE.md section 5: "50 % of the TM, rising to 60 % over later cycles").
* :class:`GzclpT1`, :class:`GzclpT2`, :class:`GzclpT3` -- GZCLP tiers, pinned to
  ColinPeyrat/gzclp-tracker ``docs/GZCLP-ROUTINE.md`` (increments from its ``units.ts``).

>>> DoubleProgression(rep_low=8, rep_high=12, sets=3, increment_kg=2.5).rep_high
12
>>> WAVE_531[2]
((0.75, 5, False), (0.85, 3, False), (0.95, 1, True))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Wendler 5/3/1 weeks: (fraction of training max, reps, AMRAP) for sets 1-3.
WAVE_531: Final[tuple[tuple[tuple[float, int, bool], ...], ...]] = (
    ((0.65, 5, False), (0.75, 5, False), (0.85, 5, True)),
    ((0.70, 3, False), (0.80, 3, False), (0.90, 3, True)),
    ((0.75, 5, False), (0.85, 3, False), (0.95, 1, True)),
    ((0.40, 5, False), (0.50, 5, False), (0.60, 5, False)),
)
#: Boring But Big: fraction of the training max in cycle 1, 2, 3 and later (the last repeats).
BBB_PERCENTS: Final[tuple[float, ...]] = (0.50, 0.55, 0.60)
#: GZCLP T1 stages: sets x reps, the last set AMRAP.
GZCLP_T1_STAGES: Final[tuple[tuple[int, int], ...]] = ((5, 3), (6, 2), (10, 1))
#: GZCLP T2 stages: sets x reps.
GZCLP_T2_STAGES: Final[tuple[tuple[int, int], ...]] = ((3, 10), (3, 8), (3, 6))
#: ColinPeyrat's kg increments per session: T1 upper / lower body, T2 upper / lower, T3.
GZCLP_KG_INCREMENTS: Final[dict[str, float]] = {
    "t1-upper": 2.5,
    "t1-lower": 5.0,
    "t2-upper": 1.25,
    "t2-lower": 2.5,
    "t3": 2.5,
}


def _positive(name: str, value: float) -> None:
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value:g}")


@dataclass(frozen=True, slots=True)
class DoubleProgression:
    """``sets`` x ``rep_low``-``rep_high``; add ``increment_kg`` once every set hits the top."""

    rep_low: int
    rep_high: int
    sets: int
    increment_kg: float
    first_set_only: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.rep_low <= self.rep_high:
            raise ValueError(
                f"rep range must satisfy 1 <= low <= high, got {self.rep_low}-{self.rep_high}"
            )
        _positive("sets", self.sets)
        _positive("increment", self.increment_kg)


@dataclass(frozen=True, slots=True)
class LinearProgression:
    """``sets`` x ``reps``, ``increment_kg`` more each successful session, deload on a stall."""

    increment_kg: float
    failures_before_deload: int = 3
    deload_pct: float = 0.10
    sets: int = 5
    reps: int = 5
    round_to_kg: float = 2.5

    def __post_init__(self) -> None:
        _positive("increment", self.increment_kg)
        _positive("failures before a deload", self.failures_before_deload)
        if not 0 < self.deload_pct < 1:
            raise ValueError(f"deload must be a fraction between 0 and 1, got {self.deload_pct:g}")
        _positive("sets", self.sets)
        _positive("reps", self.reps)
        _positive("rounding step", self.round_to_kg)


@dataclass(frozen=True, slots=True)
class RpeProgression:
    """``sets`` x ``target_reps`` @ ``target_rpe``, the load from the last top set's e1RM."""

    target_reps: int
    target_rpe: float
    sets: int
    round_to_kg: float = 2.5

    def __post_init__(self) -> None:
        if not 1 <= self.target_reps <= 12:
            raise ValueError(f"target reps must be 1-12 (the RTS chart), got {self.target_reps}")
        if not 6 <= self.target_rpe <= 10 or self.target_rpe * 2 != int(self.target_rpe * 2):
            raise ValueError(
                f"target RPE must be 6-10 in half steps (the RTS chart), got {self.target_rpe:g}"
            )
        _positive("sets", self.sets)
        _positive("rounding step", self.round_to_kg)


@dataclass(frozen=True, slots=True)
class Wave531:
    """Wendler 5/3/1. ``tm_increment_kg``: Wendler's 5 lb for bench and press, 10 lb for squat
    and deadlift; kg lifters commonly use 2.5 and 5."""

    training_max_pct: float = 0.9
    tm_increment_kg: float = 2.5
    round_to_kg: float = 2.5

    def __post_init__(self) -> None:
        if not 0 < self.training_max_pct <= 1:
            raise ValueError(
                f"training max must be a fraction of 1RM in (0, 1], got {self.training_max_pct:g}"
            )
        _positive("training-max increment", self.tm_increment_kg)
        _positive("rounding step", self.round_to_kg)


@dataclass(frozen=True, slots=True)
class BoringButBig:
    """Boring But Big: ``sets`` x ``reps`` at ``percents[cycle]`` of the lift's 5/3/1 training max
    (the last percentage holds for later cycles). The training max is the one the lift's main
    sets use (:class:`Wave531`'s ``training_max_pct`` and ``tm_increment_kg``), so it is fixed
    within a cycle and rises with it; no load ever comes from an RPE chart."""

    percents: tuple[float, ...] = BBB_PERCENTS
    sets: int = 5
    reps: int = 10
    training_max_pct: float = 0.9
    tm_increment_kg: float = 2.5
    round_to_kg: float = 2.5

    def __post_init__(self) -> None:
        if not self.percents or not all(0 < p < 1 for p in self.percents):
            raise ValueError(
                f"Boring But Big percentages must be fractions of the training max in (0, 1), "
                f"got {self.percents}"
            )
        if not 0 < self.training_max_pct <= 1:
            raise ValueError(
                f"training max must be a fraction of 1RM in (0, 1], got {self.training_max_pct:g}"
            )
        _positive("sets", self.sets)
        _positive("reps", self.reps)
        _positive("training-max increment", self.tm_increment_kg)
        _positive("rounding step", self.round_to_kg)


@dataclass(frozen=True, slots=True)
class GzclpT1:
    """GZCLP tier 1: 5x3+ -> 6x2+ -> 10x1+ at one load, then a 5RM test and 85 % of it."""

    increment_kg: float
    restart_pct: float = 0.85
    round_to_kg: float = 2.5

    def __post_init__(self) -> None:
        _positive("increment", self.increment_kg)
        if not 0 < self.restart_pct <= 1:
            raise ValueError(f"restart must be a fraction of the 5RM, got {self.restart_pct:g}")
        _positive("rounding step", self.round_to_kg)


@dataclass(frozen=True, slots=True)
class GzclpT2:
    """GZCLP tier 2: 3x10 -> 3x8 -> 3x6 at one load, then 3x10 at the last 3x10 load plus
    ``reset_increment_kg`` (the routine says 15-20 lb; 7.5 kg is 16.5 lb)."""

    increment_kg: float
    reset_increment_kg: float = 7.5

    def __post_init__(self) -> None:
        _positive("increment", self.increment_kg)
        _positive("reset increment", self.reset_increment_kg)


@dataclass(frozen=True, slots=True)
class GzclpT3:
    """GZCLP tier 3: 3x15+, add ``increment_kg`` once the AMRAP set reaches ``amrap_target``."""

    increment_kg: float = 2.5
    sets: int = 3
    reps: int = 15
    amrap_target: int = 25

    def __post_init__(self) -> None:
        _positive("increment", self.increment_kg)
        _positive("sets", self.sets)
        if self.amrap_target < self.reps:
            raise ValueError(
                f"the AMRAP target ({self.amrap_target}) must be at least the reps ({self.reps})"
            )


#: Any progression rule.
Rule = (
    DoubleProgression
    | LinearProgression
    | RpeProgression
    | Wave531
    | BoringButBig
    | GzclpT1
    | GzclpT2
    | GzclpT3
)
