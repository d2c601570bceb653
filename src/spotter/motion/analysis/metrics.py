"""Per-frame body measures behind the squat and push-up metrics (image plane, pure numpy).

- :func:`knee_valgus`: how far the knees sit inside the ankles, fraction of the hip width
  (front view); 0 when they are over or outside the feet.
- :func:`hip_line_offset`: the mid-hip's distance from the shoulder-ankle line, in torso
  lengths, positive toward the floor (sagging) and negative away from it (piking; side view).
- :func:`hip_above_knee`: the mid-hip's height above the mid-knee in torso lengths; at or
  under 0 is a squat at or below parallel.
- :func:`knee_angles` and ``signals.elbow_angles`` give the lockout (180 minus the straightest
  angle of the rep).
"""

from __future__ import annotations

import numpy as np

from spotter.motion.analysis import landmarks as bp
from spotter.motion.analysis.landmarks import Array, Landmarks, scale_track


def knee_valgus(lm: Landmarks) -> Array:
    """Knees inside the ankles per frame, as a fraction of the hip width (0 if not inside).

    >>> data = np.zeros((1, 33, 4)); data[:, :, 3] = 1
    >>> data[0, [bp.LEFT_HIP, bp.RIGHT_HIP], 0] = (0.55, 0.45)
    >>> data[0, [bp.LEFT_ANKLE, bp.RIGHT_ANKLE], 0] = (0.56, 0.44)
    >>> data[0, [bp.LEFT_KNEE, bp.RIGHT_KNEE], 0] = (0.53, 0.47)
    >>> knee_valgus(Landmarks(data, 30.0)).round(6).tolist()
    [0.6]
    """
    d = lm.data
    hips = np.abs(d[:, bp.LEFT_HIP, 0] - d[:, bp.RIGHT_HIP, 0])
    knees = np.abs(d[:, bp.LEFT_KNEE, 0] - d[:, bp.RIGHT_KNEE, 0])
    ankles = np.abs(d[:, bp.LEFT_ANKLE, 0] - d[:, bp.RIGHT_ANKLE, 0])
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.maximum(ankles - knees, 0.0) / hips
    out[~np.isfinite(out)] = np.nan
    return np.asarray(out, dtype=np.float64)


def hip_line_offset(lm: Landmarks) -> Array:
    """The mid-hip's signed distance from the mid-shoulder to mid-ankle line, torso lengths.

    Positive: the hips hang below the line (toward the floor, image y down); negative: they
    are piked above it.

    >>> data = np.zeros((1, 33, 4)); data[:, :, 3] = 1
    >>> data[0, [bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER], :2] = (0.2, 0.5)
    >>> data[0, [bp.LEFT_ANKLE, bp.RIGHT_ANKLE], :2] = (0.9, 0.5)
    >>> data[0, [bp.LEFT_HIP, bp.RIGHT_HIP], :2] = (0.45, 0.55)
    >>> hip_line_offset(Landmarks(data, 30.0)).round(3).tolist()
    [0.196]
    """
    s = lm.midpoint(bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER)
    h = lm.midpoint(bp.LEFT_HIP, bp.RIGHT_HIP)
    a = lm.midpoint(bp.LEFT_ANKLE, bp.RIGHT_ANKLE)
    line = a - s
    length = np.linalg.norm(line, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        # the point on the line under (or over) the hip, and the hip's offset from it in y
        t = np.sum((h - s) * line, axis=1) / length**2
        foot = s + t[:, None] * line
        normal = np.stack([-line[:, 1], line[:, 0]], axis=1) / length[:, None]
        normal *= np.sign(normal[:, 1:2])  # the normal that points down the image
        dist = np.sum((h - foot) * normal, axis=1)
    return np.asarray(dist / scale_track(lm), dtype=np.float64)


def hip_above_knee(lm: Landmarks) -> Array:
    """Mid-hip height above the mid-knee per frame, in torso lengths (image y points down)."""
    h = lm.midpoint(bp.LEFT_HIP, bp.RIGHT_HIP)
    k = lm.midpoint(bp.LEFT_KNEE, bp.RIGHT_KNEE)
    return np.asarray((k[:, 1] - h[:, 1]) / scale_track(lm), dtype=np.float64)
