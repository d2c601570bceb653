"""`spotter import` as a person uses it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

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
