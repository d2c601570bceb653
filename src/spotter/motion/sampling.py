"""Adaptive sampling: which frames of a video the pose model must see so that the landmarks of
the frames in between, drawn as straight lines, stay within a set error of what the model would
have found on every frame.

The model costs about 25 ms a frame, so frames not analysed are most of the speed left. Where the
body moves steadily (or not at all) a line between two analysed frames is as good as the model;
where it turns (the top and bottom of a rep, a rep's start and end, someone leaving the picture)
a line cuts the corner, and every frame there is analysed. The decision is made from the motion
measured between the analysed frames, the way an ODE solver picks its step:

* three analysed frames h < i < j give each joint's acceleration (its path's bend: how far
  the middle one lies off the line through the outer two, over the time spans around it);
  ``h`` is taken at least ``max_step_s`` before ``i``, so the landmarks' frame-to-frame jitter
  (a few thousandths of the picture) weighs less than the motion;
* a line over a gap of ``g`` seconds misses a path of acceleration ``a`` by up to
  ``a g^2 / 8`` (the sag of a parabola under its chord): each gap next to ``i`` whose sag,
  for the landmark that bends most, exceeds ``tolerance`` (a share of the body's size) is
  filled in frame by frame (*refined*);
* the next step is the longest whose sag stays within half the tolerance at the acceleration
  just measured, at most doubling the last step and at most ``max_step_s`` (so a rep, however
  quick, is seen several times before it ends);
* a gap where the person was found at one end and not at the other, or where a joint is seen
  at one end and not at the other (the analysis keeps only the joints seen), is refined too:
  where they left or came back is then known to the frame.

The tolerance, 2 % of the body's size: at 3 % a rep boundary of one generated set of
``tests/unit/motion`` drifted past 1/30 s from the every-frame path's; at 1 % the model's own
jitter on the real clips bends the lines that much, and nearly every frame was analysed.

:class:`AdaptiveSampler` holds no video and no model: it is told what the model found at the
frames it asked for and answers with the next frame to analyse and the gaps to fill, so the
same rule runs on a video (``motion.adaptive``) and in tests on known motion.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Points = NDArray[np.float64]

DEFAULT_TOLERANCE = 0.02  # sag of a line under the path, as a share of the body's size
DEFAULT_MAX_STEP_S = 0.2  # seconds between analysed frames at most
MIN_VISIBILITY = 0.5  # landmarks less visible than this (a guess by the model) do not count
#: The joints whose motion decides (BlazePose order): nose, shoulders, elbows, wrists, hips,
#: knees, ankles. The face's other points and the fingers and toes add jitter, not motion.
JOINTS = (0, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28)


@dataclass(frozen=True, slots=True)
class Gap:
    """Frames ``start`` to ``stop`` (exclusive) not analysed, between two analysed frames."""

    start: int
    stop: int

    def __len__(self) -> int:
        return self.stop - self.start


def body_size(points: Points) -> float:
    """The larger side of the box around the visible landmarks (normalised image units).

    >>> pts = np.zeros((33, 4)); pts[:, 3] = 1.0
    >>> pts[:, 0] = np.linspace(0.4, 0.5, 33); pts[:, 1] = np.linspace(0.2, 0.6, 33)
    >>> round(body_size(pts), 3)
    0.4
    """
    seen = points[points[:, 3] >= MIN_VISIBILITY]
    if len(seen) < 2:
        seen = points
    return float(max(np.ptp(seen[:, 0]), np.ptp(seen[:, 1]), 1e-3))


def appears(a: Points, b: Points) -> bool:
    """Whether a joint is seen (visibility at least :data:`MIN_VISIBILITY`) in one frame and
    not in the other: the analysis keeps only the landmarks seen, so where one comes or goes
    matters to the frame.

    >>> a = np.ones((33, 4)); b = a.copy(); b[15, 3] = 0.2
    >>> appears(a, a), appears(a, b)
    (False, True)
    """
    return bool(np.any((a[list(JOINTS), 3] >= MIN_VISIBILITY) != (b[list(JOINTS), 3] >= MIN_VISIBILITY)))


def bend(h: Points, i: Points, j: Points, th: float, ti: float, tj: float) -> float:
    """The largest acceleration of a landmark seen in all three frames (visibility at least
    :data:`MIN_VISIBILITY`), in body sizes per second squared, from its positions at times
    ``th < ti < tj``: twice the middle point's distance off the chord, over the product of
    the two time spans.

    >>> pts = lambda y: np.column_stack([np.full(33, 0.5), np.linspace(y, y + 0.5, 33),
    ...                                  np.zeros(33), np.ones(33)])
    >>> round(bend(pts(0.1), pts(0.2), pts(0.3), 0.0, 0.1, 0.2), 9)  # steady: no bend
    0.0

    Up and back: 0.1 off the chord, 2 x 0.1 / (0.1 s x 0.1 s) = 20 picture heights per second
    squared, for joints spanning 0.4375 of the picture (the nose to the ankles):

    >>> round(bend(pts(0.1), pts(0.2), pts(0.1), 0.0, 0.1, 0.2), 3), round(20 / 0.4375, 3)
    (45.714, 45.714)
    """
    h, i, j = h[list(JOINTS)], i[list(JOINTS)], j[list(JOINTS)]
    w = (ti - th) / (tj - th)
    off = i[:, :2] - (h[:, :2] * (1 - w) + j[:, :2] * w)
    seen = (h[:, 3] >= MIN_VISIBILITY) & (i[:, 3] >= MIN_VISIBILITY) & (j[:, 3] >= MIN_VISIBILITY)
    if not seen.any():
        seen = np.ones(len(i), dtype=bool)
    dist = float(np.max(np.hypot(off[seen, 0], off[seen, 1])))
    return 2.0 * dist / ((ti - th) * (tj - ti)) / body_size(i)


class AdaptiveSampler:
    """Chooses the frames to analyse, one after the other, from the landmarks found so far.

    Use: analyse frame :attr:`due` (the first is 0), report it with :meth:`seen`, which returns
    the gaps to fill frame by frame (each frame of a gap is then reported with :meth:`filled`),
    and go on with the new :attr:`due`. At the end of the video, :meth:`last` says whether the
    last frame still needs analysing (report it with :meth:`seen` too).

    >>> s = AdaptiveSampler(30.0)
    >>> s.due
    0
    """

    def __init__(
        self,
        fps: float,
        *,
        tolerance: float = DEFAULT_TOLERANCE,
        max_step_s: float = DEFAULT_MAX_STEP_S,
    ) -> None:
        self.fps = fps
        self.tolerance = tolerance
        self.max_step = max(1, math.floor(max_step_s * fps + 1e-9))
        self.step = min(2, self.max_step)
        self.due = 0
        #: analysed frames, in order: frame index -> landmarks (None: nobody found)
        self._known: dict[int, Points | None] = {}
        self._order: list[int] = []
        #: the gap before the last analysed frame, if it was not refined yet
        self._open: Gap | None = None

    @property
    def analysed(self) -> list[int]:
        """The frames analysed so far, in order."""
        return list(self._order)

    def filled(self, index: int, points: Points | None) -> None:
        """Landmarks found on a frame of a gap being refined."""
        self._known[index] = points
        bisect.insort(self._order, index)

    def seen(self, index: int, points: Points | None) -> list[Gap]:
        """Landmarks found on the due frame (None: nobody); returns the gaps (before it) to
        fill frame by frame, in order, and moves :attr:`due` on."""
        prev = self._order[-1] if self._order else None
        self._known[index] = points
        self._order.append(index)
        gaps: list[Gap] = []
        new = Gap(prev + 1, index) if prev is not None and index - prev > 1 else None
        step = self.max_step
        if prev is not None:
            before = self._known[prev]
            if (before is None) != (points is None) or (
                before is not None and points is not None and appears(before, points)
            ):
                # someone came or went between the two frames: find where, frame by frame
                gaps = [g for g in (self._open, new) if g is not None]
                step = 1
            elif before is not None and points is not None:
                h = self._before(prev, max(index - prev, self.max_step))
                if h is not None and self._known[h] is not None:
                    a = bend(
                        self._known[h],  # type: ignore[arg-type]
                        before,
                        points,
                        h / self.fps,
                        prev / self.fps,
                        index / self.fps,
                    )
                    for gap in (self._open, new):
                        if gap is not None and self._sag(a, len(gap) + 1) > self.tolerance:
                            gaps.append(gap)
                    step = self._step_for(a)
                else:
                    step = min(self.step, 2)
        self._open = new if new is not None and new not in gaps else None
        self.step = max(1, min(step, 2 * self.step, self.max_step))
        self.due = index + self.step
        return gaps

    def keep_from(self) -> int:
        """The first frame a later gap to fill may need (its analysed frame before it), so the
        frames before it can be let go."""
        if self._open is not None:
            return self._open.start - 1
        return self._order[-1] if self._order else 0

    def last(self, final: int) -> bool:
        """Whether frame ``final`` (the video's last) still needs analysing."""
        return not self._order or self._order[-1] < final

    def _before(self, i: int, span: int) -> int | None:
        """The latest analysed frame at least ``span`` frames before ``i`` (else the first)."""
        at = bisect.bisect_left(self._order, i)
        if at == 0:
            return None
        far = bisect.bisect_right(self._order, i - span)
        return self._order[far - 1] if far > 0 else self._order[0]

    def _sag(self, accel: float, frames: int) -> float:
        """How far a line over ``frames`` frames misses a path of acceleration ``accel``."""
        return accel * (frames / self.fps) ** 2 / 8

    def _step_for(self, accel: float) -> int:
        """The longest step (frames) whose sag at ``accel`` is at most half the tolerance."""
        if accel <= 0:
            return self.max_step
        seconds = math.sqrt(8 * 0.5 * self.tolerance / accel)
        return max(1, math.floor(seconds * self.fps))


def replay(
    data: NDArray[np.float64], fps: float, *, tolerance: float = DEFAULT_TOLERANCE
) -> NDArray[np.bool_]:
    """The frames adaptive sampling analyses in a track whose every frame is known (``data``:
    frames x 33 x 4, a NaN row where nobody is found), as if a pose model gave exactly these
    landmarks: what the video path does, without a video. Gaps are filled by the same rule.

    >>> t = np.arange(31) / 30.0
    >>> still = np.zeros((31, 33, 4)); still[:, :, 3] = 1.0
    >>> still[:, :, 0] = 0.4 + 0.3 * np.linspace(0, 1, 33); still[:, :, 1] = 0.5
    >>> np.flatnonzero(replay(still, 30.0)).tolist()  # nothing moves: the longest steps
    [0, 4, 6, 10, 16, 22, 28, 30]
    """
    sampler = AdaptiveSampler(fps, tolerance=tolerance)
    known = np.zeros(len(data), dtype=bool)

    def at(k: int) -> Points | None:
        return None if not np.isfinite(data[k, 0, 0]) else data[k]

    final = len(data) - 1
    for k in range(len(data)):
        if k != sampler.due and not (k == final and sampler.last(final)):
            continue
        known[k] = True
        for gap in sampler.seen(k, at(k)):
            for m in range(gap.start, gap.stop):
                if not known[m]:
                    known[m] = True
                    sampler.filled(m, at(m))
    return known
