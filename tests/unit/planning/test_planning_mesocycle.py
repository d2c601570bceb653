"""The mesocycle ramp, by hand: sets from 0.7x to 1x the base week, RIR 3 to 1, then a deload."""

from __future__ import annotations

import pytest

from spotter.planning.model.program import (
    Mesocycle,
    Session,
    Slot,
    WeekPlan,
    build_mesocycle,
    rep_range_for,
)

BASE = WeekPlan(
    (
        Session("mon", (Slot("squat", 10, 6, 10, 2, 180), Slot("curl", 1, 10, 15, 2, 60))),
        Session("thu", (Slot("deadlift", 3, 3, 5, 2, 240), Slot("row", 4, 8, 12, 2, 120))),
    )
)


def _sets(meso: Mesocycle, day: int, slot: int) -> list[int]:
    return [w.sessions[day].slots[slot].sets for w in meso.weeks]


def test_six_weeks_ramp_sets_from_near_mev_to_the_base_week_then_deload() -> None:
    meso = build_mesocycle(BASE)
    assert len(meso.weeks) == 6
    # Factors 0.7, 0.775, 0.85, 0.925, 1; half up; deload half up.
    assert _sets(meso, 0, 0) == [7, 8, 9, 9, 10, 5]  # 7, 7.75, 8.5, 9.25, 10 | 5
    assert _sets(meso, 0, 1) == [1, 1, 1, 1, 1, 1]  # never below one set
    assert _sets(meso, 1, 0) == [2, 2, 3, 3, 3, 2]  # 2.1, 2.325, 2.55, 2.775, 3 | 1.5
    assert _sets(meso, 1, 1) == [3, 3, 3, 4, 4, 2]  # 2.8, 3.1, 3.4, 3.7, 4 | 2


def test_effort_goes_from_three_to_one_rir_and_the_deload_is_at_four() -> None:
    assert [w.sessions[0].slots[0].rir for w in build_mesocycle(BASE).weeks] == [3, 3, 2, 2, 1, 4]
    assert [w.sessions[1].slots[1].rir for w in build_mesocycle(BASE, weeks=4).weeks] == [
        3,
        2,
        1,
        4,
    ]
    eight = [w.sessions[0].slots[0].rir for w in build_mesocycle(BASE, weeks=8).weeks]
    assert eight == [3, 3, 3, 2, 2, 2, 1, 4]


def test_only_the_last_week_is_a_deload_and_the_peak_week_is_the_base() -> None:
    meso = build_mesocycle(BASE)
    assert [w.deload for w in meso.weeks] == [False] * 5 + [True]
    assert [s.sets for s in meso.base.sessions[1].slots] == [3, 4]


def test_exercises_reps_rest_and_days_stay_the_same_every_week() -> None:
    for week in build_mesocycle(BASE).weeks:
        assert week.days == ("mon", "thu")
        for s, b in zip(week.sessions, BASE.sessions, strict=True):
            assert [(x.exercise, x.rep_low, x.rep_high, x.rest_seconds) for x in s.slots] == [
                (x.exercise, x.rep_low, x.rep_high, x.rest_seconds) for x in b.slots
            ]


def test_a_custom_start_fraction() -> None:
    meso = build_mesocycle(BASE, weeks=3, start_fraction=0.5)
    assert _sets(meso, 0, 0) == [5, 10, 5]


def test_too_short_a_mesocycle_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 3 weeks"):
        build_mesocycle(BASE, weeks=2)


def test_a_week_must_be_in_calendar_order_with_one_session_a_day() -> None:
    with pytest.raises(ValueError, match="calendar order"):
        WeekPlan((Session("thu", ()), Session("mon", ())))
    with pytest.raises(ValueError, match="same day"):
        WeekPlan((Session("mon", ()), Session("mon", ())))


def test_a_slot_refuses_impossible_values() -> None:
    with pytest.raises(ValueError, match="sets"):
        Slot("squat", 0, 5, 5, 2, 120)
    with pytest.raises(ValueError, match="rep range"):
        Slot("squat", 3, 8, 5, 2, 120)


def test_rep_ranges_by_goal_are_clipped_to_the_exercise() -> None:
    assert rep_range_for("strength", "compound", (5, 8)) == (5, 6)
    assert rep_range_for("hypertrophy", "isolation", (8, 12)) == (10, 12)
    assert rep_range_for("hypertrophy", "compound", (3, 5)) == (3, 5)  # no overlap
