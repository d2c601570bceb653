"""The rules a coach checks at first glance (PLAN-RUBRIC.md), as CP-SAT constraints on a
:class:`~spotter.planning.solver.model.WeekModel`.

Two families, each relaxed only when the request cannot hold it (the solver then tries without
it, and the plan review names the item that fails and why):

``coach`` -- the structure of the week:

The words (compound, staple, main lift, the six patterns, the major groups) are the plan
review's (:mod:`spotter.planning.model.review`), so that the planner and the review agree.

* every movement pattern of the six (``SIX_PATTERNS``) that the lifter's pool has a compound for gets
  a compound in the week (item 1);
* strength goal: each of the four strength lifts (:data:`~spotter.planning.model.roles.STRENGTH_PATTERNS`)
  gets a lift of the best rank the pool allows, each of :data:`MAIN_MIN_SETS` sets or more, and a
  session holds at most two of them, so that
  each is first or second in its session once :func:`~.costs.session_order` puts them first
  (item 2);
* with three or more sessions, each major group (``MAJOR_GROUPS``) is trained on two days
  or more (item 7);
* at most :data:`SESSION_HARD_SETS` hard sets (plain sets as a primary mover) per muscle row
  and session, and at most :data:`EXERCISE_WEEK_SETS` sets a week of an exercise that is
  neither a main lift nor emphasised (item 8);
* posture goal: all pulling sets (a plane's stand-in counted when the lifter can do none of its
  pulls, :func:`~spotter.planning.model.explain.plane_pulls`) at least 1.5 x all pressing sets (the planes apart are the
  ``pull-push`` family's), and an exercise with the rear delts and one with the rhomboids or middle traps as
  a primary mover (item 10);
* an anti-extension or anti-rotation exercise every week when the pool has one (item 12 and
  the README: sessions end with trunk work; a renegade row is a row, not trunk work:
  :func:`~spotter.planning.model.review.context.is_trunk_work`);
* at most one barbell main lift of each pattern in a session, not a deadlift and a sumo deadlift on
  one day (item 13): :func:`add_one_variant`, which the solver switches on for its second
  stage, searching the distance again with it when the first stage's plan breaks it (as a hard
  rule from the start it led the first stage's search to plans far from the volume targets);
* each major group worked as a primary mover by two exercises or more when the pool has two,
  and at least :data:`STAPLE_SHARE` of the sets (trunk and carries aside) on staples (item 13).

``fill`` -- each session plans at least :data:`FILL` of its minutes, and a 45-90 minute session
holds :data:`COUNT_RANGE` exercises (item 5).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.explain import plane_pulls
from spotter.planning.model.review.balance import is_staple, staple_patterns
from spotter.planning.model.review.context import (
    MAJOR_GROUPS,
    SIX_PATTERNS,
    is_barbell_main,
    is_compound,
    is_trunk_work,
)
from spotter.planning.model.roles import STRENGTH_PATTERNS, best_ranks, is_top
from spotter.planning.model.volume import primary_rows, row_shares

if TYPE_CHECKING:
    from spotter.planning.solver.model import WeekModel

STAPLE_SHARE: Final[tuple[int, int]] = (7, 10)
SESSION_HARD_SETS: Final[int] = 10
EXERCISE_WEEK_SETS: Final[int] = 10
MAIN_PER_SESSION: Final[int] = 2
#: Fewest sets of a strength lift in a session (StrongLifts and GZCLP T1 work in 3-5 sets).
MAIN_MIN_SETS: Final[int] = 3
POSTURE_PUSHES: Final[frozenset[str]] = frozenset({"horizontal-push", "vertical-push"})
RETRACTORS: Final[frozenset[str]] = frozenset({"rhomboids", "middle-traps"})
FREQUENCY_MIN_SESSIONS: Final[int] = 3
FILL: Final[float] = 0.86
COUNT_MINUTES: Final[tuple[int, int]] = (45, 90)
COUNT_RANGE: Final[tuple[int, int]] = (4, 8)


def required(pool: Mapping[str, ExerciseFacts]) -> frozenset[str]:
    """For each thing the ``coach`` family asks for by name (a compound of each of the six
    patterns, trunk work, rear-delt and scapular-retraction work), the pool's most standard
    exercise that gives it: the model's pruning keeps these, so that pruning never makes a rule
    impossible."""
    wants: list[Any] = [
        lambda f, p=patterns: f.pattern in p and is_compound(f) for patterns in SIX_PATTERNS.values()
    ]
    wants.append(is_trunk_work)
    wants.append(lambda f: "rear-delts" in f.primary)
    wants.append(lambda f: bool(set(f.primary) & RETRACTORS))
    out = set()
    for want in wants:
        have = sorted((-f.staple, f.slug) for f in pool.values() if want(f))
        if have:
            out.add(have[0][1])
    return frozenset(out)


def add_coach(built: WeekModel, pool: Mapping[str, ExerciseFacts], main: frozenset[str]) -> None:
    """The ``coach`` family (module docstring); ``pool`` is every exercise the lifter could be
    given, ``main`` the main lifts among them."""
    m = built.model
    facts = built.facts
    request = built.request
    days = built.days
    week = built.in_week
    add = built.add

    def used_on(d: str, slugs: list[str]) -> list[Any]:
        return [built.used[(d, s)] for s in slugs if (d, s) in built.used]

    # item 1: six patterns with a compound
    for patterns in SIX_PATTERNS.values():
        if not any(facts[s].pattern in patterns and is_compound(facts[s]) for s in built.slugs):
            continue
        have = [week[s] for s in built.slugs if facts[s].pattern in patterns and is_compound(facts[s])]
        add(m.Add(sum(have) >= 1), "coach")
    # item 2: the strength lifts
    if request.profile.goal == "strength":
        best = best_ranks(pool.values())
        tops = [s for s in built.slugs if is_top(facts[s], best)]
        for pattern in sorted(STRENGTH_PATTERNS & set(best)):
            have = [week[s] for s in tops if facts[s].pattern == pattern]
            add(m.Add(sum(have) >= 1), "coach")
        for k in built.cells:
            if k[1] in tops and not built.cells[k].fixed:
                add(m.Add(built.sets[k] >= MAIN_MIN_SETS * built.used[k]), "coach")
        for d in days:
            on = used_on(d, tops)
            if len(on) > MAIN_PER_SESSION:
                add(m.Add(sum(on) <= MAIN_PER_SESSION), "coach")
    built.one_variant = add_one_variant(built)
    # item 7: two days per major group
    if len(days) >= FREQUENCY_MIN_SESSIONS:
        for g, rows in MAJOR_GROUPS.items():
            hit = [s for s in built.slugs if set(row_shares(facts[s])) & rows]
            on_days = []
            for d in days:
                on = used_on(d, hit)
                if on:
                    z = m.NewBoolVar(f"freq_{g}_{d}")
                    m.Add(z <= sum(on))
                    on_days.append(z)
            add(m.Add(sum(on_days) >= 2), "coach")
    # item 8: hard sets per session, sets per exercise a week
    for d in days:
        by_row: dict[str, list[Any]] = {}
        for s in built.slugs:
            if (d, s) in built.sets:
                for r in sorted(primary_rows(facts[s])):  # a set: sorted, so the model is the same on every run
                    by_row.setdefault(r, []).append(built.sets[(d, s)])
        for terms in by_row.values():
            if len(terms) * built.max_sets > SESSION_HARD_SETS:
                add(m.Add(sum(terms) <= SESSION_HARD_SETS), "coach")
    emphasis = set(request.emphasis)
    for s in built.slugs:
        if s in main or primary_rows(facts[s]) & emphasis:
            continue
        terms = [built.sets[(d, s)] for d in days if (d, s) in built.sets]
        if len(terms) * built.max_sets > EXERCISE_WEEK_SETS:
            add(m.Add(sum(terms) <= EXERCISE_WEEK_SETS), "coach")
    # item 10 (posture): rear delts and scapular retraction
    if request.profile.goal == "posture":
        planes = plane_pulls(f.pattern for f in pool.values())
        pull_patterns = planes["horizontal"] | planes["vertical"]
        pulls: Any = sum(
            built.sets[k] for k in built.cells if facts[k[1]].pattern in pull_patterns
        )
        pushes: Any = sum(
            built.sets[k] for k in built.cells if facts[k[1]].pattern in POSTURE_PUSHES
        )
        add(m.Add(2 * pulls >= 3 * pushes), "coach")  # all pulling 1.5 x all pressing
        for want in ({"rear-delts"}, RETRACTORS):
            if any(set(facts[s].primary) & want for s in built.slugs):
                have = [week[s] for s in built.slugs if set(facts[s].primary) & want]
                add(m.Add(sum(have) >= 1), "coach")
    # item 12: trunk work
    if any(is_trunk_work(facts[s]) for s in built.slugs):
        have = [week[s] for s in built.slugs if is_trunk_work(facts[s])]
        add(m.Add(sum(have) >= 1), "coach")
    # item 13: two exercises per major group, 70 % of sets on staples
    for rows in MAJOR_GROUPS.values():
        can = sum(1 for s in built.slugs if primary_rows(facts[s]) & rows)
        have = [week[s] for s in built.slugs if primary_rows(facts[s]) & rows]
        add(m.Add(sum(have) >= min(2, can)), "coach")
    counted = [k for k, c in built.cells.items() if c.facts.role not in ("trunk", "carry")]
    total: Any = sum(built.sets[k] for k in counted)
    patterns = staple_patterns(pool)
    staple: Any = sum(built.sets[k] for k in counted if is_staple(facts[k[1]], patterns))
    num, den = STAPLE_SHARE
    add(m.Add(den * staple >= num * total), "coach")


def add_one_variant(built: WeekModel) -> Any:
    """At most one barbell main lift of each pattern in a session (module docstring, and
    :func:`~spotter.planning.model.review.context.is_barbell_main`), behind a
    literal that is returned fixed to false: the solver sets it true for its second stage."""
    lit = built.model.NewBoolVar("one_variant")
    domain = built.model.Proto().variables[lit.Index()].domain
    del domain[:]
    domain.extend([0, 0])
    for d in built.days:
        by_pattern: dict[str, list[Any]] = {}
        for s in built.slugs:
            if is_barbell_main(built.facts[s]) and (d, s) in built.used:
                by_pattern.setdefault(built.facts[s].pattern, []).append(built.used[(d, s)])
        for on in by_pattern.values():
            if len(on) > 1:
                built.model.Add(sum(on) <= 1).OnlyEnforceIf(lit)
    return lit


def add_fill(
    built: WeekModel, minutes: int, ticks_per_second: int, change: int, *, fill_time: bool = False
) -> None:
    """The ``fill`` family (module docstring)."""
    m = built.model
    low = math.ceil(FILL * minutes * 60 * ticks_per_second) + change
    for d in built.days:
        expr = built.session_ticks.get(d)
        if expr is None:
            continue
        if fill_time:
            built.add(m.Add(expr >= low), "fill")
        if COUNT_MINUTES[0] <= minutes <= COUNT_MINUTES[1]:
            n = sum(built.used[k] for k in built.cells if k[0] == d)
            built.add(m.Add(n >= COUNT_RANGE[0]), "fill")
            built.add(m.Add(n <= COUNT_RANGE[1]), "fill")
