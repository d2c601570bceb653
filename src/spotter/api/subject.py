"""Whose data a request touches, with what it needs to read it: zone, unit, catalog, store.

Every data route takes one of the ``Annotated`` types at the bottom: each authorizes the caller
through :func:`spotter.api.security.access` (with the permission a linked coach needs) and then
describes the lifter: their time zone (which decides "today" and how set times are read), their
profile unit (every load in and out of the API is in it) and their catalog (built-in plus their
own exercises).

Set times are stored as UTC instants and are the lifter's wall-clock times to the services
(see :mod:`spotter.store.times`): a time the client sends with an offset (ISO 8601) is converted
to the lifter's zone, one without an offset is taken as the lifter's local time, and every time
the API returns carries the zone's offset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import Depends

from spotter.access.model import Permission
from spotter.api.deps import RuntimeDep
from spotter.api.security import Access, access
from spotter.compose import Runtime
from spotter.science.units import Unit, parse_unit
from spotter.store.times import zone_of

if TYPE_CHECKING:
    from spotter.knowledge.catalog import Catalog
    from spotter.profile import Profile
    from spotter.store.uow import SqlUnitOfWork

UnitName = Literal["kg", "lb"]


@dataclass
class Subject:
    """The lifter whose data a request reads or changes, and who asks."""

    rt: Runtime
    access: Access
    timezone: str
    profile: Profile | None

    @property
    def user_id(self) -> int:
        return self.access.subject_id

    @property
    def unit(self) -> Unit:
        """The lifter's unit for loads (kg before a profile exists)."""
        return parse_unit(self.profile.units) if self.profile is not None else Unit.KG

    @cached_property
    def tz(self) -> dt.tzinfo:
        """The lifter's zone (an empty name: the server machine's, as for the local lifter)."""
        return zone_of(self.timezone)

    def uow(self) -> SqlUnitOfWork:
        """A unit of work on the lifter's rows; a change on the lifter's behalf is recorded in
        the transaction of its first commit."""
        from spotter.store.uow import SqlUnitOfWork

        return SqlUnitOfWork(self.rt.engine, self.user_id, audit=self.access.audit)

    @cached_property
    def catalog(self) -> Catalog:
        """The built-in catalog plus the lifter's own exercises (in the database, and the
        exercise files restored into their folder)."""
        from spotter.services.catalog import with_user_files

        return with_user_files(self.rt.catalog_for(self.user_id), self.rt.settings, self.user_id)

    def now_local(self) -> dt.datetime:
        """Now as the lifter's wall clock shows it (naive, whole seconds), as set times are kept."""
        return self.rt.now().astimezone(self.tz).replace(tzinfo=None, microsecond=0)

    def today(self) -> dt.date:
        return self.rt.now().astimezone(self.tz).date()

    def to_store(self, when: dt.datetime | None) -> dt.datetime:
        """A time from the client as the store keeps set times (default: now)."""
        if when is None:
            return self.now_local()
        if when.tzinfo is not None:
            when = when.astimezone(self.tz).replace(tzinfo=None)
        return when.replace(microsecond=0)

    def from_store(self, when: dt.datetime) -> dt.datetime:
        """A stored set time with the lifter's offset."""
        return when.replace(tzinfo=self.tz) if when.tzinfo is None else when.astimezone(self.tz)


def _subject(acc: Access, rt: Runtime) -> Subject:
    with rt.uow(acc.subject_id) as uow:
        user = uow.accounts.user_by_id(acc.subject_id)
        profile = uow.profiles.get()
    return Subject(rt, acc, user.timezone if user is not None else "UTC", profile)


def _reader(
    acc: Annotated[Access, Depends(access(Permission.READ_LOG, write=False))], rt: RuntimeDep
) -> Subject:
    return _subject(acc, rt)


def _owner(acc: Annotated[Access, Depends(access(None, write=True))], rt: RuntimeDep) -> Subject:
    return _subject(acc, rt)


def _planner(
    acc: Annotated[Access, Depends(access(Permission.ASSIGN_PLANS, write=True))], rt: RuntimeDep
) -> Subject:
    return _subject(acc, rt)


#: Reading the lifter's data: the lifter, or a linked coach with ``read_log``.
Reader = Annotated[Subject, Depends(_reader)]
#: Changing the lifter's log, profile or exercises: only the lifter.
Owner = Annotated[Subject, Depends(_owner)]
#: Making or assigning the lifter's plans: the lifter, or a linked coach with ``assign_plans``.
Planner = Annotated[Subject, Depends(_planner)]
