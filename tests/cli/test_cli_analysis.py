"""calc, calibrate, next, progress, volume and recovery, checked against hand arithmetic."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def js(*args: str):  # type: ignore[no-untyped-def]
    r = run(*args, "--format", "json")
    assert r.exit_code == 0, r.stdout + r.stderr
    return json.loads(r.stdout)


def test_stronglifts_examples() -> None:
    # 5 x 200 lb is taken as RPE 8: 200 / 0.811 = 246.6; 4 x 200 lb at RPE 10: 200 / 0.892 = 224.2
    assert js("calc", "e1rm", "200", "5", "--rpe", "8", "--unit", "lb")["e1rm"] == pytest.approx(
        200 / 0.811, abs=0.01
    )
    assert js("calc", "e1rm", "200", "4", "--rpe", "10", "--unit", "lb")["e1rm"] == pytest.approx(
        200 / 0.892, abs=0.01
    )


def test_e1rm_without_rpe_uses_brzycki_up_to_ten_reps() -> None:
    assert js("calc", "e1rm", "100", "5")["e1rm"] == pytest.approx(
        112.50, abs=0.005
    )  # SCIENCE.md table
    assert js("calc", "e1rm", "100", "10", "--formula", "all")["e1rm"]["lander"] == pytest.approx(
        134.07, abs=0.005
    )


def test_load_for_reps_at_rpe_and_plates() -> None:
    assert js("calc", "load", "--e1rm", "140", "--reps", "5", "--rpe", "8")[
        "load"
    ] == pytest.approx(140 * 0.811)
    p = js("calc", "plates", "100")
    assert p["plates_per_side"] == [25, 15] and p["exact"]
    p = js("calc", "plates", "225", "--unit", "lb")
    assert p["plates_per_side"] == [45, 45]
    # with only 2 x 20 and 2 x 10 plates the nearest to 100 is 20 + 2x20 + 2x10 = 80
    p = js("calc", "plates", "100", "--plates", "20x2,10x2")
    assert p["load"] == 80 and not p["exact"]


def test_calc_rejects_reps_out_of_range() -> None:
    r = run("calc", "e1rm", "100", "0")
    assert r.exit_code == 1 and "reps must be at least 1" in r.stderr
    r = run("calc", "load", "--e1rm", "100", "--reps", "15", "--rpe", "8")
    assert r.exit_code == 1


def test_rpe_chart_cells() -> None:
    chart = js("calc", "rpe-chart")
    assert chart["1"]["10"] == 100.0
    assert chart["10"]["8"] == 68.0
    assert chart["12"]["6.5"] == 58.6


def test_calibration_gives_working_loads_from_the_chart() -> None:
    data = js("calibrate", "stepback-pulldown", "--load", "50kg", "--reps", "10", "--rpe", "8")
    e1rm = 50 / 0.680  # 10 reps at RPE 8 is 68.0 % of 1RM
    assert data["e1rm_kg"] == pytest.approx(e1rm)
    loads = {row["reps"]: row for row in data["loads"]}
    assert loads[5]["exact_kg"] == pytest.approx(e1rm * 0.811)  # 59.6 kg
    assert loads[5]["load_kg"] == 60  # nearest pin on a 5 kg stack
    assert loads[12]["load_kg"] == 45  # 46.0 kg exact, 45 the nearest pin


def test_next_waits_for_every_set_to_reach_the_top_then_adds_the_smallest_step() -> None:
    r = run("next", "stepback-pulldown")
    assert r.exit_code == 1 and "calibrate" in r.stderr
    run("log", "stepback pulldown 55kg 12,11,10 @8", "--date", "2026-11-17")
    p = js("next", "stepback-pulldown")
    assert p["load_kg"] == 55 and "stay" in p["reason"]
    run("log", "stepback pulldown 55kg 12,12,12 @9", "--date", "2026-11-20")
    p = js("next", "stepback-pulldown")
    assert p["load_kg"] == 60  # + 5 kg, one pin
    assert p["scheme"] == "3×8–12"


def test_next_for_a_barbell_lift_includes_a_warmup_ramp() -> None:
    run("log", "squat 3x8 100kg", "--date", "2026-11-17")  # barbell squat range 5-8: all at the top
    p = js("next", "squat")
    assert p["load_kg"] == 102.5
    assert [w["reps"] for w in p["warmups"]] == [10, 5, 3, 1]
    assert p["warmups"][0]["load_kg"] == 20  # the empty bar


def test_progress_records() -> None:
    run("log", "bench 80x5, 85x5, 90x3 @9", "--date", "2026-11-17")
    run("log", "bench 3x8 80kg", "--date", "2026-11-20")
    data = js("progress", "bench press")["barbell-bench-press"]
    rec = data["records"]
    assert rec["heaviest_kg"] == 90 and rec["heaviest_date"] == "2026-11-17"
    # 90 x 3 @9 is 89.2 % of 1RM: 100.9 kg; the best e1RM of the first day
    assert rec["best_e1rm_kg"] == pytest.approx(90 / 0.892, abs=0.01)
    assert rec["best_reps_at_load"] == {"80": 8, "85": 5, "90": 3}
    # volume: 400 + 425 + 270 = 1095 on day 1; 3 x 8 x 80 = 1920 on day 2
    assert rec["best_volume_kg"] == 1920 and rec["best_volume_date"] == "2026-11-20"
    assert [s["date"] for s in data["sessions"]] == ["2026-11-17", "2026-11-20"]


def test_progress_plot_writes_a_png(tmp_path: Path) -> None:
    run("log", "squat 3x5 100kg", "--date", "2026-11-17")
    out = tmp_path / "squat.png"
    assert run("progress", "squat", "--plot", str(out)).exit_code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_weekly_volume_counts_fractional_sets() -> None:
    # stepback pulldown: primary lats, rhomboids, rear delts; secondary biceps, forearms, abs, obliques
    run("log", "stepback pulldown 55kg 10,10,10", "--date", "2026-11-18")
    run("log", "stepback pulldown 30kg 10 warm-up", "--date", "2026-11-18")
    run("log", "stepback pulldown 55kg 3x10", "--date", "2026-11-10")  # the week before
    data = js("volume", "--week", "2026-11-20")
    assert data["week_start"] == "2026-11-16"
    rows = {m["muscle"]: m for m in data["muscles"]}
    assert rows["back"]["sets"] == 3  # lats and rhomboids share the row: each set counts once
    assert rows["rear delts"]["sets"] == 3
    assert rows["biceps"]["sets"] == 1.5
    assert rows["abs"]["sets"] == 1.5
    assert data["other"] == {"forearms": 1.5}
    assert rows["back"]["status"] == "below MEV"  # MEV 10
    assert data["sets_counted"] == 3  # the warm-up does not count


def test_recovery_decays_from_the_logged_sets(catalog) -> None:  # type: ignore[no-untyped-def]
    run("log", "squat 4x5 100kg @8", "--date", "2026-11-20 18:00")
    data = js("recovery", "--at", "2026-11-22 18:00")
    squat = catalog.get("barbell-back-squat").facts
    # 4 sets at RPE 8 of a compound lift: 4 x 15 x 0.8 = 48 points; quads recover with tau 30 h
    expected = 100 - 48 * math.exp(-48 / 30)
    assert "quads" in squat.primary
    assert data["recovery"]["quads"] == pytest.approx(expected, abs=0.01)
    assert data["recovery"]["lats"] == 100
    assert "quads" in data["ready"]  # 90.3 % >= 90 %
    early = js("recovery", "--at", "2026-11-21 18:00")
    assert early["recovery"]["quads"] == pytest.approx(100 - 48 * math.exp(-24 / 30), abs=0.01)
    assert "quads" not in early["ready"]


def test_stack_and_dumbbell_rounding() -> None:
    # a 2:1 stack of 5 kg pins gives 2.5 kg steps at the handle: 37 -> 37.5
    assert js("calc", "plates", "37", "--stack", "5x20", "--ratio", "2")["load"] == 37.5
    # 1:1 with a 2.5 kg add-on: 20 or 22.5 for 21, 20 is closer
    assert js("calc", "plates", "21", "--stack", "5x20", "--add-on", "2.5")["load"] == 20
    assert js("calc", "plates", "22", "--stack", "5x20", "--add-on", "2.5")["load"] == 22.5
    # 23 kg sits between the 22 and 24 kg dumbbells: a tie goes to the lighter one
    assert js("calc", "plates", "23", "--dumbbells", "2-50/2")["load"] == 22
    assert js("calc", "plates", "97", "--dumbbells", "5-100/5", "--unit", "lb")["load"] == 95
    r = run("calc", "plates", "10", "--stack", "banana")
    assert r.exit_code == 1 and "--stack 5x20" in r.stderr
