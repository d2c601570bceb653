"""Pose estimation backends: one frame in, 33 BlazePose landmarks out.

The form check needs one thing from a pose model: for an RGB frame, the 33 BlazePose landmarks
as ``x, y, z, visibility`` in normalised image coordinates, or nothing when no person is seen.
:class:`PoseEstimator` is that interface; :class:`MediaPipePose` implements it with MediaPipe
0.10.21's legacy Pose solution and ``model_complexity=1`` (``pose_landmark_full.tflite``, which
ships inside the wheel; complexities 0 and 2 download their model at run time and are never
used). Another estimator can replace it by implementing ``process``.

OpenCV and MediaPipe are the optional ``vision`` extra, imported only here and in the video
modules beside this one, never by ``motion.analysis``. Without them every entry point raises
:class:`VisionMissingError`, which names the command that installs them.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, Final, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from spotter.errors import SpotterError

MEDIAPIPE_REQUIREMENT: Final = "mediapipe==0.10.21"
INSTALL_COMMAND: Final = "spotter vision install"
POSE_MODEL: Final = "modules/pose_landmark/pose_landmark_full.tflite"
MODEL_COMPLEXITY: Final = 1  # the only complexity whose model is inside the wheel

Frame = NDArray[np.uint8]
Points = NDArray[np.float64]


class VisionMissingError(SpotterError):
    """OpenCV or MediaPipe (the ``vision`` extra) is not installed."""


#: Read by OpenCV when it loads: no FFmpeg decoder messages ("error while decoding MB ...",
#: "partial file") and no OpenCV warnings on the terminal; Spotter reports what went wrong.
QUIET_ENVIRONMENT: Final = {"OPENCV_FFMPEG_LOGLEVEL": "-8", "OPENCV_LOG_LEVEL": "OFF"}


def require_cv2() -> Any:
    """The ``cv2`` module, or a :class:`VisionMissingError` naming the install command.

    Decoder and OpenCV logging are switched off first (:data:`QUIET_ENVIRONMENT`), unless the
    environment already sets them.
    """
    if "cv2" not in sys.modules:
        for key, value in QUIET_ENVIRONMENT.items():
            os.environ.setdefault(key, value)
    try:
        import cv2
    except ImportError as exc:
        raise VisionMissingError(
            f"reading videos needs OpenCV and MediaPipe (the vision extra), which are not "
            f"installed ({exc}); install them with `{INSTALL_COMMAND}`, or pass a landmarks "
            "file (.npy, .csv, .json) instead"
        ) from None
    return cv2


class _LazyModule(ModuleType):
    """Stands in for a module until an attribute is first read, then imports the real one."""

    def __getattr__(self, name: str) -> Any:
        import importlib

        return getattr(importlib.import_module(self.__name__), name)


def require_mediapipe() -> Any:
    """The ``mediapipe`` module, or a :class:`VisionMissingError` naming the install command."""
    require_cv2()
    if "mediapipe" in sys.modules and sys.modules["mediapipe"] is not None:
        return sys.modules["mediapipe"]
    # `import mediapipe` loads every solution's drawing helpers, which import matplotlib.pyplot
    # (a third of a second) that pose never uses: let them hold a stand-in that imports pyplot
    # only if one of them is ever called.
    lazy = "matplotlib.pyplot" not in sys.modules
    if lazy:
        sys.modules["matplotlib.pyplot"] = _LazyModule("matplotlib.pyplot")
    try:
        import mediapipe
    except ImportError as exc:
        raise VisionMissingError(
            f"pose estimation needs MediaPipe (the vision extra), which is not installed "
            f"({exc}); install it with `{INSTALL_COMMAND}`"
        ) from None
    finally:
        if lazy and isinstance(sys.modules.get("matplotlib.pyplot"), _LazyModule):
            del sys.modules["matplotlib.pyplot"]
    return mediapipe


def model_path() -> Path | None:
    """Where the pose model ships inside the installed MediaPipe wheel, if it does."""
    try:
        import mediapipe
    except ImportError:
        return None
    path = Path(mediapipe.__file__).parent / POSE_MODEL
    return path if path.is_file() else None


@contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Silence what MediaPipe's C++ side prints to the stderr file descriptor (TFLite and absl
    start-up chatter that no environment variable of 0.10.21 turns off).

    Python exceptions are unaffected: they carry their own message.
    """
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # pytest capture, a StringIO
        yield
        return
    global _quiet_depth, _quiet_saved
    # Two pose graphs may start on two threads (the second-person look runs beside the main
    # loop): the first to enter silences fd 2, the last to leave restores it.
    with _quiet_lock:
        if _quiet_depth == 0:
            sys.stderr.flush()
            _quiet_saved = os.dup(fd)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, fd)
            os.close(devnull)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0 and _quiet_saved is not None:
                os.dup2(_quiet_saved, fd)
                os.close(_quiet_saved)
                _quiet_saved = None


_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_saved: int | None = None


@runtime_checkable
class Resettable(Protocol):
    """An estimator that can forget the video it tracked (cheaper than making a new one)."""

    def reset(self) -> None: ...


class PoseEstimator(Protocol):
    """One person's 33 landmarks per frame."""

    def process(self, frame_rgb: Frame, timestamp_ms: int) -> Points | None:
        """Landmarks (33, 4): x, y, z, visibility, normalised; None when no person is seen.

        Frames of one video come in order with increasing ``timestamp_ms``, so an estimator
        may track the person from frame to frame.
        """
        ...

    def close(self) -> None:
        """Release the model."""
        ...


class MediaPipePose:
    """MediaPipe's legacy Pose solution, model complexity 1, video mode with tracking.

    ``min_tracking_confidence`` is 0.7 rather than MediaPipe's 0.5: below it the tracker drops
    its target and detects again. At 0.5 it followed a wrong target for the first second of one
    of the real clips (pull-up_5); at 0.7 it finds the lifter from the first frame and loses no
    frame on the other clips.

    ``static=True`` treats every frame on its own (no tracking, no smoothing): used to look
    for a second person in single frames.
    """

    def __init__(
        self,
        *,
        static: bool = False,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.7,
    ) -> None:
        self._last_us = -1
        self._warm = False
        self._quiet_left = 30
        with _quiet_native_stderr():
            mp = require_mediapipe()
            self._pose: Any = mp.solutions.pose.Pose(
                static_image_mode=static,
                model_complexity=MODEL_COMPLEXITY,
                smooth_landmarks=not static,
                enable_segmentation=False,
                min_detection_confidence=min_detection_confidence,
                min_tracking_confidence=min_tracking_confidence,
            )
            # The graph opens its models on worker threads; a first frame waits for them, so
            # their start-up logging happens inside this block.
            self._first_frame()

    def _first_frame(self) -> None:
        self._pose._simulated_timestamp = -33333
        self._pose.process(np.zeros((64, 64, 3), dtype=np.uint8))
        self._last_us = 0

    def reset(self) -> None:
        """Forget the last video: the graph restarts (its models stay loaded, about a tenth of
        a second), so the next frames give exactly what a new estimator would give."""
        with _quiet_native_stderr():
            self._pose.reset()
            self._first_frame()
        self._warm = False
        self._quiet_left = 30

    def process(self, frame_rgb: Frame, timestamp_ms: int) -> Points | None:
        """Landmarks of the person in ``frame_rgb`` (an RGB uint8 array), or None."""
        # The legacy API stamps every frame 33.333 ms after the last one, whatever the video's
        # rate; its landmark smoothing filter reads those stamps. Give it the real time of the
        # frame instead, so a 25 fps clip or every other frame of a 30 fps clip is smoothed
        # at the right speed. (`_simulated_timestamp` is that counter in mediapipe 0.10.21,
        # which the install pins.)
        us = max(int(timestamp_ms) * 1000, self._last_us + 1)
        self._pose._simulated_timestamp = us - 33333
        self._last_us = us
        if self._warm:
            result = self._pose.process(frame_rgb)
        else:  # the landmark model logs its start-up on the first frame with a person
            with _quiet_native_stderr():
                result = self._pose.process(frame_rgb)
            self._quiet_left -= 1
            self._warm = self._quiet_left <= 0  # not for ever: a progress bar shares stderr
        found = result.pose_landmarks
        if found is None:
            return None
        self._warm = True
        return np.array([(p.x, p.y, p.z, p.visibility) for p in found.landmark], dtype=np.float64)

    def close(self) -> None:
        self._pose.close()

    def __enter__(self) -> MediaPipePose:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def person_box(points: Points, *, margin: float = 0.15) -> tuple[float, float, float, float]:
    """The normalised box (x0, y0, x1, y1) around a person's visible landmarks, widened by
    ``margin`` of its size plus 3 % of the image on each side, clipped to the image.

    >>> pts = np.zeros((33, 4)); pts[:, 3] = 1.0
    >>> pts[:, 0] = np.linspace(0.4, 0.6, 33); pts[:, 1] = np.linspace(0.2, 0.8, 33)
    >>> [round(v, 2) for v in person_box(pts)]
    [0.34, 0.08, 0.66, 0.92]
    """
    seen = points[points[:, 3] > 0.3]
    if len(seen) == 0:
        seen = points
    x0, x1 = float(np.min(seen[:, 0])), float(np.max(seen[:, 0]))
    y0, y1 = float(np.min(seen[:, 1])), float(np.max(seen[:, 1]))
    mx, my = margin * (x1 - x0) + 0.03, margin * (y1 - y0) + 0.03
    return (max(0.0, x0 - mx), max(0.0, y0 - my), min(1.0, x1 + mx), min(1.0, y1 + my))


def covered(box: tuple[float, float, float, float], by: tuple[float, float, float, float]) -> float:
    """The share of ``box``'s area that lies inside ``by`` (boxes as x0, y0, x1, y1).

    >>> covered((0.0, 0.0, 0.2, 0.2), (0.1, 0.0, 0.5, 0.5)), covered((0, 0, 1, 1), (2, 2, 3, 3))
    (0.5, 0.0)
    """
    w = max(0.0, min(box[2], by[2]) - max(box[0], by[0]))
    h = max(0.0, min(box[3], by[3]) - max(box[1], by[1]))
    area = (box[2] - box[0]) * (box[3] - box[1])
    return w * h / area if area > 0 else 0.0


def blank_people(frame_rgb: Frame, people: list[Points]) -> Frame:
    """A copy of the frame with each person's box painted black."""
    h, w = frame_rgb.shape[:2]
    out = frame_rgb.copy()
    for points in people:
        x0, y0, x1, y1 = person_box(points)
        out[int(y0 * h) : int(np.ceil(y1 * h)), int(x0 * w) : int(np.ceil(x1 * w))] = 0
    return out


def windows(width: int, height: int) -> list[tuple[int, int, int, int]]:
    """Square windows (x0, y0, x1, y1 in pixels) along the longer side of a frame that is not
    square, overlapping by half: the pose detector sees a square, so a person in a wide or
    tall frame is found more easily inside a window than in the whole frame.

    >>> windows(1280, 720)
    [(0, 0, 720, 720), (280, 0, 1000, 720), (560, 0, 1280, 720)]
    >>> windows(640, 600)
    []
    """
    long, short = max(width, height), min(width, height)
    if long < 1.3 * short:
        return []
    n = int(np.ceil(2 * long / short)) - 1
    offsets = np.linspace(0, long - short, n).round().astype(int)
    if width >= height:
        return [(int(o), 0, int(o) + short, short) for o in offsets]
    return [(0, int(o), short, int(o) + short) for o in offsets]


def crop_points(points: Points, box: tuple[int, int, int, int], width: int, height: int) -> Points:
    """Landmarks found in a crop ``box`` (pixels) of a ``width`` x ``height`` frame, in the
    whole frame's normalised coordinates.

    >>> pts = np.array([[0.5, 0.5, 0.0, 1.0]])
    >>> crop_points(pts, (100, 0, 300, 100), 400, 100).tolist()
    [[0.5, 0.5, 0.0, 1.0]]
    """
    out = points.copy()
    x0, y0, x1, y1 = box
    out[:, 0] = (x0 + points[:, 0] * (x1 - x0)) / width
    out[:, 1] = (y0 + points[:, 1] * (y1 - y0)) / height
    return out


#: A window between two others at least this much blanked out (people already found) is not
#: looked in: the windows on either side, which overlap it by half, show the rest of it (as
#: does the whole frame, looked in first). The first and last windows are always looked in.
SKIP_BLANKED: Final = 0.5


def blanked_share(
    window: tuple[int, int, int, int], width: int, height: int, people: list[Points]
) -> float:
    """The share of a ``window`` (pixels) of a ``width`` x ``height`` frame that
    :func:`blank_people` paints black for ``people``.

    >>> pts = np.zeros((33, 4)); pts[:, 3] = 1.0
    >>> pts[:, 0] = np.linspace(0.40, 0.50, 33); pts[:, 1] = np.linspace(0.2, 0.8, 33)

    The person's box (15 % margin plus 3 % of the frame) spans pixels 454-698 across and
    57-663 down: 244 x 606 of the middle window's 720 x 720.

    >>> round(blanked_share((280, 0, 1000, 720), 1280, 720, [pts]), 4), round(244 * 606 / 720**2, 4)
    (0.2852, 0.2852)
    >>> blanked_share((0, 0, 720, 720), 1280, 720, [])
    0.0
    """
    x0, y0, x1, y1 = window
    mask = np.zeros((y1 - y0, x1 - x0), dtype=bool)
    for points in people:
        bx0, by0, bx1, by1 = person_box(points)
        mask[
            max(0, int(by0 * height) - y0) : max(0, int(np.ceil(by1 * height)) - y0),
            max(0, int(bx0 * width) - x0) : max(0, int(np.ceil(bx1 * width)) - x0),
        ] = True
    return float(mask.mean()) if mask.size else 0.0


class PeopleFinder:
    """Finds the other people in a frame: the people already found are blanked out and the
    model looks again, until nobody new is found.

    MediaPipe's legacy Pose follows one person, so with two people in view it may jump from
    one to the other mid-set. This runs the same model (no other download), frame by frame
    without tracking, and keeps a person whose landmarks are mostly visible, at least
    ``min_height`` of the image tall, and not inside someone already found (the model may
    fit a skeleton to the edge of a blanked box).
    """

    def __init__(
        self,
        estimator: PoseEstimator | None = None,
        *,
        min_visibility: float = 0.5,
        min_height: float = 0.12,
    ):
        self._estimator = estimator if estimator is not None else MediaPipePose(static=True)
        self._min_visibility = min_visibility
        self._min_height = min_height
        self._stamp = 0

    def others(self, frame_rgb: Frame, known: list[Points], limit: int = 2) -> list[Points]:
        """Up to ``limit`` people in the frame besides ``known``: looked for in the whole
        frame, then in each square window of a frame that is not square (:func:`windows`;
        one between two others only when not mostly blanked, :data:`SKIP_BLANKED`), each
        time with everyone found so far blanked out."""
        found: list[Points] = []
        h, w = frame_rgb.shape[:2]
        inner = windows(w, h)[1:-1]
        for region in [None, *windows(w, h)]:
            if len(found) >= limit:
                break
            if region in inner and blanked_share(region, w, h, [*known, *found]) >= SKIP_BLANKED:
                continue
            image = blank_people(frame_rgb, [*known, *found])
            if region is not None:
                x0, y0, x1, y1 = region
                image = np.ascontiguousarray(image[y0:y1, x0:x1])
            self._stamp += 1000
            person = self._estimator.process(image, self._stamp)
            if person is None or float(np.mean(person[:, 3])) < self._min_visibility:
                continue
            if region is not None:
                person = crop_points(person, region, w, h)
            box = person_box(person, margin=0.0)
            if max(box[3] - box[1], box[2] - box[0]) < self._min_height:
                continue
            if any(covered(box, person_box(p)) > 0.5 for p in [*known, *found]):
                continue
            found.append(person)
        return found

    def close(self) -> None:
        self._estimator.close()
