"""Recording and listing one user's bodyweight."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from spotter.profile import Profile
from spotter.science.units import Unit
from spotter.services.uow import UnitOfWork


class _Bodyweights(Protocol):
    def add(self, measured_at: dt.datetime, kg: float, *, uuid: str | None = None) -> None: ...
    def recent(self, limit: int = 20) -> list[tuple[dt.datetime, float]]: ...


class _SyncBodyweights(_Bodyweights, Protocol):
    def by_uuid(self, uuid: str) -> tuple[dt.datetime, float] | None: ...


class _Profiles(Protocol):
    def get(self) -> Profile | None: ...


class BodyweightUnitOfWork(UnitOfWork, Protocol):
    @property
    def bodyweight(self) -> _Bodyweights: ...
    @property
    def profiles(self) -> _Profiles: ...


class SyncBodyweightUnitOfWork(UnitOfWork, Protocol):
    @property
    def bodyweight(self) -> _SyncBodyweights: ...


@dataclass(frozen=True, slots=True)
class Bodyweight:
    measured_at: dt.datetime
    kg: float


@dataclass(frozen=True, slots=True)
class Bodyweights:
    """The newest entries, oldest first, and the unit the user reads loads in."""

    unit: Unit
    entries: tuple[Bodyweight, ...]


def profile_unit(uow: BodyweightUnitOfWork) -> Unit:
    """The user's unit (kg before `spotter init`)."""
    with uow:
        profile = uow.profiles.get()
    return Unit.LB if profile is not None and profile.units == "lb" else Unit.KG


def record_bodyweight(
    uow: BodyweightUnitOfWork,
    value: str,
    *,
    when: dt.datetime,
    today: dt.date,
    allow_outlier: bool = False,
    limit: int = 10,
) -> Bodyweights:
    """Record ``value`` (``80.5kg``, ``177lb``, or a bare number in the user's unit) measured at
    ``when``; raises a :class:`~spotter.errors.ValidationError` or
    :class:`~spotter.science.limits.LimitError` for a value no one weighs, saving nothing."""
    from spotter.science.limits import LimitError, check_bodyweight
    from spotter.services.quantities import read_load

    unit = profile_unit(uow)
    given = read_load(value, unit, field="bodyweight")
    kg = given.kg or 0.0
    problems = check_bodyweight(
        kg, unit=given.unit, on=when, today=today, allow_outlier=allow_outlier
    )
    if problems:
        raise LimitError(problems, where=f"bodyweight {value!r}")
    with uow:
        uow.bodyweight.add(when, kg)
        uow.commit()
    return recent_bodyweight(uow, limit=limit)


def recent_bodyweight(uow: BodyweightUnitOfWork, *, limit: int = 10) -> Bodyweights:
    """The newest ``limit`` entries, oldest first."""
    unit = profile_unit(uow)
    with uow:
        rows = uow.bodyweight.recent(limit)
    return Bodyweights(unit, tuple(Bodyweight(w, kg) for w, kg in rows))


@dataclass(frozen=True, slots=True)
class BodyweightWrite:
    """A measurement as stored, and whether this write stored it (False: a replay)."""

    measured_at: dt.datetime
    kg: float
    created: bool


def record_measurement(
    uow: SyncBodyweightUnitOfWork,
    kg: float,
    *,
    unit: Unit,
    when: dt.datetime,
    today: dt.date,
    uuid: str,
    allow_outlier: bool = False,
) -> BodyweightWrite:
    """Record ``kg`` (entered in ``unit``) measured at ``when`` under a uuid the client chose, in
    one transaction: the same uuid again returns the stored measurement and writes nothing.
    Raises :class:`~spotter.science.limits.LimitError` for a value no one weighs or a day out of
    range (a replay is answered before the checks, as it was accepted once)."""
    from spotter.science.limits import LimitError, check_bodyweight

    problems = check_bodyweight(kg, unit=unit, on=when, today=today, allow_outlier=allow_outlier)
    with uow:
        known = uow.bodyweight.by_uuid(uuid)
        if known is not None:
            return BodyweightWrite(known[0], known[1], created=False)
        if problems:
            raise LimitError(problems, where="bodyweight")
        uow.bodyweight.add(when, kg, uuid=uuid)
        uow.commit()
    return BodyweightWrite(when, kg, created=True)
