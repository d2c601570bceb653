"""The generic counter on the RepCount dev sequences in ../shared/data/repcount-dev.

Ground truth: RepCount's own counts (``annotation.csv``), made by people who watched the
videos. The sequences are BlazePose landmarks, a row of zeros where nobody was found, 30 fps.
bench/bench_repcount.py prints the per-type table; this test guards the overall figures:
MAE (mean of |counted - true| / true) and OBO (share within one rep) must stay better than
the plain principal-component counter's (MAE 0.29, OBO 0.54 on these sequences) and the
published PoseRAC figure on the whole split (MAE 0.236).
"""

from __future__ import annotations

import csv

import numpy as np
import pytest

from conftest import shared_data
from spotter.motion.analysis.counter import count_generic
from spotter.motion.analysis.landmarks import LandmarkError, Landmarks
from spotter.motion.analysis.pipeline import prepare

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]


def _sequences() -> list[tuple[str, int, np.ndarray]]:
    folder = shared_data("repcount-dev")
    out = []
    with (folder / "annotation.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            arr = np.load(folder / row["name"].replace(".mp4", ".npy"))[:, :99]
            xyz = arr.astype(np.float64).reshape(-1, 33, 3)
            xyz[(xyz == 0).all(axis=(1, 2))] = np.nan
            out.append((row["name"], int(row["count"]), xyz))
    return out


def test_the_generic_counter_beats_the_plain_counter_and_poserac_on_repcount_dev() -> None:
    errors, within_one = [], []
    for _, true, xyz in _sequences():
        try:
            counted = count_generic(prepare(Landmarks.from_array(xyz, fps=30.0))).count
        except LandmarkError:  # nobody in any frame (one sequence): nothing counted
            counted = 0
        errors.append(abs(counted - true) / true)
        within_one.append(abs(counted - true) <= 1)
    assert len(errors) == 80
    assert float(np.mean(errors)) < 0.236
    assert float(np.mean(within_one)) >= 0.6
