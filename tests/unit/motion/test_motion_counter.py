"""The generic counter on the hard cases, against the generator's ground truth.

Every expected count and boundary comes from ``motion_synth``: the reps it generated and where
it put them. Boundaries are compared at the rep's start and end, where the generator's
movement leaves and comes back to the start position.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from motion_synth import RepSpec, SynthSet, make_set, random_set

from spotter.motion.analysis.counter import GenericCount, count_generic, judge
from spotter.motion.analysis.landmarks import LandmarkError, Landmarks
from spotter.motion.analysis.pipeline import analyse_reps, prepare
from spotter.motion.analysis.signals import primary_signal
from spotter.services.form import check_form

#: Boundary tolerance, seconds: the counter calls a rep started once it has left the start
#: position by a tenth of its range, a fraction of the movement's duration.
BOUNDARY_S = 0.25


def _count(s: SynthSet, data: np.ndarray | None = None) -> GenericCount:
    return count_generic(prepare(Landmarks.from_array(s.data if data is None else data, fps=s.fps)))


def _boundary_errors(s: SynthSet, got: GenericCount) -> list[float]:
    assert got.count == len(s.reps)
    return [
        max(abs(a - r.start), abs(b - r.end))
        for (a, b), r in zip(got.boundaries(), s.reps, strict=True)
    ]


def test_very_fast_reps_at_a_jumping_jack_pace_are_all_counted() -> None:
    specs = [RepSpec(0.22, 0.0, 0.22, 0.0)] * 30  # 2.3 reps a second
    s = make_set("pulldown", specs, noise=0.001, idle_before=1.5, idle_after=1.5)
    got = _count(s)
    assert got.count == 30
    assert got.period.period == pytest.approx(0.44, abs=0.03)
    assert max(_boundary_errors(s, got)) < 0.1


def test_long_pauses_between_reps_belong_to_no_rep() -> None:
    specs = [RepSpec(1.0, 0.3, 1.2, 4.0)] * 6  # four seconds' rest after every rep
    s = make_set("squat", specs, noise=0.0015, rng=np.random.default_rng(2))
    got = _count(s)
    assert got.count == 6
    assert max(_boundary_errors(s, got)) < BOUNDARY_S
    rests = [r.pause_at_start for r in got.analysis.reps[:-1]]
    assert rests == pytest.approx([4.0] * 5, abs=2 * BOUNDARY_S)


def test_missing_frames_and_bursts_of_them_do_not_change_the_count() -> None:
    rng = np.random.default_rng(5)
    for _ in range(6):
        s = random_set("pulldown", rng)
        data = s.data.copy()
        lost = rng.random(len(data)) < 0.1  # a tenth of the frames without a person
        data[lost, :, :3] = np.nan
        data[lost, :, 3] = 0.0
        assert _count(s, data).count == len(s.reps)


def test_the_repeating_body_part_is_found_when_the_family_looks_elsewhere() -> None:
    # the arms pull down while the hips stay still: the squat family's hip height sees no rep
    s = make_set("pulldown", [RepSpec(1.2, 0.3, 1.5, 0.4)] * 7, noise=0.001)
    assert analyse_reps(Landmarks.from_array(s.data, fps=s.fps), "squat").count == 0
    got = _count(s)
    assert got.count == 7
    assert any("wrist" in name or "elbow" in name for name, _ in got.carriers[:2])


def test_a_lifter_whose_shoulders_and_hips_are_never_seen_is_counted_from_the_arms() -> None:
    s = make_set("pulldown", [RepSpec(1.0, 0.2, 1.3, 0.5)] * 5, noise=0.001)
    data = s.data.copy()
    data[:, [11, 12, 23, 24], :3] = np.nan  # no torso in any frame
    data[:, [11, 12, 23, 24], 3] = 0.0
    with pytest.raises(LandmarkError, match="shoulders and hips"):
        analyse_reps(Landmarks.from_array(data, fps=s.fps), "pulldown")
    assert _count(s, data).count == 5


def test_a_person_standing_still_with_jittery_landmarks_does_no_reps() -> None:
    s = make_set("pulldown", [RepSpec(1, 0, 1, 0, depth=0.0)], noise=0.002, idle_before=5)
    assert _count(s).count == 0


def test_a_clip_without_anyone_in_it_says_so() -> None:
    with pytest.raises(LandmarkError, match="no person"):
        count_generic(Landmarks.from_array(np.full((90, 33, 3), np.nan), fps=30.0))


def test_walking_into_the_picture_before_the_set_is_not_counted() -> None:
    s = make_set("squat", [RepSpec(1.0, 0.2, 1.0, 0.3)] * 8, noise=0.001, idle_before=0.5)
    fps = s.fps
    walk = int(3 * fps)
    t = np.arange(walk) / fps
    entering = np.repeat(s.data[:1], walk, axis=0).copy()
    entering[:, :, 0] += (0.4 * (1 - t / t[-1]))[:, None]  # from the side into place
    entering[:, :, 1] += (0.01 * np.abs(np.sin(np.pi * t / 0.55)))[:, None]  # steps
    got = _count(s, np.concatenate([entering, s.data]))
    assert got.count == 8
    assert got.boundaries()[0][0] > 3.0


def test_a_half_done_last_movement_is_reported_and_not_counted() -> None:
    specs = [RepSpec(1.0, 0.2, 1.2, 0.5)] * 6 + [RepSpec(1.0, 0.2, 1.2, 0.0, depth=0.4)]
    s = make_set("pulldown", specs, noise=0.001, idle_after=1.0)
    got = _count(s)
    assert got.count == 6
    assert [a.reason for a in got.set_aside] == ["partial"]
    assert got.set_aside[0].start == pytest.approx(s.reps[-1].start, abs=BOUNDARY_S)


def test_squats_cut_mid_descent_are_timed_from_standing_not_the_long_pause_in_the_hole() -> None:
    # the lifter sits in the hole 1.6 s and barely stops standing, and the clip starts and
    # ends mid-descent: neither its ends nor where it dwells show the start position, the
    # straight knees and hips do
    s = make_set("squat", [RepSpec(0.8, 1.6, 0.8, 0.1)] * 6, noise=0.001, idle_before=0.0,
                 idle_after=0.0, view="side")
    trim = 0.3  # seconds cut from each end, under half of the 0.8 s descent
    k = round(trim * s.fps)
    got = _count(s, s.data[k:-k])
    assert got.count == 6
    # in clip time; the first rep's start and the last one's end are cut off
    starts = [a + trim for a, _ in got.boundaries()][1:]
    ends = [b + trim for _, b in got.boundaries()][:-1]
    assert starts == pytest.approx([r.start for r in s.reps[1:]], abs=BOUNDARY_S)
    assert ends == pytest.approx([r.end for r in s.reps[:-1]], abs=BOUNDARY_S)


def test_a_first_rep_begun_before_the_clip_is_reported_partial_and_not_counted() -> None:
    s = make_set("squat", [RepSpec(1.0, 0.2, 1.0, 0.5)] * 3, noise=0.001, idle_before=0.0)
    first = s.reps[0]
    cut = round((first.start + first.first + first.turn_pause / 2) * s.fps)  # at its turn
    got = _count(s, s.data[cut:])
    assert got.count == 2
    assert [a.reason for a in got.set_aside] == ["partial"]
    assert got.set_aside[0].end == pytest.approx(first.end - cut / s.fps, abs=BOUNDARY_S)


def test_a_movement_mid_set_shaped_unlike_the_reps_is_set_aside_and_not_counted() -> None:
    s = make_set("squat", [RepSpec(1.0, 0.2, 1.0, 0.5)] * 8, noise=0.001)
    got = _count(s)
    assert got.count == 8 and min(got.alike) > 0.9
    # the fifth movement, say standing up to rest, moves the body unlike any rep
    odd = replace(got, alike=tuple(-0.2 if i == 4 else a for i, a in enumerate(got.alike)))
    judged = judge(odd)
    assert judged.count == 7
    assert [(a.reason, a.start) for a in judged.set_aside] == [
        ("not repetitive", got.candidates[4].start)
    ]


def test_a_set_that_speeds_up_is_counted_rep_by_rep() -> None:
    specs = [RepSpec(d, 0.1, d, 0.2) for d in np.linspace(1.4, 0.5, 12)]  # 3 s to 1.2 s
    s = make_set("squat", specs, noise=0.001)
    got = _count(s)
    assert max(_boundary_errors(s, got)) < BOUNDARY_S


@pytest.mark.parametrize("family", ["pulldown", "squat", "push-up"])
def test_random_generated_sets_are_counted_exactly(family: str) -> None:
    rng = np.random.default_rng(20261203)
    wrong = []
    for _ in range(12):
        s = random_set(family, rng, view="side" if family == "push-up" else None)
        got = _count(s).count
        if got != len(s.reps):
            wrong.append((len(s.reps), got))
    assert wrong == []


def test_the_form_check_without_an_exercise_counts_with_the_generic_counter_and_says_what_it_left_out() -> None:
    specs = [RepSpec(1.0, 0.2, 1.2, 0.5)] * 6 + [RepSpec(1.0, 0.2, 1.2, 0.0, depth=0.4)]
    s = make_set("squat", specs, noise=0.001, idle_after=1.0)
    report = check_form(Landmarks.from_array(s.data, fps=s.fps), None)
    assert report.family == "generic"
    assert report.analysis.count == 6
    assert any("partial movement" in w and "not counted" in w for w in report.warnings)


def test_feet_the_pose_model_keeps_losing_do_not_drown_the_reps() -> None:
    s = make_set("squat", [RepSpec(1.0, 0.2, 1.0, 0.5)] * 8, noise=0.001)
    data = s.data.copy()
    rng = np.random.default_rng(4)
    # the feet jump by a tenth of the picture every few frames, as far as the hips move
    jumps = np.repeat(rng.normal(0.0, 0.1, size=(len(data) // 4 + 1, 2)), 4, axis=0)
    data[:, 27:33, :2] += jumps[: len(data), None, :]
    got = _count(s, data)
    assert got.count == 8
    assert max(_boundary_errors(s, got)) < BOUNDARY_S


def test_the_generic_family_is_counted_by_the_one_generic_counter() -> None:
    s = make_set("pulldown", [RepSpec(1.2, 0.3, 1.5, 0.4)] * 5, noise=0.001)
    lm = Landmarks.from_array(s.data, fps=s.fps)
    by_family = analyse_reps(lm, "generic")
    assert by_family.count == 5
    assert by_family.reps == _count(s).analysis.reps
    assert primary_signal(prepare(lm), "generic").name == "repeating component"


def test_tracking_lost_mid_set_is_reported_as_unseen_time_and_nothing_is_invented() -> None:
    s = make_set("squat", [RepSpec(0.8, 0.2, 0.8, 0.2)] * 10, noise=0.001)
    data = s.data.copy()
    lost = slice(int(8 * s.fps), int(11 * s.fps))  # nobody found for three seconds
    data[lost, :, :3] = np.nan
    data[lost, :, 3] = 0.0
    got = _count(s, data)
    assert got.unseen == pytest.approx(3.0, abs=0.1)
    assert 10 - 2 <= got.count <= 10  # the reps in view, at most one and a half hidden
    assert _count(s).unseen == 0.0
