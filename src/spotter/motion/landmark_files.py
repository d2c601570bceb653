"""Reading landmark files, so the analysis runs without the video extra.

Formats (MediaPipe BlazePose landmark order, normalised image coordinates, NaN for frames with no
person):

* ``.npy``: an array of shape (frames, 33, 3) or (frames, 33, 4): x, y, z[, visibility].
* ``.csv``: a header and one row per frame, columns ``x0,y0,z0,v0,x1,...,v32`` (132 columns) or
  without the ``v`` columns (99); an empty cell is NaN.
* ``.json``: either a list of frames (each a list of 33 ``[x, y, z(, v)]``) or an object
  ``{"fps": 30, "frames": [...]}``, whose fps is used unless one is given.

:func:`write_landmarks` writes the same three formats (JSON as the object with its fps, a frame
without a person as ``null`` values), so that what ``spotter form landmarks`` extracts once reads
back unchanged.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from spotter.motion.analysis.landmarks import N_LANDMARKS, LandmarkError, Landmarks


def _csv(path: Path) -> np.ndarray:  # type: ignore[type-arg]
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            raise LandmarkError(f"{path}: empty file; expected a header x0,y0,z0,v0,...")
        per = 4 if len(header) == N_LANDMARKS * 4 else 3 if len(header) == N_LANDMARKS * 3 else 0
        if not per or header[:3] != ["x0", "y0", "z0"]:
            raise LandmarkError(
                f"{path}: line 1: expected {N_LANDMARKS * 4} columns x0,y0,z0,v0,... (or {N_LANDMARKS * 3} without v), "
                f"got {len(header)} starting {','.join(header[:4])}"
            )
        frames = []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise LandmarkError(
                    f"{path}: line {line}: expected {len(header)} values, got {len(row)}"
                )
            try:
                frames.append([float(v) if v.strip() else np.nan for v in row])
            except ValueError:
                bad = next(v for v in row if v.strip() and not _is_number(v))
                raise LandmarkError(f"{path}: line {line}: {bad!r} is not a number") from None
    return np.array(frames, dtype=np.float64).reshape(len(frames), N_LANDMARKS, per)


def _is_number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def read_landmarks(path: Path, *, fps: float | None = None) -> Landmarks:
    """Landmarks from a .npy, .csv or .json file (fps default 30, or the JSON's own)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".npy":
            array = np.load(path, allow_pickle=False)
            return Landmarks.from_array(array, fps=fps or 30.0)
        if suffix == ".csv":
            return Landmarks.from_array(_csv(path), fps=fps or 30.0)
        if suffix == ".json":
            doc = json.loads(path.read_text(encoding="utf-8"))
            frames = doc.get("frames") if isinstance(doc, dict) else doc
            own = doc.get("fps") if isinstance(doc, dict) else None
            if not isinstance(frames, list):
                raise LandmarkError('expected a list of frames or {"fps": ..., "frames": [...]}')
            array = np.array(
                [[[np.nan if v is None else v for v in p] for p in f] for f in frames],
                dtype=np.float64,
            )
            return Landmarks.from_array(array, fps=fps or float(own or 30.0))
    except LandmarkError as exc:
        raise LandmarkError(f"{path}: {exc}") from None
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise LandmarkError(f"{path}: cannot be read as landmarks ({exc})") from None
    raise LandmarkError(
        f"{path}: unknown landmarks file type {suffix!r}; expected .npy, .csv or .json "
        "(videos need the vision extra, which is not part of this version)"
    )


def _csv_text(data: np.ndarray) -> str:  # type: ignore[type-arg]
    header = ",".join(f"{c}{i}" for i in range(N_LANDMARKS) for c in "xyzv")
    lines = [header]
    for frame in data.reshape(len(data), N_LANDMARKS * 4):
        lines.append(",".join("" if not np.isfinite(v) else repr(float(v)) for v in frame))
    return "\n".join(lines) + "\n"


def write_landmarks(path: Path, landmarks: Landmarks) -> None:
    """Write landmarks as .npy (frames, 33, 4), .csv (132 columns) or .json ({"fps", "frames"}),
    by the file's suffix; the whole file appears at once (written beside it, then renamed).

    A frame without a person keeps NaN (.npy), empty cells (.csv) or nulls (.json); its
    visibility is written as 0.

    >>> import tempfile
    >>> lm = Landmarks.from_array(np.full((3, 33, 4), 0.5), fps=25)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_landmarks(Path(d) / "set.json", lm)
    ...     back = read_landmarks(Path(d) / "set.json")
    >>> back.fps, back.n_frames, float(back.data[2, 32, 1])
    (25.0, 3, 0.5)
    """
    suffix = path.suffix.lower()
    data = landmarks.data
    tmp = path.with_name(path.name + ".tmp")
    try:
        if suffix == ".npy":
            with tmp.open("wb") as fh:
                np.save(fh, data, allow_pickle=False)
        elif suffix == ".csv":
            tmp.write_text(_csv_text(data), encoding="utf-8")
        elif suffix == ".json":
            frames = [
                [[float(v) if np.isfinite(v) else None for v in point] for point in frame]
                for frame in data
            ]
            tmp.write_text(
                json.dumps({"fps": landmarks.fps, "frames": frames}, separators=(",", ":")),
                encoding="utf-8",
            )
        else:
            raise LandmarkError(
                f"{path}: unknown landmarks file type {suffix!r}; expected .npy, .csv or .json"
            )
        tmp.replace(path)
    except OSError as exc:
        raise LandmarkError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if tmp.exists():
            tmp.unlink()
