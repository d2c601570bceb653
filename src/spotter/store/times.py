"""How the store keeps time: every column is a UTC instant; the log is read in the lifter's zone.

Columns are ``DateTime(timezone=True)`` through :class:`UtcDateTime`: PostgreSQL stores
``timestamptz``; SQLite, which has no zone-aware type, stores the UTC wall time as text. Either way
a value goes in as an aware time (or a naive one taken as UTC) and comes back aware in UTC.

The training log's times (a set's ``performed_at``, a workout's ``started_at``, a bodyweight's
``measured_at``, a log batch's and a custom exercise's ``created_at``) are wall-clock times of the
lifter to everything above the store: "today", weeks and history are the lifter's calendar. The
repositories convert them at the edge with a :class:`UserZone`: a naive time is read in the
lifter's zone (:func:`wall_to_utc`), an aware one is taken as the instant it names, and a read gives
the lifter's naive wall time back (:func:`utc_to_wall`, keeping ``fold`` so that the repeated hour
of an autumn change round-trips).

A user's zone is ``app_user.timezone`` (an IANA name). An empty name means "this machine's zone":
the local lifter of the command line has it until `spotter setup --timezone` or `spotter users set
--timezone` names one, so a laptop that travels keeps logging in the zone it is in.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, DateTime, select
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from spotter.access.model import LOCAL_USER_ID

#: The ``app_user.timezone`` of a user who lives wherever the machine's clock is.
MACHINE_ZONE = ""

#: The column of each table that holds a wall-clock time of the lifter above the store.
WALL_COLUMNS = {
    "log_batch": "created_at",
    "workout": "started_at",
    "set_entry": "performed_at",
    "bodyweight": "measured_at",
    "custom_exercise": "created_at",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A UTC instant: aware in, aware (UTC) out, on SQLite and PostgreSQL alike.

    A naive value is taken as UTC (the store's own clocks); wall times of the log never reach
    this type naive, the repositories convert them first.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        utc = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None)  # SQLite's DATETIME would drop the offset anyway
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def wall_to_utc(wall: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """The UTC instant of a wall-clock time in ``tz`` (an aware time is converted as it is).

    An ambiguous time (the hour repeated when clocks go back) is its first occurrence unless
    ``fold=1`` says the second; a time that never happened (skipped when clocks go forward) is read
    with the offset in force before the change, so it lands as far after the gap as it was into it.

    >>> akl = ZoneInfo("Pacific/Auckland")
    >>> wall_to_utc(dt.datetime(2026, 6, 10, 23, 30), akl).isoformat()  # NZST, UTC+12
    '2026-06-10T11:30:00+00:00'
    >>> ber = ZoneInfo("Europe/Berlin")
    >>> wall_to_utc(dt.datetime(2026, 10, 25, 2, 30), ber).isoformat()  # first 02:30, CEST
    '2026-10-25T00:30:00+00:00'
    >>> wall_to_utc(dt.datetime(2026, 10, 25, 2, 30, fold=1), ber).isoformat()  # then CET
    '2026-10-25T01:30:00+00:00'
    >>> wall_to_utc(dt.datetime(2026, 3, 29, 2, 30), ber).isoformat()  # skipped: 03:30 CEST
    '2026-03-29T01:30:00+00:00'
    """
    if wall.tzinfo is not None:
        return wall.astimezone(dt.UTC)
    return wall.replace(tzinfo=tz).astimezone(dt.UTC)


def utc_to_wall(when: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """The naive wall-clock time in ``tz`` of an instant (naive: taken as UTC), fold kept.

    >>> ber = ZoneInfo("Europe/Berlin")
    >>> second = utc_to_wall(dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC), ber)
    >>> second.isoformat(), second.fold
    ('2026-10-25T02:30:00', 1)
    >>> utc_to_wall(dt.datetime(2026, 6, 10, 12, 0), ZoneInfo("Pacific/Auckland")).isoformat()
    '2026-06-11T00:00:00'
    """
    aware = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when
    return aware.astimezone(tz).replace(tzinfo=None)


def machine_zone() -> dt.tzinfo:
    """This machine's time zone, with its daylight-saving rules when they can be found.

    ``TZ`` (an IANA name) first, then ``/etc/localtime``; failing both, the fixed offset the clock
    has now (right until the next change).
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = Path("/etc/localtime")
    try:
        target = local.resolve()
        parts = target.parts
        if "zoneinfo" in parts:
            key = "/".join(parts[parts.index("zoneinfo") + 1 :])
            if key:
                return ZoneInfo(key)
        with local.open("rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


def zone_of(name: str | None) -> dt.tzinfo:
    """The zone a user's ``timezone`` names: empty for the machine's, else an IANA name.

    >>> zone_of("Pacific/Auckland").key, zone_of("UTC")
    ('Pacific/Auckland', datetime.timezone.utc)

    An unknown name (which the services never store) falls back to UTC rather than fail a read.
    """
    if name is None or name == MACHINE_ZONE:
        return machine_zone()
    if name == "UTC":
        return dt.UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def zone_name(tz: dt.tzinfo) -> str:
    """A printable name of a zone (its IANA key when it has one).

    >>> zone_name(ZoneInfo("Europe/Berlin")), zone_name(dt.UTC)
    ('Europe/Berlin', 'UTC')
    """
    key = getattr(tz, "key", None)
    if isinstance(key, str) and key != "localtime":
        return key
    return tz.tzname(dt.datetime.now()) or "UTC"


class UserZone:
    """One user's zone, looked up on first use, and the conversions of their wall times.

    ``tz`` fixes the zone (tests, a caller that already knows it); otherwise it is read from
    ``app_user`` on the connection. A user without a row is the local lifter of a database older
    than accounts: the machine's zone.
    """

    def __init__(self, conn: Connection, user_id: int = LOCAL_USER_ID, tz: dt.tzinfo | None = None):
        self._conn = conn
        self._user = user_id
        self._tz = tz

    @property
    def tz(self) -> dt.tzinfo:
        if self._tz is None:
            from spotter.store import tables as t

            name = self._conn.execute(
                select(t.app_user.c.timezone).where(t.app_user.c.id == self._user)
            ).scalar_one_or_none()
            self._tz = zone_of(name)
        return self._tz

    def to_db(self, wall: dt.datetime) -> dt.datetime:
        """A wall time of the user (or an aware time) as the UTC instant stored."""
        return wall_to_utc(wall, self.tz)

    def opt_to_db(self, wall: dt.datetime | None) -> dt.datetime | None:
        return None if wall is None else self.to_db(wall)

    def from_db(self, when: dt.datetime) -> dt.datetime:
        """A stored instant as the user's naive wall time."""
        return utc_to_wall(when, self.tz)

    def day_bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The UTC instants where the user's ``day`` starts and the next one starts."""
        start = dt.datetime(day.year, day.month, day.day)
        return self.to_db(start), self.to_db(start + dt.timedelta(days=1))
