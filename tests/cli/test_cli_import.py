"""`spotter import` as a person uses it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()
STRONG_LEGACY = (
    "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n"
    "2017-03-01 18:00:00,Push,Bench Press (Barbell),1,135,8,0,0,,\n"
    "2017-03-01 18:00:00,Push,Bench Press (Barbell),2,155,5,0,0,,\n"
    "2017-03-01 18:00:00,Push,Moonwalk Press,1,20,10,0,0,,\n"
)


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_import_needs_the_unit_for_strong_comma_files_and_saves_nothing_without_it(
    tmp_path: Path,
) -> None:
    f = tmp_path / "strong.csv"
    f.write_text(STRONG_LEGACY)
    r = run("import", "auto", str(f))
    assert r.exit_code == 1 and "--unit" in r.stderr
    assert json.loads(run("history", "--format", "json").stdout) == []


def test_import_report_mapping_and_reimport(tmp_path: Path) -> None:
    f = tmp_path / "strong.csv"
    f.write_text(STRONG_LEGACY)
    names = tmp_path / "names.csv"
    r = run(
        "import", "strong", str(f), "--unit", "lb", "--write-map", str(names), "--format", "json"
    )
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    assert (report["sets_imported"], report["workouts"]) == (3, 1)
    sets = json.loads(run("history", "--format", "json").stdout)
    assert [round(s["load_kg"], 6) for s in sets] == [
        round(135 * 0.45359237, 6),
        round(155 * 0.45359237, 6),
        round(20 * 0.45359237, 6),
    ]
    rows = list(csv.DictReader(names.open()))
    assert {r["source_name"]: r["slug"] for r in rows} == {
        "Bench Press (Barbell)": "barbell-bench-press",
        "Moonwalk Press": "",
    }
    # the user maps the unknown name; a fresh database imports it as that exercise
    for row in rows:
        if row["source_name"] == "Moonwalk Press":
            row["slug"] = "barbell-overhead-press"
    with names.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    other = tmp_path / "other.db"
    r = run(
        "--db",
        str(other),
        "import",
        "auto",
        str(f),
        "--unit",
        "lb",
        "--map",
        str(names),
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    assert {n["source"]: n["method"] for n in json.loads(r.stdout)["names"]}[
        "Moonwalk Press"
    ] == "mapped"
    # importing the same file again adds nothing
    again = json.loads(run("import", "auto", str(f), "--unit", "lb", "--format", "json").stdout)
    assert (again["sets_imported"], again["already_present"]) == (0, 3)


def test_a_file_in_no_known_format_names_the_formats(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("when,what,how much\n2020-01-01,squat,100\n")
    r = run("import", "auto", str(f))
    assert r.exit_code == 1
    for name in ("Strong", "Hevy", "FitNotes", "Fitbod"):
        assert name.lower() in r.stderr.lower()


def test_the_profile_unit_is_used_for_files_without_one(tmp_path: Path) -> None:
    run("init", "--defaults", "--units", "lb")
    f = tmp_path / "strong.csv"
    f.write_text(STRONG_LEGACY)
    r = run("import", "auto", str(f), "--format", "json")
    assert r.exit_code == 0, r.stderr
    loads = [s["load_kg"] for s in json.loads(run("history", "--format", "json").stdout)]
    assert loads[0] == 135 * 0.45359237


def _db_hash(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_bad_write_map_path_fails_before_anything_is_saved(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run("--db", str(db), "init", "--defaults")
    before = _db_hash(db)
    f = tmp_path / "strong.csv"
    f.write_text(STRONG_LEGACY)
    for target in (tmp_path / "missing" / "m.csv", tmp_path):
        r = runner.invoke(
            app,
            ["--db", str(db), "import", "auto", str(f), "--unit", "lb", "--write-map", str(target)],
        )
        assert r.exit_code == 1, r.output
        assert r.exception is None or isinstance(r.exception, SystemExit)  # no traceback
        assert "--write-map" in r.stderr
        assert _db_hash(db) == before


def test_an_absurd_imported_weight_is_refused_and_progress_still_works(tmp_path: Path) -> None:
    f = tmp_path / "strong.csv"
    f.write_text(
        STRONG_LEGACY.splitlines()[0]
        + "\n2017-03-01 18:00:00,Push,Bench Press (Barbell),1,100,8,0,0,,\n"
        + "2017-03-01 18:00:00,Push,Bench Press (Barbell),2,1e308,5,0,0,,\n"
    )
    r = run("import", "auto", str(f), "--unit", "kg", "--format", "json")
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["sets_imported"] == 1
    assert [x["line"] for x in report["refused"]] == [3]
    p = runner.invoke(app, ["progress", "barbell-bench-press"])
    assert p.exit_code == 0, p.output
    assert p.exception is None


def test_a_bad_row_costs_that_row_and_the_report_lists_it(tmp_path: Path) -> None:
    f = tmp_path / "fitnotes.csv"
    f.write_text(
        "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n"
        "2016-02-01,Squat,Legs,225.0,5,,kg,\n"  # 'kg' in Distance Unit: read, not refused
        "2016-02-01,Squat,Legs,lots,5,,,\n"
        "2016-02-01,Squat,Legs,235.0,3,,,\n"
    )
    r = run("import", "auto", str(f))
    assert r.exit_code == 0, r.stderr
    assert "Imported 2 sets" in r.stdout
    assert "line 3: Weight (lbs): expected" in r.stdout


def test_a_bad_mapping_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    f = tmp_path / "strong.csv"
    f.write_text(STRONG_LEGACY)
    cases = {
        "binary.csv": b"\xff\xfe\x00junk",
        "columns.csv": b"name,target\nBench,barbell-bench-press\n",
        "short.csv": b"source_name,slug\nMoonwalk Press\n",
    }
    for name, content in cases.items():
        m = tmp_path / name
        m.write_bytes(content)
        r = runner.invoke(app, ["import", "auto", str(f), "--unit", "lb", "--map", str(m)])
        if name == "short.csv":  # a row without a slug maps nothing: the import goes on
            assert r.exit_code == 0, r.output
            continue
        assert r.exit_code == 1, r.output
        assert r.exception is None or isinstance(r.exception, SystemExit)
        assert "--map" in r.stderr


def test_the_dumbbell_per_side_press_is_not_stored_as_the_barbell_press(tmp_path: Path) -> None:
    f = tmp_path / "fitnotes.csv"
    f.write_text(
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n"
        "2025-04-29,Overhead Press (Each Side, Dumbbells),Shoulders,8.0,kgs,8,,,\n"
        "2025-04-29,Triceps Pushdown,Triceps,30.0,kgs,12,,,\n"
    )
    r = run("import", "auto", str(f), "--format", "json")
    assert r.exit_code == 0, r.stderr
    names = {n["source"]: n for n in json.loads(r.stdout)["names"]}
    assert names["Overhead Press (Each Side, Dumbbells)"]["slug"] is None
    assert names["Triceps Pushdown"]["slug"] is None
    stored = {s["exercise"]: s["load_kg"] for s in json.loads(run("history", "--format", "json").stdout)}
    assert stored == {
        "imported:Overhead Press (Each Side, Dumbbells)": 8.0,  # one dumbbell, as entered
        "imported:Triceps Pushdown": 30.0,
    }


def test_a_suggestion_accepted_at_the_question_is_applied_and_a_refused_one_is_not(
    tmp_path: Path,
) -> None:
    f = tmp_path / "fitnotes.csv"
    f.write_text(
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n"
        "2025-04-29,Overhead Press (Each Side, Dumbbells),Shoulders,8.0,kgs,8,,,\n"
        "2025-04-29,Triceps Pushdown,Triceps,30.0,kgs,12,,,\n"
    )
    # questions come in name order: the press first (yes), then the pushdown (no)
    r = runner.invoke(app, ["import", "auto", str(f), "--ask"], input="y\nn\n")
    assert r.exit_code == 0, r.output
    assert "seated-dumbbell-shoulder-press" in r.stdout
    stored = {s["exercise"] for s in json.loads(run("history", "--format", "json").stdout)}
    assert stored == {"seated-dumbbell-shoulder-press", "imported:Triceps Pushdown"}


def test_a_name_kept_as_imported_works_in_history_progress_and_next(tmp_path: Path) -> None:
    f = tmp_path / "hevy.csv"
    head = (
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
        '"duration_seconds","rpe"\n'
    )
    rows = [
        ("Chin Up (Assisted)", 0, 31.75, 10),
        ("Chin Up (Assisted)", 1, 18.14, 7),
        ("Triceps Pushdown", 0, 30, 12),
    ]
    f.write_text(
        head
        + "".join(
            f'"Back","14 Nov 2025, 17:41","14 Nov 2025, 18:25","","{n}",,"",{i},"normal",{w},{r},,,\n'
            for n, i, w, r in rows
        )
    )
    assert run("import", "auto", str(f)).exit_code == 0
    history = json.loads(run("history", "Chin Up (Assisted)", "--format", "json").stdout)
    assert [r["load_kg"] for r in history] == [-31.75, -18.14]
    progress = json.loads(run("progress", "triceps pushdown", "--format", "json").stdout)
    assert list(progress) == ["imported:Triceps Pushdown"]
    assert progress["imported:Triceps Pushdown"]["records"]["heaviest_kg"] == 30
    assisted = json.loads(run("progress", "chin up (assisted)", "--format", "json").stdout)
    assert list(assisted) == ["imported:Chin Up (Assisted)"]
    r = runner.invoke(app, ["next", "Chin Up (Assisted)"])
    assert r.exit_code == 1, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "kept as imported" in r.stderr and "--map" in r.stderr


def test_a_mapping_to_no_exercise_fails_and_leaves_the_database_byte_identical(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    run("--db", str(db), "init", "--defaults")
    before = _db_hash(db)
    f = tmp_path / "strong.csv"
    f.write_text(STRONG_LEGACY)
    m = tmp_path / "names.csv"
    m.write_text("source_name,slug\nMoonwalk Press,moonwalk-press\n")
    r = runner.invoke(app, ["--db", str(db), "import", "auto", str(f), "-u", "lb", "--map", str(m)])
    assert r.exit_code == 1, r.output
    assert "moonwalk-press" in r.stderr and "not in the catalog" in r.stderr
    assert _db_hash(db) == before


@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_a_distance_survives_a_strong_export_and_import(tmp_path: Path, unit: str) -> None:
    f = tmp_path / "fitnotes.csv"
    f.write_text(
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n"
        "2025-04-29,Running,Cardio,,,,5.0,km,0:30:00\n"
    )
    assert run("import", "auto", str(f)).exit_code == 0
    out = tmp_path / "strong.csv"
    assert run("export", "strong", str(out), "--unit", unit).exit_code == 0
    other = ("--db", str(tmp_path / "other.db"))
    assert run(*other, "import", "strong", str(out), "--unit", unit).exit_code == 0
    (s,) = json.loads(run(*other, "history", "--format", "json").stdout)
    assert (s["meters"], s["seconds"]) == (pytest.approx(5000.0), 1800.0)
