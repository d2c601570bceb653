"""The planner's pure model: targets, session time, plan records, checks, a greedy baseline.

Only the standard library, :mod:`spotter.knowledge`, :mod:`spotter.science` and
:mod:`spotter.profile` are imported here; solvers live outside (a test enforces it).

* :mod:`.targets` -- weekly fractional-set ranges per landmarks row, caps, pull ratios, weights.
* :mod:`.session_time` -- minutes of a session; default rest by rep range and goal.
* :mod:`.program` -- :class:`Slot`, :class:`Session`, :class:`WeekPlan`, :class:`Mesocycle`,
  :func:`build_mesocycle`, :func:`rep_range_for`.
* :mod:`.volume` -- fractional sets of a plan per row, distance from the targets.
* :mod:`.checks` -- every constraint as a check returning :class:`Violation` values.
* :mod:`.progression` -- a progression rule for each slot.
* :mod:`.greedy` -- the Fitbod-style baseline.
* :mod:`.request` -- :class:`PlanRequest`, :class:`Conflict`, :class:`PlanInfeasibleError`.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spotter.planning.model.checks import Violation, check_week
    from spotter.planning.model.greedy import greedy_week
    from spotter.planning.model.program import (
        Mesocycle,
        Session,
        Slot,
        WeekPlan,
        build_mesocycle,
        rep_range_for,
    )
    from spotter.planning.model.progression import rule_for
    from spotter.planning.model.request import Conflict, PlanInfeasibleError, PlanRequest
    from spotter.planning.model.session_time import rest_seconds, session_minutes
    from spotter.planning.model.targets import TargetRange, weekly_targets
    from spotter.planning.model.volume import facts_of, target_distance, week_row_sets

__all__ = [
    "Conflict",
    "Mesocycle",
    "PlanInfeasibleError",
    "PlanRequest",
    "Session",
    "Slot",
    "TargetRange",
    "Violation",
    "WeekPlan",
    "build_mesocycle",
    "check_week",
    "facts_of",
    "greedy_week",
    "rep_range_for",
    "rest_seconds",
    "rule_for",
    "session_minutes",
    "target_distance",
    "week_row_sets",
    "weekly_targets",
]


#: Where each name of this package lives: its module is imported on first use (PEP 562), so a
#: command that needs only stored plans does not pay for the checks, targets and the baseline.
_WHERE = {
    "Conflict": "spotter.planning.model.request",
    "Mesocycle": "spotter.planning.model.program",
    "PlanInfeasibleError": "spotter.planning.model.request",
    "PlanRequest": "spotter.planning.model.request",
    "Session": "spotter.planning.model.program",
    "Slot": "spotter.planning.model.program",
    "TargetRange": "spotter.planning.model.targets",
    "Violation": "spotter.planning.model.checks",
    "WeekPlan": "spotter.planning.model.program",
    "build_mesocycle": "spotter.planning.model.program",
    "check_week": "spotter.planning.model.checks",
    "facts_of": "spotter.planning.model.volume",
    "greedy_week": "spotter.planning.model.greedy",
    "rep_range_for": "spotter.planning.model.program",
    "rest_seconds": "spotter.planning.model.session_time",
    "rule_for": "spotter.planning.model.progression",
    "session_minutes": "spotter.planning.model.session_time",
    "target_distance": "spotter.planning.model.volume",
    "week_row_sets": "spotter.planning.model.volume",
    "weekly_targets": "spotter.planning.model.targets",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
