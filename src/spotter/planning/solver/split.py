"""The week's split: which kind of session each training day is, and what each kind may hold.

A coach writes two or three sessions a week as full-body sessions, and four or more as upper and
lower sessions in turn (a fifth, odd day is a full-body session): :func:`day_kinds`. Each kind
constrains what the day holds so that its name (:func:`~spotter.planning.model.rationale.session_names`)
follows its content (PLAN-RUBRIC.md item 4):

* ``upper`` -- no leg exercise (the model has no cell for one); neither pushing nor pulling sets
  above :data:`~spotter.planning.model.rationale.SIDE_SHARE` of the day's upper-body sets, so it
  is an Upper day, not a Push or Pull day holding the other side;
* ``lower`` -- no upper-body exercise but accessories that neither press nor pull (a lower day
  may end with lateral raises or curls, as coaches' lower days often do), and then the leg sets
  above :data:`~spotter.planning.model.rationale.NAME_SHARE` of the day's sets, so it is still a
  Lower day; trunk work and carries are neutral; at least one leg exercise;
* ``full`` -- at least one leg exercise, one press and one pull, and neither the leg nor the
  upper-body sets above :data:`~spotter.planning.model.rationale.NAME_SHARE` of the day's sets.

Leaving the other half's exercises out of upper and lower days also makes the model smaller.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.explain import PULL_STAND_INS
from spotter.planning.model.rationale import LEG_PATTERNS, NAME_SHARE, NEUTRAL_PATTERNS, SIDE_SHARE

if TYPE_CHECKING:
    from spotter.planning.solver.model import WeekModel

#: Sessions a week from which the week is split into upper and lower days.
SPLIT_FROM: Final[int] = 4
PRESSES: Final[frozenset[str]] = frozenset({"horizontal-push", "vertical-push"})
PULLS: Final[frozenset[str]] = frozenset({"horizontal-pull", "vertical-pull"})
#: Stand-ins for a pull (the pullover), kept off lower days like the pulls themselves.
STAND_INS: Final[frozenset[str]] = frozenset(p for ps in PULL_STAND_INS.values() for p in ps)


def day_kinds(days: tuple[str, ...]) -> dict[str, str]:
    """The kind of each training day (in calendar order).

    >>> day_kinds(("mon", "wed", "fri"))
    {'mon': 'full', 'wed': 'full', 'fri': 'full'}
    >>> day_kinds(("mon", "tue", "wed", "fri", "sat"))
    {'mon': 'upper', 'tue': 'lower', 'wed': 'full', 'fri': 'upper', 'sat': 'lower'}
    """
    if len(days) < SPLIT_FROM:
        return dict.fromkeys(days, "full")
    kinds = ["upper", "lower"] * (len(days) // 2)
    if len(days) % 2:
        kinds.insert(2, "full")
    return dict(zip(days, kinds, strict=True))


def region(f: ExerciseFacts) -> str:
    """``neutral`` (trunk work, carries), ``lower`` (leg patterns) or ``upper``."""
    if f.pattern in NEUTRAL_PATTERNS or f.role in ("trunk", "carry"):
        return "neutral"
    return "lower" if f.pattern in LEG_PATTERNS else "upper"


def guest(kind: str, f: ExerciseFacts) -> bool:
    """An accessory of the other half that a day of ``kind`` may close with (module
    docstring): on a lower day an upper-body isolation accessory that neither presses nor pulls
    (lateral raises, curls, rear-delt flyes; not an upright row). An upper day takes no leg exercise at all (the review's
    Upper day holds no lower-body exercise)."""
    if f.role != "accessory" or f.mechanic != "isolation":
        return False
    if kind == "lower":
        return region(f) == "upper" and f.pattern not in PRESSES | PULLS | STAND_INS
    return False


def allowed(kind: str, f: ExerciseFacts) -> bool:
    """Whether a day of ``kind`` may hold ``f`` at all."""
    r = region(f)
    return kind == "full" or r == "neutral" or r == kind or guest(kind, f)


def add_split(built: WeekModel, kinds: dict[str, str]) -> None:
    """The split's constraints on each day (module docstring), in the ``coach`` family."""
    m = built.model
    name = Fraction(NAME_SHARE).limit_denominator(100)
    side = Fraction(SIDE_SHARE).limit_denominator(100)
    for d, kind in kinds.items():
        keys = [k for k in built.cells if k[0] == d]
        by: dict[str, list[tuple[str, str]]] = {"lower": [], "upper": [], "neutral": []}
        for k in keys:
            by[region(built.cells[k].facts)].append(k)
        lower: Any = sum(built.sets[k] for k in by["lower"])
        upper: Any = sum(built.sets[k] for k in by["upper"])
        if kind == "lower":
            built.add(m.Add(sum(built.used[k] for k in by["lower"]) >= 1), "coach")
            if by["upper"]:  # guests: the day stays a Lower day (legs over 2/3 of its sets)
                built.add(m.Add(name.denominator * lower > name.numerator * (lower + upper)), "coach")
            continue
        push: Any = sum(
            built.sets[k] for k in by["upper"] if built.cells[k].facts.force == "push"
        )
        pull: Any = sum(
            built.sets[k] for k in by["upper"] if built.cells[k].facts.force == "pull"
        )
        built.add(m.Add(side.denominator * push <= side.numerator * upper), "coach")
        built.add(m.Add(side.denominator * pull <= side.numerator * upper), "coach")
        if kind == "full":
            total: Any = lower + upper
            built.add(m.Add(name.denominator * lower <= name.numerator * total), "coach")
            built.add(m.Add(name.denominator * upper <= name.numerator * total), "coach")
            for group in (None, PRESSES, PULLS):
                have = [
                    built.used[k]
                    for k in keys
                    if (
                        region(built.cells[k].facts) == "lower"
                        if group is None
                        else built.cells[k].facts.pattern in group
                    )
                ]
                built.add(m.Add(sum(have) >= 1), "coach")
