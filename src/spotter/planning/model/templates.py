"""Plan templates as data: the records, validation of their plain data, documented deviations.

A template (``planning/templates/*.yaml``, read by :mod:`spotter.planning.template_files`) has
a ``name``, a ``title``, a ``description``, the training ``days`` a week it needs, hints for the
lifter it was written for (``goal``, ``experience``, ``minutes``), a default length in ``weeks``,
and ``sessions``: each a ``name`` and ``slots`` of ``exercise`` (a slug), ``any`` (slugs in
order of preference) or ``role`` (``main``, ``secondary``, ``accessory`` or ``trunk``, with the
``pattern`` or primary ``muscle`` it trains: the exercise is chosen from the catalog by role,
:mod:`~spotter.planning.model.role_slots`; its ``reps``, ``rir`` and ``rule`` may then be left
to the role), ``sets``, ``reps`` (``"8-12"`` or ``5``), ``rir``, ``rule`` (a key of
:data:`~spotter.planning.model.progression.RULES`) and optionally ``rest`` in seconds (default:
:func:`~spotter.planning.model.session_time.rest_seconds` for the reps and the lifter's goal).
With ``rotate: true`` the sessions are done in turn across the weeks (four sessions on three
days); otherwise there is one session per training day. ``min_days`` (default ``days``; below
it only with ``rotate``) is the fewest training days the template runs on: a lifter with fewer
than ``days`` but at least ``min_days`` does the sessions in turn on the days they have. With ``ramp: false`` every slot
keeps its sets in all accumulation weeks (a program such as 5/3/1 periodises by its own wave,
not by adding sets); by default the sets ramp up to the template's. ``deviations`` maps the checks of
:func:`~spotter.planning.model.checks.check_week` the template knowingly does not pass on its
own lifter (a rule, or ``rule:where`` such as ``volume:glutes``) to the reason.

Using a template for a profile (days, substitutions, the mesocycle) is in
:mod:`spotter.planning.model.template_use`.

>>> parse_reps("8-12", "t.yaml", "sessions[0].slots[0].reps")
(8, 12)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from spotter.errors import SpotterError
from spotter.knowledge.vocab import MUSCLES, PATTERNS
from spotter.planning.model.program import RIR_END
from spotter.planning.model.progression import PROGRAM_RULES, RULES
from spotter.planning.model.role_slots import SLOT_ROLES
from spotter.profile import EXPERIENCE, GOALS

#: Rules that prescribe their own sets and reps.
FIXED_SCHEME_RULES: Final[frozenset[str]] = PROGRAM_RULES
#: Check rules a template may declare as deviations (those of check_week).
CHECK_RULES: Final[frozenset[str]] = frozenset(
    {
        "volume",
        "session-time",
        "recovery",
        "session-cap",
        "pull-push",
        "knee-hip",
        "repeat",
        "variety",
        "equipment",
        "order",
        "days",
        "avoid",
    }
)


class TemplateError(SpotterError):
    """A template that cannot be read or used: where (file, line, field) and what is expected."""

    def __init__(self, path: str, line: int | None, field_: str | None, message: str) -> None:
        self.path, self.line, self.field, self.message = path, line, field_, message
        where = path + (f":{line}" if line else "")
        what = f" field '{field_}':" if field_ else ""
        super().__init__(f"{where}:{what} {message}" if where else message)


@dataclass(frozen=True, slots=True)
class TemplateSlot:
    """One slot: named exercises (``choices``, in order of preference), or a ``role`` with the
    ``pattern`` or ``muscle`` it trains, filled from the catalog
    (:mod:`~spotter.planning.model.role_slots`). ``rep_low``/``rep_high`` are 0 and ``rule``
    None when a role slot leaves them to its role."""

    choices: tuple[str, ...]
    sets: int
    rep_low: int
    rep_high: int
    rir: int
    rule: str | None
    rest_seconds: int | None = None
    role: str | None = None
    pattern: str | None = None
    muscle: str | None = None


@dataclass(frozen=True, slots=True)
class TemplateSession:
    name: str
    slots: tuple[TemplateSlot, ...]


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    title: str
    description: str
    days: int
    goal: str
    experience: str
    minutes: int
    weeks: int
    sessions: tuple[TemplateSession, ...]
    rotate: bool = False
    deviations: Mapping[str, str] = field(default_factory=dict)
    ramp: bool = True
    min_days: int = 0

    @property
    def fewest_days(self) -> int:
        """The fewest training days a week the template runs on (``min_days``, or ``days``)."""
        return self.min_days or self.days

    @property
    def exercises(self) -> frozenset[str]:
        return frozenset(c for s in self.sessions for slot in s.slots for c in slot.choices)


def parse_reps(value: Any, path: str, where: str, line: int | None = None) -> tuple[int, int]:
    """``"8-12"``, ``"8–12"`` or ``5`` as a (low, high) rep range."""
    if isinstance(value, int) and not isinstance(value, bool):
        low = high = value
    elif isinstance(value, str):
        parts = value.replace("–", "-").split("-")
        try:
            low, high = (int(parts[0]), int(parts[-1])) if len(parts) <= 2 else (0, -1)
        except ValueError:
            low, high = 0, -1
    else:
        low, high = 0, -1
    if not 1 <= low <= high:
        raise TemplateError(path, line, where, f"expected reps like 8-12 or 5, got {value!r}")
    return low, high


Lines = Callable[[tuple[str | int, ...]], int | None]


def _no_lines(_: tuple[str | int, ...]) -> int | None:
    return None


class _Reader:
    def __init__(self, path: str, lines: Lines) -> None:
        self.path, self.lines = path, lines

    def fail(self, loc: tuple[str | int, ...], message: str) -> TemplateError:
        name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
        return TemplateError(self.path, self.lines(loc), name or None, message)

    def get(
        self, data: Any, loc: tuple[str | int, ...], key: str, kind: type, default: Any = ...
    ) -> Any:
        if not isinstance(data, dict):
            raise self.fail(loc, "expected a mapping")
        if key not in data:
            if default is ...:
                raise self.fail((*loc, key), "is required but missing")
            return default
        value = data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail((*loc, key), f"expected {kind.__name__}, got {value!r}")
        return value


_TOP: Final = frozenset(
    {
        "name",
        "title",
        "description",
        "days",
        "goal",
        "experience",
        "minutes",
        "weeks",
        "sessions",
        "rotate",
        "deviations",
        "ramp",
        "min_days",
    }
)
_SLOT_KEYS: Final = frozenset(
    {"exercise", "any", "role", "pattern", "muscle", "sets", "reps", "rir", "rule", "rest"}
)


def _slot(
    r: _Reader, data: Any, loc: tuple[str | int, ...], known: frozenset[str] | None
) -> TemplateSlot:
    if not isinstance(data, dict):
        raise r.fail(loc, "expected a mapping with exercise (or any), sets, reps, rir, rule")
    extra = sorted(set(data) - _SLOT_KEYS)
    if extra:
        raise r.fail(
            (*loc, extra[0]),
            f"is not a known field; expected one of {', '.join(sorted(_SLOT_KEYS))}",
        )
    if sum(k in data for k in ("exercise", "any", "role")) != 1:
        raise r.fail(
            loc, "give one of exercise (one slug), any (a list of slugs) or role (with pattern or muscle)"
        )
    if "role" in data:
        return _role_slot(r, data, loc)
    if "pattern" in data or "muscle" in data:
        key = "pattern" if "pattern" in data else "muscle"
        raise r.fail((*loc, key), "goes with role, not with exercise or any")
    if "exercise" in data:
        choices: tuple[str, ...] = (r.get(data, loc, "exercise", str),)
        key = "exercise"
    else:
        raw = r.get(data, loc, "any", list)
        if not raw or not all(isinstance(x, str) for x in raw):
            raise r.fail((*loc, "any"), "expected a non-empty list of exercise slugs")
        choices, key = tuple(raw), "any"
    if known is not None:
        for i, c in enumerate(choices):
            if c not in known:
                at = (*loc, key) if key == "exercise" else (*loc, key, i)
                raise r.fail(at, f"unknown exercise {c!r}; expected a catalog slug")
    sets = r.get(data, loc, "sets", int)
    if not 1 <= sets <= 20:
        raise r.fail((*loc, "sets"), f"expected 1-20 sets, got {sets}")
    if "reps" not in data:
        raise r.fail((*loc, "reps"), "is required but missing")
    try:
        low, high = parse_reps(data["reps"], r.path, "reps")
    except TemplateError as exc:
        raise r.fail((*loc, "reps"), exc.message) from None
    rir = r.get(data, loc, "rir", int)
    if not 0 <= rir <= 10:
        raise r.fail((*loc, "rir"), f"expected RIR 0-10, got {rir}")
    rule = r.get(data, loc, "rule", str)
    if rule not in RULES:
        raise r.fail((*loc, "rule"), f"unknown rule {rule!r}; expected one of {', '.join(RULES)}")
    rest = r.get(data, loc, "rest", int, None)
    if rest is not None and not 0 <= rest <= 900:
        raise r.fail((*loc, "rest"), f"expected 0-900 seconds, got {rest}")
    return TemplateSlot(choices, sets, low, high, rir, rule, rest)


def _role_slot(r: _Reader, data: dict[str, Any], loc: tuple[str | int, ...]) -> TemplateSlot:
    role = r.get(data, loc, "role", str)
    if role not in SLOT_ROLES:
        raise r.fail((*loc, "role"), f"unknown role {role!r}; expected one of {', '.join(SLOT_ROLES)}")
    pattern = r.get(data, loc, "pattern", str, None)
    if pattern is not None and pattern not in PATTERNS:
        raise r.fail((*loc, "pattern"), f"unknown movement pattern {pattern!r}")
    muscle = r.get(data, loc, "muscle", str, None)
    if muscle is not None and muscle not in MUSCLES:
        raise r.fail((*loc, "muscle"), f"unknown muscle {muscle!r}")
    if role != "trunk" and pattern is None and muscle is None:
        raise r.fail(loc, f"a {role} slot needs the pattern or the muscle it trains")
    sets = r.get(data, loc, "sets", int)
    if not 1 <= sets <= 20:
        raise r.fail((*loc, "sets"), f"expected 1-20 sets, got {sets}")
    low = high = 0
    if "reps" in data:
        try:
            low, high = parse_reps(data["reps"], r.path, "reps")
        except TemplateError as exc:
            raise r.fail((*loc, "reps"), exc.message) from None
    rir = r.get(data, loc, "rir", int, RIR_END)
    if not 0 <= rir <= 10:
        raise r.fail((*loc, "rir"), f"expected RIR 0-10, got {rir}")
    rule = r.get(data, loc, "rule", str, None)
    if rule is not None and rule not in RULES:
        raise r.fail((*loc, "rule"), f"unknown rule {rule!r}; expected one of {', '.join(RULES)}")
    rest = r.get(data, loc, "rest", int, None)
    if rest is not None and not 0 <= rest <= 900:
        raise r.fail((*loc, "rest"), f"expected 0-900 seconds, got {rest}")
    return TemplateSlot((), sets, low, high, rir, rule, rest, role, pattern, muscle)


def parse_template(
    data: Any,
    path: str,
    *,
    lines: Lines = _no_lines,
    known_exercises: frozenset[str] | None = None,
) -> Template:
    """Validate a template's plain data (parsed YAML); ``lines`` maps a field path to its line.

    >>> t = parse_template({"name": "x", "title": "X", "description": "d", "days": 1,
    ...     "goal": "general", "experience": "novice", "minutes": 30, "weeks": 4,
    ...     "sessions": [{"name": "A", "slots": [{"exercise": "push-up", "sets": 3,
    ...     "reps": "8-12", "rir": 2, "rule": "double"}]}]}, "x.yaml")
    >>> t.sessions[0].slots[0]
    TemplateSlot(choices=('push-up',), sets=3, rep_low=8, rep_high=12, rir=2, rule='double', rest_seconds=None, role=None, pattern=None, muscle=None)
    >>> parse_template({"name": "x"}, "x.yaml")
    Traceback (most recent call last):
    ...
    spotter.planning.model.templates.TemplateError: x.yaml: field 'title': is required but missing
    """
    r = _Reader(path, lines)
    if not isinstance(data, dict):
        raise r.fail((), "expected a mapping with name, title, description, days, sessions")
    extra = sorted(set(data) - _TOP)
    if extra:
        raise r.fail(
            (extra[0],), f"is not a known field; expected one of {', '.join(sorted(_TOP))}"
        )
    name = r.get(data, (), "name", str)
    title = r.get(data, (), "title", str)
    description = r.get(data, (), "description", str)
    days = r.get(data, (), "days", int)
    if not 1 <= days <= 7:
        raise r.fail(("days",), f"expected 1-7 training days, got {days}")
    goal = r.get(data, (), "goal", str)
    if goal not in GOALS:
        raise r.fail(("goal",), f"{goal!r} is not one of {', '.join(GOALS)}")
    experience = r.get(data, (), "experience", str)
    if experience not in EXPERIENCE:
        raise r.fail(("experience",), f"{experience!r} is not one of {', '.join(EXPERIENCE)}")
    minutes = r.get(data, (), "minutes", int)
    if not 10 <= minutes <= 240:
        raise r.fail(("minutes",), f"expected 10-240 minutes, got {minutes}")
    weeks = r.get(data, (), "weeks", int)
    if not 3 <= weeks <= 52:
        raise r.fail(("weeks",), f"expected 3-52 weeks, got {weeks}")
    rotate = r.get(data, (), "rotate", bool, False)
    ramp = r.get(data, (), "ramp", bool, True)
    min_days = r.get(data, (), "min_days", int, days)
    if not 1 <= min_days <= days:
        raise r.fail(("min_days",), f"expected 1-{days} training days (at most days), got {min_days}")
    if min_days < days and not rotate:
        raise r.fail(
            ("min_days",),
            "fewer days than the sessions need rotate: true (the sessions are done in turn)",
        )
    raw_sessions = r.get(data, (), "sessions", list)
    sessions = []
    for i, sd in enumerate(raw_sessions):
        loc: tuple[str | int, ...] = ("sessions", i)
        sname = r.get(sd, loc, "name", str)
        raw_slots = r.get(sd, loc, "slots", list)
        if not raw_slots:
            raise r.fail((*loc, "slots"), "a session needs at least one slot")
        slots = tuple(
            _slot(r, x, (*loc, "slots", j), known_exercises) for j, x in enumerate(raw_slots)
        )
        sessions.append(TemplateSession(sname, slots))
    if rotate and len(sessions) < days:
        raise r.fail(
            ("sessions",), f"a rotation needs at least {days} sessions, got {len(sessions)}"
        )
    if not rotate and len(sessions) != days:
        raise r.fail(("sessions",), f"expected {days} sessions (one per day), got {len(sessions)}")
    raw_dev = r.get(data, (), "deviations", dict, {})
    for key, reason in raw_dev.items():
        if not isinstance(key, str) or key.split(":")[0] not in CHECK_RULES:
            raise r.fail(
                ("deviations", str(key)),
                f"expected a check rule ({', '.join(sorted(CHECK_RULES))})",
            )
        if not isinstance(reason, str) or not reason.strip():
            raise r.fail(("deviations", key), "expected the reason as text")
    return Template(
        name,
        title,
        description.strip(),
        days,
        goal,
        experience,
        minutes,
        weeks,
        tuple(sessions),
        rotate,
        dict(raw_dev),
        ramp,
        min_days,
    )


def deviation(template: Template, rule: str, where: str) -> str | None:
    """The template's documented reason for failing check ``rule`` at ``where``, if any.

    >>> t = Template("t", "T", "", 1, "general", "novice", 30, 4, (),
    ...              deviations={"volume:glutes": "squats count glutes"})
    >>> deviation(t, "volume", "glutes"), deviation(t, "volume", "chest")
    ('squats count glutes', None)
    """
    return template.deviations.get(f"{rule}:{where}") or template.deviations.get(rule)
