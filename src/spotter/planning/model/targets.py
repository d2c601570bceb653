"""Weekly fractional-set targets per landmarks row, and per-session caps.

Targets are derived from the pinned 2017 RP table (:data:`spotter.science.volume.LANDMARKS_2017`,
SCIENCE.md section 3), in fractional sets per week (primary 1, secondary 0.5, a set counting once
per row with its largest share).

Derivation. The upper bound is MAV high for every experience level: the planned week is the
peak of a mesocycle that ramps from MEV towards MAV (PLAN-RUBRIC.md item 6). Rows whose MEV is 0
in the table (:data:`COMPOUND_FED_ROWS`: glutes, front delts, traps, abs; RP's reading is that
squats, hinges, presses and rows already give them enough) are capped at MRV instead, since
every compound plan feeds them. The lower bound goes by experience:

============  ===================================
novice        MEV
intermediate  MEV
advanced      MAV low
============  ===================================

(PLAN-RUBRIC.md item 6 reads "MEV to MAV" for hypertrophy; an advanced lifter, who needs more
to progress, starts at MAV.)

Then by goal:

* ``hypertrophy`` -- the base range.
* ``general`` -- the lower bound of one experience level lower (novice stays novice): enough to
  grow, with time to spare.
* ``strength`` -- the base range, but the lower bound of rows trained mostly by isolation work
  (:data:`ISOLATION_ROWS`) is multiplied by :data:`STRENGTH_ISOLATION_FACTOR` (0.5): Pelland et
  al. found returns for strength flatten much sooner than for size. The upper bound stays:
  heavy pressing and pulling alone feed the triceps and biceps.
* ``posture`` -- the ``general`` range, with the upper-back rows (:data:`POSTURE_ROWS`: back,
  rear delts, traps) multiplied by :data:`POSTURE_FACTOR` (1.25), never above MRV; the checks also
  ask pulling sets to be at least :data:`POSTURE_PULL_RATIO` times pushing sets.

Bounds are rounded to the nearest half set.

>>> t = weekly_targets("hypertrophy", "novice")
>>> t["back"], t["chest"], t["glutes"]
(TargetRange(low=10.0, high=22.0), TargetRange(low=10.0, high=20.0), TargetRange(low=0.0, high=16.0))
>>> weekly_targets("strength", "advanced")["biceps"]
TargetRange(low=7.0, high=20.0)
>>> weekly_targets("posture", "advanced")["back"]
TargetRange(low=12.5, high=25.0)
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
    {"biceps", "triceps", "side delts", "rear delts", "calves"}
)
#: Rows that compounds feed (MEV 0 in the table): only MRV caps them.
COMPOUND_FED_ROWS: Final[frozenset[str]] = frozenset(
    row for row, lm in LANDMARKS_2017.items() if lm.mev == 0
)
#: Strength goal: multiplier on the isolation rows' range.
STRENGTH_ISOLATION_FACTOR: Final[float] = 0.5
#: Posture goal: the rows raised, and by how much.
POSTURE_ROWS: Final[frozenset[str]] = frozenset({"back", "rear delts", "traps"})
POSTURE_FACTOR: Final[float] = 1.25
#: Pulling sets per pushing set required (horizontal and vertical separately).
PULL_RATIO: Final[float] = 1.0
POSTURE_PULL_RATIO: Final[float] = 1.5

#: Most hard sets (plain sets as a primary mover, as PLAN-RUBRIC.md item 8 counts them) one row
#: may get in one session, by experience: the rubric's 10 for every level (beyond about 10 sets
#: a session the extra sets are "junk volume"; the issue pins the rubric's "about" to its
#: number). A stricter novice cap of 8 left two-day posture and band-only weeks sets short of
#: the volume targets that a coach's week of 9-10 back sets a session reaches.
SESSION_CAP: Final[dict[str, float]] = {"novice": 10.0, "intermediate": 10.0, "advanced": 10.0}
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
    high = lm.mrv if lm.mev == 0 else lm.mav_high
    if level == "novice":
        return lm.mev, high
    if level == "intermediate":
        return lm.mev, high
    return lm.mav_low, high


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
            low = low * STRENGTH_ISOLATION_FACTOR
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
