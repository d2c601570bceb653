"""What a real camera adds to a clean set: a wrong skeleton while the tracker locks on, a cut
to a closer shot, hips guessed outside the picture; and the numpy filters against scipy's.

Expected counts and times come from the generator (``motion_synth``); the filters are
compared with ``scipy.signal``, an independent implementation of the same definitions.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal as ss  # type: ignore[import-untyped]
from motion_synth import RepSpec, SynthSet, make_set

from spotter.motion.analysis import landmarks as bp
from spotter.motion.analysis.filters import butter_lowpass, filtfilt, find_peaks
from spotter.motion.analysis.landmarks import Landmarks, drop_lock_on, scale_track
from spotter.motion.analysis.pipeline import analyse_reps

SPECS = [RepSpec(1.0, 0.3, 1.5, 0.8) for _ in range(3)]


def _set(family: str) -> SynthSet:
    return make_set(family, SPECS, idle_before=0.6, idle_after=1.0, noise=0.001)


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_butterworth_coefficients_match_scipy(order: int) -> None:
    for cutoff in (0.05, 0.27, 0.5, 0.9):
        b, a = butter_lowpass(order, cutoff)
        ref_b, ref_a = ss.butter(order, cutoff)
        assert np.allclose(b, ref_b) and np.allclose(a, ref_a)


def test_zero_phase_filtering_matches_scipy_filtfilt() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        x = rng.normal(size=(4, int(rng.integers(10, 300)))).cumsum(axis=1)
        b, a = butter_lowpass(2, float(rng.uniform(0.05, 0.9)))
        assert np.allclose(filtfilt(b, a, x), ss.filtfilt(b, a, x, axis=1))


def test_peaks_match_scipy_find_peaks_with_distance_and_prominence() -> None:
    rng = np.random.default_rng(4)
    signals = [rng.normal(size=int(rng.integers(5, 400))).cumsum() for _ in range(30)]
    signals.append(np.array([0, 1, 1, 1, 0, 2, 2, 0, 3, 3, 3, 3, 1, 0], dtype=float))  # plateaus
    for x in signals:
        for distance in (1, 3, 15):
            for prominence in (0.1, 0.5, 2.0):
                ref = ss.find_peaks(x, prominence=prominence, distance=distance)[0]
                assert find_peaks(x, prominence=prominence, distance=distance).tolist() == (
                    ref.tolist()
                )


@pytest.mark.parametrize("family", ["pulldown", "squat"])
def test_a_wrong_skeleton_while_the_tracker_locks_on_adds_no_rep(family: str) -> None:
    s = _set(family)
    data = s.data.copy()
    lock = int(0.5 * s.fps)  # the first half second: a small skeleton far to the left
    data[:lock, :, 0] = data[:lock, :, 0] * 0.4 + 0.02
    data[:lock, :, 1] = data[:lock, :, 1] * 0.4 + 0.05
    lm = Landmarks.from_array(data, fps=s.fps)
    blanked = drop_lock_on(lm)
    assert np.isnan(blanked.data[:lock, bp.NOSE, 0]).all()
    assert np.isfinite(blanked.data[lock:, bp.NOSE, 0]).all()
    assert analyse_reps(lm, family).count == len(s.reps)


def test_a_lifter_who_only_moves_keeps_every_frame() -> None:
    s = _set("squat")
    lm = Landmarks.from_array(s.data, fps=s.fps)
    assert np.array_equal(drop_lock_on(lm).data, lm.data)


def test_a_cut_to_a_closer_shot_changes_the_scale_but_not_the_count() -> None:
    s = _set("pulldown")
    data = s.data.copy()
    cut = int(s.reps[1].start * s.fps) + 5  # during the second rep
    data[cut:, :, :2] = (data[cut:, :, :2] - 0.5) * 1.8 + 0.5
    data[cut:, :, 1] -= 0.05
    lm = Landmarks.from_array(data, fps=s.fps)
    track = scale_track(lm)
    assert track[cut + 3] / track[cut - 3] == pytest.approx(1.8, rel=0.05)
    assert analyse_reps(lm, "pulldown").count == len(s.reps)


def test_hips_guessed_below_the_picture_do_not_set_the_scale() -> None:
    s = _set("pulldown")
    data = s.data.copy()
    lm = Landmarks.from_array(data, fps=s.fps)
    true_scale = float(np.median(scale_track(lm)))
    # the model stretches the guessed hips below the frame in half the frames
    guessed = np.arange(data.shape[0]) % 2 == 0
    for hip in (bp.LEFT_HIP, bp.RIGHT_HIP):
        data[guessed, hip, 1] = 1.4
    stretched = Landmarks.from_array(data, fps=s.fps)
    assert np.allclose(scale_track(stretched), true_scale, rtol=0.02)


def test_a_clip_ending_mid_rep_reports_when_that_rep_began() -> None:
    s = make_set("squat", SPECS, idle_before=0.6, idle_after=0.0, noise=0.001)
    last = s.reps[-1]
    cut = int((last.start + last.first * 0.9) * s.fps)  # nearly at the bottom
    lm = Landmarks.from_array(s.data[:cut], fps=s.fps)
    analysis = analyse_reps(lm, "squat")
    assert analysis.count == len(s.reps) - 1 and analysis.unfinished == 1
    assert analysis.unfinished_start == pytest.approx(last.start, abs=0.15)
