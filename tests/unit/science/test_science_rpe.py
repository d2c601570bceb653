"""RPE, RIR and the RTS chart, checked cell by cell against SCIENCE.md section 2."""

from __future__ import annotations

import pytest

from spotter.science.rpe import (
    CHART_RPES,
    RTS_SERIES,
    chart_rows,
    check_rpe,
    e1rm_from_set,
    load_for,
    pct,
    rir_to_rpe,
    rpe_to_rir,
)
from spotter.science.units import kg_to_lb, lb_to_kg

# The published table, RPE 10 down to 6.5, typed from SCIENCE.md (percent).
PUBLISHED = {
    1: (100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8),
    2: (95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0),
    3: (92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4),
    4: (89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1, 79.9),
    5: (86.3, 85.0, 83.7, 82.4, 81.1, 79.9, 78.6, 77.4),
    6: (83.7, 82.4, 81.1, 79.9, 78.6, 77.4, 76.2, 75.1),
    7: (81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3),
    8: (78.6, 77.4, 76.2, 75.1, 73.9, 72.3, 70.7, 69.4),
    9: (76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7),
    10: (73.9, 72.3, 70.7, 69.4, 68.0, 66.7, 65.3, 64.0),
    11: (70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3),
    12: (68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6),
}
PUBLISHED_RPES = (10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5)
# RPE 6, worked out by hand from the series: s[2 * (reps - 1 + 4)] = s[2 * reps + 6].
RPE_6 = {
    1: 86.3,
    2: 83.7,
    3: 81.1,
    4: 78.6,
    5: 76.2,
    6: 73.9,
    7: 70.7,
    8: 68.0,
    9: 65.3,
    10: 62.6,
    11: 59.9,
    12: 57.2,
}


@pytest.mark.parametrize("reps", sorted(PUBLISHED))
def test_every_published_chart_cell_matches(reps: int) -> None:
    for rpe, cell in zip(PUBLISHED_RPES, PUBLISHED[reps], strict=True):
        assert pct(reps, rpe) * 100 == pytest.approx(cell, abs=1e-9), (reps, rpe)


@pytest.mark.parametrize("reps", sorted(RPE_6))
def test_the_rpe_6_column_matches_the_series(reps: int) -> None:
    assert pct(reps, 6) * 100 == pytest.approx(RPE_6[reps], abs=1e-9)


def test_the_chart_has_108_cells_and_ends_at_57_2_percent() -> None:
    rows = chart_rows()
    assert sum(len(cells) for _, cells in rows) == 108
    assert CHART_RPES == (10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6)
    assert rows[-1] == (12, (0.680, 0.667, 0.653, 0.640, 0.626, 0.613, 0.599, 0.586, 0.572))


def test_the_series_is_the_published_one() -> None:
    assert len(RTS_SERIES) == 31
    assert RTS_SERIES[0] == 1.0
    assert RTS_SERIES[12] == 0.811
    assert RTS_SERIES[-1] == 0.572


def test_the_typo_of_the_json_copy_is_not_reproduced() -> None:
    # One JSON copy has RPE 8 x 10 reps = 0.690; the series gives 0.680.
    assert pct(10, 8) == 0.680


def test_stronglifts_5x200_lb_at_rpe_8_is_about_246_5_lb() -> None:
    assert e1rm_from_set(200, 5, 8) == pytest.approx(200 / 0.811, rel=1e-12)
    assert e1rm_from_set(200, 5, 8) == pytest.approx(246.5, abs=0.5)
    in_kg = e1rm_from_set(lb_to_kg(200), 5, 8)
    assert kg_to_lb(in_kg) == pytest.approx(246.5, abs=0.5)


def test_stronglifts_failed_4x200_lb_at_rpe_10_is_about_224_lb() -> None:
    assert e1rm_from_set(200, 4, 10) == pytest.approx(200 / 0.892, rel=1e-12)
    assert e1rm_from_set(200, 4, 10) == pytest.approx(224, abs=0.5)


def test_load_for_a_target_is_e1rm_times_the_cell() -> None:
    # 150 kg e1RM, 3 reps @8 = 86.3 %: 129.45 kg
    assert load_for(150, 3, 8) == pytest.approx(129.45, abs=1e-9)
    # 8 reps @7 = 70.7 %
    assert load_for(100, 8, 7) == pytest.approx(70.7, abs=1e-9)


@pytest.mark.parametrize(
    ("rpe", "rir"),
    [(10, 0), (9.5, 0.5), (9, 1), (8.5, 1.5), (8, 2), (7.5, 2.5), (7, 3), (6, 4), (5, 5)],
)
def test_zourdos_rpe_and_rir_correspond(rpe: float, rir: float) -> None:
    assert rpe_to_rir(rpe) == rir
    assert rir_to_rpe(rir) == rpe


def test_light_efforts_have_no_rep_count() -> None:
    with pytest.raises(ValueError, match="light effort"):
        rpe_to_rir(3)
    with pytest.raises(ValueError, match="between 0 and 5"):
        rir_to_rpe(6)


@pytest.mark.parametrize("bad", [0, 0.5, 10.5, 11, -2])
def test_rpe_outside_1_to_10_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="RPE must be between 1 and 10"):
        check_rpe(bad)


def test_rpe_off_the_half_steps_is_refused() -> None:
    with pytest.raises(ValueError, match="half steps"):
        pct(5, 8.2)


def test_cells_outside_the_chart_are_refused() -> None:
    with pytest.raises(ValueError, match="1-12 reps"):
        pct(13, 10)
    with pytest.raises(ValueError, match="RPE 6-10"):
        pct(5, 5.5)
    with pytest.raises(ValueError, match="at least 1"):
        pct(0, 8)
    with pytest.raises(ValueError, match="negative"):
        e1rm_from_set(-10, 5, 8)
