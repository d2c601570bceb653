"""Progress, volume, recovery, bodyweight and next over HTTP, against hand arithmetic."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routes_kit import Api, is_problem, open_api

SQUAT = "barbell-back-squat"
KG_PER_LB = 0.45359237


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    yield from open_api(db_url, tmp_path, catalog)


def test_progress_estimates_the_one_rep_max_with_the_published_formulas(api: Api) -> None:
    me = api.lifter()
    me.log_set(SQUAT, 100, 5, "2026-11-02T18:00:00")
    me.log_set(SQUAT, 100, 12, "2026-11-09T18:00:00")
    body = me.get("/progress", params={"exercise": "back squat"}).json()
    assert body["unit"] == "kg"
    (squat,) = body["exercises"]
    e1rms = [p["e1rm"] for p in squat["sessions"]]
    # Brzycki up to 10 reps: 100 * 36 / (37 - 5) = 112.5; Epley past it: 100 * (1 + 12/30) = 140
    assert e1rms == pytest.approx([112.5, 140.0], abs=0.01)
    assert squat["records"]["best_e1rm"] == pytest.approx(140.0, abs=0.01)
    assert squat["records"]["best_volume"] == pytest.approx(1200.0)  # 100 kg x 12
    assert squat["records"]["best_reps_at_load"] == [{"load": 100.0, "reps": 12}]


def test_progress_is_in_pounds_for_a_lifter_who_lifts_in_pounds(api: Api) -> None:
    me = api.lifter(units="lb")
    me.log_set(SQUAT, 225, 5, "2026-11-02T18:00:00")
    (squat,) = me.get("/progress").json()["exercises"]
    assert squat["sessions"][0]["e1rm"] == pytest.approx(225 * 36 / 32, abs=0.01)  # 253.125 lb


def test_a_bodyweight_exercise_counts_the_body_when_a_bodyweight_is_recorded(api: Api) -> None:
    me = api.lifter()
    r = me.post("/bodyweight", json={"value": 80, "measured_at": "2026-11-01T07:00:00"})
    assert r.status_code == 201, r.text
    me.log_set("pull-up", 10, 5, "2026-11-02T18:00:00")
    (pull,) = me.get("/progress", params={"exercise": "pull-up"}).json()["exercises"]
    assert pull["body_included"] is True
    # body 80 + added 10 = 90 kg x 5: Brzycki 90 * 36 / 32 = 101.25
    assert pull["sessions"][0]["e1rm"] == pytest.approx(101.25, abs=0.01)


def test_weekly_volume_counts_a_primary_muscle_whole_and_a_secondary_half(api: Api) -> None:
    me = api.lifter()
    for i in range(3):
        me.log_set(SQUAT, 100, 5, f"2026-11-20T18:0{i}:00")
    me.log_set(SQUAT, 100, 5, "2026-11-24T18:00:00")  # the next week
    body = me.get("/volume", params={"week": "2026-11-18"}).json()
    assert body["week_start"] == "2026-11-16"  # the Monday
    assert body["sets_counted"] == 3
    rows = {m["muscle"]: m["sets"] for m in body["muscles"]}
    assert rows["quads"] == 3.0  # primary
    assert rows["hamstrings"] == 1.5  # secondary: 3 x 0.5
    assert rows["chest"] == 0.0


def test_recovery_shows_trained_muscles_below_the_untrained(api: Api) -> None:
    me = api.lifter()
    for i in range(5):
        me.log_set(SQUAT, 140, 5, f"2026-11-20T18:0{i}:00", rpe=9.5)
    body = me.get("/recovery", params={"at": "2026-11-20T20:00:00"}).json()
    assert body["recovery"]["quads"] < body["recovery"]["chest"] == 100.0
    assert "chest" in body["ready"] and "quads" not in body["ready"]


def test_bodyweight_is_kept_in_the_lifters_unit_and_a_retry_stores_it_once(api: Api) -> None:
    me = api.lifter(units="lb")
    body = {"uuid": str(uuid.uuid4()), "value": 180, "measured_at": "2026-11-01T07:00:00"}
    assert me.post("/bodyweight", json=body).status_code == 201
    assert me.post("/bodyweight", json=body).status_code == 200
    items = me.get("/bodyweight").json()["items"]
    assert [(b["value"], b["unit"]) for b in items] == [(180.0, "lb")]
    assert is_problem(me.post("/bodyweight", json={"value": 2000}), 422, "body.value")


def test_next_raises_the_load_once_every_set_reaches_the_top_of_the_range(api: Api) -> None:
    me = api.lifter()
    assert is_problem(me.get(f"/next/{SQUAT}"), 404, "path.exercise")  # nothing logged yet
    low, top = me.get(f"/exercises/{SQUAT}").json()["rep_range"]
    for i in range(3):
        me.log_set(SQUAT, 100, low, f"2026-11-20T18:0{i}:00")
    stay = me.get(f"/next/{SQUAT}").json()
    assert (stay["load"], stay["unit"]) == (100.0, "kg"), stay["reason"]
    for i in range(3):
        me.log_set(SQUAT, 100, top, f"2026-11-23T18:0{i}:00")
    up = me.get(f"/next/{SQUAT}").json()
    assert up["load"] > 100.0, up["reason"]
    assert is_problem(me.get("/next/qqqxxzz"), 422, "path.exercise")
