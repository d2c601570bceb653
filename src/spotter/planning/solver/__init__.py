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
from spotter.planning.model.program import WeekPlan
from spotter.planning.model.request import PlanRequest


class WeekSolver(Protocol):
    """Builds the week for a request from the exercises in ``facts`` (slug -> facts), or raises
    :class:`~spotter.planning.model.request.PlanInfeasibleError`."""

    def solve(self, request: PlanRequest, facts: Mapping[str, ExerciseFacts]) -> WeekPlan: ...
