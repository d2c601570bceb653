"""Rubric item 6 on a request too short for its volume: when a week below its targets could not
reach them in the minutes the lifter gives, and what to change.

The week's time budget is ``sessions x minutes``. A week whose sessions already use at least
:data:`FULL_SHARE` (90 %) of that budget, with no row above its target (no minute spent on
volume the targets do not ask for), can only add sets by adding time. The sets it still
misses are at least

    missing = ceil(max(largest deficit, sum of deficits / k))

plain sets, where a row's deficit is its target's lower end minus its sets, and ``k`` is the
most fractional sets of the short rows that one set of any exercise in the pool gives (one set
counts at most 1 for a row, and at most ``k`` for all of them together). At the week's own
pace -- planned minutes per planned set, changeovers included -- those sets take
``missing x pace`` minutes. When that is more than the minutes left free, the week's budget at
its pace holds fewer sets than the targets' lower ends ask (time budget x sets per minute below
the volume the targets need), and the review says so, naming the short rows, the numbers and
the session length or number of days that would make room.

>>> import math
>>> # side delts 1.5 of 8, calves 7.5 of 8; a lateral raise counts 1 for side delts only
>>> math.ceil(max(6.5, (6.5 + 0.5) / 1))
7
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.review.context import EPS, ReviewInput, fmt
from spotter.planning.model.session_time import session_minutes
from spotter.planning.model.targets import TargetRange
from spotter.planning.model.volume import row_shares

#: Share of the week's minutes from which its sessions count as full.
FULL_SHARE: Final[float] = 0.9
#: Session lengths are suggested in steps of this many minutes.
MINUTE_STEP: Final[int] = 5
#: Most training days a week a plan suggests (one rest day, PLAN-RUBRIC.md item 9).
MOST_DAYS: Final[int] = 6


def deficits(
    sets: Mapping[str, float], targets: Mapping[str, TargetRange]
) -> dict[str, float]:
    """Rows below their target's lower end, with how many fractional sets they miss.

    >>> deficits({"back": 8.0, "chest": 12.0}, {"back": TargetRange(10, 22),
    ...          "chest": TargetRange(10, 20)})
    {'back': 2.0}
    """
    return {
        row: t.low - sets.get(row, 0.0)
        for row, t in targets.items()
        if sets.get(row, 0.0) < t.low - EPS
    }


def missing_sets(short: Mapping[str, float], available: Mapping[str, ExerciseFacts]) -> int:
    """The fewest plain sets that could make up ``short`` (row -> fractional sets missing),
    module docstring.

    >>> from spotter.knowledge.model import Tempo
    >>> raise_ = ExerciseFacts("raise", "isolation", "push", "shoulder-abduction",
    ...     ("side-delts",), (), (), "dumbbell", "beginner", False, "standing",
    ...     Tempo(2, 0, 1, 1), (10, 15), "raise")
    >>> missing_sets({"side delts": 6.5, "calves": 0.5}, {"raise": raise_})
    7
    """
    if not short:
        return 0
    k = max(
        (sum(s for r, s in row_shares(f).items() if r in short) for f in available.values()),
        default=0.0,
    )
    k = max(k, 1.0)
    return math.ceil(max(max(short.values()), sum(short.values()) / k) - EPS)


def short_of_time(
    inp: ReviewInput,
    available: Mapping[str, ExerciseFacts],
    targets: Mapping[str, TargetRange],
    sets: Mapping[str, float],
) -> str | None:
    """Why the request's minutes cannot hold the week's volume targets (module docstring), or
    None when the week still has room, spends time above a target, or misses nothing."""
    short = deficits(sets, targets)
    if not short or any(sets.get(r, 0.0) > t.high + EPS for r, t in targets.items()):
        return None
    profile = inp.profile
    sessions = profile.sessions_per_week
    budget = sessions * profile.minutes_per_session
    planned = sum(session_minutes(s, inp.facts) for s in inp.week.sessions)
    plain = sum(x.sets for s in inp.week.sessions for x in s.slots)
    if plain == 0 or planned < FULL_SHARE * budget - EPS:
        return None
    pace = planned / plain
    missing = missing_sets(short, available)
    need = missing * pace
    free = max(0.0, budget - planned)
    if need <= free + EPS:
        return None
    rows = ", ".join(
        f"{row} ({fmt(sets.get(row, 0.0))} of {fmt(targets[row].low)} sets)" for row in short
    )
    per_session = MINUTE_STEP * math.ceil((planned + need) / sessions / MINUTE_STEP - EPS)
    days = math.ceil((planned + need) / profile.minutes_per_session - EPS)
    change = f"sessions of {per_session} min"
    if days <= MOST_DAYS:
        change += f", or {days} training days of {profile.minutes_per_session} min"
    return (
        f"the {sessions} session(s) of {profile.minutes_per_session} min are full "
        f"({fmt(round(planned))} of {budget} min planned, {fmt(round(pace, 1))} min a set); "
        f"{rows} miss at least {missing} set(s) a week, about {fmt(round(need))} min, and "
        f"{fmt(round(free))} min are free. To reach them: {change}"
    )
