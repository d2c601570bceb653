"""Plans a coach would sign: profiles of the benchmark panel (bench/bench_planner.py) through the
planner and the plan review (PLAN-RUBRIC.md), untimed.

The first three are the profiles the issue found wrong: a strength week with no squat, bench,
deadlift or press; a posture week with 1 set of side delts and no trunk work; a lifter whose
imported exercise database put a balance board into the plan.
"""

from __future__ import annotations

import functools

import pytest

from spotter.knowledge.model import ExerciseFacts
from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.planning.model.program import WeekPlan
from spotter.planning.model.rationale import session_names
from spotter.planning.model.request import PlanRequest
from spotter.planning.model.review import ReviewInput, review_week
from spotter.planning.solver import solve_week
from spotter.profile import Profile
from spotter.services.catalog import load_catalog
from spotter.services.planning import usable_facts

DAYS = {
    2: ("mon", "thu"),
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    5: ("mon", "tue", "wed", "fri", "sat"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
}
#: ``spotter init --equipment bodyweight,pull-up-bar,band``
BANDS = ("band", "mat", "pull-up-bar")
#: The panel of bench/bench_planner.py (its lifter with an outside database, not opted in,
#: gets the same pool as the one without).
PANEL = [
    ("strength", "advanced", 6, 90, "full-gym"),
    ("posture", "novice", 3, 45, "cables-and-machines"),
    ("general", "novice", 2, 60, "home-dumbbells"),
    ("general", "novice", 3, 60, "full-gym"),
    ("hypertrophy", "intermediate", 4, 60, "full-gym"),
    ("hypertrophy", "intermediate", 6, 90, "full-gym"),
    ("hypertrophy", "advanced", 5, 75, "full-gym"),
    ("strength", "novice", 3, 60, "full-gym"),
    ("strength", "intermediate", 4, 75, "full-gym"),
    ("strength", "intermediate", 3, 90, "home-dumbbells"),
    ("strength", "advanced", 4, 45, "home-dumbbells"),
    ("posture", "intermediate", 4, 60, "full-gym"),
    ("posture", "novice", 2, 90, "home-dumbbells"),
    # 30-minute split sessions: lower days end with the side-delt work the upper days lack room for
    ("general", "intermediate", 5, 30, "full-gym"),
    ("hypertrophy", "novice", 3, 45, "cables-and-machines"),
    ("strength", "novice", 2, 120, "full-gym"),
    ("general", "advanced", 6, 30, "cables-and-machines"),
    ("hypertrophy", "intermediate", 3, 120, "home-dumbbells"),
    ("general", "novice", 4, 45, "bands"),
    ("hypertrophy", "novice", 3, 60, "bands"),
    ("posture", "advanced", 5, 45, "full-gym"),
]
#: Plans that still fail an item the request could hold, and why (kept visible as strict
#: expected failures, so that a fix shows up as a test to update).
KNOWN: dict[tuple[str, str, int, int, str], str] = {
    ("posture", "novice", 3, 45, "cables-and-machines"): (
        "chest, side delts and calves 6 sets short in full sessions, but the best week the "
        "review can bound needs 121 of the 121.5 minutes left after changeovers: not provably "
        "beyond the request, so item 6 is the planner's to fix"
    ),
    ("strength", "advanced", 4, 45, "home-dumbbells"): (
        "chest and side delts 4 sets short in full sessions, but the review's bound fits every "
        "target in 147 of 162 minutes (it times the main lifts as assistance work): not "
        "provably beyond the request"
    ),
    ("posture", "novice", 2, 90, "home-dumbbells"): (
        "biceps, side delts and rear delts 2 sets short, the least the solver's rules allow "
        "(proven): eight exercises a session (item 5) of at most five sets, and front delts at "
        "their MRV of 12 stop more lateral raises"
    ),
    ("hypertrophy", "novice", 3, 60, "bands"): (
        "calves 7.5 of 8: a week at distance 0 keeps every rule of the model (a two-worker "
        "search finds it), but the default single-worker budget stops at 0.5"
    ),
}
#: Items the planner decides. Item 15 (each exercise's progression rule) is decided by
#: ``progression.rule_for`` from the planned slot, and is tested with the program rules.
PLANNER_ITEMS = range(1, 15)


def _profile(goal: str, experience: str, days: int, minutes: int, preset: str) -> Profile:
    equipment = BANDS if preset == "bands" else EQUIPMENT_PRESETS[preset]
    return Profile("kg", goal, experience, DAYS[days], minutes, equipment)


def _cases() -> list[object]:
    return [
        pytest.param(*c, marks=pytest.mark.xfail(reason=KNOWN[c], strict=True)) if c in KNOWN else c
        for c in PANEL
    ]


@functools.cache
def _facts() -> dict[str, ExerciseFacts]:
    return usable_facts(load_catalog(None))


@functools.cache
def _plan(goal: str, experience: str, days: int, minutes: int, preset: str) -> WeekPlan:
    return solve_week(PlanRequest(_profile(goal, experience, days, minutes, preset)), _facts())


@pytest.mark.slow
@pytest.mark.parametrize(("goal", "experience", "days", "minutes", "preset"), _cases())
def test_every_panel_plan_passes_the_coach_rubric_or_names_what_the_request_lacks(
    goal: str, experience: str, days: int, minutes: int, preset: str
) -> None:
    """Item 6 may fail only when the review shows the request's minutes cannot hold the volume
    targets, and says what to change, or that no week meets them together."""
    facts = _facts()
    profile = _profile(goal, experience, days, minutes, preset)
    week = _plan(goal, experience, days, minutes, preset)
    names = session_names(week, facts)
    review = review_week(ReviewInput(week, facts, profile, names=names))
    failed = [
        i
        for i in review.failed
        if i.number in PLANNER_ITEMS and not (i.number == 6 and i.cannot_hold)
    ]
    assert [f"{i.number} {i.title}: {i.reason}" for i in failed] == []
    short = review.item(6)
    if short.cannot_hold:
        # either the minutes are too few (and it says how many would do) or no week of any
        # length meets the targets together (and it names the capped muscles)
        assert (
            "To reach them: sessions of " in short.cannot_hold
            or "no week of any length" in short.cannot_hold
        )
        assert all(d.split(":")[0] in short.cannot_hold for d in short.details)


def test_a_strength_week_holds_the_four_lifts_first_or_second_heavy_and_with_long_rests() -> None:
    facts = _facts()
    week = _plan("strength", "advanced", 6, 90, "full-gym")
    placed = {
        facts[x.exercise].pattern: x
        for s in week.sessions
        for x in s.slots[:2]
        if facts[x.exercise].role == "main"
    }
    # the catalog's main lifts of the four patterns; 3-5 reps, 3 minutes (PLAN-RUBRIC.md item 2)
    for pattern in ("squat", "hinge", "horizontal-push", "vertical-push"):
        slot = placed[pattern]
        assert slot.rep_high <= 6 and 180 <= slot.rest_seconds <= 300


def test_a_drill_given_to_the_solver_is_never_planned() -> None:
    # an imported balance-board drill that claims to train the quads as a squat
    board = ExerciseFacts(
        "imported-balance-board", "compound", "static", "squat", ("quads", "glutes"), (), (),
        "bodyweight", "beginner", False, "standing", _facts()["push-up"].tempo, (8, 12),
        "generic", role="drill", staple=3, source="free-exercise-db",
    )
    facts = {**_facts(), board.slug: board}
    week = solve_week(PlanRequest(_profile("general", "novice", 3, 60, "full-gym")), facts)
    assert board.slug not in {x.exercise for s in week.sessions for x in s.slots}
