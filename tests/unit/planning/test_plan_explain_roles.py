"""`plan explain` says what each exercise is in the week: its role and whether it is a staple."""

from __future__ import annotations

from review_kit import FACTS, HOME, profile, s, week

from spotter.planning.model.rationale import explain_week
from spotter.planning.model.review import ReviewInput, week_roles


def test_each_exercise_is_explained_by_its_role_and_staple_status() -> None:
    w = week(("mon", [s("squat"), s("leg-press"), s("curl"), s("plank", 3, (30, 45))]))
    x = explain_week(w, FACTS, {}, "hypertrophy")
    why = {r.exercise: r.reasons for r in x.exercises}
    assert why["squat"] == ("main lift", "a staple")
    assert why["leg-press"] == ("secondary compound", "a staple")
    assert why["curl"] == ("accessory",)
    assert why["plank"] == ("trunk",)


def test_the_weeks_roles_make_the_best_squat_the_equipment_allows_a_main_lift() -> None:
    w = week(("mon", [s("goblet-squat"), s("db-row"), s("lateral-raise"), s("plank", 3, (30, 45))]))
    gym = week_roles(ReviewInput(w, FACTS, profile(days=("mon",))))
    home = week_roles(ReviewInput(w, FACTS, profile(days=("mon",), equipment=HOME)))
    # in a gym the back squat is the squat; with dumbbells only, the goblet squat is
    assert gym == {
        "goblet-squat": "secondary",
        "db-row": "secondary",
        "lateral-raise": "accessory",
        "plank": "trunk",
    }
    # rows are not one of the four strength lifts: the dumbbell row stays a compound
    assert home["goblet-squat"] == "main" and home["db-row"] == "secondary"
