"""The week planner's CP-SAT model (OR-Tools, imported only when a model is built).

Variables, for each training day ``d`` and each candidate exercise ``e`` (owned equipment, not
avoided, see :func:`~spotter.planning.model.explain.eligible`): a boolean ``used[d, e]`` and the
sets ``sets[d, e]`` in ``{0} U [MIN_SETS, max_sets]`` (0 exactly when unused). A template's
slots (``request.fixed``) are pinned to their day and sets, with their own reps and rest.

Hard constraints (the rules of :mod:`~spotter.planning.model.checks` except volume), in integer
arithmetic so that :func:`~spotter.planning.model.checks.check_week` agrees:

* ``session-time`` -- sum of ``sets x per-set time`` plus a changeover per exercise after the
  first, in hundredths of a second, each exercise's per-set time (work + rest, as
  :mod:`~spotter.planning.model.session_time` computes it) rounded up: never over the minutes.
* ``recovery`` -- per row, day and the next calendar training day (sunday to monday included):
  not both at ``HARD_DAY_SETS`` or more (fractional sets are counted in half sets).
* ``staples`` (with ``staples=True``, the default solver's first try) -- each main pattern
  with a staple at the lifter's level among the candidates (a loadable main compound, see
  :func:`~spotter.planning.model.suitability.is_staple`) gets one in the week; the solver
  drops this rule when the request cannot be met with it.
* ``small`` -- a small exercise (rehab or minor-row isolation, see
  :func:`~spotter.planning.model.suitability.is_small`) gets at most 4 sets unless one of its
  rows is emphasised (a template's slot keeps its sets).
* ``session-cap`` (hard sets per row and session: plain sets as a primary mover, as the
  review counts them; and no row above its MRV in the week: fractional sets, as the review
  counts those; a template's pinned sets may raise the cap to theirs),
  ``pull-push`` (plain sets, ratio as a fraction; a plane's pull or, when the
  lifter can do none, its stand-in: :func:`~spotter.planning.model.explain.plane_pulls`), ``knee-hip``, ``variety``
  (each major row by 2+ different exercises in the week); ``repeat``, ``equipment``, ``days`` and
  ``avoid`` hold by construction, ``order`` by sorting each day after solving
  (:func:`.costs.session_order`: compounds first, main lifts first, trunk work last).

Objectives (solved one after the other by :mod:`.cpsat`): first the weighted distance from the
volume targets (:func:`~spotter.planning.model.volume.target_distance`, emphasised rows count
``EMPHASIS_WEIGHT`` times); then the preference cost of :mod:`.costs` (per-slot costs, a small
exercise's sets above 3, missing staples, repeats), which :func:`.costs.preference_cost` computes
for a finished week.

Keeping the search small without losing good plans:

* exercises that no row counts and that cannot help a balance rule are left out;
* with pruning on (``per_class`` set, :func:`.pool.prune`), :func:`~spotter.planning.model.suitability.unsuitable`
  exercises (above the lifter's level, or outgrown bodyweight ones while a loadable one of the
  pattern is owned) are left out when their pattern keeps another exercise;
* *interchangeable* exercises (same row shares, balance class, mechanic and favourite status)
  are cut to the ``per_class`` most suitable (lowest suitability cost, then fastest; 2 by
  default: enough for variety; ``None`` keeps all);
* among interchangeable ones of equal suitability a faster one is planned whenever a slower
  one is, and training days with no training day beside them (interchangeable for the recovery rule) get sessions that
  shorten through the week -- both only remove plans that have an equally good twin.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.checks import (
    KNEE_HIP_MAX_RATIO,
    MAJOR_ROWS,
    MIN_EXERCISES_PER_MAJOR_ROW,
)
from spotter.planning.model.explain import (
    MIN_SETS,
    PLANES,
    balance_blocked,
    eligible,
    plane_pulls,
    weekday_order,
)
from spotter.planning.model.program import Session, Slot, WeekPlan
from spotter.planning.model.request import PlanRequest
from spotter.planning.model.roles import best_ranks, is_top, main_lifts, plan_role, role_slot
from spotter.planning.model.session_time import CHANGEOVER_SECONDS
from spotter.planning.model.suitability import (
    MISSING_STAPLE_COST,
    SMALL_SET_COST,
    SMALL_SET_LIMIT,
    is_staple,
    levels_above,
    loadable_patterns,
    staple_patterns,
)
from spotter.planning.model.targets import (
    HARD_DAY_SETS,
    SESSION_CAP,
    pull_ratio,
    row_weights,
    weekly_targets,
)
from spotter.planning.model.volume import primary_rows, row_shares
from spotter.planning.solver.coach import add_coach, add_fill, required
from spotter.planning.solver.costs import (
    REPEAT_COST,
    session_order,
    slot_cost,
    small_sets,
    usable,
)
from spotter.planning.solver.ortools_import import import_cp_model
from spotter.planning.solver.pool import (
    TICKS_PER_SECOND,
    class_key,
    pattern_class,
    prune,
    slot_ticks,
)
from spotter.planning.solver.split import add_split, allowed, day_kinds, region
from spotter.profile import WEEKDAYS
from spotter.science.volume import LANDMARKS_2017

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

import_cp_model()  # before any "from ortools.sat.python import cp_model"

#: Scale of the row weights in the integer objective.
WEIGHT_SCALE: Final[int] = 100
#: The constraint families that can be relaxed to explain an infeasible request.
FAMILIES: Final[tuple[str, ...]] = (
    "session-time",
    "recovery",
    "session-cap",
    "pull-push",
    "knee-hip",
    "variety",
    "template",
    "coach",
    "fill",
)
#: The families every plan keeps; ``coach`` and ``fill`` are dropped when a request cannot hold
#: them (the plan review then names what fails and why).
BASE_FAMILIES: Final[tuple[str, ...]] = tuple(f for f in FAMILIES if f not in ("coach", "fill"))


def _half_sets(share: float) -> int:
    doubled = share * 2
    if abs(doubled - round(doubled)) > 1e-9:
        raise ValueError(f"row share {share} is not a multiple of half a set")
    return round(doubled)


def _ratio(x: float) -> Fraction:
    return Fraction(str(x)).limit_denominator(1000)


def _neighbours(day: str, days: tuple[str, ...]) -> bool:
    """Whether a training day is the calendar day before or after ``day``.

    >>> _neighbours("mon", ("mon", "sun")), _neighbours("mon", ("mon", "wed"))
    (True, False)
    """
    i = WEEKDAYS.index(day)
    return any((WEEKDAYS.index(d) - i) % 7 in (1, 6) for d in days)


@dataclass(frozen=True, slots=True)
class _Cell:
    """One (day, exercise) pair of the model."""

    day: str
    facts: ExerciseFacts
    slot: Slot  # the slot written when used (its sets are replaced by the solved sets)
    ticks: int
    fixed: int  # pinned sets from the template, 0 if free
    order: int  # position in the template, or a large number


class WeekModel:
    """The CP-SAT model of one request; ``families`` are enforced through literals when
    ``explain`` is set (to read the clashing ones), and may leave some out entirely."""

    def __init__(
        self,
        request: PlanRequest,
        facts: Mapping[str, ExerciseFacts],
        *,
        max_sets: int,
        days: tuple[str, ...] | None = None,
        families: tuple[str, ...] = FAMILIES,
        explain: bool = False,
        minutes: int | None = None,
        per_class: int | None = None,
        staples: bool = False,
        per_pattern: int | None = None,
    ) -> None:
        from ortools.sat.python import cp_model

        self.per_class = per_class
        self.per_pattern = per_pattern
        self.max_sets = max_sets
        self.model = cp_model.CpModel()  # type: ignore[no-untyped-call]
        self.request = request
        profile = request.profile
        self.days = weekday_order(days if days is not None else profile.training_days)
        self.explain = explain
        self.lits: dict[str, cp_model.IntVar] = {}
        for fam in families:
            if explain:
                self.lits[fam] = self.model.NewBoolVar(fam)
        self.families = families
        self.all_facts = facts
        self.pool = {f.slug: f for f in eligible(request, facts) if f.role != "drill"}
        self.kinds = (
            day_kinds(self.days)
            if "coach" in families and request.fixed is None
            else dict.fromkeys(self.days, "full")
        )
        self.main = main_lifts(self.pool.values())
        best = best_ranks(self.pool.values())
        self.first = (
            frozenset(s for s, f in self.pool.items() if is_top(f, best))
            if profile.goal == "strength"
            else frozenset()
        )
        self.loadable = loadable_patterns(self.pool.values())
        self.cells = self._cells(facts, max_sets)
        m = self.model
        self.used: dict[tuple[str, str], cp_model.IntVar] = {}
        self.sets: dict[tuple[str, str], cp_model.IntVar] = {}
        self.top: dict[tuple[str, str], int] = {}
        self.shares = {c.facts.slug: row_shares(c.facts) for c in self.cells.values()}
        for key, c in self.cells.items():
            cap = max_sets
            if small_sets(c.facts, request.emphasis):
                cap = min(cap, SMALL_SET_LIMIT + 1)
            top = max(cap, c.fixed)
            self.top[key] = top
            used = m.NewBoolVar(f"used_{key[0]}_{key[1]}")
            sets = m.NewIntVarFromDomain(
                cp_model.Domain.FromIntervals([[0, 0], [min(MIN_SETS, c.fixed or MIN_SETS), top]]),
                f"sets_{key[0]}_{key[1]}",
            )
            m.Add(sets <= top * used)
            m.Add(sets >= used)
            self.used[key] = used
            self.sets[key] = sets
            if c.fixed:
                self._add(m.Add(sets == c.fixed), "template")
            else:
                m.Add(sets >= MIN_SETS * used)
        self.slugs = sorted({c.facts.slug for c in self.cells.values()})
        self.facts = {c.facts.slug: c.facts for c in self.cells.values()}
        self.in_week: dict[str, cp_model.IntVar] = {}
        for slug in self.slugs:
            w = m.NewBoolVar(f"week_{slug}")
            day_used = [self.used[(d, slug)] for d in self.days if (d, slug) in self.used]
            for u in day_used:
                m.Add(w >= u)
            m.Add(w <= sum(day_used))
            self.in_week[slug] = w
        self._symmetry()
        self.session_ticks: dict[str, Any] = {}
        self.one_variant: Any = None
        self._time(minutes if minutes is not None else profile.minutes_per_session)
        self._rows(profile.experience)
        self._balance(pull_ratio(profile.goal))
        self._variety()
        if staples:
            self._staples()
        if self._on("coach"):
            add_coach(self, self.pool, self.main)
            if request.fixed is None:
                add_split(self, self.kinds)
        if self._on("fill"):
            add_fill(
                self,
                minutes if minutes is not None else profile.minutes_per_session,
                TICKS_PER_SECOND,
                CHANGEOVER_SECONDS * TICKS_PER_SECOND,
            )
        self._objective(profile.goal, profile.experience)

    # -- building -------------------------------------------------------------------------

    def _symmetry(self) -> None:
        """Interchangeable exercises (same row shares, balance class, mechanic, favourite
        status, slot cost and small-exercise status, not in the template): a faster one is planned in the week whenever a slower
        one is, and of two equally fast ones the first by slug is planned on at least as many
        days. Both only remove plans that have an equally good twin (swap the two)."""
        fixed = {k[1] for k, c in self.cells.items() if c.fixed}
        groups: dict[tuple[object, ...], list[str]] = {}
        for slug in self.slugs:
            if slug in fixed:
                continue
            groups.setdefault(class_key(self.facts[slug], self.request.favourites), []).append(slug)
        ticks = {k[1]: c.ticks for k, c in self.cells.items()}
        for key in list(groups):  # split by suitability: only equal costs are interchangeable
            for slug in groups.pop(key):
                f = self.facts[slug]
                cost = slot_cost(f, self.request, self.loadable)
                small = small_sets(f, self.request.emphasis)
                groups.setdefault((*key, cost, small, region(f)), []).append(slug)
        for members in groups.values():
            members.sort(key=lambda s: (ticks[s], s))
            for a, b in itertools.pairwise(members):
                self.model.Add(self.in_week[a] >= self.in_week[b])
                if ticks[a] == ticks[b]:
                    self.model.Add(
                        sum(self.used[(d, a)] for d in self.days if (d, a) in self.used)
                        >= sum(self.used[(d, b)] for d in self.days if (d, b) in self.used)
                    )

    def add(self, ct: Any, family: str) -> None:
        """Add ``ct`` as part of ``family`` (behind its literal when explaining)."""
        self._add(ct, family)

    def _add(self, ct: Any, family: str) -> None:
        if self.explain and family in self.lits:
            ct.OnlyEnforceIf(self.lits[family])

    def _on(self, family: str) -> bool:
        return family in self.families

    def _cells(
        self, facts: Mapping[str, ExerciseFacts], max_sets: int
    ) -> dict[tuple[str, str], _Cell]:
        request = self.request
        goal = request.profile.goal
        pool = list(self.pool.values())
        # A plane with no pull at all cannot be balanced: its presses stay (a coach still
        # writes an overhead press for a lifter with no pull-up bar) and the plan review says
        # why that plane's balance cannot hold.
        blocked = {s: why for s, why in balance_blocked(pool).items() if why != "pull-push"}
        pool = [
            f
            for f in pool
            if f.slug not in blocked
            and (
                row_shares(f)
                or pattern_class(f.pattern) not in ("", "horizontal-push", "vertical-push")
            )
        ]
        pool = prune(
            pool,
            request,
            self.loadable,
            self.per_class,
            keep=self.main | required(self.pool),
            per_pattern=self.per_pattern,
        )
        cells: dict[tuple[str, str], _Cell] = {}
        for d in self.days:
            for f in pool:
                if not allowed(self.kinds[d], f):
                    continue
                slot = role_slot(f, goal, plan_role(f, self.main), MIN_SETS)
                cells[(d, f.slug)] = _Cell(d, f, slot, slot_ticks(slot, f), 0, 10_000)
        if request.fixed is not None and "template" in self.families:
            for s in request.fixed.sessions:
                for i, slot in enumerate(s.slots):
                    f = facts[slot.exercise]
                    cells[(s.day, f.slug)] = _Cell(
                        s.day, f, slot, slot_ticks(slot, f), slot.sets, i
                    )
        return dict(sorted(cells.items(), key=lambda kv: (WEEKDAYS.index(kv[0][0]), kv[0][1])))

    def _time(self, minutes: int) -> None:
        change = CHANGEOVER_SECONDS * TICKS_PER_SECOND
        for d in self.days:
            keys = [k for k in self.cells if k[0] == d]
            terms: list[Any] = [
                self.cells[k].ticks * self.sets[k] + change * self.used[k] for k in keys
            ]
            expr = sum(terms)
            self.session_ticks[d] = expr
            if self._on("session-time") and keys:
                limit = minutes * 60 * TICKS_PER_SECOND + change
                self._add(self.model.Add(expr <= limit), "session-time")
        # Training days with no training day next to them are interchangeable (no recovery
        # rule links them to another day): keep only the plans whose such sessions get shorter
        # through the week.
        if self.request.fixed is None:
            alone = [d for d in self.days if not _neighbours(d, self.days)]
            for a, b in itertools.pairwise(alone):
                if self.kinds[a] == self.kinds[b]:
                    self.model.Add(self.session_ticks[a] >= self.session_ticks[b])

    def _rows(self, experience: str) -> None:
        m = self.model
        cap = math.floor(SESSION_CAP[experience] + 1e-9)
        hard2 = math.ceil(2 * HARD_DAY_SETS - 1e-9)
        self.row_day: dict[tuple[str, str], Any] = {}
        rows = sorted({r for sh in self.shares.values() for r in sh})
        pairs = [
            (a, b)
            for a in self.days
            for b in self.days
            if (WEEKDAYS.index(b) - WEEKDAYS.index(a)) % 7 == 1
        ]
        for r in rows:
            top: dict[str, int] = {}
            for d in self.days:
                terms = [
                    (_half_sets(self.shares[k[1]][r]), k)
                    for k in self.cells
                    if k[0] == d and r in self.shares[k[1]]
                ]
                if not terms:
                    continue
                expr = sum(w * self.sets[k] for w, k in terms)
                self.row_day[(d, r)] = expr
                top[d] = sum(w * self.top[k] for w, k in terms)
                # the cap counts hard sets, as the review does: plain sets as a primary mover
                movers = [k for w, k in terms if r in primary_rows(self.facts[k[1]])]
                if self._on("session-cap") and sum(self.top[k] for k in movers) > cap:
                    self._add(m.Add(sum(self.sets[k] for k in movers) <= cap), "session-cap")
            if not self._on("recovery"):
                continue
            hard: dict[str, cp_model.IntVar] = {}
            for a, b in pairs:
                if top.get(a, 0) < hard2 or top.get(b, 0) < hard2:
                    continue
                for d in (a, b):
                    if d not in hard:
                        hard[d] = m.NewBoolVar(f"hard_{d}_{r}")
                        m.Add(self.row_day[(d, r)] <= hard2 - 1 + 1000 * hard[d])
                self._add(m.Add(hard[a] + hard[b] <= 1), "recovery")

    def _pattern_sets(self, cls: str | tuple[str, ...]) -> Any:
        classes = (cls,) if isinstance(cls, str) else cls
        return sum(
            self.sets[k] for k, c in self.cells.items() if pattern_class(c.facts.pattern) in classes
        )

    def _balance(self, ratio: float) -> None:
        m = self.model
        if self._on("pull-push"):
            q = _ratio(ratio)
            counted = plane_pulls(f.pattern for f in self.pool.values())
            for plane in PLANES:
                keys = [k for k, c in self.cells.items() if c.facts.pattern in counted[plane]]
                if not keys:
                    continue
                pull = sum(self.sets[k] for k in keys)
                push = self._pattern_sets(f"{plane}-push")
                self._add(m.Add(q.denominator * pull >= q.numerator * push), "pull-push")
        if self._on("knee-hip"):
            q = _ratio(KNEE_HIP_MAX_RATIO)
            knee, hip = self._pattern_sets("knee"), self._pattern_sets("hip")
            self._add(m.Add(q.denominator * knee <= q.numerator * hip), "knee-hip")
            self._add(m.Add(q.denominator * hip <= q.numerator * knee), "knee-hip")

    def _variety(self) -> None:
        if not self._on("variety"):
            return
        for r in MAJOR_ROWS:
            ws = [self.in_week[s] for s in self.slugs if r in primary_rows(self.facts[s])]
            self._add(self.model.Add(sum(ws) >= MIN_EXERCISES_PER_MAJOR_ROW), "variety")

    def _staples(self) -> None:
        """Each main pattern with a staple at the lifter's level among the cells gets one in
        the week."""
        experience = self.request.profile.experience
        staples = [
            s
            for s in self.slugs
            if is_staple(self.facts[s]) and levels_above(self.facts[s], experience) == 0
        ]
        for pattern in sorted({self.facts[s].pattern for s in staples}):
            have = [self.in_week[s] for s in staples if self.facts[s].pattern == pattern]
            self.model.Add(sum(have) >= 1)

    def _objective(self, goal: str, experience: str) -> None:
        m = self.model
        targets = weekly_targets(goal, experience)
        weights = row_weights(self.request.emphasis)
        self.distance_terms = []
        for r, t in sorted(targets.items()):
            week = sum(v for (d, row), v in self.row_day.items() if row == r)
            self._mrv(r, week)
            low2, high2 = round(t.low * 2), round(t.high * 2)
            dev = m.NewIntVar(0, 10_000, f"dev_{r}")
            m.Add(dev >= low2 - week)
            m.Add(dev >= week - high2)
            self.distance_terms.append((round(weights.get(r, 1.0) * WEIGHT_SCALE), dev))
        self.distance = sum(w * v for w, v in self.distance_terms)
        pref: list[Any] = []
        emphasis = self.request.emphasis
        for k, c in self.cells.items():
            cost = slot_cost(c.facts, self.request, self.loadable)
            pref.append(cost * self.used[k] + REPEAT_COST * self.used[k])
            if small_sets(c.facts, emphasis) and self.top[k] > SMALL_SET_LIMIT:
                excess = m.NewIntVar(0, self.top[k] - SMALL_SET_LIMIT, f"excess_{k[0]}_{k[1]}")
                m.Add(excess >= self.sets[k] - SMALL_SET_LIMIT)
                pref.append(SMALL_SET_COST * excess)
        pref.extend(-REPEAT_COST * self.in_week[s] for s in self.slugs)
        staples = staple_patterns(
            usable(self.request, self.all_facts), self.request.profile.experience
        )
        for pattern in sorted(staples):
            have = [
                self.in_week[s]
                for s in self.slugs
                if self.facts[s].pattern == pattern and is_staple(self.facts[s])
            ]
            if not have:
                pref.append(MISSING_STAPLE_COST)
                continue
            covered = m.NewBoolVar(f"staple_{pattern}")
            m.Add(covered <= sum(have))
            pref.append(MISSING_STAPLE_COST * (1 - covered))
        self.preference = sum(pref)

    def _mrv(self, row: str, week: Any) -> None:
        """No row above its MRV in the week (PLAN-RUBRIC.md item 6), counted as the review
        counts it: fractional sets, a secondary mover's half sets included. A hard rule, not a
        distance to trade: the volume objective would otherwise buy a set short elsewhere with
        a set above MRV. A template's pinned sets may already exceed it; the cap is then
        theirs, so that the template alone never makes the request infeasible."""
        lm = LANDMARKS_2017.get(row)
        if lm is None or not self._on("session-cap") or isinstance(week, int):
            return
        pinned = sum(
            _half_sets(self.shares[k[1]][row]) * c.fixed
            for k, c in self.cells.items()
            if c.fixed and row in self.shares[k[1]]
        )
        self._add(self.model.Add(week <= max(round(2 * lm.mrv), pinned)), "session-cap")

    # -- reading --------------------------------------------------------------------------

    def week(self, values: Sequence[int]) -> WeekPlan:
        """The plan of a solution (``values`` indexed by variable), ordered each day by
        :func:`session_order`."""
        sessions = []
        for d in self.days:
            slots = []
            for k, c in self.cells.items():
                if k[0] == d and values[self.used[k].Index()]:
                    n = int(values[self.sets[k].Index()])
                    slots.append((c, replace(c.slot, sets=n)))  # a template's fields kept
            slots.sort(key=lambda cs: session_order(cs[0].facts, cs[0].order, self.main, self.first))
            if slots:
                sessions.append(Session(d, tuple(s for _, s in slots)))
        return WeekPlan(tuple(sessions))
