"""Template slots filled by role: a coach writes "a squat as the main lift, a second compound
pull, a side-delt accessory, trunk work", and the catalog gives the exercise.

A role slot of a template (:class:`~spotter.planning.model.templates.TemplateSlot` with
``role``) names its role -- ``main``, ``secondary``, ``accessory`` or ``trunk`` -- and what it
trains: a movement ``pattern`` (``squat``, ``horizontal-pull``...) or a primary ``muscle``
(``side-delts``), or neither for trunk work. :func:`pick` chooses the exercise from the lifter's
pool (owned equipment, not avoided, not already in the session):

* ``main`` -- a main lift of the pattern (:func:`~spotter.planning.model.roles.main_lifts`: the
  catalog's main lift, or the best-ranked compound the equipment allows), the most classic first
  (catalog role, then staple score);
* ``secondary`` -- a compound of the pattern, the catalog's secondary compounds (the Romanian
  deadlift, the leg press) before its main lifts;
* ``accessory`` -- an accessory (catalog role ``accessory``) of the pattern or muscle;
* ``trunk`` -- trunk work, anti-extension and anti-rotation first (PLAN-RUBRIC.md item 12;
  :func:`~spotter.planning.model.review.context.is_trunk_work`: not a renegade row, which is a
  row first).

When the pool has no compound for a ``main`` or ``secondary`` slot's pattern (a home gym
without a bar or cable: no vertical pull; machines only: no hinge), the slot takes the nearest
thing a coach would use: another exercise of the pattern whatever its catalog role (the cable
pull-through for the hinge), else one of the pattern's stand-ins
(:data:`~spotter.planning.model.explain.PULL_STAND_INS`: the dumbbell pullover for the vertical
pull, which the review counts as such).

Among the candidates of a role other than ``main``, an exercise not yet in the week comes first
(each muscle worked by two exercises or more, item 13), then one at or below the lifter's
level, then a loadable one (bands and the body only when nothing loadable fits), then the most standard (staple score), then by slug. The slot's reps, rest and RIR
follow the role and the lifter's goal (:func:`~spotter.planning.model.roles.role_slot`), unless
the template gives the reps; its progression rule is the template's, or the one a coach picks
for the role (:func:`~spotter.planning.model.progression.rule_for`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.explain import PLANES, PULL_STAND_INS
from spotter.planning.model.review.context import is_compound, is_trunk_work, rank
from spotter.planning.model.roles import main_lifts
from spotter.planning.model.suitability import levels_above

#: The roles a template slot can name.
SLOT_ROLES: Final[tuple[str, ...]] = ("main", "secondary", "accessory", "trunk")
#: Load types a coach leaves for when nothing loadable trains the slot.
UNLOADED: Final[frozenset[str]] = frozenset({"band", "bodyweight"})


def fits(f: ExerciseFacts, role: str, pattern: str | None, muscle: str | None) -> bool:
    """Whether ``f`` can fill a slot of ``role`` for ``pattern`` or ``muscle`` (module
    docstring; the ``main`` role is narrowed further by :func:`pick`)."""
    if pattern is not None and f.pattern != pattern:
        return False
    if muscle is not None and muscle not in f.primary:
        return False
    if role in ("main", "secondary"):
        return is_compound(f) and f.measure == "reps"
    return f.role == role


def pick(
    role: str,
    pattern: str | None,
    muscle: str | None,
    pool: Iterable[ExerciseFacts],
    *,
    experience: str,
    in_session: frozenset[str] = frozenset(),
    in_week: Mapping[str, int] | None = None,
) -> ExerciseFacts | None:
    """The exercise for a role slot (module docstring), or None when the pool has none.

    >>> from spotter.knowledge.model import Tempo
    >>> def ex(slug, pattern, role, staple, primary=("quads",)):
    ...     return ExerciseFacts(slug, "compound", "push", pattern, primary, (), (), "barbell",
    ...                          "beginner", False, "standing", Tempo(2, 0, 1, 0), (5, 12), slug,
    ...                          role=role, staple=staple)
    >>> pool = [ex("back-squat", "squat", "main", 3), ex("leg-press", "squat", "secondary", 2),
    ...         ex("hack-squat", "squat", "secondary", 2)]
    >>> pick("main", "squat", None, pool, experience="novice").slug
    'back-squat'
    >>> pick("secondary", "squat", None, pool, experience="novice",
    ...      in_week={"back-squat": 1}).slug
    'hack-squat'
    """
    pool = list(pool)
    used = in_week or {}
    candidates = [
        f for f in pool if f.slug not in in_session and fits(f, role, pattern, muscle)
    ]
    if not candidates and role in ("main", "secondary") and pattern is not None:
        candidates = _nearest(pattern, muscle, pool, in_session)
    loaded = any(f.load_type not in UNLOADED for f in candidates)
    if role == "main":
        main = main_lifts(pool)
        lifts = [f for f in candidates if f.slug in main]
        candidates = lifts or candidates
        candidates.sort(key=lambda f: (_neg(rank(f)), levels_above(f, experience), f.slug))
    else:
        candidates.sort(
            key=lambda f: (
                used.get(f.slug, 0),
                role == "secondary" and f.role != "secondary",
                role == "trunk" and not is_trunk_work(f),
                levels_above(f, experience),
                f.load_type in UNLOADED and loaded,
                _neg(rank(f)),
                f.slug,
            )
        )
    return candidates[0] if candidates else None


def _nearest(
    pattern: str, muscle: str | None, pool: Iterable[ExerciseFacts], in_session: frozenset[str]
) -> list[ExerciseFacts]:
    """Stand-ins for a compound slot the pool has no compound for (module docstring): the
    pattern's other exercises, else those of its stand-in patterns."""
    stand_ins = {
        p for plane, (pull, _) in PLANES.items() if pull == pattern
        for p in PULL_STAND_INS.get(plane, ())
    }  # fmt: skip
    usable = [
        f
        for f in pool
        if f.slug not in in_session
        and f.measure == "reps"
        and f.role not in ("trunk", "carry", "drill")
        and (muscle is None or muscle in f.primary)
    ]
    own = [f for f in usable if f.pattern == pattern]
    return own or [f for f in usable if f.pattern in stand_ins]


def _neg(r: tuple[int, int]) -> tuple[int, int]:
    return (-r[0], -r[1])
