"""An annotated copy of a video: the skeleton, a rep counter, and each fault on its reps.

The video is decoded again frame by frame and written with OpenCV's ``mp4v`` encoder (the one
every OpenCV build has; players that want H.264 can convert it). What is drawn comes from the
landmarks (one row per video frame) and a list of :class:`RepMark` built from the form report,
so this module knows nothing about exercises or the catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np

from spotter.errors import SpotterError
from spotter.motion.analysis.landmarks import Landmarks
from spotter.motion.pose import require_cv2
from spotter.motion.video import decode, probe

# BlazePose's skeleton: pairs of landmark indices (face outline left out, nose to shoulders kept).
CONNECTIONS: Final = (
    (11, 12), (11, 13), (13, 15), (12, 14), (14, 16),  # shoulders, arms
    (15, 17), (15, 19), (17, 19), (16, 18), (16, 20), (18, 20),  # hands
    (11, 23), (12, 24), (23, 24),  # trunk
    (23, 25), (25, 27), (24, 26), (26, 28),  # legs
    (27, 29), (29, 31), (27, 31), (28, 30), (30, 32), (28, 32),  # feet
    (0, 11), (0, 12),
)  # fmt: skip
MIN_VISIBILITY: Final = 0.3

GREEN: Final = (80, 220, 80)  # BGR
YELLOW: Final = (0, 215, 255)
WHITE: Final = (255, 255, 255)
BLACK: Final = (0, 0, 0)


class AnnotateError(SpotterError):
    """The annotated video cannot be written."""


@dataclass(frozen=True, slots=True)
class RepMark:
    """A rep to show: its number, its time in the clip, and the faults seen on it."""

    index: int
    start: float
    end: float
    faults: tuple[str, ...] = ()


def reps_done(marks: Sequence[RepMark], t: float) -> int:
    """How many reps have ended by time ``t`` (seconds).

    >>> marks = [RepMark(1, 0.5, 2.0), RepMark(2, 2.5, 4.0)]
    >>> reps_done(marks, 1.0), reps_done(marks, 2.0), reps_done(marks, 9.0)
    (0, 1, 2)
    """
    return sum(1 for m in marks if m.end <= t)


def rep_at(marks: Sequence[RepMark], t: float) -> RepMark | None:
    """The rep under way at time ``t``, or None between reps.

    >>> marks = [RepMark(1, 0.5, 2.0, ("Swinging",)), RepMark(2, 2.5, 4.0)]
    >>> rep_at(marks, 1.0).faults, rep_at(marks, 2.2)
    (('Swinging',), None)
    """
    return next((m for m in marks if m.start <= t < m.end), None)


def _text(cv2: Any, img: Any, text: str, org: tuple[int, int], scale: float, color: Any) -> None:
    thick = max(1, round(scale * 2))
    cv2.putText(img, text, org, cv2.FONT_HERSHEY_SIMPLEX, scale, BLACK, thick + 3, cv2.LINE_AA)
    cv2.putText(img, text, org, cv2.FONT_HERSHEY_SIMPLEX, scale, color, thick, cv2.LINE_AA)


def draw_frame(
    cv2: Any, bgr: Any, points: Any, t: float, marks: Sequence[RepMark], title: str
) -> None:
    """Draw the skeleton, the counter and the current rep's faults onto a BGR frame in place."""
    h, w = bgr.shape[:2]
    scale = max(0.5, h / 720.0)
    if points is not None and np.isfinite(points[:, :2]).all():
        xy = np.column_stack([points[:, 0] * w, points[:, 1] * h]).round().astype(int)
        seen = points[:, 3] >= MIN_VISIBILITY
        for a, b in CONNECTIONS:
            if seen[a] and seen[b]:
                cv2.line(bgr, tuple(xy[a]), tuple(xy[b]), WHITE, max(2, round(3 * scale)))
        for i in np.flatnonzero(seen):
            if i > 10 or i == 0:
                cv2.circle(bgr, tuple(xy[i]), max(3, round(4 * scale)), GREEN, -1)
    line = round(42 * scale)
    _text(cv2, bgr, title, (round(16 * scale), line), 0.8 * scale, WHITE)
    _text(cv2, bgr, f"Reps: {reps_done(marks, t)}", (round(16 * scale), 2 * line), scale, GREEN)
    current = rep_at(marks, t)
    if current is not None:
        y = 3 * line
        for name in current.faults:
            _text(
                cv2,
                bgr,
                f"Rep {current.index}: {name}",
                (round(16 * scale), y),
                0.8 * scale,
                YELLOW,
            )
            y += round(line * 0.8)


def write_annotated(
    video: Path,
    landmarks: Landmarks,
    marks: Sequence[RepMark],
    out: Path,
    *,
    title: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write ``out`` (mp4) from ``video`` with the overlay; returns the frames written."""
    cv2 = require_cv2()
    info = probe(video)
    if out.resolve() == video.resolve():
        raise AnnotateError(f"{out}: would overwrite the input video; choose another file")
    if out.suffix.lower() not in (".mp4", ".m4v", ".mov"):
        raise AnnotateError(f"{out}: the annotated video is written as mp4; name it .mp4")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.stem + ".part" + out.suffix)
    writer = cv2.VideoWriter(
        str(tmp), cv2.VideoWriter_fourcc(*"mp4v"), info.fps, (info.width, info.height)
    )
    if not writer.isOpened():
        raise AnnotateError(f"{out}: OpenCV cannot write an mp4 video there")
    data = landmarks.data
    written = 0
    even = info.frame_count in (0, len(data))
    t0: float | None = None
    try:
        for frame in decode(info, every=1, rgb=False):
            bgr = frame.image
            if bgr is None:
                continue
            # One row per frame, unless a variable frame rate was resampled onto an even clock
            # (then the row at the frame's time). The reps' times are on the landmarks' clock
            # (--fps may have replaced the video's).
            if t0 is None:
                t0 = frame.seconds
            at = frame.index if even else round((frame.seconds - t0) * landmarks.fps)
            row = data[at] if at < len(data) else None
            draw_frame(cv2, bgr, row, at / landmarks.fps, marks, title)
            writer.write(bgr)
            written += 1
            if progress is not None:
                progress(written, max(info.frame_count, written))
    except BaseException:
        writer.release()
        tmp.unlink(missing_ok=True)
        raise
    writer.release()
    if written == 0:
        tmp.unlink(missing_ok=True)
        raise AnnotateError(f"{video}: no frame could be decoded to annotate")
    tmp.replace(out)
    return written
