"""Logging sets: what is saved, what is refused, and that a refusal changes nothing."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def history() -> list[dict]:  # type: ignore[type-arg]
    r = run("history", "--format", "json", "--limit", "1000")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_the_issue_examples_are_logged_in_kilograms() -> None:
    assert run("log", "stepback pulldown 55kg 10,10,9 @8").exit_code == 0
    assert run("log", "squat 3x5 100kg", "--date", "2026-11-20").exit_code == 0
    assert run("log", "bench 80x5, 85x5, 90x3 @9").exit_code == 0
    assert run("log", "pull-up bw+10kg 8,7,6").exit_code == 0
    assert run("log", "assisted pull-up -20kg 3x8").exit_code == 0
    assert run("log", "plank 3x60s").exit_code == 0
    assert run("log", "curl 25lb 12,10", "--unit", "lb").exit_code == 1  # "curl" is ambiguous
    assert run("log", "dumbbell curl 25lb 12,10").exit_code == 0
    sets = history()
    assert len(sets) == 3 + 3 + 3 + 3 + 3 + 3 + 2
    by_ex: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for s in sets:
        by_ex.setdefault(s["exercise"], []).append(s)
    assert [s["reps"] for s in by_ex["stepback-pulldown"]] == [10, 10, 9]
    assert all(s["rpe"] == 8 and s["load_kg"] == 55 for s in by_ex["stepback-pulldown"])
    assert [s["performed_at"][:10] for s in by_ex["barbell-back-squat"]] == ["2026-11-20"] * 3
    assert [(s["load_kg"], s["reps"], s["rpe"]) for s in by_ex["barbell-bench-press"]] == [
        (80, 5, None),
        (85, 5, None),
        (90, 3, 9),
    ]
    assert all(s["bodyweight"] and s["load_kg"] == 10 for s in by_ex["pull-up"])
    assert all(s["load_kg"] == -20 for s in by_ex["assisted-pull-up"])
    assert all(s["seconds"] == 60 and s["reps"] is None for s in by_ex["plank"])
    # 25 lb is 11.33980925 kg exactly (1 lb = 0.45359237 kg)
    assert by_ex["dumbbell-curl"][0]["load_kg"] == pytest.approx(25 * 0.45359237, abs=1e-6)


def test_the_profile_unit_is_the_default_for_loads_without_one() -> None:
    run("init", "--defaults", "--units", "lb")
    assert run("log", "bench 135x5").exit_code == 0
    assert history()[0]["load_kg"] == pytest.approx(135 * 0.45359237, abs=1e-6)
    r = run("history")
    assert "135lb" in r.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bench -20kg 3x5", "only for assisted"),
        ("squat 3x5 100kg @11", "rpe 11 is outside the plausible range 1 to 10"),
        ("squat 3x0 100kg", "reps must be at least 1"),
        ("squat 3x5 100stone", "is not a load"),
        ("curl 3x10 20kg", "could be several exercises"),
        ("unicorn press 3x5 20kg", "no exercise"),
        ("squat", "expected sets"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_is_saved(text: str, message: str) -> None:
    assert run("log", "squat 5x5 80kg").exit_code == 0
    before = history()
    r = run("log", text)
    assert r.exit_code == 1
    assert message in r.stderr
    assert history() == before


def test_undo_removes_exactly_the_last_entry() -> None:
    run("log", "squat 3x5 100kg")
    run("log", "bench 3x5 80kg")
    r = run("log", "--undo")
    assert r.exit_code == 0 and "bench 3x5 80kg" in r.stdout
    assert {s["exercise"] for s in history()} == {"barbell-back-squat"}
    assert run("log", "--undo").exit_code == 0
    assert history() == []
    r = run("log", "--undo")
    assert r.exit_code == 1 and "nothing to undo" in r.stderr


def test_history_of_one_exercise_by_name() -> None:
    run("log", "squat 3x5 100kg")
    run("log", "bench 3x5 80kg")
    r = run("history", "bench press", "--format", "json")
    assert {s["exercise"] for s in json.loads(r.stdout)} == {"barbell-bench-press"}


def test_bodyweight_is_recorded_in_kilograms_and_listed() -> None:
    assert run("bodyweight", "80.5kg", "--date", "2026-11-20").exit_code == 0
    assert run("bodyweight", "180lb", "--date", "2026-11-22").exit_code == 0
    data = json.loads(run("bodyweight", "--format", "json").stdout)
    assert [d["measured_at"][:10] for d in data] == ["2026-11-20", "2026-11-22"]
    assert data[0]["kg"] == 80.5
    assert data[1]["kg"] == pytest.approx(180 * 0.45359237)
    r = run("bodyweight", "8kg")
    assert r.exit_code == 1 and "outside the plausible range 25 to 300 kg" in r.stderr
    r = run("bodyweight", "8kg", "--allow-outlier")  # below even the hard limit of 10 kg
    assert r.exit_code == 1 and "cannot be overridden" in r.stderr
    assert len(json.loads(run("bodyweight", "--format", "json").stdout)) == 2


# -- issue: the log tells the truth ------------------------------------------------------------


def test_bodyweight_entries_are_reps_at_bodyweight_and_assistance_is_negative() -> None:
    for entry in (
        "pull-up 3x8",
        "push-up 3x20",
        "push-up 20,18,15",
        "assisted pull-up 20kg 3x8",
        "assisted pull-up -20kg 3x8",
    ):
        r = run("log", entry, "--date", "2026-11-20")
        assert r.exit_code == 0, r.stderr
    got = [(s["exercise"], s["load_kg"], s["reps"], s["bodyweight"]) for s in history()]
    assert got == (
        [("pull-up", None, 8, True)] * 3
        + [("push-up", None, 20, True)] * 3
        + [("push-up", None, r, True) for r in (20, 18, 15)]
        + [("assisted-pull-up", -20, 8, True)] * 6
    )


def test_history_shows_each_set_in_the_unit_it_was_entered_with_its_id() -> None:
    assert run("log", "bench 120lb 5").exit_code == 0
    r = run("history")
    assert "120lb" in r.stdout and "54.43" not in r.stdout
    set_id = str(history()[0]["id"])
    assert set_id in r.stdout


def test_sets_are_edited_by_id_and_any_entry_is_undone_from_the_command_line() -> None:
    assert run("log", "squat 3x5 100kg").exit_code == 0
    assert run("log", "bench 3x5 80kg").exit_code == 0
    first = history()[0]["id"]
    r = run("set", "edit", str(first), "--load", "105kg", "--reps", "4", "--rpe", "9")
    assert r.exit_code == 0, r.stderr
    assert (history()[0]["load_kg"], history()[0]["reps"], history()[0]["rpe"]) == (105, 4, 9)
    batches = json.loads(run("batches", "--format", "json").stdout)
    assert [b["command"] for b in batches] == ["bench 3x5 80kg", "squat 3x5 100kg"]
    r = run("undo", str(batches[1]["id"]))  # the older entry, not the last one
    assert r.exit_code == 0, r.stderr
    assert {s["exercise"] for s in history()} == {"barbell-bench-press"}
    assert run("undo", str(batches[1]["id"])).exit_code == 1  # already undone
    assert run("set", "delete", "99999").exit_code == 1


def test_the_csv_export_imports_back_with_import_auto(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert run("log", "bench 120lb 3x5 + pull-up bw+10kg 3x5", "--date", "2026-11-20").exit_code == 0
    out = tmp_path / "sets.csv"
    assert run("export", "csv", str(out)).exit_code == 0
    fresh = str(tmp_path / "fresh.db")
    r = run("--db", fresh, "import", "auto", str(out))
    assert r.exit_code == 0, r.stderr
    rows = json.loads(run("--db", fresh, "history", "--format", "json").stdout)
    assert [(s["exercise"], s["unit"], s["superset"]) for s in rows] == [
        (s["exercise"], s["unit"], s["superset"]) for s in history()
    ]


def test_history_finds_a_name_an_import_kept_as_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    hevy = tmp_path / "hevy.csv"
    hevy.write_text(
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
        '"duration_seconds","rpe"\n'
        '"Odd","9 Apr 2026, 17:18","9 Apr 2026, 18:02","","Zercher Carry Thing","","","0",'
        '"normal","40","5","","",""\n'
    )
    assert run("import", "auto", str(hevy)).exit_code == 0
    r = run("history", "zercher carry thing", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert [(s["exercise"], s["load_kg"]) for s in json.loads(r.stdout)] == [
        ("imported:Zercher Carry Thing", 40)
    ]


def test_a_custom_exercise_from_flags_is_found_by_every_command() -> None:
    r = run(
        "exercises", "new", "Gironda Sternum Chin", "-p", "lats", "-s", "biceps",
        "--load-type", "bodyweight", "--alias", "sternum chin",
    )
    assert r.exit_code == 0, r.stderr
    assert "Gironda Sternum Chin" in run("exercises", "show", "sternum chin").stdout
    assert run("log", "sternum chin 3x8").exit_code == 0
    assert [s["exercise"] for s in history()] == ["gironda-sternum-chin"] * 3
    mine = json.loads(run("exercises", "mine", "--format", "json").stdout)
    assert [c["slug"] for c in mine] == ["gironda-sternum-chin"]
    assert run("exercises", "new", "Sternum Chin Two", "-p", "no-such-muscle").exit_code == 1
