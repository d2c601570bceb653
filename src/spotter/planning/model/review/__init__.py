"""The plan review: PLAN-RUBRIC.md's fifteen items as pure checks over a week.

:func:`review_week` takes a :class:`ReviewInput` and returns a :class:`PlanReview`, one
:class:`ItemResult` per rubric item, each ``passed``, ``failed`` (with the reason and, where the
request itself rules the item out, what makes it impossible) or ``not-applicable`` (with why).
Nothing here reads files, the clock or a database: the CLI and a web app render the same values.

* :mod:`.context` -- the input, the result, and the words the checks share (pool, main lifts,
  hard sets).
* :mod:`.structure` -- items 1-5; :mod:`.dose` -- items 6-9; :mod:`.balance` -- items 10-14;
  :mod:`.rules` -- item 15; :mod:`.room` -- what a request can hold at most.
"""

from __future__ import annotations

from dataclasses import dataclass

from spotter.planning.model.review.balance import knee_hip, pull_push, trunk, variety, wanted
from spotter.planning.model.review.context import ItemResult, ReviewInput, pool, week_roles
from spotter.planning.model.review.dose import frequency, recovery, session_cap, volume
from spotter.planning.model.review.rules import progression
from spotter.planning.model.review.structure import (
    day_names,
    main_patterns,
    rep_ranges,
    strength_lifts,
    time_fill,
)

__all__ = ["ItemResult", "PlanReview", "ReviewInput", "review_week", "week_roles"]


@dataclass(frozen=True, slots=True)
class PlanReview:
    """The fifteen items, in the rubric's order."""

    items: tuple[ItemResult, ...]

    @property
    def failed(self) -> tuple[ItemResult, ...]:
        return tuple(i for i in self.items if i.status == "failed")

    @property
    def ok(self) -> bool:
        """No item failed (not-applicable items do not count against the plan)."""
        return not self.failed

    def item(self, number: int) -> ItemResult:
        return next(i for i in self.items if i.number == number)

    def as_dict(self) -> dict[str, object]:
        return {
            "passed": self.ok,
            "failed": [i.number for i in self.failed],
            "items": [i.as_dict() for i in self.items],
        }


def review_week(inp: ReviewInput) -> PlanReview:
    """Every rubric item for ``inp`` (module docstring). Raises ``ValueError`` for a deload week
    (the rubric reviews normal weeks) and naming an exercise of the week that has no facts."""
    if inp.week.deload:
        raise ValueError("the review is of a normal week; this is a deload week")
    unknown = sorted({x.exercise for s in inp.week.sessions for x in s.slots} - set(inp.facts))
    if unknown:
        raise ValueError(f"the week names exercises with no facts: {', '.join(unknown)}")
    available = pool(inp)
    return PlanReview(
        (
            main_patterns(inp, available),
            strength_lifts(inp, available),
            rep_ranges(inp, available),
            day_names(inp),
            time_fill(inp, available),
            volume(inp, available),
            frequency(inp),
            session_cap(inp, available),
            recovery(inp),
            pull_push(inp),
            knee_hip(inp),
            trunk(inp),
            variety(inp, available),
            wanted(inp),
            progression(inp, available),
        )
    )
