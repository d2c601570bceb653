"""Velocity loss and reps in reserve, from a set whose concentric slows down as generated."""

from __future__ import annotations

import pytest
from motion_synth import RepSpec, make_set

from spotter.motion.analysis.effort import FAILURE_LOSS, reps_in_reserve
from spotter.motion.analysis.landmarks import Landmarks
from spotter.services.form import check_form


def test_reps_in_reserve_follow_the_linear_velocity_loss_model() -> None:
    # 6 reps, the last 40 % slower than the fastest: 40/60 of the possible reps are done,
    # so 6 / (2/3) = 9 were possible and 3 are left
    assert reps_in_reserve([1.0, 0.95, 0.9, 0.8, 0.7, 0.6]) == pytest.approx(3.0)
    # at the failure loss nothing is left; beyond it, still nothing
    assert reps_in_reserve([1.0, 0.8, 1.0 - FAILURE_LOSS]) == pytest.approx(0.0)
    assert reps_in_reserve([1.0, 0.5, 0.2]) == 0.0


def test_too_little_slowing_or_too_few_reps_gives_no_estimate() -> None:
    assert reps_in_reserve([1.0, 0.97, 0.95, 0.96]) is None  # 4 % loss
    assert reps_in_reserve([1.0, 0.5]) is None  # two reps


def test_a_set_that_slows_from_1_to_2_seconds_per_pull_has_one_rep_left(catalog) -> None:  # type: ignore[no-untyped-def]
    concentrics = [1.0, 1.0, 1.25, 1.6, 2.0]  # the last pull at half the speed of the first
    specs = [RepSpec(c, 0.5, 2.0, 0.8) for c in concentrics]
    s = make_set("pulldown", specs, noise=0.001, view="side")
    report = check_form(Landmarks.from_array(s.data, fps=s.fps), catalog.get("seated-lat-pulldown"))
    assert report.analysis.velocity_loss == pytest.approx(0.5, abs=0.03)
    # 5 reps at a 50 % loss against 60 % at failure: 5 * (0.6 / 0.5 - 1) = 1 rep in reserve
    assert report.rir == pytest.approx(1.0, abs=0.4)
    assert report.view.name == "side"
    # time under tension: the generated reps' pull + squeeze + return
    assert report.time_under_tension == pytest.approx(sum(concentrics) + 5 * 2.5, abs=0.3)
