"""Reps and phases against the generator's ground truth.

Every expected number comes from ``motion_synth``: the reps it generated, their tempo, range,
and where it put them in the clip.
"""

from __future__ import annotations

import numpy as np
import pytest
from motion_synth import PULLDOWN_HAND_HEIGHT, RepSpec, SynthSet, make_set, random_set

from spotter.motion.analysis.faults import rep_metrics
from spotter.motion.analysis.landmarks import LandmarkError, Landmarks
from spotter.motion.analysis.pipeline import analyse_reps, prepare
from spotter.motion.analysis.reps import RepAnalysis, segment_reps
from spotter.motion.analysis.signals import Signal

SETS_PER_FAMILY = 100
TOLERANCE_S = 0.1


def _analyse(s: SynthSet, family: str | None = None) -> RepAnalysis:
    return analyse_reps(Landmarks.from_array(s.data, fps=s.fps), family or s.family)


@pytest.fixture(scope="module", params=["pulldown", "squat"])
def generated(request: pytest.FixtureRequest) -> list[tuple[SynthSet, RepAnalysis]]:
    rng = np.random.default_rng(20261124)
    out = []
    for _ in range(SETS_PER_FAMILY):
        s = random_set(request.param, rng)
        out.append((s, _analyse(s)))
    return out


def test_every_generated_set_is_counted_exactly(
    generated: list[tuple[SynthSet, RepAnalysis]],
) -> None:
    wrong = [(len(s.reps), a.count) for s, a in generated if a.count != len(s.reps)]
    assert wrong == []


def test_every_phase_is_timed_within_a_tenth_of_a_second(
    generated: list[tuple[SynthSet, RepAnalysis]],
) -> None:
    errors: list[float] = []
    for s, a in generated:
        for got, true in zip(a.reps, s.reps, strict=True):
            errors += [
                abs(got.start - true.start),
                abs(got.end - true.end),
                abs(got.first_phase - true.first),
                abs(got.pause_at_turn - true.turn_pause),
                abs(got.second_phase - true.second),
            ]
            if true.pause_at_start is not None:
                assert got.pause_at_start is not None
                errors.append(abs(got.pause_at_start - true.pause_at_start))
            else:
                assert got.pause_at_start is None
    assert len(errors) > 500
    assert max(errors) < TOLERANCE_S


def test_pulldown_phases_are_named_concentric_then_eccentric() -> None:
    s = make_set("pulldown", [RepSpec(2.0, 1.0, 3.0, 0.5)] * 3, noise=0.001)
    rep = _analyse(s).reps[0]
    assert rep.concentric == pytest.approx(2.0, abs=TOLERANCE_S)
    assert rep.eccentric == pytest.approx(3.0, abs=TOLERANCE_S)


def test_squat_phases_are_named_eccentric_then_concentric() -> None:
    s = make_set("squat", [RepSpec(3.0, 0.5, 1.0, 0.0)] * 3, noise=0.001)
    rep = _analyse(s).reps[0]
    assert rep.eccentric == pytest.approx(3.0, abs=TOLERANCE_S)
    assert rep.concentric == pytest.approx(1.0, abs=TOLERANCE_S)


@pytest.mark.parametrize("family", ["pulldown", "squat"])
def test_an_injected_partial_rep_shows_its_range_against_the_sets_best(family: str) -> None:
    depths = [1.0, 1.0, 1.0, 0.6, 1.0, 0.45, 1.0]
    specs = [RepSpec(1.5, 0.5, 2.0, 0.5, depth=d) for d in depths]
    s = make_set(family, specs, noise=0.0015, drop_rate=0.02, rng=np.random.default_rng(3))
    result = _analyse(s)
    assert result.count == len(depths)
    for got, true in zip(result.reps, s.reps, strict=True):
        assert got.range_of_motion == pytest.approx(true.depth / max(depths), abs=0.05)


def test_idle_time_without_reps_counts_nothing() -> None:
    s = make_set("pulldown", [RepSpec(1, 0, 1, 0, depth=0.0)], noise=0.002, idle_before=5)
    assert _analyse(s).count == 0


@pytest.mark.parametrize("family", ["pulldown", "squat"])
def test_the_generic_counter_counts_and_times_without_knowing_the_exercise(family: str) -> None:
    rng = np.random.default_rng(11)
    for _ in range(40):
        s = random_set(family, rng)
        result = _analyse(s, "generic")
        assert result.count == len(s.reps)
        for got, true in zip(result.reps, s.reps, strict=True):
            assert got.first_phase == pytest.approx(true.first, abs=TOLERANCE_S)
            assert got.second_phase == pytest.approx(true.second, abs=TOLERANCE_S)


def test_a_signal_missing_in_most_frames_is_refused() -> None:
    values = np.full(100, np.nan)
    values[:30] = 0.0
    with pytest.raises(LandmarkError, match="missing in 70% of frames"):
        segment_reps(Signal("demo", values, 30.0, True, "concentric", "units"))


def test_a_slow_grinding_last_rep_is_counted_and_timed() -> None:
    specs = [RepSpec(1.0, 0.3, 2.0, 0.5)] * 5 + [RepSpec(4.5, 0.8, 2.0, 0.0, depth=0.9)]
    s = make_set("pulldown", specs, noise=0.0015, rng=np.random.default_rng(8))
    result = _analyse(s)
    assert result.count == 6
    last, true = result.reps[-1], s.reps[-1]
    assert last.concentric == pytest.approx(true.first, abs=TOLERANCE_S)
    assert last.pause_at_turn == pytest.approx(true.turn_pause, abs=TOLERANCE_S)


def test_a_rep_the_clip_starts_in_counts_and_one_it_ends_in_does_not() -> None:
    s = make_set("squat", [RepSpec(1.5, 0.5, 1.5, 0.5)] * 5, noise=0.001)
    first, last = s.reps[0], s.reps[-1]
    cut = int((first.start + first.first + first.turn_pause / 2) * s.fps)  # at the bottom
    stop = int((last.start + last.first + last.turn_pause / 2) * s.fps)  # at the last bottom
    result = analyse_reps(Landmarks.from_array(s.data[cut:stop], fps=s.fps), "squat")
    # the first rep's turn and return are in the clip: it counts, flagged as not whole;
    # the last one never comes back up before the clip ends: not counted, reported unfinished
    assert result.count == len(s.reps) - 1
    assert result.unfinished == 1
    assert [r.whole for r in result.reps] == [False, True, True, True]
    assert result.reps[0].concentric == pytest.approx(first.second, abs=TOLERANCE_S)
    assert result.reps[1].start == pytest.approx(s.reps[1].start - cut / s.fps, abs=TOLERANCE_S)
    # the cut rep's way down is not seen: it is not judged as a dive
    clip = prepare(Landmarks.from_array(s.data[cut:stop], fps=s.fps))
    metrics = rep_metrics(clip, result, "squat")
    assert "eccentric-too-fast" not in metrics[0]
    assert metrics[1]["eccentric-too-fast"] == pytest.approx(1.5, abs=TOLERANCE_S)


def test_concentric_velocity_and_its_loss_across_the_set() -> None:
    # Hands travel from overhead to the chest: the generator's hand heights, in torso lengths.
    overhead, chest = PULLDOWN_HAND_HEIGHT
    travel = overhead - chest
    concentrics = [1.0, 1.0, 1.25, 1.6, 2.0]
    specs = [RepSpec(c, 0.5, 2.0, 0.8) for c in concentrics]
    s = make_set("pulldown", specs, noise=0.001)
    result = _analyse(s)
    mean = [r.concentric_mean_velocity for r in result.reps]
    assert mean == pytest.approx([travel / c for c in concentrics], rel=0.05)
    # a half-cosine movement peaks at pi/2 times its mean speed
    peak = [r.concentric_peak_velocity for r in result.reps]
    assert peak == pytest.approx([np.pi / 2 * travel / c for c in concentrics], rel=0.08)
    assert result.velocity_loss == pytest.approx(1 - 1.0 / 2.0, abs=0.03)
