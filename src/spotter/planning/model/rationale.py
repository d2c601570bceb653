"""Why a week looks the way it does: volume per row against targets, balance, and the reason
for each exercise; and readable session names for planned weeks.

:func:`explain_week` is the data behind ``spotter plan explain``:

* each landmarks row's weekly fractional sets against its target range (``below``, ``in``,
  ``above``), with the emphasised rows marked;
* pulling against pushing sets per plane (horizontal, vertical) with the ratio the goal asks;
* knee- against hip-dominant sets;
* per exercise: the rows it trains as a primary mover and as a secondary one, the days it is on,
  its sets, and why it is there: ``template`` (a template slot), ``favourite``, its role (main
  lift, secondary compound, accessory, trunk, carry: the catalog's ``coaching.role``), ``a
  staple`` (staple score 2 or more), and the rows below target it helps.

:func:`session_names` names a week's sessions by where their sets go. Each set counts for a
region by its exercise's pattern: lower body (knee, hip and calf patterns, hip abduction and
adduction), upper body (every other non-trunk pattern, split into push and pull by the
exercise's force), or neither (trunk patterns and carries). A session whose lower-body sets are
more than :data:`NAME_SHARE` (2/3) of its upper- and lower-body sets is ``Lower``; one whose
upper-body sets are is ``Push`` or ``Pull`` when more than :data:`SIDE_SHARE` (3/4) of those
are pushing or pulling sets, else ``Upper``; anything between is ``Full body``; a session of trunk work only is ``Core``.
Repeated names get ``A``, ``B``... in calendar order.

>>> from spotter.knowledge.model import Tempo
>>> def fx(slug, pattern, primary, force="push"):
...     return ExerciseFacts(slug, "compound", force, pattern, primary, (), (), "barbell",
...                          "beginner", False, "standing", Tempo(2, 0, 1, 0), (5, 8), slug)
>>> facts = {"squat": fx("squat", "squat", ("quads",)),
...          "bench": fx("bench", "horizontal-push", ("chest",)),
...          "row": fx("row", "horizontal-pull", ("lats",), "pull")}
>>> s = lambda ex: Slot(ex, 3, 5, 8, 2, 120)
>>> week = WeekPlan((Session("mon", (s("bench"), s("row"))), Session("wed", (s("squat"),)),
...                  Session("fri", (s("bench"), s("row")))))
>>> session_names(week, facts)
('Upper A', 'Lower', 'Upper B')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.knowledge.vocab import STAPLE_MIN
from spotter.planning.model.checks import HIP_PATTERNS, KNEE_PATTERNS
from spotter.planning.model.program import Session, Slot, WeekPlan
from spotter.planning.model.targets import TargetRange, pull_ratio
from spotter.planning.model.volume import pattern_sets, row_shares, week_row_sets
from spotter.science.volume import PRIMARY_SHARE

LEG_PATTERNS: Final[frozenset[str]] = (
    KNEE_PATTERNS
    | HIP_PATTERNS
    | {
        "plantar-flexion",
        "hip-abduction",
        "hip-adduction",
    }
)
#: Patterns whose sets count for no region (trunk work and carries).
NEUTRAL_PATTERNS: Final[frozenset[str]] = frozenset(
    {"anti-extension", "anti-rotation", "trunk-flexion", "trunk-rotation", "carry"}
)
#: How the explanation names each catalog role (``coaching.role``).
ROLE_LABELS: Final[dict[str, str]] = {
    "main": "main lift",
    "secondary": "secondary compound",
    "accessory": "accessory",
    "trunk": "trunk",
    "carry": "carry",
    "drill": "drill",
}
#: Share of a session's sets that names it after a region.
NAME_SHARE: Final[float] = 2 / 3
#: Share of an upper-body session's sets that names it ``Push`` or ``Pull``.
SIDE_SHARE: Final[float] = 3 / 4


@dataclass(frozen=True, slots=True)
class RowVolume:
    row: str
    sets: float
    low: float
    high: float
    emphasised: bool

    @property
    def status(self) -> str:
        return "below" if self.sets < self.low else "above" if self.sets > self.high else "in"


@dataclass(frozen=True, slots=True)
class PlaneBalance:
    plane: str
    pull: int
    push: int
    ratio: float

    @property
    def ok(self) -> bool:
        return self.pull >= self.ratio * self.push


@dataclass(frozen=True, slots=True)
class ExerciseReason:
    exercise: str
    days: tuple[str, ...]
    sets: int
    primary_rows: tuple[str, ...]
    secondary_rows: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WeekExplanation:
    rows: tuple[RowVolume, ...]
    planes: tuple[PlaneBalance, ...]
    knee_sets: int
    hip_sets: int
    exercises: tuple[ExerciseReason, ...]


def explain_week(
    week: WeekPlan,
    facts: Mapping[str, ExerciseFacts],
    targets: Mapping[str, TargetRange],
    goal: str,
    *,
    emphasis: Iterable[str] = (),
    favourites: Iterable[str] = (),
    template_slots: Iterable[str] = (),
) -> WeekExplanation:
    """The explanation of ``week`` (module docstring); ``template_slots`` names the exercises
    that came from a template."""
    emph, favs, fixed = set(emphasis), set(favourites), set(template_slots)
    sets = week_row_sets(week, facts)
    rows = tuple(
        RowVolume(r, sets.get(r, 0.0), t.low, t.high, r in emph) for r, t in targets.items()
    )
    below = {r.row for r in rows if r.status == "below"}
    patterns = pattern_sets(week, facts)
    ratio = pull_ratio(goal)
    planes = tuple(
        PlaneBalance(p, patterns.get(f"{p}-pull", 0), patterns.get(f"{p}-push", 0), ratio)
        for p in ("horizontal", "vertical")
    )
    knee = sum(n for p, n in patterns.items() if p in KNEE_PATTERNS)
    hip = sum(n for p, n in patterns.items() if p in HIP_PATTERNS)
    by_exercise: dict[str, list[tuple[str, Slot]]] = {}
    for s in week.sessions:
        for slot in s.slots:
            by_exercise.setdefault(slot.exercise, []).append((s.day, slot))
    out = []
    for slug, uses in by_exercise.items():
        f = facts[slug]
        shares = row_shares(f)
        prim = tuple(sorted(r for r, x in shares.items() if x >= PRIMARY_SHARE))
        sec = tuple(sorted(r for r, x in shares.items() if x < PRIMARY_SHARE))
        why = []
        if slug in fixed:
            why.append("template")
        if slug in favs:
            why.append("favourite")
        why.append(ROLE_LABELS.get(f.role, f.role))
        if f.staple >= STAPLE_MIN:
            why.append("a staple")
        helps = [r for r in prim if r in emph]
        if helps:
            why.append(f"emphasis: {', '.join(helps)}")
        short = [r for r in prim if r in below]
        if short:
            why.append(f"toward target: {', '.join(short)}")
        if not prim and sec:
            why.append(f"secondary work: {', '.join(sec)}")
        out.append(
            ExerciseReason(
                slug,
                tuple(d for d, _ in uses),
                sum(x.sets for _, x in uses),
                prim,
                sec,
                tuple(why),
            )
        )
    return WeekExplanation(rows, planes, knee, hip, tuple(out))


def _kind(session: Session, facts: Mapping[str, ExerciseFacts]) -> str:
    """The name of one session by where its sets go (module docstring).

    >>> from spotter.knowledge.model import Tempo
    >>> def fx(slug, pattern, force="pull"):
    ...     return ExerciseFacts(slug, "isolation", force, pattern, ("traps",), (), (), "barbell",
    ...                          "beginner", False, "standing", Tempo(2, 0, 1, 0), (8, 12), slug)
    >>> facts = {"rdl": fx("rdl", "hinge"), "upright": fx("upright", "shoulder-abduction"),
    ...          "pushdown": fx("pushdown", "elbow-extension", "push"),
    ...          "pullover": fx("pullover", "shoulder-extension"), "curl": fx("curl", "knee-flexion")}
    >>> day = [("rdl", 2), ("upright", 5), ("pushdown", 2), ("pullover", 5), ("curl", 5)]
    >>> _kind(Session("tue", tuple(Slot(e, n, 8, 12, 1, 60) for e, n in day)), facts)  # 12 of 19
    'Full body'
    >>> day = [("rdl", 2), ("upright", 5), ("pushdown", 2), ("pullover", 5)]
    >>> _kind(Session("tue", tuple(Slot(e, n, 8, 12, 1, 60) for e, n in day)), facts)  # 12 of 14; 10 pulling
    'Pull'
    """
    lower = upper = push = pull = neutral = 0
    for slot in session.slots:
        f = facts.get(slot.exercise)
        if f is None:
            continue
        if f.pattern in NEUTRAL_PATTERNS:
            neutral += slot.sets
        elif f.pattern in LEG_PATTERNS:
            lower += slot.sets
        else:
            upper += slot.sets
            if f.force == "push":
                push += slot.sets
            elif f.force == "pull":
                pull += slot.sets
    total = lower + upper
    if total == 0:
        return "Core" if neutral else "Session"
    if lower > NAME_SHARE * total + 1e-9:
        return "Lower"
    if upper > NAME_SHARE * total + 1e-9:
        if push > SIDE_SHARE * upper + 1e-9:
            return "Push"
        if pull > SIDE_SHARE * upper + 1e-9:
            return "Pull"
        return "Upper"
    return "Full body"


def session_names(week: WeekPlan, facts: Mapping[str, ExerciseFacts]) -> tuple[str, ...]:
    """A name for each session of ``week`` (module docstring)."""
    kinds = [_kind(s, facts) for s in week.sessions]
    seen: dict[str, int] = {}
    out = []
    for k in kinds:
        if kinds.count(k) > 1:
            out.append(f"{k} {chr(ord('A') + seen.get(k, 0))}")
            seen[k] = seen.get(k, 0) + 1
        else:
            out.append(k)
    return tuple(out)
