"""Recording and reading the lifter's profile."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol

from spotter.profile import Profile


class _ProfileRepo(Protocol):
    def get(self) -> Profile | None: ...
    def save(self, profile: Profile) -> None: ...


class ProfileUnitOfWork(Protocol):
    @property
    def profiles(self) -> _ProfileRepo: ...

    def __enter__(self) -> object: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...


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
