"""The planner's second objective, the *preference cost* of a week, and the order of the
exercises in a session.

Per planned slot ``max(0, SLOT_COST + ISOLATION_COST [isolation] - FAVOURITE_BONUS [favourite]
+ suitability)`` with the exercise's :func:`~spotter.planning.model.suitability.suitability`
(level, loadability, staples); plus
:func:`~spotter.planning.model.suitability.excess_set_cost` for the sets of a small exercise
above 3; plus ``MISSING_STAPLE_COST`` (4) for each main pattern the lifter has a staple for at
their level that the balance rules allow (:func:`usable`,
:func:`~spotter.planning.model.suitability.staple_patterns`) with no staple in the week; plus
:data:`REPEAT_COST` (3) for every day an exercise is planned beyond its first, so that another
exercise of the same family (a grip or stance variant, which pays only its own slot) is
preferred to a repeat. :mod:`.model` states the same cost in CP-SAT terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.explain import balance_blocked, eligible
from spotter.planning.model.program import WeekPlan
from spotter.planning.model.request import PlanRequest
from spotter.planning.model.suitability import (
    MISSING_STAPLE_COST,
    SMALL_SET_LIMIT,
    excess_set_cost,
    is_core,
    is_staple,
    loadable_patterns,
    staple_patterns,
    suitability,
)

#: Preference costs (the second objective).
SLOT_COST: Final[int] = 1
ISOLATION_COST: Final[int] = 2
FAVOURITE_BONUS: Final[int] = 1
REPEAT_COST: Final[int] = 3


def slot_cost(f: ExerciseFacts, request: PlanRequest, loadable: frozenset[str]) -> int:
    """The preference cost of planning ``f`` once (module docstring); ``loadable`` is
    :func:`~spotter.planning.model.suitability.loadable_patterns` of the usable exercises.

    >>> from spotter.knowledge.model import Tempo
    >>> from spotter.profile import Profile
    >>> from spotter.planning.model.program import Session, Slot
    >>> f = ExerciseFacts("bench", "compound", "push", "horizontal-push", ("chest",), (), (),
    ...                   "barbell", "beginner", False, "supine", Tempo(2, 0, 1, 0), (5, 8),
    ...                   "press", staple=3)
    >>> r = PlanRequest(Profile("kg", "strength", "novice", ("mon",), 60, ()))
    >>> slot_cost(f, r, frozenset({"horizontal-push"}))  # a staple: 1 - 1
    0
    """
    p = request.profile
    cost = (
        SLOT_COST
        + (ISOLATION_COST if f.mechanic == "isolation" else 0)
        - (FAVOURITE_BONUS if f.slug in request.favourites else 0)
        + suitability(f, goal=p.goal, experience=p.experience, loadable=loadable)
    )
    return max(0, cost)


def usable(request: PlanRequest, facts: Mapping[str, ExerciseFacts]) -> list[ExerciseFacts]:
    """The eligible exercises the balance rules allow any sets of (a push needs a pull of its
    plane, knee-dominant work hip-dominant work and the reverse)."""
    pool = eligible(request, facts)
    blocked = balance_blocked(pool)
    return [f for f in pool if f.slug not in blocked]


def small_sets(f: ExerciseFacts, emphasis: tuple[str, ...]) -> bool:
    """Whether sets of ``f`` above the small-exercise limit cost (not emphasised)."""
    return excess_set_cost(f, SMALL_SET_LIMIT + 1, emphasis) > 0


def session_order(
    facts: ExerciseFacts,
    position: int = 10_000,
    main: frozenset[str] = frozenset(),
    first: frozenset[str] = frozenset(),
) -> tuple[object, ...]:
    """Sort key of an exercise in a session: main and secondary compounds, then multi-joint
    accessories (a face pull), then carries, then trunk work that is multi-joint (it ends the
    compound work), then isolation exercises; then a template's slots in their order; among each
    the exercises in ``first`` (the strength lifts of a strength plan), then the other main
    lifts (``main``), then the higher staple score; then by slug.

    >>> from spotter.knowledge.model import Tempo
    >>> def ex(slug, pattern, load, mechanic="compound", role="secondary"):
    ...     return ExerciseFacts(slug, mechanic, "push", pattern, ("chest",), (), (), load,
    ...                          "beginner", False, "standing", Tempo(2, 0, 1, 0), (5, 8), slug,
    ...                          role=role)
    >>> day = [ex("fly", "horizontal-adduction", "cable-stack", "isolation", "accessory"),
    ...        ex("face-pull", "horizontal-pull", "cable-stack", "compound", "accessory"),
    ...        ex("plank", "anti-extension", "bodyweight", role="trunk"),
    ...        ex("dip", "vertical-push", "bodyweight"), ex("bench", "horizontal-push", "barbell")]
    >>> [f.slug for f in sorted(day, key=lambda f: session_order(f, main=frozenset({"bench"})))]
    ['bench', 'dip', 'face-pull', 'plank', 'fly']
    """
    if facts.mechanic == "isolation":
        tier = 4
    elif facts.role in ("main", "secondary"):
        tier = 0
    elif facts.role == "carry":
        tier = 2
    else:  # a multi-joint accessory (a face pull), then trunk work
        tier = 3 if facts.role == "trunk" or is_core(facts) else 1
    slug = facts.slug
    return (tier, position, slug not in first, slug not in main, -facts.staple, slug)


def preference_cost(
    week: WeekPlan, facts: Mapping[str, ExerciseFacts], request: PlanRequest
) -> int:
    """The second objective of a week for ``request`` (module docstring); ``facts`` is the whole
    catalog (the usable exercises decide which patterns are loadable).

    >>> from spotter.knowledge.model import Tempo
    >>> from spotter.profile import Profile
    >>> from spotter.planning.model.program import Session, Slot
    >>> f = ExerciseFacts("curl", "isolation", "pull", "elbow-flexion", ("biceps",), (), (),
    ...                   "dumbbell", "beginner", False, "standing", Tempo(2, 0, 1, 1), (8, 15),
    ...                   "curl")
    >>> s = Slot("curl", 3, 10, 15, 1, 60)
    >>> r = PlanRequest(Profile("kg", "hypertrophy", "novice", ("mon", "thu"), 60, ()))
    >>> preference_cost(WeekPlan((Session("mon", (s,)), Session("thu", (s,)))), {"curl": f}, r)
    13
    """
    loadable = loadable_patterns(eligible(request, facts))
    planned = {slot.exercise for s in week.sessions for slot in s.slots}
    cost = MISSING_STAPLE_COST * sum(
        not any(facts[e].pattern == p and is_staple(facts[e]) for e in planned)
        for p in staple_patterns(usable(request, facts), request.profile.experience)
    )
    days: dict[str, int] = {}
    for session in week.sessions:
        for slot in session.slots:
            f = facts[slot.exercise]
            cost += slot_cost(f, request, loadable)
            cost += excess_set_cost(f, slot.sets, request.emphasis)
            days[slot.exercise] = days.get(slot.exercise, 0) + 1
    return cost + REPEAT_COST * sum(n - 1 for n in days.values())
