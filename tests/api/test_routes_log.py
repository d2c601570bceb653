"""The training log over HTTP: retry-safe writes, pages, edits, deletes, batches and undo."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routes_kit import Api, is_problem, open_api


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    yield from open_api(db_url, tmp_path, catalog)


SQUAT = "barbell-back-squat"


def test_a_retried_set_with_the_same_uuid_is_stored_once_and_answered_200(api: Api) -> None:
    me = api.lifter()
    body = {
        "uuid": str(uuid.uuid4()),
        "exercise": "back squat",
        "load": 100,
        "reps": 5,
        "performed_at": "2026-11-20T18:00:00",
    }
    first = me.post("/log/sets", json=body)
    again = me.post("/log/sets", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert first.json()["exercise"] == SQUAT
    page = me.get("/log/sets").json()
    assert [s["uuid"] for s in page["items"]] == [body["uuid"]]


def test_a_whole_workout_is_one_batch_and_its_retry_stores_nothing_new(api: Api) -> None:
    me = api.lifter()
    sets = [
        {"uuid": str(uuid.uuid4()), "exercise": SQUAT, "load": 100, "reps": r,
         "performed_at": f"2026-11-20T18:0{i}:00"}
        for i, r in enumerate((5, 5, 4))
    ]
    body = {"uuid": str(uuid.uuid4()), "sets": sets}
    first = me.post("/log/workouts", json=body)
    again = me.post("/log/workouts", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["replayed"] is False and again.json()["replayed"] is True
    assert [s["reps"] for s in again.json()["sets"]] == [5, 5, 4]
    assert len(me.get("/log/sets").json()["items"]) == 3
    batches = me.get("/log/batches").json()["items"]
    assert [b["set_count"] for b in batches] == [3]


def test_paging_25_sets_by_10_gives_10_10_5_without_repeats_even_when_sets_arrive_between(
    api: Api,
) -> None:
    me = api.lifter()
    logged = [
        me.log_set(SQUAT, 60 + i, 5, f"2026-11-{1 + i:02d}T18:00:00")["uuid"] for i in range(25)
    ]
    seen: list[str] = []
    sizes = []
    cursor = None
    while True:
        params = {"limit": 10} | ({"cursor": cursor} if cursor else {})
        page = me.get("/log/sets", params=params).json()
        sizes.append(len(page["items"]))
        seen += [s["uuid"] for s in page["items"]]
        if len(sizes) == 1:  # a newer set logged while the client pages does not shift pages
            me.log_set(SQUAT, 120, 3, "2026-11-30T18:00:00")
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sizes == [10, 10, 5]
    assert seen == list(reversed(logged))  # newest first, each once


def test_sets_filter_by_exercise_name_and_time(api: Api) -> None:
    me = api.lifter()
    me.log_set(SQUAT, 100, 5, "2026-11-02T18:00:00")
    me.log_set(SQUAT, 102.5, 5, "2026-11-09T18:00:00")
    me.log_set("barbell bench press", 80, 8, "2026-11-09T18:10:00")
    squats = me.get("/log/sets", params={"exercise": "back squat"}).json()["items"]
    assert [s["load"] for s in squats] == [102.5, 100]
    week = me.get(
        "/log/sets", params={"since": "2026-11-09T00:00:00", "until": "2026-11-10T00:00:00"}
    ).json()["items"]
    assert [s["exercise"] for s in week] == ["barbell-bench-press", SQUAT]


def test_loads_go_in_and_out_in_the_lifters_pounds(api: Api) -> None:
    me = api.lifter(units="lb")
    s = me.log_set(SQUAT, 225, 5, "2026-11-20T18:00:00")
    assert (s["load"], s["unit"], s["entered_unit"]) == (225.0, "lb", "lb")
    metric = me.log_set(SQUAT, 100, 5, "2026-11-21T18:00:00", unit="kg")
    assert (metric["load"], metric["unit"]) == (220.46, "lb")  # 100 / 0.45359237


def test_set_times_are_read_in_the_lifters_zone(api: Api) -> None:
    me = api.lifter(timezone="Europe/Berlin")
    s = me.log_set(SQUAT, 100, 5, "2026-11-20T17:00:00Z")
    assert s["performed_at"] == "2026-11-20T18:00:00+01:00"


def test_editing_a_set_changes_only_the_fields_given(api: Api) -> None:
    me = api.lifter()
    s = me.log_set(SQUAT, 100, 5, "2026-11-20T18:00:00", rpe=8)
    r = me.patch(f"/log/sets/{s['uuid']}", json={"reps": 6, "notes": "belt"})
    assert r.status_code == 200, r.text
    after = r.json()
    assert (after["reps"], after["notes"], after["load"], after["rpe"]) == (6, "belt", 100, 8)
    moved = me.patch(f"/log/sets/{s['uuid']}", json={"exercise": "front squat", "load": 80})
    assert (moved.json()["exercise"], moved.json()["load"]) == ("front-squat", 80)
    assert me.get(f"/log/sets/{s['uuid']}").json()["reps"] == 6


def test_a_deleted_set_is_gone_from_the_log_and_a_retry_of_it_conflicts(api: Api) -> None:
    me = api.lifter()
    s = me.log_set(SQUAT, 100, 5, "2026-11-20T18:00:00")
    assert me.delete(f"/log/sets/{s['uuid']}").status_code == 204
    assert is_problem(me.get(f"/log/sets/{s['uuid']}"), 404)
    assert me.get("/log/sets").json()["items"] == []
    retry = {"uuid": s["uuid"], "exercise": SQUAT, "load": 100, "reps": 5}
    assert is_problem(me.post("/log/sets", json=retry), 409, "body.uuid")


def test_an_entry_in_the_log_grammar_logs_a_superset_and_undo_takes_it_back(api: Api) -> None:
    me = api.lifter()
    r = me.post("/log/entries", json={"text": "bench 80kg 3x8 + pull-up 3x8",
                                     "performed_at": "2026-11-20T18:00:00"})
    assert r.status_code == 201, r.text
    sets = r.json()["sets"]
    assert [s["exercise"] for s in sets] == ["barbell-bench-press", "pull-up"] * 3
    assert {s["superset"] for s in sets} == {1}
    undone = me.post("/log/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"] is not None
    assert me.get("/log/sets").json()["items"] == []
    assert is_problem(me.post("/log/undo"), 404)


def test_a_batch_is_undone_by_number_once(api: Api) -> None:
    me = api.lifter()
    me.log_set(SQUAT, 100, 5, "2026-11-20T18:00:00")
    batch = me.get("/log/batches").json()["items"][0]["id"]
    assert me.post(f"/log/batches/{batch}/undo").status_code == 200
    assert is_problem(me.post(f"/log/batches/{batch}/undo"), 409)
    assert is_problem(me.post("/log/batches/999999/undo"), 404)


def test_bad_sets_are_refused_naming_the_field(api: Api) -> None:
    me = api.lifter()
    base = {"exercise": SQUAT, "load": 100, "reps": 5}
    assert is_problem(me.post("/log/sets", json={**base, "uuid": str(uuid.uuid4()), "reps": 0}),
                      422, "body.reps")
    assert is_problem(
        me.post("/log/sets", json={**base, "uuid": str(uuid.uuid4()), "load": 20000}),
        422, "body.load",
    )
    assert is_problem(
        me.post("/log/sets", json={**base, "uuid": str(uuid.uuid4()), "exercise": "qqqxxzz"}),
        422, "body.exercise",
    )
    assert is_problem(me.post("/log/sets", json={**base, "uuid": "not-a-uuid"}), 422, "body.uuid")
    assert me.get("/log/sets").json()["items"] == []  # nothing half-written


def test_another_lifters_set_does_not_exist_for_me(api: Api) -> None:
    me, other = api.lifter("me"), api.lifter("other")
    theirs = other.log_set(SQUAT, 140, 3, "2026-11-20T18:00:00")
    assert is_problem(me.get(f"/log/sets/{theirs['uuid']}"), 404)
    assert is_problem(me.delete(f"/log/sets/{theirs['uuid']}"), 404)
    assert me.get("/log/sets").json()["items"] == []
    assert len(other.get("/log/sets").json()["items"]) == 1


def test_an_entry_the_grammar_cannot_read_is_refused_on_the_text_and_a_retry_is_replayed(
    api: Api,
) -> None:
    me = api.lifter()
    assert is_problem(me.post("/log/entries", json={"text": "squat 3x5 100kg @banana"}), 422,
                      "body.text")
    assert is_problem(me.post("/log/entries", json={"text": "flibbertigibbet 3x5 100kg"}), 422,
                      "body.text")
    entry = {"text": "squat 2x5 100kg", "uuid": str(uuid.uuid4()),
             "set_uuids": [str(uuid.uuid4()), str(uuid.uuid4())]}
    first, again = me.post("/log/entries", json=entry), me.post("/log/entries", json=entry)
    assert (first.status_code, again.status_code) == (201, 200)
    assert [s["uuid"] for s in again.json()["sets"]] == entry["set_uuids"]
    assert is_problem(me.post("/log/entries", json={**entry, "uuid": str(uuid.uuid4()),
                                                    "set_uuids": entry["set_uuids"][:1]}),
                      422, "body.set_uuids")
    assert len(me.get("/log/sets").json()["items"]) == 2
