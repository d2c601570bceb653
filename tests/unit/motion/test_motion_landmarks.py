"""Landmarks: validation with clear errors, gap filling, smoothing and the torso scale."""

from __future__ import annotations

import numpy as np
import pytest
from motion_synth import TORSO, RepSpec, make_set

from spotter.motion.analysis.landmarks import (
    LEFT_WRIST,
    LandmarkError,
    Landmarks,
    fill_gaps,
    smooth,
    torso_length,
)


@pytest.mark.parametrize(
    "shape",
    [(10, 33), (10, 17, 3), (10, 33, 2), (10, 33, 5), (33, 4), (10, 33, 4, 1)],
)
def test_a_wrongly_shaped_array_is_refused_with_the_expected_shape(
    shape: tuple[int, ...],
) -> None:
    with pytest.raises(LandmarkError, match=r"\(frames, 33, 3\) or \(frames, 33, 4\)") as err:
        Landmarks.from_array(np.zeros(shape), fps=30)
    assert str(shape) in str(err.value)


def test_a_single_frame_is_refused() -> None:
    with pytest.raises(LandmarkError, match="at least 2 frames"):
        Landmarks.from_array(np.zeros((1, 33, 4)), fps=30)


@pytest.mark.parametrize("fps", [0.0, -30.0, float("nan")])
def test_a_frame_rate_that_is_not_positive_is_refused(fps: float) -> None:
    with pytest.raises(LandmarkError, match="fps must be a positive number"):
        Landmarks.from_array(np.zeros((5, 33, 4)), fps=fps)


def test_text_that_is_not_numbers_is_refused() -> None:
    with pytest.raises(LandmarkError, match="must be numbers"):
        Landmarks.from_array([[["a"] * 3] * 33] * 2, fps=30)


def test_three_columns_mean_seen_and_nan_rows_mean_not_seen() -> None:
    arr = np.full((4, 33, 3), 0.5)
    arr[2] = np.nan
    lm = Landmarks.from_array(arr, fps=30)
    assert lm.data.shape == (4, 33, 4)
    assert lm.visibility[:, 0].tolist() == [1.0, 1.0, 0.0, 1.0]


def test_a_short_gap_is_filled_on_the_straight_line_and_a_long_one_is_left_empty() -> None:
    frames = 40
    data = np.zeros((frames, 33, 4))
    data[:, :, 3] = 1.0
    data[:, LEFT_WRIST, 0] = np.arange(frames) * 0.01  # moves 0.01 per frame
    data[5:8, LEFT_WRIST, 3] = 0.1  # 3 barely visible frames, with wild guesses
    data[5:8, LEFT_WRIST, 0] = 0.9
    data[20:35, LEFT_WRIST, :2] = np.nan  # half a second at 30 fps: too long for 0.3 s
    out = fill_gaps(Landmarks(data, 30.0), max_gap_seconds=0.3)
    assert out.data[5:8, LEFT_WRIST, 0] == pytest.approx([0.05, 0.06, 0.07])
    assert np.isnan(out.data[20:35, LEFT_WRIST, 0]).all()
    assert (out.visibility[20:35, LEFT_WRIST] == 0).all()


def test_smoothing_removes_jitter_without_shifting_the_movement_in_time() -> None:
    fps = 30.0
    t = np.arange(600) / fps
    slow = np.sin(2 * np.pi * 0.4 * t)
    noisy = slow + np.random.default_rng(1).normal(0, 0.05, t.size)
    data = np.zeros((t.size, 33, 4))
    data[:, :, 3] = 1.0
    data[:, LEFT_WRIST, 0] = noisy
    data[300:310, LEFT_WRIST, :2] = np.nan  # a gap: each side is filtered on its own
    out = smooth(Landmarks(data, fps), cutoff_hz=4.0).data[:, LEFT_WRIST, 0]
    assert np.isnan(out[300:310]).all()
    for piece in (slice(0, 300), slice(310, None)):
        o, s, n = out[piece], slow[piece], noisy[piece]
        assert np.std(o - s) < 0.5 * np.std(n - s)
        lag = np.argmax(np.correlate(o - o.mean(), s - s.mean(), "full")) - (s.size - 1)
        assert lag == 0


def test_the_torso_length_is_the_shoulder_to_hip_distance_of_the_skeleton() -> None:
    s = make_set("squat", [RepSpec(1, 0, 1, 0)], noise=0.0)
    assert torso_length(Landmarks.from_array(s.data, fps=s.fps)) == pytest.approx(TORSO)
