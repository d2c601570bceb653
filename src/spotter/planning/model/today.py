"""Today in a mesocycle: which week and session fall on a date, and how recovery adjusts them.

**Where a date falls.** A plan starts on ``start`` (any weekday). Week ``i`` (0-based) is the
seven days ``start + 7i .. start + 7i + 6``: ``i = (date - start).days // 7``. A session planned
for a weekday happens on the day of that week with that weekday. After the last week (the
deload) the plan has ended; before ``start`` it has not begun.

**Recovery adjustment.** Each slot is judged by the least recovered of its exercise's primary
muscles, using the recovery model of :mod:`spotter.science.recovery` (fatigue per set, decaying
with a time constant of 20 h, 30 h for the big lower-body muscles; SCIENCE.md section 4; ready
at 90 %). Secondary muscles are not judged: they take half the fatigue and are not the target.

=================  ==========================================================================
least recovered    proposal
=================  ==========================================================================
80 % or more       keep the slot (80-90 %: "nearly ready", said in the note)
50 % to 80 %       fewer sets: drop a third (``sets x 2/3`` rounded half up, at least 1)
below 50 %         *far from recovered*: swap to an alternative whose primary muscles are all
                   ready (90 % or more) and that is not already in the session; without one,
                   keep a third of the sets (rounded half up, at least 1)
=================  ==========================================================================

What the thresholds mean in the model's numbers: a normal session for a muscle (4 compound sets
at RPE 8, 48 points of fatigue) leaves it at 85.5 % after 24 h (95.6 % after 48 h), so the
plan's own rhythm stays above 80 % and is kept. Below 80 % after a day means more than about
5.5 such sets the day before (66 points, ``20 x e^(24/20)``); that is extra work, a missed day
pushed onto the next, or two sessions in a row, and a third of the sets goes. Below 50 % is only
reached within hours of a hard session (four such sets 4 h ago leave a muscle at 60.7 %; eight
sets to failure 10 h ago leave it at 39.3 %): the muscle is still half fatigued, so the slot
trains something else when the catalog offers it.

>>> from spotter.planning.model.program import Session, Slot, WeekPlan, build_mesocycle
>>> meso = build_mesocycle(WeekPlan((Session("mon", (Slot("squat", 4, 6, 10, 2, 120),)),)))
>>> day = locate(meso, dt.date(2026, 11, 2), dt.date(2026, 11, 16))
>>> day.status, day.week_index, day.session.slots[0].sets
('training', 2, 3)
>>> locate(meso, dt.date(2026, 11, 2), dt.date(2026, 11, 17)).next_date
datetime.date(2026, 11, 23)
>>> fewer_sets(4, TWO_THIRDS), fewer_sets(3, ONE_THIRD)
(3, 1)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final, Literal

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import Mesocycle, Session, Slot
from spotter.profile import WEEKDAYS

#: At or above this (percent), a slot is kept.
KEEP_AT: Final[float] = 80.0
#: Below this (percent), a muscle is far from recovered: swap, or keep only a third.
FAR_BELOW: Final[float] = 50.0
#: An alternative's primary muscles must all be at least this recovered (the model's "ready").
READY_AT: Final[float] = 90.0
#: Fractions of the planned sets kept.
TWO_THIRDS: Final[Fraction] = Fraction(2, 3)
ONE_THIRD: Final[Fraction] = Fraction(1, 3)

Status = Literal["training", "rest", "not-started", "ended"]
Action = Literal["keep", "fewer-sets", "swap"]


@dataclass(frozen=True, slots=True)
class PlanDay:
    """What the plan holds on ``on``.

    ``status`` is ``training`` (``session`` is set), ``rest`` (no session that day),
    ``not-started`` (before the plan's first day) or ``ended`` (after its last week).
    ``next_date``/``next_day`` name the next session after ``on`` within the plan, if any.
    """

    on: dt.date
    status: Status
    week_index: int | None
    weeks: int
    deload: bool
    session: Session | None
    next_date: dt.date | None
    next_day: str | None
    message: str


def end_date(meso: Mesocycle, start: dt.date) -> dt.date:
    """The last day of the plan.

    >>> from spotter.planning.model.program import Session, Slot, WeekPlan, build_mesocycle
    >>> meso = build_mesocycle(WeekPlan((Session("mon", (Slot("squat", 4, 6, 10, 2, 120),)),)))
    >>> end_date(meso, dt.date(2026, 11, 2))
    datetime.date(2026, 12, 13)
    """
    return start + dt.timedelta(days=7 * len(meso.weeks) - 1)


def session_date(start: dt.date, week_index: int, day: str) -> dt.date:
    """The date of the session on weekday ``day`` in week ``week_index`` of a plan from ``start``.

    >>> session_date(dt.date(2026, 11, 4), 0, "mon")  # a plan starting on a Wednesday
    datetime.date(2026, 11, 9)
    """
    first = start + dt.timedelta(days=7 * week_index)
    return first + dt.timedelta(days=(WEEKDAYS.index(day) - first.weekday()) % 7)


def sessions_between(
    meso: Mesocycle, start: dt.date, first: dt.date, last: dt.date
) -> list[tuple[dt.date, int, Session]]:
    """Every planned session dated ``first`` to ``last`` (inclusive), with its week index."""
    out = []
    for i, week in enumerate(meso.weeks):
        for s in week.sessions:
            day = session_date(start, i, s.day)
            if first <= day <= last:
                out.append((day, i, s))
    return sorted(out, key=lambda t: t[0])


def _fmt(day: dt.date) -> str:
    return f"{day:%a} {day.isoformat()}"


def locate(meso: Mesocycle, start: dt.date, on: dt.date) -> PlanDay:
    """Which week and session of the plan fall on ``on`` (module docstring)."""
    weeks = len(meso.weeks)
    last = end_date(meso, start)
    upcoming = sessions_between(meso, start, on + dt.timedelta(days=1), last)
    nxt = upcoming[0] if upcoming else None
    next_date, next_day = (nxt[0], nxt[2].day) if nxt else (None, None)
    after = f" Next session: {_fmt(next_date)}." if next_date else ""
    if on > last:
        return PlanDay(
            on,
            "ended",
            None,
            weeks,
            False,
            None,
            None,
            None,
            f"The plan ended on {_fmt(last)}: run `spotter plan new` for the next block.",
        )
    if on < start:
        first = sessions_between(meso, start, start, last)
        nd = first[0] if first else None
        return PlanDay(
            on,
            "not-started",
            None,
            weeks,
            False,
            None,
            nd[0] if nd else None,
            nd[2].day if nd else None,
            f"The plan starts on {_fmt(start)}."
            + (f" First session: {_fmt(nd[0])}." if nd else ""),
        )
    index = (on - start).days // 7
    week = meso.weeks[index]
    today = WEEKDAYS[on.weekday()]
    label = f"week {index + 1} of {weeks}" + (" (deload)" if week.deload else "")
    for s in week.sessions:
        if s.day == today:
            return PlanDay(
                on,
                "training",
                index,
                weeks,
                week.deload,
                s,
                next_date,
                next_day,
                f"{_fmt(on)}: {label}, {len(s.slots)} exercises.",
            )
    tail = after or " No more sessions in this plan."
    return PlanDay(
        on,
        "rest",
        index,
        weeks,
        week.deload,
        None,
        next_date,
        next_day,
        f"{_fmt(on)} is not a training day ({label}).{tail}",
    )


def slot_on(meso: Mesocycle, start: dt.date, on: dt.date, exercise: str) -> Slot | None:
    """The slot of ``exercise`` in the session planned on ``on``, if there is one."""
    day = locate(meso, start, on)
    if day.session is None:
        return None
    return next((s for s in day.session.slots if s.exercise == exercise), None)


# -- recovery adjustment -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Adjustment:
    """The proposal for one slot: do ``sets`` of ``exercise`` (the planned one unless swapped).

    ``recovery`` is the least recovered primary muscle of the planned exercise (``muscle``), in
    percent; ``reason`` says why in one line.
    """

    action: Action
    planned: str
    exercise: str
    planned_sets: int
    sets: int
    recovery: float
    muscle: str | None
    reason: str


def fewer_sets(sets: int, keep: Fraction) -> int:
    """``sets x keep`` rounded half up, at least 1.

    >>> [fewer_sets(n, TWO_THIRDS) for n in (1, 2, 3, 4, 5, 6)]
    [1, 1, 2, 3, 3, 4]
    >>> [fewer_sets(n, ONE_THIRD) for n in (1, 3, 4, 5, 6)]
    [1, 1, 1, 2, 2]
    """
    return max(1, math.floor(sets * keep + Fraction(1, 2)))


def least_recovered(
    primary: Sequence[str], recovery: Mapping[str, float]
) -> tuple[str | None, float]:
    """The primary muscle with the lowest recovery (percent; an absent muscle is at 100).

    >>> least_recovered(("lats", "biceps"), {"lats": 70.0})
    ('lats', 70.0)
    >>> least_recovered((), {})
    (None, 100.0)
    """
    worst: tuple[str | None, float] = (None, 100.0)
    for m in primary:
        value = recovery.get(m, 100.0)
        if worst[0] is None or value < worst[1]:
            worst = (m, value)
    return worst


def adjust_slot(
    slot: Slot,
    facts: ExerciseFacts,
    recovery: Mapping[str, float],
    alternatives: Sequence[ExerciseFacts] = (),
    taken: frozenset[str] = frozenset(),
) -> Adjustment:
    """Keep, fewer sets or a swap for ``slot`` (thresholds in the module docstring).

    ``alternatives`` are candidates in order of preference; ``taken`` the exercises already in
    the session, which are never swapped in.

    >>> from spotter.knowledge.model import Tempo
    >>> def ex(slug, *primary):
    ...     return ExerciseFacts(slug, "compound", "pull", "vertical-pull", primary, (),
    ...                          ("cable-machine",), "cable-stack", "beginner", False, "seated",
    ...                          Tempo(3, 0, 2, 1), (8, 12), "pulldown")
    >>> pulldown, face_pull = ex("pulldown", "lats"), ex("face-pull", "rear-delts")
    >>> slot = Slot("pulldown", 4, 8, 12, 2, 120)
    >>> adjust_slot(slot, pulldown, {"lats": 85.0}).action
    'keep'
    >>> a = adjust_slot(slot, pulldown, {"lats": 60.0})
    >>> a.action, a.sets
    ('fewer-sets', 3)
    >>> a = adjust_slot(slot, pulldown, {"lats": 40.0}, [face_pull])
    >>> a.action, a.exercise, a.sets
    ('swap', 'face-pull', 4)
    >>> a = adjust_slot(slot, pulldown, {"lats": 40.0, "rear-delts": 70.0}, [face_pull])
    >>> a.action, a.sets
    ('fewer-sets', 1)
    """
    muscle, value = least_recovered(facts.primary, recovery)
    pct = f"{value:.0f} %"

    def make(action: Action, exercise: str, sets: int, reason: str) -> Adjustment:
        return Adjustment(action, slot.exercise, exercise, slot.sets, sets, value, muscle, reason)

    if value >= KEEP_AT:
        note = (
            f"{muscle} at {pct}: nearly ready (90 %), keep the plan."
            if value < READY_AT and muscle
            else "Ready."
        )
        return make("keep", slot.exercise, slot.sets, note)
    if value >= FAR_BELOW:
        sets = fewer_sets(slot.sets, TWO_THIRDS)
        return make(
            "fewer-sets",
            slot.exercise,
            sets,
            f"{muscle} only {pct} recovered (50-80 %): {slot.sets} → {sets} sets (a third fewer).",
        )
    for alt in alternatives:
        if alt.slug in taken or alt.slug == slot.exercise or not alt.primary:
            continue
        if alt.measure != facts.measure:
            continue
        if all(recovery.get(m, 100.0) >= READY_AT for m in alt.primary):
            return make(
                "swap",
                alt.slug,
                slot.sets,
                f"{muscle} far from recovered ({pct}, below 50 %): swap to {alt.slug}, whose "
                f"primary muscles ({', '.join(alt.primary)}) are ready.",
            )
    sets = fewer_sets(slot.sets, ONE_THIRD)
    return make(
        "fewer-sets",
        slot.exercise,
        sets,
        f"{muscle} far from recovered ({pct}, below 50 %) and no ready alternative: "
        f"{slot.sets} → {sets} sets (a third of the plan).",
    )


def adjust_session(
    session: Session,
    facts: Mapping[str, ExerciseFacts],
    recovery: Mapping[str, float],
    alternatives: Mapping[str, Sequence[ExerciseFacts]],
) -> tuple[Adjustment, ...]:
    """:func:`adjust_slot` for every slot, in order; a swap never brings in an exercise that is
    already in the session (planned or swapped in earlier)."""
    taken = {s.exercise for s in session.slots}
    out = []
    for slot in session.slots:
        adj = adjust_slot(
            slot,
            facts[slot.exercise],
            recovery,
            alternatives.get(slot.exercise, ()),
            frozenset(taken),
        )
        taken.add(adj.exercise)
        out.append(adj)
    return tuple(out)
