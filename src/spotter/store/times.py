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
from typing import Any

from sqlalchemy import Connection, DateTime, select
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from spotter.access.model import LOCAL_USER_ID

# The zone rules live with the sqlite3 store (which may not import SQLAlchemy); both stores use
# these same functions.
from spotter.store.lite.zones import machine_zone as machine_zone
from spotter.store.lite.zones import utc_to_wall as utc_to_wall
from spotter.store.lite.zones import wall_to_utc as wall_to_utc
from spotter.store.lite.zones import zone_of as zone_of

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


def zone_name(tz: dt.tzinfo) -> str:
    """A printable name of a zone (its IANA key when it has one).

    >>> from zoneinfo import ZoneInfo
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
