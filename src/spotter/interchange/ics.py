r"""iCalendar (RFC 5545) for a plan: one event per session, for every week of the mesocycle.

:func:`write_calendar` is a small, dependency-free writer of ``VCALENDAR`` / ``VEVENT`` text:

* lines end in CRLF (section 3.1);
* content lines longer than 75 octets are folded: CRLF then one space, never splitting a UTF-8
  character (section 3.1);
* TEXT values escape backslash, semicolon, comma and newlines as ``\\``, ``\;``, ``\,`` and
  ``\n`` (section 3.3.11);
* ``DTSTART`` is a floating local date-time (``19980118T230000``, section 3.3.5: the session is
  at that clock time wherever the lifter is), ``DURATION`` is ``PT<minutes>M``, ``DTSTAMP`` is
  UTC and ``UID`` is unique per event (both required in a VEVENT, section 3.6.1).

:func:`plan_events` turns a stored plan into events: a session's date from
:meth:`~spotter.planning.model.stored.StoredPlan.sessions`, the start time given (default
18:00), the duration from :func:`~spotter.planning.model.session_time.session_minutes`
rounded up, ``SUMMARY`` "Spotter: Upper A (week 2)" and a ``DESCRIPTION`` listing each exercise
as "Name: 3 × 8-12 @ RIR 2, rest 120 s".

>>> print(fold("DESCRIPTION:" + "x" * 70).replace("\r\n", "|"))
DESCRIPTION:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx| xxxxxxx
>>> escape_text("Squat; bench, row")
'Squat\\; bench\\, row'
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import Slot
from spotter.planning.model.session_time import session_minutes
from spotter.planning.model.stored import StoredPlan

#: Longest content line, in octets, before folding (RFC 5545 section 3.1).
MAX_OCTETS: Final[int] = 75
#: Default start time of a session (floating local time).
DEFAULT_TIME: Final[dt.time] = dt.time(18, 0)
PRODID: Final[str] = "-//Spotter//Spotter plan//EN"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    start: dt.datetime  # naive: floating local time
    minutes: int
    summary: str
    description: str


def escape_text(value: str) -> str:
    """A TEXT value escaped (module docstring)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """One content line folded at 75 octets, without splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    limit = MAX_OCTETS
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1  # do not split a multi-byte character
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = MAX_OCTETS - 1  # continuation lines start with a space
    return "\r\n ".join(parts)


def _stamp(value: dt.datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def write_calendar(
    events: Sequence[CalendarEvent], *, stamp: dt.datetime, name: str = "Spotter plan"
) -> str:
    """The calendar as iCalendar text; ``stamp`` (UTC) is every event's ``DTSTAMP``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"DTSTAMP:{_stamp(stamp)}Z",
            f"DTSTART:{_stamp(e.start)}",
            f"DURATION:PT{e.minutes}M",
            f"SUMMARY:{escape_text(e.summary)}",
            f"DESCRIPTION:{escape_text(e.description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def slot_line(slot: Slot, name: str) -> str:
    """ "Name: 3 × 8-12 @ RIR 2, rest 120 s" (a single rep count when low = high)."""
    reps = str(slot.rep_low) if slot.rep_low == slot.rep_high else f"{slot.rep_low}-{slot.rep_high}"
    return f"{name}: {slot.sets} × {reps} @ RIR {slot.rir}, rest {slot.rest_seconds} s"


def plan_events(
    plan: StoredPlan,
    facts: Mapping[str, ExerciseFacts],
    names: Mapping[str, str],
    *,
    at: dt.time = DEFAULT_TIME,
) -> list[CalendarEvent]:
    """One event per session of the plan (module docstring); ``names`` maps slugs to names."""
    out = []
    for p in plan.sessions():
        minutes = math.ceil(session_minutes(p.session, facts) - 1e-9)
        deload = ", deload" if p.deload else ""
        lines = [slot_line(s, names.get(s.exercise, s.exercise)) for s in p.session.slots]
        out.append(
            CalendarEvent(
                uid=f"plan{plan.id}-{p.date.isoformat()}@spotter",
                start=dt.datetime.combine(p.date, at),
                minutes=max(1, minutes),
                summary=f"Spotter: {p.name} (week {p.week}{deload})",
                description="\n".join(lines),
            )
        )
    return out


def plan_to_ics(
    plan: StoredPlan,
    facts: Mapping[str, ExerciseFacts],
    names: Mapping[str, str],
    *,
    at: dt.time = DEFAULT_TIME,
) -> str:
    """The plan as an iCalendar file's text (DTSTAMP: the plan's creation time)."""
    return write_calendar(
        plan_events(plan, facts, names, at=at), stamp=plan.created_at, name=plan.name
    )
