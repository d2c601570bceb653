"""Rubric items 10-14: balance and variety (PLAN-RUBRIC.md, "Balance and variety").

10. **Pull at least push** -- plain sets of horizontal pulls at least those of horizontal
    presses, and the same vertically; when the lifter's equipment allows no exercise of a
    plane's pull, its stand-in counts (:func:`~spotter.planning.model.explain.plane_pulls`:
    dumbbell pullovers for the vertical pull of a lifter with no bar, cable or band); for the posture goal, all pulling sets at least
    :data:`POSTURE_PULL_RATIO` (1.5) times all pressing sets, and an exercise with the rear
    delts and one with the rhomboids or middle traps as a primary mover every week.
11. **Knee and hip balance** -- plain sets of knee-dominant patterns (squat, lunge, knee
    extension) over hip-dominant ones (hinge, hip extension, knee flexion) between 2/3 and 3/2
    (the rubric's 0.67-1.5).
12. **Trunk** -- posture and general plans hold an anti-extension or anti-rotation exercise
    (:func:`~.context.is_trunk_work`: a renegade row is a row, not trunk work).
    Not applicable to strength and hypertrophy.
13. **Variety with staples** -- each major group (:data:`~.context.MAJOR_GROUPS`) trained as a
    primary mover by two or more exercises (when the pool has two); at least
    :data:`STAPLE_SHARE` (70 %) of the sets, trunk work and carries aside, on staples
    (:func:`is_staple`); no exercise twice in a day, nor two variants of one main lift (two
    barbell main lifts of one pattern, :func:`~.context.is_barbell_main`: a deadlift and a sumo
    deadlift).
14. **Only what the lifter has and wants** -- owned equipment only, imported exercises only
    when the lifter opted in, no avoided exercise or muscle, and no drill (balance,
    plyometric, stretching or technique work).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.explain import PLANES, plane_pulls
from spotter.planning.model.review.context import (
    EPS,
    MAJOR_GROUPS,
    STAPLE_MIN,
    STAPLE_PATTERNS,
    ItemResult,
    ReviewInput,
    avoided,
    failed,
    fmt,
    is_barbell_main,
    is_compound,
    is_trunk_or_carry,
    is_trunk_work,
    not_applicable,
    passed,
    pool,
)
from spotter.planning.model.review.room import exercise_room
from spotter.planning.model.volume import pattern_sets, primary_rows

POSTURE_PULL_RATIO: Final[float] = 1.5
KNEE: Final[frozenset[str]] = frozenset({"squat", "lunge", "knee-extension"})
HIP: Final[frozenset[str]] = frozenset({"hinge", "hip-extension", "knee-flexion"})
KNEE_HIP: Final[tuple[float, float]] = (2 / 3, 3 / 2)
TRUNK_GOALS: Final[frozenset[str]] = frozenset({"posture", "general"})
STAPLE_SHARE: Final[float] = 0.7
RETRACTORS: Final[frozenset[str]] = frozenset({"rhomboids", "middle-traps"})


def pull_push(inp: ReviewInput) -> ItemResult:
    """Item 10 (module docstring)."""
    n, key, title = 10, "pull-push", "Pull at least push"
    sets = pattern_sets(inp.week, inp.facts)
    counted = plane_pulls(f.pattern for f in pool(inp).values())
    details = []
    notes = []
    plane_pull = {}
    for plane, (own, push_pattern) in PLANES.items():
        pull = sum(sets.get(p, 0) for p in counted[plane])
        plane_pull[plane] = pull
        push = sets.get(push_pattern, 0)
        stand_in = counted[plane] - {own}
        if stand_in:
            notes.append(
                f"{plane}: {' and '.join(sorted(stand_in))} stands in for the {own} that the "
                "equipment does not allow"
            )
        if pull < push:
            why = "" if counted[plane] else f" (the equipment allows no {own} nor a stand-in)"
            details.append(f"{plane}: {pull} pulling sets against {push} pressing sets{why}")
    if inp.profile.goal == "posture":
        pull = plane_pull["horizontal"] + plane_pull["vertical"]
        push = sets.get("horizontal-push", 0) + sets.get("vertical-push", 0)
        if pull < POSTURE_PULL_RATIO * push - EPS:
            details.append(
                f"posture: {pull} pulling sets, fewer than {fmt(POSTURE_PULL_RATIO)} x "
                f"{push} pressing sets"
            )
        planned = [inp.facts[x.exercise] for s in inp.week.sessions for x in s.slots]
        if not any("rear-delts" in f.primary for f in planned):
            details.append("posture: no rear-delt exercise this week")
        if not any(set(f.primary) & RETRACTORS for f in planned):
            details.append("posture: no scapular-retraction exercise (rhomboids, middle traps)")
    if not details:
        extra = (
            f"; {fmt(POSTURE_PULL_RATIO)}x overall, with rear-delt and scapular-retraction work"
            if inp.profile.goal == "posture"
            else ""
        )
        note = "".join(f"; {x}" for x in notes)
        return passed(
            n,
            key,
            title,
            f"pulling sets match or exceed pressing sets in each plane{extra}{note}",
        )
    return failed(n, key, title, details)


def knee_hip(inp: ReviewInput) -> ItemResult:
    """Item 11 (module docstring)."""
    n, key, title = 11, "knee-hip", "Knee and hip balance"
    sets = pattern_sets(inp.week, inp.facts)
    knee = sum(k for p, k in sets.items() if p in KNEE)
    hip = sum(k for p, k in sets.items() if p in HIP)
    if knee == 0 and hip == 0:
        return not_applicable(n, key, title, "the week has no lower-body sets to balance")
    ratio = knee / hip if hip else float("inf")
    if KNEE_HIP[0] - EPS <= ratio <= KNEE_HIP[1] + EPS:
        return passed(
            n, key, title, f"knee {knee} to hip {hip} sets ({ratio:.2f}, inside 0.67-1.5)"
        )
    shown = "no hip-dominant sets" if not hip else f"{ratio:.2f}"
    return failed(
        n,
        key,
        title,
        [f"knee-dominant {knee} sets to hip-dominant {hip} ({shown}); wanted 0.67-1.5"],
    )


def trunk(inp: ReviewInput) -> ItemResult:
    """Item 12 (module docstring)."""
    n, key, title = 12, "trunk", "Trunk"
    if inp.profile.goal not in TRUNK_GOALS:
        return not_applicable(
            n,
            key,
            title,
            f"trunk work is asked of posture and general plans, not {inp.profile.goal}",
        )
    found = sorted(
        {
            x.exercise
            for s in inp.week.sessions
            for x in s.slots
            if is_trunk_work(inp.facts[x.exercise])
        }
    )
    if found:
        return passed(n, key, title, f"anti-extension or anti-rotation work: {', '.join(found)}")
    return failed(n, key, title, ["no anti-extension or anti-rotation exercise this week"])


def staple_patterns(available: Mapping[str, ExerciseFacts]) -> frozenset[str]:
    """The patterns for which the pool holds an exercise with a staple score of 2 or more."""
    return frozenset(g.pattern for g in available.values() if g.staple >= STAPLE_MIN)


def is_staple(f: ExerciseFacts, staples: frozenset[str]) -> bool:
    """A staple for this lifter: a staple score of 2 or more, or a compound of a staple pattern
    when the pool holds no higher-scoring exercise of that pattern (``staples``:
    :func:`staple_patterns`; band rows are the rows of a lifter who owns only bands)."""
    if f.staple >= STAPLE_MIN:
        return True
    return f.pattern in STAPLE_PATTERNS and is_compound(f) and f.pattern not in staples


def variety(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> ItemResult:
    """Item 13 (module docstring)."""
    n, key, title = 13, "variety-staples", "Variety with staples"
    details = []
    by_group: dict[str, set[str]] = {g: set() for g in MAJOR_GROUPS}
    total = staple = 0
    staples = staple_patterns(available)
    for s in inp.week.sessions:
        seen: set[str] = set()
        mains: dict[str, str] = {}
        for x in s.slots:
            f = inp.facts[x.exercise]
            if x.exercise in seen:
                details.append(f"{s.day}: {x.exercise} twice in one day")
            elif is_barbell_main(f) and f.pattern in mains:
                details.append(
                    f"{s.day}: {mains[f.pattern]} and {x.exercise}, two variants of one main "
                    "lift in one day"
                )
            seen.add(x.exercise)
            if is_barbell_main(f):
                mains.setdefault(f.pattern, x.exercise)
            for g, rows in MAJOR_GROUPS.items():
                if primary_rows(f) & rows:
                    by_group[g].add(x.exercise)
            if not is_trunk_or_carry(f):
                total += x.sets
                staple += x.sets if is_staple(f, staples) else 0
    movers = [primary_rows(f) for f in available.values()]
    for g, rows in MAJOR_GROUPS.items():
        if len(by_group[g]) < min(2, _count(movers, rows)):
            details.append(
                f"{g} worked by {len(by_group[g])} exercise(s) "
                f"({', '.join(sorted(by_group[g])) or 'none'}); at least 2 wanted"
            )
    short_groups = bool(details) and details[-1].endswith("at least 2 wanted")
    share = staple / total if total else 1.0
    if share < STAPLE_SHARE - EPS:
        details.append(
            f"{staple} of {total} sets ({share:.0%}) on staple exercises; at least 70 % wanted"
        )
    if not details:
        return passed(
            n,
            key,
            title,
            f"{share:.0%} of the sets on staples; every major muscle has two or more exercises",
        )
    cannot = None
    if short_groups:
        wanted_groups = [g for g, rows in MAJOR_GROUPS.items() if _count(movers, rows) >= 2]
        widest = max(
            (sum(1 for rows in MAJOR_GROUPS.values() if m & rows) for m in movers), default=1
        )
        needed = math.ceil(2 * len(wanted_groups) / max(1, widest))
        room = exercise_room(inp, available)
        if room < needed:
            cannot = (
                f"{inp.profile.sessions_per_week} session(s) of "
                f"{inp.profile.minutes_per_session} min hold at most {room} exercises, and two "
                f"for each of {len(wanted_groups)} major muscles need at least {needed}"
            )
    return failed(n, key, title, details, cannot_hold=cannot)


def _count(movers: list[frozenset[str]], rows: frozenset[str]) -> int:
    return sum(1 for m in movers if m & rows)


def wanted(inp: ReviewInput) -> ItemResult:
    """Item 14 (module docstring)."""
    n, key, title = 14, "has-and-wants", "Only what the lifter has and wants"
    owned = frozenset(inp.profile.equipment)
    details = []
    for slug in dict.fromkeys(x.exercise for s in inp.week.sessions for x in s.slots):
        f = inp.facts[slug]
        missing = [e for e in f.equipment if e not in owned]
        if missing:
            details.append(f"{slug} needs {', '.join(missing)}, which the lifter lacks")
        if f.imported and not inp.imported_ok:
            details.append(f"{slug} is imported from {f.source}; the lifter did not opt in")
        if avoided(f, inp.avoid):
            details.append(f"{slug} is avoided (the exercise or a muscle it trains)")
        if f.role == "drill":
            details.append(f"{slug} is a drill (balance, plyometric or stretching), not training")
    if not details:
        return passed(n, key, title, "owned equipment only; nothing avoided, imported or a drill")
    return failed(n, key, title, details)
