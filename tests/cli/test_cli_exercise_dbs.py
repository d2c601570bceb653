"""Public exercise databases into the user's own catalog."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from spotter.cli.app import app
from spotter.interchange.exercise_dbs import from_free_exercise_db, from_wger

runner = CliRunner()
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "exercise-dbs"

FEDB = [
    {
        "id": "Zottman_Curl",
        "name": "Zottman Curl",
        "force": "pull",
        "level": "expert",
        "mechanic": "isolation",
        "equipment": "dumbbell",
        "primaryMuscles": ["biceps"],
        "secondaryMuscles": ["forearms"],
        "instructions": [
            "Stand up with a dumbbell in each hand.",
            "Curl the weights up while exhaling.",
            "Slowly lower the dumbbells back down.",
        ],
        "category": "strength",
        "images": [],
    },
    {
        "id": "Lying_Hamstring_Stretch",
        "name": "Lying Hamstring Stretch",
        "force": None,
        "level": "beginner",
        "mechanic": None,
        "equipment": None,
        "primaryMuscles": ["hamstrings"],
        "secondaryMuscles": [],
        "instructions": ["Lie down."],
        "category": "stretching",
        "images": [],
    },
    {
        "id": "Arnold_Press_X",
        "name": "Seated Arnold Press",
        "force": "push",
        "level": "intermediate",
        "mechanic": "compound",
        "equipment": "dumbbell",
        "primaryMuscles": ["shoulders"],
        "secondaryMuscles": ["triceps"],
        "instructions": ["Sit on a bench.", "Press the dumbbells up."],
        "category": "strength",
        "images": [],
    },
]


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_free_exercise_db_items_map_to_the_vocabularies() -> None:
    result = from_free_exercise_db(json.dumps(FEDB).encode())
    assert [s for s, _ in result.skipped] == ["Lying_Hamstring_Stretch"]
    zottman, arnold = result.entries
    f = zottman["facts"]
    assert zottman["slug"] == "fedb-zottman-curl"
    assert (f["primary"], f["secondary"], f["equipment"], f["load_type"]) == (
        ["biceps"],
        ["forearms"],
        ["dumbbell"],
        "dumbbell",
    )
    assert (f["pattern"], f["level"], f["source"], f["license"]) == (
        "elbow-flexion",
        "advanced",
        "free-exercise-db",
        "Unlicense (public domain)",
    )
    assert [s["phase"] for s in f["steps"]] == ["setup", "concentric", "eccentric"]
    # "shoulders" on a push is the front deltoid; "seated" in the name is the position
    assert arnold["facts"]["primary"] == ["front-delts"]
    assert (arnold["facts"]["pattern"], arnold["facts"]["position"]) == ("vertical-push", "seated")


def test_wger_fixtures_keep_licence_author_and_aliases() -> None:
    files = {
        "exercise-base-data.json": [
            {
                "model": "exercises.exercise",
                "pk": 7,
                "fields": {
                    "license": 1,
                    "license_author": "someone",
                    "category": 12,
                    "muscles": [12],
                    "muscles_secondary": [1, 3],
                    "equipment": [12],
                },
            },
            {
                "model": "exercises.exercise",
                "pk": 8,
                "fields": {
                    "license": 1,
                    "category": 15,
                    "muscles": [],
                    "muscles_secondary": [],
                    "equipment": [],
                },
            },
        ],
        "translations.json": [
            {
                "model": "exercises.translation",
                "pk": 70,
                "fields": {
                    "exercise": 7,
                    "language": 2,
                    "name": "Lat Pull Down",
                    "description": "<p>Sit at the machine.</p><p>Pull the bar down to your chest. Slowly return it.</p>",
                    "license_author": "translator",
                },
            },
            {
                "model": "exercises.alias",
                "pk": 1,
                "fields": {"translation": 70, "alias": "Lat pulldown"},
            },
        ],
        "licenses.json": [
            {"model": "core.license", "pk": 1, "fields": {"short_name": "CC-BY-SA 3"}}
        ],
    }
    result = from_wger({k: json.dumps(v).encode() for k, v in files.items()})
    (entry,) = result.entries
    f, t = entry["facts"], entry["text"]["en"]
    assert entry["slug"] == "wger-7-lat-pull-down"
    assert (f["primary"], f["secondary"], f["equipment"]) == (
        ["lats"],
        ["biceps"],
        ["cable-machine"],
    )  # serratus dropped
    assert (f["pattern"], f["license"], f["author"], f["source"]) == (
        "vertical-pull",
        "CC-BY-SA 3",
        "translator",
        "wger",
    )
    assert t["aliases"] == ["Lat pulldown"]
    assert [s["text"] for s in t["steps"].values()] == [
        "Sit at the machine.",
        "Pull the bar down to your chest.",
        "Slowly return it.",
    ]
    assert result.skipped == (("8", "category Cardio: not a strength exercise"),)


def test_import_writes_the_user_catalog_and_never_touches_builtins(
    tmp_path: Path, isolated_home: Path
) -> None:
    f = tmp_path / "fedb.json"
    f.write_text(json.dumps(FEDB))
    r = run("exercises", "import", "free-exercise-db", str(f), "--format", "json")
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    assert (report["written"], report["replaced"]) == (2, 0)
    assert report["entries_with_findings"] == 2  # e.g. no cues, no faults: lint says what to add
    shown = json.loads(run("exercises", "show", "fedb-zottman-curl", "--format", "json").stdout)
    assert (shown["source"], shown["license"]) == ("free-exercise-db", "Unlicense (public domain)")
    # re-importing replaces its own entries and adds nothing new
    again = json.loads(
        run("exercises", "import", "free-exercise-db", str(f), "--format", "json").stdout
    )
    assert (again["written"], again["replaced"]) == (2, 2)
    assert len(list((isolated_home / "data" / "exercises").glob("*.yaml"))) == 2
    # the built-in catalog is unchanged
    assert (
        json.loads(run("exercises", "show", "stepback-pulldown", "--format", "json").stdout)[
            "source"
        ]
        == "builtin"
    )


def test_the_real_databases_import_with_every_item_accounted_for() -> None:
    import pytest

    if not SHARED.exists():
        pytest.skip("shared exercise databases are absent")
    raw = json.loads((SHARED / "free-exercise-db.json").read_text())
    strength = [x for x in raw if x["category"] not in ("stretching", "cardio")]
    usable = [x for x in strength if x["primaryMuscles"] and x["instructions"]]
    result = from_free_exercise_db((SHARED / "free-exercise-db.json").read_bytes())
    assert len(result.entries) == len(usable)
    assert len(result.entries) + len(result.skipped) == len(raw) == 873
    wger = from_wger({p.name: p.read_bytes() for p in (SHARED / "wger").glob("*.json")})
    bases = json.loads((SHARED / "wger" / "exercise-base-data.json").read_text())
    assert len(wger.entries) + len(wger.skipped) == len(bases) == 872
    assert all(e["facts"]["license"] for e in wger.entries)
