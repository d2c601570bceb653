"""Times over HTTP: ISO 8601 with an offset in and out, naive input in the lifter's zone, and the
lifter's calendar deciding the day, the week and "today".

Pacific/Auckland is UTC+13 in November (NZDT); Europe/Berlin repeats 02:00-02:59 on 25 October
2026 (first at UTC+2, then at UTC+1). 9 November 2026 is a Monday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routes_kit import Api, open_api

from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.planning.model.stored import StoredPlan

BENCH = "barbell-bench-press"


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    yield from open_api(db_url, tmp_path, catalog)


def test_a_set_at_23_30_in_auckland_is_in_that_days_history_and_that_weeks_volume(
    api: Api,
) -> None:
    me = api.lifter(timezone="Pacific/Auckland")
    s = me.log_set(BENCH, 100, 5, "2026-11-15T23:30:00")  # Sunday night, naive: Auckland's
    assert s["performed_at"] == "2026-11-15T23:30:00+13:00"
    early = me.log_set(BENCH, 100, 5, "2026-11-16T00:30:00+13:00")  # Monday, 11:30 Sunday UTC
    assert early["performed_at"] == "2026-11-16T00:30:00+13:00"

    sunday = me.get("/log/sets", params={"since": "2026-11-15T00:00:00", "until": "2026-11-16T00:00:00"})
    assert [x["performed_at"] for x in sunday.json()["items"]] == ["2026-11-15T23:30:00+13:00"]

    # Monday 9 - Sunday 15 holds the Sunday set only; the next week the Monday one only
    this_week = me.get("/volume", params={"week": "2026-11-15"}).json()
    next_week = me.get("/volume", params={"week": "2026-11-16"}).json()
    assert (this_week["week_start"], this_week["sets_counted"]) == ("2026-11-09", 1)
    assert (next_week["week_start"], next_week["sets_counted"]) == ("2026-11-16", 1)


def test_a_set_at_23_30_in_auckland_is_the_last_session_when_the_next_days_loads_are_set(
    api: Api,
) -> None:
    me = api.lifter(timezone="Pacific/Auckland")
    me.put("/profile", json={
        "units": "kg", "goal": "strength", "experience": "novice",
        "training_days": ["mon", "tue"], "minutes_per_session": 60, "equipment": ["full-gym"],
    }).raise_for_status()
    session = Session("mon", (Slot(BENCH, 3, 3, 5, 2, 180),))
    plan = StoredPlan(
        id=0, name="Bench block", template=None, created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        start_date=dt.date(2026, 11, 9), active=True,
        mesocycle=Mesocycle((WeekPlan((session, Session("tue", session.slots))),)),
        session_names=(("Mon", "Tue"),),
    )
    with api.rt.uow(me.user_id) as uow:
        uow.plans.add(plan)
        uow.commit()
    for _ in range(3):  # Monday 23:30 local is 10:30 UTC the same Monday
        me.log_set(BENCH, 100, 5, "2026-11-09T23:30:00")
    tuesday = me.get("/today", params={"date": "2026-11-10"})
    assert tuesday.status_code == 200, tuesday.text
    bench = tuesday.json()["exercises"][0]
    # novice barbell press, linear progression: 100 kg x 5 done on every set -> 102.5 kg
    assert bench["exercise"] == BENCH and bench["load"] == 102.5


def test_the_repeated_autumn_hour_keeps_each_offset_in_and_out(api: Api) -> None:
    me = api.lifter(timezone="Europe/Berlin")
    first = me.log_set(BENCH, 100, 5, "2026-10-25T02:30:00+02:00")
    second = me.log_set(BENCH, 100, 4, "2026-10-25T02:30:00+01:00")
    naive = me.log_set(BENCH, 100, 3, "2026-10-25T02:30:00")  # ambiguous: the first one
    assert first["performed_at"] == "2026-10-25T02:30:00+02:00"
    assert second["performed_at"] == "2026-10-25T02:30:00+01:00"
    assert naive["performed_at"] == "2026-10-25T02:30:00+02:00"
    listed = me.get("/log/sets", params={"since": "2026-10-25T00:00:00Z"}).json()["items"]
    assert [(x["reps"], x["performed_at"]) for x in listed] == [
        (4, "2026-10-25T02:30:00+01:00"),  # newest first: 01:30 UTC
        (3, "2026-10-25T02:30:00+02:00"),  # 00:30 UTC twice: the later id first
        (5, "2026-10-25T02:30:00+02:00"),
    ]


def test_a_time_in_the_skipped_spring_hour_comes_back_after_the_gap(api: Api) -> None:
    me = api.lifter(timezone="Europe/Berlin")
    s = me.log_set(BENCH, 100, 5, "2026-03-29T02:30:00")
    assert s["performed_at"] == "2026-03-29T03:30:00+02:00"
