"""Several sets in one clip, on generated landmarks whose reps and rests are known, and the
logging of every set of a clip at once."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from motion_synth import RepSpec, make_set

from spotter.motion.analysis.landmarks import Landmarks
from spotter.services.form import FormLogError, check_clip, log_form_sets


def squats(rests: list[float]) -> Landmarks:
    """Squats (1.2 s down, 0.2 s at the bottom, 1 s up) with ``rests[i]`` seconds standing
    after rep i + 1: the lifter stays in view the whole time."""
    specs = [RepSpec(1.2, 0.2, 1.0, r) for r in rests]
    s = make_set("squat", specs, noise=0.001, rng=np.random.default_rng(3), view="front")
    return Landmarks.from_array(s.data, fps=s.fps)


def test_a_rest_of_20_s_in_view_splits_the_clip_into_two_sets_with_their_counts(catalog) -> None:  # type: ignore[no-untyped-def]
    clip = check_clip(squats([0.5, 0.5, 0.5, 20.0, 0.5, 0.5, 0.5]), catalog.get("bodyweight-squat"))
    assert [s.report.analysis.count for s in clip.sets] == [4, 3]
    assert clip.reps == 7
    # the cut lies inside the rest: 2 s idle + 4 reps of 2.4 s + 3 short rests = 13.1 s
    assert 13.1 < clip.sets[1].start < 13.1 + 20.0


def test_a_pause_of_8_s_inside_a_set_does_not_split_it(catalog) -> None:  # type: ignore[no-untyped-def]
    clip = check_clip(squats([0.5, 8.0, 0.5, 0.5]), catalog.get("bodyweight-squat"))
    assert [s.report.analysis.count for s in clip.sets] == [4]


def test_the_lifter_out_of_view_for_5_s_ends_a_set(catalog) -> None:  # type: ignore[no-untyped-def]
    lm = squats([0.5, 0.5, 6.0, 0.5, 0.5])
    data = lm.data.copy()
    gone = slice(round(11.0 * lm.fps), round(16.0 * lm.fps))  # inside the 6 s after rep 3
    data[gone] = np.nan
    clip = check_clip(Landmarks.from_array(data, fps=lm.fps), catalog.get("bodyweight-squat"))
    assert [s.report.analysis.count for s in clip.sets] == [3, 2]
    assert clip.sets[1].start == pytest.approx(16.0, abs=0.05)


class FakeLog:
    def __init__(self) -> None:
        self.batches: list[tuple[str, list[object]]] = []

    def add_batch(self, command: str, sets: list[object], *, now: dt.datetime) -> int:
        self.batches.append((command, list(sets)))
        return len(self.batches)


class FakeUnitOfWork:
    def __init__(self) -> None:
        self.log = FakeLog()
        self.committed = False

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def commit(self) -> None:
        self.committed = True


def test_every_set_of_a_clip_is_logged_in_one_batch_in_order(catalog) -> None:  # type: ignore[no-untyped-def]
    clip = check_clip(squats([0.5, 0.5, 0.5, 20.0, 0.5, 0.5, 0.5]), catalog.get("bodyweight-squat"))
    uow = FakeUnitOfWork()
    when = dt.datetime(2026, 12, 3, 18, 0)
    records = log_form_sets(
        uow,  # type: ignore[arg-type]
        clip.sets,
        load_kg=None,
        bodyweight=True,
        when=when,
        now=when,
        command="spotter form clip.mp4",
    )
    assert [r.reps for r in records] == [4, 3]
    assert uow.committed and len(uow.log.batches) == 1
    assert records[0].performed_at < records[1].performed_at


def test_a_clip_without_an_exercise_is_not_logged(catalog) -> None:  # type: ignore[no-untyped-def]
    clip = check_clip(squats([0.5, 0.5]), None)
    uow = FakeUnitOfWork()
    now = dt.datetime(2026, 12, 3, 18, 0)
    with pytest.raises(FormLogError, match="--exercise"):
        log_form_sets(
            uow,  # type: ignore[arg-type]
            clip.sets,
            load_kg=None,
            bodyweight=True,
            when=now,
            now=now,
            command="x",
        )
    assert not uow.committed


def test_a_first_rep_begun_out_of_view_is_judged_by_its_return_not_flagged_partial(catalog) -> None:  # type: ignore[no-untyped-def]
    # four pull-ups (1 s up, 0.3 s at the top, 1.5 s down); the recording starts at the hang
    # but the lifter is not found for the first 0.6 s, part way up the first pull
    specs = [RepSpec(1.0, 0.3, 1.5, 0.6) for _ in range(4)]
    s = make_set(
        "pull-up", specs, idle_before=0.1, noise=0.001, rng=np.random.default_rng(5), view="front"
    )
    data = s.data.copy()
    data[: round(0.6 * s.fps)] = np.nan
    clip = check_clip(Landmarks.from_array(data, fps=s.fps), catalog.get("pull-up"))
    reps = clip.sets[0].report.analysis.reps
    assert len(reps) == 4
    assert not reps[0].partial and reps[0].range_of_motion > 0.9  # a full rep, seen coming down
    assert not reps[0].whole  # its pull was not seen from the hang: not timed
    assert any("not fully in view" in w for w in clip.sets[0].report.warnings)


def test_the_command_reports_two_sets_and_logs_both(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from spotter.cli.app import app

    runner = CliRunner()
    saved = tmp_path / "two-sets.npy"
    np.save(saved, squats([0.5, 0.5, 0.5, 20.0, 0.5, 0.5, 0.5]).data)
    text = runner.invoke(app, ["form", str(saved), "-e", "bodyweight-squat"])
    assert text.exit_code == 0, text.stderr
    assert "Set 1 (" in text.stdout and "Set 2 (" in text.stdout and "2 sets" in text.stdout
    r = runner.invoke(
        app, ["form", str(saved), "-e", "bodyweight-squat", "-f", "json", "--log", "--load", "bw"]
    )
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["set_count"] == 2 and [s["reps"] for s in out["sets"]] == [4, 3]
    assert out["reps"] == 7 and out["logged"]
    # rep times count from the clip's start: set two's first rep comes after the rest
    assert out["sets"][1]["per_rep"][0]["start"] > 13.1 + 10.0
    history = json.loads(runner.invoke(app, ["history", "--format", "json"]).stdout)
    assert sorted(s["reps"] for s in history) == [3, 4]
