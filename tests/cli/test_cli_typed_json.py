"""JSON from the calculators, `exercises new`, `batches` and an import report: the typed results'
fields, with values worked out by hand.

The RTS chart gives 81.1 % of 1RM for 5 reps at RPE 8; Brzycki's e1RM is load x 36 / (37 - reps).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()


def run_json(*args: str) -> Any:
    r = runner.invoke(app, [*args, "--format", "json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_e1rm_load_and_chart_answer_with_the_published_numbers() -> None:
    plain = run_json("calc", "e1rm", "100", "5")
    assert set(plain) == {"e1rm", "unit", "method"}
    assert plain["e1rm"] == 112.5 and plain["unit"] == "kg"  # Brzycki: 100 x 36 / 32
    assert "Brzycki" in plain["method"]
    rts = run_json("calc", "e1rm", "100", "5", "--rpe", "8")
    assert rts["e1rm"] == pytest.approx(100 / 0.811)
    load = run_json("calc", "load", "--e1rm", "140", "--reps", "5", "--rpe", "8")
    assert load == {"load": pytest.approx(113.54), "unit": "kg", "percent_of_1rm": pytest.approx(81.1)}
    assert run_json("calc", "rpe-chart")["5"]["8"] == 81.1


def test_plates_and_a_cable_stack_answer_with_hand_arithmetic() -> None:
    # (102.5 - 20) / 2 = 41.25 per side = 25 + 15 + 1.25
    assert run_json("calc", "plates", "102.5") == {
        "target": 102.5, "load": 102.5, "unit": "kg", "bar": 20.0,
        "plates_per_side": [25.0, 15.0, 1.25], "exact": True,
    }
    # 20 pins of 5 kg at 2:1 move the handle in 2.5 kg steps: 37 -> 37.5
    stack = run_json("calc", "plates", "37", "--stack", "5x20", "--ratio", "2")
    assert (stack["load"], stack["exact"], stack["unit"]) == (37.5, False, "kg")


def test_a_new_exercise_and_a_batch_list_report_their_fields() -> None:
    made = run_json("exercises", "new", "Gironda Sternum Chin", "-p", "lats")
    assert made["slug"] == "gironda-sternum-chin" and made["created"] is True
    assert set(made) == {"slug", "uuid", "created"}
    runner.invoke(app, ["init", "--defaults"])
    runner.invoke(app, ["log", "squat 100kg 3x5", "--date", "2026-11-20 18:00"])
    (batch,) = run_json("batches")
    assert batch["sets"] == 3 and batch["kind"] == "log" and batch["undone_at"] is None
    assert batch["command"] == "squat 100kg 3x5"
    assert set(batch) == {"id", "uuid", "kind", "created_at", "command", "sets", "undone_at"}


def test_an_import_report_names_each_row_it_did_not_store(tmp_path: Path) -> None:
    f = tmp_path / "strong.csv"
    f.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        '2026-11-20 18:00:00,"Legs",45m,"Squat (Barbell)",1,100,5,,,,,\n'
        '2026-11-20 18:00:00,"Legs",45m,"Squat (Barbell)",2,-100,5,,,,,\n'
    )
    report = run_json("import", "strong", str(f), "--unit", "kg")
    assert (report["format"], report["rows_read"], report["new_sets"]) == ("strong", 2, 1)
    assert report["first"] == report["last"] == "2026-11-20"
    assert [r["line"] for r in report["refused"] + report["skipped"]] == [3]
    (name,) = report["names"]
    assert name["source"] == "Squat (Barbell)" and name["slug"] == "barbell-back-squat"
