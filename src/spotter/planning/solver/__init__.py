"""Solvers for the week plan, behind one small interface.

:class:`WeekSolver` is what the services use; :class:`~spotter.planning.solver.cpsat.CpSatSolver`
(OR-Tools CP-SAT, imported lazily) is the default. :func:`solve_week` runs the pure pre-checks,
then the solver, and raises :class:`~spotter.planning.model.request.PlanInfeasibleError` with the
conflicting constraints and what to relax when the request cannot be met.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.explain import precheck
from spotter.planning.model.program import WeekPlan
from spotter.planning.model.request import PlanInfeasibleError, PlanRequest


class WeekSolver(Protocol):
    """Builds the week for a request from the exercises in ``facts`` (slug -> facts), or raises
    :class:`~spotter.planning.model.request.PlanInfeasibleError`."""

    def solve(self, request: PlanRequest, facts: Mapping[str, ExerciseFacts]) -> WeekPlan: ...


def solve_week(
    request: PlanRequest,
    facts: Mapping[str, ExerciseFacts],
    *,
    solver: WeekSolver | None = None,
) -> WeekPlan:
    """The week for ``request``: the pure pre-checks
    (:func:`~spotter.planning.model.explain.precheck`), then ``solver`` (default
    :class:`~spotter.planning.solver.cpsat.CpSatSolver`). Raises
    :class:`~spotter.planning.model.request.PlanInfeasibleError` naming the clashing
    constraints and what to relax. Volume is soft: see
    :func:`~spotter.planning.model.explain.volume_report` for how far the week is from its
    targets."""
    conflicts = precheck(request, facts)
    if conflicts:
        raise PlanInfeasibleError(conflicts)
    if solver is None:
        from spotter.planning.solver.cpsat import CpSatSolver

        solver = CpSatSolver()
    return solver.solve(request, facts)
