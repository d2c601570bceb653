"""Which way the camera looks at the lifter, and which metrics it can see from there.

The camera's yaw is the angle between its line of sight and the lifter's front: 0 degrees
films the chest (or, in a push-up, the head), 90 degrees films one side. It is read from the
line joining the two shoulders (and the two hips): seen from the front it lies across the
image, from the side it points into it. BlazePose's ``z`` gives that depth directly (in the
units of ``x``); when a file has no usable ``z`` the shoulder width against the torso length
stands in (about 0.45 from the front, in BlazePose's joint-centre landmarks).

- front: yaw under 30 degrees; side: over 60; oblique: in between.

Some metrics need a view: sideways positions (knees caving in, elbows flaring, left against
right) are lost from the side; forward and backward ones (trunk swing and lean, hips sagging
in a plank, squat depth) are lost from the front. An oblique view sees both, at a slant that
the lean metrics correct for.

>>> import numpy as np
>>> from spotter.motion.analysis.landmarks import Landmarks
>>> data = np.zeros((3, 33, 4)); data[:, :, 3] = 1
>>> data[:, [11, 12], 0] = (0.56, 0.44); data[:, [23, 24], 0] = (0.54, 0.46)
>>> data[:, [23, 24], 1] = 0.25
>>> detect_view(Landmarks(data, 30.0)).name
'front'
>>> data[:, [11, 12], 2] = (-0.06, 0.06); data[:, [23, 24], 2] = (-0.04, 0.04)
>>> view = detect_view(Landmarks(data, 30.0))
>>> view.name, round(view.yaw)
('oblique', 45)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from spotter.motion.analysis import landmarks as bp
from spotter.motion.analysis.landmarks import Landmarks

ViewName = Literal["front", "side", "oblique"]

#: Shoulder width over torso length seen square from the front (BlazePose joint centres).
FRONT_WIDTH_RATIO: Final = 0.45
FRONT_MAX_YAW: Final = 30.0
SIDE_MIN_YAW: Final = 60.0

#: Metric -> the views it can be measured from (metrics not listed: every view).
NEEDS_VIEW: Final[dict[str, frozenset[str]]] = {
    "knee-valgus": frozenset({"front"}),
    "elbow-flare": frozenset({"front"}),
    "asymmetry": frozenset({"front", "oblique"}),
    "torso-swing": frozenset({"side", "oblique"}),
    "torso-drift": frozenset({"side", "oblique"}),
    "hip-sag": frozenset({"side", "oblique"}),
    "hip-pike": frozenset({"side", "oblique"}),
    "depth": frozenset({"side", "oblique"}),
}

#: Why a metric cannot be seen, for the warning.
_WHY: Final[dict[str, str]] = {
    "knee-valgus": "knees caving in show only from the front",
    "elbow-flare": "elbows flaring out show only from the front",
    "asymmetry": "left against right needs both arms in view (front or oblique)",
    "torso-swing": "a trunk swinging forward and back shows only from the side or at a slant",
    "torso-drift": "leaning further back or forward shows only from the side or at a slant",
    "hip-sag": "sagging hips show only from the side or at a slant",
    "hip-pike": "piked hips show only from the side or at a slant",
    "depth": "from the front the thighs point at the camera, so squat depth reads only from the "
    "side or at a slant",
}


@dataclass(frozen=True, slots=True)
class CameraView:
    """The camera's view of the lifter: its name and yaw in degrees (0 front, 90 side)."""

    name: ViewName
    yaw: float
    #: How the yaw was read: "depth" (BlazePose z) or "width" (shoulder width / torso).
    method: str

    def sees(self, metric: str) -> bool:
        """Whether ``metric`` can be measured from this view."""
        allowed = NEEDS_VIEW.get(metric)
        return allowed is None or self.name in allowed

    def lean_factor(self) -> float:
        """How much a forward/backward lean shrinks in the image: sin(yaw), at least 0.5."""
        return max(0.5, float(np.sin(np.radians(self.yaw))))


def hidden_warning(metric: str, view: CameraView) -> str:
    """The warning for a metric the view cannot see.

    >>> hidden_warning("knee-valgus", CameraView("side", 85.0, "depth"))
    'knee-valgus not checked from a side view: knees caving in show only from the front'
    """
    return f"{metric} not checked from a{'n' if view.name == 'oblique' else ''} {view.name} view: {_WHY.get(metric, 'not visible')}"


def _classify(yaw: float) -> ViewName:
    if yaw < FRONT_MAX_YAW:
        return "front"
    if yaw > SIDE_MIN_YAW:
        return "side"
    return "oblique"


def detect_view(lm: Landmarks) -> CameraView:
    """The camera's view over the clip (medians over the frames where the body is seen)."""
    d = lm.data
    dx: list[float] = []
    dz: list[float] = []
    for left, right in ((bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER), (bp.LEFT_HIP, bp.RIGHT_HIP)):
        seen = (d[:, left, 3] >= 0.5) & (d[:, right, 3] >= 0.5)
        if seen.sum() < 3:
            seen = np.isfinite(d[:, left, 0]) & np.isfinite(d[:, right, 0])
        if seen.sum() < 3:
            continue
        dx.append(float(np.median(np.abs(d[seen, left, 0] - d[seen, right, 0]))))
        dz.append(float(np.median(np.abs(d[seen, left, 2] - d[seen, right, 2]))))
    has_depth = bool(dz) and np.isfinite(dz).all() and max(dz) > 1e-3
    if has_depth:
        yaw = float(np.degrees(np.arctan2(sum(dz), sum(dx))))
        return CameraView(_classify(yaw), yaw, "depth")
    shoulders = np.abs(d[:, bp.LEFT_SHOULDER, :2] - d[:, bp.RIGHT_SHOULDER, :2])
    width = np.hypot(shoulders[:, 0], 0.0)
    torso = np.linalg.norm(
        lm.midpoint(bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER) - lm.midpoint(bp.LEFT_HIP, bp.RIGHT_HIP),
        axis=1,
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = float(np.nanmedian(width / torso)) if np.isfinite(width / torso).any() else 0.0
    yaw = float(np.degrees(np.arccos(np.clip(ratio / FRONT_WIDTH_RATIO, 0.0, 1.0))))
    return CameraView(_classify(yaw), yaw, "width")
