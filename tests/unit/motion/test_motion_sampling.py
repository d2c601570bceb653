"""Adaptive sampling (``motion.sampling``) against tracks whose every frame is known: generated
sets (``motion_synth``, true reps known) and the real RepCount landmark sequences. Analysing
only the frames the sampler picks, the gaps drawn as lines, must count what analysing every
frame counts, with rep boundaries within 1/30 s, from fewer frames.

On RepCount's sequences the generic counter (no exercise given) is so close to its decisions
that a few interpolated frames move some counts by one either way, as a second run of the pose
model would: there the adaptive path must count as well as the every-frame path against
RepCount's own counts (mean relative error and share within one rep), not identically.
"""

from __future__ import annotations

import csv

import numpy as np
import pytest
from motion_synth import random_set

from conftest import shared_data
from spotter.motion.analysis.counter import count_generic
from spotter.motion.analysis.landmarks import LandmarkError, Landmarks
from spotter.motion.analysis.pipeline import analyse_reps, prepare
from spotter.motion.analysis.reps import RepAnalysis
from spotter.motion.extract import fill_between
from spotter.motion.sampling import AdaptiveSampler, replay


def sampled(data: np.ndarray, fps: float) -> tuple[Landmarks, float]:  # type: ignore[type-arg]
    """The track as the adaptive path sees it, and the share of frames it analysed."""
    known = replay(data, fps)
    rows = np.where(known[:, None, None], data, np.nan)
    return Landmarks.from_array(fill_between(rows, known), fps=fps), float(known.mean())


def boundaries(a: RepAnalysis) -> list[float]:
    return [t for r in a.reps for t in (r.start, r.end)]


def person(y: float) -> np.ndarray:  # type: ignore[type-arg]
    """A standing figure 0.5 of the picture tall whose top is at ``y``."""
    pts = np.zeros((33, 4))
    pts[:, 0] = np.linspace(0.45, 0.55, 33)
    pts[:, 1] = y + np.linspace(0.0, 0.5, 33)
    pts[:, 3] = 1.0
    return pts


@pytest.mark.parametrize("family", ["pulldown", "squat"])
def test_generated_sets_count_the_same_reps_with_the_same_boundaries_from_fewer_frames(
    family: str,
) -> None:
    rng = np.random.default_rng(20261203)
    shares = []
    for _ in range(12):
        s = random_set(family, rng)
        every = analyse_reps(Landmarks.from_array(s.data, fps=s.fps), family)
        lm, share = sampled(s.data, s.fps)
        adaptive = analyse_reps(lm, family)
        assert adaptive.count == every.count == len(s.reps)
        assert adaptive.unfinished == every.unfinished
        # within a frame at 30 fps (the sets are at 25, 30 or 60 fps)
        np.testing.assert_allclose(boundaries(adaptive), boundaries(every), atol=1.0 / 30)
        shares.append(share)
    assert np.mean(shares) < 0.6, shares


def test_steady_motion_is_analysed_at_the_longest_step_a_fifth_of_a_second() -> None:
    # drifting down at a constant 0.3 picture heights a second: lines between samples are exact
    data = np.stack([person(0.1 + 0.01 * k) for k in range(61)])
    picked = np.flatnonzero(replay(data, 30.0)).tolist()
    # the step ramps up 4, 2, 4 and then stays at 6 frames (0.2 s at 30 fps); the last frame
    assert picked == [0, 4, 6, 10, 16, 22, 28, 34, 40, 46, 52, 58, 60]


@pytest.mark.parametrize("turn", [30, 31, 32, 33])
def test_a_sharp_turn_is_analysed_frame_by_frame_around_it(turn: int) -> None:
    # down at 0.6 picture heights a second, then straight back up (a bounce) at frame `turn`
    tops = [0.1 + 0.02 * (k if k <= turn else 2 * turn - k) for k in range(61)]
    data = np.stack([person(y) for y in tops])
    known = replay(data, 30.0)
    assert known[turn - 2 : turn + 3].all(), np.flatnonzero(known).tolist()
    assert known.mean() < 0.6


def test_where_the_person_leaves_and_comes_back_is_found_to_the_frame() -> None:
    data = np.stack([person(0.2) for _ in range(90)])
    data[37:70] = np.nan  # out of the picture from frame 37 to 69
    known = replay(data, 30.0)
    assert known[36] and known[37] and known[69] and known[70]


def test_the_sampler_asks_for_frames_in_order_and_never_beyond_a_fifth_of_a_second() -> None:
    sampler = AdaptiveSampler(25.0)
    assert sampler.max_step == 5
    due = []
    for _ in range(10):
        due.append(sampler.due)
        sampler.seen(sampler.due, person(0.2))
    assert due == sorted(due) and max(np.diff(due)) <= 5


@pytest.fixture(scope="module")
def repcount() -> list[tuple[int, np.ndarray]]:  # type: ignore[type-arg]
    """RepCount's true count and landmarks (visibility 1; NaN rows where nobody was found)."""
    folder = shared_data("repcount-dev")
    out = []
    with (folder / "annotation.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            arr = np.load(folder / row["name"].replace(".mp4", ".npy"))[:, :99]
            data = np.ones((len(arr), 33, 4))
            data[:, :, :3] = arr.astype(np.float64).reshape(-1, 33, 3)
            data[(arr == 0).all(axis=1)] = np.nan
            out.append((int(row["count"]), data))
    return out


@pytest.mark.shared_data
@pytest.mark.slow
def test_on_the_real_repcount_sequences_adaptive_sampling_counts_as_well_as_every_frame(
    repcount: list[tuple[int, np.ndarray]],  # type: ignore[type-arg]
) -> None:
    missed: dict[str, list[int]] = {"every": [], "adaptive": []}  # |counted - true|
    truths, shares = [], []
    for true, data in repcount:
        try:
            every = count_generic(prepare(Landmarks.from_array(data, fps=30.0))).analysis
        except LandmarkError:
            continue
        lm, share = sampled(data, 30.0)
        adaptive = count_generic(prepare(lm)).analysis
        shares.append(share)
        truths.append(true)
        missed["every"].append(abs(every.count - true))
        missed["adaptive"].append(abs(adaptive.count - true))
    mae = {k: float(np.mean(np.array(v) / np.array(truths))) for k, v in missed.items()}
    obo = {k: float(np.mean(np.array(v) <= 1)) for k, v in missed.items()}
    assert mae["adaptive"] <= mae["every"] + 0.02, mae
    assert obo["adaptive"] >= obo["every"] - 0.03, obo
    assert np.mean(shares) < 0.75
