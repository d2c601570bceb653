"""One pass over a video with adaptive sampling (``motion.sampling``): the tracker runs on the
frames the sampler asks for, and the gaps it marks are filled frame by frame.

The tracking graph follows the lifter from one analysed frame to the next, in time order, and
only forward. A gap found to need every frame lies behind it, so a second tracking graph, the
*refiner*, fills it: it runs on the analysed frame before the gap, where its landmarks must
agree with the tracker's (the same person; else the gap keeps its line and the refiner does
not run through it), then through the gap.
It tracks from its last frame, not from a fresh detection: the detector needs the head in view,
the tracker does not. The decoder hands over every frame's picture; the loop keeps the few since
the oldest gap that may still be filled (a fifth of a second or two), as decoded: only the
frames a graph runs on are shrunk and converted to RGB (``video.decode`` with ``raw``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from spotter.motion.analysis.subjects import Sighting
from spotter.motion.pose import Frame, PeopleFinder, Points, PoseEstimator, crop_points
from spotter.motion.sampling import JOINTS, MIN_VISIBILITY, AdaptiveSampler, Gap, body_size
from spotter.motion.video import VideoInfo, decode, finish, scaled_size

Box = tuple[float, float, float, float]
Progress = Callable[[int, int], None]
Look = Callable[[Future[PeopleFinder], Frame, Points | None], list[Points]]


AGREE = 0.1  # of the body's size: two graphs' joints this close are on the same person


def agree(a: Points | None, b: Points | None) -> bool:
    """Whether two estimates of one frame are the same person in the same pose: both find
    nobody, or the joints both see lie within :data:`AGREE` of the body's size on average.

    >>> pts = np.ones((33, 4)); pts[:, 1] = np.linspace(0.2, 0.8, 33)
    >>> moved = pts.copy(); moved[:, 0] += 0.3
    >>> agree(pts, pts), agree(pts, moved), agree(None, pts), agree(None, None)
    (True, False, False, True)
    """
    if a is None or b is None:
        return a is None and b is None
    ja, jb = a[list(JOINTS)], b[list(JOINTS)]
    seen = (ja[:, 3] >= MIN_VISIBILITY) & (jb[:, 3] >= MIN_VISIBILITY)
    if not seen.any():
        seen[:] = True
    dist = np.hypot(ja[seen, 0] - jb[seen, 0], ja[seen, 1] - jb[seen, 1])
    return bool(np.mean(dist) <= AGREE * body_size(b))


def run_pose(pose: PoseEstimator, image: Frame, time_ms: int, crop: Box | None) -> Points | None:
    """The estimator on the whole picture, or on the ``crop`` box (normalised x0, y0, x1, y1)
    with the landmarks put back in the whole picture's coordinates."""
    if crop is None:
        return pose.process(image, time_ms)
    h, w = image.shape[:2]
    px = (int(crop[0] * w), int(crop[1] * h), int(crop[2] * w), int(crop[3] * h))
    part = np.ascontiguousarray(image[px[1] : px[3], px[0] : px[2]])
    points = pose.process(part, time_ms)
    return None if points is None else crop_points(points, px, w, h)


@dataclass(slots=True)
class Refiner:
    """The second tracking graph, made on first need when ``make`` is given."""

    make: Callable[[], PoseEstimator] | None
    pose: PoseEstimator | None = None
    last: int = -2  # the last frame it ran on
    runs: int = 0
    rejected: int = 0  # gaps whose frames were let go (the refiner saw someone else)

    def get(self) -> PoseEstimator:
        if self.pose is None:
            if self.make is None:
                raise ValueError("adaptive sampling needs a refiner estimator")
            self.pose = self.make()
        return self.pose


@dataclass(slots=True)
class AdaptiveTrack:
    """What the pass found: one row per decoded frame (None: not analysed, or nobody),
    which frames were analysed, their times (seconds from the first), the sample frames'
    people looks, and how many times each graph ran."""

    rows: list[Points | None] = field(default_factory=list)
    known: list[bool] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    looks: list[tuple[float, Points | None, Future[list[Points]]]] = field(default_factory=list)
    runs: int = 0
    refined: int = 0


def sightings(looks: list[tuple[float, Points | None, Future[list[Points]]]]) -> list[list[Sighting]]:
    """The people seen at each look: the tracked person and the others the look found (the
    looks are waited for; all are cancelled if one fails)."""
    try:
        out = []
        for t, tracked, look in looks:
            seen = [Sighting(t, tracked, True)] if tracked is not None else []
            seen += [Sighting(t, o, False) for o in look.result()]
            out.append(seen)
        return out
    finally:
        for _, _, look in looks:
            look.cancel()


def track_adaptive(
    info: VideoInfo,
    pose: PoseEstimator,
    refiner: Refiner,
    *,
    max_side: int | None,
    crop: Box | None,
    look: Look | None,
    finder: Future[PeopleFinder] | None,
    worker: ThreadPoolExecutor | None,
    every_s: float,
    progress: Progress | None,
    tolerance: float | None = None,
) -> AdaptiveTrack:
    """Run ``pose`` on the frames an :class:`AdaptiveSampler` picks and ``refiner`` on the
    gaps it marks; people are looked for (``look`` on the worker) on analysed frames at least
    ``every_s`` apart."""
    sampler = (
        AdaptiveSampler(info.fps) if tolerance is None else AdaptiveSampler(info.fps, tolerance=tolerance)
    )
    out = AdaptiveTrack()
    # every decoded frame as it comes (BGR, full size), kept while a gap may need it; the
    # model's picture (shrunk, RGB) is made only for the frames it runs on
    images: dict[int, Frame] = {}
    ready: dict[int, Frame] = {}
    stamps: dict[int, int] = {}
    size = scaled_size(info.width, info.height, max_side)

    def picture(k: int) -> Frame:
        if k not in ready:
            ready[k] = finish(images[k], size)
        return ready[k]

    next_look = 0.0
    t0: float | None = None

    def fill(gaps: list[Gap]) -> None:
        for gap in gaps:
            r = refiner.get()
            before = gap.start - 1
            # The refiner must be on the person the tracker follows: where both ran (the frame
            # before the gap, where it starts from), they agree; else the gap is not run at all
            # and the line between its ends stays.
            if before in images and refiner.last != before:
                start = run_pose(r, picture(before), stamps[before], crop)
                refiner.runs += 1
                if not agree(start, out.rows[before]):
                    refiner.rejected += 1
                    refiner.last = -2
                    continue
            found: dict[int, Points | None] = {}
            for k in range(gap.start, gap.stop):
                if k in images:
                    found[k] = run_pose(r, picture(k), stamps[k], crop)
                    refiner.runs += 1
            refiner.last = gap.stop - 1
            for k in range(gap.start, gap.stop):
                if k in found and not out.known[k]:
                    out.rows[k] = found[k]
                    out.known[k] = True
                    out.refined += 1
                    sampler.filled(k, found[k])

    def analyse(k: int) -> None:
        nonlocal next_look
        points = run_pose(pose, picture(k), stamps[k], crop)
        out.runs += 1
        out.rows[k] = points
        out.known[k] = True
        t = out.times[k]
        if look is not None and worker is not None and finder is not None and t >= next_look:
            out.looks.append((t, points, worker.submit(look, finder, picture(k), points)))
            next_look = t + every_s
        fill(sampler.seen(k, points))
        for old in [i for i in images if i < sampler.keep_from()]:
            del images[old], stamps[old]
            ready.pop(old, None)

    expected = info.frame_count
    try:
        for frame in decode(info, max_side=max_side, raw=True):
            t0 = frame.seconds if t0 is None else t0
            k = frame.index
            out.rows.append(None)
            out.known.append(False)
            out.times.append(frame.seconds - t0)
            if frame.image is not None:
                images[k] = frame.image
                stamps[k] = frame.time_ms
                if k >= sampler.due:
                    analyse(k)
            if progress is not None:
                progress(len(out.rows), max(expected, len(out.rows)))
        final = len(out.rows) - 1
        if final >= 0 and not out.known[final] and final in images:
            analyse(final)
    except BaseException:
        for _, _, pending in out.looks:
            pending.cancel()
        raise
    return out
