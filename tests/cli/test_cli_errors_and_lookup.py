"""The issue's reported failures, each reproduced: bad paths and drivers, absurd numbers, lookup.

Every error must say what, where and what was expected, exit 1 or 2 without a traceback, and leave
the database and the file system as they were.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("catalog-cache")


@pytest.fixture(autouse=True)
def _one_catalog_cache(
    isolated_home: Path, shared_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog's parse cache is shared by this module's tests (it is built once)."""
    monkeypatch.setenv("SPOTTER_CACHE_DIR", str(shared_cache))


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory, shared_cache: Path) -> Path:
    path = tmp_path_factory.mktemp("seed") / "spotter.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPOTTER_CACHE_DIR", str(shared_cache))
        mp.setenv("SPOTTER_DATA_DIR", str(path.parent / "data"))
        assert run("--db", str(path), "init", "--defaults").exit_code == 0
        r = run("--db", str(path), "log", "squat 100kg 5,5,5", "--date", "2026-11-20")
        assert r.exit_code == 0, r.output
    return path


@pytest.fixture
def db(seed_db: Path, tmp_path: Path) -> Path:
    """A database with a profile and three sets of squats, 100 kg x 5."""
    path = tmp_path / "spotter.db"
    shutil.copyfile(seed_db, path)
    return path


# --- bad paths --------------------------------------------------------------------------------


def test_progress_plot_into_a_missing_folder_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "squat.png"
    r = run("--db", str(db), "progress", "squat", "--plot", str(target))
    assert r.exit_code == 1
    assert "does not exist" in r.stderr and str(target.parent) in r.stderr
    assert not target.parent.exists()


def test_progress_plot_onto_a_folder_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "chart.png"
    folder.mkdir()
    r = run("--db", str(db), "progress", "squat", "--plot", str(folder))
    assert r.exit_code == 1 and "is a folder" in r.stderr


def test_an_output_onto_a_pipe_is_refused_and_through_a_link_replaces_the_file(
    tmp_path: Path,
) -> None:
    import os

    import typer

    from spotter.cli.common import write_output

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(typer.Exit):
        write_output(pipe, "x")  # renaming over it would replace the pipe (or a device)
    assert pipe.is_fifo()
    real, link = tmp_path / "real.csv", tmp_path / "link.csv"
    real.write_text("old")
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "pipe", "real.csv"]


def test_exercises_draft_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Kneeling Cable Crunch Hold\n\nAn isolation exercise for the abs with a cable machine "
        "and a rope. Kneel facing the machine and curl your spine down, exhaling.\n"
    )
    target = tmp_path / "nowhere" / "entry.yaml"
    r = run("exercises", "draft", str(page), "-o", str(target))
    assert r.exit_code == 1
    assert "does not exist" in r.stderr and "Traceback" not in r.output
    assert not target.parent.exists()


@pytest.mark.skipif(
    importlib.util.find_spec("psycopg") is not None, reason="the PostgreSQL driver is installed"
)
def test_a_postgresql_url_without_its_driver_says_which_package_to_install() -> None:
    r = run("--db", "postgresql://coach@localhost/spotter", "profile")
    assert r.exit_code == 1
    assert "pip install psycopg" in r.stderr and "not installed" in r.stderr


def test_a_database_folder_that_cannot_be_created_is_a_clear_error() -> None:
    r = run("--db", "/proc/spotter-test/spotter.db", "profile")
    assert r.exit_code == 1 and "/proc/spotter-test" in r.stderr


# --- absurd numbers -----------------------------------------------------------------------------


def test_calibrate_refuses_an_absurd_load_naming_field_value_and_range(db: Path) -> None:
    before = db.read_bytes()
    r = run("--db", str(db), "calibrate", "squat", "--load", "99999999kg", "--reps", "5", "--rpe", "8")
    assert r.exit_code == 1
    assert "load 99999999 kg is outside the plausible range -250 to 1000 kg" in r.stderr
    assert db.read_bytes() == before


def test_calibrate_keeps_a_true_outlier_with_the_override(db: Path) -> None:
    args = ("--db", str(db), "calibrate", "leg press", "--load", "1200kg", "--reps", "1", "--rpe", "10")
    refused = run(*args)
    assert refused.exit_code == 1 and "--allow-outlier" in refused.stderr
    r = run(*args, "--allow-outlier", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["e1rm_kg"] == pytest.approx(1200)  # RTS: 1 rep @10 is 100 %


def test_a_1e308_load_already_in_the_database_is_left_out_of_progress_with_a_warning(
    db: Path,
) -> None:
    # a database written before the limits existed: one set holds 1e308 kg
    with sqlite3.connect(db) as conn:
        (table,) = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%load_kg%' "
            "AND sql LIKE '%reps%' ORDER BY name LIMIT 1"
        ).fetchone()
        conn.execute(f"UPDATE {table} SET load_kg = 1e308 WHERE rowid = (SELECT min(rowid) FROM {table})")
    r = run("--db", str(db), "progress", "squat", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert "Left out 1 set" in r.stderr and "1e+308" in r.stderr
    sessions = json.loads(r.stdout)["barbell-back-squat"]["sessions"]
    # the two remaining sets of 100 kg x 5 give an e1RM of 100 / (1.0278 - 0.0278 x 5) (Brzycki)
    assert sessions[0]["e1rm_kg"] == pytest.approx(100 * 36 / (37 - 5), rel=1e-3)
    assert run("--db", str(db), "progress").exit_code == 0


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("calc", "e1rm", "99999999", "5"), "load 99999999 kg"),
        (("calc", "e1rm", "100", "99999"), "reps 99999"),
        (("calc", "e1rm", "1e308", "5", "--allow-outlier"), "load 1e+308 kg"),
        (("calc", "load", "--e1rm", "5000", "--reps", "5", "--rpe", "8", "-u", "lb"), "load 5000 lb"),
    ],
)
def test_calculators_refuse_absurd_numbers(args: tuple[str, ...], field: str) -> None:
    r = run(*args)
    assert r.exit_code == 1
    assert f"{field} is outside the plausible range" in r.stderr


def test_a_heavy_but_possible_e1rm_passes_with_the_override() -> None:
    r = run("calc", "load", "--e1rm", "1200", "--reps", "5", "--rpe", "8", "--allow-outlier", "-f", "json")
    assert r.exit_code == 0, r.stderr
    # RTS chart: 5 reps @8 is 81.1 % of 1RM
    assert json.loads(r.stdout)["load"] == pytest.approx(1200 * 0.811, abs=0.5)


@pytest.mark.parametrize(
    "args",
    [
        ("volume", "--week", "9999-12-31"),
        ("recovery", "--at", "9999-12-31 23:59"),
        ("recovery", "--at", "0001-01-01"),
        ("today", "--date", "9999-12-31"),
    ],
)
def test_a_date_no_query_can_mean_is_a_clear_error(db: Path, args: tuple[str, ...]) -> None:
    # 9999-12-31 plus a week overflowed Python's dates (a traceback before)
    r = run("--db", str(db), *args)
    assert r.exit_code == 1
    assert f"{args[1]} {args[2][:10]} is outside the plausible range 1900-01-01 to" in r.stderr


@pytest.mark.parametrize("command", ["history", "bodyweight", "batches"])
def test_a_huge_limit_lists_everything_instead_of_a_traceback(db: Path, command: str) -> None:
    # 10^30 overflowed SQLite's integers; the limit is clamped to a million
    r = runner.invoke(app, ["--db", str(db), command, "--limit", str(10**30), "--format", "json"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code == 0, r.output
    if command == "history":
        assert len(json.loads(r.stdout)) == 3


# --- lookup -------------------------------------------------------------------------------------


def _slug(*args: str) -> str:
    r = run("exercises", "show", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return str(json.loads(r.stdout)["slug"])


def test_an_alias_works_where_a_slug_does() -> None:
    assert _slug("lat pulldown") == "seated-lat-pulldown"
    r = run("exercises", "alternatives", "lat pulldown", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)


@pytest.mark.parametrize(
    ("abbreviation", "slug"),
    [
        ("bp", "barbell-bench-press"),
        ("ohp", "barbell-overhead-press"),
        ("rdl", "romanian-deadlift"),
        ("dl", "conventional-deadlift"),
        ("sldl", "romanian-deadlift"),  # the catalog keeps the stiff-leg deadlift as its variation
    ],
)
def test_the_usual_abbreviations_are_aliases(abbreviation: str, slug: str) -> None:
    assert _slug(abbreviation) == slug
    found = json.loads(run("exercises", "search", abbreviation, "--format", "json").stdout)
    assert found[0]["slug"] == slug


BACK = {"lats", "rhomboids", "middle-traps", "lower-traps", "upper-traps", "erector-spinae"}
GROUPS = {
    "back": BACK,
    "legs": {"quads", "hamstrings", "adductors", "calves", "glutes", "abductors"},
    "shoulders": {"front-delts", "side-delts", "rear-delts", "rotator-cuff"},
    "arms": {"biceps", "brachialis", "triceps", "forearms"},
    "core": {"abs", "obliques"},
}


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_muscle_groups_work_as_filters(group: str) -> None:
    r = run("exercises", "list", "--muscle", group, "--format", "json")
    assert r.exit_code == 0, r.stderr
    found = json.loads(r.stdout)
    assert len(found) >= 5
    for e in found:
        assert GROUPS[group] & set(e["primary_muscles"] + e["secondary_muscles"]), e["slug"]


def test_the_back_filter_finds_pulldowns_and_deadlifts_and_no_biceps_curl() -> None:
    slugs = {e["slug"] for e in json.loads(run("exercises", "list", "-m", "back", "-f", "json").stdout)}
    assert {"seated-lat-pulldown", "conventional-deadlift", "barbell-bent-over-row"} <= slugs
    assert "dumbbell-curl" not in slugs


@pytest.mark.parametrize("args", [("search", "zzzz"), ("list", "--muscle", "neck", "--level", "advanced")])
def test_the_exit_code_does_not_depend_on_the_format(args: tuple[str, ...]) -> None:
    codes = {fmt: run("exercises", *args, "--format", fmt).exit_code for fmt in ("table", "json", "markdown")}
    assert set(codes.values()) == {1}, codes


@pytest.mark.parametrize(
    "args",
    [
        ("exercises", "search", "bench", "--format", "xml"),
        ("exercises", "show", "bp", "--format", "yaml"),
        ("profile", "--format", "xml"),
        ("init", "--defaults", "--format", "csv"),
        ("calibrate", "squat", "--load", "100", "--reps", "5", "--rpe", "8", "--format", "xml"),
        ("progress", "--format", "html"),
        ("volume", "--format", "html"),
        ("recovery", "--format", "html"),
        ("next", "squat", "--format", "html"),
    ],
)
def test_an_unknown_format_is_a_usage_error(args: tuple[str, ...]) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert "--format" in r.stderr


# --- interactive init ---------------------------------------------------------------------------


def test_interactive_init_asks_again_at_once_after_a_bad_answer(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spotter.cli.setup

    monkeypatch.setattr(spotter.cli.setup, "_stdin_is_terminal", lambda: True)
    answers = [
        "lb",
        "strenght",  # typo at question two: asked again right away
        "strength",
        "",  # default experience
        "mon,wed,fry",
        "mon,wed,fri,sat",
        "500",
        "75",
        "home-dumbels",
        "home-dumbbells",
    ]
    r = run("--db", str(db), "init", "--format", "json", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.count("Goal (") == 2 and r.stdout.count("Training days") == 2
    assert "'strenght' is not one of" in r.stdout and "500 is outside 10-240" in r.stdout
    saved = json.loads(run("--db", str(db), "profile", "--format", "json").stdout)
    assert saved["units"] == "lb" and saved["goal"] == "strength"
    assert saved["experience"] == "novice" and saved["minutes_per_session"] == 75
    assert saved["training_days"] == ["mon", "wed", "fri", "sat"]
    assert saved["equipment"] == ["adjustable-bench", "bench", "dumbbell", "mat"]
