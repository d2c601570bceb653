"""Recording and reading the lifter's profile, and the time zone their log is kept in."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Protocol

from spotter.profile import Profile
from spotter.services.uow import UnitOfWork

if TYPE_CHECKING:
    from spotter.services.accounts import AccountsUnitOfWork


class _ProfileRepo(Protocol):
    def get(self) -> Profile | None: ...
    def save(self, profile: Profile) -> None: ...


class ProfileUnitOfWork(UnitOfWork, Protocol):
    @property
    def profiles(self) -> _ProfileRepo: ...


def save_profile(uow: ProfileUnitOfWork, profile: Profile) -> Profile:
    """Record the profile, replacing any earlier one."""
    with uow:
        uow.profiles.save(profile)
        uow.commit()
    return profile


def get_profile(uow: ProfileUnitOfWork) -> Profile | None:
    """The recorded profile, or None before `spotter init`."""
    with uow:
        return uow.profiles.get()


@dataclass(frozen=True, slots=True)
class TimeZoneView:
    """The zone that decides the lifter's days and weeks.

    ``name`` is the zone in effect (an IANA name where one is known); ``machine`` says it is the
    machine's, because none was chosen (`spotter init --timezone` chooses one).
    """

    name: str
    machine: bool


@dataclass(frozen=True, slots=True)
class ProfileView:
    """The profile with the lifter's time zone: what `spotter profile` shows."""

    units: str
    goal: str
    experience: str
    training_days: tuple[str, ...]
    minutes_per_session: int
    equipment: tuple[str, ...]
    emphasis: tuple[str, ...]
    avoid: tuple[str, ...]
    favourites: tuple[str, ...]
    timezone: TimeZoneView

    @classmethod
    def of(cls, profile: Profile, timezone: TimeZoneView) -> ProfileView:
        return cls(**asdict(profile), timezone=timezone)

    @property
    def sessions_per_week(self) -> int:
        return len(self.training_days)


def time_zone_of(uow: AccountsUnitOfWork, user_id: int) -> TimeZoneView:
    """The zone in effect for ``user_id`` (the machine's when they chose none)."""
    from spotter.store.times import MACHINE_ZONE, zone_name, zone_of

    with uow:
        user = uow.accounts.user_by_id(user_id)
    name = MACHINE_ZONE if user is None else user.timezone
    return TimeZoneView(zone_name(zone_of(name)), name == MACHINE_ZONE)


def set_time_zone(uow: AccountsUnitOfWork, user_id: int, name: str) -> TimeZoneView:
    """Choose the zone ``user_id``'s log is kept in: an IANA name, or ``local`` for the machine's.

    Times already logged keep their instants; they are shown in the new zone from now on.
    Raises :class:`~spotter.errors.ValidationError` (field ``timezone``) for an unknown name.
    """
    from spotter.services.accounts import update_settings

    update_settings(uow, user_id, timezone=name)
    return time_zone_of(uow, user_id)


def wall_now(now: dt.datetime, zone: TimeZoneView) -> dt.datetime:
    """``now`` (aware) as a naive wall time in ``zone``, to the second.

    >>> wall_now(dt.datetime(2026, 11, 9, 10, 30, tzinfo=dt.UTC), TimeZoneView("Pacific/Auckland", False))
    datetime.datetime(2026, 11, 9, 23, 30)
    """
    from spotter.store.times import zone_of

    return now.astimezone(zone_of(zone.name)).replace(tzinfo=None, microsecond=0)
