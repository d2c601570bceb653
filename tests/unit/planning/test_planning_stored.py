"""Stored plans: the mesocycle survives JSON, bad JSON is located, sessions land on dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from spotter.planning.model.program import Session, Slot, WeekPlan, build_mesocycle
from spotter.planning.model.stored import (
    PlanFormatError,
    StoredPlan,
    mesocycle_from_json,
    mesocycle_to_json,
)

WEEK = WeekPlan(
    (
        Session("mon", (Slot("barbell-back-squat", 3, 5, 5, 2, 180, "linear"),)),
        Session("thu", (Slot("seated-lat-pulldown", 4, 8, 12, 2, 120),)),
    )
)


def _plan(start: dt.date) -> StoredPlan:
    meso = build_mesocycle(WEEK, weeks=4)
    return StoredPlan(
        id=1,
        name="p",
        template=None,
        created_at=dt.datetime(2026, 11, 24, 9, 0),
        start_date=start,
        active=True,
        mesocycle=meso,
        session_names=(("Lower", "Pull"),) * 4,
    )


def test_a_mesocycle_round_trips_through_json_with_rules_and_names() -> None:
    meso = build_mesocycle(WEEK, weeks=5)
    names = [("Lower", "Pull")] * 5
    back, back_names = mesocycle_from_json(mesocycle_to_json(meso, names))
    assert back == meso
    assert back.weeks[-1].deload and not back.weeks[0].deload
    assert back.weeks[0].sessions[0].slots[0].rule == "linear"
    assert back.weeks[0].sessions[1].slots[0].rule is None
    assert back_names == tuple(tuple(n) for n in names)


def test_bad_json_says_where() -> None:
    data = json.loads(mesocycle_to_json(build_mesocycle(WEEK, weeks=3)))
    data["weeks"][1]["sessions"][0]["slots"][0]["sets"] = "three"
    with pytest.raises(PlanFormatError, match=r"plan.weeks\[1\].sessions\[0\].slots\[0\].sets"):
        mesocycle_from_json(json.dumps(data))
    data["weeks"][1]["sessions"][0]["slots"][0]["sets"] = 0
    with pytest.raises(PlanFormatError, match="sets must be at least 1"):
        mesocycle_from_json(json.dumps(data))
    with pytest.raises(PlanFormatError, match="not valid JSON"):
        mesocycle_from_json("{")


def test_sessions_fall_on_their_weekdays_week_after_week() -> None:
    # start on a wednesday: week 1's thursday is the next day, its monday the one after
    plan = _plan(dt.date(2026, 11, 25))
    dates = [(p.date, p.week, p.name) for p in plan.sessions()]
    assert dates[:4] == [
        (dt.date(2026, 11, 26), 1, "Pull"),
        (dt.date(2026, 11, 30), 1, "Lower"),
        (dt.date(2026, 12, 3), 2, "Pull"),
        (dt.date(2026, 12, 7), 2, "Lower"),
    ]
    assert len(dates) == 2 * 4
    assert all(p.date < plan.end_date for p in plan.sessions())
    assert plan.end_date == dt.date(2026, 12, 23)
    assert plan.session_on(dt.date(2026, 12, 21)).deload  # type: ignore[union-attr]
    assert plan.session_on(dt.date(2026, 12, 1)) is None  # a tuesday: rest
