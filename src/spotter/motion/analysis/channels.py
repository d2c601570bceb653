"""Body signals that may carry a repetition: joint positions and joint angles, in one unit.

A generic counter does not know which body part repeats, so it looks at all of them: the nose's
image x and y; for each left/right pair of joints (shoulders, elbows, wrists, hips, knees,
ankles) the x and y of its midpoint and its width, which a left/right swap by the pose model
leaves unchanged; and four joint angles (elbows, shoulders, hips, knees; the two sides
averaged). Positions are divided by the body's scale (:func:`body_scale`). An angle is turned
into the distance its distal joint travels, the angle in radians times the distal segment's own
measured length (arc length): an elbow that bends by one radian moves the wrist by one forearm.
So every channel is in body lengths, and a channel's size says how much of the body moves,
whatever the joint.

A joint that is not seen in a frame (or lies outside the picture, where the pose model only
guesses it) is NaN there; joints seen in fewer than a third of the frames are left out.

>>> import numpy as np
>>> from spotter.motion.analysis.landmarks import Landmarks
>>> data = np.zeros((40, 33, 3)); data[:, :, :2] = 0.5
>>> data[:, 11:13, 1] = 0.3; data[:, 23:25, 1] = 0.6  # a torso 0.3 long
>>> data[:, 15, 1] = 0.5 + 0.06 * np.sin(np.arange(40) / 3)  # the left wrist bobs
>>> ch = motion_channels(Landmarks.from_array(data, fps=30))
>>> ch.scale, round(float(np.ptp(ch.values[:, ch.names.index("wrists y")])), 2)
(0.3, 0.2)
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from spotter.motion.analysis import landmarks as bp
from spotter.motion.analysis.landmarks import Array, LandmarkError, Landmarks, torso_lengths
from spotter.motion.analysis.signals import joint_angle

#: Left/right joint pairs. The pose model swaps a person's left and right now and then, so
#: each pair is read by what a swap leaves unchanged: its midpoint and its width.
PAIRS: Final[dict[str, tuple[int, int]]] = {
    "shoulders": (bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER),
    "elbows": (bp.LEFT_ELBOW, bp.RIGHT_ELBOW),
    "wrists": (bp.LEFT_WRIST, bp.RIGHT_WRIST),
    "hips": (bp.LEFT_HIP, bp.RIGHT_HIP),
    "knees": (bp.LEFT_KNEE, bp.RIGHT_KNEE),
    "ankles": (bp.LEFT_ANKLE, bp.RIGHT_ANKLE),
}
#: Joint angles (a, vertex, distal end) per side; the two sides' arcs are averaged.
ANGLES: Final[dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]]] = {
    "elbow angle": (
        (bp.LEFT_SHOULDER, bp.LEFT_ELBOW, bp.LEFT_WRIST),
        (bp.RIGHT_SHOULDER, bp.RIGHT_ELBOW, bp.RIGHT_WRIST),
    ),
    "shoulder angle": (
        (bp.LEFT_HIP, bp.LEFT_SHOULDER, bp.LEFT_ELBOW),
        (bp.RIGHT_HIP, bp.RIGHT_SHOULDER, bp.RIGHT_ELBOW),
    ),
    "hip angle": (
        (bp.LEFT_SHOULDER, bp.LEFT_HIP, bp.LEFT_KNEE),
        (bp.RIGHT_SHOULDER, bp.RIGHT_HIP, bp.RIGHT_KNEE),
    ),
    "knee angle": (
        (bp.LEFT_HIP, bp.LEFT_KNEE, bp.LEFT_ANKLE),
        (bp.RIGHT_HIP, bp.RIGHT_KNEE, bp.RIGHT_ANKLE),
    ),
}
_BODY: Final = [bp.NOSE, *(j for pair in PAIRS.values() for j in pair)]
#: Shoulder-to-hip length as a share of standing height (anthropometric tables put the
#: shoulder at about 0.82 and the hip joint at about 0.53 of stature): the scale's fallback.
TORSO_PER_HEIGHT: Final = 0.29
#: A joint must be seen in at least this share of the frames to be a channel.
MIN_SEEN: Final = 1 / 3


@dataclass(frozen=True, slots=True)
class Channels:
    """Per-frame body signals (frames, channels) in body lengths, NaN where not seen."""

    values: Array
    names: tuple[str, ...]
    #: Image units per body length (the torso, or its stand-in).
    scale: float
    #: Frames in which a person was seen at all.
    present: NDArray[np.bool_]


def body_scale(lm: Landmarks) -> float:
    """The torso's length in image units, or, when shoulders and hips are never both seen,
    :data:`TORSO_PER_HEIGHT` times the longest extent of the seen joints (a body's length).

    >>> data = np.full((5, 33, 3), np.nan); data[:, 13:17, :] = 0.2  # only the arms, ...
    >>> data[:, 15, 1] = 0.8  # ... a wrist 0.6 below the elbow
    >>> round(body_scale(Landmarks.from_array(data, fps=30)), 3)
    0.174
    """
    lengths = torso_lengths(lm)
    lengths = lengths[np.isfinite(lengths)]
    if lengths.size and float(np.median(lengths)) > 0:
        return float(np.median(lengths))
    xy = lm.xy[:, _BODY]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # frames without a person
        extent = np.nanmax(np.nanmax(xy, axis=1) - np.nanmin(xy, axis=1), axis=1)
    extent = extent[np.isfinite(extent) & (extent > 0)]
    if extent.size == 0:
        raise LandmarkError("no person is seen in any frame: nothing to count")
    return TORSO_PER_HEIGHT * float(np.percentile(extent, 90))


def motion_channels(lm: Landmarks) -> Channels:
    """Joint positions and angle arcs of every joint seen often enough, in body lengths."""
    scale = body_scale(lm)
    column = {j: k for k, j in enumerate(_BODY)}
    xy = lm.xy[:, _BODY] / scale  # only the joints used, in body lengths
    with np.errstate(invalid="ignore"):
        outside = ~((lm.xy[:, _BODY] >= 0.0) & (lm.xy[:, _BODY] <= 1.0)).all(axis=2)
    xy[outside] = np.nan
    seen = np.isfinite(xy).all(axis=2)
    present = seen.any(axis=1)
    columns: list[Array] = []
    names: list[str] = []

    def add(name: str, values: Array) -> None:
        if np.isfinite(values).mean() >= MIN_SEEN:
            columns.append(values)
            names.append(name)

    def at(joint: int) -> Array:
        return np.asarray(xy[:, column[joint]], dtype=np.float64)

    add("nose x", at(bp.NOSE)[:, 0])
    add("nose y", at(bp.NOSE)[:, 1])
    for name, (left, right) in PAIRS.items():
        _pair(add, name, at(left), at(right))
    for name, sides in ANGLES.items():
        arcs = []
        for a, b, c in sides:
            both = seen[:, column[a]] & seen[:, column[b]] & seen[:, column[c]]
            segment = np.linalg.norm(at(c) - at(b), axis=1)
            length = float(np.median(segment[both])) if both.any() else 0.0
            angle = np.radians(joint_angle(at(a), at(b), at(c)))
            arcs.append(np.where(both, angle * length, np.nan) if length > 0 else angle * np.nan)
        _pair(add, name, arcs[0][:, None], arcs[1][:, None])
    if not columns:
        raise LandmarkError("no joint is seen in a third of the frames or more: nothing to count")
    return Channels(np.stack(columns, axis=1), tuple(names), scale, present)


def _pair(add: Callable[[str, Array], None], name: str, left: Array, right: Array) -> None:
    """Channels of a left/right pair (frames, d): midpoint and width where both sides are seen.

    A midpoint from one side in some frames and from both in others would jump by half the
    width each time a side comes and goes, so frames with one side only are left out (NaN,
    filled later from their neighbours). When both are seen together too rarely (a side view
    hides the far side), the better-seen side stands alone.
    """
    ok_l, ok_r = np.isfinite(left).all(axis=1), np.isfinite(right).all(axis=1)
    both = ok_l & ok_r
    if both.mean() >= MIN_SEEN:
        mid = np.where(both[:, None], (left + right) / 2, np.nan)
        axes = ("x", "y") if mid.shape[1] == 2 else ("",)
        for k, axis in enumerate(axes):
            add(f"{name} {axis}".strip(), mid[:, k])
        if mid.shape[1] == 2:
            add(f"{name} width", np.where(both, np.linalg.norm(left - right, axis=1), np.nan))
        return
    side, label = (left, "left") if ok_l.mean() >= ok_r.mean() else (right, "right")
    axes = ("x", "y") if side.shape[1] == 2 else ("",)
    for k, axis in enumerate(axes):
        add(f"{label} {name} {axis}".strip(), side[:, k])
