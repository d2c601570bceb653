"""Reading videos with OpenCV: what the container says, and the frames, decoded ahead.

Anything OpenCV's FFmpeg backend reads works (mp4, mov, avi, webm, mkv). Frames come from a
background thread that decodes while the caller runs the pose model on the previous frame,
which is most of the speed on a 2-core machine. Frames the caller does not want (``every=2``
keeps every other one) are only demuxed and decoded (``grab``), never converted to RGB, which
is where most of the decoding time goes at 720p.

Phone videos as they come:

* rotation metadata (a portrait clip stored landscape) is applied, so frames come upright and
  :class:`VideoInfo` gives the upright size;
* every frame carries its time stamp from the container, so a variable frame rate is read as
  it was recorded (the caller resamples onto an even clock, see ``motion.extract``);
* frames are shrunk in the decoding thread, before colour conversion, so 1080p and 4K cost
  the model no more than 720p;
* audio tracks are never read; FFmpeg's and OpenCV's own logging is switched off before
  OpenCV loads (``require_cv2``), so a damaged file gives one line from Spotter, not decoder
  noise.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from spotter.errors import SpotterError
from spotter.motion.pose import require_cv2

Frame = NDArray[np.uint8]

VIDEO_SUFFIXES = frozenset(
    {".mp4", ".m4v", ".mov", ".avi", ".webm", ".mkv", ".mpg", ".mpeg", ".wmv", ".3gp"}
)


class VideoError(SpotterError):
    """A file that is not a readable video; the message names it and says what went wrong."""


def is_video(path: Path) -> bool:
    """Whether the file name says video (the content is checked when it is opened).

    >>> is_video(Path("set.MP4")), is_video(Path("set.npy"))
    (True, False)
    """
    return path.suffix.lower() in VIDEO_SUFFIXES


@dataclass(frozen=True, slots=True)
class VideoInfo:
    """What the container says about a video (the size is the upright one)."""

    path: Path
    fps: float
    frame_count: int  # the container's figure; 0 when it does not say
    width: int
    height: int
    rotation: int = 0  # degrees the container asks players to turn the stored frames
    codec: str = ""  # the video track's FourCC, as OpenCV reports it

    @property
    def duration(self) -> float:
        """Seconds, from the container's frame count and rate."""
        return self.frame_count / self.fps if self.fps > 0 else 0.0


@dataclass(frozen=True, slots=True)
class DecodedFrame:
    """One frame: its index, its time, and the image (RGB, or BGR when asked) unless the
    caller skipped it."""

    index: int
    time_ms: int
    image: Frame | None
    seconds: float = 0.0  # the container's time stamp, unrounded


def _open(path: Path) -> Any:
    cv2 = require_cv2()
    if not path.exists():
        raise VideoError(f"{path}: no such file")
    if path.is_dir():
        raise VideoError(f"{path}: is a folder, expected a video file")
    cap = cv2.VideoCapture(str(path))
    if not cap.isOpened():
        raise VideoError(
            f"{path}: not a video OpenCV can open (no video track, an unknown format, or a "
            "damaged or truncated file); expected mp4, mov, avi, webm or mkv"
        )
    # Phones store portrait clips as landscape frames plus a rotation in the container.
    cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
    return cap


def fourcc_text(code: float) -> str:
    """OpenCV's FourCC number as its four letters, empty when unknown.

    >>> fourcc_text(0x31637661), fourcc_text(0)
    ('avc1', '')
    """
    n = int(code) if np.isfinite(code) else 0
    text = "".join(chr((n >> (8 * i)) & 0xFF) for i in range(4))
    return text if n > 0 and text.isprintable() else ""


def probe(path: Path) -> VideoInfo:
    """Open the video, read its rate, size, rotation and frame count, and decode a frame."""
    cv2 = require_cv2()
    cap = _open(path)
    try:
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        count = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        rotation = int(cap.get(cv2.CAP_PROP_ORIENTATION_META) or 0) % 360
        codec = fourcc_text(cap.get(cv2.CAP_PROP_FOURCC) or 0)
        ok, first = cap.read()
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH) or 0)
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT) or 0)
    finally:
        cap.release()
    if not ok or first is None:
        named = f" (codec {codec})" if codec else ""
        raise VideoError(
            f"{path}: no frame could be decoded{named}: a damaged or truncated video, or a "
            "codec this OpenCV build cannot read; re-encode it as H.264 mp4"
        )
    if not np.isfinite(fps) or not 1.0 <= fps <= 1000.0:
        raise VideoError(f"{path}: the video gives no usable frame rate ({fps}); re-encode it")
    height, width = int(first.shape[0]), int(first.shape[1])  # upright, as decoded
    return VideoInfo(path, fps, max(count, 0), width, height, rotation, codec)


def scaled_size(width: int, height: int, max_side: int | None) -> tuple[int, int]:
    """The size after shrinking the longer side to at most ``max_side`` pixels, keeping the
    aspect (a portrait 1080x1920 frame and a landscape 1920x1080 one shrink alike).

    >>> scaled_size(1920, 1080, 640), scaled_size(320, 240, 640), scaled_size(1280, 720, None)
    ((640, 360), (320, 240), (1280, 720))
    >>> scaled_size(2160, 3840, 1280)
    (720, 1280)
    """
    side = max(width, height)
    if max_side is None or side <= max_side:
        return width, height
    f = max_side / side
    return max(1, round(width * f)), max(1, round(height * f))


def shrink(cv2: Any, image: Frame, size: tuple[int, int]) -> Frame:
    """The image at ``size`` (width, height): halved by pixel averaging while it is at least
    twice too large (OpenCV's fast path), then linear interpolation for the rest.

    On a 1080p frame, OpenCV's area averaging to 1280x720 costs about four times a linear
    resize (a factor of 1.5 has no fast path); halving first keeps 4K frames cheap too, and
    averaging before the last step keeps the picture from aliasing. The pose model shrinks
    the picture to 256 pixels itself, so the last step's method does not show in the
    landmarks.
    """
    image = halve(cv2, image, size)
    if (image.shape[1], image.shape[0]) != size:
        image = cv2.resize(image, size, interpolation=cv2.INTER_LINEAR)
    return image


def halve(cv2: Any, image: Frame, size: tuple[int, int]) -> Frame:
    """The image halved by pixel averaging while it is at least twice ``size`` (the first
    steps of :func:`shrink`)."""
    w, h = size
    while image.shape[1] >= 2 * w and image.shape[0] >= 2 * h:
        image = cv2.resize(
            image, (image.shape[1] // 2, image.shape[0] // 2), interpolation=cv2.INTER_AREA
        )
    return image


def finish(image: Frame, size: tuple[int, int], *, rgb: bool = True) -> Frame:
    """A frame from :func:`decode` with ``raw`` as it comes without: shrunk to ``size``
    (width, height; see :func:`scaled_size`) and RGB (BGR with ``rgb=False``)."""
    cv2 = require_cv2()
    small = shrink(cv2, image, size)
    return cv2.cvtColor(small, cv2.COLOR_BGR2RGB) if rgb else small


class FrameClock:
    """Time stamps of decoded frames: the container's, kept increasing; where the container
    gives none (0 after the first frame, or going back), the frame's place at the nominal rate.

    >>> clock = FrameClock(25.0)
    >>> [clock.stamp(i, ms) for i, ms in enumerate([0.0, 40.0, 0.0, 160.0, 150.0])]
    [0.0, 40.0, 80.0, 160.0, 200.0]
    """

    def __init__(self, fps: float) -> None:
        self._step = 1000.0 / fps
        self._last = -np.inf

    def stamp(self, index: int, container_ms: float) -> float:
        t = float(container_ms) if np.isfinite(container_ms) else -1.0
        if t <= self._last or (index > 0 and t <= 0.0):
            t = index * self._step if self._last < index * self._step else self._last + self._step
        self._last = t
        return t


def decode(
    info: VideoInfo,
    *,
    every: int = 1,
    interval_ms: float | None = None,
    max_side: int | None = None,
    rgb: bool = True,
    ahead: int = 8,
    raw: bool = False,
) -> Iterator[DecodedFrame]:
    """Every frame of the video in order with its container time stamp; the image only on
    every ``every``-th frame (from the first), or, with ``interval_ms``, on the first frame
    and then on each frame at least ``interval_ms`` after the last one kept (less half a
    frame), which keeps a variable frame rate's model runs evenly spaced in time. Images are
    shrunk to ``max_side`` pixels on their longer side when given, RGB (or OpenCV's BGR with
    ``rgb=False``). Decoding runs in a thread, ``ahead`` frames in advance.

    With ``raw``, every wanted image comes as decoded (BGR, halved while it is at least
    twice too large, which bounds the memory a caller holding a few frames needs) and the
    caller finishes only those it uses with :func:`finish`: a caller that keeps every frame
    in case it needs it (adaptive sampling) then pays the colour conversion and the resize
    on the frames the model sees, not on all.
    """
    cv2 = require_cv2()
    if every < 1:
        raise ValueError(f"every must be at least 1, got {every}")
    size = scaled_size(info.width, info.height, max_side)
    slack = 500.0 / info.fps
    items: queue.Queue[DecodedFrame | BaseException | None] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item: DecodedFrame | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def work() -> None:
        cap = None
        try:
            cap = _open(info.path)
            clock = FrameClock(info.fps)
            index = 0
            due = -np.inf
            while not stop.is_set() and cap.grab():
                image = None
                t = clock.stamp(index, cap.get(cv2.CAP_PROP_POS_MSEC))
                wanted = index % every == 0 if interval_ms is None else t >= due
                if wanted:
                    ok, bgr = cap.retrieve()
                    if ok and bgr is not None and raw:
                        image = halve(cv2, bgr, size)
                    elif ok and bgr is not None:
                        bgr = shrink(cv2, bgr, size)
                        image = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB) if rgb else bgr
                    if interval_ms is not None:
                        due = t + interval_ms - slack
                if not put(DecodedFrame(index, round(t), image, t / 1000.0)):
                    return
                index += 1
            put(None)
        except BaseException as exc:  # handed to the consumer, raised there
            put(exc)
        finally:
            if cap is not None:
                cap.release()

    thread = threading.Thread(target=work, name="spotter-decode", daemon=True)
    thread.start()
    try:
        while True:
            item = items.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)
