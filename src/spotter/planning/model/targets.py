"""Weekly fractional-set targets per landmarks row, and per-session caps.

Targets are derived from the pinned 2017 RP table (:data:`spotter.science.volume.LANDMARKS_2017`,
SCIENCE.md section 3), in fractional sets per week (primary 1, secondary 0.5, a set counting once
per row with its largest share).

Derivation, by experience (the base range):

============  ===================================
novice        MEV to MAV low
intermediate  MAV low to MAV high
advanced      middle of MAV to MAV high
============  ===================================

Then by goal:

* ``hypertrophy`` -- the base range.
* ``general`` -- the range of one experience level lower (novice stays novice): enough to grow,
  with time to spare.
* ``strength`` -- the base range, but rows trained mostly by isolation work
  (:data:`ISOLATION_ROWS`) are multiplied by :data:`STRENGTH_ISOLATION_FACTOR` (0.5): Pelland et
  al. found returns for strength flatten much sooner than for size.
* ``posture`` -- the ``general`` range, with the upper-back rows (:data:`POSTURE_ROWS`: back,
  rear delts, traps) multiplied by :data:`POSTURE_FACTOR` (1.25), never above MRV; the checks also
  ask pulling sets to be at least :data:`POSTURE_PULL_RATIO` times pushing sets.

Bounds are rounded to the nearest half set.

>>> t = weekly_targets("hypertrophy", "novice")
>>> t["back"], t["chest"]
(TargetRange(low=10.0, high=14.0), TargetRange(low=10.0, high=12.0))
>>> weekly_targets("strength", "intermediate")["biceps"]
TargetRange(low=7.0, high=10.0)
>>> weekly_targets("posture", "intermediate")["back"]
TargetRange(low=12.5, high=17.5)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from spotter.profile import EXPERIENCE, GOALS
from spotter.science.volume import LANDMARKS_2017, Landmarks

#: Rows whose volume comes mostly from isolation exercises.
ISOLATION_ROWS: Final[frozenset[str]] = frozenset(
    {"biceps", "triceps", "front delts", "side delts", "rear delts", "traps", "calves", "abs"}
)
#: Strength goal: multiplier on the isolation rows' range.
STRENGTH_ISOLATION_FACTOR: Final[float] = 0.5
#: Posture goal: the rows raised, and by how much.
POSTURE_ROWS: Final[frozenset[str]] = frozenset({"back", "rear delts", "traps"})
POSTURE_FACTOR: Final[float] = 1.25
#: Pulling sets per pushing set required (horizontal and vertical separately).
PULL_RATIO: Final[float] = 1.0
POSTURE_PULL_RATIO: Final[float] = 1.5

#: Most hard sets one row may get in one session, by experience (beyond about 10 sets a session
#: the extra sets are "junk volume" for most lifters; advanced lifters tolerate a little more).
SESSION_CAP: Final[dict[str, float]] = {"novice": 8.0, "intermediate": 10.0, "advanced": 12.0}
#: Fractional sets of a row in one session from which that session counts as hard for the row;
#: a row trained hard must not be trained hard again the next calendar day (ACSM: 48 h).
HARD_DAY_SETS: Final[float] = 6.0
#: Weight of an emphasised row in the distance from the targets (others weigh 1).
EMPHASIS_WEIGHT: Final[float] = 2.0


@dataclass(frozen=True, slots=True)
class TargetRange:
    """Fractional sets per week, inclusive."""

    low: float
    high: float

    def __contains__(self, sets: object) -> bool:
        return isinstance(sets, int | float) and self.low <= sets <= self.high

    def distance(self, sets: float) -> float:
        """How far ``sets`` is outside the range (0 inside).

        >>> TargetRange(10, 14).distance(8), TargetRange(10, 14).distance(12)
        (2, 0.0)
        """
        if sets < self.low:
            return self.low - sets
        if sets > self.high:
            return sets - self.high
        return 0.0


def _half(x: float) -> float:
    return math.floor(x * 2 + 0.5) / 2


def _base(level: str, lm: Landmarks) -> tuple[float, float]:
    if level == "novice":
        return lm.mev, lm.mav_low
    if level == "intermediate":
        return lm.mav_low, lm.mav_high
    return (lm.mav_low + lm.mav_high) / 2, lm.mav_high


def weekly_targets(
    goal: str, experience: str, landmarks: Mapping[str, Landmarks] = LANDMARKS_2017
) -> dict[str, TargetRange]:
    """The weekly target range of every landmarks row for ``goal`` and ``experience``."""
    if goal not in GOALS:
        raise ValueError(f"goal: {goal!r} is not one of {', '.join(GOALS)}")
    if experience not in EXPERIENCE:
        raise ValueError(f"experience: {experience!r} is not one of {', '.join(EXPERIENCE)}")
    level = experience
    if goal in ("general", "posture"):
        level = EXPERIENCE[max(0, EXPERIENCE.index(experience) - 1)]
    out: dict[str, TargetRange] = {}
    for row, lm in landmarks.items():
        low, high = _base(level, lm)
        if goal == "strength" and row in ISOLATION_ROWS:
            low, high = low * STRENGTH_ISOLATION_FACTOR, high * STRENGTH_ISOLATION_FACTOR
        if goal == "posture" and row in POSTURE_ROWS:
            low, high = min(low * POSTURE_FACTOR, lm.mrv), min(high * POSTURE_FACTOR, lm.mrv)
        out[row] = TargetRange(_half(low), _half(high))
    return out


def pull_ratio(goal: str) -> float:
    """Pulling sets required per pushing set.

    >>> pull_ratio("posture"), pull_ratio("strength")
    (1.5, 1.0)
    """
    return POSTURE_PULL_RATIO if goal == "posture" else PULL_RATIO


def row_weights(
    emphasis: Iterable[str] = (), landmarks: Mapping[str, Landmarks] = LANDMARKS_2017
) -> dict[str, float]:
    """Weight of each row in the distance from the targets: emphasised rows weigh more.

    >>> w = row_weights(["back"])
    >>> w["back"], w["chest"]
    (2.0, 1.0)
    """
    chosen = set(emphasis)
    unknown = chosen - set(landmarks)
    if unknown:
        raise ValueError(f"emphasis: unknown rows {', '.join(sorted(unknown))}")
    return {row: EMPHASIS_WEIGHT if row in chosen else 1.0 for row in landmarks}
