"""BlazePose landmarks: the container, its validation, gap filling, smoothing and scale.

Landmarks are MediaPipe BlazePose's 33 points per frame, each ``x, y, z, visibility`` in
normalised image coordinates (x to the right, y downward, both 0..1). A frame without a
person is a row of NaN.

>>> import numpy as np
>>> lm = Landmarks.from_array(np.zeros((10, 33, 3)), fps=30)
>>> lm.n_frames, lm.duration
(10, 0.3333333333333333)
>>> float(lm.visibility[0, NOSE])
1.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import butter, filtfilt  # type: ignore[import-untyped]

from spotter.errors import SpotterError

Array = NDArray[np.float64]

N_LANDMARKS: Final = 33
NOSE: Final = 0
LEFT_EYE: Final = 2
RIGHT_EYE: Final = 5
LEFT_EAR: Final = 7
RIGHT_EAR: Final = 8
LEFT_SHOULDER: Final = 11
RIGHT_SHOULDER: Final = 12
LEFT_ELBOW: Final = 13
RIGHT_ELBOW: Final = 14
LEFT_WRIST: Final = 15
RIGHT_WRIST: Final = 16
LEFT_PINKY: Final = 17
RIGHT_PINKY: Final = 18
LEFT_INDEX: Final = 19
RIGHT_INDEX: Final = 20
LEFT_THUMB: Final = 21
RIGHT_THUMB: Final = 22
LEFT_HIP: Final = 23
RIGHT_HIP: Final = 24
LEFT_KNEE: Final = 25
RIGHT_KNEE: Final = 26
LEFT_ANKLE: Final = 27
RIGHT_ANKLE: Final = 28
LEFT_HEEL: Final = 29
RIGHT_HEEL: Final = 30
LEFT_FOOT_INDEX: Final = 31
RIGHT_FOOT_INDEX: Final = 32


class LandmarkError(SpotterError, ValueError):
    """Landmarks that cannot be analysed; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class Landmarks:
    """A clip's landmarks: an array (frames, 33, 4) of x, y, z, visibility and the frame rate.

    Build it with :meth:`from_array`, which validates and accepts (frames, 33, 3) too.
    """

    data: Array
    fps: float

    def __post_init__(self) -> None:
        if self.data.ndim != 3 or self.data.shape[1:] != (N_LANDMARKS, 4):
            raise LandmarkError(
                f"landmarks must have shape (frames, {N_LANDMARKS}, 4), got {self.data.shape}"
            )
        if not np.isfinite(self.fps) or self.fps <= 0:
            raise LandmarkError(f"fps must be a positive number, got {self.fps}")

    @classmethod
    def from_array(cls, array: ArrayLike, *, fps: float) -> Landmarks:
        """Validate an array (frames, 33, 3 or 4); missing visibility counts as 1, NaN rows as 0.

        >>> Landmarks.from_array(np.zeros((5, 17, 3)), fps=30)
        Traceback (most recent call last):
        ...
        spotter.motion.analysis.landmarks.LandmarkError: landmarks must have shape (frames, 33, 3) or (frames, 33, 4) (x, y, z[, visibility] per BlazePose landmark), got (5, 17, 3)
        """
        try:
            arr = np.array(array, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise LandmarkError(f"landmarks must be numbers: {exc}") from None
        if arr.ndim != 3 or arr.shape[1] != N_LANDMARKS or arr.shape[2] not in (3, 4):
            raise LandmarkError(
                f"landmarks must have shape (frames, {N_LANDMARKS}, 3) or (frames, "
                f"{N_LANDMARKS}, 4) (x, y, z[, visibility] per BlazePose landmark), "
                f"got {arr.shape}"
            )
        if arr.shape[0] < 2:
            raise LandmarkError(f"landmarks need at least 2 frames, got {arr.shape[0]}")
        if arr.shape[2] == 3:
            vis = np.ones((*arr.shape[:2], 1))
            arr = np.concatenate([arr, vis], axis=2)
        missing = ~np.isfinite(arr[:, :, :2]).all(axis=2)
        arr[missing, 3] = 0.0
        arr[~np.isfinite(arr[:, :, 3]), 3] = 0.0
        return cls(arr, float(fps))

    @property
    def n_frames(self) -> int:
        return int(self.data.shape[0])

    @property
    def duration(self) -> float:
        """Seconds covered by the frames."""
        return self.n_frames / self.fps

    @property
    def times(self) -> Array:
        """The time of each frame in seconds, starting at 0."""
        return np.arange(self.n_frames, dtype=np.float64) / self.fps

    @property
    def xy(self) -> Array:
        """Image coordinates (frames, 33, 2)."""
        return self.data[:, :, :2]

    @property
    def visibility(self) -> Array:
        """Visibility (frames, 33), 0 for landmarks that were not seen."""
        return self.data[:, :, 3]

    def point(self, index: int) -> Array:
        """One landmark's x, y over time (frames, 2)."""
        return self.data[:, index, :2]

    def midpoint(self, left: int, right: int) -> Array:
        """The midpoint of a left/right pair of landmarks over time (frames, 2)."""
        return (self.data[:, left, :2] + self.data[:, right, :2]) / 2.0


def _interpolate_gaps(values: Array, bad: NDArray[np.bool_], max_gap: int) -> Array:
    """Linearly interpolate runs of ``bad`` samples no longer than ``max_gap``; others -> NaN."""
    out = values.copy()
    out[bad] = np.nan
    good = np.flatnonzero(~bad)
    if good.size == 0:
        return out
    idx = np.arange(values.size)
    filled = np.interp(idx, good, values[good])
    edges = np.diff(np.concatenate([[0], bad.astype(np.int8), [0]]))
    for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        if end - start <= max_gap:
            out[start:end] = filled[start:end]
    return out


def fill_gaps(
    landmarks: Landmarks, *, min_visibility: float = 0.5, max_gap_seconds: float = 0.5
) -> Landmarks:
    """Interpolate landmarks that were missing or barely visible, over gaps up to a limit.

    A landmark counts as missing in a frame when its x or y is NaN or its visibility is below
    ``min_visibility``. Gaps up to ``max_gap_seconds`` are filled linearly from the frames on
    either side (or held at the edges); longer gaps stay NaN. Filled points get the visibility
    ``min_visibility`` so that later steps can tell them apart.

    >>> data = np.zeros((5, 33, 4)); data[:, :, 3] = 1.0
    >>> data[:, 0, 0] = [0.0, 1.0, np.nan, 3.0, 4.0]
    >>> out = fill_gaps(Landmarks(data, 10.0))
    >>> out.data[:, 0, 0].tolist(), float(out.data[2, 0, 3])
    ([0.0, 1.0, 2.0, 3.0, 4.0], 0.5)
    """
    max_gap = max(round(max_gap_seconds * landmarks.fps), 0)
    data = landmarks.data.copy()
    for j in range(N_LANDMARKS):
        bad = (~np.isfinite(data[:, j, :3]).any(axis=1)) | (data[:, j, 3] < min_visibility)
        bad = bad | ~np.isfinite(data[:, j, :2]).all(axis=1)
        if not bad.any():
            continue
        for c in range(3):
            data[:, j, c] = _interpolate_gaps(data[:, j, c], bad, max_gap)
        refilled = bad & np.isfinite(data[:, j, 0])
        data[refilled, j, 3] = min_visibility
        data[bad & ~refilled, j, 3] = 0.0
    return Landmarks(data, landmarks.fps)


def lowpass(values: Array, *, fps: float, cutoff_hz: float = 4.0, order: int = 2) -> Array:
    """Zero-phase Butterworth low-pass of a 1-D series; NaN runs split it into pieces.

    Pieces too short for the filter are left as they are.

    >>> t = np.arange(300) / 30.0
    >>> slow = np.sin(2 * np.pi * 0.5 * t); fast = 0.2 * np.sin(2 * np.pi * 12 * t)
    >>> out = lowpass(slow + fast, fps=30.0)
    >>> bool(np.abs(out - slow)[30:-30].max() < 0.02)
    True
    """
    nyquist = fps / 2.0
    if cutoff_hz >= nyquist:
        return values.copy()
    b, a = butter(order, cutoff_hz / nyquist)
    pad = 3 * max(len(a), len(b))
    out = values.astype(np.float64, copy=True)
    finite = np.isfinite(values)
    i, n = 0, values.size
    while i < n:
        if not finite[i]:
            i += 1
            continue
        j = i
        while j < n and finite[j]:
            j += 1
        if j - i > pad:
            out[i:j] = np.asarray(filtfilt(b, a, values[i:j]), dtype=np.float64)
        i = j
    return out


def smooth(landmarks: Landmarks, *, cutoff_hz: float = 4.0) -> Landmarks:
    """Low-pass every coordinate with a zero-phase Butterworth filter (no time shift).

    Human lifting movements sit well below 4 Hz; landmark jitter is mostly above it.
    """
    data = landmarks.data.copy()
    nyquist = landmarks.fps / 2.0
    coords = data[:, :, :3].reshape(landmarks.n_frames, -1)
    whole = np.isfinite(coords).all(axis=0)
    if cutoff_hz < nyquist and landmarks.n_frames > 9 and whole.any():
        b, a = butter(2, cutoff_hz / nyquist)  # the order lowpass uses
        coords[:, whole] = filtfilt(b, a, coords[:, whole], axis=0)
    for col in np.flatnonzero(~whole):
        coords[:, col] = lowpass(coords[:, col], fps=landmarks.fps, cutoff_hz=cutoff_hz)
    data[:, :, :3] = coords.reshape(landmarks.n_frames, N_LANDMARKS, 3)
    return Landmarks(data, landmarks.fps)


def torso_length(landmarks: Landmarks) -> float:
    """The median distance from mid-shoulder to mid-hip in image units: the clip's scale.

    >>> data = np.zeros((3, 33, 4)); data[:, :, 3] = 1
    >>> data[:, [LEFT_HIP, RIGHT_HIP], 1] = 0.5
    >>> torso_length(Landmarks(data, 30.0))
    0.5
    """
    shoulders = landmarks.midpoint(LEFT_SHOULDER, RIGHT_SHOULDER)
    hips = landmarks.midpoint(LEFT_HIP, RIGHT_HIP)
    lengths = np.linalg.norm(shoulders - hips, axis=1)
    lengths = lengths[np.isfinite(lengths)]
    if lengths.size == 0 or float(np.median(lengths)) <= 0:
        raise LandmarkError("shoulders and hips are never visible: cannot measure the torso")
    return float(np.median(lengths))


def normalised(landmarks: Landmarks) -> Array:
    """x, y (frames, 33, 2) centred on the mid-hip and divided by the torso length.

    The result is independent of where the person stands and how far from the camera.
    """
    hips = landmarks.midpoint(LEFT_HIP, RIGHT_HIP)
    return (landmarks.xy - hips[:, None, :]) / torso_length(landmarks)
