"""Writing landmark files (what `spotter form landmarks` saves) and reading them back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from spotter.motion.analysis.landmarks import LandmarkError, Landmarks
from spotter.motion.landmark_files import read_landmarks, write_landmarks


def sample(n: int = 12) -> Landmarks:
    rng = np.random.default_rng(7)
    data = rng.uniform(0, 1, size=(n, 33, 4))
    data[3] = np.nan  # a frame without a person
    return Landmarks.from_array(data, fps=25.0)


@pytest.mark.parametrize("suffix", [".npy", ".csv", ".json"])
def test_written_landmarks_read_back_unchanged(tmp_path: Path, suffix: str) -> None:
    lm = sample()
    path = tmp_path / f"set{suffix}"
    write_landmarks(path, lm)
    back = read_landmarks(path, fps=25.0)
    assert back.n_frames == 12 and back.fps == 25.0
    np.testing.assert_array_equal(np.isnan(back.data), np.isnan(lm.data))
    np.testing.assert_allclose(back.data, lm.data, rtol=0, atol=1e-15, equal_nan=True)
    assert not list(tmp_path.glob("*.tmp"))  # nothing left beside it


def test_json_keeps_the_frame_rate(tmp_path: Path) -> None:
    path = tmp_path / "set.json"
    write_landmarks(path, sample())
    assert read_landmarks(path).fps == 25.0
    doc = json.loads(path.read_text())
    assert doc["fps"] == 25.0 and doc["frames"][3][0] == [None, None, None, 0.0]


def test_csv_has_the_documented_columns_and_empty_cells_for_no_person(tmp_path: Path) -> None:
    path = tmp_path / "set.csv"
    write_landmarks(path, sample())
    rows = list(csv.reader(path.open()))
    assert rows[0][:5] == ["x0", "y0", "z0", "v0", "x1"] and rows[0][-1] == "v32"
    assert len(rows) == 13 and all(len(r) == 132 for r in rows)
    assert rows[4][:3] == ["", "", ""] and rows[4][3] == "0.0"


def test_npy_holds_frames_by_33_by_4(tmp_path: Path) -> None:
    path = tmp_path / "set.npy"
    write_landmarks(path, sample())
    assert np.load(path).shape == (12, 33, 4)


def test_an_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LandmarkError, match=r"set\.txt: unknown landmarks file type"):
        write_landmarks(tmp_path / "set.txt", sample())
    assert not (tmp_path / "set.txt").exists()


def test_an_unwritable_place_says_so(tmp_path: Path) -> None:
    with pytest.raises(LandmarkError, match="cannot be written"):
        write_landmarks(tmp_path / "missing-folder" / "set.npy", sample())
