"""Period estimates against rhythms built with a known period."""

from __future__ import annotations

import numpy as np
import pytest

from spotter.motion.analysis.periodic import estimate_period

FPS = 30.0


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(seconds * FPS)) / FPS


def test_a_rep_with_strong_harmonics_reads_its_own_period_not_a_harmonic() -> None:
    t = _t(30)
    # a quick movement and a long rest every 2.5 s: most of its power is in the harmonics
    phase = (t % 2.5) / 2.5
    x = np.where(phase < 0.3, np.sin(np.pi * phase / 0.3) ** 2, 0.0)
    est = estimate_period(x[:, None], FPS)
    assert est.period == pytest.approx(2.5, rel=0.03)


def test_jumping_jack_pace_is_read_by_both_estimates_alike() -> None:
    t = _t(20)
    x = np.stack([np.sin(2 * np.pi * t / 0.45), 0.5 * np.cos(2 * np.pi * t / 0.45)], axis=1)
    est = estimate_period(x, FPS)
    assert est.agreement == "agree"
    assert est.period == pytest.approx(0.45, rel=0.03)


def test_a_set_that_speeds_up_reads_a_period_within_its_range() -> None:
    t = _t(40)
    period = np.linspace(2.0, 1.4, t.size)  # 30 % faster by the end
    x = np.sin(2 * np.pi * np.cumsum(1 / period) / FPS)
    est = estimate_period(x[:, None], FPS)
    assert 1.4 <= est.period <= 2.0


def test_missing_frames_are_bridged() -> None:
    t = _t(30)
    x = np.sin(2 * np.pi * t / 1.8)
    x[np.random.default_rng(4).random(t.size) < 0.2] = np.nan
    assert estimate_period(x[:, None], FPS).period == pytest.approx(1.8, rel=0.03)


def test_a_clip_too_short_for_two_cycles_has_no_period() -> None:
    x = np.sin(2 * np.pi * _t(3) / 2.5)
    est = estimate_period(x[:, None], FPS)
    assert np.isnan(est.period)
    assert est.agreement == "none"
