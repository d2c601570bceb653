"""The Banister fitness-fatigue model: the calculatorhub vector and hand arithmetic."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from spotter.science.banister import (
    BanisterParams,
    daily_loads,
    impulse_performance,
    performance,
    simulate,
    step,
)

CALCULATORHUB = BanisterParams(tau_fitness=42, tau_fatigue=7, k_fitness=1, k_fatigue=2)


def test_the_calculatorhub_vector() -> None:
    # Yesterday F = 100, G = 60; today's load 50: F 147.65, G 102.01, p -56.38.
    day = step(100, 60, 50, CALCULATORHUB)
    assert day.fitness == pytest.approx(147.65, abs=0.005)
    assert day.fatigue == pytest.approx(102.01, abs=0.005)
    assert day.performance == pytest.approx(-56.38, abs=0.005)


def test_the_defaults_are_trainingpeaks_42_and_7_days() -> None:
    assert BanisterParams() == CALCULATORHUB


def test_rest_days_decay_both_components() -> None:
    days = simulate([100, 0, 0], CALCULATORHUB)
    # day 2: 100 e^(-2/42) = 95.350, 100 e^(-2/7) = 75.148
    assert days[2].fitness == pytest.approx(95.350, abs=0.001)
    assert days[2].fatigue == pytest.approx(75.148, abs=0.001)
    assert [d.day for d in days] == [0, 1, 2]


def test_the_impulse_sum_counts_only_earlier_days() -> None:
    # Day 1 after 100 on day 0: 100 e^(-1/42) - 2 x 100 e^(-1/7) = -75.73
    assert impulse_performance([100], 1, CALCULATORHUB) == pytest.approx(-75.73, abs=0.005)
    # Day 2 after 100, 50: (95.350 + 48.824) - 2 x (75.148 + 43.344) = -92.81
    assert impulse_performance([100, 50, 999], 2, CALCULATORHUB) == pytest.approx(-92.81, abs=0.005)
    assert impulse_performance([100], 0, CALCULATORHUB) == 0


def test_baseline_and_gains_enter_linearly() -> None:
    params = BanisterParams(k_fitness=0.5, k_fatigue=1.5, p0=400)
    assert performance(100, 40, params) == pytest.approx(400 + 50 - 60)


def test_a_fitted_athlete_has_other_constants() -> None:
    busso = BanisterParams(tau_fitness=60, tau_fatigue=13)
    day = step(0, 0, 10, busso)
    next_day = step(day.fitness, day.fatigue, 0, busso)
    assert next_day.fitness == pytest.approx(10 * math.exp(-1 / 60))
    assert next_day.fatigue == pytest.approx(10 * math.exp(-1 / 13))


def test_daily_loads_fill_rest_days_with_zero() -> None:
    start = dt.date(2024, 1, 1)
    loads = {start: 1000.0, dt.date(2024, 1, 3): 800.0, dt.date(2024, 1, 9): 5.0}
    assert daily_loads(loads, start=start, end=dt.date(2024, 1, 4)) == (1000.0, 0.0, 800.0, 0.0)


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="time constants must be positive"):
        BanisterParams(tau_fitness=0)
    with pytest.raises(ValueError, match="must not be negative"):
        step(0, 0, -5, CALCULATORHUB)
    with pytest.raises(ValueError, match="ends"):
        daily_loads({}, start=dt.date(2024, 1, 2), end=dt.date(2024, 1, 1))
