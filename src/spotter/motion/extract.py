"""From a video to landmarks: decode, run the pose model, check what the camera saw.

Speed: on a 2-core machine the pose model takes about 20 ms a frame and converting a decoded
720p frame to RGB about 7 ms, so running the model on every frame of a 30 fps clip cannot go
faster than about 0.6 times real time. By default the model runs on frames at most 15 times a
second (every other frame at 30 fps, every fourth at 60) while a background thread decodes
ahead; the frames in between get landmarks interpolated from their neighbours, so the result has
one row per video frame and its times match the video's. Rep counts and phase timings on the
real clips are the same either way (``bench/bench_form.py`` measures both).

What the camera must see is checked here, each with its own error:

* a file OpenCV cannot open or decode: :class:`~spotter.motion.video.VideoError`;
* nobody in (almost) every frame: :class:`NoPersonError`;
* the person gone for more than ``max_gap`` seconds in the middle of the clip (walked out of
  the frame, or hidden): :class:`PersonLeftError`, naming the time range. Missing frames before
  the person appears or after they leave are fine (starting and stopping the recording);
* a second person in view: :class:`TwoPeopleError`. The pose model follows one person and may
  jump between two; a few frames spread over the clip are checked again with the followed
  person blanked out (:class:`~spotter.motion.pose.SecondPersonFinder`), and someone found
  where the followed person was not within a second counts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from spotter.errors import SpotterError
from spotter.motion.analysis.landmarks import N_LANDMARKS, Landmarks
from spotter.motion.pose import (
    Frame,
    MediaPipePose,
    Points,
    PoseEstimator,
    SecondPersonFinder,
    covered,
    person_box,
)
from spotter.motion.video import VideoError, VideoInfo, decode, probe

Array = NDArray[np.float64]
Box = tuple[float, float, float, float]
Progress = Callable[[int, int], None]  # (frames done, frames expected; 0 when unknown)

DEFAULT_POSE_FPS = 15.0
DEFAULT_MAX_WIDTH = 1280  # wider frames (1080p, 4K) are shrunk first; narrower track worse
MIN_PERSON_SHARE = 0.2  # of the frames the model ran on
PEOPLE_SAMPLES = 8  # frames checked for a second person
PEOPLE_MIN_HITS = 2  # frames with a second person before the clip is refused
PEOPLE_WINDOW = 1.0  # seconds: where the tracked person was around a frame checked for another


class NoPersonError(SpotterError):
    """Nobody (or almost nobody) was found in the video."""


class PersonLeftError(SpotterError):
    """The person was out of view for a long stretch in the middle of the set."""


class TwoPeopleError(SpotterError):
    """More than one person is in view."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Landmarks of a video, one row per frame, and how they were obtained."""

    landmarks: Landmarks
    video: VideoInfo
    pose_every: int  # the model ran on every n-th frame; the rest are interpolated
    frames: int  # decoded
    person_frames: int  # model runs that found a person
    notes: tuple[str, ...]


def pose_stride(fps: float, pose_fps: float | None) -> int:
    """Run the model on every n-th frame so that it runs at most ``pose_fps`` times a second
    (every frame when ``pose_fps`` is None).

    >>> pose_stride(30, 15), pose_stride(29.97, 15), pose_stride(25, 15), pose_stride(60, 15)
    (2, 2, 2, 4)
    >>> pose_stride(30, None), pose_stride(12, 15)
    (1, 1)
    """
    if pose_fps is None or pose_fps <= 0 or fps <= pose_fps:
        return 1
    return max(1, int(np.ceil(fps / pose_fps - 1e-6)))


def fill_between(rows: Array, known: NDArray[np.bool_]) -> Array:
    """Fill the rows the model did not run on: linearly between two computed rows that both
    found a person, and the last computed row held over the few skipped frames that end the
    video; other rows stay NaN. ``rows`` is (frames, 33, 4), ``known`` marks the frames the
    model ran on.

    >>> rows = np.full((7, 1, 4), np.nan); rows[0] = 0.0; rows[2] = 1.0; rows[6] = 3.0
    >>> out = fill_between(rows, np.array([1, 0, 1, 0, 1, 0, 1], dtype=bool))
    >>> out[:, 0, 0].tolist()  # frame 4: nobody, so no line from 2 to 6
    [0.0, 0.5, 1.0, nan, nan, nan, 3.0]
    >>> fill_between(rows[:4], np.array([1, 0, 1, 0], dtype=bool))[:, 0, 0].tolist()
    [0.0, 0.5, 1.0, 1.0]
    """
    out = rows.copy()
    idx = np.flatnonzero(known & np.isfinite(rows[:, 0, 0]))
    if len(idx) == 0:
        return out
    n_known = np.flatnonzero(known)
    for a, b in itertools.pairwise(idx):
        if b - a < 2:
            continue
        # only across a run of skipped frames, not across a frame the model saw nobody in
        if np.any((n_known > a) & (n_known < b)):
            continue
        w = ((np.arange(a + 1, b) - a) / (b - a))[:, None, None]
        out[a + 1 : b] = rows[a] * (1 - w) + rows[b] * w
    last = idx[-1]
    if n_known[-1] == last:
        out[last + 1 :] = rows[last]
    return out


def missing_stretches(
    present: NDArray[np.bool_], checked: NDArray[np.bool_], fps: float
) -> list[tuple[float, float]]:
    """The (start, end) seconds of each stretch of checked frames without a person, strictly
    inside the clip (after the person first appears, before they last appear): from the first
    frame missing them to the frame they are back.

    >>> present = np.array([0, 1, 1, 0, 0, 1, 0], dtype=bool)
    >>> missing_stretches(present, np.ones(7, dtype=bool), fps=10)
    [(0.3, 0.5)]
    >>> every_other = np.array([1, 0, 1, 0, 1, 0, 1, 0, 1], dtype=bool)
    >>> missing_stretches(np.array([1, 0, 0, 0, 0, 0, 0, 0, 1], dtype=bool), every_other, 10)
    [(0.2, 0.8)]
    """
    frames = np.flatnonzero(checked)
    seen = present[frames]
    if not seen.any():
        return []
    first, last = np.flatnonzero(seen)[[0, -1]]
    inner = (~seen[first : last + 1]).astype(np.int8)
    edges = np.diff(np.concatenate([[0], inner, [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [
        (round(frames[first + s] / fps, 3), round(frames[first + e] / fps, 3))
        for s, e in zip(starts, ends, strict=True)
    ]


def _look(finder: Future[SecondPersonFinder], image: Frame, tracked: Points) -> Points | None:
    return finder.result().other_person(image, tracked)


def extract_landmarks(
    path: Path,
    *,
    estimator: PoseEstimator | None = None,
    pose_fps: float | None = DEFAULT_POSE_FPS,
    max_width: int | None = DEFAULT_MAX_WIDTH,
    max_gap: float = 1.0,
    check_people: bool = True,
    people_estimator: PoseEstimator | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """Landmarks of the person in the video at ``path``, one row per frame (NaN without one).

    ``pose_fps=None`` runs the model on every frame; ``max_width=None`` keeps full resolution.
    ``people_estimator`` is the single-frame estimator that looks for a second person
    (default: MediaPipe without tracking, started on a worker thread beside the main loop).
    Raises :class:`~spotter.motion.video.VideoError`, :class:`NoPersonError`,
    :class:`PersonLeftError` or :class:`TwoPeopleError` as described in the module.
    """
    info = probe(path)
    every = pose_stride(info.fps, pose_fps)
    own = estimator is None
    pose: PoseEstimator = MediaPipePose() if estimator is None else estimator
    expected = info.frame_count
    sample_at = (
        set(np.linspace(0, expected - 1, PEOPLE_SAMPLES + 2)[1:-1].round().astype(int) // every)
        if check_people and expected > 0
        else set()
    )
    rows: list[Array | None] = []
    known: list[bool] = []
    boxes: list[tuple[float, Box]] = []
    looks: list[tuple[float, Future[Points | None]]] = []
    # The look for a second person runs on a worker thread beside the main loop: the pose
    # model keeps one core busy and decoding uses little of the other, so the second graph's
    # start-up and its few frames cost no wall time.
    worker = ThreadPoolExecutor(max_workers=1) if sample_at else None
    finder: Future[SecondPersonFinder] | None = (
        worker.submit(SecondPersonFinder, people_estimator) if worker is not None else None
    )
    runs = 0
    try:
        for frame in decode(info, every=every, max_width=max_width):
            points = None
            if frame.image is not None:
                points = pose.process(frame.image, frame.time_ms)
                if points is not None:
                    boxes.append((frame.time_ms / 1000, person_box(points, margin=0.0)))
                    if worker is not None and finder is not None and runs in sample_at:
                        look = worker.submit(_look, finder, frame.image, points)
                        looks.append((frame.time_ms / 1000, look))
                runs += 1
            rows.append(points)
            known.append(frame.image is not None)
            if progress is not None:
                progress(len(rows), max(expected, len(rows)))
        others = [(t, person_box(o, margin=0.0)) for t, f in looks if (o := f.result()) is not None]
    finally:
        if own:
            pose.close()
        if worker is not None:
            for _, look in looks:
                look.cancel()
            worker.shutdown(wait=True)
        if finder is not None and people_estimator is None and finder.exception() is None:
            finder.result().close()
    n = len(rows)
    if n == 0:
        raise VideoError(f"{path}: no frame could be decoded (a damaged or truncated video?)")
    notes = []
    if expected and n < 0.9 * expected and expected - n > 5:
        raise VideoError(
            f"{path}: decoding stopped after {n} of {expected} frames "
            f"({n / info.fps:.1f} of {expected / info.fps:.1f} s): the file is damaged or "
            "truncated"
        )
    data = np.full((n, N_LANDMARKS, 4), np.nan)
    for i, r in enumerate(rows):
        if r is not None:
            data[i] = r
    known_mask = np.array(known, dtype=bool)
    person = known_mask & np.isfinite(data[:, 0, 0])
    found = int(person.sum())
    if found < max(2, MIN_PERSON_SHARE * int(known_mask.sum())):
        raise NoPersonError(
            f"{path}: no person found in {'any' if found == 0 else 'almost any'} frame "
            f"({found} of {int(known_mask.sum())} checked); the whole body must be in view, "
            "lit, and not too small"
        )
    # Someone found where the tracked person was not within a second of that frame (a tracker
    # that lost the lifter for a moment finds the lifter again in the blanked frame: not a
    # second person; a tracker that jumped between two people is still caught further away).
    second_at = [
        t
        for t, box in others
        if max(covered(box, b) for tb, b in boxes if abs(tb - t) <= PEOPLE_WINDOW) < 0.2
    ]
    if second_at and len(second_at) >= min(PEOPLE_MIN_HITS, len(sample_at)):
        times = ", ".join(f"{t:.1f} s" for t in second_at)
        raise TwoPeopleError(
            f"{path}: two people in view (at {times}); Spotter follows one person: film only "
            "the lifter"
        )
    for start, end in missing_stretches(person, known_mask, info.fps):
        if end - start > max_gap:
            raise PersonLeftError(
                f"{path}: no person from {start:.1f} s to {end:.1f} s, in the middle of the set "
                "(out of the frame or hidden); keep the whole body in view for the whole set"
            )
    first, last = np.flatnonzero(person)[[0, -1]]
    if first / info.fps >= 0.5:
        notes.append(f"no person in the first {first / info.fps:.1f} s")
    if (n - 1 - last) / info.fps >= 0.5:
        notes.append(f"no person in the last {(n - 1 - last) / info.fps:.1f} s")
    filled = fill_between(data, known_mask)
    return Extraction(
        Landmarks.from_array(filled, fps=info.fps),
        info,
        every,
        n,
        found,
        tuple(notes),
    )
