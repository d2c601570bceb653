"""Rubric items 6-9: the dose (PLAN-RUBRIC.md, "Dose").

6. **Volume per muscle** -- each landmarks row's weekly fractional sets inside the goal's target
   range (targets that no week of any length can meet together, :mod:`~.conflict`, are named
   as such; so is a request too short to reach the targets' lower ends at all, :mod:`~.room`,
   and a week whose full sessions, at their pace, have no minutes left for the sets it misses,
   :mod:`~.volume_room`) (:func:`~spotter.planning.model.targets.weekly_targets`, whose docstring gives each
   goal's derivation and source), an emphasised row in the upper half of its range, no row above
   its MRV (:data:`~spotter.science.volume.LANDMARKS_2017`). For hypertrophy, when the
   mesocycle is given, every row's sets never fall from one accumulation week to the next and
   the first week has fewer sets than the peak (MEV towards MAV).
7. **Frequency** -- with three or more sessions, each major group
   (:data:`~.context.MAJOR_GROUPS`) gets at least :data:`DAY_SETS` (1) fractional set on at
   least two days. Not applicable with fewer sessions.
8. **Per-session cap** -- at most :data:`SESSION_HARD_SETS` (10) hard sets for one row in a
   session; no exercise above :data:`EXERCISE_WEEK_SETS` (10) sets a week unless it trains an
   emphasised row as a primary mover or is one of the week's main lifts.
9. **Recovery** -- a row given :data:`HARD_DAY` (6) or more hard sets is not given 6 or more
   again the next calendar day (Sunday to Monday counts: the week repeats); at least one day
   a week without a session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.review.conflict import targets_conflict, time_conflict
from spotter.planning.model.review.context import (
    EPS,
    MAJOR_GROUPS,
    ItemResult,
    ReviewInput,
    failed,
    fmt,
    hard_sets,
    main_lifts,
    not_applicable,
    passed,
)
from spotter.planning.model.review.room import most_row_sets_per_set, set_room
from spotter.planning.model.review.volume_room import short_of_time
from spotter.planning.model.targets import weekly_targets
from spotter.planning.model.volume import primary_rows, session_row_sets, week_row_sets
from spotter.profile import WEEKDAYS
from spotter.science.volume import LANDMARKS_2017

DAY_SETS: Final[float] = 1.0
SESSION_HARD_SETS: Final[int] = 10
EXERCISE_WEEK_SETS: Final[int] = 10
HARD_DAY: Final[int] = 6
FREQUENCY_MIN_SESSIONS: Final[int] = 3


def volume(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> ItemResult:
    """Item 6 (module docstring)."""
    n, key, title = 6, "volume", "Volume per muscle"
    targets = (
        inp.targets
        if inp.targets is not None
        else weekly_targets(inp.profile.goal, inp.profile.experience)
    )
    sets = week_row_sets(inp.week, inp.facts)
    details = []
    for row, t in targets.items():
        x = sets.get(row, 0.0)
        if x < t.low - EPS or x > t.high + EPS:
            side = "below" if x < t.low else "above"
            details.append(
                f"{row}: {fmt(x)} sets a week, {side} the target {fmt(t.low)}-{fmt(t.high)}"
            )
        elif row in inp.emphasis and x < (t.low + t.high) / 2 - EPS:
            details.append(
                f"{row} (emphasised): {fmt(x)} sets, in the lower half of "
                f"{fmt(t.low)}-{fmt(t.high)}"
            )
        lm = LANDMARKS_2017.get(row)
        if lm is not None and x > lm.mrv + EPS:
            details.append(f"{row}: {fmt(x)} sets, above its MRV of {fmt(lm.mrv)}")
    if inp.profile.goal == "hypertrophy" and inp.mesocycle is not None:
        weeks = [w for w in inp.mesocycle.weeks if not w.deload]
        per_week = [week_row_sets(w, inp.facts) for w in weeks]
        for row in sorted({r for w in per_week for r in w}):
            series = [w.get(row, 0.0) for w in per_week]
            drops = [i for i in range(1, len(series)) if series[i] < series[i - 1] - EPS]
            if drops:
                details.append(
                    f"{row}: sets fall from week {drops[0]} to week {drops[0] + 1} "
                    f"({fmt(series[drops[0] - 1])} to {fmt(series[drops[0]])})"
                )
        totals = [sum(w.values()) for w in per_week]
        if len(totals) > 1 and totals[0] >= totals[-1] - EPS:
            details.append(
                f"volume does not ramp: week 1 has {fmt(totals[0])} sets, the peak week "
                f"{fmt(totals[-1])}"
            )
    if not details:
        return passed(
            n, key, title, f"every muscle is inside its {inp.profile.goal} target range"
        )
    lows = sum(t.low for t in targets.values())
    cannot = None
    if not any("below the target" in d for d in details):
        return failed(n, key, title, details)
    most = set_room(inp, available)
    reach = most * most_row_sets_per_set(available)
    short = {r: sets.get(r, 0.0) for r, t in targets.items() if sets.get(r, 0.0) < t.low - EPS}
    clash = targets_conflict(
        available, targets, short, frozenset(inp.emphasis), inp.profile.goal
    )
    profile = inp.profile
    timed = None
    if clash is None:
        timed = time_conflict(
            available,
            targets,
            short,
            frozenset(inp.emphasis),
            profile.goal,
            profile.sessions_per_week,
            profile.minutes_per_session,
        )
    if clash is not None:
        cannot = clash
    elif timed is None:
        # some week of these minutes meets every target: the plan falls short, not the request
        cannot = None
    elif reach < lows - EPS:
        cannot = (
            f"{inp.profile.sessions_per_week} session(s) of {inp.profile.minutes_per_session} "
            f"min hold at most {most} sets, {fmt(reach)} sets across the muscles at best, and "
            f"the targets' lower ends add up to {fmt(lows)}"
        )
    else:
        cannot = short_of_time(inp, available, targets, sets) or timed
    return failed(n, key, title, details, cannot_hold=cannot)


def frequency(inp: ReviewInput) -> ItemResult:
    """Item 7 (module docstring)."""
    n, key, title = 7, "frequency", "Frequency"
    sessions = len(inp.week.sessions)
    if sessions < FREQUENCY_MIN_SESSIONS:
        return not_applicable(
            n,
            key,
            title,
            f"{sessions} training day(s): twice-a-week frequency is asked from 3 days up",
        )
    days: dict[str, list[str]] = {g: [] for g in MAJOR_GROUPS}
    for s in inp.week.sessions:
        per_row = session_row_sets(s, inp.facts)
        for group, rows in MAJOR_GROUPS.items():
            if sum(per_row.get(r, 0.0) for r in rows) >= DAY_SETS - EPS:
                days[group].append(s.day)
    details = [
        f"{group} trained on {len(d)} day(s) ({', '.join(d) or 'none'}); at least 2 wanted"
        for group, d in days.items()
        if len(d) < 2
    ]
    if not details:
        return passed(n, key, title, "every major muscle is trained on two or more days")
    return failed(n, key, title, details)


def session_cap(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> ItemResult:
    """Item 8 (module docstring)."""
    n, key, title = 8, "session-cap", "Per-session cap"
    details = []
    for s in inp.week.sessions:
        for row, k in sorted(hard_sets(s, inp.facts).items()):
            if k > SESSION_HARD_SETS:
                details.append(f"{s.day}: {row} gets {k} hard sets, over {SESSION_HARD_SETS}")
    weekly: dict[str, int] = {}
    for s in inp.week.sessions:
        for x in s.slots:
            weekly[x.exercise] = weekly.get(x.exercise, 0) + x.sets
    main = main_lifts(inp, available)
    for slug, k in weekly.items():
        if k <= EXERCISE_WEEK_SETS or slug in main:
            continue
        if primary_rows(inp.facts[slug]) & set(inp.emphasis):
            continue
        details.append(
            f"{slug}: {k} sets a week, over {EXERCISE_WEEK_SETS} for an exercise that is "
            "neither a main lift nor emphasised"
        )
    if not details:
        return passed(
            n, key, title, "no muscle above 10 hard sets in a session, no exercise above 10 a week"
        )
    return failed(n, key, title, details)


def _next_day(a: str, b: str) -> bool:
    return (WEEKDAYS.index(b) - WEEKDAYS.index(a)) % 7 == 1


def recovery(inp: ReviewInput) -> ItemResult:
    """Item 9 (module docstring)."""
    n, key, title = 9, "recovery", "Recovery"
    per_day = {s.day: hard_sets(s, inp.facts) for s in inp.week.sessions}
    details = []
    for a, rows_a in per_day.items():
        for b, rows_b in per_day.items():
            if a == b or not _next_day(a, b):
                continue
            for row in sorted(rows_a):
                if rows_a[row] >= HARD_DAY and rows_b.get(row, 0) >= HARD_DAY:
                    details.append(
                        f"{row}: {rows_a[row]} hard sets on {a}, then {rows_b[row]} on {b}"
                    )
    cannot = None
    if len(per_day) >= len(WEEKDAYS):
        details.append("no rest day: a session on all seven days")
        if inp.profile.sessions_per_week >= len(WEEKDAYS):
            cannot = "the request asks for seven training days"
    if not details:
        return passed(
            n,
            key,
            title,
            f"no muscle trained hard two days running; {len(WEEKDAYS) - len(per_day)} rest "
            "day(s)",
        )
    return failed(n, key, title, details, cannot_hold=cannot)
