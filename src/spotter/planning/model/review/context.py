"""What the plan review reads, what it returns, and the classifications its checks share.

The review is pure: a :class:`ReviewInput` (the week, the facts of the catalog the planner could
draw from, the lifter's profile and wishes) goes in, :class:`ItemResult` values come out. Words
the checks share are defined once here:

* **pool** -- the exercises the lifter could be given (:func:`pool`): every equipment item
  owned, not avoided (the exercise or a muscle it trains), not a drill (role ``drill``:
  balance, plyometric, stretching and technique work), and not imported from an outside
  database unless the lifter opted in. "What the equipment allows" in the rubric is this pool.
* **compound** -- an exercise whose catalog role is ``main`` or ``secondary``
  (:func:`is_compound`); a face pull is an accessory, however many joints move. **trunk** and
  **carry** are the catalog roles of that name.
* **rank** -- how close an exercise is to the classic lift of its pattern: ``(role is main,
  staple)``, so a main-lift candidate outranks any other, then the more standard one.
* **main lifts** (:func:`main_lifts`) -- the exercises of the week a coach would treat as main
  lifts: those whose catalog role is ``main``, and for each strength pattern
  (:data:`STRENGTH_PATTERNS`) the planned exercises of the best rank the pool allows (with
  dumbbells only, the dumbbell bench press is the bench press).
* **hard sets** of a muscle group in a session -- plain working sets of exercises that train it
  as a primary mover (the rubric counts hard sets per session, fractional sets per week).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import Mesocycle, Session, WeekPlan
from spotter.planning.model.targets import TargetRange
from spotter.planning.model.volume import primary_rows
from spotter.profile import Profile

Status = Literal["passed", "failed", "not-applicable"]

#: The rubric's four strength lifts by pattern, with the name a coach uses.
STRENGTH_PATTERNS: Final[dict[str, str]] = {
    "squat": "squat",
    "hinge": "deadlift (hinge)",
    "horizontal-push": "bench press",
    "vertical-push": "overhead press",
}
#: The six movement patterns of rubric item 1, each a set of catalog patterns.
SIX_PATTERNS: Final[dict[str, frozenset[str]]] = {
    "knee-dominant": frozenset({"squat", "lunge"}),
    "hip-dominant": frozenset({"hinge"}),
    "horizontal press": frozenset({"horizontal-push"}),
    "vertical press": frozenset({"vertical-push"}),
    "horizontal pull": frozenset({"horizontal-pull"}),
    "vertical pull": frozenset({"vertical-pull"}),
}
#: Major muscle groups (rubric items 7 and 13) as sets of landmarks rows.
MAJOR_GROUPS: Final[dict[str, frozenset[str]]] = {
    "chest": frozenset({"chest"}),
    "back": frozenset({"back"}),
    "quads": frozenset({"quads"}),
    "hamstrings/glutes": frozenset({"hamstrings", "glutes"}),
    "shoulders": frozenset({"front delts", "side delts", "rear delts"}),
}
#: Patterns whose compounds are staples' close variants (rubric item 13's list).
STAPLE_PATTERNS: Final[frozenset[str]] = frozenset(
    {
        "squat",
        "hinge",
        "lunge",
        "horizontal-push",
        "vertical-push",
        "horizontal-pull",
        "vertical-pull",
        "hip-extension",
    }
)
#: Patterns of the trunk work rubric item 12 asks for.
TRUNK_PATTERNS: Final[frozenset[str]] = frozenset({"anti-extension", "anti-rotation"})
#: Rows whose work as a primary mover makes an exercise a row or a press before anything else:
#: a renegade row braces the trunk against rotation, but a coach counts it as a row.
PULL_PUSH_ROWS: Final[frozenset[str]] = frozenset(
    {"back", "chest", "front delts", "side delts", "rear delts"}
)
#: Staple score from which an exercise is a staple (the catalog's 0-3 scale).
STAPLE_MIN: Final[int] = 2
EPS: Final[float] = 1e-9


@dataclass(frozen=True, slots=True)
class ReviewInput:
    """Everything the review reads.

    ``week`` is a normal (not deload) week, usually the mesocycle's peak; ``facts`` holds at least
    every exercise the week names, and ideally the whole catalog (the pool "the equipment
    allows" is drawn from it). ``names`` are the session names in week order (empty: not
    checked). ``load_sources`` says where each exercise's first load comes from (``log``,
    ``calibration``, ``bodyweight`` or ``guess``); None when not known.
    """

    week: WeekPlan
    facts: Mapping[str, ExerciseFacts]
    profile: Profile
    names: tuple[str, ...] = ()
    emphasis: tuple[str, ...] = ()
    avoid: frozenset[str] = field(default_factory=frozenset)
    imported_ok: bool = False
    mesocycle: Mesocycle | None = None
    targets: Mapping[str, TargetRange] | None = None
    load_sources: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One rubric item: ``passed``, ``failed`` or ``not-applicable``, and why.

    ``reason`` is one sentence a lifter can read; ``details`` lists each finding (a failure's
    day, muscle or exercise). ``cannot_hold`` is set on a failure the request itself rules out
    (one 20-minute day cannot cover six patterns): what in the request makes it impossible.
    """

    number: int
    key: str
    title: str
    status: Status
    reason: str
    details: tuple[str, ...] = ()
    cannot_hold: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "key": self.key,
            "title": self.title,
            "status": self.status,
            "reason": self.reason,
            "details": list(self.details),
            "cannot_hold": self.cannot_hold,
        }


def passed(number: int, key: str, title: str, reason: str) -> ItemResult:
    return ItemResult(number, key, title, "passed", reason)


def not_applicable(number: int, key: str, title: str, reason: str) -> ItemResult:
    return ItemResult(number, key, title, "not-applicable", reason)


def failed(
    number: int,
    key: str,
    title: str,
    details: list[str],
    *,
    cannot_hold: str | None = None,
) -> ItemResult:
    reason = details[0] if len(details) == 1 else f"{details[0]} (and {len(details) - 1} more)"
    return ItemResult(number, key, title, "failed", reason, tuple(details), cannot_hold)


def fmt(x: float) -> str:
    """A number of sets or minutes as a person writes it.

    >>> fmt(3.0), fmt(2.5), fmt(1 / 3)
    ('3', '2.5', '0.33')
    """
    return f"{round(x, 2):g}"


def is_trunk_or_carry(f: ExerciseFacts) -> bool:
    return f.role in ("trunk", "carry")


def is_barbell_main(f: ExerciseFacts) -> bool:
    """A barbell main lift (catalog role ``main``, barbell-loaded): two of one pattern in a
    session are two variants of one main lift, such as a deadlift and a sumo deadlift (a
    chin-up and a pull-up on one day are not what a coach objects to)."""
    return f.role == "main" and f.load_type == "barbell"


def is_trunk_work(f: ExerciseFacts) -> bool:
    """The anti-extension or anti-rotation work of rubric item 12: a trunk pattern
    (:data:`TRUNK_PATTERNS`) that is not a row or a press first (:data:`PULL_PUSH_ROWS` as a
    primary mover: the renegade row)."""
    return f.pattern in TRUNK_PATTERNS and not primary_rows(f) & PULL_PUSH_ROWS


def is_compound(f: ExerciseFacts) -> bool:
    """A main or secondary compound: the catalog roles ``main`` and ``secondary``. Trunk work,
    carries and multi-joint accessories (a face pull) are not what a coach counts as the
    week's compounds."""
    return f.role in ("main", "secondary")


def rank(f: ExerciseFacts) -> tuple[int, int]:
    """How close to the classic lift of its pattern (module docstring)."""
    return (1 if f.role == "main" else 0, f.staple)


def avoided(f: ExerciseFacts, avoid: frozenset[str]) -> bool:
    return f.slug in avoid or bool(set(f.primary + f.secondary) & avoid)


def pool(inp: ReviewInput) -> dict[str, ExerciseFacts]:
    """The exercises the lifter could be given (module docstring)."""
    owned = frozenset(inp.profile.equipment)
    return {
        slug: f
        for slug, f in inp.facts.items()
        if set(f.equipment) <= owned
        and not avoided(f, inp.avoid)
        and f.role != "drill"
        and (inp.imported_ok or not f.imported)
    }


def best_rank(candidates: Mapping[str, ExerciseFacts], pattern: str) -> tuple[int, int] | None:
    """The best rank of a compound counted in reps of ``pattern`` in ``candidates``."""
    ranks = [
        rank(f)
        for f in candidates.values()
        if f.pattern == pattern and is_compound(f) and f.measure == "reps"
    ]
    return max(ranks) if ranks else None


def week_slugs(week: WeekPlan) -> list[str]:
    """The exercises of the week, each once, in order of first appearance."""
    return list(dict.fromkeys(x.exercise for s in week.sessions for x in s.slots))


def main_lifts(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> frozenset[str]:
    """The week's main lifts (module docstring)."""
    out = set()
    best = {p: best_rank(available, p) for p in STRENGTH_PATTERNS}
    for slug in week_slugs(inp.week):
        f = inp.facts[slug]
        top = best.get(f.pattern)
        if f.role == "main" or (top is not None and is_compound(f) and rank(f) >= top):
            out.add(slug)
    return frozenset(out)


def hard_sets(session: Session, facts: Mapping[str, ExerciseFacts]) -> dict[str, int]:
    """Hard sets per landmarks row in one session (module docstring)."""
    out: dict[str, int] = {}
    for x in session.slots:
        for row in primary_rows(facts[x.exercise]):
            out[row] = out.get(row, 0) + x.sets
    return out


def week_roles(inp: ReviewInput) -> dict[str, str]:
    """What each exercise of the week is in it: ``main`` (one of :func:`main_lifts`),
    ``secondary`` (another compound), ``accessory``, ``trunk`` or ``carry``."""
    main = main_lifts(inp, pool(inp))
    out = {}
    for slug in week_slugs(inp.week):
        f = inp.facts[slug]
        if is_trunk_or_carry(f):
            out[slug] = f.role
        elif slug in main:
            out[slug] = "main"
        else:
            out[slug] = "secondary" if is_compound(f) else "accessory"
    return out
