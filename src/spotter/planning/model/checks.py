"""Every constraint of a week plan as a pure check returning readable violations.

Each ``check_*`` function takes the week, the facts of the exercises it names (slug -> facts)
and the parameter it checks, and returns a list of :class:`Violation` (empty when the week
passes). :func:`check_week` runs them all for a profile.

Constraints and their documented numbers:

* ``volume`` -- fractional sets per landmarks row inside the target range
  (:func:`~spotter.planning.model.targets.weekly_targets`); not checked in a deload week.
* ``session-time`` -- each session within the profile's minutes
  (:mod:`~spotter.planning.model.session_time`).
* ``recovery`` -- a row with at least ``HARD_DAY_SETS`` (6) fractional sets in a session is not
  trained that hard again the next calendar day (sunday to monday counts: the week repeats).
* ``session-cap`` -- no row above the experience's ``SESSION_CAP`` (10 at every level) hard sets (plain
  sets as a primary mover) in a session.
* ``pull-push`` -- horizontal-pull sets >= ratio x horizontal-push sets, and the same for
  vertical; ratio 1, or 1.5 for the posture goal (plain sets of exercises of the pattern).
* ``knee-hip`` -- knee-dominant sets (:data:`KNEE_PATTERNS`) and hip-dominant sets
  (:data:`HIP_PATTERNS`) within a ratio of :data:`KNEE_HIP_MAX_RATIO` (1.5, PLAN-RUBRIC.md
  item 11) of each other.
* ``repeat`` -- no exercise twice in a session.
* ``variety`` -- each of :data:`MAJOR_ROWS` worked as a primary mover by at least
  :data:`MIN_EXERCISES_PER_MAJOR_ROW` (2) different exercises in the week.
* ``equipment`` -- every exercise's equipment is owned.
* ``order`` -- no compound exercise after an isolation exercise in a session.
* ``days`` -- sessions only on the profile's training days.
* ``avoid`` -- no exercise the lifter avoids, and none that trains an avoided muscle (primary or
  secondary), e.g. for an injury.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import WeekPlan
from spotter.planning.model.session_time import session_minutes
from spotter.planning.model.targets import (
    HARD_DAY_SETS,
    SESSION_CAP,
    TargetRange,
    pull_ratio,
    weekly_targets,
)
from spotter.planning.model.volume import (
    pattern_sets,
    primary_rows,
    session_row_sets,
    week_row_sets,
)
from spotter.profile import WEEKDAYS, Profile

#: Movement patterns counted as knee-dominant and hip-dominant lower-body work.
KNEE_PATTERNS: Final[frozenset[str]] = frozenset({"squat", "lunge", "knee-extension"})
HIP_PATTERNS: Final[frozenset[str]] = frozenset({"hinge", "hip-extension", "knee-flexion"})
#: The larger of knee- and hip-dominant sets may be at most this times the smaller.
KNEE_HIP_MAX_RATIO: Final[float] = 1.5
#: Rows that must be worked by several different exercises in a week.
MAJOR_ROWS: Final[tuple[str, ...]] = ("back", "chest", "quads", "hamstrings", "glutes")
MIN_EXERCISES_PER_MAJOR_ROW: Final[int] = 2
#: Tolerance for comparing fractional sets and minutes.
EPS: Final[float] = 1e-9


@dataclass(frozen=True, slots=True)
class Violation:
    """A broken constraint: which rule, where (a day, a row or "week") and what is wrong."""

    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


def _fmt(x: float) -> str:
    return f"{x:g}"


def check_known(week: WeekPlan, facts: Mapping[str, ExerciseFacts]) -> list[Violation]:
    """Every exercise of the week has facts."""
    return [
        Violation("unknown-exercise", s.day, f"{slot.exercise!r} is not in the catalog")
        for s in week.sessions
        for slot in s.slots
        if slot.exercise not in facts
    ]


def check_volume(
    week: WeekPlan, facts: Mapping[str, ExerciseFacts], targets: Mapping[str, TargetRange]
) -> list[Violation]:
    """Weekly fractional sets of every row inside its target range."""
    sets = week_row_sets(week, facts)
    out = []
    for row, target in targets.items():
        n = sets.get(row, 0.0)
        if n < target.low - EPS or n > target.high + EPS:
            side = "below" if n < target.low else "above"
            out.append(
                Violation(
                    "volume",
                    row,
                    f"{_fmt(n)} sets a week is {side} the target "
                    f"{_fmt(target.low)}-{_fmt(target.high)}",
                )
            )
    return out


def check_session_time(
    week: WeekPlan, facts: Mapping[str, ExerciseFacts], minutes: float
) -> list[Violation]:
    """Each session fits in ``minutes``."""
    out = []
    for s in week.sessions:
        m = session_minutes(s, facts)
        if m > minutes + EPS:
            out.append(
                Violation("session-time", s.day, f"takes {m:.1f} min, over the {_fmt(minutes)} min")
            )
    return out


def _consecutive(a: str, b: str) -> bool:
    return (WEEKDAYS.index(b) - WEEKDAYS.index(a)) % 7 == 1


def check_recovery(
    week: WeekPlan, facts: Mapping[str, ExerciseFacts], hard_sets: float = HARD_DAY_SETS
) -> list[Violation]:
    """No row trained hard (``hard_sets`` or more) on two consecutive calendar days."""
    per_day = {s.day: session_row_sets(s, facts) for s in week.sessions}
    out = []
    days = list(per_day)
    for a in days:
        for b in days:
            if not _consecutive(a, b):
                continue
            for row in sorted(per_day[a]):
                x, y = per_day[a][row], per_day[b].get(row, 0.0)
                if x >= hard_sets - EPS and y >= hard_sets - EPS:
                    out.append(
                        Violation(
                            "recovery",
                            row,
                            f"trained hard on {a} ({_fmt(x)} sets) and again on {b} "
                            f"({_fmt(y)} sets); hard means {_fmt(hard_sets)}+ sets",
                        )
                    )
    return out


def check_session_cap(
    week: WeekPlan, facts: Mapping[str, ExerciseFacts], cap: float
) -> list[Violation]:
    """No row above ``cap`` hard sets in one session: plain sets of exercises that train it as
    a primary mover (PLAN-RUBRIC.md item 8 counts hard sets so; a secondary mover's half sets
    are not hard sets for that muscle)."""
    out = []
    for s in week.sessions:
        hard: dict[str, int] = {}
        for slot in s.slots:
            for row in primary_rows(facts[slot.exercise]):
                hard[row] = hard.get(row, 0) + slot.sets
        for row, n in sorted(hard.items()):
            if n > cap + EPS:
                out.append(
                    Violation(
                        "session-cap", s.day, f"{row} gets {_fmt(n)} sets, over the cap {_fmt(cap)}"
                    )
                )
    return out


def check_pull_push(
    week: WeekPlan,
    facts: Mapping[str, ExerciseFacts],
    ratio: float = 1.0,
    can_pull: frozenset[str] | None = None,
) -> list[Violation]:
    """Pull sets >= ``ratio`` x push sets, horizontal and vertical separately; a plane whose
    pull pattern is not in ``can_pull`` (the lifter has no exercise for it) cannot be balanced
    and is not checked (None: every plane is checked)."""
    sets = pattern_sets(week, facts)
    out = []
    for plane in ("horizontal", "vertical"):
        if can_pull is not None and f"{plane}-pull" not in can_pull:
            continue
        pull, push = sets.get(f"{plane}-pull", 0), sets.get(f"{plane}-push", 0)
        if pull < ratio * push - EPS:
            out.append(
                Violation(
                    "pull-push",
                    "week",
                    f"{plane} pull {pull} sets < {_fmt(ratio)} x {plane} push {push} sets",
                )
            )
    return out


def check_knee_hip(
    week: WeekPlan, facts: Mapping[str, ExerciseFacts], max_ratio: float = KNEE_HIP_MAX_RATIO
) -> list[Violation]:
    """Knee- and hip-dominant sets within ``max_ratio`` of each other (both 0 passes)."""
    sets = pattern_sets(week, facts)
    knee = sum(n for p, n in sets.items() if p in KNEE_PATTERNS)
    hip = sum(n for p, n in sets.items() if p in HIP_PATTERNS)
    if max(knee, hip) > max_ratio * min(knee, hip) + EPS:
        return [
            Violation(
                "knee-hip",
                "week",
                f"knee-dominant {knee} sets vs hip-dominant {hip} sets: "
                f"more than {_fmt(max_ratio)} to 1",
            )
        ]
    return []


def check_no_repeat(week: WeekPlan) -> list[Violation]:
    """No exercise twice in one session."""
    out = []
    for s in week.sessions:
        seen: set[str] = set()
        for slot in s.slots:
            if slot.exercise in seen:
                out.append(Violation("repeat", s.day, f"{slot.exercise} appears twice"))
            seen.add(slot.exercise)
    return out


def check_variety(
    week: WeekPlan,
    facts: Mapping[str, ExerciseFacts],
    rows: tuple[str, ...] = MAJOR_ROWS,
    minimum: int = MIN_EXERCISES_PER_MAJOR_ROW,
) -> list[Violation]:
    """Each of ``rows`` worked as a primary mover by at least ``minimum`` different exercises."""
    by_row: dict[str, set[str]] = {r: set() for r in rows}
    for s in week.sessions:
        for slot in s.slots:
            for r in primary_rows(facts[slot.exercise]) & set(rows):
                by_row[r].add(slot.exercise)
    return [
        Violation(
            "variety",
            r,
            f"worked by {len(by_row[r])} different exercise(s) "
            f"({', '.join(sorted(by_row[r])) or 'none'}); at least {minimum} wanted",
        )
        for r in rows
        if len(by_row[r]) < minimum
    ]


def check_equipment(
    week: WeekPlan, facts: Mapping[str, ExerciseFacts], owned: frozenset[str]
) -> list[Violation]:
    """Every exercise uses only owned equipment."""
    out = []
    for s in week.sessions:
        for slot in s.slots:
            missing = [e for e in facts[slot.exercise].equipment if e not in owned]
            if missing:
                out.append(
                    Violation("equipment", s.day, f"{slot.exercise} needs {', '.join(missing)}")
                )
    return out


def check_order(week: WeekPlan, facts: Mapping[str, ExerciseFacts]) -> list[Violation]:
    """Compound exercises before isolation exercises within each session; trunk work and
    carries close a session whatever their mechanic."""
    out = []
    for s in week.sessions:
        first_isolation: str | None = None
        for slot in s.slots:
            if facts[slot.exercise].role in ("trunk", "carry"):
                continue
            if facts[slot.exercise].mechanic == "isolation":
                first_isolation = first_isolation or slot.exercise
            elif first_isolation is not None:
                out.append(
                    Violation(
                        "order",
                        s.day,
                        f"compound {slot.exercise} comes after isolation {first_isolation}",
                    )
                )
    return out


def check_days(week: WeekPlan, days: tuple[str, ...]) -> list[Violation]:
    """Sessions only on the training days."""
    return [
        Violation("days", s.day, "is not a training day")
        for s in week.sessions
        if s.day not in days
    ]


def avoids(facts: ExerciseFacts, avoid: frozenset[str]) -> str | None:
    """Why the exercise is excluded by ``avoid`` (exercise slugs and muscle keys), or None."""
    if facts.slug in avoid:
        return "is on the avoid list"
    hit = sorted(set(facts.primary + facts.secondary) & avoid)
    return f"trains avoided {', '.join(hit)}" if hit else None


def check_avoided(
    week: WeekPlan, facts: Mapping[str, ExerciseFacts], avoid: frozenset[str]
) -> list[Violation]:
    """No avoided exercise and no exercise training an avoided muscle."""
    out = []
    for s in week.sessions:
        for slot in s.slots:
            why = avoids(facts[slot.exercise], avoid)
            if why:
                out.append(Violation("avoid", s.day, f"{slot.exercise} {why}"))
    return out


def check_week(
    week: WeekPlan,
    facts: Mapping[str, ExerciseFacts],
    profile: Profile,
    *,
    targets: Mapping[str, TargetRange] | None = None,
    avoid: frozenset[str] = frozenset(),
) -> list[Violation]:
    """Every constraint for ``profile`` (targets default to :func:`weekly_targets`)."""
    unknown = check_known(week, facts)
    if unknown:
        return unknown
    if targets is None:
        targets = weekly_targets(profile.goal, profile.experience)
    out = check_days(week, profile.training_days)
    if not week.deload:
        out += check_volume(week, facts, targets)
    out += check_session_time(week, facts, profile.minutes_per_session)
    out += check_recovery(week, facts)
    out += check_session_cap(week, facts, SESSION_CAP[profile.experience])
    owned = frozenset(profile.equipment)
    can_pull = frozenset(f.pattern for f in facts.values() if set(f.equipment) <= owned)
    out += check_pull_push(week, facts, pull_ratio(profile.goal), can_pull)
    out += check_knee_hip(week, facts)
    out += check_no_repeat(week)
    out += check_variety(week, facts)
    out += check_equipment(week, facts, frozenset(profile.equipment))
    out += check_order(week, facts)
    out += check_avoided(week, facts, avoid)
    return out
