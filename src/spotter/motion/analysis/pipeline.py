"""Landmarks to reps in one call: fill gaps, smooth, take the family's signal, segment.

The "generic" family (an exercise without a dedicated signal) is counted by the generic
counter (:func:`~spotter.motion.analysis.counter.count_generic`), the same one the form check
runs without an exercise: there is one generic counter.
"""

from __future__ import annotations

from spotter.motion.analysis.counter import count_generic
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
    prepared = prepare(landmarks, cutoff_hz=cutoff_hz)
    if family == "generic":
        return count_generic(prepared).analysis
    return segment_reps(primary_signal(prepared, family))
