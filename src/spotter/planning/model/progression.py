"""A progression rule for each exercise of a plan, as values from :mod:`spotter.science.rules`.

Following issue 4 and SCIENCE.md section 5:

* a *main lift* (:func:`is_main_lift`: a compound, counted in reps, loaded with a barbell or
  trap bar) progresses

  - for a novice, linearly (StrongLifts-style :class:`LinearProgression`): ``sets`` x the top of
    the slot's rep range, :data:`LOWER_INCREMENT_KG` a session for squats, hinges and lunges,
    :data:`UPPER_INCREMENT_KG` otherwise;
  - for an intermediate or advanced lifter, by RPE (:class:`RpeProgression`): ``sets`` x the
    bottom of the rep range (at most 12, the RTS chart) at RPE ``10 - RIR`` (at least 6);

* every other exercise by double progression over the slot's rep range, adding the same
  increments (:data:`ISOLATION_INCREMENT_KG` for isolation exercises).

The 5/3/1 wave and GZCLP come with their templates; a 6-week block does not fit their cycles.

>>> from spotter.knowledge.model import Tempo
>>> squat = ExerciseFacts("squat", "compound", "push", "squat", ("quads",), (), ("barbell",),
...                       "barbell", "beginner", False, "standing", Tempo(3, 0, 1, 0), (3, 8),
...                       "squat")
>>> rule_for(squat, Slot("squat", 5, 3, 5, 2, 240), "novice")
LinearProgression(increment_kg=5.0, failures_before_deload=3, deload_pct=0.1, sets=5, reps=5, round_to_kg=2.5)
>>> rule_for(squat, Slot("squat", 4, 4, 6, 2, 240), "advanced")
RpeProgression(target_reps=4, target_rpe=8, sets=4, round_to_kg=2.5)
"""

from __future__ import annotations

from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import Slot
from spotter.science.rules import DoubleProgression, LinearProgression, RpeProgression, Rule

#: Kilograms added per step.
LOWER_INCREMENT_KG: Final[float] = 5.0
UPPER_INCREMENT_KG: Final[float] = 2.5
ISOLATION_INCREMENT_KG: Final[float] = 1.25
#: Patterns whose loads climb in lower-body steps.
LOWER_PATTERNS: Final[frozenset[str]] = frozenset({"squat", "hinge", "lunge"})
#: Load types of a main lift.
MAIN_LOAD_TYPES: Final[frozenset[str]] = frozenset({"barbell"})


def is_main_lift(facts: ExerciseFacts) -> bool:
    """A barbell compound counted in reps."""
    return (
        facts.mechanic == "compound"
        and facts.measure == "reps"
        and (facts.load_type in MAIN_LOAD_TYPES or "trap-bar" in facts.equipment)
    )


def increment_kg(facts: ExerciseFacts) -> float:
    """The load step for the exercise."""
    if facts.mechanic != "compound":
        return ISOLATION_INCREMENT_KG
    return LOWER_INCREMENT_KG if facts.pattern in LOWER_PATTERNS else UPPER_INCREMENT_KG


def rule_for(facts: ExerciseFacts, slot: Slot, experience: str) -> Rule:
    """The progression rule for ``slot`` of the exercise (module docstring)."""
    step = increment_kg(facts)
    if is_main_lift(facts):
        if experience == "novice":
            return LinearProgression(increment_kg=step, sets=slot.sets, reps=slot.rep_high)
        return RpeProgression(
            target_reps=min(slot.rep_low, 12),
            target_rpe=max(6, 10 - slot.rir),
            sets=slot.sets,
        )
    return DoubleProgression(
        rep_low=slot.rep_low, rep_high=slot.rep_high, sets=slot.sets, increment_kg=step
    )
