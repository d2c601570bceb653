"""Several sets in one clip: where one set ends and the next begins.

A lifter who records a whole exercise leaves the phone running between sets. Two things mark
a break between sets, and either splits the clip:

* nobody in view for :data:`WALKED_AWAY` seconds or more (the lifter walked away, or stepped
  out of the picture to rest);
* a rest between two reps of :data:`LONG_REST` seconds or more with the lifter in view. A
  pause inside a set (a breath at the top of a squat, a re-grip at the bar) lasts seconds;
  rest between sets lasts a minute or more (SCIENCE.md's GZCLP rests: 1-1.5 min for T3
  accessories, 2-5 min for the main lifts), so 15 s separates the two with a wide margin
  either way.

The functions here work on times and frame masks only; ``services.form`` checks each set.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

import numpy as np
from numpy.typing import NDArray

from spotter.motion.analysis.landmarks import Landmarks

#: Seconds without anyone in view that end a set.
WALKED_AWAY: Final = 3.0
#: Seconds of rest between two reps that end a set.
LONG_REST: Final = 15.0


def present(landmarks: Landmarks) -> NDArray[np.bool_]:
    """Frames with a person (any landmark located).

    >>> data = np.zeros((4, 33, 4)); data[1:3] = np.nan
    >>> present(Landmarks.from_array(data, fps=10)).tolist()
    [True, False, False, True]
    """
    return np.asarray(np.isfinite(landmarks.data[:, :, :2]).all(axis=2).any(axis=1))


def absences(
    seen: NDArray[np.bool_], fps: float, *, min_seconds: float = WALKED_AWAY
) -> list[tuple[int, int]]:
    """Stretches (first frame, frame after the last) without a person, at least
    ``min_seconds`` long, strictly between two frames with one.

    >>> seen = np.array([1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0], dtype=bool)
    >>> absences(seen, fps=1.0)  # the 2-frame gap is short, the tail is not between two
    [(1, 5)]
    """
    idx = np.flatnonzero(seen)
    if idx.size < 2:
        return []
    out = []
    for a, b in itertools.pairwise(idx):
        if (b - a - 1) / fps >= min_seconds:
            out.append((int(a + 1), int(b)))
    return out


def rest_cuts(
    reps: Sequence[tuple[float, float]], *, min_rest: float = LONG_REST
) -> list[float]:
    """Times (seconds) to cut a stretch at: the middle of every rest of at least
    ``min_rest`` seconds between the end of one rep and the start of the next.

    >>> rest_cuts([(1.0, 3.0), (3.5, 5.0), (25.0, 27.0)])
    [15.0]
    >>> rest_cuts([(1.0, 3.0), (4.0, 6.0)])
    []
    """
    return [
        (end + start) / 2
        for (_, end), (start, _) in itertools.pairwise(reps)
        if start - end >= min_rest
    ]


def spans(n_frames: int, fps: float, cuts: Sequence[float]) -> list[tuple[int, int]]:
    """The (first, end) frames of the pieces of a stretch of ``n_frames`` cut at ``cuts``
    (seconds from its start); pieces shorter than two frames are dropped.

    >>> spans(100, 10.0, [4.0])
    [(0, 40), (40, 100)]
    >>> spans(10, 10.0, [])
    [(0, 10)]
    """
    edges = [0, *sorted(min(n_frames, max(0, round(c * fps))) for c in cuts), n_frames]
    return [(a, b) for a, b in itertools.pairwise(edges) if b - a >= 2]


def present_stretches(landmarks: Landmarks) -> list[tuple[int, int]]:
    """The clip cut at every absence of :data:`WALKED_AWAY` seconds or more: (first, end)
    frames of each piece, the absence itself left out.

    >>> data = np.zeros((100, 33, 4)); data[30:70] = np.nan
    >>> present_stretches(Landmarks.from_array(data, fps=10))
    [(0, 30), (70, 100)]
    """
    gaps = absences(present(landmarks), landmarks.fps)
    edges = [0]
    for a, b in gaps:
        edges += [a, b]
    edges.append(landmarks.n_frames)
    pairs = list(zip(edges[0::2], edges[1::2], strict=True))
    return [(a, b) for a, b in pairs if b - a >= 2]


def piece(landmarks: Landmarks, first: int, end: int) -> Landmarks:
    """Frames ``first`` to ``end`` (exclusive) as their own clip."""
    return Landmarks(landmarks.data[first:end].copy(), landmarks.fps)
