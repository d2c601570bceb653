"""The default week solver: the CP-SAT model of :mod:`.model`, solved in two stages.

Stage 1 minimises the weighted distance from the volume targets, starting from the greedy
baseline's week when that keeps every hard rule; stage 2 keeps that distance and minimises the
preference cost, starting from stage 1's plan; with the ``coach`` rules, stage 2 first also asks
for one barbell main lift per pattern and day (:func:`~.coach.add_one_variant`); when no plan as
close to the targets keeps that rule, the distance is searched again with it (a plan a little
further from the targets, never two variants of a main lift on one day), and the rule is only
dropped when no plan keeps it at all. Each stage has a deterministic-time budget
(``effort``); a stage that proves its optimum stops sooner. :class:`SolveResult` says whether
each optimum was proven: small requests are solved to proven optimality (the tests compare them
with a brute-force enumeration), large ones may stop at the budget with the best plan found.

Deterministic: one worker by default, a fixed seed, deterministic-time budgets and variables
created in calendar and slug order, so a request gives the same plan on every run and machine.
With more workers CP-SAT searches in parallel and the plan may vary between runs when a budget
stops the search. The wall-clock ``time_limit_s`` is only a safety net; if it is hit, the plan
may vary too.

When the model is infeasible, :mod:`.explain` names the clashing constraint families.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.checks import check_week
from spotter.planning.model.explain import MIN_SETS, volume_report
from spotter.planning.model.greedy import greedy_week
from spotter.planning.model.program import WeekPlan
from spotter.planning.model.request import Conflict, PlanInfeasibleError, PlanRequest
from spotter.planning.solver.costs import preference_cost
from spotter.planning.solver.model import FAMILIES, WeekModel
from spotter.planning.solver.ortools_import import import_cp_model

import_cp_model()  # before any "from ortools.sat.python import cp_model"

#: The first stage (distance) gets this many times the ``effort``.
STAGE1_EFFORT: Final[float] = 2.0
#: The second stage (preference) gets this many times the ``effort``. A quarter of it was tried
#: for speed: the rubric results held, but a novice got an exercise above their level again.
STAGE2_EFFORT: Final[float] = 1.0
#: Budget of the large-neighbourhood search after a stage that did not prove its optimum, in
#: ``effort`` units, and the budget of one neighbourhood.
LNS_EFFORT: Final[float] = 2.0
LNS_STEP: Final[float] = 0.1


class PlanSearchTimeoutError(PlanInfeasibleError):
    """The solver found no plan within its time limit (the request may still be feasible)."""


@dataclass(frozen=True, slots=True)
class SolveResult:
    """A solved week with its objective: ``distance`` (weighted, in sets) and ``preference``
    (the second objective), whether each was proven optimal (the preference only counts as
    proven when the distance is too), and the wall time."""

    week: WeekPlan
    distance: float
    preference: int
    distance_optimal: bool
    optimal: bool
    seconds: float
    #: Rule families the request could not hold (tried without them, in this order).
    relaxed: tuple[str, ...] = ()


class CpSatSolver:
    """The default :class:`~spotter.planning.solver.WeekSolver` (module docstring).

    ``effort`` is the unit of the deterministic-time budgets: the first stage gets ``stage1``
    (:data:`STAGE1_EFFORT`) times it, the second ``stage2`` (:data:`STAGE2_EFFORT`) times it,
    and the neighbourhood search after an unproven stage ``lns`` (:data:`LNS_EFFORT`) times it
    over at most ``lns_rounds`` rounds (after the second stage only with ``polish``). The units are CP-SAT's own, roughly seconds on this machine; a stage
    that proves its optimum stops sooner. ``time_limit_s`` bounds the wall time of each solve as
    a safety net. ``per_pattern`` keeps the most suitable exercises of each movement pattern
    (3 by default, main lifts always kept; ``None`` keeps all). With ``coach`` (the default) the week first must hold the rules a coach checks
    (:mod:`.coach`, :mod:`.split`), then without the session-count rule, then without either,
    as far as the request allows. ``per_class`` is the model's pruning of interchangeable exercises (``None``
    keeps every one). With ``staples`` (the default) the week first must hold a staple of every
    main pattern the lifter can load (the model's ``staples`` rule), and without that rule only
    when it cannot. With ``workers=1`` (the default) the search is reproducible: the same
    request gives the same plan on every run and machine. More workers may find better plans
    sooner, but CP-SAT's parallel search is not reproducible when a budget stops it.
    """

    def __init__(
        self,
        time_limit_s: float = 10.0,
        workers: int = 1,
        *,
        max_sets: int = 5,
        seed: int = 0,
        effort: float = 0.2,
        per_class: int | None = 2,
        lns_rounds: int = 1,
        polish: bool = False,
        staples: bool = True,
        per_pattern: int | None = 3,
        coach: bool = True,
        stage1: float = STAGE1_EFFORT,
        stage2: float = STAGE2_EFFORT,
        lns: float = LNS_EFFORT,
    ) -> None:
        if max_sets < MIN_SETS:
            raise ValueError(f"max sets must be at least {MIN_SETS}, got {max_sets}")
        self.time_limit_s = time_limit_s
        self.workers = workers
        self.max_sets = max_sets
        self.seed = seed
        self.effort = effort
        self.per_class = per_class
        self.lns_rounds = lns_rounds
        self.polish = polish
        self.staples = staples
        self.per_pattern = per_pattern
        self.coach = coach
        self.stage1 = stage1
        self.stage2 = stage2
        self.lns = lns

    def _solver(self, workers: int | None = None, effort: float | None = None) -> Any:
        from ortools.sat.python import cp_model

        solver = cp_model.CpSolver()  # type: ignore[no-untyped-call]
        solver.parameters.max_time_in_seconds = self.time_limit_s
        if effort is not None:
            solver.parameters.max_deterministic_time = effort
        solver.parameters.num_workers = workers or self.workers
        solver.parameters.random_seed = self.seed
        solver.parameters.linearization_level = 2
        return solver

    @staticmethod
    def _hint_baseline(
        built: WeekModel, request: PlanRequest, facts: Mapping[str, ExerciseFacts]
    ) -> None:
        """Start the search from the greedy baseline's week when it keeps every hard rule and
        fits the model: a good first plan, so that the solver's is rarely worse."""
        if request.fixed is not None:
            return
        week = greedy_week(request.profile, facts, avoid=request.avoid)
        planned = {(s.day, slot.exercise): slot.sets for s in week.sessions for slot in s.slots}
        if not set(planned) <= set(built.cells) or any(
            v.rule != "volume"
            for v in check_week(week, facts, request.profile, avoid=request.avoid)
        ):
            return
        for key in built.cells:
            built.model.AddHint(built.sets[key], planned.get(key, 0))
            built.model.AddHint(built.used[key], int(key in planned))

    def solve(self, request: PlanRequest, facts: Mapping[str, ExerciseFacts]) -> WeekPlan:
        """The optimal week for the request, or :class:`PlanInfeasibleError`."""
        return self.solve_detailed(request, facts).week

    def solve_detailed(
        self, request: PlanRequest, facts: Mapping[str, ExerciseFacts]
    ) -> SolveResult:
        """The week with its objective values and solve statistics: stage 1 minimises the
        distance from the targets, stage 2 the preference cost with the distance kept."""
        from ortools.sat.python import cp_model

        start = time.perf_counter()
        base = tuple(f for f in FAMILIES if f not in ("coach", "fill"))
        tries: list[tuple[tuple[str, ...], bool]] = [(base, self.staples)]
        if self.coach:
            tries[:0] = [
                (FAMILIES, self.staples),
                (tuple(f for f in FAMILIES if f != "fill"), self.staples),
            ]
        if self.staples:
            tries.append((base, False))
        relaxed: tuple[str, ...] = ()
        for families, staples in tries:
            built = WeekModel(
                request,
                facts,
                max_sets=self.max_sets,
                per_class=self.per_class,
                staples=staples,
                families=families,
                per_pattern=self.per_pattern,
            )
            relaxed = tuple(f for f in FAMILIES if f not in families)
            model = built.model
            model.Minimize(built.distance)
            self._hint_baseline(built, request, facts)
            solver = self._solver(effort=self.stage1 * self.effort)
            status = solver.Solve(model)
            if status == cp_model.UNKNOWN:  # no plan within the budget: search on to the limit
                solver = self._solver()
                solver.parameters.stop_after_first_solution = True
                status = solver.Solve(model)
                if status == cp_model.FEASIBLE:  # then a stage-1 budget from that first plan
                    _hint(model, list(solver.ResponseProto().solution))
                    again = self._solver(effort=self.stage1 * self.effort)
                    found = again.Solve(model)
                    if found in (cp_model.OPTIMAL, cp_model.FEASIBLE) and round(
                        again.ObjectiveValue()
                    ) <= round(solver.ObjectiveValue()):
                        solver, status = again, found
            if status != cp_model.INFEASIBLE:
                break
        if status == cp_model.INFEASIBLE:
            from spotter.planning.solver.explain import explain_infeasible

            raise PlanInfeasibleError(explain_infeasible(self, request, facts))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise PlanSearchTimeoutError(
                [
                    Conflict(
                        ("time-limit",),
                        f"the solver found no plan within {self.time_limit_s:g} s",
                        "allow a longer time limit, or fewer days or exercises",
                    )
                ]
            )
        values = list(solver.ResponseProto().solution)
        best = round(solver.ObjectiveValue())
        # the distance is a sum of non-negative deviations: a plan at 0 is optimal, proven or not
        distance_optimal = status == cp_model.OPTIMAL or best == 0
        if not distance_optimal:
            values, best = self._improve(
                built, values, best, self.lns * self.effort, self.lns_rounds, _floor(solver)
            )
        bound = model.Add(built.distance <= best)
        model.Minimize(built.preference)
        _hint(model, values)
        second = self._solver(effort=self.stage2 * self.effort)
        status2 = cp_model.UNKNOWN
        again = True  # whether the plain second stage below may still find something new
        if built.one_variant is not None:  # one main-lift variant a day, if the distance allows
            _fix(model, built.one_variant, 1)
            # the hint holds the rule's literal as fixed, so a plan that keeps the rule starts
            # the search as it is (a hint that breaks a fixed literal is dropped by CP-SAT)
            _hint(model, _with(values, built.one_variant, 1))
            status2 = second.Solve(model)
            if status2 not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                repaired = self._one_variant_first(built, bound, values)
                second = self._solver(effort=self.stage2 * self.effort)
                if repaired is None:
                    _fix(model, built.one_variant, 0)
                    _hint(model, _with(values, built.one_variant, 0))
                else:
                    values, best, distance_optimal = repaired
                    _hint(model, values)
                    status2 = second.Solve(model)
                    again = False  # the same model, hint and budget would end the same way
        if again and status2 not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            status2 = second.Solve(model)
        if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = list(second.ResponseProto().solution)
            if status2 != cp_model.OPTIMAL and self.polish:
                pref = round(second.ObjectiveValue())
                values, _ = self._improve(
                    built, values, pref, self.lns * self.effort, self.lns_rounds, _floor(second)
                )
        week = built.week(values)
        return SolveResult(
            week,
            volume_report(week, request, facts).distance,
            preference_cost(week, facts, request),
            distance_optimal,
            status2 == cp_model.OPTIMAL and distance_optimal,
            time.perf_counter() - start,
            relaxed,
        )

    def _one_variant_first(
        self, built: WeekModel, bound: Any, values: list[int]
    ) -> tuple[list[int], int, bool] | None:
        """The distance search again with the one-variant rule on (:func:`~.coach.add_one_variant`),
        from the plan found without it, when no plan as close to the targets keeps it: a back
        squat and a front squat on one day is a plan a coach rejects at first glance, a set
        short of a target is one they may accept. Returns (values, distance, proven) with the
        model's distance bound set to it, or None (bound and objective as they were) when no
        plan keeps the rule."""
        from ortools.sat.python import cp_model

        model = built.model
        domain = bound.Proto().linear.domain
        kept = domain[-1]
        domain[-1] = 10**9
        model.Minimize(built.distance)
        _hint(model, values)
        solver = self._solver(effort=self.stage1 * self.effort)
        status = solver.Solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            domain[-1] = kept
            model.Minimize(built.preference)
            return None
        found = list(solver.ResponseProto().solution)
        best = round(solver.ObjectiveValue())
        proven = status == cp_model.OPTIMAL or best == 0
        if not proven:
            found, best = self._improve(
                built, found, best, self.lns * self.effort, self.lns_rounds, _floor(solver)
            )
        domain[-1] = best
        model.Minimize(built.preference)
        return found, best, proven

    def _improve(
        self,
        built: WeekModel,
        values: list[int],
        objective: int,
        budget: float,
        rounds: int,
        floor: int = 0,
    ) -> tuple[list[int], int]:
        """Large-neighbourhood search over days, deterministic: re-solve the model with every
        cell outside one day (then two days) fixed to the current plan, keep improvements, and
        stop after ``rounds`` rounds, a round that finds none, when ``budget`` (deterministic
        time) is spent, or as soon as the plan reaches ``floor``, a proven lower bound of the
        objective (no neighbourhood can then improve it: the plan is optimal)."""
        from ortools.sat.python import cp_model

        days = built.days
        hoods = [(d,) for d in days]
        if len(days) > 2:
            hoods += list(itertools.combinations(days, 2))  # type: ignore[arg-type]
        spent = 0.0
        improved = True
        for _ in range(rounds):
            if not improved or spent >= budget:
                break
            improved = False
            for free in hoods:
                if spent >= budget or objective <= floor:
                    break
                sub = cp_model.CpModel()  # type: ignore[no-untyped-call]
                sub.Proto().CopyFrom(built.model.Proto())
                variables = sub.Proto().variables
                for key in built.cells:
                    if key[0] in free:
                        continue
                    for var in (built.sets[key], built.used[key]):
                        i = var.Index()
                        del variables[i].domain[:]
                        variables[i].domain.extend([values[i], values[i]])
                _hint(sub, values)
                s = self._solver(effort=min(LNS_STEP, budget - spent))
                s.parameters.linearization_level = 1
                status = s.Solve(sub)
                spent += s.ResponseProto().deterministic_time
                if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                    found = round(s.ObjectiveValue())
                    if found < objective:
                        values, objective, improved = list(s.ResponseProto().solution), found, True
        return values, objective


def _floor(solver: Any) -> int:
    """The proven lower bound of the objective after ``solver``'s last solve, as an integer (the
    objectives are integer: a bound of 12.3 means 13)."""
    bound = solver.ResponseProto().best_objective_bound
    return math.ceil(bound - 1e-6) if math.isfinite(bound) else -(2**62)


def _fix(model: Any, var: Any, value: int) -> None:
    """Fix a variable of the model to ``value`` by its domain (a literal such as
    :func:`~.coach.add_one_variant`'s, built fixed to false)."""
    domain = model.Proto().variables[var.Index()].domain
    del domain[:]
    domain.extend([value, value])


def _with(values: list[int], var: Any, value: int) -> list[int]:
    """``values`` (a full solution) with ``var`` set to ``value``."""
    out = list(values)
    out[var.Index()] = value
    return out


def _hint(model: Any, values: list[int]) -> None:
    """Replace the model's solution hint with a full solution."""
    hint = model.Proto().solution_hint
    del hint.vars[:]
    del hint.values[:]
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)
