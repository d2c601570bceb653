"""A progression rule per exercise, and the distance of a week from its targets."""

from __future__ import annotations

import pytest

from spotter.knowledge.model import ExerciseFacts, Tempo
from spotter.planning.model.program import Session, Slot, WeekPlan
from spotter.planning.model.progression import rule_for
from spotter.planning.model.targets import TargetRange, row_weights
from spotter.planning.model.volume import target_distance, week_row_sets
from spotter.science.rules import DoubleProgression, LinearProgression, RpeProgression


def _ex(
    slug: str,
    pattern: str,
    primary: tuple[str, ...],
    *,
    mechanic: str = "compound",
    load_type: str = "barbell",
    equipment: tuple[str, ...] = ("barbell",),
    measure: str = "reps",
    role: str | None = None,
) -> ExerciseFacts:
    return ExerciseFacts(
        slug=slug,
        mechanic=mechanic,
        force="push",
        pattern=pattern,
        primary=primary,
        secondary=(),
        equipment=equipment,
        load_type=load_type,
        level="beginner",
        unilateral=False,
        position="standing",
        tempo=Tempo(2, 0, 1, 1),
        rep_range=(3, 15),
        motion_family="generic",
        measure=measure,
        role=role or ("main" if mechanic == "compound" else "accessory"),
    )


BENCH = _ex("bench", "horizontal-push", ("chest",))
DEADLIFT = _ex("deadlift", "hinge", ("hamstrings",))
TRAP_BAR = _ex(
    "trap-bar-deadlift", "hinge", ("glutes",), load_type="plates", equipment=("trap-bar",)
)
DB_PRESS = _ex("db-press", "horizontal-push", ("chest",), load_type="dumbbell", equipment=())
CURL = _ex("curl", "elbow-flexion", ("biceps",), mechanic="isolation")


def test_a_novices_main_lifts_progress_linearly_lower_body_in_bigger_steps() -> None:
    assert rule_for(BENCH, Slot("bench", 5, 3, 5, 2, 240), "novice") == LinearProgression(
        increment_kg=2.5, sets=5, reps=5
    )
    assert rule_for(TRAP_BAR, Slot("t", 3, 4, 6, 2, 240), "novice") == LinearProgression(
        increment_kg=5.0, sets=3, reps=6
    )


def test_experienced_lifters_main_lifts_follow_rpe() -> None:
    assert rule_for(DEADLIFT, Slot("deadlift", 3, 3, 5, 1, 240), "intermediate") == (
        RpeProgression(target_reps=3, target_rpe=9, sets=3)
    )
    # A deload slot at RIR 4 is RPE 6, the bottom of the RTS chart.
    assert rule_for(BENCH, Slot("bench", 2, 6, 10, 4, 180), "advanced") == (
        RpeProgression(target_reps=6, target_rpe=6, sets=2)
    )


@pytest.mark.parametrize("experience", ["novice", "intermediate", "advanced"])
def test_accessories_use_double_progression(experience: str) -> None:
    assert rule_for(DB_PRESS, Slot("db-press", 3, 8, 12, 2, 120), experience) == (
        DoubleProgression(rep_low=8, rep_high=12, sets=3, increment_kg=2.5)
    )
    assert rule_for(CURL, Slot("curl", 3, 10, 15, 2, 60), experience) == (
        DoubleProgression(rep_low=10, rep_high=15, sets=3, increment_kg=1.25)
    )


@pytest.mark.parametrize("experience", ["novice", "intermediate", "advanced"])
def test_a_barbell_accessory_such_as_the_upright_row_uses_double_progression(
    experience: str,
) -> None:
    # a compound by its joints, an accessory by its catalog role: added reps, then 2.5 kg
    upright = _ex("upright-row", "shoulder-abduction", ("side-delts",), role="accessory")
    assert rule_for(upright, Slot("upright-row", 3, 10, 15, 2, 60), experience) == (
        DoubleProgression(rep_low=10, rep_high=15, sets=3, increment_kg=2.5)
    )


def test_distance_from_targets_weighs_emphasised_rows_double() -> None:
    week = WeekPlan(
        (Session("mon", (Slot("bench", 4, 8, 12, 2, 120), Slot("curl", 3, 10, 15, 2, 60))),)
    )
    sets = week_row_sets(week, {"bench": BENCH, "curl": CURL})
    assert sets == {"chest": 4.0, "biceps": 3.0}
    targets = {
        "chest": TargetRange(10, 12),  # 6 below
        "biceps": TargetRange(2, 2),  # 1 above
        "quads": TargetRange(0, 4),  # 0 sets: inside
    }
    assert target_distance(sets, targets) == 7.0
    assert target_distance(sets, targets, row_weights(["chest"])) == 13.0  # 2 x 6 + 1
