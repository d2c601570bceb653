"""Imported exercise databases: every entry a novelty (staple 0) until a coach says otherwise,
and drills (balance, plyometric, stretching) marked so that plans leave them out."""

from __future__ import annotations

import json

import pytest

from conftest import shared_data
from spotter.interchange.exercise_dbs import from_free_exercise_db, from_wger

pytestmark = pytest.mark.shared_data


def test_free_exercise_db_drills_are_marked_and_the_classic_lifts_are_not() -> None:
    raw = shared_data("exercise-dbs", "free-exercise-db.json").read_bytes()
    result = from_free_exercise_db(raw)
    by_name = {e["text"]["en"]["name"]: e["facts"] for e in result.entries}
    # the two the issue saw in plans
    assert by_name["Balance Board"]["coaching"]["role"] == "drill"
    assert by_name["Linear 3-Part Start Technique"]["coaching"]["role"] == "drill"
    # every entry the source files under plyometrics is a drill
    plyo = {r["name"] for r in json.loads(raw) if r.get("category") == "plyometrics"}
    kept = plyo & set(by_name)
    assert kept and {by_name[n]["coaching"]["role"] for n in kept} == {"drill"}
    for lift in (
        "Barbell Squat", "Barbell Deadlift", "Pullups", "Barbell Bench Press - Medium Grip",
        "Standing Military Press", "Bent Over Barbell Row", "Wide-Grip Lat Pulldown",
    ):  # fmt: skip
        assert by_name[lift]["coaching"]["role"] in ("main", "secondary"), lift
    assert {f["coaching"]["staple"] for f in by_name.values()} == {0}


def test_wger_stretches_and_jumps_are_drills() -> None:
    folder = shared_data("exercise-dbs", "wger")
    files = {
        name: (folder / name).read_bytes()
        for name in ("exercise-base-data.json", "translations.json", "licenses.json")
    }
    by_name = {e["text"]["en"]["name"]: e["facts"] for e in from_wger(files).entries}
    drills = [n for n in by_name if "stretch" in n.lower() or "jump" in n.lower()]
    assert drills and {by_name[n]["coaching"]["role"] for n in drills} == {"drill"}
    assert {f["coaching"]["staple"] for f in by_name.values()} == {0}
