"""Per-rep form metrics and the catalog faults they reveal.

Metrics are keys of ``vocab.FAULT_METRICS`` in their documented units, measured in the image
plane (so a lean toward or away from the camera is not seen):

- ``torso-swing``: range of torso lean within the rep, degrees;
- ``torso-drift``: how far the lean at the rep's start moved from the first rep's, degrees;
- ``elbow-flare``: forearm tilt from the torso's axis at the turn (elbows out from under the
  hands, the pulldown family), degrees, the worse side;
- ``asymmetry``: how much less one side travelled than the other, fraction of the larger;
- ``range-of-motion``: the rep's range as a fraction of the set's best (with two sides
  measured, the side that travelled further);
- ``eccentric-too-fast``: eccentric seconds; ``no-pause``: pause at the turn, seconds.

A fault is found on a rep when its metric passes the catalog threshold: above it for the
first four, below it for the last three.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from spotter.knowledge.model import FaultFacts
from spotter.motion.analysis import landmarks as bp
from spotter.motion.analysis.landmarks import Array, Landmarks
from spotter.motion.analysis.reps import RepAnalysis
from spotter.motion.analysis.signals import elbow_angles, hand_heights

#: Metrics where a fault is a value below the threshold (the rest: above).
BELOW: Final[frozenset[str]] = frozenset({"range-of-motion", "eccentric-too-fast", "no-pause"})


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
    if family in ("row", "push-up", "press", "curl"):
        return elbow_angles(lm)
    return None


def rep_metrics(lm: Landmarks, analysis: RepAnalysis, family: str) -> list[dict[str, float]]:
    """The metrics of each rep (one dict per rep, keyed by ``FAULT_METRICS``).

    ``lm`` should be the prepared (gap-filled, smoothed) landmarks the reps were found in.
    """
    lean = torso_lean(lm)
    tilt = forearm_tilt(lm)
    sides = _sides(lm, family)
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
        rep_lean = lean[whole]
        if np.isfinite(rep_lean).any():
            m["torso-swing"] = float(np.nanmax(rep_lean) - np.nanmin(rep_lean))
        at_start = lean[_frames(lm.fps, n, rep.start - 0.1, rep.start + 0.1)]
        if np.isfinite(at_start).any():
            start_lean = float(np.nanmedian(at_start))
            first_lean = start_lean if first_lean is None else first_lean
            m["torso-drift"] = abs(start_lean - first_lean)
        if family in ("pulldown", "pull-up"):
            worst = np.fmax(tilt[0][turn], tilt[1][turn])
            if np.isfinite(worst).any():
                m["elbow-flare"] = float(np.nanmedian(worst))
        if sides is not None:
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
