"""A lifter's training week, planned against done: what a coach looks at first.

For each day of one Monday-to-Sunday week: the session the active plan has on it (its exercises
and working sets) and what the log holds that day (working sets per exercise), with the day's
standing: done, missed (planned, past and nothing logged), today, to come, extra (logged without
a plan), or rest. :func:`compare_week` is the pure comparison; :func:`review_week` reads the plan
and the sets through a unit of work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from spotter.log import SetRecord
from spotter.planning.model.stored import StoredPlan
from spotter.services.uow import UnitOfWork


class _Log(Protocol):
    def sets(
        self,
        *,
        exercise: str | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[SetRecord]: ...


class _Plans(Protocol):
    def active(self) -> StoredPlan | None: ...


class WeekUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> _Log: ...
    @property
    def plans(self) -> _Plans: ...


@dataclass(frozen=True, slots=True)
class Work:
    """Working sets of one exercise (planned or done)."""

    exercise: str
    sets: int


@dataclass(frozen=True, slots=True)
class DayReview:
    date: dt.date
    #: The planned session's name ("" on a day without one).
    session: str
    planned: tuple[Work, ...]
    done: tuple[Work, ...]
    #: done, missed, today, to come, extra or rest.
    status: str

    @property
    def planned_sets(self) -> int:
        return sum(w.sets for w in self.planned)

    @property
    def done_sets(self) -> int:
        return sum(w.sets for w in self.done)


@dataclass(frozen=True, slots=True)
class WeekReview:
    """Seven days from ``start`` (a Monday), and the plan they were compared with."""

    start: dt.date
    plan: str | None
    days: tuple[DayReview, ...]

    @property
    def planned_sessions(self) -> int:
        return sum(1 for d in self.days if d.planned)

    @property
    def sessions_done(self) -> int:
        """Planned sessions with something logged on their day."""
        return sum(1 for d in self.days if d.planned and d.done)

    @property
    def planned_sets(self) -> int:
        return sum(d.planned_sets for d in self.days)

    @property
    def done_sets(self) -> int:
        return sum(d.done_sets for d in self.days)


def monday_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week.

    >>> monday_of(dt.date(2026, 12, 3))  # a Thursday
    datetime.date(2026, 11, 30)
    """
    return day - dt.timedelta(days=day.weekday())


def _status(day: dt.date, today: dt.date, planned: bool, done: bool) -> str:
    """How a day stands.

    >>> d = dt.date(2026, 12, 1)
    >>> [_status(d, dt.date(2026, 12, 3), p, x) for p, x in ((1, 1), (1, 0), (0, 1), (0, 0))]
    ['done', 'missed', 'extra', 'rest']
    >>> _status(d, d, True, False), _status(d, dt.date(2026, 11, 30), True, False)
    ('today', 'to come')
    """
    if done:
        return "done" if planned else "extra"
    if not planned:
        return "rest"
    if day < today:
        return "missed"
    return "today" if day == today else "to come"


def compare_week(
    start: dt.date,
    today: dt.date,
    plan: StoredPlan | None,
    sets: Iterable[SetRecord],
    name: Callable[[str], str] = str,
) -> WeekReview:
    """Planned against done for the week from ``start`` (a Monday); ``today`` is the lifter's.

    Only working sets count (warm-ups are not the plan's sets); ``name`` names an exercise slug.

    >>> from spotter.log import SetRecord
    >>> s = [SetRecord(dt.datetime(2026, 12, 1, 18), "squat", 100.0, 5),
    ...      SetRecord(dt.datetime(2026, 12, 1, 18), "squat", 60.0, 5, set_type="warm-up"),
    ...      SetRecord(dt.datetime(2026, 12, 1, 18, 5), "squat", 100.0, 5)]
    >>> week = compare_week(dt.date(2026, 11, 30), dt.date(2026, 12, 3), None, s)
    >>> [(d.date.day, d.status, d.done_sets) for d in week.days if d.status != "rest"]
    [(1, 'extra', 2)]
    """
    end = start + dt.timedelta(days=7)
    done: dict[dt.date, dict[str, int]] = {}
    for s in sets:
        day = s.performed_at.date()
        if start <= day < end and s.is_working:
            per = done.setdefault(day, {})
            per[s.exercise] = per.get(s.exercise, 0) + 1
    sessions = {} if plan is None else {p.date: p for p in plan.sessions() if start <= p.date < end}
    days = []
    for i in range(7):
        day = start + dt.timedelta(days=i)
        p = sessions.get(day)
        planned = () if p is None else tuple(Work(name(x.exercise), x.sets) for x in p.session.slots)
        did = tuple(Work(name(slug), n) for slug, n in done.get(day, {}).items())
        days.append(
            DayReview(
                date=day,
                session="" if p is None else p.name,
                planned=planned,
                done=did,
                status=_status(day, today, bool(planned), bool(did)),
            )
        )
    return WeekReview(start, None if plan is None else plan.name, tuple(days))


def review_week(
    uow: WeekUnitOfWork,
    *,
    start: dt.date,
    today: dt.date,
    name: Callable[[str], str] = str,
) -> WeekReview:
    """The week from ``start`` of the uow's lifter: their active plan against their log."""
    begin = dt.datetime.combine(start, dt.time())
    with uow:
        plan = uow.plans.active()
        sets = uow.log.sets(start=begin, end=begin + dt.timedelta(days=7))
    return compare_week(start, today, plan, sets, name)
