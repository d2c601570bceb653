"""`plan explain` says what each exercise is in the week: its role and whether it is a staple."""

from __future__ import annotations

from review_kit import FACTS, s, week

from spotter.planning.model.rationale import explain_week


def test_each_exercise_is_explained_by_its_role_and_staple_status() -> None:
    w = week(("mon", [s("squat"), s("leg-press"), s("curl"), s("plank", 3, (30, 45))]))
    x = explain_week(w, FACTS, {}, "hypertrophy")
    why = {r.exercise: r.reasons for r in x.exercises}
    assert why["squat"] == ("main lift", "a staple")
    assert why["leg-press"] == ("secondary compound", "a staple")
    assert why["curl"] == ("accessory",)
    assert why["plank"] == ("trunk",)
