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

import itertools
import warnings
from dataclasses import dataclass, field
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from spotter.errors import SpotterError
from spotter.motion.analysis.filters import butter_lowpass, filtfilt

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

    Build it with :meth:`from_array`, which validates and accepts (frames, 33, 3) too. Treat
    ``data`` as read-only: every step makes a new container, and derived series (the clip's
    scale) are remembered per container.
    """

    data: Array
    fps: float
    _derived: dict[tuple[float, float], Array] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

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


def fill_gaps(
    landmarks: Landmarks, *, min_visibility: float = 0.5, max_gap_seconds: float = 0.5
) -> Landmarks:
    """Interpolate landmarks that were missing or barely visible, over gaps up to a limit.

    A landmark counts as missing in a frame when its x or y is NaN or its visibility is below
    ``min_visibility``. Gaps up to ``max_gap_seconds`` are filled linearly from the frames on
    either side (or held at the edges). In longer gaps the pose model's own guess is kept where
    it made one (a landmark just outside the frame, or hidden for a while, is usually guessed
    well) and the rest stays NaN. Filled points get the visibility ``min_visibility`` so that
    later steps can tell them apart.

    >>> data = np.zeros((5, 33, 4)); data[:, :, 3] = 1.0
    >>> data[:, 0, 0] = [0.0, 1.0, np.nan, 3.0, 4.0]
    >>> out = fill_gaps(Landmarks(data, 10.0))
    >>> out.data[:, 0, 0].tolist(), float(out.data[2, 0, 3])
    ([0.0, 1.0, 2.0, 3.0, 4.0], 0.5)
    """
    max_gap = max(round(max_gap_seconds * landmarks.fps), 0)
    data = landmarks.data.copy()
    n = data.shape[0]
    bad = ~np.isfinite(data[:, :, :2]).all(axis=2) | (data[:, :, 3] < min_visibility)
    if not bad.any():
        return Landmarks(data, landmarks.fps)
    # For each sample, the nearest good frame before and after it (per landmark).
    idx = np.broadcast_to(np.arange(n)[:, None], bad.shape)
    before = np.maximum.accumulate(np.where(bad, -1, idx), axis=0)
    after = np.minimum.accumulate(np.where(bad, n, idx)[::-1], axis=0)[::-1]
    gap = np.where(bad, np.minimum(after, n) - np.maximum(before, -1) - 1, 0)
    has_before, has_after = before >= 0, after < n
    fillable = bad & (gap <= max_gap) & (has_before | has_after)
    rows, cols = np.nonzero(fillable)
    lo = np.where(has_before, before, after)[rows, cols].clip(0, n - 1)
    hi = np.where(has_after, after, before)[rows, cols].clip(0, n - 1)
    w = np.where(hi > lo, (rows - lo) / np.maximum(hi - lo, 1), 0.0)[:, None]
    start, stop = data[lo, cols, :3], data[hi, cols, :3]
    kept = bad & ~fillable & np.isfinite(data[:, :, :3]).all(axis=2)
    lost = bad & ~fillable & ~kept
    data[rows, cols, :3] = start + (stop - start) * w
    data[lost, :3] = np.nan
    data[fillable, 3] = min_visibility
    data[lost, 3] = 0.0
    return Landmarks(data, landmarks.fps)


def drop_lock_on(
    landmarks: Landmarks, *, max_speed: float = 2.0, edge_seconds: float = 1.0
) -> Landmarks:
    """Blank a short stretch at either end of the clip where the model followed something else.

    When the recording starts with the lifter barely in view (only the arms below a bar, say)
    the pose model may fit a skeleton to whatever it finds and then jump to the lifter once
    they show. The skeleton's size is the diagonal of the box around its body landmarks
    (shoulders to ankles), the smaller of the two frames' (a skeleton fitted to an arm is
    small). A jump of the mid-shoulder by more than 0.3 sizes plus ``max_speed`` sizes a
    second between two seen frames is not movement: the skeleton changed hands. A stretch
    before the first such jump (or after the last) that lasts at most ``edge_seconds`` is set
    to NaN, so that gap filling holds the lifter's first (last) pose instead. Longer
    stretches are kept: that is a camera cut, which the scale track deals with.

    >>> data = np.full((60, 33, 4), 0.5); data[:, [LEFT_HIP, RIGHT_HIP], 1] = 0.8
    >>> data[:10, :, 0] = 0.1  # the first third of a second: a skeleton far to the left
    >>> out = drop_lock_on(Landmarks(data, 30.0))
    >>> int(np.isnan(out.data[:, 0, 0]).sum()), float(out.data[10, 0, 0])
    (10, 0.5)
    """
    centre = landmarks.midpoint(LEFT_SHOULDER, RIGHT_SHOULDER)
    body = landmarks.xy[:, LEFT_SHOULDER : RIGHT_ANKLE + 1]
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # frames without a person
        size = np.linalg.norm(np.nanmax(body, axis=1) - np.nanmin(body, axis=1), axis=1)
    seen = np.flatnonzero(np.isfinite(centre).all(axis=1) & (size > 0))
    if seen.size < 3:
        return landmarks
    scale = np.minimum(size[seen][:-1], size[seen][1:])
    step = np.linalg.norm(np.diff(centre[seen], axis=0), axis=1) / scale
    allowed = 0.3 + max_speed * np.diff(seen) / landmarks.fps
    jumps = np.flatnonzero(step > allowed)  # between seen[k] and seen[k + 1]
    if jumps.size == 0:
        return landmarks
    data = landmarks.data.copy()
    edge = edge_seconds * landmarks.fps
    first_kept, last_kept = int(seen[jumps[0] + 1]), int(seen[jumps[-1]])
    if first_kept <= edge and first_kept < landmarks.n_frames - first_kept:
        data[:first_kept, :, :3] = np.nan
        data[:first_kept, :, 3] = 0.0
    tail = landmarks.n_frames - 1 - last_kept
    if tail <= edge and tail < last_kept:
        data[last_kept + 1 :, :, :3] = np.nan
        data[last_kept + 1 :, :, 3] = 0.0
    return Landmarks(data, landmarks.fps)


def _filter_runs(b: Array, a: Array, rows: Array, finite: NDArray[np.bool_]) -> None:
    """Filter, in place, every run of ``finite`` frames long enough for the filter, in all
    ``rows`` at once (rows sharing one pattern of missing frames)."""
    pad = 3 * max(len(a), len(b))
    edges = np.flatnonzero(np.diff(np.concatenate([[0], finite.astype(np.int8), [0]])))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        if stop - start > pad:
            rows[:, start:stop] = filtfilt(b, a, rows[:, start:stop])


def smooth(landmarks: Landmarks, *, cutoff_hz: float = 4.0) -> Landmarks:
    """Low-pass x and y with a zero-phase Butterworth filter (no time shift).

    Human lifting movements sit well below 4 Hz; landmark jitter is mostly above it. ``z``
    is left as it is: only its medians are used (to tell the camera's view). Missing frames
    (NaN) split a series into pieces, each filtered on its own; pieces too short for the
    filter are left as they are.
    """
    data = landmarks.data.copy()
    n = landmarks.n_frames
    nyquist = landmarks.fps / 2.0
    if cutoff_hz >= nyquist or n <= 9:
        return Landmarks(data, landmarks.fps)
    # one row per coordinate, time along the fast axis
    series = np.ascontiguousarray(data[:, :, :2].transpose(1, 2, 0)).reshape(-1, n)
    b, a = butter_lowpass(2, cutoff_hz / nyquist)
    finite = np.isfinite(series)
    # Rows with the same missing frames (usually all: a frame without a person) go together.
    groups: dict[bytes, list[int]] = {}
    for row in range(series.shape[0]):
        groups.setdefault(finite[row].tobytes(), []).append(row)
    for rows in groups.values():
        block = series[rows]
        _filter_runs(b, a, block, finite[rows[0]])
        series[rows] = block
    data[:, :, :2] = series.reshape(N_LANDMARKS, 2, n).transpose(2, 0, 1)
    return Landmarks(data, landmarks.fps)


def in_frame(landmarks: Landmarks, *indices: int) -> NDArray[np.bool_]:
    """Per frame, whether all the given landmarks lie inside the picture (0..1 on x and y).

    The pose model also places landmarks it cannot see, outside the picture too (hips below
    the frame while hanging from a bar), often with a high visibility; such guesses must not
    set the clip's scale or the trunk's direction.

    >>> data = np.zeros((2, 33, 4)); data[:, :, :2] = 0.5; data[1, LEFT_HIP, 1] = 1.3
    >>> in_frame(Landmarks(data, 30.0), LEFT_SHOULDER, LEFT_HIP).tolist()
    [True, False]
    """
    xy = landmarks.data[:, list(indices), :2]
    with np.errstate(invalid="ignore"):
        inside = (xy >= 0.0) & (xy <= 1.0)
    return np.asarray(inside.all(axis=(1, 2)), dtype=np.bool_)


_TORSO = (LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP)


def torso_lengths(landmarks: Landmarks) -> Array:
    """Mid-shoulder to mid-hip distance per frame, NaN where the torso is not in the picture.

    When the torso is in the picture in fewer than 0.2 s of frames the model's guesses are
    used after all (a scale from guesses beats none).
    """
    shoulders = landmarks.midpoint(LEFT_SHOULDER, RIGHT_SHOULDER)
    hips = landmarks.midpoint(LEFT_HIP, RIGHT_HIP)
    lengths = np.linalg.norm(shoulders - hips, axis=1)
    lengths[~(lengths > 0)] = np.nan
    seen = in_frame(landmarks, *_TORSO) & np.isfinite(lengths)
    if seen.sum() >= max(3, 0.2 * landmarks.fps):
        lengths[~seen] = np.nan
    return np.asarray(lengths, dtype=np.float64)


def torso_length(landmarks: Landmarks) -> float:
    """The median distance from mid-shoulder to mid-hip in image units: the clip's scale.

    Frames where the torso is outside the picture do not count (see :func:`torso_lengths`).

    >>> data = np.zeros((3, 33, 4)); data[:, :, 3] = 1
    >>> data[:, [LEFT_HIP, RIGHT_HIP], 1] = 0.5
    >>> torso_length(Landmarks(data, 30.0))
    0.5
    """
    lengths = torso_lengths(landmarks)
    lengths = lengths[np.isfinite(lengths)]
    if lengths.size == 0 or float(np.median(lengths)) <= 0:
        raise LandmarkError("shoulders and hips are never visible: cannot measure the torso")
    return float(np.median(lengths))


def scale_track(landmarks: Landmarks, *, max_ratio: float = 1.5, window: float = 0.3) -> Array:
    """The torso length per frame: the clip's median, changing only where the camera cuts.

    A person who stays at one distance from the camera keeps one scale, so the median of the
    whole clip is used (steadier than any frame): a torso that seems to grow or shrink while
    the lifter moves (turning, or the hips leaving the picture, where the model only guesses
    them) does not rescale the signal. A cut or a zoom shows as a jump: the median torso length
    over the ``window`` seconds after a frame differs from the median over the ``window``
    before it by more than ``max_ratio``, most of that change happens within three frames, and
    the torso length is steady on either side (it varies by less than half the jump). The clip
    is split at such jumps (the largest first) and each piece gets its own median.

    >>> data = np.zeros((60, 33, 4)); data[:, :, 3] = 1
    >>> data[:, [LEFT_HIP, RIGHT_HIP], 1] = 0.25
    >>> data[30:, [LEFT_HIP, RIGHT_HIP], 1] = 0.75  # a cut to a shot three times closer
    >>> track = scale_track(Landmarks(data, 10.0))
    >>> float(track[0]), float(track[-1])
    (0.25, 0.75)
    >>> data[:, [LEFT_HIP, RIGHT_HIP], 1] = np.linspace(0.25, 0.75, 60)[:, None]  # gradual
    >>> bool(np.ptp(scale_track(Landmarks(data, 10.0))) == 0)
    True
    """
    key = (max_ratio, window)
    if key not in landmarks._derived:
        landmarks._derived[key] = _scale_track(landmarks, max_ratio, window)
    return landmarks._derived[key].copy()


def _scale_track(landmarks: Landmarks, max_ratio: float, window: float) -> Array:
    lengths = torso_lengths(landmarks)
    clip = torso_length(landmarks)
    n = landmarks.n_frames
    w = max(2, round(window * landmarks.fps))
    finite = np.isfinite(lengths)
    if n < 2 * w + 1 or finite.sum() < 2:
        return np.full(n, clip)
    idx = np.arange(n)
    filled = np.interp(idx, idx[finite], lengths[finite])
    med = np.median(np.lib.stride_tricks.sliding_window_view(filled, w), axis=1)
    # a boundary at i: frames [i - w, i) against [i, i + w)
    jump = np.abs(np.log(med[w:] / med[: med.size - w]))  # boundary i = w + k
    # a cut is abrupt: most of the change happens within a few frames of the boundary
    i = np.arange(w, w + jump.size)
    step = np.abs(np.log(filled[np.minimum(i + 1, n - 1)] / filled[np.maximum(i - 2, 0)]))
    jump[step < 0.7 * jump] = 0.0
    # and the torso is steady on both sides of it (a camera holds its new distance); a torso
    # that grows through the first frames while the model settles on the lifter is no cut
    logs = np.log(filled)
    for k in np.flatnonzero(jump > np.log(max_ratio)):
        b = w + k
        for side in (logs[max(0, b - w) : max(0, b - 2)], logs[b + 2 : b + w]):
            if side.size >= 2 and float(np.ptp(side)) > 0.5 * float(jump[k]):
                jump[k] = 0.0
    cuts: list[int] = []
    while jump.size and float(jump.max()) > np.log(max_ratio):
        k = int(jump.argmax())
        cuts.append(w + k)
        jump[max(0, k - w) : k + w + 1] = 0.0
    if not cuts:
        return np.full(n, clip)
    track = np.empty(n)
    edges = [0, *sorted(cuts), n]
    for lo, hi in itertools.pairwise(edges):
        piece = lengths[lo:hi][finite[lo:hi]]
        track[lo:hi] = float(np.median(piece)) if piece.size else float(np.median(filled[lo:hi]))
    return track


def normalised(landmarks: Landmarks) -> Array:
    """x, y (frames, 33, 2) centred on the mid-hip and divided by the torso length.

    The result is independent of where the person stands and how far from the camera.
    """
    hips = landmarks.midpoint(LEFT_HIP, RIGHT_HIP)
    return np.asarray(
        (landmarks.xy - hips[:, None, :]) / scale_track(landmarks)[:, None, None], dtype=np.float64
    )
