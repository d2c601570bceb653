"""Reading videos with OpenCV: what the container says, and the frames, decoded ahead.

Anything OpenCV's FFmpeg backend reads works (mp4, mov, avi, webm, mkv). Frames come from a
background thread that decodes while the caller runs the pose model on the previous frame,
which is most of the speed on a 2-core machine. Frames the caller does not want (``every=2``
keeps every other one) are only demuxed and decoded (``grab``), never converted to RGB, which
is where most of the decoding time goes at 720p.
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
    """What the container says about a video."""

    path: Path
    fps: float
    frame_count: int  # the container's figure; 0 when it does not say
    width: int
    height: int

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


def _open(path: Path) -> Any:
    cv2 = require_cv2()
    if not path.exists():
        raise VideoError(f"{path}: no such file")
    if path.is_dir():
        raise VideoError(f"{path}: is a folder, expected a video file")
    cap = cv2.VideoCapture(str(path))
    if not cap.isOpened():
        raise VideoError(
            f"{path}: not a video OpenCV can open (unknown format, or a damaged or "
            "truncated file); expected mp4, mov, avi, webm or mkv"
        )
    return cap


def probe(path: Path) -> VideoInfo:
    """Open the video, read its rate, size and frame count, and check that a frame decodes."""
    cv2 = require_cv2()
    cap = _open(path)
    try:
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        count = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH) or 0)
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT) or 0)
        first_ok = bool(cap.grab())
    finally:
        cap.release()
    if not first_ok:
        raise VideoError(f"{path}: no frame could be decoded (a damaged or truncated video?)")
    if not np.isfinite(fps) or not 1.0 <= fps <= 1000.0:
        raise VideoError(f"{path}: the video gives no usable frame rate ({fps}); re-encode it")
    return VideoInfo(path, fps, max(count, 0), width, height)


def scaled_size(width: int, height: int, max_width: int | None) -> tuple[int, int]:
    """The size after shrinking to at most ``max_width`` pixels wide, keeping the aspect.

    >>> scaled_size(1920, 1080, 640), scaled_size(320, 240, 640), scaled_size(1280, 720, None)
    ((640, 360), (320, 240), (1280, 720))
    """
    if max_width is None or width <= max_width:
        return width, height
    return max_width, max(1, round(height * max_width / width))


def decode(
    info: VideoInfo,
    *,
    every: int = 1,
    max_width: int | None = None,
    rgb: bool = True,
    ahead: int = 8,
) -> Iterator[DecodedFrame]:
    """Every frame of the video in order; the image only on every ``every``-th frame (from the
    first), shrunk to ``max_width`` pixels wide when given, RGB (or OpenCV's BGR with
    ``rgb=False``). Decoding runs in a thread, ``ahead`` frames in advance.
    """
    cv2 = require_cv2()
    if every < 1:
        raise ValueError(f"every must be at least 1, got {every}")
    size = scaled_size(info.width, info.height, max_width)
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
            index = 0
            while not stop.is_set() and cap.grab():
                image = None
                if index % every == 0:
                    ok, bgr = cap.retrieve()
                    if ok and bgr is not None:
                        if (bgr.shape[1], bgr.shape[0]) != size:
                            bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
                        image = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB) if rgb else bgr
                time_ms = round(index * 1000.0 / info.fps)
                if not put(DecodedFrame(index, time_ms, image)):
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
