"""Installing and checking the optional ``vision`` extra (OpenCV + MediaPipe's pose model).

MediaPipe 0.10.21 declares jax, jaxlib (about 330 MB), sounddevice and opencv-contrib-python
(a GUI build of OpenCV that clashes with opencv-python-headless: both provide ``cv2``). Pose
estimation uses none of them. So the extra lists what the legacy Pose solution really imports
(``pyproject.toml``, ``[project.optional-dependencies] vision``), and MediaPipe itself goes in
with ``--no-deps``. :func:`install_steps` is that recipe, read from the installed package's
metadata so ``pyproject.toml`` stays its one source.
"""

from __future__ import annotations

import importlib.metadata as md
import sys
import time
from dataclasses import dataclass, field

import numpy as np

from spotter.motion.pose import MEDIAPIPE_REQUIREMENT, model_path

# Distributions the install adds, for the size figure.
VISION_DISTS = (
    "mediapipe",
    "opencv-python-headless",
    "protobuf",
    "absl-py",
    "attrs",
    "flatbuffers",
)
# Builds of OpenCV that also provide `cv2`; with the headless one they overwrite each other.
CLASHING_OPENCV = ("opencv-python", "opencv-contrib-python", "opencv-contrib-python-headless")
UNNEEDED = ("jax", "jaxlib", "sounddevice")

# The extra as pyproject.toml declares it, for a source tree run without installing (kept equal
# by a test).
FALLBACK_REQUIREMENTS = (
    "opencv-python-headless>=4.8,<4.12",
    "protobuf>=4.25.3,<5",
    "absl-py>=1",
    "attrs>=19.1",
    "flatbuffers>=2.0",
)


def vision_requirements() -> list[str]:
    """The requirement strings of the ``vision`` extra, from the installed metadata.

    >>> any(r.startswith("opencv-python-headless") for r in vision_requirements())
    True
    """
    try:
        declared = md.requires("spotter") or []
    except md.PackageNotFoundError:
        return list(FALLBACK_REQUIREMENTS)
    reqs = []
    for line in declared:
        spec, _, marker = line.partition(";")
        if "extra" in marker and ("'vision'" in marker or '"vision"' in marker):
            reqs.append(spec.strip())
    return reqs or list(FALLBACK_REQUIREMENTS)


def install_steps(python: str | None = None, *, quiet: bool = False) -> list[list[str]]:
    """The pip commands that install the extra: its dependencies, then MediaPipe without its own.

    >>> steps = install_steps("python")
    >>> steps[-1]
    ['python', '-m', 'pip', 'install', '--no-deps', 'mediapipe==0.10.21']
    """
    pip = [python or sys.executable, "-m", "pip", "install", *(["--quiet"] if quiet else [])]
    return [
        [*pip, *vision_requirements()],
        [*pip, "--no-deps", MEDIAPIPE_REQUIREMENT],
    ]


def _version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


def installed_bytes(dists: tuple[str, ...] = VISION_DISTS) -> int:
    """Bytes on disk of the files these installed distributions recorded (RECORD)."""
    total = 0
    for name in dists:
        try:
            files = md.distribution(name).files or []
        except md.PackageNotFoundError:
            continue
        for f in files:
            path = f.locate()
            try:
                total += path.stat().st_size  # type: ignore[attr-defined]
            except OSError:
                continue
    return total


@dataclass
class VisionStatus:
    """What is installed and whether pose estimation runs, offline."""

    versions: dict[str, str | None]
    clashing: list[str]
    unneeded: list[str]
    size_bytes: int
    model_in_wheel: bool
    pose_runs: bool
    downloaded: list[str] = field(default_factory=list)
    pose_ms: float | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.pose_runs and not self.clashing and not self.downloaded

    def view(self) -> VisionStatusView:
        """The status as `spotter vision status --format json` prints it."""
        return VisionStatusView(
            self.ok, dict(self.versions), tuple(self.clashing), tuple(self.unneeded),
            self.size_bytes, self.model_in_wheel, self.pose_runs, self.pose_ms,
            tuple(self.downloaded), self.problem,
        )


@dataclass(frozen=True, slots=True)
class VisionStatusView:
    """The vision status with its JSON names (through ``to_data``)."""

    ok: bool
    versions: dict[str, str | None]
    clashing_opencv: tuple[str, ...]
    unneeded_installed: tuple[str, ...]
    size_bytes: int
    pose_model_in_wheel: bool
    pose_runs: bool
    pose_ms_per_frame: float | None
    downloaded_models: tuple[str, ...]
    problem: str | None


def vision_status(*, run_pose: bool = True) -> VisionStatus:
    """Versions, size and a pose test, with no network needed.

    The test runs the pose graph on blank frames (11 of them; the figure is the mean time of the
    last 10) and checks that no model file appeared in MediaPipe's folder (complexities 0 and 2
    would download one).
    """
    versions = {d: _version(d) for d in (*VISION_DISTS, "numpy")}
    clashing = [d for d in CLASHING_OPENCV if _version(d)]
    unneeded = [d for d in UNNEEDED if _version(d)]
    model = model_path()
    status = VisionStatus(
        versions,
        clashing,
        unneeded,
        installed_bytes(),
        model is not None,
        pose_runs=False,
    )
    if versions["mediapipe"] is None or versions["opencv-python-headless"] is None:
        status.problem = "mediapipe or opencv-python-headless is not installed"
        return status
    if model is None:
        status.problem = "pose_landmark_full.tflite is not inside the installed mediapipe"
        return status
    if not run_pose:
        return status
    before = {p.name for p in model.parent.parent.rglob("*.tflite")}
    try:
        from spotter.motion.pose import MediaPipePose

        with MediaPipePose() as pose:
            blank = np.zeros((360, 640, 3), dtype=np.uint8)
            pose.process(blank, 0)
            start = time.perf_counter()
            for i in range(1, 11):
                pose.process(blank, i * 33)
            status.pose_ms = (time.perf_counter() - start) * 100.0
        status.pose_runs = True
    except Exception as exc:  # any failure of the native library is the answer here
        status.problem = f"the pose model failed: {type(exc).__name__}: {exc}"
    after = {p.name for p in model.parent.parent.rglob("*.tflite")}
    status.downloaded = sorted(after - before)
    return status
