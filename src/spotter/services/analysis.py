"""Numbers from one user's log: progress and records, weekly volume, recovery.

Each use case reads what it needs through the unit of work (the sets, the bodyweights), leaves
out sets with impossible numbers (and says which, in ``skipped``), and computes with the pure
functions of :mod:`spotter.services.training`. Weeks run Monday to Sunday on the lifter's wall
clock, the clock the log keeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from spotter.knowledge.catalog import Catalog
from spotter.log import SetRecord
from spotter.services.training import Records, RecoveryReport, SessionPoint, VolumeReport
from spotter.services.uow import UnitOfWork


class _Sets(Protocol):
    def sets(
        self,
        *,
        exercise: str | None = ...,
        start: dt.datetime | None = ...,
        end: dt.datetime | None = ...,
    ) -> list[SetRecord]: ...
    def exercises(self) -> list[str]: ...


class _Bodyweights(Protocol):
    def all(self) -> list[tuple[dt.datetime, float]]: ...


class AnalysisUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> _Sets: ...
    @property
    def bodyweight(self) -> _Bodyweights: ...


@dataclass(frozen=True, slots=True)
class ExerciseProgress:
    exercise: str
    sessions: tuple[SessionPoint, ...]
    records: Records
    #: Loads include the body (a bodyweight exercise with a recorded bodyweight).
    with_body: bool
    #: A bodyweight exercise, whatever was recorded.
    on_body: bool


@dataclass(frozen=True, slots=True)
class Progress:
    exercises: tuple[ExerciseProgress, ...]
    has_bodyweight: bool
    skipped: tuple[str, ...] = field(default=(), metadata={"json": False})


@dataclass(frozen=True, slots=True)
class MuscleSets:
    """One muscle's working sets in the week against its volume landmarks (sets per week)."""

    muscle: str
    sets: float
    mev: float
    mav: tuple[float, float]
    mrv: float
    status: str


@dataclass(frozen=True, slots=True)
class Volume:
    week_start: dt.date
    sets_counted: int
    muscles: tuple[MuscleSets, ...]
    #: Muscles without landmarks (rotator cuff, forearms...), fractional sets.
    other: dict[str, float]
    report: VolumeReport = field(metadata={"json": False})
    skipped: tuple[str, ...] = field(default=(), metadata={"json": False})


@dataclass(frozen=True, slots=True)
class Recovery:
    at: dt.datetime
    #: Percent recovered, every muscle of the vocabulary.
    recovery: dict[str, float]
    #: The muscles at 90 % or more.
    ready: tuple[str, ...]
    report: RecoveryReport = field(metadata={"json": False})
    skipped: tuple[str, ...] = field(default=(), metadata={"json": False})


def _sets(
    uow: AnalysisUnitOfWork,
    *,
    exercise: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> tuple[list[SetRecord], tuple[str, ...]]:
    from spotter.services.lookup import plausible

    with uow:
        found = uow.log.sets(exercise=exercise, start=start, end=end)
    return plausible(found)


def progress_of(uow: AnalysisUnitOfWork, catalog: Catalog, exercise: str | None) -> Progress:
    """The e1RM trend and records of ``exercise`` (a name, slug or imported name), or of every
    logged exercise."""
    from spotter.services.lookup import resolve_logged
    from spotter.services.training import progress, relative_to_body, with_system_mass

    if exercise:
        slugs = [resolve_logged(uow, catalog, exercise)]
        records, skipped = _sets(uow, exercise=slugs[0])
    else:
        records, skipped = _sets(uow)
        slugs = sorted({r.exercise for r in records})
    by_ex: dict[str, list[SetRecord]] = {s: [] for s in slugs}
    for r in records:
        if r.exercise in by_ex:
            by_ex[r.exercise].append(r)
    with uow:
        bodyweights = uow.bodyweight.all()
    found = []
    for s in slugs:
        known = s in catalog
        on_body = known and relative_to_body(catalog.get(s))
        rows = with_system_mass(by_ex[s], catalog.get(s), bodyweights) if known else by_ex[s]
        points, recs = progress(rows)
        found.append(
            ExerciseProgress(s, tuple(points), recs, on_body and bool(bodyweights), on_body)
        )
    return Progress(tuple(found), bool(bodyweights), skipped)


def volume_of(uow: AnalysisUnitOfWork, catalog: Catalog, week_of: dt.date) -> Volume:
    """Working sets per muscle in the Monday-Sunday week of ``week_of``."""
    from spotter.services.training import week_range, weekly_volume

    start, end = week_range(week_of)
    records, skipped = _sets(uow, start=start, end=end)
    report = weekly_volume(records, catalog, week_of)
    muscles = tuple(
        MuscleSets(
            r.muscle,
            r.sets,
            r.landmarks.mev,
            (r.landmarks.mav_low, r.landmarks.mav_high),
            r.landmarks.mrv,
            r.status.value,
        )
        for r in report.rows
    )
    return Volume(report.week_start, report.sets_counted, muscles, report.other, report, skipped)


def recovery_of(uow: AnalysisUnitOfWork, catalog: Catalog, at: dt.datetime) -> Recovery:
    """Recovery of every muscle at ``at`` (the lifter's wall clock) from the week before."""
    from spotter.services.training import RECOVERY_WINDOW, recovery_report

    records, skipped = _sets(uow, start=at - RECOVERY_WINDOW, end=at + dt.timedelta(seconds=1))
    report = recovery_report(records, catalog, at)
    return Recovery(report.at, report.percent, report.ready, report, skipped)
