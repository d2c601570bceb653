"""Why a plan request cannot be met, found before solving, and how far a plan is from its targets.

The planner's hard rules (:mod:`~spotter.planning.model.checks`) can clash with the request
itself. :func:`precheck` finds the clashes that need no search, each as a
:class:`~spotter.planning.model.request.Conflict` naming the rules and what to relax:

* ``days`` -- no training day at all;
* ``template`` -- a fixed slot on a day that is not a training day, an unknown exercise, one that
  needs equipment the lifter lacks or that the lifter avoids, or the same exercise twice in a day;
* ``variety`` with ``equipment`` / ``avoid`` -- a major row (back, chest, quads, hamstrings,
  glutes) that fewer than two usable exercises train as a primary mover;
* ``variety`` with ``pull-push`` / ``knee-hip`` -- usable exercises exist, but only pushes of a
  plane with no pull to balance them (pushing needs at least as much pulling), or only knee- or
  only hip-dominant work (each needs the other within a ratio of 2);
* ``session-time`` -- not even one exercise of :data:`MIN_SETS` sets fits in a session.

Clashes that need a search (say, five major rows times two exercises do not fit in 20 minutes)
are found by the solver. Volume is soft: a plan far below its targets is still a plan, and
:func:`volume_report` says how far (the figure the CLI shows).

>>> from spotter.profile import Profile
>>> r = PlanRequest(Profile("kg", "hypertrophy", "novice", ("mon",), 60, ("mat",)))
>>> print(precheck(r, {})[0])  # an empty catalog
back must be worked by 2+ different exercises a week; your equipment and avoid list leave 0 (none) (constraints: variety). Try: add a custom exercise that trains back to the catalog
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.checks import (
    HIP_PATTERNS,
    KNEE_PATTERNS,
    MAJOR_ROWS,
    MIN_EXERCISES_PER_MAJOR_ROW,
    avoids,
)
from spotter.planning.model.program import RIR_END, Session, Slot, WeekPlan, rep_range_for
from spotter.planning.model.request import Conflict, PlanRequest
from spotter.planning.model.session_time import rest_seconds, session_seconds
from spotter.planning.model.targets import row_weights, weekly_targets
from spotter.planning.model.volume import primary_rows, row_shares, week_row_sets
from spotter.profile import WEEKDAYS

#: Fewest sets a planned exercise gets (one set is not worth the changeover).
MIN_SETS: Final[int] = 2
#: RIR of the planned (peak) week: the last accumulation week of the mesocycle.
BASE_RIR: Final[int] = RIR_END
#: The balanced planes: (pull pattern, push pattern).
PLANES: Final[dict[str, tuple[str, str]]] = {
    "horizontal": ("horizontal-pull", "horizontal-push"),
    "vertical": ("vertical-pull", "vertical-push"),
}


#: Patterns that stand in for a plane's pull when the lifter can do no exercise of that pull:
#: without a bar, cable, band or machine nothing pulls vertically, and shoulder extension from
#: overhead (the dumbbell pullover) takes the lats through the vertical pull's arc, so a coach
#: counts it as the vertical pulling that balances the overhead press.
PULL_STAND_INS: Final[dict[str, tuple[str, ...]]] = {"vertical": ("shoulder-extension",)}


def plane_pulls(patterns: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each plane, the patterns whose sets count as its pulling, given the ``patterns`` of
    the exercises the lifter can do: the plane's pull, or, when the lifter can do none, its
    stand-ins (:data:`PULL_STAND_INS`) that the lifter can do.

    >>> plane_pulls({"vertical-pull", "shoulder-extension"})["vertical"]
    frozenset({'vertical-pull'})
    >>> plane_pulls({"horizontal-pull", "shoulder-extension"})["vertical"]
    frozenset({'shoulder-extension'})
    >>> plane_pulls({"horizontal-pull"})["vertical"]
    frozenset()
    """
    have = set(patterns)
    out = {}
    for plane, (pull, _) in PLANES.items():
        if pull in have:
            out[plane] = frozenset({pull})
        else:
            out[plane] = frozenset(p for p in PULL_STAND_INS.get(plane, ()) if p in have)
    return out


def base_slot(facts: ExerciseFacts, goal: str, sets: int) -> Slot:
    """The slot the planner writes for ``sets`` sets of an exercise: the goal's rep range for its
    mechanic, the default rest for that range, RIR :data:`BASE_RIR`.

    >>> from spotter.knowledge.model import Tempo
    >>> f = ExerciseFacts("curl", "isolation", "pull", "elbow-flexion", ("biceps",), (), (),
    ...                   "dumbbell", "beginner", False, "standing", Tempo(2, 0, 1, 1), (8, 15),
    ...                   "curl")
    >>> base_slot(f, "hypertrophy", 3)
    Slot(exercise='curl', sets=3, rep_low=10, rep_high=15, rir=1, rest_seconds=60)
    """
    low, high = rep_range_for(goal, facts.mechanic, facts.rep_range)
    return Slot(facts.slug, sets, low, high, BASE_RIR, rest_seconds(low, high, goal))


def eligible(request: PlanRequest, facts: Mapping[str, ExerciseFacts]) -> list[ExerciseFacts]:
    """Exercises the request allows (owned equipment, not avoided), sorted by slug."""
    owned = frozenset(request.profile.equipment)
    return sorted(
        (
            f
            for f in facts.values()
            if all(e in owned for e in f.equipment) and avoids(f, request.avoid) is None
        ),
        key=lambda f: f.slug,
    )


def balance_blocked(pool: Iterable[ExerciseFacts]) -> dict[str, str]:
    """Slug -> why the balance rules forbid any set of it, given the other exercises in ``pool``:
    a push with no pull of its plane (nor a stand-in, :func:`plane_pulls`), knee-dominant work with no hip-dominant work or the reverse.

    >>> from spotter.knowledge.model import Tempo
    >>> def ex(slug, pattern):
    ...     return ExerciseFacts(slug, "compound", "push", pattern, ("chest",), (), (), "bodyweight",
    ...                          "beginner", False, "prone", Tempo(2, 0, 1, 1), (8, 12), "generic")
    >>> balance_blocked([ex("push-up", "horizontal-push"), ex("squat", "squat")])
    {'push-up': 'pull-push', 'squat': 'knee-hip'}
    """
    pool = list(pool)
    patterns = {f.pattern for f in pool}
    pulls = plane_pulls(patterns)
    out: dict[str, str] = {}
    for f in pool:
        for plane, (_, push) in PLANES.items():
            if f.pattern == push and not pulls[plane]:
                out[f.slug] = "pull-push"
        knee, hip = f.pattern in KNEE_PATTERNS, f.pattern in HIP_PATTERNS
        if (knee and not patterns & HIP_PATTERNS) or (hip and not patterns & KNEE_PATTERNS):
            out[f.slug] = "knee-hip"
    return out


def _equipment_advice(
    wanted: Iterable[ExerciseFacts], owned: frozenset[str], limit: int = 3
) -> str | None:
    """The equipment that unlocks the most of ``wanted`` with the fewest new items."""
    missing = [frozenset(e for e in f.equipment if e not in owned) for f in wanted]
    missing = [m for m in missing if m]
    if not missing:
        return None
    fewest = min(len(m) for m in missing)
    counts = Counter(" + ".join(sorted(m)) for m in missing if len(m) == fewest)
    best = sorted(counts, key=lambda k: (-counts[k], k))[:limit]
    return " or ".join(best)


def _template_conflicts(
    request: PlanRequest, facts: Mapping[str, ExerciseFacts], allowed: set[str]
) -> list[Conflict]:
    if request.fixed is None:
        return []
    out = []
    owned = frozenset(request.profile.equipment)
    for s in request.fixed.sessions:
        if s.day not in request.profile.training_days:
            out.append(
                Conflict(
                    ("template", "days"),
                    f"the template trains on {s.day}, which is not one of your training days",
                    f"add {s.day} to your training days, or pick a template for your days",
                )
            )
        seen: set[str] = set()
        for slot in s.slots:
            f = facts.get(slot.exercise)
            if slot.exercise in seen:
                out.append(
                    Conflict(
                        ("template", "repeat"),
                        f"the template has {slot.exercise} twice on {s.day}",
                        "merge the two slots into one",
                    )
                )
            seen.add(slot.exercise)
            if f is None:
                out.append(
                    Conflict(
                        ("template",),
                        f"the template's {slot.exercise} ({s.day}) is not in the catalog",
                        "replace it with a catalog exercise",
                    )
                )
            elif slot.exercise not in allowed:
                why = avoids(f, request.avoid)
                if why:
                    out.append(
                        Conflict(
                            ("template", "avoid"),
                            f"the template's {slot.exercise} ({s.day}) {why}",
                            f"drop {slot.exercise} from the template or from your avoid list",
                        )
                    )
                else:
                    need = ", ".join(e for e in f.equipment if e not in owned)
                    out.append(
                        Conflict(
                            ("template", "equipment"),
                            f"the template's {slot.exercise} ({s.day}) needs {need}",
                            f"add {need} to your equipment, or use another template",
                        )
                    )
    return out


def _variety_conflicts(
    request: PlanRequest, facts: Mapping[str, ExerciseFacts], pool: list[ExerciseFacts]
) -> list[Conflict]:
    owned = frozenset(request.profile.equipment)
    blocked = balance_blocked(pool)
    out = []
    for row in MAJOR_ROWS:
        trains = [f for f in pool if row in primary_rows(f)]
        usable = [f for f in trains if f.slug not in blocked]
        if len(usable) >= MIN_EXERCISES_PER_MAJOR_ROW:
            continue
        need = f"{row} must be worked by {MIN_EXERCISES_PER_MAJOR_ROW}+ different exercises a week"
        if len(trains) >= MIN_EXERCISES_PER_MAJOR_ROW:
            rules = sorted({blocked[f.slug] for f in trains if f.slug in blocked})
            names = ", ".join(f.slug for f in trains if f.slug in blocked)
            if "pull-push" in rules:
                planes = sorted(
                    plane
                    for plane, (_, push) in PLANES.items()
                    if any(f.pattern == push and f.slug in blocked for f in trains)
                )
                pulls = [
                    f
                    for f in facts.values()
                    if avoids(f, request.avoid) is None
                    and any(f.pattern == PLANES[p][0] for p in planes)
                ]
                advice = _equipment_advice(pulls, owned)
                what = " and ".join(planes)
                relax = (
                    f"add {advice} for {what} pulling"
                    if advice
                    else f"avoid fewer exercises so that a {what} pull is possible"
                )
                message = (
                    f"{need}, but {names} are {what} pushes and no {what} pull is possible "
                    f"to balance them (pulling sets must at least match pushing sets)"
                )
            else:
                has_hip = any(f.pattern in HIP_PATTERNS for f in pool)
                side, patterns = ("knee", KNEE_PATTERNS) if has_hip else ("hip", HIP_PATTERNS)
                others = [
                    f
                    for f in facts.values()
                    if f.pattern in patterns and avoids(f, request.avoid) is None
                ]
                advice = _equipment_advice(others, owned)
                relax = (
                    f"add {advice} for {side}-dominant work"
                    if advice
                    else f"avoid fewer exercises so that {side}-dominant work is possible"
                )
                message = (
                    f"{need}, but {names} cannot be balanced: knee- and hip-dominant work "
                    f"must stay within 2 to 1 of each other and one of them is impossible"
                )
            out.append(Conflict(("variety", *rules), message, relax))
            continue
        owned_train = [
            f for f in facts.values() if row in primary_rows(f) and set(f.equipment) <= owned
        ]
        free_train = [
            f for f in facts.values() if row in primary_rows(f) and avoids(f, request.avoid) is None
        ]
        rules_v: list[str] = []
        advice_parts = []
        if len(free_train) > len(trains):
            rules_v.append("equipment")
            advice = _equipment_advice(free_train, owned)
            advice_parts.append(f"add {advice} to your equipment")
        if len(owned_train) > len(trains):
            rules_v.append("avoid")
            avoided = ", ".join(sorted(f.slug for f in owned_train if f not in trains)[:3])
            advice_parts.append(f"avoid fewer muscles or exercises ({avoided} would train {row})")
        if not advice_parts:
            advice_parts.append(f"add a custom exercise that trains {row} to the catalog")
        have = ", ".join(f.slug for f in usable) or "none"
        out.append(
            Conflict(
                ("variety", *rules_v),
                f"{need}; your equipment and avoid list leave {len(usable)} ({have})",
                " or ".join(advice_parts),
            )
        )
    return out


def precheck(request: PlanRequest, facts: Mapping[str, ExerciseFacts]) -> list[Conflict]:
    """Clashes between the request and the hard rules that need no search (module docstring)."""
    profile = request.profile
    if not profile.training_days:
        return [Conflict(("days",), "there is no training day", "add a training day")]
    pool = eligible(request, facts)
    out = _template_conflicts(request, facts, {f.slug for f in pool})
    out += _variety_conflicts(request, facts, pool)
    blocked = balance_blocked(pool)
    usable = [f for f in pool if f.slug not in blocked and row_shares(f)]
    if usable:
        cheapest = min(
            session_seconds(Session("mon", (base_slot(f, profile.goal, MIN_SETS),)), facts)
            for f in usable
        )
        if cheapest > profile.minutes_per_session * 60:
            need = -(-int(cheapest) // 60)
            out.append(
                Conflict(
                    ("session-time",),
                    f"not even one exercise of {MIN_SETS} sets fits in "
                    f"{profile.minutes_per_session} minutes",
                    f"allow {need}+ minutes per session",
                )
            )
    return out


@dataclass(frozen=True, slots=True)
class VolumeGap:
    """A row whose weekly fractional sets fall outside its target range."""

    row: str
    sets: float
    low: float
    high: float
    weight: float

    @property
    def distance(self) -> float:
        """How far outside the range, in sets (unweighted)."""
        return self.low - self.sets if self.sets < self.low else self.sets - self.high


@dataclass(frozen=True, slots=True)
class VolumeReport:
    """How far a week is from the request's volume targets: the weighted distance (the
    planner's first objective) and each row outside its range."""

    distance: float
    gaps: tuple[VolumeGap, ...]


def volume_report(
    week: WeekPlan, request: PlanRequest, facts: Mapping[str, ExerciseFacts]
) -> VolumeReport:
    """The week's weighted distance from the targets and the rows outside them.

    >>> from spotter.knowledge.model import Tempo
    >>> from spotter.profile import Profile
    >>> f = ExerciseFacts("curl", "isolation", "pull", "elbow-flexion", ("biceps",), (), (),
    ...                   "dumbbell", "beginner", False, "standing", Tempo(2, 0, 1, 1), (8, 15),
    ...                   "curl")
    >>> week = WeekPlan((Session("mon", (base_slot(f, "hypertrophy", 4),)),))
    >>> r = PlanRequest(Profile("kg", "hypertrophy", "novice", ("mon",), 60, ("dumbbell",)),
    ...                 emphasis=("biceps",))
    >>> rep = volume_report(week, r, {"curl": f})
    >>> rep.gaps[1]
    VolumeGap(row='biceps', sets=4.0, low=8.0, high=20.0, weight=2.0)
    >>> rep.gaps[1].distance
    4.0
    """
    targets = weekly_targets(request.profile.goal, request.profile.experience)
    weights = row_weights(request.emphasis)
    sets = week_row_sets(week, facts)
    gaps = []
    total = 0.0
    for row in sorted(targets):
        t = targets[row]
        n = sets.get(row, 0.0)
        d = t.distance(n)
        if d > 0:
            gaps.append(VolumeGap(row, n, t.low, t.high, weights.get(row, 1.0)))
            total += weights.get(row, 1.0) * d
    return VolumeReport(total, tuple(gaps))


def weekday_order(days: Iterable[str]) -> tuple[str, ...]:
    """Days in calendar order.

    >>> weekday_order(["fri", "mon"])
    ('mon', 'fri')
    """
    return tuple(sorted(days, key=WEEKDAYS.index))
