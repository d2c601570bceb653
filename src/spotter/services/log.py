"""Logging sets, showing the history, undoing the last entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from spotter.errors import SpotterError
from spotter.interchange.logline import LoggedSet, parse_log_line
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.model import Exercise
from spotter.log import LogBatch, SetRecord
from spotter.science.units import to_kg
from spotter.services.uow import UnitOfWork


class LogInputError(SpotterError):
    """A set that cannot be logged as written; nothing was saved."""


class SetReader(Protocol):
    """The log's read side: what services that only look at history need."""

    def sets(
        self,
        *,
        exercise: str | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[SetRecord]: ...


class _LogRepo(SetReader, Protocol):
    def add_batch(self, command: str, sets: list[SetRecord], *, now: dt.datetime) -> int: ...
    def last_batch(self) -> LogBatch | None: ...
    def delete_batch(self, batch_id: int) -> None: ...


class LogUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> _LogRepo: ...


@dataclass(frozen=True, slots=True)
class Logged:
    exercise: Exercise
    sets: tuple[SetRecord, ...]
    batch_id: int


def is_assisted(ex: Exercise) -> bool:
    """Whether a negative load (assistance) makes sense for this exercise."""
    return "assisted" in ex.slug or "assist" in ex.name.lower()


def to_records(ex: Exercise, logged: tuple[LoggedSet, ...], when: dt.datetime) -> list[SetRecord]:
    """Check each set against the exercise and convert loads to kilograms."""
    out = []
    for i, s in enumerate(logged, 1):
        where = f"set {i} of {ex.name}"
        if s.reps is not None and s.reps <= 0:
            raise LogInputError(f"{where}: reps must be at least 1, got {s.reps}")
        if s.seconds is not None and s.seconds <= 0:
            raise LogInputError(f"{where}: a timed set must last more than 0 s")
        if s.meters is not None and s.meters <= 0:
            raise LogInputError(f"{where}: a distance must be more than 0 m")
        if s.rpe is not None and not 1 <= s.rpe <= 10:
            raise LogInputError(f"{where}: RPE must be between 1 and 10, got {s.rpe:g}")
        if s.rir is not None and not 0 <= s.rir <= 10:
            raise LogInputError(f"{where}: reps in reserve must be between 0 and 10, got {s.rir:g}")
        if s.load is not None and s.load < 0 and not is_assisted(ex):
            raise LogInputError(
                f"{where}: a negative load ({s.load:g} {s.unit}) is only for assisted exercises "
                "(e.g. 'assisted pull-up -20kg 3x8')"
            )
        if s.load is not None and s.load == 0 and not s.bodyweight:
            raise LogInputError(f"{where}: a load of 0 — write 'bw' for bodyweight sets")
        rpe = (
            s.rpe
            if s.rpe is not None
            else (10 - s.rir if s.rir is not None and s.rir <= 9 else None)
        )
        out.append(
            SetRecord(
                performed_at=when,
                exercise=ex.slug,
                load_kg=None if s.load is None else to_kg(s.load, s.unit),
                reps=s.reps,
                seconds=s.seconds,
                meters=s.meters,
                rpe=rpe,
                rir=s.rir,
                set_type=s.set_type,
                bodyweight=s.bodyweight,
            )
        )
    return out


def log_text(
    uow: LogUnitOfWork,
    catalog: Catalog,
    text: str,
    *,
    when: dt.datetime,
    now: dt.datetime,
    default_unit: str,
) -> Logged:
    """Parse, check and record one entry in one transaction; nothing is saved on any error."""
    entry = parse_log_line(text, default_unit=default_unit)
    ex = catalog.resolve(entry.exercise)
    records = to_records(ex, entry.sets, when)
    with uow:
        batch_id = uow.log.add_batch(text, records, now=now)
        uow.commit()
    return Logged(ex, tuple(records), batch_id)


def undo_last(uow: LogUnitOfWork) -> LogBatch | None:
    """Remove the last logged entry; returns it, or None when the log is empty."""
    with uow:
        batch = uow.log.last_batch()
        if batch is None:
            return None
        uow.log.delete_batch(batch.id)
        uow.commit()
    return batch


def history(uow: LogUnitOfWork, *, exercise: str | None = None, limit: int = 50) -> list[SetRecord]:
    """The most recent sets (oldest first within the window)."""
    with uow:
        newest = uow.log.sets(exercise=exercise, limit=limit, newest_first=True)
    return list(reversed(newest))
