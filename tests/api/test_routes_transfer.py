"""Importing another app's file by upload, confirming names, exporting and restoring."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routes_kit import Api, Lifter, is_problem, open_api

STRONG = (
    "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n"
    "2017-03-01 18:00:00,Push,Bench Press (Barbell),1,135,8,0,0,,\n"
    "2017-03-01 18:00:00,Push,Bench Press (Barbell),2,155,5,0,0,,\n"
    "2017-03-01 18:00:00,Push,Moonwalk Press,1,20,10,0,0,,\n"
    "2017-03-01 18:00:00,Push,Bench Press (Barbell),3,heavy,5,0,0,,\n"
)
KG_PER_LB = 0.45359237


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    yield from open_api(db_url, tmp_path, catalog)


def upload(me: Lifter, text: str, **form: str) -> Any:
    return me.post("/imports", files={"file": ("strong.csv", text.encode(), "text/csv")}, data=form)


def test_an_uploaded_strong_file_is_imported_once_with_a_report(api: Api) -> None:
    me = api.lifter(units="lb")
    r = upload(me, STRONG)
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["format"], report["sets_in_file"], report["new_sets"]) == ("strong-legacy", 3, 3)
    assert [row["line"] for row in report["skipped"] + report["refused"]] == [5]  # "heavy"
    names = {n["source"]: n for n in report["names"]}
    assert names["Bench Press (Barbell)"]["slug"] == "barbell-bench-press"
    assert names["Moonwalk Press"]["slug"] is None  # kept as written
    sets = me.get("/log/sets", params={"exercise": "barbell bench press"}).json()["items"]
    assert sorted(s["load"] for s in sets) == [135.0, 155.0]  # the lifter's pounds
    again = upload(me, STRONG).json()
    assert (again["new_sets"], again["already_present"]) == (0, 3)
    assert len(me.get("/log/sets").json()["items"]) == 3


def test_a_confirmed_name_repoints_the_sets_already_imported(api: Api) -> None:
    me = api.lifter(units="lb")
    upload(me, STRONG)
    r = upload(me, STRONG, mapping=json.dumps({"Moonwalk Press": "barbell-overhead-press"}))
    assert r.json()["remapped"] == 1 and r.json()["new_sets"] == 0
    press = me.get("/log/sets", params={"exercise": "barbell-overhead-press"}).json()["items"]
    assert [s["load"] for s in press] == [20.0]


def test_a_dry_run_stores_nothing_and_a_bad_upload_names_the_field(api: Api) -> None:
    me = api.lifter(units="lb")
    assert upload(me, STRONG, dry_run="true").json()["new_sets"] == 3
    assert me.get("/log/sets").json()["items"] == []
    assert is_problem(upload(me, "name,weight\nx,1\n"), 422, "body.file")
    assert is_problem(upload(me, STRONG, mapping="[1, 2]"), 422, "body.mapping")
    assert is_problem(upload(me, STRONG, format="hevy"), 422, "body.format")
    assert is_problem(upload(me, STRONG, mapping=json.dumps({"Moonwalk Press": "no-such-lift"})),
                      422, "body.mapping")
    assert me.get("/log/sets").json()["items"] == []


def test_the_json_export_restores_into_another_lifter_and_the_csv_has_a_row_per_set(
    api: Api,
) -> None:
    me, other = api.lifter("me"), api.lifter("other", units=None)
    me.log_set("barbell-back-squat", 100, 5, "2026-11-20T18:00:00")
    me.log_set("barbell-back-squat", 105, 5, "2026-11-22T18:00:00")
    exported = me.get("/export")
    assert exported.headers["content-type"].startswith("application/json")
    doc = exported.json()
    assert doc["spotter_export"] == 2 and len(doc["sets"]) == 2
    rows = list(csv.DictReader(io.StringIO(me.get("/export", params={"format": "csv"}).text)))
    assert [float(r["load_kg"]) for r in rows] == [100.0, 105.0]
    restored = other.post("/imports", files={"file": ("b.json", exported.content, "application/json")})
    assert restored.status_code == 200, restored.text
    assert restored.json()["restored"]["sets"] == 2
    assert sorted(s["load"] for s in other.get("/log/sets").json()["items"]) == [100.0, 105.0]


def test_exercise_files_restored_for_a_lifter_are_in_that_lifters_catalog_only(
    api: Api,
) -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "seed-mixed-pulldown.yaml"
    doc = {"spotter_export": 2, "user_exercises": {"seed-mixed-pulldown": fixture.read_text()}}
    me, other = api.lifter("restorer", units=None), api.lifter("bystander")
    assert me.get("/exercises/seed-mixed-pulldown").status_code == 404
    restored = me.post("/imports", files={"file": ("b.json", json.dumps(doc).encode(), "application/json")})
    assert restored.status_code == 200, restored.text
    shown = me.get("/exercises/seed-mixed-pulldown")
    assert shown.status_code == 200 and shown.json()["slug"] == "seed-mixed-pulldown"
    me.log_set("seed-mixed-pulldown", 40, 10, "2026-11-20T18:00:00")  # loggable by its owner
    assert other.get("/exercises/seed-mixed-pulldown").status_code == 404
