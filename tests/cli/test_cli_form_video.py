"""`spotter form` with videos, `spotter form landmarks`, and `spotter vision`: the command
lines, their help, and the errors that need no pose model."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from spotter.cli.app import app
from spotter.motion.vision_setup import FALLBACK_REQUIREMENTS

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


@pytest.fixture
def no_vision(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine without the extra: importing cv2 or mediapipe fails."""
    monkeypatch.setitem(sys.modules, "cv2", None)
    monkeypatch.setitem(sys.modules, "mediapipe", None)


def still_set(path: Path) -> Path:
    """A landmarks file of a person standing still (x, y, z, visibility)."""
    data = np.zeros((60, 33, 4))
    data[:, :, 0] = np.linspace(0.4, 0.6, 33)
    data[:, :, 1] = np.linspace(0.1, 0.9, 33)
    data[:, :, 3] = 1.0
    np.save(path, data)
    return path


def test_form_help_shows_the_check_and_points_to_the_landmarks_command() -> None:
    r = run("form", "--help")
    assert r.exit_code == 0
    assert "Usage: spotter form [OPTIONS] VIDEO_OR_LANDMARKS" in r.stdout
    assert "spotter form landmarks set.mp4 -o set.npy" in r.stdout
    assert "--annotate" in r.stdout


def test_form_landmarks_help_is_its_own() -> None:
    r = run("form", "landmarks", "--help")
    assert r.exit_code == 0
    assert "Usage: spotter form landmarks [OPTIONS] VIDEO" in r.stdout
    assert "--output" in r.stdout and "--every-frame" in r.stdout and "--annotate" not in r.stdout


def test_a_missing_argument_shows_the_check_usage() -> None:
    r = run("form")
    assert r.exit_code == 2
    assert "spotter form [OPTIONS] VIDEO_OR_LANDMARKS" in r.stderr


def test_landmark_files_need_no_vision_extra(tmp_path: Path, no_vision: None) -> None:
    r = run("form", str(still_set(tmp_path / "set.npy")), "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["reps"] == 0


def test_a_video_without_the_extra_names_the_install_command(
    tmp_path: Path, no_vision: None
) -> None:
    video = tmp_path / "set.mp4"
    video.write_bytes(b"\x00" * 64)
    r = run("form", str(video), "--exercise", "pull-up")
    assert r.exit_code == 1
    assert "spotter vision install" in r.stderr
    r = run("form", "landmarks", str(video), "-o", str(tmp_path / "set.npy"))
    assert r.exit_code == 1 and "spotter vision install" in r.stderr


def test_a_text_file_named_mp4_is_not_a_video(tmp_path: Path) -> None:
    pytest.importorskip("cv2")
    video = tmp_path / "notes.mp4"
    video.write_text("squats 3x5 at 100 kg\n" * 40)
    r = run("form", str(video), "--exercise", "pull-up")
    assert r.exit_code == 1
    assert "notes.mp4: not a video OpenCV can open" in r.stderr
    r = run("form", "landmarks", str(video), "-o", str(tmp_path / "out.npy"))
    assert r.exit_code == 1 and "not a video" in r.stderr
    assert not (tmp_path / "out.npy").exists()


def test_form_landmarks_wants_a_video_in_and_a_landmarks_file_out(tmp_path: Path) -> None:
    npy = still_set(tmp_path / "set.npy")
    r = run("form", "landmarks", str(npy), "-o", str(tmp_path / "again.npy"))
    assert r.exit_code == 1 and "expected a video" in r.stderr
    r = run("form", "landmarks", str(tmp_path / "set.mp4"), "-o", str(tmp_path / "out.txt"))
    assert r.exit_code == 1 and "expected a .npy, .csv or .json" in r.stderr


def test_annotate_needs_a_video(tmp_path: Path) -> None:
    npy = still_set(tmp_path / "set.npy")
    r = run("form", str(npy), "--annotate", str(tmp_path / "out.mp4"))
    assert r.exit_code == 1
    assert "--annotate draws on the video" in r.stderr
    assert not (tmp_path / "out.mp4").exists()


def test_vision_install_runs_pip_twice_mediapipe_without_its_dependencies() -> None:
    r = run("vision", "install", "--dry-run")
    assert r.exit_code == 0
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("$")]
    assert len(lines) == 2
    assert "-m pip install" in lines[0] and "opencv-python-headless" in lines[0]
    assert "mediapipe" not in lines[0]
    assert lines[1].endswith("-m pip install --no-deps mediapipe==0.10.21")


def test_the_builtin_requirement_list_is_the_pyproject_extra() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    extra = pyproject["project"]["optional-dependencies"]["vision"]
    assert list(FALLBACK_REQUIREMENTS) == extra
    assert not any(r.startswith(("mediapipe", "jax", "opencv-contrib")) for r in extra)


def test_vision_check_reports_pose_running_offline() -> None:
    pytest.importorskip("mediapipe")
    r = run("vision", "check", "--format", "json")
    status = json.loads(r.stdout)
    assert r.exit_code == 0, status
    assert status["pose_runs"] is True and status["downloaded_models"] == []
    assert status["pose_model_in_wheel"] is True and status["clashing_opencv"] == []
    assert status["versions"]["mediapipe"] == "0.10.21"
    assert 50e6 < status["size_bytes"] < 400e6
