"""The load a command shows is what its plates make, and plate maths refuses absurd loads."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_next_shows_the_load_its_plates_make_not_an_unloadable_sum() -> None:
    # 83.5 kg is not on a 20 kg bar with 1.25 kg plates; + 2.5 kg would be 86 kg, which is not
    # either: the nearest loadable above 83.5 is 85 = 20 + 2 x (25 + 5 + 2.5)
    run("log", "squat 3x8 83.5kg", "--date", "2026-11-17")
    r = run("next", "squat")
    assert r.exit_code == 0, r.stderr
    assert "85kg (25 + 5 + 2.5 per side)" in r.stdout and "86kg" not in r.stdout
    assert json.loads(run("next", "squat", "--format", "json").stdout)["load_kg"] == 85


def test_a_pound_lifter_gets_135_lb_with_45s_not_137_28_lb() -> None:
    r = run("init", "--defaults", "--units", "lb")
    assert r.exit_code == 0, r.stderr
    # 60 kg logged = 132.28 lb; + 5 lb = 137.28 lb, which no pound plates make: 135 lb is the
    # nearest load above 132.28 lb (45 lb bar + 45 per side)
    run("log", "squat 3x8 60kg", "--date", "2026-11-17")
    r = run("next", "squat")
    assert r.exit_code == 0, r.stderr
    assert "135lb (45 per side)" in r.stdout and "137.28" not in r.stdout


def test_calc_plates_refuses_an_implausible_load_at_once() -> None:
    for target in ("1e9", "1000000", "1001", "nan", "inf"):
        r = run("calc", "plates", target)
        assert r.exit_code == 1 and "not a plausible load" in r.stderr, target
        assert "at most 1000 kg" in r.stderr
    r = run("calc", "plates", "2300", "--unit", "lb")
    assert r.exit_code == 1 and "at most 2205 lb" in r.stderr


def test_calc_plates_loads_a_heavy_but_real_bar() -> None:
    # 500 kg = 20 + 2 x 240; 240 = 9 x 25 + 15 (heaviest first)
    data = json.loads(run("calc", "plates", "500", "--format", "json").stdout)
    assert data["load"] == 500 and data["plates_per_side"] == [25] * 9 + [15]


def test_calc_plates_says_what_is_wrong_with_the_plates_and_the_bar() -> None:
    r = run("calc", "plates", "100", "--plates", "20x-2")
    assert r.exit_code == 1 and "must not be negative" in r.stderr
    r = run("calc", "plates", "100", "--bar", "150")
    assert r.exit_code == 1 and "up to the target 100" in r.stderr
    r = run("calc", "plates", "50", "--stack", "5x100000000")
    assert r.exit_code == 1 and "1 to 200 pins" in r.stderr
