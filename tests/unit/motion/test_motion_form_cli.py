"""`spotter form` on landmark files made by the synthetic generator (ground truth known)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from motion_synth import RepSpec, make_set
from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()
# five pulldown reps: 1.5 s pull, 0.5 s squeeze, 2 s return, 0.5 s at the top; rep 3 swings 25 degrees
SPECS = [RepSpec(1.5, 0.5, 2.0, 0.5, swing=25.0 if i == 2 else 0.0) for i in range(5)]


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def synth():  # type: ignore[no-untyped-def]
    return make_set("pulldown", SPECS, noise=0.001, rng=np.random.default_rng(4))


def _write(kind: str, data: np.ndarray, path: Path) -> Path:  # type: ignore[type-arg]
    if kind == "npy":
        np.save(path, data)
    elif kind == "csv":
        with path.open("w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([f"{c}{i}" for i in range(33) for c in "xyzv"])
            for frame in data:
                w.writerow(["" if np.isnan(v) else repr(float(v)) for v in frame.reshape(-1)])
    else:
        path.write_text(
            json.dumps(
                {
                    "fps": 30,
                    "frames": [
                        [[None if np.isnan(v) else float(v) for v in p] for p in f] for f in data
                    ],
                }
            )
        )
    return path


@pytest.mark.parametrize("kind", ["npy", "csv", "json"])
def test_form_counts_times_and_names_the_swing_in_the_exercise_words(
    synth, tmp_path: Path, kind: str, catalog
) -> None:  # type: ignore[no-untyped-def]
    f = _write(kind, synth.data, tmp_path / f"set.{kind}")
    r = run("form", str(f), "--exercise", "stepback-pulldown", "--format", "json")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["reps"] == 5
    for rep, truth in zip(out["per_rep"], synth.reps, strict=True):
        assert rep["concentric_s"] == pytest.approx(truth.first, abs=0.1)
        assert rep["eccentric_s"] == pytest.approx(truth.second, abs=0.1)
        assert rep["pause_at_turn_s"] == pytest.approx(truth.turn_pause, abs=0.1)
    swing = [x for x in out["faults"] if x["metric"] == "torso-swing"]
    assert len(swing) == 1 and swing[0]["reps"] == [3]
    expected_fix = next(
        x.fix for x in catalog.get("stepback-pulldown").faults if x.id == swing[0]["fault"]
    )
    assert swing[0]["fix"] == expected_fix


def test_without_an_exercise_the_generic_counter_counts(synth, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _write("npy", synth.data, tmp_path / "set.npy")
    out = json.loads(run("form", str(f), "--format", "json").stdout)
    assert out["reps"] == 5 and out["faults"] == []


def test_bad_landmark_files_are_refused_with_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npy"
    np.save(bad, np.zeros((10, 17, 3)))
    r = run("form", str(bad))
    assert r.exit_code == 1 and "(frames, 33, 3)" in r.stderr
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00")
    r = run("form", str(video))
    assert r.exit_code == 1 and "vision extra" in r.stderr
    short = tmp_path / "short.csv"
    short.write_text("x0,y0,z0\n1,2,3\n")
    r = run("form", str(short))
    assert r.exit_code == 1 and "line 1" in r.stderr
