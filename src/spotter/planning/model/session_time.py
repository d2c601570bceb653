"""How long a session takes, in minutes.

    minutes = (sum over slots of sets x (work + rest) + changeovers) / 60

* work of one set = reps x the exercise's tempo ``rep_seconds`` (the middle of the slot's rep
  range), doubled for a unilateral exercise (each side is worked in turn). For a timed exercise
  (measure ``seconds``) the work is the middle of the range in seconds; for a carry (``meters``)
  it is the middle distance at :data:`CARRY_METERS_PER_SECOND`.
* rest = the slot's ``rest_seconds``, counted after every set (the last one's rest is the walk
  to the next station).
* a changeover of :data:`CHANGEOVER_SECONDS` between consecutive exercises (loading a bar,
  setting a pin or a bench).

Warm-up sets are not counted.

:func:`rest_seconds` gives the default rest by rep range and goal: :data:`REST_BY_REPS` by the
top of the rep range, plus :data:`GOAL_REST_ADJUST` (strength rests longer: Schoenfeld 2016 found
3-minute rests gained more strength than 1-minute rests).

>>> rest_seconds(5, 8, "hypertrophy"), rest_seconds(3, 5, "strength"), rest_seconds(12, 15, "general")
(120, 240, 60)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import Session, Slot

#: Seconds between two exercises.
CHANGEOVER_SECONDS: Final[int] = 90
#: Walking speed under load for carries.
CARRY_METERS_PER_SECOND: Final[float] = 1.0
#: Rest by the top of the rep range: (highest top, seconds), first match wins.
REST_BY_REPS: Final[tuple[tuple[int, int], ...]] = ((6, 180), (12, 120), (10_000, 60))
#: Seconds added to the rest, by goal.
GOAL_REST_ADJUST: Final[dict[str, int]] = {
    "strength": 60,
    "hypertrophy": 0,
    "posture": 0,
    "general": 0,
}


def rest_seconds(rep_low: int, rep_high: int, goal: str) -> int:
    """Default rest after a set of ``rep_low``-``rep_high`` reps for ``goal``."""
    if goal not in GOAL_REST_ADJUST:
        raise ValueError(f"goal: {goal!r} is not one of {', '.join(GOAL_REST_ADJUST)}")
    if not 1 <= rep_low <= rep_high:
        raise ValueError(f"rep range must satisfy 1 <= low <= high, got {rep_low}-{rep_high}")
    base = next(sec for top, sec in REST_BY_REPS if rep_high <= top)
    return base + GOAL_REST_ADJUST[goal]


def work_seconds(slot: Slot, facts: ExerciseFacts) -> float:
    """Seconds of work in one set of ``slot``.

    >>> from spotter.knowledge.model import Tempo
    >>> f = ExerciseFacts("row", "compound", "pull", "horizontal-pull", ("lats",), (), (),
    ...                   "dumbbell", "beginner", True, "bent-over", Tempo(2, 0, 1, 1), (8, 12),
    ...                   "row")
    >>> work_seconds(Slot("row", 3, 8, 12, 2, 90), f)
    80.0
    """
    middle = (slot.rep_low + slot.rep_high) / 2
    if facts.measure == "seconds":
        work = middle
    elif facts.measure == "meters":
        work = middle / CARRY_METERS_PER_SECOND
    else:
        work = middle * facts.tempo.rep_seconds
    return work * (2 if facts.unilateral else 1)


def session_seconds(session: Session, facts: Mapping[str, ExerciseFacts]) -> float:
    """Seconds the session takes (module docstring)."""
    total = sum(
        s.sets * (work_seconds(s, facts[s.exercise]) + s.rest_seconds) for s in session.slots
    )
    return total + CHANGEOVER_SECONDS * max(0, len(session.slots) - 1)


def session_minutes(session: Session, facts: Mapping[str, ExerciseFacts]) -> float:
    """Minutes the session takes."""
    return session_seconds(session, facts) / 60
