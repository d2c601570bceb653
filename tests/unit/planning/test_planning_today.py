"""Where a date falls in a mesocycle (hand-counted calendars), and the recovery adjustment's
thresholds (keep at 80 % and up, a third fewer sets from 50 %, swap or a third below)."""

from __future__ import annotations

import datetime as dt

import pytest

from spotter.knowledge.model import ExerciseFacts, Tempo
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan, build_mesocycle
from spotter.planning.model.today import (
    TWO_THIRDS,
    adjust_session,
    adjust_slot,
    fewer_sets,
    locate,
    slot_on,
)

D = dt.date


def _week(sets: int, deload: bool = False) -> WeekPlan:
    return WeekPlan(
        (
            Session("mon", (Slot("squat", sets, 5, 8, 2, 180),)),
            Session("wed", (Slot("pulldown", sets, 8, 12, 2, 120),)),
            Session("fri", (Slot("squat", sets, 5, 8, 2, 180),)),
        ),
        deload=deload,
    )


# Monday 2 November 2026 start; weeks: 2-8 Nov, 9-15 Nov, 16-22 Nov (deload).
MESO = Mesocycle((_week(3), _week(4), _week(2, deload=True)))
START = D(2026, 11, 2)


def test_the_first_monday_is_week_one_with_its_session() -> None:
    day = locate(MESO, START, D(2026, 11, 2))
    assert day.status == "training" and day.week_index == 0
    assert day.session is not None and day.session.day == "mon"
    assert day.session.slots[0].sets == 3
    assert (day.next_date, day.next_day) == (D(2026, 11, 4), "wed")


def test_a_day_without_a_session_names_the_next_one() -> None:
    thursday = locate(MESO, START, D(2026, 11, 5))
    assert thursday.status == "rest" and thursday.session is None
    assert thursday.next_date == D(2026, 11, 6) and thursday.next_day == "fri"
    assert "not a training day" in thursday.message and "2026-11-06" in thursday.message
    sunday = locate(MESO, START, D(2026, 11, 8))
    assert sunday.week_index == 0 and sunday.next_date == D(2026, 11, 9)


def test_the_second_week_has_its_own_sets_and_the_last_is_the_deload() -> None:
    assert locate(MESO, START, D(2026, 11, 11)).session.slots[0].sets == 4  # type: ignore[union-attr]
    deload = locate(MESO, START, D(2026, 11, 20))
    assert deload.week_index == 2 and deload.deload and "deload" in deload.message
    assert deload.session is not None and deload.session.slots[0].sets == 2


def test_after_the_last_week_the_plan_has_ended() -> None:
    last_day = locate(MESO, START, D(2026, 11, 22))
    assert last_day.status == "rest" and last_day.next_date is None
    ended = locate(MESO, START, D(2026, 11, 23))
    assert ended.status == "ended" and ended.session is None
    assert "spotter plan new" in ended.message and "2026-11-22" in ended.message


def test_before_the_start_the_plan_has_not_begun() -> None:
    day = locate(MESO, START, D(2026, 10, 30))
    assert day.status == "not-started" and day.next_date == START


def test_a_plan_starting_midweek_counts_weeks_from_its_start() -> None:
    # start Wednesday 4 Nov: week 0 is 4-10 Nov, so its Monday session is on 9 Nov and
    # Wednesday 11 Nov opens week 1.
    start = D(2026, 11, 4)
    monday = locate(MESO, start, D(2026, 11, 9))
    assert monday.week_index == 0 and monday.session is not None
    assert monday.session.day == "mon" and monday.session.slots[0].sets == 3
    assert locate(MESO, start, D(2026, 11, 11)).week_index == 1
    assert locate(MESO, start, D(2026, 11, 25)).status == "ended"  # 4 Nov + 21 days


def test_a_six_week_block_deloads_in_week_six() -> None:
    meso = build_mesocycle(WeekPlan((Session("tue", (Slot("squat", 4, 6, 10, 2, 120),)),)))
    # 2 Nov + 5 weeks = 7 Dec (Mon), so the deload Tuesday is 8 Dec; sets 4 -> half = 2.
    day = locate(meso, START, D(2026, 12, 8))
    assert day.week_index == 5 and day.deload
    assert day.session is not None and day.session.slots[0].sets == 2
    assert day.session.slots[0].rir == 4
    assert locate(meso, START, D(2026, 12, 13)).status == "rest"
    assert locate(meso, START, D(2026, 12, 14)).status == "ended"


def test_slot_on_finds_the_slot_planned_that_day() -> None:
    slot = slot_on(MESO, START, D(2026, 11, 4), "pulldown")
    assert slot is not None and slot.sets == 3
    assert slot_on(MESO, START, D(2026, 11, 4), "squat") is None
    assert slot_on(MESO, START, D(2026, 11, 5), "squat") is None


# -- the adjustment ----------------------------------------------------------------------------


def _facts(slug: str, *primary: str, measure: str = "reps") -> ExerciseFacts:
    return ExerciseFacts(
        slug, "compound", "pull", "vertical-pull", primary, (), ("cable-machine",),
        "cable-stack", "beginner", False, "seated", Tempo(3, 0, 2, 1), (8, 12), "pulldown",
        measure=measure,
    )  # fmt: skip


PULLDOWN = _facts("pulldown", "lats", "rhomboids")
SLOT = Slot("pulldown", 6, 8, 12, 2, 120)


@pytest.mark.parametrize(
    ("lats", "action", "sets"),
    [
        (100.0, "keep", 6),
        (80.0, "keep", 6),  # the boundary keeps
        (79.9, "fewer-sets", 4),  # 6 x 2/3 = 4
        (50.0, "fewer-sets", 4),
        (49.9, "fewer-sets", 2),  # far, no alternative: 6 x 1/3 = 2
        (0.0, "fewer-sets", 2),
    ],
)
def test_thresholds(lats: float, action: str, sets: int) -> None:
    a = adjust_slot(SLOT, PULLDOWN, {"lats": lats})
    assert (a.action, a.sets, a.exercise) == (action, sets, "pulldown")
    assert a.planned_sets == 6


def test_the_least_recovered_primary_muscle_decides_and_secondaries_do_not() -> None:
    a = adjust_slot(SLOT, PULLDOWN, {"lats": 95.0, "rhomboids": 60.0, "biceps": 10.0})
    assert a.action == "fewer-sets" and a.muscle == "rhomboids" and a.recovery == 60.0


def test_nearly_ready_is_kept_with_a_note() -> None:
    a = adjust_slot(SLOT, PULLDOWN, {"lats": 85.0})
    assert a.action == "keep" and "85 %" in a.reason


def test_far_from_recovered_swaps_to_the_first_alternative_whose_muscles_are_ready() -> None:
    row = _facts("row", "lats", "middle-traps")
    shrug = _facts("shrug", "upper-traps", "rhomboids")
    face_pull = _facts("face-pull", "rear-delts", "middle-traps")
    plank = _facts("hold", "abs", measure="seconds")
    recovery = {"lats": 30.0, "rhomboids": 70.0, "middle-traps": 90.0, "abs": 100.0}
    a = adjust_slot(SLOT, PULLDOWN, recovery, [row, shrug, plank, face_pull])
    # row: lats 30; shrug: rhomboids 70; plank: counted in seconds; face pull: 100 and 90.
    assert (a.action, a.exercise, a.sets) == ("swap", "face-pull", 6)
    assert "face-pull" in a.reason and "30 %" in a.reason


def test_an_alternative_at_89_9_percent_is_not_ready() -> None:
    face_pull = _facts("face-pull", "rear-delts")
    a = adjust_slot(SLOT, PULLDOWN, {"lats": 20.0, "rear-delts": 89.9}, [face_pull])
    assert a.action == "fewer-sets" and a.sets == 2


def test_a_swap_never_brings_in_an_exercise_already_in_the_session() -> None:
    face_pull = _facts("face-pull", "rear-delts")
    other = _facts("pulldown-2", "lats")
    session = Session("mon", (SLOT, Slot("pulldown-2", 3, 8, 12, 2, 120)))
    facts = {"pulldown": PULLDOWN, "pulldown-2": other}
    alts = {"pulldown": [face_pull], "pulldown-2": [face_pull]}
    first, second = adjust_session(session, facts, {"lats": 10.0}, alts)
    assert (first.action, first.exercise) == ("swap", "face-pull")
    assert (second.action, second.exercise, second.sets) == ("fewer-sets", "pulldown-2", 1)
    taken = adjust_slot(SLOT, PULLDOWN, {"lats": 10.0}, [face_pull], frozenset({"face-pull"}))
    assert taken.action == "fewer-sets"


def test_fewer_sets_rounds_half_up_and_keeps_at_least_one() -> None:
    # 2/3 of 1..9: 0.67 1.33 2 2.67 3.33 4 4.67 5.33 6
    assert [fewer_sets(n, TWO_THIRDS) for n in range(1, 10)] == [1, 1, 2, 3, 3, 4, 5, 5, 6]
