"""Weeks a good coach would write: suitable exercises for the lifter's level and gym, main loaded
lifts in every week, small exercises kept small, sessions ordered and named by what they hold.

The rules are restated here from the documented numbers (planning/model/suitability.py), not
taken from the code under test.
"""

from __future__ import annotations

import functools

import pytest

from spotter.knowledge.model import ExerciseFacts
from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.planning.model.checks import check_week
from spotter.planning.model.program import Session, Slot, WeekPlan
from spotter.planning.model.rationale import session_names
from spotter.planning.model.request import PlanRequest
from spotter.planning.model.volume import facts_of
from spotter.planning.solver import solve_week
from spotter.planning.solver.costs import preference_cost, session_order
from spotter.planning.solver.cpsat import CpSatSolver
from spotter.profile import Profile
from spotter.services.catalog import load_catalog

LEVEL = {"beginner": 0, "intermediate": 1, "advanced": 2}
EXPERIENCE = {"novice": 0, "intermediate": 1, "advanced": 2}
LOADED = {"barbell", "dumbbell", "selectorized-machine", "plate-loaded-machine", "cable-stack"}
# muscles of the minor rows (front delts, rear delts, traps, abs) and the rotator cuff
MINOR_MUSCLES = {
    "front-delts",
    "rear-delts",
    "upper-traps",
    "middle-traps",
    "lower-traps",
    "abs",
    "obliques",
    "rotator-cuff",
}
CORE_PATTERNS = {"anti-extension", "anti-rotation", "trunk-flexion", "trunk-rotation"}
FULL_GYM = EQUIPMENT_PRESETS["full-gym"]
TUE_THU = ("mon", "tue", "thu", "fri")
MWF = ("mon", "wed", "fri")


@functools.cache
def _facts() -> dict[str, ExerciseFacts]:
    return facts_of(load_catalog(None))


@functools.cache
def _week(goal: str, experience: str, days: tuple[str, ...], minutes: int) -> WeekPlan:
    profile = Profile("kg", goal, experience, days, minutes, FULL_GYM)
    return solve_week(PlanRequest(profile), _facts(), solver=CpSatSolver())


def _planned(week: WeekPlan) -> list[tuple[str, Slot]]:
    return [(s.day, slot) for s in week.sessions for slot in s.slots]


def _owned_loaded_patterns(equipment: tuple[str, ...]) -> set[str]:
    return {
        f.pattern
        for f in _facts().values()
        if f.load_type in LOADED and all(e in equipment for e in f.equipment)
    }


CASES = [
    ("hypertrophy", "intermediate", TUE_THU, 75),
    ("hypertrophy", "intermediate", MWF, 60),
    ("strength", "intermediate", MWF, 60),
]


@pytest.mark.slow
@pytest.mark.parametrize(("goal", "experience", "days", "minutes"), CASES)
def test_full_gym_weeks_use_suitable_loaded_exercises(
    goal: str, experience: str, days: tuple[str, ...], minutes: int
) -> None:
    facts = _facts()
    week = _week(goal, experience, days, minutes)
    profile = Profile("kg", goal, experience, days, minutes, FULL_GYM)
    assert [str(v) for v in check_week(week, facts, profile) if v.rule != "volume"] == []
    loaded = _owned_loaded_patterns(FULL_GYM)
    used = [facts[slot.exercise] for _, slot in _planned(week)]
    for f in used:
        assert LEVEL[f.level] <= EXPERIENCE[experience], f"{f.slug} is {f.level}"
        if f.pattern in {"squat", "lunge", "horizontal-push"} and f.pattern in loaded:
            assert f.load_type != "bodyweight", f"{f.slug}: bodyweight with loaded options"
    assert any(f.pattern == "horizontal-push" and f.load_type in LOADED for f in used)
    assert any(f.pattern == "squat" and f.load_type in LOADED for f in used)
    for day, slot in _planned(week):
        f = facts[slot.exercise]
        small = f.pattern == "external-rotation" or (
            f.mechanic == "isolation" and set(f.primary) <= MINOR_MUSCLES
        )
        assert not (small and slot.sets > 4), f"{day}: {slot.exercise} x {slot.sets}"


@pytest.mark.slow
@pytest.mark.parametrize(("goal", "days", "minutes"), [("hypertrophy", TUE_THU, 75)])
def test_a_novice_never_gets_an_exercise_above_their_level(
    goal: str, days: tuple[str, ...], minutes: int
) -> None:
    facts = _facts()
    week = _week(goal, "novice", days, minutes)
    levels = {facts[slot.exercise].level for _, slot in _planned(week)}
    assert levels <= {"beginner"}


@pytest.mark.slow
def test_a_bodyweight_and_bands_home_gym_still_gets_a_valid_plan() -> None:
    facts = _facts()
    # nothing loadable in small steps: bodyweight and band exercises carry no penalty
    gear = ("mat", "pull-up-bar", "dip-station", "bench", "rings", "band")
    profile = Profile("kg", "hypertrophy", "intermediate", MWF, 60, gear)
    week = solve_week(PlanRequest(profile), facts, solver=CpSatSolver())
    assert week.sessions
    assert [str(v) for v in check_week(week, facts, profile) if v.rule != "volume"] == []
    loads = {facts[slot.exercise].load_type for _, slot in _planned(week)}
    assert loads <= {"bodyweight", "band"}


@pytest.mark.slow
def test_sessions_open_with_main_lifts_and_close_compounds_with_trunk_work() -> None:
    facts = _facts()
    week = _week("hypertrophy", "intermediate", TUE_THU, 75)
    for s in week.sessions:
        kinds = []
        for slot in s.slots:
            f = facts[slot.exercise]
            if f.mechanic == "compound":
                kinds.append("core" if f.pattern in CORE_PATTERNS else "lift")
        assert kinds == sorted(kinds, key=lambda k: k == "core"), s.day
        assert facts[s.slots[0].exercise].pattern not in CORE_PATTERNS


def test_session_order_puts_the_barbell_press_first_and_the_plank_after_the_dip() -> None:
    facts = _facts()
    slugs = ["dumbbell-pullover", "hollow-body-hold", "parallel-bar-dip", "barbell-bench-press"]
    ordered = sorted(slugs, key=lambda s: session_order(facts[s]))
    assert ordered == [
        "barbell-bench-press",
        "parallel-bar-dip",
        "hollow-body-hold",
        "dumbbell-pullover",
    ]


def test_the_preference_cost_of_a_hand_built_week() -> None:
    facts = _facts()
    profile = Profile("kg", "hypertrophy", "intermediate", ("mon", "thu"), 75, FULL_GYM)
    request = PlanRequest(profile)
    week = WeekPlan(
        (
            Session(
                "mon",
                (
                    Slot("barbell-back-squat", 3, 6, 10, 1, 120),
                    Slot("bodyweight-squat", 3, 12, 15, 1, 60),
                    Slot("seated-dumbbell-external-rotation", 5, 10, 15, 1, 60),
                ),
            ),
            Session("thu", (Slot("barbell-back-squat", 3, 6, 10, 1, 120),)),
        )
    )
    # back squat: a staple, 1 - 1 = 0, staple score 3 (twice, the repeat +3); bodyweight squat:
    # 1 + 2 (not loadable) + 4 (outgrown) + 2 (staple score 1) = 9; external rotation: 1 + 2
    # (isolation) + 2 (staple score 1) + 2 x (5 - 3) sets = 9; no staple for hinge, horizontal
    # push and pull, vertical push and pull: 5 x 4 = 20
    assert preference_cost(week, facts, request) == 0 + 9 + 9 + 0 + 3 + 20
    novice = PlanRequest(Profile("kg", "hypertrophy", "novice", ("mon",), 75, FULL_GYM))
    pistol = WeekPlan((Session("mon", (Slot("pistol-squat", 3, 5, 8, 1, 120),)),))
    # two levels above a novice: 1 + 2 (bodyweight, lunges are loadable) + 2 x 10 + 2 (staple
    # score 1); no outgrown cost for a novice; all six main patterns without a staple: 24
    assert preference_cost(pistol, facts, novice) == 1 + 2 + 20 + 2 + 24


def _session(*slots: tuple[str, int]) -> Session:
    return Session("mon", tuple(Slot(e, n, 8, 12, 1, 90) for e, n in slots))


def test_session_names_follow_where_the_sets_go() -> None:
    facts = _facts()
    # the reproduction's "Lower": 7 leg sets, 16 upper-body sets of which 14 pull
    pull_day = _session(
        ("kettlebell-deadlift", 2),
        ("upright-row", 5),
        ("band-triceps-pushdown", 2),
        ("cable-y-raise", 4),
        ("dumbbell-pullover", 5),
        ("lying-leg-curl", 5),
    )
    legs = _session(("barbell-back-squat", 4), ("romanian-deadlift", 3), ("leg-extension", 3))
    push = _session(("barbell-bench-press", 4), ("barbell-overhead-press", 3), ("plank", 3))
    mixed = _session(("barbell-back-squat", 4), ("barbell-bench-press", 4), ("pendlay-row", 4))
    upper = _session(("barbell-bench-press", 4), ("pendlay-row", 4), ("leg-extension", 2))
    core = _session(("plank", 3), ("dead-bug", 3))
    names = session_names(
        WeekPlan(
            tuple(
                Session(d, s.slots)
                for d, s in zip(
                    ("mon", "tue", "wed", "thu", "fri", "sat"),
                    (pull_day, legs, push, mixed, upper, core),
                    strict=True,
                )
            )
        ),
        facts,
    )
    assert names == ("Pull", "Lower", "Push", "Full body", "Upper", "Core")
