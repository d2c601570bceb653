"""Primary signals read the generator's known geometry."""

from __future__ import annotations

import numpy as np
import pytest
from motion_synth import PULLDOWN_HAND_HEIGHT, SQUAT_HIP_HEIGHT, RepSpec, make_set

from spotter.motion.analysis.landmarks import LandmarkError, Landmarks
from spotter.motion.analysis.signals import joint_angle, primary_signal


def _at(values: np.ndarray, fps: float, seconds: float) -> float:
    return float(values[round(seconds * fps)])


def test_pulldown_hand_height_goes_from_overhead_to_the_upper_chest() -> None:
    s = make_set("pulldown", [RepSpec(2, 1, 2, 0)], idle_before=1, idle_after=1)
    sig = primary_signal(Landmarks.from_array(s.data, fps=s.fps), "pulldown")
    overhead, chest = PULLDOWN_HAND_HEIGHT
    assert _at(sig.values, s.fps, 0.5) == pytest.approx(overhead)
    assert _at(sig.values, s.fps, 3.5) == pytest.approx(chest)
    assert sig.start_high is True
    assert sig.first_phase == "concentric"


def test_squat_hip_height_goes_from_standing_to_the_bottom() -> None:
    s = make_set("squat", [RepSpec(2, 1, 2, 0)], idle_before=1, idle_after=1)
    sig = primary_signal(Landmarks.from_array(s.data, fps=s.fps), "squat")
    standing, bottom = SQUAT_HIP_HEIGHT
    assert _at(sig.values, s.fps, 0.5) == pytest.approx(standing)
    assert _at(sig.values, s.fps, 3.5) == pytest.approx(bottom)
    assert sig.first_phase == "eccentric"


def test_a_right_angle_measures_ninety_degrees_and_a_straight_line_180() -> None:
    a = np.array([[0.0, 1.0], [0.0, 1.0]])
    b = np.array([[0.0, 0.0], [0.0, 0.0]])
    c = np.array([[1.0, 0.0], [0.0, -2.0]])
    assert joint_angle(a, b, c).tolist() == pytest.approx([90.0, 180.0])


def test_the_generic_signal_follows_the_dominant_motion() -> None:
    s = make_set("squat", [RepSpec(1.5, 0.5, 1.5, 0.5)] * 4, noise=0.001)
    sig = primary_signal(Landmarks.from_array(s.data, fps=s.fps), "generic")
    hips = primary_signal(Landmarks.from_array(s.data, fps=s.fps), "squat").values
    assert abs(np.corrcoef(sig.values, hips)[0, 1]) > 0.98


def test_an_unknown_family_is_refused_with_the_known_ones() -> None:
    lm = Landmarks.from_array(np.zeros((3, 33, 3)), fps=30)
    with pytest.raises(LandmarkError, match="expected one of: pulldown"):
        primary_signal(lm, "juggling")


def test_every_catalog_exercise_has_a_signal_for_its_motion_family(catalog) -> None:  # type: ignore[no-untyped-def]
    from spotter.motion.analysis.signals import FAMILY_SIGNALS

    families = {ex.facts.motion_family for ex in catalog.all()}
    assert families <= set(FAMILY_SIGNALS)
    s = make_set("squat", [RepSpec(1.5, 0.5, 1.5, 0.5)] * 2, noise=0.001, view="oblique")
    lm = Landmarks.from_array(s.data, fps=s.fps)
    for family in sorted(families):
        assert np.isfinite(primary_signal(lm, family).values).mean() > 0.9, family


def test_push_up_shoulder_height_reads_the_same_from_the_side_and_the_head_end() -> None:
    from motion_synth import PUSHUP_BOTTOM, PUSHUP_TOP

    spec = [RepSpec(2, 1, 2, 0)]
    for view in ("side", "front"):
        s = make_set("push-up", spec, idle_before=1, idle_after=1, view=view)
        sig = primary_signal(Landmarks.from_array(s.data, fps=s.fps), "push-up")
        # shoulder height above the hands in arm lengths (the arm is straight at the top)
        assert _at(sig.values, s.fps, 0.5) == pytest.approx(1.0, abs=0.01)
        assert _at(sig.values, s.fps, 3.5) == pytest.approx(PUSHUP_BOTTOM / PUSHUP_TOP, abs=0.01)
