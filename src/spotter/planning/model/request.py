"""What the planner is asked for, and how it says a request cannot be met.

A :class:`PlanRequest` carries the lifter's :class:`~spotter.profile.Profile` (goal, experience,
training days, minutes, equipment) plus the planning-only wishes: rows to emphasise, exercises or
muscles to avoid (an injury), favourite exercises, and an optional ``fixed`` week (a template)
whose slots the optimiser must keep and fill around.

When a request cannot be met, the planner raises :class:`PlanInfeasibleError` carrying one
:class:`Conflict` per reason: which constraints clash, and what to relax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spotter.errors import SpotterError
from spotter.planning.model.program import WeekPlan
from spotter.profile import Profile


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """One week to plan for ``profile``; ``emphasis`` names landmarks rows (weighted more in the
    objective), ``avoid`` names exercise slugs or muscles, ``favourites`` names exercise slugs
    preferred on ties, ``fixed`` is a template week whose slots stay in the plan."""

    profile: Profile
    emphasis: tuple[str, ...] = ()
    avoid: frozenset[str] = field(default_factory=frozenset)
    favourites: frozenset[str] = field(default_factory=frozenset)
    fixed: WeekPlan | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """A reason a request cannot be met: the constraints that clash (``rules``, names as in
    :mod:`spotter.planning.model.checks`), what is wrong, and what to relax."""

    rules: tuple[str, ...]
    message: str
    relax: str

    def __str__(self) -> str:
        return f"{self.message} (constraints: {', '.join(self.rules)}). Try: {self.relax}"


class PlanInfeasibleError(SpotterError):
    """The request cannot be met; :attr:`conflicts` says why and what to relax."""

    def __init__(self, conflicts: tuple[Conflict, ...] | list[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        lines = "\n".join(f"  - {c}" for c in self.conflicts)
        super().__init__(f"no plan meets this request:\n{lines}")
