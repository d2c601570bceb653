"""Plausible ranges for every number and date a lifter records.

A value outside its *plausible* range is refused with a message naming the field, the value and
the range, unless the caller passes ``allow_outlier=True`` (the ``--allow-outlier`` flag of the
commands): a true outlier, such as a 1,200 kg leg press, is then kept. A value outside the *hard*
range is refused even then: these are typing slips and corrupt cells (99,999,999 kg, a
5,000,000-rep row, ``1e308``), and keeping them would break every chart and total that reads them.
Values that are not finite numbers (``nan``, ``inf``) are always refused.

=============  =====================  =========================  ================================
Field          Plausible              Hard (with the override)   Why
=============  =====================  =========================  ================================
load           -250 to 1,000 kg       -1,000 to 10,000 kg        heaviest lifts are near 500 kg;
                                                                 sleds and leg presses go higher;
                                                                 negative is assistance
reps           0 to 1,000             0 to 10,000                0 is a missed attempt
duration       0 to 12 h              0 to 7 days                a set, not a training block
distance       0 to 250 km            0 to 10,000 km
RPE            1 to 10                1 to 10                    the scale itself (Zourdos 2016)
RIR            0 to 10                0 to 10                    RPE 10 - RIR
bodyweight     25 to 300 kg           10 to 700 kg
date           1900-01-01 to today    same                       one day of tolerance for time
               + 1 day                                           zones; never overridable
=============  =====================  =========================  ================================

Loads are checked in kilograms; the message shows the value and the range in the unit the lifter
used (``unit="lb"``). Durations are seconds and distances metres. Nothing here reads the clock:
``today`` is an argument.

>>> check_set(load_kg=99_999_999, reps=5)
[LimitViolation(field='load', value=99999999.0, low=-250.0, high=1000.0, unit='kg', overridable=False)]
>>> print(check_set(load_kg=99_999_999, reps=5)[0])
load 99999999 kg is outside the plausible range -250 to 1000 kg (hard limit 10000 kg, cannot be overridden)
>>> print(check_set(reps=99_999)[0])
reps 99999 is outside the plausible range 0 to 1000 (hard limit 10000, cannot be overridden)
>>> print(check_set(load_kg=1200, reps=8)[0])
load 1200 kg is outside the plausible range -250 to 1000 kg; if it is true, repeat with --allow-outlier
>>> check_set(load_kg=1200, reps=8, allow_outlier=True)
[]
>>> import datetime as dt
>>> print(check_date(dt.date(2099, 1, 1), today=dt.date(2026, 3, 1))[0])
date 2099-01-01 is outside the plausible range 1900-01-01 to 2026-03-02 (no future dates)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from spotter.errors import SpotterError
from spotter.science.units import Unit

#: The flag that lets a true outlier through (every command that records numbers has it).
OVERRIDE_FLAG: Final[str] = "--allow-outlier"

#: Kilograms in one pound (kept here so this module needs nothing else; same as ``units``).
_KG_PER_LB: Final[float] = 0.45359237

#: The earliest date a set or a bodyweight may carry.
EARLIEST_DATE: Final[dt.date] = dt.date(1900, 1, 1)

#: How far after ``today`` a date may be: one day covers every time zone.
FUTURE_TOLERANCE: Final[dt.timedelta] = dt.timedelta(days=1)

#: How far ahead a date that only asks (volume of a week, recovery at a time, today's session)
#: may look: a year.
QUERY_HORIZON: Final[dt.timedelta] = dt.timedelta(days=366)


@dataclass(frozen=True, slots=True)
class Range:
    """The plausible and hard bounds of one field, in its storage unit (kg, s, m)."""

    field: str
    low: float
    high: float
    hard_low: float
    hard_high: float
    unit: str = ""

    def __post_init__(self) -> None:
        if not self.hard_low <= self.low <= self.high <= self.hard_high:
            raise ValueError(f"{self.field}: bounds out of order")

    @property
    def overridable(self) -> bool:
        """True when the hard range is wider than the plausible one."""
        return (self.hard_low, self.hard_high) != (self.low, self.high)


_HOUR: Final = 3600.0
_DAY: Final = 24 * _HOUR

#: Every numeric field's range, keyed by the field name used in messages.
LIMITS: Final[Mapping[str, Range]] = MappingProxyType(
    {
        "load": Range("load", -250.0, 1000.0, -1000.0, 10_000.0, "kg"),
        "reps": Range("reps", 0.0, 1000.0, 0.0, 10_000.0),
        "duration": Range("duration", 0.0, 12 * _HOUR, 0.0, 7 * _DAY, "s"),
        "distance": Range("distance", 0.0, 250_000.0, 0.0, 10_000_000.0, "m"),
        "rpe": Range("rpe", 1.0, 10.0, 1.0, 10.0),
        "rir": Range("rir", 0.0, 10.0, 0.0, 10.0),
        "bodyweight": Range("bodyweight", 25.0, 300.0, 10.0, 700.0, "kg"),
    }
)


def _num(value: float) -> str:
    """A number as people write it: no trailing zeros, exponent form only when huge.

    >>> _num(1e308), _num(2.50), _num(-250.0), _num(0.3333333)
    ('1e+308', '2.5', '-250', '0.33')
    """
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1e12:
        return f"{value:.6g}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True, slots=True)
class LimitViolation:
    """One value outside its range, with the range shown in the unit the value was given in."""

    field: str
    value: float
    low: float
    high: float
    unit: str = ""
    overridable: bool = True
    hard_high: float | None = None
    hard_low: float | None = None

    def __repr__(self) -> str:
        return (
            f"LimitViolation(field={self.field!r}, value={self.value!r}, low={self.low!r}, "
            f"high={self.high!r}, unit={self.unit!r}, overridable={self.overridable!r})"
        )

    def __str__(self) -> str:
        u = f" {self.unit}" if self.unit else ""
        head = (
            f"{self.field} {_num(self.value)}{u} is outside the plausible range "
            f"{_num(self.low)} to {_num(self.high)}{u}"
        )
        if self.overridable:
            return f"{head}; if it is true, repeat with {OVERRIDE_FLAG}"
        if not math.isfinite(self.value):
            return f"{head} (not a finite number, cannot be overridden)"
        hard = self.hard_high if self.value > self.high else self.hard_low
        if hard is None or hard == (self.high if self.value > self.high else self.low):
            return head
        return f"{head} (hard limit {_num(hard)}{u}, cannot be overridden)"


@dataclass(frozen=True, slots=True)
class DateViolation:
    """A date before 1900 or after tomorrow."""

    field: str
    value: dt.date
    low: dt.date
    high: dt.date
    #: Why a later date is refused, shown when the date is too late.
    ahead_note: str = "no future dates"

    def __str__(self) -> str:
        why = f" ({self.ahead_note})" if self.value > self.high else ""
        return (
            f"{self.field} {self.value.isoformat()} is outside the plausible range "
            f"{self.low.isoformat()} to {self.high.isoformat()}{why}"
        )


Violation = LimitViolation | DateViolation


class LimitError(SpotterError, ValueError):
    """One or more values outside their range; the message lists each, with where it was.

    >>> err = LimitError(check_set(reps=-1, rpe=11), where="line 4")
    >>> print(err)
    line 4: reps -1 is outside the plausible range 0 to 1000; rpe 11 is outside the plausible range 1 to 10
    """

    def __init__(self, violations: Iterable[Violation], where: str | None = None) -> None:
        self.violations = tuple(violations)
        self.where = where
        text = "; ".join(str(v) for v in self.violations)
        super().__init__(f"{where}: {text}" if where else text)


def _as_float(value: float | int) -> float:
    try:
        return float(value)
    except OverflowError:  # an int too large for a float
        return math.inf if value > 0 else -math.inf


def check_value(
    field: str, value: float | int | None, *, unit: str | None = None, allow_outlier: bool = False
) -> LimitViolation | None:
    """The violation of one value against :data:`LIMITS`, or None when it is in range.

    ``value`` is in the storage unit (kilograms for loads); ``unit="lb"`` only changes how the
    message shows it. ``None`` means "not given" and is always fine.

    >>> check_value("reps", 12) is None
    True
    >>> v = check_value("load", 4535.9237, unit="lb")
    >>> print(v)
    load 10000 lb is outside the plausible range -551.16 to 2204.62 lb; if it is true, repeat with --allow-outlier
    >>> print(check_value("load", float("nan")))
    load nan kg is outside the plausible range -250 to 1000 kg (not a finite number, cannot be overridden)
    >>> print(check_value("reps", 10**400, allow_outlier=True))
    reps inf is outside the plausible range 0 to 1000 (not a finite number, cannot be overridden)
    >>> print(check_value("reps", 20_000, allow_outlier=True))
    reps 20000 is outside the plausible range 0 to 1000 (hard limit 10000, cannot be overridden)
    """
    if value is None:
        return None
    limit = LIMITS[field]
    x = _as_float(value)
    low, high = (limit.hard_low, limit.hard_high) if allow_outlier else (limit.low, limit.high)
    if math.isfinite(x) and low <= x <= high:
        return None
    within_hard = math.isfinite(x) and limit.hard_low <= x <= limit.hard_high
    shown_unit = limit.unit
    scale = 1.0
    if unit is not None and limit.unit == "kg" and unit.strip().lower() in ("lb", "lbs"):
        shown_unit, scale = "lb", 1 / _KG_PER_LB
    return LimitViolation(
        field=field,
        value=x * scale,
        low=limit.low * scale,
        high=limit.high * scale,
        unit=shown_unit,
        overridable=within_hard and not allow_outlier,
        hard_high=limit.hard_high * scale,
        hard_low=limit.hard_low * scale,
    )


def check_date(
    when: dt.date | dt.datetime | None,
    *,
    today: dt.date,
    field: str = "date",
    ahead: dt.timedelta = FUTURE_TOLERANCE,
) -> list[DateViolation]:
    """A date before 1900-01-01 or more than ``ahead`` (one day) after ``today`` (never
    overridable). Queries pass ``ahead=QUERY_HORIZON``.

    >>> check_date(dt.datetime(2026, 3, 2, 23, 59), today=dt.date(2026, 3, 1))
    []
    >>> print(check_date(dt.date(1899, 12, 31), today=dt.date(2026, 3, 1))[0])
    date 1899-12-31 is outside the plausible range 1900-01-01 to 2026-03-02
    >>> print(check_date(dt.date(9999, 12, 31), today=dt.date(2026, 3, 1), field="--week",
    ...                  ahead=QUERY_HORIZON)[0])
    --week 9999-12-31 is outside the plausible range 1900-01-01 to 2027-03-02 (too far ahead)
    """
    if when is None:
        return []
    day = when.date() if isinstance(when, dt.datetime) else when
    latest = today + ahead
    if EARLIEST_DATE <= day <= latest:
        return []
    note = "no future dates" if ahead <= FUTURE_TOLERANCE else "too far ahead"
    return [DateViolation(field, day, EARLIEST_DATE, latest, note)]


def check_set(
    *,
    load_kg: float | None = None,
    reps: int | float | None = None,
    seconds: float | None = None,
    meters: float | None = None,
    rpe: float | None = None,
    rir: float | None = None,
    performed_at: dt.date | dt.datetime | None = None,
    today: dt.date | None = None,
    unit: str = "kg",
    allow_outlier: bool = False,
) -> list[Violation]:
    """Every out-of-range field of one set, in the order of the arguments.

    ``performed_at`` is checked only when ``today`` is given (this module never reads the clock).

    >>> check_set(load_kg=100, reps=5, rpe=8, seconds=40)
    []
    >>> [v.field for v in check_set(load_kg=1e308, reps=5_000_000, rir=-1)]
    ['load', 'reps', 'rir']
    >>> [str(v) for v in check_set(performed_at=dt.date(2099, 5, 1), today=dt.date(2026, 1, 1))]
    ['date 2099-05-01 is outside the plausible range 1900-01-01 to 2026-01-02 (no future dates)']
    """
    out: list[Violation] = []
    for field, value in (
        ("load", load_kg),
        ("reps", reps),
        ("duration", seconds),
        ("distance", meters),
        ("rpe", rpe),
        ("rir", rir),
    ):
        v = check_value(field, value, unit=unit, allow_outlier=allow_outlier)
        if v is not None:
            out.append(v)
    if today is not None:
        out.extend(check_date(performed_at, today=today))
    return out


def check_bodyweight(
    kg: float,
    *,
    unit: Unit = Unit.KG,
    on: dt.date | dt.datetime | None = None,
    today: dt.date | None = None,
    allow_outlier: bool = False,
) -> list[Violation]:
    """A bodyweight outside 25-300 kg (10-700 kg with the override), or a bad date.

    >>> check_bodyweight(82.5)
    []
    >>> print(check_bodyweight(800, unit=Unit.LB)[0].__str__())
    bodyweight 1763.7 lb is outside the plausible range 55.12 to 661.39 lb (hard limit 1543.24 lb, cannot be overridden)
    """
    out: list[Violation] = []
    v = check_value("bodyweight", kg, unit=unit, allow_outlier=allow_outlier)
    if v is not None:
        out.append(v)
    if today is not None:
        out.extend(check_date(on, today=today))
    return out


def ensure_within(violations: Iterable[Violation], where: str | None = None) -> None:
    """Raise :class:`LimitError` when there is any violation.

    >>> ensure_within([])
    >>> ensure_within(check_set(rpe=0), where="--rpe")
    Traceback (most recent call last):
    ...
    spotter.science.limits.LimitError: --rpe: rpe 0 is outside the plausible range 1 to 10
    """
    found = list(violations)
    if found:
        raise LimitError(found, where)
