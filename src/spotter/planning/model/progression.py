"""A progression rule for each exercise of a plan, as values from :mod:`spotter.science.rules`.

Following issue 4 and SCIENCE.md section 5:

* a *main lift* (:func:`is_main_lift`: a compound by its catalog role -- ``main`` or
  ``secondary``, never an ``accessory`` such as the barbell upright row, whatever its joints --
  counted in reps, loaded with a barbell or trap bar) progresses

  - for a novice, linearly (StrongLifts-style :class:`LinearProgression`): ``sets`` x the top of
    the slot's rep range, StrongLifts' steps (SCIENCE.md section 5): 2.5 kg a session for the
    squat, bench, press and row and 5 kg for the deadlift (any hinge,
    :func:`linear_increment_kg`); a pound lifter gets 5 lb and 10 lb (the conversion is in
    :mod:`spotter.services.today_loads`);
  - for an intermediate or advanced lifter, by RPE (:class:`RpeProgression`): ``sets`` x the
    bottom of the rep range (at most 12, the RTS chart) at RPE ``10 - RIR`` (at least 6);

* every other exercise by double progression over the slot's rep range, adding the same
  increments (:data:`ISOLATION_INCREMENT_KG` for isolation exercises).

A slot can name its rule (``Slot.rule``, set by templates; the keys of :data:`RULES`):
``linear``, ``rpe`` and ``double`` as above (whatever the lift), ``wave531`` (Wendler 5/3/1:
training max 90 % of 1RM, raised 5 kg a cycle for squats, hinges and lunges and 2.5 kg
otherwise, Wendler's 10 lb / 5 lb), ``bbb`` (Boring But Big: the slot's sets x reps at 50, 55,
then 60 % of the lift's 5/3/1 training max), and ``gzclp-t1`` / ``gzclp-t2`` / ``gzclp-t3`` with
ColinPeyrat's kg increments (:data:`~spotter.science.rules.GZCLP_KG_INCREMENTS`: T1 5 / 2.5,
T2 2.5 / 1.25 for lower / upper body, T3 2.5).

>>> from spotter.knowledge.model import Tempo
>>> squat = ExerciseFacts("squat", "compound", "push", "squat", ("quads",), (), ("barbell",),
...                       "barbell", "beginner", False, "standing", Tempo(3, 0, 1, 0), (3, 8),
...                       "squat", role="main")
>>> rule_for(squat, Slot("squat", 5, 3, 5, 2, 240), "novice")
LinearProgression(increment_kg=2.5, failures_before_deload=3, deload_pct=0.1, sets=5, reps=5, round_to_kg=2.5)
>>> rule_for(squat, Slot("squat", 4, 4, 6, 2, 240), "advanced")
RpeProgression(target_reps=4, target_rpe=8, sets=4, round_to_kg=2.5)
>>> rule_for(squat, Slot("squat", 5, 3, 3, 2, 240, rule="gzclp-t1"), "novice")
GzclpT1(increment_kg=5.0, restart_pct=0.85, round_to_kg=2.5)
>>> rule_for(squat, Slot("squat", 3, 5, 5, 2, 240, rule="wave531"), "novice")
Wave531(training_max_pct=0.9, tm_increment_kg=5.0, round_to_kg=2.5)
>>> upright = ExerciseFacts("upright-row", "compound", "pull", "shoulder-abduction",
...                         ("side-delts",), (), ("barbell",), "barbell", "beginner", False,
...                         "standing", Tempo(2, 0, 1, 0), (8, 15), "upright-row",
...                         role="accessory")
>>> rule_for(upright, Slot("upright-row", 3, 10, 15, 2, 60), "intermediate")
DoubleProgression(rep_low=10, rep_high=15, sets=3, increment_kg=2.5, first_set_only=False)
"""

from __future__ import annotations

from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import Slot
from spotter.science.rules import (
    GZCLP_KG_INCREMENTS,
    BoringButBig,
    DoubleProgression,
    GzclpT1,
    GzclpT2,
    GzclpT3,
    LinearProgression,
    RpeProgression,
    Rule,
    Wave531,
)

#: Kilograms added per step.
LOWER_INCREMENT_KG: Final[float] = 5.0
UPPER_INCREMENT_KG: Final[float] = 2.5
ISOLATION_INCREMENT_KG: Final[float] = 1.25
#: StrongLifts' linear steps: the deadlift (any hinge) and everything else.
LINEAR_HINGE_KG: Final[float] = 5.0
LINEAR_OTHER_KG: Final[float] = 2.5
#: Patterns whose loads climb in lower-body steps.
LOWER_PATTERNS: Final[frozenset[str]] = frozenset({"squat", "hinge", "lunge"})
#: Rules a slot can name, and what each is.
RULES: Final[dict[str, str]] = {
    "linear": "linear progression: add a step every successful session",
    "rpe": "RPE-based: the load from the last top set's e1RM",
    "double": "double progression: add load once every set reaches the top of the range",
    "wave531": "Wendler 5/3/1: a four-week wave on a 90 % training max",
    "bbb": "Boring But Big: 5x10 at 50, 55, then 60 % of the lift's 5/3/1 training max",
    "gzclp-t1": "GZCLP tier 1: 5x3+, 6x2+, 10x1+ at one load",
    "gzclp-t2": "GZCLP tier 2: 3x10, 3x8, 3x6 at one load",
    "gzclp-t3": "GZCLP tier 3: 3x15+, add load at 25 reps on the last set",
}
#: Rules of published programs, which prescribe their own sets and reps (GZCLP's tiers,
#: 5/3/1's wave and Boring But Big): a slot with one follows the program's scheme, not the
#: rep range a coach would give its role.
PROGRAM_RULES: Final[frozenset[str]] = frozenset(
    {"wave531", "bbb", "gzclp-t1", "gzclp-t2", "gzclp-t3"}
)
#: Load types of a main lift.
MAIN_LOAD_TYPES: Final[frozenset[str]] = frozenset({"barbell"})


#: Catalog roles (``coaching.role``) of a compound a coach progresses as a lift.
LIFT_ROLES: Final[frozenset[str]] = frozenset({"main", "secondary"})


def is_main_lift(facts: ExerciseFacts) -> bool:
    """A barbell compound counted in reps; compound by its catalog role, so that a multi-joint
    accessory (the barbell upright row) progresses by double progression like the other
    accessories."""
    return (
        facts.role in LIFT_ROLES
        and facts.measure == "reps"
        and (facts.load_type in MAIN_LOAD_TYPES or "trap-bar" in facts.equipment)
    )


def increment_kg(facts: ExerciseFacts) -> float:
    """The load step for the exercise."""
    if facts.mechanic != "compound":
        return ISOLATION_INCREMENT_KG
    return LOWER_INCREMENT_KG if facts.pattern in LOWER_PATTERNS else UPPER_INCREMENT_KG


def linear_increment_kg(facts: ExerciseFacts) -> float:
    """StrongLifts' step per session: 5 kg for a hinge (the deadlift), 2.5 kg otherwise.

    >>> from spotter.knowledge.model import Tempo
    >>> def lift(pattern):
    ...     return ExerciseFacts("x", "compound", "pull", pattern, ("glutes",), (), ("barbell",),
    ...                          "barbell", "beginner", False, "standing", Tempo(2, 0, 1, 0),
    ...                          (3, 8), "x")
    >>> linear_increment_kg(lift("hinge")), linear_increment_kg(lift("squat"))
    (5.0, 2.5)
    """
    return LINEAR_HINGE_KG if facts.pattern == "hinge" else LINEAR_OTHER_KG


def role_rule(facts: ExerciseFacts, role: str, experience: str) -> str:
    """The name (a key of :data:`RULES`) of the rule a coach gives an exercise in ``role``
    (``main``, ``secondary``, ``accessory``, ``trunk``): a barbell main lift progresses
    linearly for a novice and by RPE otherwise, everything else by double progression -- what
    :func:`rule_for` picks for a slot with no rule of its own.

    >>> from spotter.knowledge.model import Tempo
    >>> bench = ExerciseFacts("bench", "compound", "push", "horizontal-push", ("chest",), (),
    ...                       ("barbell",), "barbell", "beginner", False, "supine",
    ...                       Tempo(2, 0, 1, 0), (3, 12), "bench", role="main")
    >>> role_rule(bench, "main", "novice"), role_rule(bench, "main", "advanced")
    ('linear', 'rpe')
    >>> role_rule(bench, "secondary", "novice")
    'double'
    """
    if role == "main" and is_main_lift(facts):
        return "linear" if experience == "novice" else "rpe"
    return "double"


def rule_for(facts: ExerciseFacts, slot: Slot, experience: str) -> Rule:
    """The progression rule for ``slot`` of the exercise (module docstring)."""
    step = increment_kg(facts)
    if slot.rule is not None:
        return _named(slot.rule, facts, slot, step)
    if is_main_lift(facts):
        if experience == "novice":
            return LinearProgression(
                increment_kg=linear_increment_kg(facts), sets=slot.sets, reps=slot.rep_high
            )
        return RpeProgression(
            target_reps=min(slot.rep_low, 12),
            target_rpe=max(6, 10 - slot.rir),
            sets=slot.sets,
        )
    return DoubleProgression(
        rep_low=slot.rep_low, rep_high=slot.rep_high, sets=slot.sets, increment_kg=step
    )


def _named(name: str, facts: ExerciseFacts, slot: Slot, step: float) -> Rule:
    lower = facts.pattern in LOWER_PATTERNS
    if name == "linear":
        return LinearProgression(
            increment_kg=linear_increment_kg(facts), sets=slot.sets, reps=slot.rep_high
        )
    if name == "rpe":
        return RpeProgression(
            target_reps=min(slot.rep_low, 12), target_rpe=max(6, 10 - slot.rir), sets=slot.sets
        )
    if name == "double":
        return DoubleProgression(
            rep_low=slot.rep_low, rep_high=slot.rep_high, sets=slot.sets, increment_kg=step
        )
    if name == "wave531":
        return Wave531(tm_increment_kg=LOWER_INCREMENT_KG if lower else UPPER_INCREMENT_KG)
    if name == "bbb":
        return BoringButBig(
            sets=slot.sets,
            reps=slot.rep_high,
            tm_increment_kg=LOWER_INCREMENT_KG if lower else UPPER_INCREMENT_KG,
        )
    if name == "gzclp-t1":
        return GzclpT1(increment_kg=GZCLP_KG_INCREMENTS["t1-lower" if lower else "t1-upper"])
    if name == "gzclp-t2":
        return GzclpT2(increment_kg=GZCLP_KG_INCREMENTS["t2-lower" if lower else "t2-upper"])
    if name == "gzclp-t3":
        return GzclpT3(increment_kg=GZCLP_KG_INCREMENTS["t3"])
    raise ValueError(
        f"{slot.exercise}: unknown progression rule {name!r}; one of {', '.join(RULES)}"
    )
