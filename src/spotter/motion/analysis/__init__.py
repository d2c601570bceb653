"""Pure motion analysis: landmarks in, signals, repetitions, phases and fault metrics out.

The pipeline is :class:`Landmarks` -> :func:`prepare` (gap filling and smoothing) ->
:func:`detect_view` -> :func:`primary_signal` -> :func:`segment_reps` -> :func:`rep_metrics` ->
:func:`detect_faults`, and :func:`reps_in_reserve` from the concentric velocities;
:func:`analyse_reps` runs the first steps in one call. Every function takes its inputs as
arguments (frames per second included) and reads nothing from the environment. numpy, scipy
and ``spotter.knowledge`` are the only imports: no pose library, OpenCV, store or CLI.
"""

from spotter.motion.analysis.effort import reps_in_reserve, velocity_loss
from spotter.motion.analysis.faults import FaultHit, detect_faults, rep_metrics
from spotter.motion.analysis.landmarks import (
    LandmarkError,
    Landmarks,
    fill_gaps,
    smooth,
    torso_length,
)
from spotter.motion.analysis.pipeline import analyse_reps, prepare
from spotter.motion.analysis.reps import Rep, RepAnalysis, segment_reps
from spotter.motion.analysis.signals import Signal, joint_angle, primary_signal
from spotter.motion.analysis.view import CameraView, detect_view

__all__ = [
    "CameraView",
    "FaultHit",
    "LandmarkError",
    "Landmarks",
    "Rep",
    "RepAnalysis",
    "Signal",
    "analyse_reps",
    "detect_faults",
    "detect_view",
    "fill_gaps",
    "joint_angle",
    "prepare",
    "primary_signal",
    "rep_metrics",
    "reps_in_reserve",
    "segment_reps",
    "smooth",
    "torso_length",
    "velocity_loss",
]
