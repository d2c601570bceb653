"""The lifter's profile: units, goal, experience, schedule and equipment.

>>> p = Profile(units="kg", goal="hypertrophy", experience="novice",
...             training_days=("mon", "wed", "fri"), minutes_per_session=60,
...             equipment=("dumbbell", "bench"))
>>> p.sessions_per_week
3
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from spotter.errors import SpotterError

UNITS: Final = ("kg", "lb")
GOALS: Final = ("strength", "hypertrophy", "posture", "general")
EXPERIENCE: Final = ("novice", "intermediate", "advanced")
WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ProfileError(SpotterError, ValueError):
    """A profile value that is out of range, naming the field and what was expected."""


@dataclass(frozen=True, slots=True)
class Profile:
    units: str
    goal: str
    experience: str
    training_days: tuple[str, ...]
    minutes_per_session: int
    equipment: tuple[str, ...]
    #: Planning wishes: landmarks rows to weigh more, exercise slugs or muscle keys to leave out
    #: (an injury), and exercise slugs preferred on ties. The planner validates them.
    emphasis: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    favourites: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name, value, allowed in (
            ("units", self.units, UNITS),
            ("goal", self.goal, GOALS),
            ("experience", self.experience, EXPERIENCE),
        ):
            if value not in allowed:
                raise ProfileError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
        if not self.training_days:
            raise ProfileError("training days: at least one weekday is needed")
        for d in self.training_days:
            if d not in WEEKDAYS:
                raise ProfileError(f"training days: {d!r} is not one of {', '.join(WEEKDAYS)}")
        if len(set(self.training_days)) != len(self.training_days):
            raise ProfileError("training days: a weekday is listed twice")
        if not 10 <= self.minutes_per_session <= 240:
            raise ProfileError(f"minutes per session: {self.minutes_per_session} is outside 10-240")

    @property
    def sessions_per_week(self) -> int:
        return len(self.training_days)


def parse_weekdays(text: str) -> tuple[str, ...]:
    """Weekdays from "mon,wed,fri" or "Monday Wednesday", in calendar order.

    >>> parse_weekdays("Fri, mon,Wednesday")
    ('mon', 'wed', 'fri')
    """
    out = set()
    for token in text.replace(",", " ").split():
        key = token.strip().lower()[:3]
        if key not in WEEKDAYS:
            raise ProfileError(f"training days: {token!r} is not a weekday (mon..sun)")
        out.add(key)
    return tuple(d for d in WEEKDAYS if d in out)
