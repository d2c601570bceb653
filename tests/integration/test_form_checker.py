"""A warm :class:`FormChecker` (what a video worker holds) on the real clips, through MediaPipe:
one checker for many clips, each report the same as a fresh ``check_file`` gives, and adaptive
sampling counting what the pose model on every frame counts.

The every-frame and adaptive reports of each clip are computed once per module by one checker
(about 25 ms of model time a frame). Both must count the reps of the lead's frame-by-frame
review and reach each rep's turn where the review saw it (within 0.3 s, as
test_form_video_real.py asks of the landmark files). Rep boundaries are not compared between
the two paths here: on real video the model's landmarks on a frame depend on the frames it
tracked before (its crop follows the last landmarks), so any two runs that analyse different
frames put some boundaries a few frames apart (today's every-other-frame path: up to 14 frames
on pull-up_5); on exact landmarks, where sampling is the only difference,
tests/unit/motion/test_motion_sampling.py holds them within 1/30 s.

Skipped without the vision extra or without ../shared/data/pose.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import shared_data
from spotter.knowledge.loader import builtin_dir, load_file
from spotter.knowledge.model import Exercise
from spotter.services.form_check import FormCheck, FormChecker, annotate_check, check_file
from spotter.services.results import to_data

pytest.importorskip("cv2")
pytest.importorskip("mediapipe")

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]

CLIPS = {
    "pull-up_5": "pull-up",
    "pull-up_11": "pull-up",
    "push-up_37": "push-up",
    "squat_18": "bodyweight-squat",
}
#: Completed and unfinished reps, from the lead's frame-by-frame review (shared/data/pose/README),
#: and the reviewed frame ranges of each completed rep's turn (test_form_video_real.py).
REVIEWED = {"pull-up_5": (2, 0), "pull-up_11": (3, 0), "push-up_37": (4, 0), "squat_18": (1, 1)}
TURNS = {
    "pull-up_5": [(24, 28), (105, 105)],
    "pull-up_11": [(33, 33), (107, 107), (183, 183)],
    "push-up_37": [(20, 20), (50, 50), (92, 92), (135, 135)],
    "squat_18": [(27, 27)],
}
TURN_TOLERANCE = 0.3  # seconds


def exercise(slug: str) -> Exercise:
    return load_file(builtin_dir() / f"{slug}.yaml")


@pytest.fixture(scope="module")
def checker() -> Iterator[FormChecker]:
    with FormChecker() as made:
        yield made


@pytest.fixture(scope="module")
def reports(checker: FormChecker) -> dict[tuple[str, bool], FormCheck]:
    """Each clip's report, every frame (True) and adaptive (False), in one warm checker."""
    out = {}
    for name, slug in CLIPS.items():
        clip = shared_data("pose", f"{name}.mp4")
        for every in (True, False):
            out[name, every] = checker.check(clip, exercise(slug), every_frame=every)
    return out


def counts(checked: FormCheck) -> list[tuple[int, int]]:
    return [(s.check.reps, s.check.unfinished_reps) for s in checked.sets]


@pytest.mark.parametrize("name", sorted(CLIPS))
@pytest.mark.parametrize("every", [False, True], ids=["adaptive", "every-frame"])
def test_each_path_counts_the_reviewed_reps_and_reaches_each_turn_where_it_was_seen(
    name: str, every: bool, reports: dict[tuple[str, bool], FormCheck]
) -> None:
    checked = reports[name, every]
    assert counts(checked) == [REVIEWED[name]]
    fps = checked.landmarks.fps
    pull = CLIPS[name] == "pull-up"  # the concentric leads up to the turn
    for rep, (first, last) in zip(checked.sets[0].check.per_rep, TURNS[name], strict=True):
        # timed back from the rep's end: a rep begun out of view has no first phase
        phase = rep.eccentric_s if pull else rep.concentric_s
        assert phase is not None
        left = rep.end - phase
        reached = left - rep.pause_at_turn_s
        assert first / fps - TURN_TOLERANCE <= reached, (rep.rep, reached)
        assert left <= last / fps + TURN_TOLERANCE, (rep.rep, left)


def test_one_checker_gives_each_of_two_different_clips_the_report_a_fresh_check_gives(
    reports: dict[tuple[str, bool], FormCheck],
) -> None:
    # the module's checker checked every clip, every frame and adaptive, before these
    for name in ("squat_18", "pull-up_5"):
        fresh = check_file(shared_data("pose", f"{name}.mp4"), exercise(CLIPS[name]))
        assert to_data(reports[name, False]) == to_data(fresh)


def test_the_checked_clip_is_drawn_with_every_frame(
    reports: dict[tuple[str, bool], FormCheck], tmp_path: Path
) -> None:
    out = tmp_path / "squat.mp4"
    written = annotate_check(shared_data("pose", "squat_18.mp4"), reports["squat_18", False], out)
    assert written == reports["squat_18", False].landmarks.n_frames == 93


def test_a_closed_checker_refuses_more_clips() -> None:
    checker = FormChecker()
    checker.close()
    with pytest.raises(RuntimeError, match="closed"):
        checker.check(Path("set.mp4"), None)
