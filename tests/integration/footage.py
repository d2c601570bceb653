"""Gym footage made at test time from the real clips in ../shared/data/pose: real pixels,
composed, trimmed and shrunk with OpenCV, and re-muxed with the distribution's ffmpeg where
the container matters (rotation metadata, variable frame rate). Nothing here is committed as
video; every file goes to a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

POSE = Path(__file__).resolve().parents[3] / "shared" / "data" / "pose"
SMALL = (640, 360)  # the fixtures' size: the model costs the same, decoding less


def clip(name: str) -> Path:
    path = POSE / f"{name}.mp4"
    if not path.is_file():
        pytest.skip(f"{path} is absent (real clips live outside the repository)")
    return path


def frames(name: str, size: tuple[int, int] | None = SMALL, first: int = 0, end: int | None = None):  # type: ignore[no-untyped-def]
    """The clip's frames (BGR) from ``first`` to ``end``, shrunk to ``size``, and its rate."""
    cap = cv2.VideoCapture(str(clip(name)))
    fps = float(cap.get(cv2.CAP_PROP_FPS))
    out = []
    i = 0
    while True:
        ok, f = cap.read()
        if not ok or (end is not None and i >= end):
            break
        if i >= first:
            out.append(cv2.resize(f, size, interpolation=cv2.INTER_AREA) if size else f)
        i += 1
    return out, fps


def write(path: Path, images: list[np.ndarray], fps: float) -> Path:  # type: ignore[type-arg]
    h, w = images[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
    assert writer.isOpened()
    for img in images:
        writer.write(img)
    writer.release()
    return path


def ffmpeg() -> str:
    exe = shutil.which("ffmpeg")
    if exe is None:
        if os.environ.get("CI") == "true":  # .ci/run installs it: missing there is a failure
            pytest.fail("ffmpeg is not installed in CI (.ci/run installs Debian's ffmpeg)")
        pytest.skip("ffmpeg is not installed (apt-get install ffmpeg)")
    return exe


def run_ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg(), "-v", "error", "-y", *args], check=True, capture_output=True)


def mirrored(folder: Path, name: str) -> Path:
    """The lifter on the left and the same frames flipped left-right beside them."""
    images, fps = frames(name)
    return write(folder / "mirror.mp4", [np.hstack([f, cv2.flip(f, 1)]) for f in images], fps)


def with_passer_by(folder: Path, name: str, other: str, start: int, length: int) -> Path:
    """``name`` with the person of ``other`` (its middle third, shrunk to 45 % of the height)
    crossing the picture from right to left along the bottom, from frame ``start`` for
    ``length`` frames."""
    images, fps = frames(name)
    walker, _ = frames(other)
    h, w = images[0].shape[:2]
    ph, pw = int(0.45 * h), int(0.16 * w)
    out = []
    for i, img in enumerate(images):
        k = i - start
        if 0 <= k < length:
            src = walker[k % len(walker)]
            _sh, sw = src.shape[:2]
            patch = cv2.resize(src[:, sw // 3 : 2 * sw // 3], (pw, ph))
            x = int((w - pw) * (1 - k / (length - 1)))
            img = img.copy()
            img[h - ph :, x : x + pw] = patch
        out.append(img)
    return write(folder / "passer-by.mp4", out, fps)


def two_sets(folder: Path, first: str, second: tuple[str, int], away: float) -> Path:
    """Set one (all of ``first``), ``away`` seconds with nobody in view (the scene blurred
    past recognition: the lifter walked off), then set two (``second``'s first frames)."""
    a, fps = frames(first)
    name, end = second
    b, _ = frames(name, end=end)
    empty = cv2.GaussianBlur(a[-1], (0, 0), 25)
    return write(folder / "two-sets.mp4", a + [empty] * round(away * fps) + b, fps)


def portrait(folder: Path, name: str) -> tuple[Path, Path]:
    """A portrait crop of the clip (9:16, the middle of the picture), stored upright, and the
    same picture stored on its side with rotation metadata that turns it upright and an audio
    track (a phone records sound too)."""
    images, fps = frames(name, size=None)
    h, w = images[0].shape[:2]
    pw = int(h * 9 / 16) // 2 * 2
    x = (w - pw) // 2
    upright = [cv2.resize(f[:, x : x + pw], (360, 640)) for f in images]
    stored = write(folder / "portrait.mp4", upright, fps)
    sideways = write(
        folder / "sideways.mp4", [cv2.rotate(f, cv2.ROTATE_90_CLOCKWISE) for f in upright], fps
    )
    rotated = folder / "rotated.mp4"
    # the stored frames are turned clockwise: the player turns them back counter-clockwise
    run_ffmpeg(
        "-i",
        str(sideways),
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=10",
        "-c:v",
        "copy",
        "-c:a",
        "aac",
        "-shortest",
        "-metadata:s:v:0",
        "rotate=90",
        str(rotated),
    )
    return stored, rotated


def variable_rate(folder: Path, name: str) -> Path:
    """The clip with frames dropped unevenly (every other frame in its first 40, every third
    from frame 70 to 100) and the survivors' time stamps kept: a variable frame rate."""
    images, fps = frames(name)
    small = write(folder / "even.mp4", images, fps)
    out = folder / "variable.mp4"
    keep = "lt(n\\,40)*not(mod(n\\,2))+between(n\\,40\\,69)+gte(n\\,70)*lt(n\\,100)*not(mod(n\\,3))+gte(n\\,100)"
    run_ffmpeg("-i", str(small), "-vf", f"select='{keep}'", "-fps_mode", "vfr", "-an", str(out))
    return out


def audio_only(folder: Path) -> Path:
    """Two seconds of a tone in an mp4 container: no video track."""
    out = folder / "voice-memo.mp4"
    run_ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", str(out))
    return out


def truncated(folder: Path, name: str, share: float) -> Path:
    """The first ``share`` of the clip's bytes: a download or copy cut short."""
    data = clip(name).read_bytes()
    out = folder / f"{name}-cut.mp4"
    out.write_bytes(data[: int(len(data) * share)])
    return out
