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
