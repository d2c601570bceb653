"""Which exercises the week model considers: the pruning that keeps its search small.

With ``per_class`` set, :func:`prune` first leaves out the
:func:`~spotter.planning.model.suitability.unsuitable` exercises (above the lifter's level, or
outgrown bodyweight ones while a loadable one of the pattern is owned) whose pattern keeps
another exercise, then cuts each group of *interchangeable* exercises (same row shares, balance
class, mechanic and favourite status: :func:`class_key`) to its ``per_class`` most suitable:
lowest slot cost (:func:`~spotter.planning.solver.costs.slot_cost`), then fastest, then by
slug.
"""

from __future__ import annotations

import math
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.checks import HIP_PATTERNS, KNEE_PATTERNS
from spotter.planning.model.explain import MIN_SETS, PLANES
from spotter.planning.model.program import Slot
from spotter.planning.model.request import PlanRequest
from spotter.planning.model.roles import plan_role, role_slot
from spotter.planning.model.session_time import work_seconds
from spotter.planning.model.suitability import unsuitable
from spotter.planning.model.volume import row_shares
from spotter.planning.solver.costs import slot_cost

#: Time unit of the model: hundredths of a second.
TICKS_PER_SECOND: Final[int] = 100


def slot_ticks(slot: Slot, facts: ExerciseFacts) -> int:
    """Ticks one set of ``slot`` takes (work + rest), rounded up.

    >>> from spotter.knowledge.model import Tempo
    >>> f = ExerciseFacts("row", "compound", "pull", "horizontal-pull", ("lats",), (), (),
    ...                   "dumbbell", "beginner", True, "bent-over", Tempo(2, 0, 1, 1), (8, 12),
    ...                   "row")
    >>> slot_ticks(Slot("row", 3, 8, 12, 2, 90), f)  # 80 s work + 90 s rest
    17000
    """
    return math.ceil((work_seconds(slot, facts) + slot.rest_seconds) * TICKS_PER_SECOND - 1e-6)


def pattern_class(pattern: str) -> str:
    for plane, (pull, push) in PLANES.items():
        if pattern == pull:
            return f"{plane}-pull"
        if pattern == push:
            return f"{plane}-push"
    if pattern in KNEE_PATTERNS:
        return "knee"
    if pattern in HIP_PATTERNS:
        return "hip"
    return ""


def class_key(f: ExerciseFacts, favourites: frozenset[str]) -> tuple[object, ...]:
    """What the model sees of an exercise besides its time and suitability: exercises with
    equal keys are interchangeable for the hard rules and the distance."""
    return (
        tuple(sorted(row_shares(f).items())),
        pattern_class(f.pattern),
        f.mechanic,
        f.slug in favourites,
    )


def prune(
    pool: list[ExerciseFacts],
    request: PlanRequest,
    loadable: frozenset[str],
    per_class: int | None,
    *,
    keep: frozenset[str] = frozenset(),
    per_pattern: int | None = None,
) -> list[ExerciseFacts]:
    """``pool`` pruned as the module docstring says (unchanged when ``per_class`` is None),
    sorted by slug; the exercises in ``keep`` (the main lifts) are never left out."""
    if per_class is None:
        return pool
    goal, experience = request.profile.goal, request.profile.experience
    bad = {
        f.slug
        for f in pool
        if f.slug not in keep and unsuitable(f, experience=experience, loadable=loadable)
    }
    kept = {f.pattern for f in pool if f.slug not in bad}
    pool = [f for f in pool if f.slug not in bad or f.pattern not in kept]
    groups: dict[tuple[object, ...], list[ExerciseFacts]] = {}
    for f in pool:
        groups.setdefault(class_key(f, request.favourites), []).append(f)
    rank = {
        f.slug: (
            slot_cost(f, request, loadable),
            slot_ticks(role_slot(f, goal, plan_role(f, keep), MIN_SETS), f),
            f.slug,
        )
        for f in pool
    }
    chosen: set[str] = {
        f.slug
        for members in groups.values()
        for f in sorted(members, key=lambda f: rank[f.slug])[:per_class]
    }
    if per_pattern is not None:
        by_pattern: dict[str, list[ExerciseFacts]] = {}
        for f in pool:
            if f.slug in chosen:
                by_pattern.setdefault(f.pattern, []).append(f)
        chosen = {
            f.slug
            for members in by_pattern.values()
            for f in sorted(members, key=lambda f: rank[f.slug])[:per_pattern]
        }
    return sorted((f for f in pool if f.slug in chosen or f.slug in keep), key=lambda f: f.slug)
