"""The small grammar of `spotter log "TEXT"`: one exercise and its sets on one line.

An entry is the exercise's name followed by set groups. Each set group is one of::

    55kg 10,10,9        one load, one set per rep count
    3x5 100kg           sets x reps at a load (the load may come first: 100kg 3x5)
    80x5, 85x5, 90x3    load x reps for each set (the unit may follow: 80x5kg)
    bw+10kg 8,7,6       bodyweight plus a load; "bw 12,10" is bodyweight alone
    -20kg 3x8           an assisted exercise: the machine or band takes 20 kg off
    3x60s               timed sets: 3 sets of 60 seconds (also 45s, 1m30s)
    3x40m               carries: 3 sets of 40 meters

``NxM`` means sets x reps when the entry names a load elsewhere (``3x5 100kg``) and load x reps
when it does not (``80x5, 85x5``); ``80kgx5`` is always load x reps.

An effort mark rates the sets of the last load: ``55kg 10,10,9 @8`` gives RPE 8 to all three,
``80x5, 85x5, 90x3 @9`` only to the 90 x 3 set. Marks can also go on each rep count
(``10@8,10@8.5,9@9``), and ``rir2`` gives reps in reserve instead of RPE. A trailing word ``warmup``,
``drop``, ``failure`` or ``amrap`` sets the type of the group's sets. Units are ``kg`` and
``lb``/``lbs``; a load without a unit takes the default unit given.

>>> e = parse_log_line("stepback pulldown 55kg 10,10,9 @8")
>>> e.exercise, [(s.load, s.unit, s.reps, s.rpe) for s in e.sets]
('stepback pulldown', [(55.0, 'kg', 10, 8.0), (55.0, 'kg', 10, 8.0), (55.0, 'kg', 9, 8.0)])
>>> [(s.load, s.reps) for s in parse_log_line("squat 3x5 100kg").sets]
[(100.0, 5), (100.0, 5), (100.0, 5)]
>>> s = parse_log_line("pull-up bw+10kg 8,7,6").sets[0]
>>> (s.bodyweight, s.load, s.reps)
(True, 10.0, 8)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spotter.errors import SpotterError

SET_TYPES = ("warm-up", "working", "drop", "failure", "amrap")
_UNITS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}


class LogSyntaxError(SpotterError):
    """The text does not follow the log grammar; says where and what was expected."""

    def __init__(self, text: str, position: int, message: str) -> None:
        self.text = text
        self.position = position
        pointer = " " * position + "^"
        super().__init__(
            f"cannot read the log entry at column {position + 1}: {message}\n  {text}\n  {pointer}"
        )


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One set as written: the load is in ``unit`` (None for bodyweight alone)."""

    load: float | None
    unit: str
    reps: int | None = None
    seconds: float | None = None
    meters: float | None = None
    rpe: float | None = None
    rir: float | None = None
    bodyweight: bool = False
    set_type: str = "working"


@dataclass(frozen=True, slots=True)
class LogEntry:
    exercise: str
    sets: tuple[LoggedSet, ...]


_NUM = r"\d+(?:\.\d+)?"
_U = r"(?P<unit>kgs?|lbs?)"
_RPE = rf"(?:@(?P<rpe>{_NUM}))?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(rx, re.IGNORECASE))
    for k, rx in (
        ("effort", rf"^(?:@(?P<rpe>{_NUM})|rir(?P<rir>{_NUM}))$"),
        ("type", r"^(?P<word>warm-?up|drop|failure|amrap)$"),
        ("bw", rf"^bw(?:\+(?P<load>{_NUM}){_U}?)?$"),
        (
            "time",
            rf"^(?:(?P<sets>\d+)x)?(?:(?P<min>\d+)m(?P<sec2>\d+)s?|(?P<sec>{_NUM})s|(?P<mins>{_NUM})min)$",
        ),
        ("distance", rf"^(?:(?P<sets>\d+)x)?(?P<meters>{_NUM})m$"),
        ("load_reps", rf"^(?P<load>{_NUM}){_U}x(?P<reps>\d+){_RPE}$"),
        ("nxm", rf"^(?P<a>{_NUM})x(?P<b>\d+){_RPE}$"),
        ("load", rf"^(?P<sign>[-+])?(?P<load>{_NUM}){_U}$"),
        ("reps", rf"^(?P<reps>\d+){_RPE}$"),
    )
]
_EXPECTED = (
    "a load (55kg, bw, bw+10kg, -20kg), reps (10,10,9), sets x reps (3x5), load x reps (80x5), "
    "time (60s, 3x45s), distance (3x40m), effort (@8, rir2) or a set type (warmup, drop, failure, amrap)"
)


def _classify(item: str) -> tuple[str, re.Match[str]] | None:
    for kind, rx in _PATTERNS:
        m = rx.match(item)
        if m:
            return kind, m
    return None


def _items(text: str, start: int) -> list[tuple[str, int]]:
    """The set description split into items with their columns ("10, 10,9" gives 10, 10, 9)."""
    return [(m.group(0), start + m.start()) for m in re.finditer(r"[^\s,]+", text[start:])]


def parse_log_line(text: str, *, default_unit: str = "kg") -> LogEntry:
    """Parse one log entry. Raises :class:`LogSyntaxError` saying where and what was expected."""
    if default_unit not in ("kg", "lb"):
        raise ValueError(f"default unit must be kg or lb, not {default_unit!r}")
    text = text.strip()
    if not text:
        raise LogSyntaxError(
            text, 0, "empty entry: give an exercise and its sets, e.g. 'squat 3x5 100kg'"
        )
    # The name is every word before the first item that describes sets (the first word is always
    # part of the name, so "21s" can still start a name).
    words = list(re.finditer(r"\S+", text))
    name_end = None
    for i, w in enumerate(words):
        if i > 0 and all(_classify(x) for x in w.group(0).split(",") if x):
            name_end = w.start()
            break
    if name_end is None:
        raise LogSyntaxError(
            text,
            len(text),
            "expected sets after the exercise name, e.g. '55kg 10,10,9' or '3x5 100kg'",
        )
    exercise = text[:name_end].strip()
    return LogEntry(exercise, tuple(_parse_sets(text, _items(text, name_end), default_unit)))


def _parse_sets(text: str, items: list[tuple[str, int]], default_unit: str) -> list[LoggedSet]:
    classified = []
    for item, pos in items:
        c = _classify(item)
        if c is None:
            raise LogSyntaxError(text, pos, f"{item!r} is not {_EXPECTED}")
        classified.append((c[0], c[1], pos))
    has_load = any(k in ("load", "bw") for k, _, _ in classified)

    def unit_of(m: re.Match[str]) -> str:
        u = m.group("unit")
        return _UNITS[u.lower()] if u else default_unit

    sets: list[LoggedSet] = []
    group: list[int] = []  # indexes of the sets an effort mark or a set type applies to
    load: float | None = None
    unit = default_unit
    bodyweight = False
    waiting: list[tuple[int, int, float | None, int]] = []  # sets x reps seen before their load

    def add(n: int, **fields: object) -> None:
        for _ in range(n):
            group.append(len(sets))
            sets.append(LoggedSet(load=load, unit=unit, bodyweight=bodyweight, **fields))  # type: ignore[arg-type]

    for kind, m, pos in classified:
        if kind in ("load", "bw"):
            if kind == "load":
                load = float(m.group("load")) * (-1.0 if m.group("sign") == "-" else 1.0)
                bodyweight = False
            else:
                load = float(m.group("load")) if m.group("load") else None
                bodyweight = True
            unit = unit_of(m)
            group = []
            for n, reps, rpe, _ in waiting:
                add(n, reps=reps, rpe=rpe)
            waiting.clear()
        elif kind == "reps":
            if load is None and not bodyweight:
                raise LogSyntaxError(
                    text,
                    pos,
                    "rep counts need a load before them, e.g. '55kg 10,10,9' or 'bw 12,10'",
                )
            add(1, reps=int(m.group("reps")), rpe=_float(m.group("rpe")))
        elif kind == "nxm" and has_load:
            n_text, reps = m.group("a"), int(m.group("b"))
            if "." in n_text:
                raise LogSyntaxError(text, pos, f"{m.group(0)!r}: a number of sets must be whole")
            if load is None and not bodyweight:
                waiting.append((int(n_text), reps, _float(m.group("rpe")), pos))
            else:
                group = []
                add(int(n_text), reps=reps, rpe=_float(m.group("rpe")))
        elif kind in ("nxm", "load_reps"):
            load = float(m.group("load") if kind == "load_reps" else m.group("a"))
            unit = unit_of(m) if kind == "load_reps" else unit
            bodyweight = False
            group = []
            add(
                1,
                reps=int(m.group("b") if kind == "nxm" else m.group("reps")),
                rpe=_float(m.group("rpe")),
            )
        elif kind == "time":
            if m.group("sec") is not None:
                secs = float(m.group("sec"))
            elif m.group("mins") is not None:
                secs = float(m.group("mins")) * 60
            else:
                secs = float(m.group("min")) * 60 + float(m.group("sec2"))
            bodyweight = bodyweight or load is None
            group = []
            add(int(m.group("sets") or 1), seconds=secs)
        elif kind == "distance":
            bodyweight = bodyweight or load is None
            group = []
            add(int(m.group("sets") or 1), meters=float(m.group("meters")))
        elif kind == "effort":
            if not group:
                raise LogSyntaxError(text, pos, f"{m.group(0)!r} must follow the sets it rates")
            rpe, rir = _float(m.group("rpe")), _float(m.group("rir"))
            for i in group:
                s = sets[i]
                sets[i] = replace(
                    s,
                    rpe=s.rpe if s.rpe is not None else rpe,
                    rir=s.rir if s.rir is not None else rir,
                )
        else:  # set type
            if not group:
                raise LogSyntaxError(text, pos, f"{m.group(0)!r} must follow the sets it describes")
            word = m.group("word").lower().replace("-", "")
            word = "warm-up" if word == "warmup" else word
            for i in group:
                sets[i] = replace(sets[i], set_type=word)
    if waiting:
        n, reps, _, pos = waiting[0]
        raise LogSyntaxError(text, pos, f"'{n}x{reps}' needs a load, e.g. '100kg' or 'bw'")
    if not sets:
        raise LogSyntaxError(text, items[0][1] if items else len(text), "no sets found")
    return sets


def _float(value: str | None) -> float | None:
    return None if value is None else float(value)
