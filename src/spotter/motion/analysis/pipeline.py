"""Landmarks to reps in one call: fill gaps, smooth, take the family's signal, segment."""

from __future__ import annotations

from spotter.motion.analysis.landmarks import Landmarks, drop_lock_on, fill_gaps, smooth
from spotter.motion.analysis.reps import RepAnalysis, segment_reps
from spotter.motion.analysis.signals import primary_signal


def prepare(
    landmarks: Landmarks,
    *,
    min_visibility: float = 0.5,
    max_gap_seconds: float = 0.5,
    cutoff_hz: float = 4.0,
) -> Landmarks:
    """Landmarks ready for signals and metrics: a skeleton the model fitted to something else
    at the clip's start or end blanked (:func:`drop_lock_on`), gaps filled, smoothed."""
    filled = fill_gaps(
        drop_lock_on(landmarks), min_visibility=min_visibility, max_gap_seconds=max_gap_seconds
    )
    return smooth(filled, cutoff_hz=cutoff_hz)


def analyse_reps(landmarks: Landmarks, family: str, *, cutoff_hz: float = 4.0) -> RepAnalysis:
    """Count and time the reps of a set of ``family`` (a key of ``vocab.MOTION_FAMILIES``)."""
    return segment_reps(primary_signal(prepare(landmarks, cutoff_hz=cutoff_hz), family))
