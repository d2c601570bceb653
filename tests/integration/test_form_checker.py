"""A warm :class:`FormChecker` (what a video worker holds) on real clips, through MediaPipe:
one checker, several clips, each report the same as a fresh ``check_file`` gives for it.

Skipped without the vision extra or without ../shared/data/pose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_data
from spotter.knowledge.loader import builtin_dir, load_file
from spotter.knowledge.model import Exercise
from spotter.services.form_check import FormCheck, FormChecker, check_file
from spotter.services.results import to_data

pytest.importorskip("cv2")
pytest.importorskip("mediapipe")

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]


def exercise(slug: str) -> Exercise:
    return load_file(builtin_dir() / f"{slug}.yaml")


def report(checked: FormCheck) -> object:
    """What a user sees of a check: its data (counts, rep times, phases, faults, notes)."""
    return to_data(checked)


def test_one_checker_gives_each_of_two_different_clips_the_report_a_fresh_check_gives(
    tmp_path: Path,
) -> None:
    squat = shared_data("pose", "squat_18.mp4")
    pull = shared_data("pose", "pull-up_5.mp4")
    with FormChecker() as checker:
        warm_squat = checker.check(squat, exercise("bodyweight-squat"))
        warm_pull = checker.check(pull, exercise("pull-up"), annotate_to=tmp_path / "pull.mp4")
    # the reviewed counts (shared/data/pose/README): squat_18 one rep, pull-up_5 two
    assert (warm_squat.reps, warm_pull.reps) == (1, 2)
    assert report(warm_squat) == report(check_file(squat, exercise("bodyweight-squat")))
    assert report(warm_pull) == report(check_file(pull, exercise("pull-up")))
    assert (tmp_path / "pull.mp4").stat().st_size > 10_000


def test_a_closed_checker_refuses_more_clips() -> None:
    checker = FormChecker()
    checker.close()
    with pytest.raises(RuntimeError, match="closed"):
        checker.check(Path("set.mp4"), None)
