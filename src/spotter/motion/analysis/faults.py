"""Per-rep form metrics and the catalog faults they reveal.

Metrics are keys of ``vocab.FAULT_METRICS`` in their documented units, measured in the image
plane and only where the camera's view can see them (``view.NEEDS_VIEW``):

- ``torso-swing``: range of torso lean within the rep, degrees;
- ``torso-drift``: how far the lean at the rep's start moved from the first rep's, degrees
  (both leans are divided by ``sin(yaw)`` in an oblique view, where they look smaller);
- ``elbow-flare``: forearm tilt from the torso's axis at the turn (elbows out from under the
  hands, the pulldown family), degrees, the worse side;
- ``asymmetry``: how much less one side travelled than the other, fraction of the larger;
- ``knee-valgus``: knees inside the ankles, fraction of the hip width, the worst over the
  deepest part of the rep (a narrow stance standing is not a knee caving in);
- ``hip-sag`` / ``hip-pike``: the hips below / above the shoulder-ankle line, torso lengths;
- ``lockout``: 180 degrees minus the straightest elbow (knee, for squats and lunges) angle;
- ``depth``: the hip's lowest height above the knee, torso lengths (at or under 0: parallel);
- ``range-of-motion``: the rep's range as a fraction of the set's best (with two sides
  measured, the side that travelled further);
- ``eccentric-too-fast``: eccentric seconds; ``no-pause``: pause at the turn, seconds.

A fault is found on a rep when its metric passes the catalog threshold: below it for
range, eccentric and pause, above it for the rest. Each rep also gets ``criterion``: 1 when
it reached the exercise family's standard (:data:`CRITERIA`), 0 when not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from spotter.knowledge.model import FaultFacts
from spotter.motion.analysis import landmarks as bp
from spotter.motion.analysis.landmarks import Array, Landmarks
from spotter.motion.analysis.metrics import hip_above_knee, hip_line_offset, knee_valgus
from spotter.motion.analysis.reps import RepAnalysis
from spotter.motion.analysis.signals import (
    _mean_sides,
    elbow_angles,
    hand_heights,
    knee_angles,
    shoulder_height,
)
from spotter.motion.analysis.view import CameraView

#: Metrics where a fault is a value below the threshold (the rest: above).
BELOW: Final[frozenset[str]] = frozenset({"range-of-motion", "eccentric-too-fast", "no-pause"})

#: Family -> the standard a full rep reaches, in words (checked by ``rep_metrics``).
CRITERIA: Final[dict[str, str]] = {
    "pulldown": "hands reach upper-chest level (wrists at or under the shoulders)",
    "pull-up": "chin over the bar (wrists within 0.15 torso lengths of the shoulders)",
    "squat": "hip crease at or below the knee (parallel)",
    "push-up": "elbows at 90 degrees or less (shoulders within 0.71 arm lengths of the hands)",
}


@dataclass(frozen=True, slots=True)
class FaultHit:
    """A catalog fault seen on one rep."""

    fault: str
    rep: int
    metric: str
    value: float
    threshold: float


def torso_lean(lm: Landmarks) -> Array:
    """Torso angle from vertical (mid-hip to mid-shoulder) per frame, degrees, signed.

    Positive when the shoulders are to the right of the hips in the image.

    >>> data = np.zeros((1, 33, 4)); data[:, :, 3] = 1
    >>> data[0, [bp.LEFT_HIP, bp.RIGHT_HIP], :2] = (0.5, 0.6)
    >>> data[0, [bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER], :2] = (0.6, 0.5)
    >>> torso_lean(Landmarks(data, 30.0)).round(6).tolist()
    [45.0]
    """
    up = lm.midpoint(bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER) - lm.midpoint(bp.LEFT_HIP, bp.RIGHT_HIP)
    return np.asarray(np.degrees(np.arctan2(up[:, 0], -up[:, 1])), dtype=np.float64)


def forearm_tilt(lm: Landmarks) -> tuple[Array, Array]:
    """Left and right forearm (elbow to wrist) angle from the torso's axis, degrees, 0..90.

    Measured against the torso rather than the image vertical, so that a lean is not read as
    flaring elbows.
    """
    up = lm.midpoint(bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER) - lm.midpoint(bp.LEFT_HIP, bp.RIGHT_HIP)
    out = []
    for elbow, wrist in ((bp.LEFT_ELBOW, bp.LEFT_WRIST), (bp.RIGHT_ELBOW, bp.RIGHT_WRIST)):
        v = lm.point(wrist) - lm.point(elbow)
        cross = v[:, 0] * up[:, 1] - v[:, 1] * up[:, 0]
        dot = np.sum(v * up, axis=1)
        out.append(np.degrees(np.arctan2(np.abs(cross), np.abs(dot))))
    return out[0], out[1]


def _frames(fps: float, n: int, start: float, end: float) -> slice:
    """The frames between two times (at least one)."""
    i = max(0, int(np.floor(start * fps)))
    j = min(n, int(np.ceil(end * fps)) + 1)
    return slice(i, max(j, i + 1))


def _sides(lm: Landmarks, family: str) -> tuple[Array, Array] | None:
    if family in ("pulldown", "pull-up"):
        return hand_heights(lm)
    if family in ("row", "press", "curl"):
        return elbow_angles(lm)
    return None


def _criterion(family: str, lm: Landmarks) -> tuple[Array, float] | None:
    """The signal a family's standard is read on, and the level its lowest must reach."""
    if family in ("pulldown", "pull-up"):
        return _mean_sides(*hand_heights(lm)), 0.0 if family == "pulldown" else 0.15
    if family == "squat":
        return hip_above_knee(lm), 0.0
    if family == "push-up":  # elbows at 90 degrees put the shoulders sin(45) arm lengths up
        return shoulder_height(lm), 0.71
    return None


def _lockout_angle(lm: Landmarks, family: str) -> Array | None:
    if family in ("squat", "lunge"):
        return _mean_sides(*knee_angles(lm))
    if family in ("push-up", "press", "pull-up", "pulldown"):
        return _mean_sides(*elbow_angles(lm))
    return None


def rep_metrics(
    lm: Landmarks,
    analysis: RepAnalysis,
    family: str,
    view: CameraView | None = None,
    *,
    skip: frozenset[str] = frozenset(),
) -> list[dict[str, float]]:
    """The metrics of each rep (one dict per rep, keyed by ``FAULT_METRICS``).

    ``lm`` should be the prepared (gap-filled, smoothed) landmarks the reps were found in.
    With a ``view``, metrics it cannot see are left out; without one, all are measured.
    Metrics in ``skip`` are left out too.
    """

    def sees(metric: str) -> bool:
        return metric not in skip and (view is None or view.sees(metric))

    lean_scale = 1.0 / view.lean_factor() if view is not None and view.name == "oblique" else 1.0
    lean = torso_lean(lm) * lean_scale
    tilt = forearm_tilt(lm)
    sides = _sides(lm, family)
    lock = _lockout_angle(lm, family)
    legs = family in ("squat", "lunge")
    valgus = knee_valgus(lm) if legs and sees("knee-valgus") else None
    plank = family == "push-up"
    hip_line = hip_line_offset(lm) if plank else None
    depth = hip_above_knee(lm) if family == "squat" and sees("depth") else None
    standard = _criterion(family, lm) if family != "squat" or depth is not None else None
    n = lm.n_frames
    out: list[dict[str, float]] = []
    first_lean: float | None = None
    for rep in analysis.reps:
        whole = _frames(lm.fps, n, rep.start, rep.end)
        reached = rep.start + rep.first_phase
        left = rep.end - rep.second_phase
        turn = _frames(lm.fps, n, reached, max(reached, left))
        m: dict[str, float] = {
            "range-of-motion": rep.range_of_motion,
            "eccentric-too-fast": rep.eccentric,
            "no-pause": rep.pause_at_turn,
        }
        if not rep.whole and rep.first_phase_name == "eccentric":
            del m["eccentric-too-fast"]  # the clip starts partway down: not its real length
        rep_lean = lean[whole]
        if sees("torso-swing") and np.isfinite(rep_lean).any():
            m["torso-swing"] = float(np.nanmax(rep_lean) - np.nanmin(rep_lean))
        at_start = lean[_frames(lm.fps, n, rep.start - 0.1, rep.start + 0.1)]
        if sees("torso-drift") and np.isfinite(at_start).any():
            start_lean = float(np.nanmedian(at_start))
            first_lean = start_lean if first_lean is None else first_lean
            m["torso-drift"] = abs(start_lean - first_lean)
        if family in ("pulldown", "pull-up") and sees("elbow-flare"):
            worst = np.fmax(tilt[0][turn], tilt[1][turn])
            if np.isfinite(worst).any():
                m["elbow-flare"] = float(np.nanmedian(worst))
        # knees caving in matter where they bend: the deepest part of the rep, from the last
        # quarter of the way down to the first quarter of the way up
        bent = _frames(lm.fps, n, reached - rep.first_phase / 4, left + rep.second_phase / 4)
        if valgus is not None and np.isfinite(valgus[bent]).any():
            m["knee-valgus"] = float(np.nanmax(valgus[bent]))
        if hip_line is not None and np.isfinite(hip_line[whole]).any():
            if sees("hip-sag"):
                m["hip-sag"] = max(0.0, float(np.nanmax(hip_line[whole])))
            if sees("hip-pike"):
                m["hip-pike"] = max(0.0, -float(np.nanmin(hip_line[whole])))
        if depth is not None and np.isfinite(depth[whole]).any():
            m["depth"] = float(np.nanmin(depth[whole]))
        if lock is not None and np.isfinite(lock[whole]).any():
            m["lockout"] = 180.0 - float(np.nanmax(lock[whole]))
        if standard is not None and np.isfinite(standard[0][whole]).any():
            m["criterion"] = float(float(np.nanmin(standard[0][whole])) <= standard[1])
        if sides is not None and sees("asymmetry"):
            ranges = [float(np.nanmax(s[whole]) - np.nanmin(s[whole])) for s in sides]
            if all(np.isfinite(ranges)) and max(ranges) > 0:
                m["asymmetry"] = abs(ranges[0] - ranges[1]) / max(ranges)
                m["side-range"] = max(ranges)
        out.append(m)
    # With two sides, the range is the better side's: an uneven pull is not a short one.
    side_ranges = [m["side-range"] for m in out if "side-range" in m]
    if side_ranges and len(side_ranges) == len(out):
        best = max(side_ranges)
        for m in out:
            m["range-of-motion"] = m.pop("side-range") / best
    for m in out:
        m.pop("side-range", None)
    return out


def detect_faults(
    metrics: list[dict[str, float]], faults: tuple[FaultFacts, ...]
) -> list[FaultHit]:
    """The catalog faults each rep shows: its metric past the fault's threshold.

    >>> f = (FaultFacts("swinging", True, "torso-swing", 15.0),)
    >>> [h.rep for h in detect_faults([{"torso-swing": 4.0}, {"torso-swing": 21.0}], f)]
    [2]
    """
    hits: list[FaultHit] = []
    for i, m in enumerate(metrics, start=1):
        for fault in faults:
            if fault.metric is None or fault.threshold is None or fault.metric not in m:
                continue
            value = m[fault.metric]
            bad = value < fault.threshold if fault.metric in BELOW else value > fault.threshold
            if bad:
                hits.append(FaultHit(fault.id, i, fault.metric, value, fault.threshold))
    return hits
