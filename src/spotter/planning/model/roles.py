"""What each exercise is in a coached week, and the reps and rest its role gets.

A coach writes a session as main lifts, then secondary compounds, then accessories, and trunk
work to close it. An exercise's *plan role* (:func:`plan_role`) follows its catalog role
(``coaching.role``) and the lifts the lifter can do:

* ``main`` -- a main-lift candidate (catalog role ``main``), or, for each of the four strength
  patterns (squat, hinge, horizontal and vertical press: :data:`STRENGTH_PATTERNS`), a compound of
  the best rank the lifter's pool allows (:func:`main_lifts`; with dumbbells only, the dumbbell
  bench press is the bench press). The plan review names main lifts the same way.
* ``secondary`` -- any other compound (catalog role ``main`` or ``secondary``); ``accessory`` --
  anything else but ``trunk`` and ``carry``, the catalog roles of that name (a face pull is an
  accessory). Compounds and ranks are those of the plan review
  (:mod:`spotter.planning.model.review.context`), so the planner and the review agree.

Reps and rest by role and goal (:func:`role_slot`, PLAN-RUBRIC.md items 2-3, NSCA rest
guidance: 2-5 min for strength, 30-90 s for muscular endurance):

===========  ============  ==============  ==============  =========
goal         main          secondary       accessory       trunk
===========  ============  ==============  ==============  =========
strength     3-5, 180 s    6-10, 120 s     8-12, 90 s      own, 60 s
hypertrophy  6-10, 120 s   8-12, 120 s     10-15, 60 s     own, 60 s
posture      8-12, 90 s    8-12, 90 s      12-15, 60 s     own, 60 s
general      8-12, 90 s    8-12, 90 s      12-15, 60 s     own, 60 s
===========  ============  ==============  ==============  =========

Each range is fitted to the exercise's own rep range (:func:`fit_range`). Carries rest 90 s.

>>> fit_range((3, 5), (5, 8)), fit_range((6, 10), (3, 5)), fit_range((8, 12), (12, 20))
((5, 5), (6, 8), (12, 12))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import RIR_END, Slot
from spotter.planning.model.review.context import is_compound, rank

#: The four strength lifts of PLAN-RUBRIC.md item 2, by catalog pattern.
STRENGTH_PATTERNS: Final[frozenset[str]] = frozenset(
    {"squat", "hinge", "horizontal-push", "vertical-push"}
)
#: (reps, rest seconds) by goal and role (module docstring).
ROLE_SCHEME: Final[dict[str, dict[str, tuple[tuple[int, int], int]]]] = {
    "strength": {
        "main": ((3, 5), 180),
        "secondary": ((6, 10), 120),
        "accessory": ((8, 12), 90),
    },
    "hypertrophy": {
        "main": ((6, 10), 120),
        "secondary": ((8, 12), 120),
        "accessory": ((10, 15), 60),
    },
    "posture": {
        "main": ((8, 12), 90),
        "secondary": ((8, 12), 90),
        "accessory": ((12, 15), 60),
    },
    "general": {
        "main": ((8, 12), 90),
        "secondary": ((8, 12), 90),
        "accessory": ((12, 15), 60),
    },
}
#: The window each role's reps must stay in (PLAN-RUBRIC.md item 3), by goal and role.
ROLE_WINDOW: Final[dict[str, dict[str, tuple[int, int]]]] = {
    "strength": {"main": (1, 6), "secondary": (6, 12), "accessory": (6, 12)},
    "hypertrophy": {"main": (6, 12), "secondary": (6, 12), "accessory": (8, 20)},
    "posture": {"main": (8, 15), "secondary": (8, 15), "accessory": (8, 15)},
    "general": {"main": (8, 15), "secondary": (8, 15), "accessory": (8, 15)},
}
TRUNK_REST: Final[int] = 60
CARRY_REST: Final[int] = 90
#: Widest reach when the exercise's own range lies outside the role's window.
EDGE_SPAN: Final[int] = 2


def best_ranks(pool: Iterable[ExerciseFacts]) -> dict[str, tuple[int, int]]:
    """The best rank of a compound counted in reps, for each strength pattern the pool has."""
    out: dict[str, tuple[int, int]] = {}
    for f in pool:
        if f.pattern in STRENGTH_PATTERNS and is_compound(f) and f.measure == "reps":
            out[f.pattern] = max(out.get(f.pattern, (0, 0)), rank(f))
    return out


def is_top(f: ExerciseFacts, best: dict[str, tuple[int, int]]) -> bool:
    """One of the strength lifts of the best rank the pool allows (see :func:`best_ranks`)."""
    top = best.get(f.pattern)
    return top is not None and is_compound(f) and f.measure == "reps" and rank(f) >= top


def main_lifts(pool: Iterable[ExerciseFacts]) -> frozenset[str]:
    """The exercises of ``pool`` (the lifter's usable exercises) that are main lifts (module
    docstring)."""
    pool = list(pool)
    best = best_ranks(pool)
    return frozenset(f.slug for f in pool if f.role == "main" or is_top(f, best))


def plan_role(f: ExerciseFacts, main: frozenset[str]) -> str:
    """``main``, ``secondary``, ``accessory``, ``trunk`` or ``carry`` (module docstring)."""
    if f.role in ("trunk", "carry"):
        return f.role
    if f.slug in main:
        return "main"
    return "secondary" if is_compound(f) else "accessory"


def fit_range(wanted: tuple[int, int], own: tuple[int, int]) -> tuple[int, int]:
    """``wanted`` clipped to the exercise's ``own`` range; when they do not overlap, the
    :data:`EDGE_SPAN` reps of ``wanted`` nearest to ``own``."""
    low, high = max(wanted[0], own[0]), min(wanted[1], own[1])
    if low <= high:
        return low, high
    if own[1] < wanted[0]:
        return wanted[0], min(wanted[1], wanted[0] + EDGE_SPAN)
    return max(wanted[0], wanted[1] - EDGE_SPAN), wanted[1]


def role_slot(f: ExerciseFacts, goal: str, role: str, sets: int, rir: int = RIR_END) -> Slot:
    """The slot for ``sets`` sets of ``f`` in ``role`` for ``goal`` (module docstring).

    >>> from spotter.knowledge.model import Tempo
    >>> squat = ExerciseFacts("squat", "compound", "push", "squat", ("quads",), (), (),
    ...                       "barbell", "beginner", False, "standing", Tempo(3, 0, 1, 0),
    ...                       (3, 8), "squat")
    >>> role_slot(squat, "strength", "main", 4)
    Slot(exercise='squat', sets=4, rep_low=3, rep_high=5, rir=1, rest_seconds=180)
    >>> role_slot(squat, "hypertrophy", "secondary", 3)
    Slot(exercise='squat', sets=3, rep_low=8, rep_high=8, rir=1, rest_seconds=120)
    """
    if role in ("trunk", "carry"):
        rest = TRUNK_REST if role == "trunk" else CARRY_REST
        return Slot(f.slug, sets, f.rep_range[0], f.rep_range[1], rir, rest)
    wanted, rest = ROLE_SCHEME[goal][role]
    if f.measure != "reps":
        low, high = f.rep_range
    else:
        low, high = fit_range(wanted, f.rep_range)
        window = ROLE_WINDOW[goal][role]
        low, high = fit_range((low, high), window)
    return Slot(f.slug, sets, low, high, rir, rest)
