"""The lifter's wall-clock times and the UTC instants the store keeps, without SQLAlchemy.

The same rules as :mod:`spotter.store.times` (which the SQLAlchemy repositories use): a naive time
is a wall time in the user's zone, an aware one the instant it names; reads give the naive wall
time back with ``fold`` kept; a user's ``timezone`` is an IANA name, empty for this machine's zone.
Stored text is SQLAlchemy's SQLite ``DATETIME`` form, ``YYYY-MM-DD HH:MM:SS.ffffff``, in UTC.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path


def to_text(when: dt.datetime) -> str:
    """An instant (naive: taken as UTC) as the stored text.

    >>> to_text(dt.datetime(2026, 3, 1, 7, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    '2026-03-01 06:05:00.000000'
    """
    utc = when if when.tzinfo is None else when.astimezone(dt.UTC).replace(tzinfo=None)
    return utc.strftime("%Y-%m-%d %H:%M:%S.%f")


def from_text(text: str) -> dt.datetime:
    """Stored text as an aware UTC instant.

    >>> from_text("2026-03-01 06:05:00.000000").isoformat()
    '2026-03-01T06:05:00+00:00'
    """
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def opt_from_text(text: str | None) -> dt.datetime | None:
    return None if text is None else from_text(text)


def wall_to_utc(wall: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """The UTC instant of a wall-clock time in ``tz`` (an aware time is converted as it is).

    An ambiguous time (the hour repeated when clocks go back) is its first occurrence unless
    ``fold=1`` says the second; a time that never happened (skipped when clocks go forward) is read
    with the offset in force before the change, so it lands as far after the gap as it was into it.

    >>> from zoneinfo import ZoneInfo
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

    >>> from zoneinfo import ZoneInfo
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
    """This machine's zone: ``TZ``, else ``/etc/localtime``, else the clock's offset now."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = Path("/etc/localtime")
    try:
        parts = local.resolve().parts
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
    """The zone a user's ``timezone`` names: empty or missing for the machine's, else IANA (an
    unknown name reads as UTC rather than fail a read).

    >>> zone_of("UTC"), zone_of("Nowhere/Atlantis")
    (datetime.timezone.utc, datetime.timezone.utc)
    """
    if name is None or name == "":
        return machine_zone()
    if name == "UTC":
        return dt.UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def now_utc() -> dt.datetime:
    """The clock of ``updated_at`` and ``deleted_at``: UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def new_uuid() -> str:
    import uuid  # on the first write only: its import costs start-up time (it loads `platform`)

    return str(uuid.uuid4())


class Zone:
    """One user's zone, read from ``app_user`` on first use (no row: the machine's zone)."""

    def __init__(self, conn: sqlite3.Connection, user_id: int, tz: dt.tzinfo | None = None):
        self._conn = conn
        self._user = user_id
        self._tz = tz

    @property
    def tz(self) -> dt.tzinfo:
        if self._tz is None:
            row = self._conn.execute(
                "SELECT timezone FROM app_user WHERE id = ?", (self._user,)
            ).fetchone()
            self._tz = zone_of(None if row is None else row[0])
        return self._tz

    def to_db(self, wall: dt.datetime) -> str:
        """A wall time of the user (or an aware time) as the stored UTC text."""
        return to_text(wall_to_utc(wall, self.tz))

    def from_db(self, text: str) -> dt.datetime:
        """Stored UTC text as the user's naive wall time."""
        return utc_to_wall(from_text(text), self.tz)

    def day_bounds(self, day: dt.date) -> tuple[str, str]:
        start = dt.datetime(day.year, day.month, day.day)
        return self.to_db(start), self.to_db(start + dt.timedelta(days=1))
