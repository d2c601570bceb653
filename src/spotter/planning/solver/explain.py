"""Why CP-SAT found no week: the clashing constraint families and what would be enough.

The model is built again with each family of :data:`~spotter.planning.solver.cpsat.FAMILIES`
behind an assumption literal. CP-SAT's sufficient assumptions for infeasibility name a set of
families that cannot hold together; it is shrunk to a minimal one by dropping each family in turn
and solving again. Then, when ``session-time`` is in it, two figures make the advice concrete: the
fewest minutes per session that would do (the longest session minimised with every other family
on) and the fewest training days at the current minutes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.checks import MAJOR_ROWS, MIN_EXERCISES_PER_MAJOR_ROW
from spotter.planning.model.explain import MIN_SETS, weekday_order
from spotter.planning.model.request import Conflict, PlanRequest
from spotter.planning.model.session_time import CHANGEOVER_SECONDS
from spotter.planning.model.targets import HARD_DAY_SETS, SESSION_CAP, pull_ratio
from spotter.planning.solver.model import BASE_FAMILIES as FAMILIES
from spotter.planning.solver.model import WeekModel
from spotter.planning.solver.ortools_import import import_cp_model
from spotter.planning.solver.pool import TICKS_PER_SECOND
from spotter.profile import WEEKDAYS

if TYPE_CHECKING:
    from spotter.planning.solver.cpsat import CpSatSolver

import_cp_model()  # before any "from ortools.sat.python import cp_model"

#: Longest session the minutes search considers.
MAX_MINUTES: Final[int] = 240


def _describe(family: str, request: PlanRequest) -> str:
    p = request.profile
    return {
        "session-time": f"each session fits in {p.minutes_per_session} minutes",
        "recovery": f"no muscle trained hard ({HARD_DAY_SETS:g}+ sets) on two days in a row",
        "session-cap": (
            f"at most {SESSION_CAP[p.experience]:g} hard sets per muscle in a session, and "
            "none above its MRV in the week"
        ),
        "pull-push": f"pulling sets at least {pull_ratio(p.goal):g} x pushing sets",
        "knee-hip": "knee- and hip-dominant sets within 3 to 2",
        "variety": (
            f"each of {', '.join(MAJOR_ROWS)} worked by {MIN_EXERCISES_PER_MAJOR_ROW}+ different "
            f"exercises of {MIN_SETS}+ sets"
        ),
        "template": "the template's slots kept as they are",
        "coach": (
            "a coach's week: every movement pattern and the goal's main lifts, each major "
            "muscle on two days with two exercises, trunk work, 70 % of sets on staples, "
            "upper, lower or full-body days"
        ),
        "fill": "4-8 exercises in a 45-90 minute session",
    }[family]


def _status(
    solver: CpSatSolver,
    request: PlanRequest,
    facts: Mapping[str, ExerciseFacts],
    assumed: tuple[str, ...],
) -> tuple[bool, tuple[str, ...]]:
    """(infeasible, sufficient families) with only ``assumed`` families switched on."""
    from ortools.sat.python import cp_model

    built = WeekModel(
        request,
        facts,
        max_sets=solver.max_sets,
        explain=True,
        per_class=solver.per_class,
        per_pattern=solver.per_pattern,
        families=FAMILIES,
    )
    lits = [built.lits[f] for f in assumed]
    built.model.AddAssumptions(lits)
    s = solver._solver(workers=1, effort=solver.effort)
    status = s.Solve(built.model)
    if status != cp_model.INFEASIBLE:
        return False, ()
    core = {built.lits[f].Index() for f in assumed} & set(s.SufficientAssumptionsForInfeasibility())
    return True, tuple(f for f in assumed if built.lits[f].Index() in core)


def _feasible(
    solver: CpSatSolver,
    request: PlanRequest,
    facts: Mapping[str, ExerciseFacts],
    *,
    days: tuple[str, ...] | None = None,
) -> bool:
    from ortools.sat.python import cp_model

    built = WeekModel(
        request,
        facts,
        max_sets=solver.max_sets,
        days=days,
        per_class=solver.per_class,
        per_pattern=solver.per_pattern,
        families=FAMILIES,
    )
    s = solver._solver(workers=1, effort=solver.effort)
    s.parameters.stop_after_first_solution = True
    return s.Solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def minutes_needed(
    solver: CpSatSolver, request: PlanRequest, facts: Mapping[str, ExerciseFacts]
) -> int | None:
    """Whole minutes per session with which every other family holds (the fewest, unless the
    budget stopped the search first), or None."""
    from ortools.sat.python import cp_model

    built = WeekModel(
        request,
        facts,
        max_sets=solver.max_sets,
        families=tuple(f for f in FAMILIES if f != "session-time"),
        per_class=solver.per_class,
        per_pattern=solver.per_pattern,
    )
    change = CHANGEOVER_SECONDS * TICKS_PER_SECOND
    longest = built.model.NewIntVar(0, MAX_MINUTES * 60 * TICKS_PER_SECOND * 10, "longest")
    for expr in built.session_ticks.values():
        built.model.Add(longest >= expr - change)
    built.model.Minimize(longest)
    s = solver._solver(effort=solver.effort)
    if s.Solve(built.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    ticks = int(s.Value(longest))
    return max(1, math.ceil(ticks / (60 * TICKS_PER_SECOND) - 1e-9))


def _spread(days: tuple[str, ...], extra: int) -> tuple[str, ...]:
    """``days`` plus ``extra`` more, each the free day farthest from the chosen ones.

    >>> _spread(("mon",), 2)
    ('mon', 'thu', 'sat')
    """
    chosen = list(days)
    for _ in range(extra):
        free = [d for d in WEEKDAYS if d not in chosen]
        if not free:
            break

        def gap(d: str) -> int:
            i = WEEKDAYS.index(d)
            return min(
                min((i - WEEKDAYS.index(c)) % 7, (WEEKDAYS.index(c) - i) % 7) for c in chosen
            )

        chosen.append(max(free, key=lambda d: (gap(d), -WEEKDAYS.index(d))))
    return weekday_order(chosen)


def days_needed(
    solver: CpSatSolver, request: PlanRequest, facts: Mapping[str, ExerciseFacts]
) -> tuple[str, ...] | None:
    """The fewest training days (the lifter's, plus spread-out extra ones) at the current
    minutes with which every family holds, or None."""
    have = weekday_order(request.profile.training_days)
    for extra in range(1, 8 - len(have)):
        days = _spread(have, extra)
        profile = replace(request.profile, training_days=days)
        if _feasible(solver, replace(request, profile=profile), facts):
            return days
    return None


def explain_infeasible(
    solver: CpSatSolver, request: PlanRequest, facts: Mapping[str, ExerciseFacts]
) -> list[Conflict]:
    """The clashing families of an infeasible request, with what to relax (all families, with
    general advice, when the budget ran out before CP-SAT could name them)."""
    infeasible, core = _status(solver, request, facts, FAMILIES)
    if not infeasible or not core:
        return [
            Conflict(
                FAMILIES,
                "the rules could not all be met together",
                "allow more minutes or training days",
            )
        ]
    for family in list(core):
        trial = tuple(f for f in core if f != family)
        still, smaller = _status(solver, request, facts, trial)
        if still:
            core = smaller or trial
    advice: list[str] = []
    if "session-time" in core:
        minutes = minutes_needed(solver, request, facts)
        if minutes is not None:
            advice.append(f"allow {minutes}+ minutes per session")
        days = days_needed(solver, request, facts)
        if days is not None:
            advice.append(f"train {len(days)} days a week (e.g. {', '.join(days)})")
    if "template" in core:
        advice.append("plan without the template, or drop some of its slots")
    if {"recovery", "session-cap"} & set(core) and "session-time" not in core:
        advice.append("add a training day that is not next to another one")
    if {"pull-push", "knee-hip"} & set(core) and not advice:
        advice.append(
            "add equipment or allow exercises that balance pulling with pushing and knee with hip work"
        )
    if not advice:
        advice.append("allow more minutes per session or more training days")
    message = "these rules cannot all hold: " + "; ".join(_describe(f, request) for f in core)
    return [Conflict(core, message, " or ".join(advice))]
