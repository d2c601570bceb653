"""e1RM formulas against SCIENCE.md section 1, and the default estimator's choices."""

from __future__ import annotations

import pytest

from spotter.science.one_rm import (
    FORMULAS,
    Formula,
    brzycki,
    epley,
    estimate,
    one_rm,
    parse_formula,
)

# Reference values for w = 100 kg, typed from SCIENCE.md (r = 1, 3, 5, 8, 10, 12).
REPS = (1, 3, 5, 8, 10, 12)
REFERENCE = {
    Formula.EPLEY: (103.33, 110.00, 116.67, 126.67, 133.33, 140.00),
    Formula.BRZYCKI: (100.00, 105.88, 112.50, 124.14, 133.33, 144.00),
    Formula.LANDER: (101.39, 107.20, 113.71, 125.11, 134.07, 144.41),
    Formula.LOMBARDI: (100.00, 111.61, 117.46, 123.11, 125.89, 128.21),
    Formula.MAYHEW: (108.86, 113.99, 119.01, 126.29, 130.93, 135.40),
    Formula.OCONNER: (102.50, 107.50, 112.50, 120.00, 125.00, 130.00),
    Formula.WATHAN: (101.30, 108.98, 116.58, 127.67, 134.75, 141.50),
}


@pytest.mark.parametrize("formula", list(Formula))
def test_every_formula_matches_the_100_kg_reference_table(formula: Formula) -> None:
    for reps, expected in zip(REPS, REFERENCE[formula], strict=True):
        assert FORMULAS[formula](100, reps) == pytest.approx(expected, abs=0.005), reps


def test_the_reference_table_scales_with_the_load() -> None:
    # Every formula is proportional to w: 60 kg gives 0.6 times the 100-kg row.
    for formula in Formula:
        assert FORMULAS[formula](60, 5) == pytest.approx(0.6 * REFERENCE[formula][2], abs=0.005)


def test_brzycki_is_pinned_to_the_exact_36_over_37_minus_r_form() -> None:
    # 100 x 36 / 27 = 133.33; the rounded 1.0278 form would give 133.37.
    assert brzycki(100, 10) == pytest.approx(100 * 36 / 27, rel=1e-12)
    assert brzycki(100, 10) != pytest.approx(100 / (1.0278 - 0.0278 * 10), abs=0.01)


def test_epley_equals_brzycki_at_ten_reps() -> None:
    assert epley(100, 10) == pytest.approx(brzycki(100, 10), rel=1e-12)


def test_epley_is_not_special_cased_at_one_rep() -> None:
    assert epley(100, 1) == pytest.approx(103.333, abs=0.001)


def test_brzycki_is_undefined_at_37_reps() -> None:
    with pytest.raises(ValueError, match="undefined at 37"):
        brzycki(100, 37)


def test_a_formula_refuses_reps_past_its_valid_range() -> None:
    assert one_rm(100, 10, Formula.BRZYCKI) == pytest.approx(133.33, abs=0.005)
    with pytest.raises(ValueError, match="Brzycki is valid up to 10 reps, got 11"):
        one_rm(100, 11, Formula.BRZYCKI)
    assert one_rm(100, 20, "epley") == pytest.approx(166.67, abs=0.005)
    with pytest.raises(ValueError, match="Epley is valid up to 20 reps, got 21"):
        one_rm(100, 21, "epley")


def test_the_chart_is_used_when_the_rpe_is_known() -> None:
    est = estimate(100, 5, rpe=8)
    assert est.one_rm == pytest.approx(100 / 0.811, rel=1e-12)
    assert est.method.startswith("RTS chart")


def test_without_an_rpe_brzycki_is_used_up_to_ten_reps() -> None:
    assert estimate(100, 5).one_rm == pytest.approx(112.50, abs=0.005)
    assert estimate(100, 10).one_rm == pytest.approx(133.33, abs=0.005)
    assert estimate(100, 10).method.startswith("Brzycki")


def test_without_an_rpe_epley_takes_over_from_eleven_reps() -> None:
    # 100 x (1 + 12/30) = 140
    assert estimate(100, 12).one_rm == pytest.approx(140.0, abs=1e-9)
    assert estimate(100, 12).method.startswith("Epley")


def test_outside_the_chart_the_reps_in_reserve_are_added() -> None:
    # 14 reps @8 = 16 reps to failure: Epley 100 x (1 + 16/30) = 153.33
    assert estimate(100, 14, rpe=8).one_rm == pytest.approx(153.33, abs=0.005)
    # 5 reps @5 (off the chart) = 10 to failure: Brzycki 100 x 36/27 = 133.33
    assert estimate(100, 5, rpe=5).one_rm == pytest.approx(133.33, abs=0.005)


def test_a_chosen_formula_is_used_even_with_an_rpe() -> None:
    # O'Conner on 5 reps + 2 in reserve: 100 x (1 + 0.025 x 7) = 117.5
    est = estimate(100, 5, rpe=8, formula="O'Conner")
    assert est.one_rm == pytest.approx(117.5, abs=1e-9)
    assert est.method.startswith("O'Conner")


def test_past_twenty_reps_to_failure_there_is_no_estimate() -> None:
    with pytest.raises(ValueError, match="Epley is valid up to 20 reps, got 21"):
        estimate(50, 21)
    with pytest.raises(ValueError, match="got 22"):
        estimate(50, 20, rpe=8)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"load": 100, "reps": 0}, "reps must be at least 1, got 0"),
        ({"load": 100, "reps": -3}, "reps must be at least 1"),
        ({"load": -20, "reps": 5}, "load must not be negative"),
        ({"load": 100, "reps": 5, "rpe": 11}, "RPE must be between 1 and 10, got 11"),
        ({"load": 100, "reps": 5, "rpe": 0}, "RPE must be between 1 and 10"),
        ({"load": 100, "reps": 5, "rpe": 3}, "cannot estimate a 1RM from this set"),
        ({"load": 100, "reps": 5, "formula": "magic"}, "unknown formula 'magic'"),
    ],
)
def test_bad_input_gets_a_clear_message(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        estimate(**kwargs)  # type: ignore[arg-type]


def test_formula_names_are_read_generously() -> None:
    assert parse_formula("EPLEY") is Formula.EPLEY
    assert parse_formula("wathen") is Formula.WATHAN
    assert parse_formula("O'Connor") is Formula.OCONNER
