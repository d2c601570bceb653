"""Exports: JSON restores into a fresh database, CSV is one row per set, Strong CSV reimports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def history(*db: str) -> list[dict]:  # type: ignore[type-arg]
    return json.loads(run(*db, "history", "--format", "json", "--limit", "1000").stdout)  # type: ignore[no-any-return]


@pytest.fixture
def logged() -> None:
    run("init", "--defaults", "--units", "lb", "--goal", "strength")
    run("log", "squat 60kg 5 warm-up 100kg 3x5 @8", "--date", "2026-11-20 18:00")
    run("log", "bench 185lb 5,5,4 @9", "--date", "2026-11-21 18:00")
    run("log", "plank 2x45s", "--date", "2026-11-21 18:00")
    run("bodyweight", "180lb", "--date", "2026-11-21")


@pytest.mark.usefixtures("logged")
def test_json_export_restores_the_same_data_into_a_fresh_database(tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    assert run("export", "json", str(out)).exit_code == 0
    fresh = ("--db", str(tmp_path / "fresh.db"))
    r = run(*fresh, "import", "spotter", str(out))
    assert r.exit_code == 0, r.stderr
    assert history(*fresh) == history()
    assert json.loads(run(*fresh, "profile", "--format", "json").stdout) == json.loads(
        run("profile", "--format", "json").stdout
    )
    assert json.loads(run(*fresh, "bodyweight", "--format", "json").stdout) == json.loads(
        run("bodyweight", "--format", "json").stdout
    )
    # restoring twice is refused and changes nothing
    r = run(*fresh, "import", "auto", str(out))
    assert r.exit_code == 1 and "fresh database" in r.stderr
    assert len(history(*fresh)) == 9


@pytest.mark.usefixtures("logged")
def test_csv_export_is_one_row_per_set_in_kilograms(tmp_path: Path) -> None:
    out = tmp_path / "sets.csv"
    run("export", "csv", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 9
    bench = [r for r in rows if r["exercise"] == "Barbell Bench Press"]
    assert [float(r["load_kg"]) for r in bench] == [185 * 0.45359237] * 3  # exact: repr round-trips
    assert [r["set_type"] for r in rows[:4]] == ["warm-up", "working", "working", "working"]
    assert [r["seconds"] for r in rows if r["exercise"] == "Plank"] == ["45", "45"]


@pytest.mark.usefixtures("logged")
def test_strong_export_reimports_to_the_same_sets(tmp_path: Path) -> None:
    out = tmp_path / "strong.csv"
    run("export", "strong", str(out), "--unit", "lb")
    other = ("--db", str(tmp_path / "other.db"))
    r = run(*other, "import", "strong", str(out), "--unit", "lb", "--format", "json")
    assert r.exit_code == 0, r.stderr
    back = history(*other)
    mine = history()
    assert [s["exercise"] for s in back] == [s["exercise"] for s in mine]
    for a, b in zip(back, mine, strict=True):
        assert a["reps"] == b["reps"] and a["rpe"] == b["rpe"] and a["set_type"] == b["set_type"]
        if b["load_kg"] is not None:
            assert a["load_kg"] == pytest.approx(b["load_kg"], abs=1e-9)


def test_export_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    out.write_text("keep me")
    r = run("export", "json", str(out))
    assert r.exit_code == 1 and "--force" in r.stderr
    assert out.read_text() == "keep me"


@pytest.mark.usefixtures("logged")
def test_export_into_a_missing_folder_or_onto_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    for target in (tmp_path / "missing" / "x.json", tmp_path):
        r = runner.invoke(app, ["export", "json", str(target)])
        assert r.exception is None or isinstance(r.exception, SystemExit)
        assert r.exit_code == 1
        assert r.stderr.startswith("Error:") and "Traceback" not in r.output
    assert not (tmp_path / "missing").exists()
