"""Events per client address (failed logins, registrations) kept in the database, so that every
server process counting a limit sees the same events."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from spotter.services.uow import UnitOfWork

if TYPE_CHECKING:
    from spotter.store.accounts_repo import AccountsRepository


class AddressUnitOfWork(UnitOfWork, Protocol):
    @property
    def accounts(self) -> AccountsRepository: ...


def recent_events(
    uow: AddressUnitOfWork, kind: str, address: str, *, now: datetime, window: timedelta
) -> list[datetime]:
    """The times of ``kind`` events from ``address`` in the ``window`` before ``now``, oldest
    first."""
    with uow:
        return uow.accounts.address_events(kind, address, since=now - window)


def count_event(
    uow: AddressUnitOfWork, kind: str, address: str, *, now: datetime, window: timedelta
) -> None:
    """Record one ``kind`` event from ``address`` at ``now``; events of ``kind`` older than the
    window are forgotten on the way."""
    with uow:
        uow.accounts.add_address_event(kind, address, at=now, keep=now - window)
        uow.commit()
