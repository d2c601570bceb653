"""Rubric items 1-5: the structure of the week (PLAN-RUBRIC.md, "Structure").

1. **Main lifts first** -- each of :data:`~.context.SIX_PATTERNS` has a planned compound when
   the pool has one (otherwise that pattern is not asked for, and the reason says so); in each
   session no compound comes after an isolation exercise (trunk work and carries, which close a
   session, are neither).
2. **Strength goal** -- for each of :data:`~.context.STRENGTH_PATTERNS`, an exercise of the
   best rank the pool allows is planned at least once first or second in its session, at reps
   within 1-6 and 180-300 s of rest. Not applicable to other goals.
3. **Rep ranges by role and goal** -- strength: a main lift at 1-6 or (as assistance) 6-12,
   anything else 6-12; hypertrophy: compounds 6-12, isolations 8-20; posture and general: 8-15
   at RIR 3 or less. Trunk work, carries and timed sets keep their own measure. A slot whose
   rule is a published program's (:data:`~spotter.planning.model.progression.PROGRAM_RULES`:
   GZCLP's tiers, 5/3/1's wave and Boring But Big) follows that program's own sets and reps
   (GZCLP's tier 3 is 3x15+); the reason names those slots.
4. **Day names follow content** -- a day named Pull holds no squat or lunge and no press; Lower
   (or Legs) no press; Upper no squat, lunge or hinge, nor any other lower-body exercise (a
   reverse Nordic or a calf raise is no upper-body work); Push, by the same reading, no row,
   pull-down or hinge; Full body at least one lower-body, one press and one pull exercise.
5. **Sessions fill their time** -- planned minutes (:mod:`..session_time`) within 85-105 % of
   the session length, unless every muscle already sits in its target range, or no muscle is
   above its range and those below it cannot reach it in any week (:mod:`~.conflict`: more
   minutes would not help); the reason then says so. A 45-90 minute session holds 4-8
   exercises.

When an item fails because the request cannot hold it, ``cannot_hold`` says why: the week's
room for exercises (:func:`~.room.exercise_room`) is smaller than the item needs, or one
session has only two first-or-second places.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import Slot
from spotter.planning.model.progression import PROGRAM_RULES, RULES
from spotter.planning.model.review.conflict import least_shortfall
from spotter.planning.model.review.context import (
    EPS,
    SIX_PATTERNS,
    STRENGTH_PATTERNS,
    ItemResult,
    ReviewInput,
    best_rank,
    failed,
    is_compound,
    is_trunk_or_carry,
    main_lifts,
    not_applicable,
    passed,
    pool,
    rank,
)
from spotter.planning.model.review.room import exercise_room, session_exercise_room
from spotter.planning.model.session_time import session_minutes
from spotter.planning.model.targets import weekly_targets
from spotter.planning.model.volume import week_row_sets

#: Rubric item 2: reps and rest of a strength main lift, and its place in the session.
MAIN_REPS: Final[tuple[int, int]] = (1, 6)
MAIN_REST: Final[tuple[int, int]] = (180, 300)
MAIN_PLACES: Final[int] = 2
#: Rubric item 3: rep ranges by goal.
ASSISTANCE_REPS: Final[tuple[int, int]] = (6, 12)
HYPERTROPHY_REPS: Final[dict[str, tuple[int, int]]] = {"compound": (6, 12), "isolation": (8, 20)}
GENERAL_REPS: Final[tuple[int, int]] = (8, 15)
GENERAL_MAX_RIR: Final[int] = 3
#: Rubric item 5.
FILL_LOW, FILL_HIGH = 0.85, 1.05
COUNT_MINUTES: Final[tuple[int, int]] = (45, 90)
COUNT_RANGE: Final[tuple[int, int]] = (4, 8)
_LOWER: Final[frozenset[str]] = frozenset(
    {
        "squat",
        "lunge",
        "hinge",
        "knee-extension",
        "knee-flexion",
        "hip-extension",
        "hip-abduction",
        "hip-adduction",
        "plantar-flexion",
    }
)
_SQUATS: Final[frozenset[str]] = frozenset({"squat", "lunge"})
_PRESSES: Final[frozenset[str]] = frozenset({"horizontal-push", "vertical-push"})
_PULLS: Final[frozenset[str]] = frozenset({"horizontal-pull", "vertical-pull"})


def _within(slot: Slot, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= slot.rep_low and slot.rep_high <= bounds[1]


def _reps(slot: Slot) -> str:
    return f"{slot.rep_low}-{slot.rep_high}" if slot.rep_low != slot.rep_high else f"{slot.rep_low}"


def _ordinal(i: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(i, f"{i}th")


def _allows(inp: ReviewInput) -> str:
    return "the equipment and the avoid list allow" if inp.avoid else "the equipment allows"


def main_patterns(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> ItemResult:
    """Item 1 (module docstring)."""
    n, key, title = 1, "main-lifts-first", "Main lifts first"
    planned = {
        inp.facts[x.exercise].pattern
        for s in inp.week.sessions
        for x in s.slots
        if is_compound(inp.facts[x.exercise])
    }
    allowed = {
        name
        for name, patterns in SIX_PATTERNS.items()
        if any(f.pattern in patterns and is_compound(f) for f in available.values())
    }
    details = [
        f"no compound {name} exercise all week"
        for name, patterns in SIX_PATTERNS.items()
        if name in allowed and not planned & patterns
    ]
    for s in inp.week.sessions:
        first_isolation: str | None = None
        for x in s.slots:
            f = inp.facts[x.exercise]
            if is_trunk_or_carry(f):
                continue
            if not is_compound(f):
                first_isolation = first_isolation or x.exercise
            elif first_isolation is not None:
                details.append(
                    f"{s.day}: compound {x.exercise} comes after isolation {first_isolation}"
                )
    skipped = [name for name in SIX_PATTERNS if name not in allowed]
    note = f" ({_allows(inp)} no compound {', '.join(skipped)})" if skipped else ""
    if not details:
        return passed(
            n,
            key,
            title,
            f"all {len(allowed)} movement patterns the equipment allows have a compound; "
            f"compounds come before isolations{note}",
        )
    room = exercise_room(inp, available)
    cannot = (
        f"{inp.profile.sessions_per_week} session(s) of {inp.profile.minutes_per_session} min "
        f"hold at most {room} exercises, and {len(allowed)} patterns need {len(allowed)}"
        if room < len(allowed) and any(d.startswith("no compound") for d in details)
        else None
    )
    return failed(n, key, title, details, cannot_hold=cannot)


def strength_lifts(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> ItemResult:
    """Item 2 (module docstring)."""
    n, key, title = 2, "strength-lifts", "Strength: squat, hinge, bench and overhead press"
    if inp.profile.goal != "strength":
        return not_applicable(
            n, key, title, f"the goal is {inp.profile.goal}, not strength: no lift must be heavy"
        )
    details: list[str] = []
    absent: list[str] = []
    for pattern, lift in STRENGTH_PATTERNS.items():
        top = best_rank(available, pattern)
        if top is None:
            absent.append(lift)
            continue
        nearest = sorted(
            s
            for s, f in available.items()
            if f.pattern == pattern and is_compound(f) and f.measure == "reps" and rank(f) == top
        )
        places = [
            (s.day, i, x)
            for s in inp.week.sessions
            for i, x in enumerate(s.slots)
            if inp.facts[x.exercise].pattern == pattern
            and is_compound(inp.facts[x.exercise])
            and rank(inp.facts[x.exercise]) >= top
        ]
        if not places:
            details.append(f"no {lift} all week (the equipment allows {', '.join(nearest[:3])})")
            continue
        good = [
            p
            for p in places
            if p[1] < MAIN_PLACES
            and _within(p[2], MAIN_REPS)
            and MAIN_REST[0] <= p[2].rest_seconds <= MAIN_REST[1]
        ]
        if not good:
            day, i, x = places[0]
            details.append(
                f"{lift} ({x.exercise}) on {day} is {_ordinal(i + 1)} in its session at "
                f"{_reps(x)} reps with {x.rest_seconds} s rest; wanted first or second, "
                f"{MAIN_REPS[0]}-{MAIN_REPS[1]} reps, {MAIN_REST[0] // 60}-{MAIN_REST[1] // 60} "
                "min rest"
            )
    note = f" ({_allows(inp)} no compound {', '.join(absent)})" if absent else ""
    if not details:
        return passed(
            n,
            key,
            title,
            "each strength lift is first or second in a session at 1-6 reps with 3-5 min "
            f"rest{note}",
        )
    needed = len(STRENGTH_PATTERNS) - len(absent)
    sessions = inp.profile.sessions_per_week
    cannot = None
    if sessions * MAIN_PLACES < needed:
        cannot = (
            f"{sessions} session(s) have {sessions * MAIN_PLACES} first-or-second places for "
            f"{needed} strength lifts"
        )
    elif exercise_room(inp, available) < needed:
        cannot = (
            f"{sessions} session(s) of {inp.profile.minutes_per_session} min cannot hold "
            f"{needed} heavy lifts with 3-5 min rests"
        )
    return failed(n, key, title, details, cannot_hold=cannot)


def rep_ranges(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> ItemResult:
    """Item 3 (module docstring)."""
    n, key, title = 3, "rep-ranges", "Rep ranges by role and goal"
    goal = inp.profile.goal
    main = main_lifts(inp, available) if goal == "strength" else frozenset()
    details = []
    programs: dict[str, list[str]] = {}
    for s in inp.week.sessions:
        for x in s.slots:
            f = inp.facts[x.exercise]
            if is_trunk_or_carry(f) or f.measure != "reps":
                continue
            if x.rule in PROGRAM_RULES:
                programs.setdefault(x.rule, []).append(x.exercise)
                continue
            if goal == "strength":
                if x.exercise in main:
                    ok = _within(x, MAIN_REPS) or _within(x, ASSISTANCE_REPS)
                    wanted = "1-6 (main lift) or 6-12 (assistance)"
                else:
                    ok, wanted = _within(x, ASSISTANCE_REPS), "6-12 (assistance)"
            elif goal == "hypertrophy":
                kind = "compound" if is_compound(f) else "isolation"
                bounds = HYPERTROPHY_REPS[kind]
                ok, wanted = _within(x, bounds), f"{bounds[0]}-{bounds[1]} ({kind})"
            else:
                ok = _within(x, GENERAL_REPS) and x.rir <= GENERAL_MAX_RIR
                wanted = f"{GENERAL_REPS[0]}-{GENERAL_REPS[1]} at RIR {GENERAL_MAX_RIR} or less"
            if not ok:
                details.append(
                    f"{s.day}: {x.exercise} at {_reps(x)} reps, RIR {x.rir}; wanted {wanted}"
                )
    note = "".join(
        f"; {', '.join(sorted(set(exs)))}: {RULES[rule]} (the program's own scheme)"
        for rule, exs in sorted(programs.items())
    )
    if not details:
        return passed(n, key, title, f"every set's reps fit its role for the {goal} goal{note}")
    return failed(n, key, title, details)


def _label_rules(name: str) -> list[str]:
    words = name.lower().replace("-", " ").split()
    out = []
    if "full" in words:
        out.append("full")
    for w in ("pull", "push", "lower", "legs", "upper"):
        if w in words:
            out.append("lower" if w == "legs" else w)
    return out


def day_names(inp: ReviewInput) -> ItemResult:
    """Item 4 (module docstring)."""
    n, key, title = 4, "day-names", "Day names follow content"
    if not inp.names:
        return not_applicable(n, key, title, "the plan's days have no names")
    details = []
    for s, name in zip(inp.week.sessions, inp.names, strict=False):
        patterns = {x.exercise: inp.facts[x.exercise].pattern for x in s.slots}

        def having(group: frozenset[str], pats: dict[str, str] = patterns) -> list[str]:
            return [e for e, p in pats.items() if p in group]

        for rule in _label_rules(name):
            bad: list[str] = []
            if rule == "pull":
                bad = having(_SQUATS | _PRESSES)
                what = "a squat or press"
            elif rule == "lower":
                bad = having(_PRESSES)
                what = "an upper-body press"
            elif rule == "upper":
                bad = having(_LOWER)
                what = "a lower-body exercise"
            elif rule == "push":
                bad = having(_PULLS | {"hinge"})
                what = "a pull or hinge"
            else:
                missing = [
                    part
                    for part, group in (("lower", _LOWER), ("push", _PRESSES), ("pull", _PULLS))
                    if not having(group)
                ]
                if missing:
                    details.append(f"{s.day} '{name}' has no {' or '.join(missing)} exercise")
                continue
            if bad:
                details.append(f"{s.day} '{name}' holds {what}: {', '.join(bad)}")
    if not details:
        return passed(n, key, title, "every day's name matches what it holds")
    return failed(n, key, title, details)


def time_fill(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> ItemResult:
    """Item 5 (module docstring)."""
    n, key, title = 5, "time-fill", "Sessions fill their time"
    length = inp.profile.minutes_per_session
    short: list[str] = []
    other: list[str] = []
    for s in inp.week.sessions:
        m = session_minutes(s, inp.facts)
        if m < FILL_LOW * length - EPS:
            short.append(f"{s.day}: {m:.0f} of {length} min planned ({m / length:.0%})")
        elif m > FILL_HIGH * length + EPS:
            other.append(f"{s.day}: {m:.0f} min planned, over {length} min ({m / length:.0%})")
        if COUNT_MINUTES[0] <= length <= COUNT_MINUTES[1] and not (
            COUNT_RANGE[0] <= len(s.slots) <= COUNT_RANGE[1]
        ):
            other.append(
                f"{s.day}: {len(s.slots)} exercises; a {length}-minute session holds "
                f"{COUNT_RANGE[0]}-{COUNT_RANGE[1]}"
            )
    targets = (
        inp.targets
        if inp.targets is not None
        else weekly_targets(inp.profile.goal, inp.profile.experience)
    )
    sets = week_row_sets(inp.week, inp.facts)
    all_in = all(t.low - EPS <= sets.get(r, 0.0) <= t.high + EPS for r, t in targets.items())
    # below a target that no week of any length can meet (item 6 names the clash): more
    # minutes would not reach it either
    clash = (
        not all_in
        and bool(short)
        and all(sets.get(r, 0.0) <= t.high + EPS for r, t in targets.items())
        and least_shortfall(available, targets, frozenset(inp.emphasis), inp.profile.goal)
        is not None
    )
    details = ([] if all_in or clash else short) + other
    if details:
        cannot = None
        if any("exercises; a" in d for d in other):
            room = session_exercise_room(inp, pool(inp))
            if room < COUNT_RANGE[0]:
                cannot = f"a {length}-minute session holds at most {room} exercises"
        return failed(n, key, title, details, cannot_hold=cannot)
    if short:
        why = (
            "the muscles below their targets cannot reach them in any week (item 6 says why)"
            if clash
            else "every muscle already sits inside its target range"
        )
        return passed(n, key, title, f"{len(short)} session(s) end early ({short[0]}), because {why}")
    return passed(n, key, title, f"every session plans 85-105 % of its {length} min")
