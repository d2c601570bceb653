"""A saved plan, and its mesocycle as JSON (pure: the store keeps the text).

:class:`StoredPlan` is what ``spotter plan`` saves and what ``spotter today`` reads: the
mesocycle, each session's display name, the start date, and the wishes the plan was built from.
Week ``i`` of the mesocycle runs from ``start_date + 7 i`` days; a session is on the first date
of its weekday on or after the start of its week (:meth:`StoredPlan.session_on`).

The JSON (:func:`mesocycle_to_json`, :func:`mesocycle_from_json`) is versioned and
self-describing::

    {"version": 1, "weeks": [{"deload": false, "sessions": [{"day": "mon", "name": "Upper A",
      "slots": [{"exercise": "...", "sets": 3, "rep_low": 8, "rep_high": 12, "rir": 2,
                 "rest_seconds": 120, "rule": null}]}]}]}

>>> week = WeekPlan((Session("mon", (Slot("squat", 3, 5, 5, 2, 180, "linear"),)),))
>>> meso = Mesocycle((week, week, WeekPlan(week.sessions, deload=True)))
>>> back, names = mesocycle_from_json(mesocycle_to_json(meso, [["Legs"]] * 3))
>>> back == meso, names[0]
(True, ('Legs',))
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.profile import WEEKDAYS

#: Version of the JSON layout.
JSON_VERSION: Final[int] = 1
_SLOT_FIELDS: Final = ("exercise", "sets", "rep_low", "rep_high", "rir", "rest_seconds")


class PlanFormatError(ValueError):
    """Stored plan JSON that cannot be read back; says where and what was expected."""


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """One session of a plan on a calendar date: ``week`` counts from 1."""

    date: dt.date
    week: int
    name: str
    session: Session
    deload: bool


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A saved mesocycle. ``session_names[w][k]`` names ``mesocycle.weeks[w].sessions[k]``;
    ``warnings`` are the constraint checks a template used as is did not pass."""

    id: int
    name: str
    template: str | None
    created_at: dt.datetime
    start_date: dt.date
    active: bool
    mesocycle: Mesocycle
    session_names: tuple[tuple[str, ...], ...]
    emphasis: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    favourites: tuple[str, ...] = ()
    fill: bool = False
    warnings: tuple[str, ...] = ()
    #: Whether the lifter let the planner use exercises imported from outside databases.
    imported: bool = False

    @property
    def weeks(self) -> int:
        return len(self.mesocycle.weeks)

    @property
    def end_date(self) -> dt.date:
        """The day after the plan's last week."""
        return self.start_date + dt.timedelta(days=7 * self.weeks)

    def sessions(self) -> list[PlannedSession]:
        """Every session of the plan with its date, in order."""
        out = []
        for w, week in enumerate(self.mesocycle.weeks):
            week_start = self.start_date + dt.timedelta(days=7 * w)
            for k, session in enumerate(week.sessions):
                offset = (WEEKDAYS.index(session.day) - week_start.weekday()) % 7
                out.append(
                    PlannedSession(
                        week_start + dt.timedelta(days=offset),
                        w + 1,
                        self.session_names[w][k],
                        session,
                        week.deload,
                    )
                )
        out.sort(key=lambda p: p.date)
        return out

    def session_on(self, day: dt.date) -> PlannedSession | None:
        """The session planned on ``day``, or None (a rest day, or outside the plan)."""
        return next((p for p in self.sessions() if p.date == day), None)


def request_to_json(plan: StoredPlan) -> str:
    """What the lifter asked for when ``plan`` was made (the ``plan.request`` column), as JSON.

    >>> request_from_json(request_to_json(StoredPlan(
    ...     id=0, name="p", template=None, created_at=dt.datetime(2026, 1, 1), start_date=dt.date(2026, 1, 5),
    ...     active=True, mesocycle=Mesocycle(weeks=()), session_names=(), avoid=("lunge",), fill=True)))
    {'emphasis': (), 'avoid': ('lunge',), 'favourites': (), 'fill': True, 'warnings': (), 'imported': False}
    """
    return json.dumps(
        {
            "emphasis": list(plan.emphasis),
            "avoid": list(plan.avoid),
            "favourites": list(plan.favourites),
            "fill": plan.fill,
            "warnings": list(plan.warnings),
            "imported": plan.imported,
        }
    )


def request_from_json(text: str) -> dict[str, Any]:
    """The request fields of a :class:`StoredPlan` from :func:`request_to_json`'s text; a field
    an older plan did not store gets its default."""
    request = json.loads(text)
    return {
        "emphasis": tuple(request.get("emphasis", ())),
        "avoid": tuple(request.get("avoid", ())),
        "favourites": tuple(request.get("favourites", ())),
        "fill": bool(request.get("fill", False)),
        "warnings": tuple(request.get("warnings", ())),
        "imported": bool(request.get("imported", False)),
    }


def _slot_data(slot: Slot) -> dict[str, Any]:
    return {**{f: getattr(slot, f) for f in _SLOT_FIELDS}, "rule": slot.rule}


def mesocycle_to_data(
    meso: Mesocycle, names: Sequence[Sequence[str]] | None = None
) -> dict[str, Any]:
    """The mesocycle as plain JSON-able data (names default to the weekday)."""
    weeks = []
    for w, week in enumerate(meso.weeks):
        sessions = []
        for k, s in enumerate(week.sessions):
            name = names[w][k] if names is not None else s.day
            sessions.append({"day": s.day, "name": name, "slots": [_slot_data(x) for x in s.slots]})
        weeks.append({"deload": week.deload, "sessions": sessions})
    return {"version": JSON_VERSION, "weeks": weeks}


def mesocycle_to_json(meso: Mesocycle, names: Sequence[Sequence[str]] | None = None) -> str:
    """The mesocycle as compact JSON text."""
    return json.dumps(mesocycle_to_data(meso, names), separators=(",", ":"))


def _field(data: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise PlanFormatError(f"{where}: field {key!r} is missing")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise PlanFormatError(f"{where}.{key}: expected {kind.__name__}, got {value!r}")
    return value


def _slot(data: Any, where: str) -> Slot:
    exercise = _field(data, "exercise", str, where)
    sets, low, high, rir, rest = (_field(data, f, int, where) for f in _SLOT_FIELDS[1:])
    rule = data.get("rule")
    if rule is not None and not isinstance(rule, str):
        raise PlanFormatError(f"{where}.rule: expected a string or null, got {rule!r}")
    try:
        return Slot(exercise, sets, low, high, rir, rest, rule)
    except ValueError as exc:
        raise PlanFormatError(f"{where}: {exc}") from exc


def mesocycle_from_data(data: Any) -> tuple[Mesocycle, tuple[tuple[str, ...], ...]]:
    """The mesocycle and its session names from :func:`mesocycle_to_data`'s layout."""
    version = _field(data, "version", int, "plan")
    if version != JSON_VERSION:
        raise PlanFormatError(f"plan.version: {version} is not {JSON_VERSION}")
    weeks, names = [], []
    for w, wd in enumerate(_field(data, "weeks", list, "plan")):
        where = f"plan.weeks[{w}]"
        sessions, week_names = [], []
        for k, sd in enumerate(_field(wd, "sessions", list, where)):
            sw = f"{where}.sessions[{k}]"
            day = _field(sd, "day", str, sw)
            slots = tuple(
                _slot(x, f"{sw}.slots[{i}]") for i, x in enumerate(_field(sd, "slots", list, sw))
            )
            try:
                sessions.append(Session(day, slots))
            except ValueError as exc:
                raise PlanFormatError(f"{sw}: {exc}") from exc
            week_names.append(_field(sd, "name", str, sw))
        try:
            weeks.append(WeekPlan(tuple(sessions), deload=bool(_field(wd, "deload", bool, where))))
        except ValueError as exc:
            raise PlanFormatError(f"{where}: {exc}") from exc
        names.append(tuple(week_names))
    if not weeks:
        raise PlanFormatError("plan.weeks: a plan needs at least one week")
    return Mesocycle(tuple(weeks)), tuple(names)


def mesocycle_from_json(text: str) -> tuple[Mesocycle, tuple[tuple[str, ...], ...]]:
    """Read :func:`mesocycle_to_json`'s text back."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFormatError(f"plan: not valid JSON: {exc}") from exc
    return mesocycle_from_data(data)
