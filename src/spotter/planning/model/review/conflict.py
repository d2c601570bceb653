"""Rubric item 6 on targets that cannot hold together, however long the sessions: a linear
program over the lifter's exercises that proves a shortfall no week avoids.

Every exercise of the pool counts for its rows with its fractional shares (primary 1, secondary
0.5, :func:`~spotter.planning.model.volume.row_shares`). A week that passes the rubric has, for
some non-negative sets ``x_e`` per exercise:

* every row at or under its target's upper end (item 6; for rows fed by compounds that is their
  MRV: a lateral raise counts half a set of front delts, so side delts and chest share the front
  delts' MRV);
* at least 70 % of its sets, trunk work and carries aside, on staples (item 13);
* at most 10 sets of one exercise unless it may be a main lift or trains an emphasised row
  (item 8);
* pulling sets at least pressing sets in each plane, a plane's stand-in counted as the review
  counts it, and for the posture goal 1.5 pulling sets per pressing set (item 10);
* knee-dominant to hip-dominant sets between 2/3 and 3/2 (item 11).

The linear program minimises the sets missing below the targets' lower ends under these rules
only: time, days, recovery and the rest are left out, and sets may be fractions, so its minimum
is a lower bound for every week, whatever its minutes. When it is above zero, no plan passes
item 6, and the review names the short rows and the upper bounds that hold them back.

>>> # side delts 16 from lateral raises alone (0.5 front delts each) with front delts capped
>>> # at 12 and 6 of them already spent on 12 sets of chest presses: 12 side delts at most
>>> (12 - 6) / 0.5
12.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.explain import PLANES, plane_pulls
from spotter.planning.model.review.balance import (
    HIP,
    KNEE,
    KNEE_HIP,
    POSTURE_PULL_RATIO,
    is_staple,
    staple_patterns,
)
from spotter.planning.model.review.context import (
    EPS,
    STRENGTH_PATTERNS,
    fmt,
    is_compound,
    is_trunk_or_carry,
)
from spotter.planning.model.review.simplex import least_missing
from spotter.planning.model.session_time import CHANGEOVER_SECONDS, work_seconds
from spotter.planning.model.targets import TargetRange
from spotter.planning.model.volume import primary_rows, row_shares

#: Item 13's staple share, as a fraction (7 staple sets in 10).
STAPLE_SHARE: Final[tuple[int, int]] = (7, 10)
#: Item 8's weekly cap of one exercise that is neither a main lift nor emphasised.
EXERCISE_WEEK_SETS: Final[float] = 10.0
#: Item 5: sessions of 45-90 minutes hold 4-8 exercises.
COUNT_MINUTES: Final[tuple[int, int]] = (45, 90)
COUNT_RANGE: Final[tuple[int, int]] = (4, 8)
#: Suggested session lengths: steps of 5 minutes, up to 4 hours.
MINUTE_STEP: Final[int] = 5
MOST_MINUTES: Final[int] = 240
#: Most training days a week a plan suggests (one rest day, item 9).
MOST_DAYS: Final[int] = 6


@dataclass(frozen=True, slots=True)
class Conflict:
    """The least fractional sets any week misses (``missing``), the rows one best week of the
    linear program misses them on (often one of several equally short weeks), and the rows
    whose upper end holds it back."""

    missing: float
    short: dict[str, float]
    capped: tuple[str, ...]


def _capped_free(
    f: ExerciseFacts, emphasis: frozenset[str]
) -> bool:  # may exceed 10 sets a week (item 8)
    return (
        f.role == "main"
        or (is_compound(f) and f.pattern in STRENGTH_PATTERNS)
        or bool(primary_rows(f) & emphasis)
    )


def set_seconds(f: ExerciseFacts, goal: str) -> float:
    """Seconds of one set of ``f`` (work and rest) as the planner writes it for ``goal`` and the
    exercise's role, counted as an assistance lift (a main lift rests longer): a generous
    figure, so that a week said not to fit is certain not to.

    >>> from spotter.knowledge.model import Tempo
    >>> raise_ = ExerciseFacts("raise", "isolation", "push", "shoulder-abduction",
    ...     ("side-delts",), (), (), "dumbbell", "beginner", False, "standing",
    ...     Tempo(2, 0, 1, 1), (10, 15), "raise", role="accessory")
    >>> set_seconds(raise_, "hypertrophy")  # 10-15 reps: 12.5 of 4 s, then 60 s rest
    110.0
    """
    from spotter.planning.model.roles import plan_role, role_slot  # roles imports the review

    goal = goal or "general"
    slot = role_slot(f, goal, plan_role(f, frozenset()), 1)
    return work_seconds(slot, f) + slot.rest_seconds


def least_shortfall(
    available: Mapping[str, ExerciseFacts],
    targets: Mapping[str, TargetRange],
    emphasis: frozenset[str] = frozenset(),
    goal: str = "",
    seconds: float | None = None,
) -> Conflict | None:
    """The linear program of the module docstring: None when a week could meet every target's
    lower end (or the program has no answer), else the :class:`Conflict`. With ``seconds``,
    the week's sets (at :func:`set_seconds` each, changeovers left out) fit in that many
    seconds too. Answers are kept for the process (a review asks items 5 and 6 the same)."""
    key = (
        tuple(sorted(available.items())),
        tuple(sorted(targets.items())),
        emphasis,
        goal,
        seconds,
    )
    if key not in _ANSWERS:
        if len(_ANSWERS) >= _KEEP:
            _ANSWERS.clear()
        _ANSWERS[key] = _solve(available, targets, emphasis, goal, seconds)
    return _ANSWERS[key]


_ANSWERS: dict[object, Conflict | None] = {}
_KEEP: Final[int] = 256


def _solve(
    available: Mapping[str, ExerciseFacts],
    targets: Mapping[str, TargetRange],
    emphasis: frozenset[str],
    goal: str,
    seconds: float | None,
) -> Conflict | None:
    rows = sorted(targets)
    lows = [r for r in rows if targets[r].low > EPS]
    if not available or not lows:
        return None
    staples = staple_patterns(available)
    # exercises alike in every coefficient are one variable (item 8 allows 10 sets of each)
    alike: dict[tuple[object, ...], list[str]] = {}
    for x in sorted(available):
        f = available[x]
        sig = (
            tuple(sorted(row_shares(f).items())),
            f.pattern,
            is_trunk_or_carry(f),
            is_staple(f, staples),
            _capped_free(f, emphasis),
            set_seconds(f, goal) if seconds is not None else 0.0,
        )
        alike.setdefault(sig, []).append(x)
    slugs = [group[0] for group in alike.values()]
    copies = [len(group) for group in alike.values()]
    shares = [row_shares(available[x]) for x in slugs]
    pattern = [available[x].pattern for x in slugs]

    def plain(patterns: frozenset[str] | set[str], weight: float = 1.0) -> list[float]:
        return [weight if p in patterns else 0.0 for p in pattern]

    def minus(a: list[float], b: list[float]) -> list[float]:
        return [x - y for x, y in zip(a, b, strict=True)]

    covers = [([sh.get(r, 0.0) for sh in shares], targets[r].low) for r in lows]
    limits: list[tuple[list[float], float]] = [
        ([sh.get(r, 0.0) for sh in shares], targets[r].high) for r in rows
    ]  # at or under the upper end; the first len(rows) limits, named in the answer
    counted = plane_pulls(pattern)  # items 10 and 11: "<= 0" over the plain sets
    for _, push in PLANES.values():
        limits.append((minus(plain({push}), plain(counted[push_plane(push)])), 0.0))
    if goal == "posture":
        pulls = counted["horizontal"] | counted["vertical"]
        pushes = {push for _, push in PLANES.values()}
        limits.append((minus(plain(pushes, POSTURE_PULL_RATIO), plain(pulls)), 0.0))
    lo, hi = KNEE_HIP
    limits.append((minus(plain(KNEE), plain(HIP, hi)), 0.0))
    limits.append((minus(plain(HIP, lo), plain(KNEE)), 0.0))
    if seconds is not None:
        limits.append(([set_seconds(available[x], goal) for x in slugs], seconds))
    num, den = STAPLE_SHARE
    limits.append(
        (
            [
                0.0
                if is_trunk_or_carry(available[x])
                else float(num - den * is_staple(available[x], staples))
                for x in slugs
            ],
            0.0,
        )
    )
    for i, x in enumerate(slugs):  # item 8
        if not _capped_free(available[x], emphasis):
            unit = [0.0] * len(slugs)
            unit[i] = 1.0
            limits.append((unit, EXERCISE_WEEK_SETS * copies[i]))
    found = least_missing(len(slugs), covers, limits)
    if found is None or found[0] <= EPS:
        return None
    total, missing, binding = found
    short = {r: x for r, x in zip(lows, missing, strict=True) if x > EPS}
    capped = tuple(rows[i] for i in binding if i < len(rows))
    return Conflict(total, short, capped)


def push_plane(push: str) -> str:
    """The plane (``horizontal`` or ``vertical``) of a pressing pattern."""
    return next(plane for plane, (_, p) in PLANES.items() if p == push)


def targets_conflict(
    available: Mapping[str, ExerciseFacts],
    targets: Mapping[str, TargetRange],
    short: Mapping[str, float],
    emphasis: frozenset[str] = frozenset(),
    goal: str = "",
) -> str | None:
    """Why no week meets the targets (module docstring), naming the week's short rows
    (``short``: row -> sets planned), or None when some week could."""
    found = least_shortfall(available, targets, emphasis, goal)
    if found is None:
        return None
    rows = ", ".join(f"{r} ({fmt(x)} of {fmt(targets[r].low)} sets)" for r, x in short.items())
    caps = ", ".join(f"{r} at most {fmt(targets[r].high)}" for r in found.capped)
    held = f" with {caps}" if caps else ""
    return (
        f"no week of any length reaches every target's lower end with these exercises: "
        f"{held.strip() or 'under every upper end'}, pulls and presses, knee and hip work in "
        f"balance and 70 % of the sets on staples, at least "
        f"{fmt(math.ceil(found.missing * 2 - EPS) / 2)} set(s) stay missing below the lower "
        f"ends, whichever muscles miss them (the sets that would close the gap count for those "
        f"capped muscles too); this week: {rows}"
    )


def week_seconds(sessions: int, minutes: int) -> float:
    """Seconds a week of ``sessions`` x ``minutes`` has for sets: each 45-90 minute session
    holds at least 4 exercises (item 5), so at least 3 changeovers of
    :data:`~spotter.planning.model.session_time.CHANGEOVER_SECONDS` come off.

    >>> week_seconds(3, 45), week_seconds(2, 30)
    (7290, 3600)
    """
    low, high = COUNT_MINUTES
    changes = COUNT_RANGE[0] - 1 if low <= minutes <= high else 0
    return sessions * (minutes * 60 - changes * CHANGEOVER_SECONDS)


def time_shortfall(
    available: Mapping[str, ExerciseFacts],
    targets: Mapping[str, TargetRange],
    emphasis: frozenset[str],
    goal: str,
    sessions: int,
    minutes: int,
) -> Conflict | None:
    """:func:`least_shortfall` within the week's minutes (:func:`week_seconds`): None when
    some week of that length could meet every target's lower end."""
    return least_shortfall(available, targets, emphasis, goal, week_seconds(sessions, minutes))


def time_conflict(
    available: Mapping[str, ExerciseFacts],
    targets: Mapping[str, TargetRange],
    short: Mapping[str, float],
    emphasis: frozenset[str],
    goal: str,
    sessions: int,
    minutes: int,
) -> str | None:
    """Why the request's minutes cannot hold the targets, by the linear bound with its time
    limit, and the session length or number of days that would lift it; None when some week
    of that length could meet them."""
    found = time_shortfall(available, targets, emphasis, goal, sessions, minutes)
    if found is None:
        return None
    longer = None  # the shortest session in steps of 5 minutes that lifts the bound: bisection
    low, high = minutes, MOST_MINUTES + MINUTE_STEP
    while high - low > MINUTE_STEP:
        mid = low + (high - low) // (2 * MINUTE_STEP) * MINUTE_STEP
        if time_shortfall(available, targets, emphasis, goal, sessions, mid) is None:
            high = mid
        else:
            low = mid
    if high <= MOST_MINUTES:
        longer = high
    more = next(
        (
            d
            for d in range(sessions + 1, MOST_DAYS + 1)
            if time_shortfall(available, targets, emphasis, goal, d, minutes) is None
        ),
        None,
    )
    changes = [f"sessions of {longer} min"] if longer is not None else []
    if more is not None:
        changes.append(f"{more} training days of {minutes} min")
    rows = ", ".join(f"{r} ({fmt(x)} of {fmt(targets[r].low)} sets)" for r, x in short.items())
    return (
        f"{sessions} session(s) of {minutes} min cannot hold every target's lower end even at "
        f"the quickest sets the plan's roles allow: at least "
        f"{fmt(math.ceil(found.missing * 2 - EPS) / 2)} set(s) stay missing; this week: {rows}. "
        f"To reach them: {' or '.join(changes) or 'more minutes than a session can hold'}"
    )
