"""How well an exercise suits a lifter: the costs a coach would weigh, from the exercise's facts.

The planner's second objective (:func:`spotter.planning.solver.model.preference_cost`) adds
:func:`suitability` to the cost of every planned slot, and the model's pruning keeps the most
suitable exercises of each interchangeable group (:func:`unsuitable` ones are left out when the
same movement pattern has a suitable exercise). All numbers are preference-cost units (one unit
is the cost of one more slot in the week); a lower cost is better.

* **Level** -- an exercise above the lifter's level (levels beginner / intermediate / advanced
  against experience novice / intermediate / advanced) costs :data:`ABOVE_LEVEL_COST` (10) per
  level above: a novice gets a pistol squat only if nothing else can do its job.
* **Loadability** -- for the ``strength`` and ``hypertrophy`` goals, an exercise whose load
  cannot be raised in small steps (load type ``bodyweight`` or ``band``) costs
  :data:`UNLOADABLE_COST` (2), and a kettlebell one (big fixed jumps) :data:`COARSE_LOAD_COST`
  (1) -- but only when the lifter owns a :data:`LOADABLE` exercise (barbell, dumbbell, cable
  stack, machines, plates) of the same pattern: with bodyweight-only equipment there is no cost,
  since there is nothing else.
* **Outgrown** -- a bodyweight or band exercise that is ``beginner`` level, or of a pattern in
  which the body's weight is a light load for a trained lifter
  (:data:`LIGHT_BODYWEIGHT_PATTERNS`: squat, lunge, hinge, horizontal push; not pull-ups or
  dips), for an intermediate or advanced lifter costs :data:`OUTGROWN_COST` (4) more, under the same condition, whatever the goal
  (progress stalls when the load cannot grow). Such an exercise, and one above the lifter's
  level, is :func:`unsuitable`.
* **Staples** -- a compound exercise of a main pattern (:data:`MAIN_PATTERNS`: squat, hinge,
  horizontal and vertical push and pull) with a loadable load type that trains a major row (or
  the front delts, for overhead presses) as a primary mover is a staple: :data:`STAPLE_BONUS`
  (1) off. Found from the facts, not from a list of names. And a week costs
  :data:`MISSING_STAPLE_COST` (4) for each main pattern with no staple in it, when the lifter
  can do one of that pattern at their level (:func:`staple_patterns`): a coach puts a main lift
  of every pattern into the week.
* **Small exercises** -- rehab and small isolation work (the ``external-rotation`` pattern, and
  isolation exercises whose primary rows are all minor rows, :data:`MINOR_ROWS`: front delts,
  rear delts, traps, abs) costs :data:`SMALL_SET_COST` (2) per set above :data:`SMALL_SET_LIMIT`
  (3), unless one of its rows is emphasised (:func:`excess_set_cost`); the solver's model also
  caps such an exercise at 4 sets.

* **Staple score** -- the catalog's ``coaching.staple`` (3 the classic lifts, 2 their close
  variants and the other staples, 1 common accessories, 0 novelties) costs
  :data:`NOVELTY_COST` (1) per point below 3: a coach writes the bench press before a novelty
  that trains the same muscles.
* **Strength main lifts** -- for the ``strength`` goal, a main-lift candidate (catalog role
  ``main``: the squat, deadlift, bench and overhead press and their closest variants) pays no
  level cost: strength programs for novices (StrongLifts, Starting Strength) start with them.

Favourites and repeats are costed by the solver's model itself (see its module docstring).

>>> from spotter.knowledge.model import Tempo
>>> # staple score 1 (a common accessory, the default): +2 each
>>> def ex(slug, pattern, load, level="beginner", mechanic="compound", primary=("quads",)):
...     return ExerciseFacts(slug, mechanic, "push", pattern, primary, (), (), load, level,
...                          False, "standing", Tempo(2, 0, 1, 0), (8, 12), slug)
>>> squat = ex("squat", "squat", "barbell", "intermediate")
>>> air = ex("air-squat", "squat", "bodyweight")
>>> pistol = ex("pistol", "lunge", "bodyweight", "advanced")
>>> owned = loadable_patterns([squat, air, pistol])
>>> sorted(owned)
['squat']
>>> suitability(squat, goal="hypertrophy", experience="intermediate", loadable=owned)  # -1 + 2
1
>>> suitability(air, goal="hypertrophy", experience="intermediate", loadable=owned)  # 2 + 4 + 2
8
>>> suitability(air, goal="hypertrophy", experience="novice", loadable=owned)  # loadability
4
>>> suitability(air, goal="hypertrophy", experience="intermediate", loadable=frozenset())
2
>>> suitability(pistol, goal="general", experience="novice", loadable=owned)  # two levels up
22
>>> unsuitable(air, experience="intermediate", loadable=owned), unsuitable(squat, experience="novice", loadable=owned)
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.knowledge.vocab import PATTERNS, STAPLE_MAX
from spotter.planning.model.checks import MAJOR_ROWS
from spotter.planning.model.volume import primary_rows, row_shares

#: Rank of an exercise's level and of a lifter's experience (same scale).
LEVEL_RANK: Final[dict[str, int]] = {"beginner": 0, "intermediate": 1, "advanced": 2}
EXPERIENCE_RANK: Final[dict[str, int]] = {"novice": 0, "intermediate": 1, "advanced": 2}
#: Load types whose load grows in small steps.
LOADABLE: Final[frozenset[str]] = frozenset(
    {"barbell", "dumbbell", "cable-stack", "selectorized-machine", "plate-loaded-machine", "plates"}
)
#: Load types that cannot be loaded in steps at all, and those with big fixed jumps.
UNLOADABLE: Final[frozenset[str]] = frozenset({"bodyweight", "band"})
COARSE: Final[frozenset[str]] = frozenset({"kettlebell"})
#: Goals for which progressing the load matters.
LOAD_GOALS: Final[frozenset[str]] = frozenset({"strength", "hypertrophy"})
#: Patterns of the main lifts.
MAIN_PATTERNS: Final[frozenset[str]] = frozenset(
    {"squat", "hinge", "horizontal-push", "horizontal-pull", "vertical-push", "vertical-pull"}
)
#: Patterns in which the body's own weight is a light load for a trained lifter (legs and
#: hips, push-ups), unlike pull-ups and dips.
LIGHT_BODYWEIGHT_PATTERNS: Final[frozenset[str]] = frozenset(
    {"squat", "lunge", "hinge", "horizontal-push"}
)
#: Rows whose isolation work is small (a few sets go a long way), and rehab patterns.
MINOR_ROWS: Final[frozenset[str]] = frozenset({"front delts", "rear delts", "traps", "abs"})
SMALL_PATTERNS: Final[frozenset[str]] = frozenset({"external-rotation"})

ABOVE_LEVEL_COST: Final[int] = 10
UNLOADABLE_COST: Final[int] = 2
COARSE_LOAD_COST: Final[int] = 1
OUTGROWN_COST: Final[int] = 4
STAPLE_BONUS: Final[int] = 1
NOVELTY_COST: Final[int] = 1
MISSING_STAPLE_COST: Final[int] = 4
SMALL_SET_LIMIT: Final[int] = 3
SMALL_SET_COST: Final[int] = 2


def loadable_patterns(pool: Iterable[ExerciseFacts]) -> frozenset[str]:
    """The patterns for which ``pool`` (the lifter's usable exercises) holds a loadable one."""
    return frozenset(f.pattern for f in pool if f.load_type in LOADABLE)


def levels_above(facts: ExerciseFacts, experience: str) -> int:
    """How many levels the exercise is above the lifter (0 when at or below).

    >>> from spotter.knowledge.model import Tempo
    >>> f = ExerciseFacts("nordic", "isolation", "pull", "knee-flexion", ("hamstrings",), (), (),
    ...                   "bodyweight", "advanced", False, "kneeling", Tempo(3, 0, 1, 0), (3, 6),
    ...                   "generic")
    >>> levels_above(f, "novice"), levels_above(f, "intermediate"), levels_above(f, "advanced")
    (2, 1, 0)
    """
    return max(0, LEVEL_RANK.get(facts.level, 0) - EXPERIENCE_RANK.get(experience, 0))


def is_staple(facts: ExerciseFacts) -> bool:
    """A main loadable compound lift: compound, a main pattern, a loadable load type, and a major
    row (or the front delts) as a primary mover."""
    return (
        facts.mechanic == "compound"
        and facts.pattern in MAIN_PATTERNS
        and facts.load_type in LOADABLE
        and bool(primary_rows(facts) & (set(MAJOR_ROWS) | {"front delts"}))
    )


def staple_patterns(pool: Iterable[ExerciseFacts], experience: str) -> frozenset[str]:
    """The main patterns for which ``pool`` holds a staple at or below the lifter's level."""
    return frozenset(f.pattern for f in pool if is_staple(f) and levels_above(f, experience) == 0)


def is_core(facts: ExerciseFacts) -> bool:
    """A trunk exercise (a ``core`` pattern: anti-extension, anti-rotation, trunk flexion or
    rotation)."""
    pattern = PATTERNS.get(facts.pattern)
    return pattern is not None and pattern.kind == "core"


def is_small(facts: ExerciseFacts) -> bool:
    """Rehab or small isolation work (module docstring)."""
    if facts.pattern in SMALL_PATTERNS:
        return True
    pattern = PATTERNS.get(facts.pattern)
    isolation = facts.mechanic == "isolation" or (
        pattern is not None and pattern.kind == "isolation"
    )
    return isolation and primary_rows(facts) <= MINOR_ROWS


def unsuitable(facts: ExerciseFacts, *, experience: str, loadable: frozenset[str]) -> bool:
    """Above the lifter's level, or an outgrown beginner bodyweight or band exercise while a
    loadable one of its pattern is owned: left out by the pruning when the pattern has another
    exercise."""
    return levels_above(facts, experience) > 0 or _outgrown(facts, experience, loadable)


def _outgrown(facts: ExerciseFacts, experience: str, loadable: frozenset[str]) -> bool:
    return (
        (facts.level == "beginner" or facts.pattern in LIGHT_BODYWEIGHT_PATTERNS)
        and EXPERIENCE_RANK.get(experience, 0) > 0
        and facts.load_type in UNLOADABLE
        and facts.pattern in loadable
    )


def suitability(
    facts: ExerciseFacts, *, goal: str, experience: str, loadable: frozenset[str]
) -> int:
    """The cost of planning the exercise once, beyond the plain slot cost (module docstring);
    ``loadable`` is :func:`loadable_patterns` of the lifter's usable exercises. Negative for a
    staple."""
    waived = goal == "strength" and facts.role == "main"
    cost = 0 if waived else ABOVE_LEVEL_COST * levels_above(facts, experience)
    cost += NOVELTY_COST * (STAPLE_MAX - min(STAPLE_MAX, facts.staple))
    if facts.pattern in loadable:
        if goal in LOAD_GOALS and facts.load_type in UNLOADABLE:
            cost += UNLOADABLE_COST
        elif goal in LOAD_GOALS and facts.load_type in COARSE:
            cost += COARSE_LOAD_COST
        if _outgrown(facts, experience, loadable):
            cost += OUTGROWN_COST
    if is_staple(facts):
        cost -= STAPLE_BONUS
    return cost


def excess_set_cost(facts: ExerciseFacts, sets: int, emphasis: Iterable[str] = ()) -> int:
    """The cost of a small exercise's sets above :data:`SMALL_SET_LIMIT` (0 for other exercises,
    and when one of its rows is emphasised).

    >>> from spotter.knowledge.model import Tempo
    >>> f = ExerciseFacts("er", "isolation", "pull", "external-rotation", ("infraspinatus",),
    ...                   ("rear-delts",), (), "dumbbell", "beginner", False, "seated",
    ...                   Tempo(2, 0, 1, 0), (10, 15), "generic")
    >>> excess_set_cost(f, 5), excess_set_cost(f, 3), excess_set_cost(f, 5, ("rear delts",))
    (4, 0, 0)
    """
    if sets <= SMALL_SET_LIMIT or not is_small(facts):
        return 0
    if set(row_shares(facts)) & set(emphasis):
        return 0
    return SMALL_SET_COST * (sets - SMALL_SET_LIMIT)
