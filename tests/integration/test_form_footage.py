"""`spotter form` on gym footage made from the real clips: a mirror beside the lifter, someone
walking through, two sets in one recording, a portrait clip stored upright and stored on
its side with rotation metadata, and a variable frame rate. Every case goes through the pose
model as real pixels (``footage.py`` builds them in a temporary folder at test time).

Expected counts come from the frame-by-frame review of the source clips (see
``test_form_video_real.py``): pull-up_11 has 3 completed reps (tops at frames ~33, ~107,
~183; its label file marks the boundary between reps 2 and 3 at frame 149, so its first 155
frames hold 2); squat_18 has 1 completed rep and 1 unfinished.

Skipped without the shared clips, the vision extra, or (for rotation and frame rate) ffmpeg.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

pytest.importorskip("cv2")
pytest.importorskip("mediapipe")

import footage

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]
runner = CliRunner()

PULL_UP_11_REPS = 3
PULL_UP_11_FIRST_155_FRAMES_REPS = 2
SQUAT_18 = (1, 1)  # completed, unfinished


def check(video: Path, exercise: str, *extra: str) -> dict[str, Any]:
    """The JSON report, with the notes printed on stderr under "stderr"."""
    r = runner.invoke(app, ["form", str(video), "-e", exercise, "-f", "json", *extra])
    assert r.exit_code == 0, r.stderr
    out: dict[str, Any] = json.loads(r.stdout)
    out["stderr"] = r.stderr
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("footage")


def test_a_mirror_image_beside_the_lifter_is_ignored_and_the_count_is_unchanged(
    folder: Path,
) -> None:
    out = check(footage.mirrored(folder, "pull-up_11"), "pull-up")
    assert out["reps"] == PULL_UP_11_REPS
    assert out["set_count"] == 1
    assert "mirror image of the lifter" in out["stderr"]


def test_someone_crossing_the_picture_does_not_change_the_count(folder: Path) -> None:
    video = footage.with_passer_by(folder, "pull-up_11", "squat_18", start=50, length=60)
    out = check(video, "pull-up")
    assert out["reps"] == PULL_UP_11_REPS
    assert out["set_count"] == 1
    assert "passing through" in out["stderr"]  # seen, and set aside


def test_two_sets_with_the_lifter_away_between_are_two_sets_with_their_own_counts(
    folder: Path,
) -> None:
    video = footage.two_sets(folder, "pull-up_11", ("pull-up_11", 155), away=4.0)
    out = check(video, "pull-up")
    assert [s["reps"] for s in out["sets"]] == [
        PULL_UP_11_REPS,
        PULL_UP_11_FIRST_155_FRAMES_REPS,
    ]
    assert out["reps"] == PULL_UP_11_REPS + PULL_UP_11_FIRST_155_FRAMES_REPS
    # set two starts after the 7.3 s first clip and the 4 s away
    assert out["sets"][1]["start_s"] >= 7.3 + 4.0 - 0.2


@pytest.fixture(scope="module")
def portrait_pair(folder: Path) -> tuple[Path, Path]:
    return footage.portrait(folder, "squat_18")


def test_a_portrait_clip_counts_the_reviewed_reps(portrait_pair: tuple[Path, Path]) -> None:
    out = check(portrait_pair[0], "bodyweight-squat")
    assert (out["reps"], out["unfinished_reps"]) == SQUAT_18


def test_a_clip_stored_on_its_side_with_rotation_metadata_counts_the_same(
    portrait_pair: tuple[Path, Path],
) -> None:
    # stored 640x360 on its side, with an audio track: read upright, the sound ignored
    out = check(portrait_pair[1], "bodyweight-squat")
    assert (out["reps"], out["unfinished_reps"]) == SQUAT_18


def test_a_variable_frame_rate_copy_gives_the_same_phase_times_within_a_tenth_of_a_second(
    folder: Path,
) -> None:
    variable = footage.variable_rate(folder, "squat_18")
    even = check(folder / "even.mp4", "bodyweight-squat")
    uneven = check(variable, "bodyweight-squat")
    assert (even["reps"], even["unfinished_reps"]) == SQUAT_18
    assert (uneven["reps"], uneven["unfinished_reps"]) == SQUAT_18
    assert "variable frame rate" in uneven["stderr"]  # the container's stamps were used
    for a, b in zip(even["per_rep"], uneven["per_rep"], strict=True):
        for key in ("start", "end", "eccentric_s", "concentric_s", "pause_at_turn_s"):
            assert b[key] == pytest.approx(a[key], abs=0.1), key


def spotter(*args: str) -> subprocess.CompletedProcess[str]:
    """`spotter` as a fresh process: what reaches the terminal's stderr, decoder output
    included (in-process runs cannot see what C libraries write to file descriptor 2)."""
    return subprocess.run(
        [sys.executable, "-m", "spotter.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_a_truncated_video_gives_spotters_one_error_and_no_decoder_noise(folder: Path) -> None:
    r = spotter("form", str(footage.truncated(folder, "squat_18", 0.4)), "-e", "bodyweight-squat")
    assert r.returncode == 1
    assert r.stderr.strip().startswith("Error: ") and "damaged or truncated" in r.stderr
    # nothing from FFmpeg ("[h264 @ 0x...] Invalid NAL unit size", "[mov,mp4,...] partial
    # file") or OpenCV ("[ WARN:0@...]"): every line is Spotter's message, wrapped
    assert not any(line.lstrip().startswith("[") for line in r.stderr.splitlines())


def test_a_file_without_a_video_track_is_refused_in_one_line(folder: Path) -> None:
    r = spotter("form", str(footage.audio_only(folder)), "-e", "bodyweight-squat")
    assert r.returncode == 1
    assert "voice-memo.mp4: not a video" in r.stderr.replace("\n", " ")
    assert not any(line.lstrip().startswith("[") for line in r.stderr.splitlines())
