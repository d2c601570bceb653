"""The constraint checks on hand-built plans, with expected values by hand arithmetic.

Every exercise below has tempo 2-0-1-1 (4 s a rep); every slot is 8-12 reps (10 in the middle)
with 120 s rest, so one set takes 10 x 4 + 120 = 160 s, and a changeover 90 s.
"""

from __future__ import annotations

import pytest

from spotter.knowledge.model import ExerciseFacts, Tempo
from spotter.planning.model.checks import (
    Violation,
    check_avoided,
    check_days,
    check_equipment,
    check_knee_hip,
    check_no_repeat,
    check_order,
    check_pull_push,
    check_recovery,
    check_session_cap,
    check_session_time,
    check_variety,
    check_volume,
    check_week,
)
from spotter.planning.model.program import Session, Slot, WeekPlan
from spotter.planning.model.targets import TargetRange
from spotter.planning.model.volume import week_row_sets
from spotter.profile import Profile


def _ex(
    slug: str,
    pattern: str,
    primary: tuple[str, ...],
    secondary: tuple[str, ...] = (),
    *,
    mechanic: str = "compound",
    equipment: tuple[str, ...] = ("barbell",),
) -> ExerciseFacts:
    return ExerciseFacts(
        slug=slug,
        mechanic=mechanic,
        force="push",
        pattern=pattern,
        primary=primary,
        secondary=secondary,
        equipment=equipment,
        load_type="barbell",
        level="beginner",
        unilateral=False,
        position="standing",
        tempo=Tempo(2, 0, 1, 1),
        rep_range=(8, 12),
        motion_family="generic",
    )


FACTS = {
    f.slug: f
    for f in (
        _ex("squat", "squat", ("quads", "glutes"), ("hamstrings",)),
        _ex("lunge", "lunge", ("quads", "glutes"), ("hamstrings",)),
        _ex("rdl", "hinge", ("hamstrings", "glutes"), ("erector-spinae",)),
        _ex("bench", "horizontal-push", ("chest",), ("triceps", "front-delts")),
        _ex("push-up", "horizontal-push", ("chest", "triceps"), equipment=()),
        _ex("row", "horizontal-pull", ("lats", "rhomboids"), ("biceps", "rear-delts")),
        _ex("pulldown", "vertical-pull", ("lats",), ("biceps",), equipment=("cable-machine",)),
        _ex("ohp", "vertical-push", ("front-delts",), ("triceps",)),
        _ex(
            "leg-curl",
            "knee-flexion",
            ("hamstrings",),
            mechanic="isolation",
            equipment=("leg-curl-machine",),
        ),
        _ex("curl", "elbow-flexion", ("biceps",), mechanic="isolation"),
    )
}


def _s(exercise: str, sets: int) -> Slot:
    return Slot(exercise, sets, 8, 12, 2, 120)


MON = Session(
    "mon", (_s("squat", 3), _s("bench", 3), _s("row", 3), _s("leg-curl", 3), _s("curl", 2))
)
THU = Session(
    "thu", (_s("rdl", 3), _s("lunge", 3), _s("push-up", 3), _s("pulldown", 3), _s("row", 3))
)
VALID = WeekPlan((MON, THU))
PROFILE = Profile(
    units="kg",
    goal="hypertrophy",
    experience="novice",
    training_days=("mon", "thu"),
    minutes_per_session=60,
    equipment=("barbell", "cable-machine", "leg-curl-machine"),
)
TARGETS = {
    "back": TargetRange(8, 10),
    "chest": TargetRange(6, 6),
    "hamstrings": TargetRange(9, 12),
}


def _rules(violations: list[Violation]) -> list[str]:
    return [v.rule for v in violations]


def test_fractional_sets_of_the_valid_week_by_hand() -> None:
    assert week_row_sets(VALID, FACTS) == {
        "quads": 6.0,  # squat 3 + lunge 3
        "glutes": 9.0,  # squat 3 + rdl 3 + lunge 3
        "hamstrings": 9.0,  # squat 1.5 + leg curl 3 + rdl 3 + lunge 1.5
        "chest": 6.0,  # bench 3 + push-up 3
        "triceps": 4.5,  # bench 1.5 + push-up 3
        "front delts": 1.5,
        "back": 9.0,  # row 3 + pulldown 3 + row 3
        "biceps": 6.5,  # row 1.5 + curl 2 + pulldown 1.5 + row 1.5
        "rear delts": 3.0,
    }


def test_a_valid_week_passes_every_check() -> None:
    assert check_week(VALID, FACTS, PROFILE, targets=TARGETS) == []


def test_volume_outside_the_target_range_is_reported_with_the_numbers() -> None:
    out = check_volume(VALID, FACTS, {"chest": TargetRange(8, 12), "back": TargetRange(4, 8)})
    assert [str(v) for v in out] == [
        "[volume] chest: 6 sets a week is below the target 8-12",
        "[volume] back: 9 sets a week is above the target 4-8",
    ]


def test_a_row_with_no_sets_is_below_its_target() -> None:
    out = check_volume(VALID, FACTS, {"calves": TargetRange(8, 12)})
    assert [v.message for v in out] == ["0 sets a week is below the target 8-12"]


def test_a_deload_week_is_not_held_to_the_volume_targets() -> None:
    deload = WeekPlan(VALID.sessions, deload=True)
    strict = {"chest": TargetRange(20, 22)}
    assert check_week(deload, FACTS, PROFILE, targets=strict) == []
    assert _rules(check_week(VALID, FACTS, PROFILE, targets=strict)) == ["volume"]


def test_a_session_over_the_minutes_is_reported() -> None:
    # Monday: 14 sets x 160 s + 4 x 90 s = 2600 s = 43.3 min.
    # Thursday: 15 sets x 160 s + 4 x 90 s = 2760 s = 46 min.
    assert check_session_time(VALID, FACTS, 46) == []
    out = check_session_time(VALID, FACTS, 45)
    assert [(v.where, v.message) for v in out] == [("thu", "takes 46.0 min, over the 45 min")]
    assert _rules(check_session_time(VALID, FACTS, 43)) == ["session-time", "session-time"]


def test_a_muscle_trained_hard_on_consecutive_days_is_reported() -> None:
    back_day = (_s("row", 3), _s("pulldown", 3))  # back 6 sets: hard
    week = WeekPlan((Session("mon", back_day), Session("tue", back_day)))
    out = check_recovery(week, FACTS)
    assert [str(v) for v in out] == [
        "[recovery] back: trained hard on mon (6 sets) and again on tue (6 sets); "
        "hard means 6+ sets"
    ]
    apart = WeekPlan((Session("mon", back_day), Session("wed", back_day)))
    assert check_recovery(apart, FACTS) == []


def test_sunday_then_monday_counts_as_consecutive() -> None:
    back_day = (_s("row", 3), _s("pulldown", 3))
    week = WeekPlan((Session("mon", back_day), Session("sun", back_day)))
    assert [(v.where, v.message[:27]) for v in check_recovery(week, FACTS)] == [
        ("back", "trained hard on sun (6 sets")
    ]


def test_a_light_day_after_a_hard_day_is_allowed() -> None:
    week = WeekPlan(
        (Session("mon", (_s("row", 3), _s("pulldown", 3))), Session("tue", (_s("row", 5),)))
    )
    assert check_recovery(week, FACTS) == []  # 5 < 6 on tuesday


def test_too_many_sets_for_one_muscle_in_a_session_is_reported() -> None:
    week = WeekPlan((Session("mon", (_s("squat", 5), _s("lunge", 4))),))
    out = check_session_cap(week, FACTS, cap=8)
    # quads 9 and glutes 9 > 8; hamstrings 4.5 is fine.
    assert [v.message for v in out] == [
        "glutes gets 9 sets, over the cap 8",
        "quads gets 9 sets, over the cap 8",
    ]
    assert check_session_cap(week, FACTS, cap=9) == []


def test_pushing_more_than_pulling_is_reported_per_plane() -> None:
    week = WeekPlan(
        (Session("mon", (_s("bench", 3), _s("push-up", 3), _s("row", 3), _s("ohp", 2))),)
    )
    out = check_pull_push(week, FACTS)
    assert [v.message for v in out] == [
        "horizontal pull 3 sets < 1 x horizontal push 6 sets",
        "vertical pull 0 sets < 1 x vertical push 2 sets",
    ]


def test_posture_asks_for_half_again_as_much_pulling() -> None:
    # Valid week: horizontal pull 6 vs push 6; vertical 3 vs 0.
    assert check_pull_push(VALID, FACTS, 1.0) == []
    out = check_pull_push(VALID, FACTS, 1.5)
    assert [v.message for v in out] == ["horizontal pull 6 sets < 1.5 x horizontal push 6 sets"]
    posture = Profile("kg", "posture", "novice", ("mon", "thu"), 60, PROFILE.equipment)
    assert "pull-push" in _rules(check_week(VALID, FACTS, posture, targets=TARGETS))


def test_knee_and_hip_dominant_work_must_be_within_three_to_two() -> None:
    # PLAN-RUBRIC.md item 11: knee to hip between 0.67 and 1.5
    balanced = WeekPlan((Session("mon", (_s("squat", 3), _s("lunge", 3), _s("rdl", 4))),))
    assert check_knee_hip(balanced, FACTS) == []  # 6 vs 4: exactly 3 to 2
    lopsided = WeekPlan((Session("mon", (_s("squat", 3), _s("lunge", 3), _s("rdl", 3))),))
    assert [v.message for v in check_knee_hip(lopsided, FACTS)] == [
        "knee-dominant 6 sets vs hip-dominant 3 sets: more than 1.5 to 1"
    ]
    only_squats = WeekPlan((Session("mon", (_s("squat", 3),)),))
    assert _rules(check_knee_hip(only_squats, FACTS)) == ["knee-hip"]
    upper_only = WeekPlan((Session("mon", (_s("row", 3),)),))
    assert check_knee_hip(upper_only, FACTS) == []


def test_an_exercise_twice_in_a_day_is_reported() -> None:
    week = WeekPlan((Session("mon", (_s("squat", 3), _s("bench", 3), _s("squat", 2))),))
    assert [str(v) for v in check_no_repeat(week)] == ["[repeat] mon: squat appears twice"]
    assert check_no_repeat(VALID) == []  # row on two different days is fine


def test_a_major_muscle_worked_by_a_single_exercise_is_reported() -> None:
    without_leg_curl = WeekPlan(
        (
            Session("mon", tuple(s for s in MON.slots if s.exercise != "leg-curl")),
            THU,
        )
    )
    out = check_variety(without_leg_curl, FACTS)
    # Squat and lunge list hamstrings only as secondary.
    assert [str(v) for v in out] == [
        "[variety] hamstrings: worked by 1 different exercise(s) (rdl); at least 2 wanted"
    ]


def test_exercises_needing_missing_equipment_are_reported() -> None:
    out = check_equipment(VALID, FACTS, frozenset({"barbell", "cable-machine"}))
    assert [str(v) for v in out] == ["[equipment] mon: leg-curl needs leg-curl-machine"]


def test_a_compound_after_an_isolation_is_reported() -> None:
    week = WeekPlan((Session("mon", (_s("squat", 3), _s("curl", 2), _s("row", 3))),))
    assert [str(v) for v in check_order(week, FACTS)] == [
        "[order] mon: compound row comes after isolation curl"
    ]


def test_a_session_on_a_rest_day_is_reported() -> None:
    week = WeekPlan((MON, Session("sat", THU.slots)))
    assert [str(v) for v in check_days(week, ("mon", "thu"))] == [
        "[days] sat: is not a training day"
    ]


def test_an_exercise_missing_from_the_catalog_is_reported_first() -> None:
    week = WeekPlan((Session("mon", (_s("unicorn-press", 3),)),))
    assert [str(v) for v in check_week(week, FACTS, PROFILE)] == [
        "[unknown-exercise] mon: 'unicorn-press' is not in the catalog"
    ]


@pytest.mark.parametrize(
    ("profile", "rules"),
    [
        (
            Profile("kg", "hypertrophy", "novice", ("mon", "thu"), 45, PROFILE.equipment),
            ["session-time"],  # thursday takes 46 min
        ),
        (
            Profile("kg", "hypertrophy", "novice", ("mon", "thu"), 60, ("barbell",)),
            ["equipment", "equipment"],  # leg curl on monday, pulldown on thursday
        ),
        (Profile("kg", "hypertrophy", "novice", ("mon", "fri"), 60, PROFILE.equipment), ["days"]),
        (Profile("kg", "hypertrophy", "novice", ("mon", "thu"), 60, PROFILE.equipment), []),
    ],
)
def test_the_whole_check_catches_each_profile_mismatch(profile: Profile, rules: list[str]) -> None:
    assert _rules(check_week(VALID, FACTS, profile, targets=TARGETS)) == rules


def test_avoided_exercises_and_muscles_are_reported() -> None:
    out = check_avoided(VALID, FACTS, frozenset({"rdl", "front-delts"}))
    assert [str(v) for v in out] == [
        "[avoid] mon: bench trains avoided front-delts",
        "[avoid] thu: rdl is on the avoid list",
    ]
    assert _rules(check_week(VALID, FACTS, PROFILE, targets=TARGETS, avoid=frozenset({"rdl"}))) == [
        "avoid"
    ]
