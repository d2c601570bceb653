"""The small grammar of `spotter log "TEXT"`: one exercise and its sets on one line.

An entry is the exercise's name followed by set groups. Each set group is one of::

    55kg 10,10,9        one load, one set per rep count
    3x5 100kg           sets x reps at a load (the load may come first: 100kg 3x5)
    80x5, 85x5, 90x3    load x reps for each set (the unit may follow: 80x5kg)
    bw+10kg 8,7,6       bodyweight plus a load; "bw 12,10" is bodyweight alone
    -20kg 3x8           an assisted exercise: the machine or band takes 20 kg off
    assist 20kg 3x8     the same, in words
    3x60s               timed sets: 3 sets of 60 seconds (also 45s, 1m30s)
    3x40m               carries: 3 sets of 40 meters

**The exercise's load kind decides what a bare number means** (``kind``, see :data:`LOAD_KINDS`):

* ``external`` (barbell, dumbbell, cable...): ``NxM`` is sets x reps when the entry names a load
  elsewhere (``3x5 100kg``) and load x reps when it does not (``80x5, 85x5``); ``80kgx5`` is
  always load x reps. Rep counts need a load before them. A negative load is refused.
* ``bodyweight`` (pull-up, push-up, dip...): no load means bodyweight, so ``pull-up 3x8`` is three
  sets of eight and ``push-up 20,18,15`` three sets of those reps; ``NxM`` is always sets x reps;
  a load (``10kg``, ``+10kg`` or ``bw+10kg``) is *added* to the body; a negative load or
  ``assist`` is refused (log it under the assisted variant).
* ``band`` (band pull-apart, band row...): like bodyweight, bare numbers are reps and ``NxM``
  is sets x reps, with no load recorded (the band is not the body); a load, if written, is the
  band's nominal resistance.
* ``assisted`` (assisted pull-up, band-assisted dip...): a load is *assistance*, the weight the
  machine or band takes off. ``assisted pull-up 20kg 3x8``, ``-20kg 3x8`` and ``assist 20kg 3x8``
  all record -20 kg relative to bodyweight (``bodyweight`` True, ``load`` -20). ``bw`` or no load
  is no assistance. An explicit ``+20kg`` or ``bw+20kg`` is refused: added load belongs to the
  unassisted exercise.

Without a kind (``kind=None``) the grammar reads loads as written (the lenient reading older
callers used): a negative load is kept and left for the caller to check.

An effort mark rates the sets of the last load: ``55kg 10,10,9 @8`` gives RPE 8 to all three,
``80x5, 85x5, 90x3 @9`` only to the 90 x 3 set. Marks can also go on each rep count
(``10@8,10@8.5,9@9``), and ``rir2`` gives reps in reserve instead of RPE. A trailing word ``warmup``,
``drop``, ``failure`` or ``amrap`` sets the type of the group's sets. Units are ``kg`` and
``lb``/``lbs``; a load without a unit takes the default unit given. A set keeps the unit it was
written in (``unit``; None when it has no load).

**Supersets**: entries joined by a ``+`` standing alone between spaces form one superset, done
alternately: ``bench 80kg 3x8 + pull-up 3x8`` (see :func:`parse_log`).

>>> e = parse_log_line("stepback pulldown 55kg 10,10,9 @8")
>>> e.exercise, [(s.load, str(s.unit), s.reps, s.rpe) for s in e.sets]
('stepback pulldown', [(55.0, 'kg', 10, 8.0), (55.0, 'kg', 10, 8.0), (55.0, 'kg', 9, 8.0)])
>>> [(s.load, s.reps) for s in parse_log_line("squat 3x5 100kg").sets]
[(100.0, 5), (100.0, 5), (100.0, 5)]
>>> s = parse_log_line("pull-up bw+10kg 8,7,6").sets[0]
>>> (s.bodyweight, s.load, s.reps)
(True, 10.0, 8)
>>> [(s.load, s.reps, s.bodyweight) for s in parse_log_line("pull-up 3x8", kind="bodyweight").sets]
[(None, 8, True), (None, 8, True), (None, 8, True)]
>>> s = parse_log_line("assisted pull-up 20kg 3x8", kind="assisted").sets[0]
>>> (s.load, s.unit, s.bodyweight)
(-20.0, <Unit.KG: 'kg'>, True)

Writing sets back in this grammar is :mod:`spotter.interchange.logwrite`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, get_args

from spotter.errors import SpotterError
from spotter.science.units import Unit

SET_TYPES = ("warm-up", "working", "drop", "failure", "amrap")
#: The most sets one group may ask for ("3x5"): more is a typing slip, and refusing it keeps a
#: huge count from tying the command up.
MAX_SETS = 50
_UNITS = {"kg": Unit.KG, "kgs": Unit.KG, "lb": Unit.LB, "lbs": Unit.LB}

LoadKind = Literal["external", "bodyweight", "assisted", "band"]
#: What a load means for an exercise: the whole load, added to the body, assistance, or a band's
#: nominal resistance (usually not written at all).
LOAD_KINDS: tuple[str, ...] = get_args(LoadKind)


def load_kind(load_type: str, slug: str = "", name: str = "") -> LoadKind:
    """The load kind of an exercise from its catalog load type, slug and name.

    An exercise is *assisted* when its slug or name says so (an assisted machine or a band that
    helps); otherwise a ``bodyweight`` load type is *bodyweight*, a ``band`` one *band* and every
    other one *external*.

    >>> load_kind("selectorized-machine", "assisted-pull-up")
    'assisted'
    >>> load_kind("band", "band-assisted-pull-up"), load_kind("bodyweight", "pull-up")
    ('assisted', 'bodyweight')
    >>> load_kind("barbell", "barbell-back-squat"), load_kind("band", "band-pull-apart")
    ('external', 'band')
    """
    text = f"{slug} {name}".lower()
    if "assisted" in text or re.search(r"\bassist\b", text):
        return "assisted"
    if load_type in ("bodyweight", "band"):
        return "bodyweight" if load_type == "bodyweight" else "band"
    return "external"


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
    """One set as written: ``load`` is in ``unit`` (both None for bodyweight alone).

    With ``bodyweight`` True the load is relative to the body: added when positive, assistance
    when negative.
    """

    load: float | None
    unit: Unit | None
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
    #: The column where the entry starts in the text it was read from.
    start: int = 0


_NUM = r"\d+(?:\.\d+)?"
_U = r"(?P<unit>kgs?|lbs?)"
_RPE = rf"(?:@(?P<rpe>{_NUM}))?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(rx, re.IGNORECASE))
    for k, rx in (
        ("effort", rf"^(?:@(?P<rpe>{_NUM})|rir(?P<rir>{_NUM}))$"),
        ("type", r"^(?P<word>warm-?up|drop|failure|amrap)$"),
        ("assist", r"^assist(?:ance|ed)?$"),
        ("bw", rf"^bw(?:(?P<sign>[-+])(?P<load>{_NUM}){_U}?)?$"),
        (
            "time",
            rf"^(?:(?P<sets>\d+)x)?(?:(?P<min>\d+)m(?P<sec2>\d+)s?|(?P<sec>{_NUM})s|(?P<mins>{_NUM})min)$",
        ),
        ("distance", rf"^(?:(?P<sets>\d+)x)?(?P<meters>{_NUM})m$"),
        ("load_reps", rf"^(?P<sign>[-+])?(?P<load>{_NUM}){_U}x(?P<reps>\d+){_RPE}$"),
        ("nxm", rf"^(?P<a>{_NUM})x(?P<b>\d+){_RPE}$"),
        ("load", rf"^(?P<sign>[-+])?(?P<load>{_NUM}){_U}$"),
        ("reps", rf"^(?P<reps>\d+){_RPE}$"),
    )
]
_EXPECTED = (
    "a load (55kg, bw, bw+10kg, -20kg, assist 20kg), reps (10,10,9), sets x reps (3x5), "
    "load x reps (80x5), time (60s, 3x45s), distance (3x40m), effort (@8, rir2) or a set type "
    "(warmup, drop, failure, amrap)"
)


def _classify(item: str) -> tuple[str, re.Match[str]] | None:
    for kind, rx in _PATTERNS:
        m = rx.match(item)
        if m:
            return kind, m
    return None


def _starts_sets(words: Sequence[str], i: int) -> bool:
    """Whether word ``i`` begins the sets ("assist" only when a load follows it)."""
    parts = [x for x in words[i].split(",") if x]
    if not parts:
        return False
    kinds = [_classify(x) for x in parts]
    if not all(kinds):
        return False
    if any(k is not None and k[0] == "assist" for k in kinds):
        nxt = _classify(words[i + 1]) if i + 1 < len(words) else None
        return nxt is not None and nxt[0] == "load"
    return True


def _items(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The set description split into items with their columns ("10, 10,9" gives 10, 10, 9)."""
    return [(m.group(0), start + m.start()) for m in re.finditer(r"[^\s,]+", text[start:end])]


KindOf = Callable[[str], LoadKind]


def parse_log_line(
    text: str, *, default_unit: Unit = Unit.KG, kind: LoadKind | KindOf | None = None
) -> LogEntry:
    """Parse one log entry (no superset). Raises :class:`LogSyntaxError` saying where and what.

    ``kind`` is the exercise's load kind, or a function from the exercise name (as written) to
    its kind, called once the name is known; None reads loads as written.
    """
    entries = parse_log(text, default_unit=default_unit, kind=kind)
    if len(entries) > 1:
        raise LogSyntaxError(
            text.strip(), entries[1].start, "one exercise per entry here ('+' joins a superset)"
        )
    return entries[0]


def parse_log(
    text: str, *, default_unit: Unit = Unit.KG, kind: LoadKind | KindOf | None = None
) -> tuple[LogEntry, ...]:
    """Parse a log line: one entry, or several joined by a lone ``+`` into a superset.

    >>> [e.exercise for e in parse_log("bench 80kg 3x8 + pull-up 3x8", kind="bodyweight")]
    ['bench', 'pull-up']
    """
    if default_unit not in ("kg", "lb"):
        raise ValueError(f"default unit must be kg or lb, not {default_unit!r}")
    text = text.strip()
    if not text:
        raise LogSyntaxError(
            text, 0, "empty entry: give an exercise and its sets, e.g. 'squat 3x5 100kg'"
        )
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"(?<!\S)\+(?!\S)", text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return tuple(_parse_entry(text, a, b, default_unit, kind) for a, b in bounds)


def _parse_entry(
    text: str, a: int, b: int, default_unit: Unit, kind: LoadKind | KindOf | None
) -> LogEntry:
    # The name is every word before the first item that describes sets (the first word is always
    # part of the name, so "21s" can still start a name).
    matches = list(re.finditer(r"\S+", text[a:b]))
    if not matches:
        raise LogSyntaxError(text, a, "an empty entry around '+': give an exercise and its sets")
    words = [w.group(0) for w in matches]
    name_end = None
    for i in range(1, len(words)):
        if _starts_sets(words, i):
            name_end = a + matches[i].start()
            break
    if name_end is None:
        raise LogSyntaxError(
            text,
            b,
            "expected sets after the exercise name, e.g. '55kg 10,10,9' or '3x5 100kg'",
        )
    exercise = text[a:name_end].strip()
    k = kind(exercise) if callable(kind) else kind
    sets = _parse_sets(text, _items(text, name_end, b), default_unit, k)
    return LogEntry(exercise, tuple(sets), a + matches[0].start())


def _parse_sets(
    text: str, items: list[tuple[str, int]], default_unit: Unit, kind: LoadKind | None
) -> list[LoggedSet]:
    classified = []
    for item, pos in items:
        c = _classify(item)
        if c is None:
            raise LogSyntaxError(text, pos, f"{item!r} is not {_EXPECTED}")
        classified.append((c[0], c[1], pos))
    # "NxM" means sets x reps when a load is named elsewhere or the body is the load.
    sets_by_reps = kind in ("bodyweight", "assisted", "band") or any(
        k in ("load", "bw") for k, _, _ in classified
    )

    def unit_of(m: re.Match[str]) -> Unit:
        u = m.group("unit")
        return _UNITS[u.lower()] if u else default_unit

    sets: list[LoggedSet] = []
    group: list[int] = []  # indexes of the sets an effort mark or a set type applies to
    load: float | None = None
    unit: Unit | None = None
    bodyweight = kind in ("bodyweight", "assisted")
    assist_next = False
    waiting: list[tuple[int, int, float | None, int]] = []  # sets x reps seen before their load
    # On a bodyweight or assisted exercise sets may come before any load ("pull-up 3x8 10kg"):
    # they are added at bodyweight at once and take a load that follows with no sets of its own.
    implicit: list[int] = []
    explicit = False  # a load item was seen
    unused_load: int | None = None  # the column of a load no set has used yet

    def add(n: int, **fields: object) -> None:
        nonlocal unused_load
        if len(sets) + n > MAX_SETS:
            raise LogSyntaxError(
                text, current, f"at most {MAX_SETS} sets in one entry; log the rest in another"
            )
        for _ in range(n):
            group.append(len(sets))
            if not explicit:
                implicit.append(len(sets))
            sets.append(LoggedSet(load=load, unit=unit, bodyweight=bodyweight, **fields))  # type: ignore[arg-type]
        unused_load = None

    def set_load(value: float, sign: str | None, u: Unit, pos: int, *, on_body: bool) -> None:
        nonlocal load, unit, bodyweight, assist_next, explicit, unused_load
        explicit, unused_load = True, pos
        negative = sign == "-" or assist_next
        if kind == "assisted":
            if sign == "+" or (on_body and sign is None and value):
                raise LogSyntaxError(
                    text,
                    pos,
                    "this is an assisted exercise: a load is the assistance (20kg, -20kg or "
                    "'assist 20kg'); log added load under the unassisted exercise",
                )
            negative = True
        elif negative and kind is not None:
            raise LogSyntaxError(
                text,
                pos,
                "a negative load (assistance) is only for assisted exercises, e.g. "
                "'assisted pull-up 20kg 3x8'",
            )
        load = -value if negative else value
        unit = u
        bodyweight = on_body or kind in ("bodyweight", "assisted")
        if load == 0 and bodyweight:
            load, unit = None, None
        assist_next = False

    def flush_waiting() -> None:
        nonlocal group
        group = []
        for n, reps, rpe, _ in waiting:
            add(n, reps=reps, rpe=rpe)
        waiting.clear()

    current = 0  # the column of the item being read, for errors raised by add()
    for kind_, m, pos in classified:
        current = pos
        if assist_next and kind_ != "load":
            raise LogSyntaxError(text, pos, "'assist' must be followed by a load, e.g. 'assist 20kg'")
        if kind_ == "assist":
            if kind in ("external", "bodyweight"):
                raise LogSyntaxError(
                    text, pos, "assistance is only for assisted exercises, e.g. 'assisted pull-up'"
                )
            assist_next = True
        elif kind_ == "load":
            set_load(float(m.group("load")), m.group("sign"), unit_of(m), pos, on_body=False)
            flush_waiting()
        elif kind_ == "bw":
            if m.group("load"):
                set_load(float(m.group("load")), m.group("sign"), unit_of(m), pos, on_body=True)
            else:
                load, unit, bodyweight = None, None, True
                explicit, unused_load = True, pos
            flush_waiting()
        elif kind_ == "reps":
            if load is None and not bodyweight and kind != "band":
                raise LogSyntaxError(
                    text,
                    pos,
                    "rep counts need a load before them, e.g. '55kg 10,10,9' or 'bw 12,10'",
                )
            add(1, reps=int(m.group("reps")), rpe=_float(m.group("rpe")))
        elif kind_ == "nxm" and sets_by_reps:
            n_text, reps = m.group("a"), int(m.group("b"))
            if "." in n_text:
                raise LogSyntaxError(text, pos, f"{m.group(0)!r}: a number of sets must be whole")
            if int(n_text) > MAX_SETS:
                raise LogSyntaxError(text, pos, f"at most {MAX_SETS} sets in one entry")
            if load is None and not bodyweight and kind != "band":
                waiting.append((int(n_text), reps, _float(m.group("rpe")), pos))
            else:
                group = []
                add(int(n_text), reps=reps, rpe=_float(m.group("rpe")))
        elif kind_ in ("nxm", "load_reps"):
            if kind_ == "load_reps":
                set_load(float(m.group("load")), m.group("sign"), unit_of(m), pos, on_body=False)
            else:
                set_load(float(m.group("a")), None, unit or default_unit, pos, on_body=False)
            group = []
            add(
                1,
                reps=int(m.group("b") if kind_ == "nxm" else m.group("reps")),
                rpe=_float(m.group("rpe")),
            )
        elif kind_ == "time":
            if m.group("sec") is not None:
                secs = float(m.group("sec"))
            elif m.group("mins") is not None:
                secs = float(m.group("mins")) * 60
            else:
                secs = float(m.group("min")) * 60 + float(m.group("sec2"))
            bodyweight = bodyweight or load is None
            group = []
            add(int(m.group("sets") or 1), seconds=secs)
        elif kind_ == "distance":
            bodyweight = bodyweight or load is None
            group = []
            add(int(m.group("sets") or 1), meters=float(m.group("meters")))
        elif kind_ == "effort":
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
    if assist_next:
        raise LogSyntaxError(text, items[-1][1], "'assist' must be followed by a load")
    if unused_load is not None and sets:
        if not implicit or len(implicit) != len(sets):
            raise LogSyntaxError(text, unused_load, "this load has no sets after it")
        for i in implicit:  # "pull-up 3x8 10kg": the load named after the sets
            sets[i] = replace(sets[i], load=load, unit=unit, bodyweight=bodyweight)
    if waiting:
        n, reps, _, pos = waiting[0]
        raise LogSyntaxError(text, pos, f"'{n}x{reps}' needs a load, e.g. '100kg' or 'bw'")
    if not sets:
        raise LogSyntaxError(text, items[0][1] if items else len(text), "no sets found")
    return sets


def _float(value: str | None) -> float | None:
    return None if value is None else float(value)
