"""`spotter today`: the JSON shape, the text panels, and the errors a person can act on."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.planning.model.stored import StoredPlan
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork

runner = CliRunner()
START = dt.date(2026, 11, 2)  # a Monday


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def _profile(db: Path) -> None:
    r = run(
        "--db",
        str(db),
        "init",
        "--units",
        "kg",
        "--goal",
        "hypertrophy",
        "--experience",
        "novice",
        "--days",
        "mon,thu",
        "--minutes",
        "60",
        "--equipment",
        "full-gym",
        "--defaults",
    )
    assert r.exit_code == 0, r.stdout + r.stderr


def _plan(db: Path) -> None:
    def week(sets: int, deload: bool = False) -> WeekPlan:
        mon = Session(
            "mon",
            (
                Slot("barbell-bench-press", sets, 3, 5, 4 if deload else 2, 180),
                Slot("seated-lat-pulldown", sets, 8, 12, 4 if deload else 2, 120),
            ),
        )
        thu = Session("thu", (Slot("barbell-back-squat", sets, 3, 5, 2, 180),))
        return WeekPlan((mon, thu), deload=deload)

    plan = StoredPlan(
        id=0,
        name="Upper/lower test",
        template=None,
        created_at=dt.datetime(2026, 11, 1, 9),
        start_date=START,
        active=True,
        mesocycle=Mesocycle((week(3), week(3), week(2, deload=True))),
        session_names=(("Upper", "Lower"),) * 3,
    )
    with SqlUnitOfWork(open_engine(f"sqlite:///{db}")) as uow:
        uow.plans.add(plan)
        uow.commit()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a profile, a plan and last Monday's sets, built once through the CLI."""
    base = tmp_path_factory.mktemp("today")
    db = base / "seeded.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPOTTER_DATA_DIR", str(base / "data"))
        mp.setenv("SPOTTER_CACHE_DIR", str(base / "cache"))
        _profile(db)
        _plan(db)
        for line in ("bench 100kg 3x5", "seated lat pulldown 50kg 12,12,12"):
            r = run("--db", str(db), "log", line, "--date", "2026-11-02 18:00")
            assert r.exit_code == 0, r.stdout + r.stderr
    return db


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "spotter.db"
    monkeypatch.setenv("SPOTTER_DB", str(path))
    return path


@pytest.fixture
def ready(seeded: Path, db: Path) -> Path:
    shutil.copyfile(seeded, db)
    return db


def test_json_has_the_session_with_loads_plates_warm_ups_rest_and_tempo(ready: Path) -> None:
    r = run("today", "--date", "2026-11-09", "--format", "json")
    assert r.exit_code == 0, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["status"] == "training" and data["week"] == 2 and data["weeks"] == 3
    assert data["plan"] == "Upper/lower test" and data["session"] == "Upper"
    assert data["unit"] == "kg" and data["next_session"] == {"date": "2026-11-12", "day": "thu"}
    bench, pulldown = data["exercises"]
    # linear: 3 x 5 at 100 kg done -> 102.5 kg = 20 kg bar + 41.25 per side
    assert bench["exercise"] == "barbell-bench-press" and bench["load_kg"] == 102.5
    assert bench["loading"]["plates_per_side"] == [25, 15, 1.25] and bench["loading"]["bar"] == 20
    assert bench["sets"] == 3 and bench["reps"] == "5" and bench["target_rpe"] == 8
    assert [w["load_kg"] for w in bench["warmups"]] == [20, 40, 62.5, 82.5]
    assert bench["rest_seconds"] == 180 and bench["tempo"]["text"] == "3-1-1-0"
    assert bench["action"] == "keep" and bench["recovery"]["percent"] == 100
    # double progression: 12, 12, 12 at 50 kg -> 55 kg, pin 11 of a 5 kg stack
    assert pulldown["load_kg"] == 55 and pulldown["loading"]["pin"] == 11
    assert pulldown["rep_range"] == [8, 12] and pulldown["warmups"][0]["reps"] == 10
    assert set(bench) >= {
        "name",
        "planned",
        "planned_sets",
        "rule",
        "reason",
        "calibration",
        "set_plan",
        "measure",
        "rir",
    }


def test_text_shows_a_panel_per_exercise(ready: Path) -> None:
    r = run("today", "--date", "2026-11-09")
    assert r.exit_code == 0, r.stdout + r.stderr
    out = r.stdout
    assert "Upper/lower test" in out and "Barbell Bench Press" in out
    assert "102.5kg" in out and "25 + 15 + 1.25 per side" in out
    assert "pin 11" in out and "Rest 3 min" in out and "Tempo 3-1-1-0" in out
    assert "Warm-up:" in out


def test_no_history_is_a_calibration_step(ready: Path) -> None:
    data = json.loads(run("today", "--date", "2026-11-12", "--format", "json").stdout)
    (squat,) = data["exercises"]
    assert (
        squat["load_kg"] is None and "spotter calibrate barbell-back-squat" in squat["calibration"]
    )


def test_a_rest_day_and_the_end_of_the_plan(ready: Path) -> None:
    rest = json.loads(run("today", "--date", "2026-11-10", "--format", "json").stdout)
    assert rest["status"] == "rest" and rest["exercises"] == []
    assert rest["next_session"]["date"] == "2026-11-12"
    r = run("today", "--date", "2026-11-23")
    assert r.exit_code == 0 and "spotter plan new" in r.stdout


def test_without_a_profile_or_a_plan_it_says_what_to_run(db: Path) -> None:
    r = run("today")
    assert r.exit_code == 1 and "spotter init" in r.stderr
    _profile(db)
    r = run("today")
    assert r.exit_code == 1 and "spotter plan new" in r.stderr


def test_a_bad_date_is_refused(ready: Path) -> None:
    r = run("today", "--date", "2026-13-01")
    assert r.exit_code == 1 and "YYYY-MM-DD" in r.stderr


def test_help_has_an_example() -> None:
    r = run("today", "--help")
    assert r.exit_code == 0 and "Example" in r.stdout and "--format" in r.stdout
