"""The onboarding questions as a form: read the answers, check each against the services' own
rules, and say which field is wrong and why (for the page and for htmx's checks while typing).

The questions are the profile of ``spotter init`` (units, goal, experience, training days, minutes
per session, equipment as a preset or a list) plus an optional bodyweight and the planner's
optional wishes (muscles to emphasise, exercises or muscles to avoid).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from spotter.errors import SpotterError
from spotter.knowledge.catalog import Catalog
from spotter.profile import EXPERIENCE, GOALS, UNITS, WEEKDAYS, Profile

#: The equipment presets offered, with a label; "custom" means the boxes ticked.
PRESETS: tuple[tuple[str, str], ...] = (
    ("full-gym", "Full gym"),
    ("home-dumbbells", "Dumbbells at home"),
    ("cables-and-machines", "Cables and machines"),
    ("bodyweight", "Bodyweight only"),
    ("custom", "Let me pick"),
)
#: Field names in the order of the form (and of the errors).
FIELDS = (
    "units",
    "goal",
    "experience",
    "training_days",
    "minutes_per_session",
    "equipment",
    "bodyweight",
    "emphasis",
    "avoid",
)
#: What a new lifter sees ticked (the defaults of ``spotter init``).
DEFAULTS: dict[str, object] = {
    "units": "kg",
    "goal": "general",
    "experience": "novice",
    "training_days": ["mon", "wed", "fri"],
    "minutes_per_session": "60",
    "preset": "full-gym",
    "equipment": [],
    "bodyweight": "",
    "emphasis": "",
    "avoid": "",
}


@dataclass
class Answers:
    """What the form said (as typed), and what is wrong with it, per field."""

    values: dict[str, object]
    errors: dict[str, str] = field(default_factory=dict)
    profile: Profile | None = None
    bodyweight: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.profile is not None


def values_of(profile: Profile | None) -> dict[str, object]:
    """The form's starting values: the recorded profile's, else the defaults."""
    if profile is None:
        return dict(DEFAULTS)
    from spotter.knowledge.vocab import EQUIPMENT_PRESETS

    preset = next(
        (n for n, keys in EQUIPMENT_PRESETS.items() if set(keys) == set(profile.equipment)),
        "custom",
    )
    return {
        "units": profile.units,
        "goal": profile.goal,
        "experience": profile.experience,
        "training_days": list(profile.training_days),
        "minutes_per_session": str(profile.minutes_per_session),
        "preset": preset,
        "equipment": list(profile.equipment),
        "bodyweight": "",
        "emphasis": ", ".join(profile.emphasis),
        "avoid": ", ".join(profile.avoid),
    }


def _items(text: str) -> list[str]:
    return [v.strip() for v in text.split(",") if v.strip()]


def _message(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:]


def read(
    form: Mapping[str, object], *, catalog: Catalog, today: dt.date, now: dt.datetime
) -> Answers:
    """Check every answer of ``form`` (a mapping of field to a string, or a list for the
    multi-choice fields); the profile when all are right."""
    from spotter.knowledge.catalog import resolve_equipment
    from spotter.science.limits import check_bodyweight
    from spotter.science.units import parse_unit
    from spotter.services.planning import avoid_keys, emphasis_rows
    from spotter.services.quantities import read_load

    def text(name: str) -> str:
        value = form.get(name, "")
        return value.strip() if isinstance(value, str) else ""

    def many(name: str) -> list[str]:
        value = form.get(name, [])
        if isinstance(value, str):
            return [value] if value else []
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    values: dict[str, object] = {
        "units": text("units"),
        "goal": text("goal"),
        "experience": text("experience"),
        "training_days": many("training_days"),
        "minutes_per_session": text("minutes_per_session"),
        "preset": text("preset") or "full-gym",
        "equipment": many("equipment"),
        "bodyweight": text("bodyweight"),
        "emphasis": text("emphasis"),
        "avoid": text("avoid"),
    }
    errors: dict[str, str] = {}
    for name, allowed in (("units", UNITS), ("goal", GOALS), ("experience", EXPERIENCE)):
        if values[name] not in allowed:
            errors[name] = f"Choose one of: {', '.join(allowed)}."
    days = [d for d in WEEKDAYS if d in set(many("training_days"))]
    unknown = [d for d in many("training_days") if d not in WEEKDAYS]
    if unknown:
        errors["training_days"] = f"Not a weekday: {', '.join(unknown)}."
    elif not days:
        errors["training_days"] = "Pick at least one training day."
    minutes = 0
    try:
        minutes = int(str(values["minutes_per_session"]))
    except ValueError:
        errors["minutes_per_session"] = "Give the minutes as a whole number, e.g. 60."
    else:
        if not 10 <= minutes <= 240:
            errors["minutes_per_session"] = f"{minutes} minutes is outside 10 to 240."
    equipment: tuple[str, ...] = ()
    preset = str(values["preset"])
    try:
        if preset == "custom":
            equipment = tuple(sorted(resolve_equipment(many("equipment"))))
        elif preset in {p for p, _ in PRESETS}:
            equipment = tuple(sorted(resolve_equipment([preset])))
        else:
            errors["equipment"] = "Choose a preset or pick your equipment."
    except SpotterError as exc:
        errors["equipment"] = _message(exc)
    unit = str(values["units"]) if values["units"] in UNITS else "kg"
    bodyweight = str(values["bodyweight"])
    if bodyweight:
        try:
            given = read_load(bodyweight, parse_unit(unit), field="bodyweight")
            problems = check_bodyweight(given.kg or 0.0, unit=given.unit, on=now, today=today)
            if problems:
                errors["bodyweight"] = _message(Exception("; ".join(str(p) for p in problems)))
        except SpotterError as exc:
            errors["bodyweight"] = _message(exc)
    emphasis: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    try:
        emphasis = emphasis_rows(_items(str(values["emphasis"])))
    except SpotterError as exc:
        errors["emphasis"] = _message(exc)
    try:
        avoid = avoid_keys(_items(str(values["avoid"])), catalog)
    except SpotterError as exc:
        errors["avoid"] = _message(exc)
    answers = Answers(values, errors, bodyweight=bodyweight or None)
    if not errors:
        try:
            answers.profile = Profile(
                units=unit,
                goal=str(values["goal"]),
                experience=str(values["experience"]),
                training_days=tuple(days),
                minutes_per_session=minutes,
                equipment=equipment,
                emphasis=emphasis,
                avoid=avoid,
            )
        except SpotterError as exc:  # the profile's own rules, should the checks above miss one
            errors["units"] = _message(exc)
    return answers
