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
    # filmed from the side, where a trunk swinging forward and back shows
    return make_set("pulldown", SPECS, noise=0.001, rng=np.random.default_rng(4), view="side")


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
    assert out["view"] == "side"
    # a side view cannot see the elbows flaring out: said so, and not flagged
    assert any("elbow-flare" in w for w in out["warnings"])
    assert not any(x["metric"] == "elbow-flare" for x in out["faults"])
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
    short = tmp_path / "short.csv"
    short.write_text("x0,y0,z0\n1,2,3\n")
    r = run("form", str(short))
    assert r.exit_code == 1 and "line 1" in r.stderr


def test_a_broken_video_is_refused_with_its_name(tmp_path: Path) -> None:
    # without the vision extra the error is about installing it, not about this file
    for module in ("cv2", "mediapipe"):
        pytest.importorskip(module, reason="reading a video needs `spotter vision install`")
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00")
    r = run("form", str(video))
    assert r.exit_code == 1 and "clip.mp4" in r.stderr


def history() -> list[dict]:  # type: ignore[type-arg]
    r = run("history", "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_log_records_the_reps_tempo_and_time_under_tension(synth, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _write("npy", synth.data, tmp_path / "set.npy")
    r = run("form", str(f), "-e", "stepback-pulldown", "--log", "--load", "55kg")
    assert r.exit_code == 0, r.stderr
    (logged,) = history()
    assert logged["exercise"] == "stepback-pulldown"
    assert logged["reps"] == 5 and logged["load_kg"] == 55
    # generated tempo: 2 s return (eccentric), 0.5 s at the top, 1.5 s pull, 0.5 s squeeze
    assert logged["tempo"] == "2-0.5-1.5-0.5"
    # time under tension: five reps of 1.5 + 0.5 + 2.0 s
    tut = float(logged["notes"].split("time under tension ")[1].split(" s")[0])
    assert tut == pytest.approx(5 * 4.0, abs=0.3)


def test_a_bare_load_is_in_the_profile_unit_and_pounds_are_converted(synth, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _write("npy", synth.data, tmp_path / "set.npy")
    assert run("form", str(f), "-e", "stepback-pulldown", "--log", "--load", "120lb").exit_code == 0
    assert run("form", str(f), "-e", "stepback-pulldown", "--log", "--load", "40").exit_code == 0
    loads = [s["load_kg"] for s in history()]
    assert loads == pytest.approx([120 * 0.45359237, 40.0])


@pytest.mark.parametrize(
    "args",
    [
        ["--log", "--load", "heavy"],  # not a load
        ["--log"],  # no load
        ["--load", "55kg"],  # a load without --log
    ],
)
def test_nothing_is_logged_on_a_bad_load(synth, tmp_path: Path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    f = _write("npy", synth.data, tmp_path / "set.npy")
    r = run("form", str(f), "-e", "stepback-pulldown", *args)
    assert r.exit_code == 1
    assert history() == []


def test_nothing_is_logged_for_a_bad_file_or_a_clip_without_reps(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npy"
    np.save(bad, np.zeros((10, 17, 3)))
    assert run("form", str(bad), "-e", "push-up", "--log", "--load", "bw").exit_code == 1
    still = make_set("pulldown", [RepSpec(1, 0, 1, 0, depth=0.0)], noise=0.001)
    idle = _write("npy", still.data, tmp_path / "idle.npy")
    r = run("form", str(idle), "-e", "stepback-pulldown", "--log", "--load", "50kg")
    assert r.exit_code == 1 and "no reps" in r.stderr
    assert history() == []


def test_plot_writes_a_png(synth, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _write("npy", synth.data, tmp_path / "set.npy")
    png = tmp_path / "set.png"
    assert run("form", str(f), "-e", "stepback-pulldown", "--plot", str(png)).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
