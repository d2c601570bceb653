"""Per-side and assisted loads become the whole load Spotter stores, by the documented rule."""

from __future__ import annotations

import pytest

from spotter.interchange.conventions import is_per_side, rule_for

LB = 0.45359237


@pytest.mark.parametrize(
    ("name", "side_kg", "unit", "whole_kg"),
    [
        ("Barbell Squat (Each Side)", 60.0, "kg", 2 * 60 + 20),  # plates both sides + 20 kg bar
        ("Barbell Squat (Each Side)", 135 * LB, "lb", (2 * 135 + 45) * LB),  # + 45 lb bar
        ("Bench Press (With Bar, Each Side)", 20.0, "kg", 60.0),
        ("Flat Barbell Bench Press (Each Side) (Smith Machine)", 15.0, "kg", 30.0),  # no bar
        ("Seated Calf Raise Machine (Each Side)", 25.0, "kg", 50.0),
        ("Decline Hammer Strength Chest Press(Each Side)", 20.0, "kg", 40.0),
        ("Incline Chest Press (Each Side)", 27.5, "kg", 55.0),  # equipment not stated: 2 sides
        ("Overhead Press (Each Side, Dumbbells)", 12.0, "kg", 12.0),  # one dumbbell
        ("Dumbbell Curl (Each Side)", 10.0, "kg", 10.0),
        ("Cable Lateral Raise (Each Side)", 5.0, "kg", 5.0),  # one arm on a stack
        ("Single Arm Row (each arm)", 30.0, "kg", 30.0),  # per limb, kept
        ("Squat (Barbell)", 100.0, "kg", 100.0),  # no per-side words: as entered
    ],
)
def test_per_side_loads_become_whole_loads_by_equipment(
    name: str, side_kg: float, unit: str, whole_kg: float
) -> None:
    assert rule_for(name).apply(side_kg, unit) == pytest.approx(whole_kg, rel=1e-12)


def test_a_name_without_equipment_uses_the_confirmed_exercise_equipment() -> None:
    assert rule_for("Walking Lunges (Each Side)", exercise_kinds={"dumbbell"}).apply(12.0, "kg") == 12.0
    assert rule_for("Walking Lunges (Each Side)").apply(12.0, "kg") == 24.0


@pytest.mark.parametrize("name", ["Chin Up (Assisted)", "Pull Up (Assisted)", "Assisted Dip"])
def test_assisted_rows_become_negative_loads(name: str) -> None:
    rule = rule_for(name)
    assert rule.apply(31.75, "kg") == -31.75
    assert rule.apply(0.0, "kg") == 0.0
    assert rule.apply(None, "kg") is None  # bodyweight alone stays bodyweight


def test_a_name_mapped_to_an_assisted_exercise_is_assisted() -> None:
    assert rule_for("Machine Chin", slug="assisted-pull-up").apply(20.0, "kg") == -20.0


@pytest.mark.parametrize(
    ("name", "per_side"),
    [("Squat (each side)", True), ("Press per side", True), ("Side Plank", False), ("Side Lunge", False)],
)
def test_per_side_words_are_read_and_side_exercises_are_not_per_side(
    name: str, per_side: bool
) -> None:
    assert is_per_side(name) is per_side
