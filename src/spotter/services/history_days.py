"""The log by training day, newest day first, a few days per page; the comments on those sets;
and undoing a deleted set.

A day is the lifter's calendar date of the sets (set times are kept as the lifter's wall clock),
so one session is one day, as the log's workouts are. Pages are cut at day boundaries: a page
never splits a day, and the next page starts before the oldest day shown. Within a day the sets
keep the order they were done in.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass, replace
from typing import Protocol

from spotter.access.records import Comment, User
from spotter.errors import NotFoundError
from spotter.log import SetRecord
from spotter.services.uow import UnitOfWork

#: Days on one page of the history unless the caller asks for another number.
DAYS_PER_PAGE = 7


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

    def add_batch(
        self,
        command: str,
        sets: list[SetRecord],
        *,
        now: dt.datetime,
        kind: str = "log",
        uuid: str | None = None,
    ) -> int: ...


class _Accounts(Protocol):
    def comments_on(self, lifter_id: int, kind: str, uuid: str) -> list[Comment]: ...
    def user_by_id(self, user_id: int) -> User | None: ...


class HistoryUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> _Log: ...


class CommentsUnitOfWork(UnitOfWork, Protocol):
    @property
    def accounts(self) -> _Accounts: ...


@dataclass(frozen=True, slots=True)
class SetComment:
    """A comment on one of the lifter's sets, its author named."""

    author: str
    body: str
    created_at: dt.datetime


def comments_on_sets(
    uow: CommentsUnitOfWork, lifter_id: int, set_uuids: list[str]
) -> dict[str, tuple[SetComment, ...]]:
    """The comments on these sets of the lifter (theirs and their coaches'), oldest first, by set
    uuid; sets without a comment are left out. For the lifter's own pages: it reads the lifter's
    rows without asking :func:`spotter.services.coaching.authorize`."""
    out: dict[str, tuple[SetComment, ...]] = {}
    names: dict[int, str] = {}
    with uow:
        for set_uuid in set_uuids:
            found = uow.accounts.comments_on(lifter_id, "set", set_uuid)
            for c in found:
                if c.author_id not in names:
                    user = uow.accounts.user_by_id(c.author_id)
                    names[c.author_id] = user.username if user is not None else "someone"
            if found:
                out[set_uuid] = tuple(
                    SetComment(names[c.author_id], c.body, c.created_at) for c in found
                )
    return out


@dataclass(frozen=True, slots=True)
class Day:
    """One training day: its date and its live sets in the order they were done."""

    date: dt.date
    sets: tuple[SetRecord, ...]


@dataclass(frozen=True, slots=True)
class DaysPage:
    """Up to a page of days, newest first; ``older`` is the cursor of the next page (None: the
    log has nothing before the last day shown)."""

    days: tuple[Day, ...]
    older: dt.date | None


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def days_page(
    uow: HistoryUnitOfWork, *, before: dt.date | None = None, days: int = DAYS_PER_PAGE
) -> DaysPage:
    """The newest ``days`` training days before the date ``before`` (None: all of the log).

    Two small reads per day shown (the newest set left, then its day's sets), whatever the size
    of the log.
    """
    if days < 1:
        raise ValueError("a page holds at least one day")
    end = None if before is None else _midnight(before)
    found: list[Day] = []
    with uow:
        while True:
            newest = uow.log.sets(end=end, limit=1, newest_first=True)
            if not newest:
                return DaysPage(tuple(found), None)
            day = newest[0].performed_at.date()
            if len(found) == days:  # there is an older day: the next page starts before it
                return DaysPage(tuple(found), found[-1].date)
            start = _midnight(day)
            found.append(Day(day, tuple(uow.log.sets(start=start, end=end))))
            end = start


def relog_deleted(
    uow: HistoryUnitOfWork, deleted: SetRecord, *, now: dt.datetime, label: str
) -> SetRecord:
    """Put a deleted set back as a new set with the same values, time and exercise (a new uuid:
    the tombstone stays, so a client that synced the deletion learns of the new set too).

    ``deleted`` is the set as it was stored; ``now`` the lifter's wall-clock time of the undo.
    """
    if deleted.uuid is None:
        raise NotFoundError("the deleted set has no uuid to restore from")
    again = replace(deleted, id=None, uuid=str(uuidlib.uuid4()), batch_id=None, superset=None)
    with uow:
        uow.log.add_batch(label, [again], now=now)
        uow.commit()
    return again
