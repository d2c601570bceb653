"""Recording and reading the lifter's profile."""

from __future__ import annotations

from typing import Protocol

from spotter.profile import Profile
from spotter.services.uow import UnitOfWork


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
