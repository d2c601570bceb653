"""From a video to landmarks: decode, run the pose model, check what the camera saw.

Speed: on a 2-core machine the pose model takes about 20-25 ms a frame and converting a decoded
720p frame to RGB about 7 ms, so running the model on every frame of a 30 fps clip cannot go
faster than about 0.6 times real time. With ``adaptive=True`` (what the form check uses) the
model runs on the frames adaptive sampling picks from the motion (``motion.sampling`` and
``motion.adaptive``: sparse where the body moves steadily, every frame around turns); with a
``pose_fps`` it runs at most that many times a second (15: every other frame at 30 fps, every
fourth at 60). A background thread decodes ahead; the frames in between get landmarks
interpolated from their neighbours, so the result has one row per video frame and its times
match the video's (``bench/bench_form_speed.py`` measures against every frame).

What the camera must see is checked here, each with its own error:

* a file OpenCV cannot open or decode: :class:`~spotter.motion.video.VideoError`;
* nobody in (almost) every frame: :class:`NoPersonError`;
* the person gone for more than ``max_gap`` seconds in the middle of the clip (walked out of
  the frame, or hidden): :class:`PersonLeftError`, naming the time range. Missing frames before
  the person appears or after they leave are fine (starting and stopping the recording);
* two people exercising side by side: :class:`TwoPeopleError`, naming the one that would be
  followed and the ``subject`` choice (left, right, largest) that picks one.

Who the lifter is. The pose model follows one person. Two frames a second (at most
:data:`PEOPLE_MAX_SAMPLES` in a clip: one every 2 s in a minute; on a worker thread beside the
main loop) everyone in view is looked for: the followed person is blanked
out and the model looks again, up to :data:`MAX_OTHERS` times
(:class:`~spotter.motion.pose.PeopleFinder`). ``motion.analysis.subjects`` links those
sightings into people and picks the lifter; a mirror image, people walking through and people
standing still are set aside with a note. When the tracker followed someone else for a while,
the clip is tracked again with everything but the lifter's surroundings blacked out.

Time. Every frame keeps its container time stamp; the model runs at most ``pose_fps`` times a
second by those stamps. A clip whose stamps are uneven (a phone's variable frame rate) is
resampled onto an even clock at its shortest common frame interval, so the analysis, which
works at a fixed rate, sees the motion at the times it happened.
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
from spotter.motion.adaptive import Refiner, sightings, track_adaptive
from spotter.motion.analysis.landmarks import N_LANDMARKS, Landmarks
from spotter.motion.analysis.subjects import (
    Person,
    Preference,
    SideBySideError,
    Sighting,
    choose,
)
from spotter.motion.analysis.timebase import even_clock, resample
from spotter.motion.pose import (
    Frame,
    MediaPipePose,
    PeopleFinder,
    Points,
    PoseEstimator,
    Resettable,
    crop_points,
)
from spotter.motion.video import VideoError, VideoInfo, decode, probe

Array = NDArray[np.float64]
Box = tuple[float, float, float, float]
Progress = Callable[[int, int], None]  # (frames done, frames expected; 0 when unknown)

DEFAULT_POSE_FPS = 15.0
DEFAULT_MAX_SIDE = 1280  # larger frames (1080p, 4K) are shrunk first; smaller track worse
MIN_PERSON_SHARE = 0.2  # of the frames the model ran on
PEOPLE_EVERY = 0.5  # seconds between frames where everyone in view is looked for
PEOPLE_MIN_SAMPLES = 8  # at least this many such frames in a short clip
PEOPLE_MAX_SAMPLES = 30  # and at most this many in a long one (each costs 2-4 model runs)
MAX_OTHERS = 2  # people looked for beside the followed one
WALKED_AWAY = 3.0  # seconds without anyone: a break between sets, not a hidden lifter
KEEP_MARGIN = 0.35  # around the lifter's box when the clip is tracked again (of its size)


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
    #: Whether the frames' time stamps were uneven (a variable frame rate), so that the
    #: landmarks were resampled onto an even clock at ``landmarks.fps``.
    resampled: bool = False
    #: Frames with the model's own landmarks (the rest are interpolated).
    analysed: int = 0
    #: Times a pose graph ran on a frame of the video (with adaptive sampling, the refiner's
    #: runs at the ends of the gaps it fills count too; the looks for other people do not).
    model_runs: int = 0


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


def fill_between(rows: Array, known: NDArray[np.bool_], times: Array | None = None) -> Array:
    """Fill the rows the model did not run on: linearly (in time, when the frames' ``times``
    are given; else by frame) between two computed rows that both found a person, and the
    last computed row held over the few skipped frames that end the video; other rows stay
    NaN. ``rows`` is (frames, 33, 4), ``known`` marks the frames the model ran on.

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
        if times is None:
            w = ((np.arange(a + 1, b) - a) / (b - a))[:, None, None]
        else:
            w = ((times[a + 1 : b] - times[a]) / max(times[b] - times[a], 1e-9))[:, None, None]
        out[a + 1 : b] = rows[a] * (1 - w) + rows[b] * w
    last = idx[-1]
    if n_known[-1] == last:
        out[last + 1 :] = rows[last]
    return out


def missing_stretches(
    present: NDArray[np.bool_], checked: NDArray[np.bool_], fps: float, times: Array | None = None
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
    at = np.arange(len(present)) / fps if times is None else times
    return [
        (round(float(at[frames[first + s]]), 3), round(float(at[frames[first + e]]), 3))
        for s, e in zip(starts, ends, strict=True)
    ]


@dataclass(slots=True)
class _Track:
    """One pass over the video: the model's rows, which frames it ran on, the frames' times
    (seconds from the first) and the people seen in the sample frames."""

    rows: list[Points | None]
    known: list[bool]
    times: list[float]
    samples: list[list[Sighting]]
    runs: int


def _look(finder: Future[PeopleFinder], image: Frame, tracked: Points | None) -> list[Points]:
    return finder.result().others(image, [] if tracked is None else [tracked], MAX_OTHERS)


def _sample_every(info: VideoInfo) -> float:
    """Seconds between the frames where everyone in view is looked for.

    >>> from pathlib import Path
    >>> _sample_every(VideoInfo(Path("a.mp4"), 30.0, 90, 1280, 720))  # 3 s: 8 looks
    0.375
    >>> _sample_every(VideoInfo(Path("a.mp4"), 30.0, 450, 1280, 720))  # 15 s: 30 looks
    0.5
    >>> _sample_every(VideoInfo(Path("a.mp4"), 30.0, 1800, 1280, 720))  # 1 min: 30 looks
    2.0
    """
    duration = info.duration if info.duration > 0 else 10.0
    if duration / PEOPLE_EVERY < PEOPLE_MIN_SAMPLES:
        return duration / PEOPLE_MIN_SAMPLES
    return max(PEOPLE_EVERY, duration / PEOPLE_MAX_SAMPLES)


def _track(
    info: VideoInfo,
    pose: PoseEstimator,
    *,
    pose_fps: float | None,
    max_side: int | None,
    finder: Future[PeopleFinder] | None,
    worker: ThreadPoolExecutor | None,
    crop: Box | None,
    progress: Progress | None,
) -> _Track:
    interval = 1000.0 / pose_fps if pose_fps else None
    every_s = _sample_every(info)
    rows: list[Points | None] = []
    known: list[bool] = []
    times: list[float] = []
    looks: list[tuple[float, Points | None, Future[list[Points]]]] = []
    next_look = 0.0
    runs = 0
    t0: float | None = None  # seconds
    expected = info.frame_count
    try:
        for frame in decode(info, interval_ms=interval, max_side=max_side):
            t0 = frame.seconds if t0 is None else t0
            t = frame.seconds - t0
            points = None
            if frame.image is not None:
                image = frame.image
                if crop is None:
                    points = pose.process(image, frame.time_ms)
                else:
                    h, w = image.shape[:2]
                    px = (int(crop[0] * w), int(crop[1] * h), int(crop[2] * w), int(crop[3] * h))
                    part = np.ascontiguousarray(image[px[1] : px[3], px[0] : px[2]])
                    points = pose.process(part, frame.time_ms)
                    if points is not None:
                        points = crop_points(points, px, w, h)
                if worker is not None and finder is not None and t >= next_look:
                    looks.append((t, points, worker.submit(_look, finder, image, points)))
                    next_look = t + every_s
                runs += 1
            rows.append(points)
            known.append(frame.image is not None)
            times.append(t)
            if progress is not None:
                progress(len(rows), max(expected, len(rows)))
    except BaseException:
        for _, _, look in looks:
            look.cancel()
        raise
    return _Track(rows, known, times, sightings(looks), runs)


def _track_adaptive(
    info: VideoInfo,
    pose: PoseEstimator,
    refiner: Refiner,
    *,
    max_side: int | None,
    finder: Future[PeopleFinder] | None,
    worker: ThreadPoolExecutor | None,
    crop: Box | None,
    progress: Progress | None,
) -> _Track:
    """:func:`_track` with adaptive sampling (``motion.adaptive``) instead of a fixed rate."""
    found = track_adaptive(
        info,
        pose,
        refiner,
        max_side=max_side,
        crop=crop,
        look=_look,
        finder=finder,
        worker=worker,
        every_s=_sample_every(info),
        progress=progress,
    )
    return _Track(found.rows, found.known, found.times, sightings(found.looks), found.runs)


def _around(person: Person) -> Box:
    """The part of the picture the lifter uses over the clip, with room around it, made
    square-ish (the detector sees a square) where the picture allows."""
    boxes = np.array([s.box for s in person.sightings])
    x0, y0 = float(boxes[:, 0].min()), float(boxes[:, 1].min())
    x1, y1 = float(boxes[:, 2].max()), float(boxes[:, 3].max())
    mx, my = KEEP_MARGIN * (x1 - x0) + 0.03, KEEP_MARGIN * (y1 - y0) + 0.03
    return (max(0.0, x0 - mx), max(0.0, y0 - my), min(1.0, x1 + mx), min(1.0, y1 + my))


def _side_by_side_message(path: Path, exc: SideBySideError) -> str:
    def where(p: Person) -> str:
        return "left" if p.x < 0.4 else "right" if p.x > 0.6 else "middle"

    places = ", ".join(f"{where(p)} (x {p.x:.0%}, {p.size:.0%} of the height)" for p in exc.candidates)
    return (
        f"{path}: two people in view exercising side by side: {places}; Spotter follows one "
        f"person and would follow the one on the {where(exc.default)} (the larger, nearer the "
        "centre); say which with --subject left, --subject right or --subject largest"
    )


def extract_landmarks(
    path: Path,
    *,
    estimator: PoseEstimator | None = None,
    pose_fps: float | None = DEFAULT_POSE_FPS,
    max_side: int | None = DEFAULT_MAX_SIDE,
    max_gap: float = 1.0,
    check_people: bool = True,
    people_estimator: PoseEstimator | None = None,
    subject: Preference | None = None,
    progress: Progress | None = None,
    adaptive: bool = False,
    refiner: PoseEstimator | None = None,
) -> Extraction:
    """Landmarks of the lifter in the video at ``path``, one row per frame (NaN without one).

    ``pose_fps=None`` runs the model on every frame; ``max_side=None`` keeps full resolution.
    ``adaptive=True`` picks the frames from the motion instead (``motion.sampling``; ``pose_fps``
    is then not used), with ``refiner`` the second tracking graph that fills the gaps (made
    here, on first need, when no ``estimator`` is given; required with one).
    ``people_estimator`` is the single-frame estimator that looks for other people (default:
    MediaPipe without tracking, started on a worker thread beside the main loop); ``subject``
    says whom to follow when two people exercise. Raises
    :class:`~spotter.motion.video.VideoError`, :class:`NoPersonError`,
    :class:`PersonLeftError` or :class:`TwoPeopleError` as described in the module.
    """
    if adaptive and estimator is not None and refiner is None:
        raise ValueError("adaptive sampling with a given estimator needs a refiner estimator too")
    info = probe(path)
    every = pose_stride(info.fps, pose_fps)
    own = estimator is None
    pose: PoseEstimator = MediaPipePose() if estimator is None else estimator
    # The look for other people runs on a worker thread beside the main loop: the pose model
    # keeps one core busy and decoding uses little of the other, so the second graph's
    # start-up and its few frames a second cost little wall time.
    worker = ThreadPoolExecutor(max_workers=1) if check_people else None
    finder: Future[PeopleFinder] | None = (
        worker.submit(PeopleFinder, people_estimator) if worker is not None else None
    )
    notes: list[str] = []
    fills = Refiner(MediaPipePose if own and refiner is None else None, refiner)
    passes: list[int] = []  # the tracker's runs in each pass over the video

    def track_once(
        finder: Future[PeopleFinder] | None, worker: ThreadPoolExecutor | None, crop: Box | None
    ) -> _Track:
        track = _track_pass(finder, worker, crop)
        passes.append(track.runs)
        return track

    def _track_pass(
        finder: Future[PeopleFinder] | None, worker: ThreadPoolExecutor | None, crop: Box | None
    ) -> _Track:
        if adaptive:
            fills.last = -2
            return _track_adaptive(
                info,
                pose,
                fills,
                max_side=max_side,
                finder=finder,
                worker=worker,
                crop=crop,
                progress=progress,
            )
        return _track(
            info,
            pose,
            pose_fps=pose_fps,
            max_side=max_side,
            finder=finder,
            worker=worker,
            crop=crop,
            progress=progress,
        )

    try:
        track = track_once(finder, worker, None)
        if check_people:
            try:
                choice = choose(track.samples, prefer=subject)
            except SideBySideError as exc:
                raise TwoPeopleError(_side_by_side_message(path, exc)) from None
            notes.extend(choice.notes)
            if choice.retrack and choice.subject is not None:
                # The tracker followed someone else for a while: track again, the lifter's
                # surroundings only (a new tracker: the old one's state is someone else's).
                if own:
                    pose.close()
                    pose = MediaPipePose()
                elif isinstance(pose, Resettable):
                    pose.reset()
                track = track_once(None, None, _around(choice.subject))
    finally:
        if own:
            pose.close()
        if fills.make is not None and fills.pose is not None:
            fills.pose.close()
        if worker is not None:
            worker.shutdown(wait=True)
        if finder is not None and people_estimator is None and finder.exception() is None:
            finder.result().close()
    n = len(track.rows)
    if n == 0:
        raise VideoError(f"{path}: no frame could be decoded (a damaged or truncated video?)")
    expected = info.frame_count
    if expected and n < 0.9 * expected and expected - n > 5:
        raise VideoError(
            f"{path}: decoding stopped after {n} of {expected} frames "
            f"({n / info.fps:.1f} of {expected / info.fps:.1f} s): the file is damaged or "
            "truncated"
        )
    data = np.full((n, N_LANDMARKS, 4), np.nan)
    for i, r in enumerate(track.rows):
        if r is not None:
            data[i] = r
    times = np.array(track.times, dtype=np.float64)
    known_mask = np.array(track.known, dtype=bool)
    person = known_mask & np.isfinite(data[:, 0, 0])
    found = int(person.sum())
    if found < max(2, MIN_PERSON_SHARE * int(known_mask.sum())):
        raise NoPersonError(
            f"{path}: no person found in {'any' if found == 0 else 'almost any'} frame "
            f"({found} of {int(known_mask.sum())} checked); the whole body must be in view, "
            "lit, and not too small"
        )
    for start, end in missing_stretches(person, known_mask, info.fps, times):
        if max_gap < end - start < WALKED_AWAY:
            raise PersonLeftError(
                f"{path}: no person from {start:.1f} s to {end:.1f} s, in the middle of the set "
                "(out of the frame or hidden); keep the whole body in view for the whole set"
            )
        if end - start >= WALKED_AWAY:
            notes.append(f"nobody in view from {start:.1f} s to {end:.1f} s")
    first, last = np.flatnonzero(person)[[0, -1]]
    if times[first] >= 0.5:
        notes.append(f"no person in the first {times[first]:.1f} s")
    if times[-1] - times[last] >= 0.5:
        notes.append(f"no person in the last {times[-1] - times[last]:.1f} s")
    filled = fill_between(data, known_mask, times)
    rate = even_clock(times, info.fps)
    if rate is not None:
        filled = resample(filled, times, rate)
        notes.append(f"variable frame rate: resampled to an even {rate:g} frames a second")
    return Extraction(
        Landmarks.from_array(filled, fps=rate or info.fps),
        info,
        every,
        n,
        found,
        tuple(notes),
        rate is not None,
        int(known_mask.sum()),
        sum(passes) + fills.runs,
    )
