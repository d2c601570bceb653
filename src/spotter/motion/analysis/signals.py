"""The one-dimensional signal that a family of exercises moves along, and joint angles.

Each motion family has a primary signal whose extremes are the start and the turn of a rep:

- pulldown, pull-up, row: hand height above the shoulders, in torso lengths;
- squat, lunge: hip height above the ankles, in torso lengths;
- hinge: hip angle (shoulder-hip-knee), degrees;
- push-up: shoulder height above the hands, in arm lengths (it reads the same from the side
  and from the head end, where a bending elbow points away from the camera);
- press: elbow angle (shoulder-elbow-wrist), degrees;
- curl: elbow angle; raise: shoulder angle (hip-shoulder-wrist), degrees;
- generic (any other exercise): the generic counter's repeating component (the direction in
  joint positions and angles that best repeats itself after one period; ``counter``).

Image y points downward, so heights are computed as ``upper - lower`` on y.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from spotter.knowledge.vocab import MOTION_FAMILIES
from spotter.motion.analysis import landmarks as bp
from spotter.motion.analysis.landmarks import Array, LandmarkError, Landmarks, scale_track

FirstPhase = Literal["concentric", "eccentric"]


@dataclass(frozen=True, slots=True)
class Signal:
    """A primary signal: one value per frame, with what its start position and first phase are."""

    name: str
    values: Array
    fps: float
    #: Whether the rep starts at the signal's high end (True) or its low end (False);
    #: None means unknown (the generic signal): segmentation then decides from the data.
    start_high: bool | None
    #: The phase that moves away from the start position.
    first_phase: FirstPhase
    unit: str


@dataclass(frozen=True, slots=True)
class _FamilySpec:
    signal: str
    start_high: bool | None
    first_phase: FirstPhase


#: Family -> (signal, start at the high end?, first phase).
FAMILY_SIGNALS: Final[dict[str, _FamilySpec]] = {
    "pulldown": _FamilySpec("hand-height", True, "concentric"),
    "pull-up": _FamilySpec("hand-height", True, "concentric"),
    "row": _FamilySpec("elbow-angle", True, "concentric"),
    "squat": _FamilySpec("hip-height", True, "eccentric"),
    "lunge": _FamilySpec("hip-height", True, "eccentric"),
    "hinge": _FamilySpec("hip-angle", True, "eccentric"),
    "push-up": _FamilySpec("shoulder-height", True, "eccentric"),
    "press": _FamilySpec("elbow-angle", None, "concentric"),
    "curl": _FamilySpec("elbow-angle", True, "concentric"),
    "raise": _FamilySpec("shoulder-angle", False, "concentric"),
    "generic": _FamilySpec("repeating component", None, "concentric"),
}


def joint_angle(a: Array, b: Array, c: Array) -> Array:
    """The angle at ``b`` between ``b->a`` and ``b->c`` in degrees, per frame (2-D points).

    >>> a = np.array([[1.0, 0.0]]); b = np.array([[0.0, 0.0]]); c = np.array([[0.0, 1.0]])
    >>> joint_angle(a, b, c).round(6).tolist()
    [90.0]
    """
    u = a - b
    v = c - b
    dot = np.sum(u * v, axis=1)
    norms = np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.clip(dot / norms, -1.0, 1.0)
    return np.asarray(np.degrees(np.arccos(cos)), dtype=np.float64)


def _mean_sides(left: Array, right: Array) -> Array:
    """The mean of the two sides where both are seen, else the one that is."""
    both = np.stack([left, right])
    out = np.full(left.shape, np.nan)
    seen = np.isfinite(both).any(axis=0)
    out[seen] = np.nanmean(both[:, seen], axis=0)
    return out


def elbow_angles(lm: Landmarks) -> tuple[Array, Array]:
    """Left and right elbow angles (shoulder-elbow-wrist), degrees; 180 is a straight arm."""
    left = joint_angle(lm.point(bp.LEFT_SHOULDER), lm.point(bp.LEFT_ELBOW), lm.point(bp.LEFT_WRIST))
    right = joint_angle(
        lm.point(bp.RIGHT_SHOULDER), lm.point(bp.RIGHT_ELBOW), lm.point(bp.RIGHT_WRIST)
    )
    return left, right


def knee_angles(lm: Landmarks) -> tuple[Array, Array]:
    """Left and right knee angles (hip-knee-ankle), degrees; 180 is a straight leg."""
    left = joint_angle(lm.point(bp.LEFT_HIP), lm.point(bp.LEFT_KNEE), lm.point(bp.LEFT_ANKLE))
    right = joint_angle(lm.point(bp.RIGHT_HIP), lm.point(bp.RIGHT_KNEE), lm.point(bp.RIGHT_ANKLE))
    return left, right


def torso_axis(lm: Landmarks) -> Array:
    """The unit vector from mid-hip to mid-shoulder per frame (frames, 2).

    Where the hips are not seen, or lie outside the picture (where the model only guesses
    them), the image's upward direction stands in.
    """
    up = lm.midpoint(bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER) - lm.midpoint(bp.LEFT_HIP, bp.RIGHT_HIP)
    with np.errstate(invalid="ignore", divide="ignore"):
        axis = np.asarray(up / np.linalg.norm(up, axis=1, keepdims=True), dtype=np.float64)
    torso = (bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER, bp.LEFT_HIP, bp.RIGHT_HIP)
    axis[~np.isfinite(axis).all(axis=1) | ~bp.in_frame(lm, *torso)] = (0.0, -1.0)
    return axis


def hand_heights(lm: Landmarks) -> tuple[Array, Array]:
    """Left and right wrist height above the shoulder of its side, in torso lengths.

    Height is measured along the torso's axis, so leaning or swinging the trunk does not move
    the hands relative to the shoulders.
    """
    scale = scale_track(lm)
    up = torso_axis(lm)
    left = np.sum((lm.point(bp.LEFT_WRIST) - lm.point(bp.LEFT_SHOULDER)) * up, axis=1) / scale
    right = np.sum((lm.point(bp.RIGHT_WRIST) - lm.point(bp.RIGHT_SHOULDER)) * up, axis=1) / scale
    return left, right


def hip_height(lm: Landmarks) -> Array:
    """Mid-hip height above the mid-ankle, in torso lengths."""
    hips = lm.midpoint(bp.LEFT_HIP, bp.RIGHT_HIP)
    ankles = lm.midpoint(bp.LEFT_ANKLE, bp.RIGHT_ANKLE)
    return np.asarray((ankles[:, 1] - hips[:, 1]) / scale_track(lm), dtype=np.float64)


def arm_length(lm: Landmarks) -> float:
    """The arm's length (shoulder to elbow to wrist), the 90th percentile over both arms.

    A bent or foreshortened arm looks shorter, never longer, so a high percentile reads the
    arm's real length in image units.
    """
    lengths = []
    for s, e, w in (
        (bp.LEFT_SHOULDER, bp.LEFT_ELBOW, bp.LEFT_WRIST),
        (bp.RIGHT_SHOULDER, bp.RIGHT_ELBOW, bp.RIGHT_WRIST),
    ):
        upper = np.linalg.norm(lm.point(e) - lm.point(s), axis=1)
        fore = np.linalg.norm(lm.point(w) - lm.point(e), axis=1)
        lengths.append(upper + fore)
    both = np.concatenate(lengths)
    both = both[np.isfinite(both) & (both > 0)]
    if both.size == 0:
        raise LandmarkError("the arms are never visible: cannot measure the push-up")
    return float(np.percentile(both, 90))


def shoulder_height(lm: Landmarks) -> Array:
    """Mid-shoulder height above the mid-wrist (hands on the floor), in arm lengths."""
    shoulders = lm.midpoint(bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER)
    wrists = lm.midpoint(bp.LEFT_WRIST, bp.RIGHT_WRIST)
    return np.asarray((wrists[:, 1] - shoulders[:, 1]) / arm_length(lm), dtype=np.float64)


def hip_angle(lm: Landmarks) -> Array:
    """Hip angle (shoulder-hip-knee, both sides averaged), degrees; 180 is standing tall."""
    left = joint_angle(lm.point(bp.LEFT_SHOULDER), lm.point(bp.LEFT_HIP), lm.point(bp.LEFT_KNEE))
    right = joint_angle(
        lm.point(bp.RIGHT_SHOULDER), lm.point(bp.RIGHT_HIP), lm.point(bp.RIGHT_KNEE)
    )
    return _mean_sides(left, right)


def shoulder_angle(lm: Landmarks) -> Array:
    """Arm elevation (hip-shoulder-wrist, both sides averaged), degrees; 0 is arms down."""
    left = joint_angle(lm.point(bp.LEFT_HIP), lm.point(bp.LEFT_SHOULDER), lm.point(bp.LEFT_WRIST))
    right = joint_angle(
        lm.point(bp.RIGHT_HIP), lm.point(bp.RIGHT_SHOULDER), lm.point(bp.RIGHT_WRIST)
    )
    return _mean_sides(left, right)


def _values(lm: Landmarks, name: str) -> tuple[Array, str]:
    if name == "hand-height":
        return _mean_sides(*hand_heights(lm)), "torso lengths"
    if name == "hip-height":
        return hip_height(lm), "torso lengths"
    if name == "shoulder-height":
        return shoulder_height(lm), "arm lengths"
    if name == "elbow-angle":
        return _mean_sides(*elbow_angles(lm)), "degrees"
    if name == "hip-angle":
        return hip_angle(lm), "degrees"
    return shoulder_angle(lm), "degrees"


def primary_signal(lm: Landmarks, family: str) -> Signal:
    """The family's primary signal for these landmarks.

    >>> primary_signal(Landmarks.from_array(np.zeros((3, 33, 3)), fps=30), "juggling")
    Traceback (most recent call last):
    ...
    spotter.motion.analysis.landmarks.LandmarkError: unknown motion family 'juggling'; expected one of: pulldown, pull-up, row, squat, lunge, hinge, push-up, press, curl, raise, generic
    """
    if family not in FAMILY_SIGNALS:
        raise LandmarkError(
            f"unknown motion family {family!r}; expected one of: {', '.join(MOTION_FAMILIES)}"
        )
    if family == "generic":
        # one generic counter: the same signal it counts on. Imported here because the
        # counter builds on this module (its Signal and joint angles).
        from spotter.motion.analysis.counter import count_generic

        return count_generic(lm).signal
    spec = FAMILY_SIGNALS[family]
    values, unit = _values(lm, spec.signal)
    return Signal(spec.signal, values, lm.fps, spec.start_high, spec.first_phase, unit)
