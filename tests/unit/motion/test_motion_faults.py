"""Injected faults are found on the reps where the generator put them, with the catalog's
thresholds, and clean reps are left alone."""

from __future__ import annotations

import numpy as np
import pytest
from motion_synth import RepSpec, make_set

from spotter.knowledge.loader import builtin_dir, load_file
from spotter.knowledge.model import FaultFacts
from spotter.motion.analysis.faults import detect_faults, rep_metrics
from spotter.motion.analysis.landmarks import Landmarks
from spotter.motion.analysis.pipeline import prepare
from spotter.motion.analysis.reps import segment_reps
from spotter.motion.analysis.signals import primary_signal

SETS = 200


def _faults(slug: str) -> tuple[FaultFacts, ...]:
    return load_file(builtin_dir() / f"{slug}.yaml").facts.faults


def _random_rep(rng: np.random.Generator) -> tuple[RepSpec, set[str]]:
    """A rep with each fault injected at random (about one rep in four), and the faults."""
    injected: set[str] = set()

    def pick(name: str, bad: tuple[float, float], good: tuple[float, float]) -> float:
        if rng.random() < 0.25:
            injected.add(name)
            return float(rng.uniform(*bad))
        return float(rng.uniform(*good))

    depth = pick("partial-range", (0.45, 0.7), (0.92, 1.0))
    eccentric = pick("bar-yanks-up", (0.4, 0.75), (1.4, 3.0))
    swing = pick("swinging", (20.0, 30.0), (0.0, 8.0))
    flare = pick("elbows-flare", (40.0, 55.0), (0.0, 15.0))
    asym = pick("uneven-pull", (0.25, 0.4), (0.0, 0.05))
    spec = RepSpec(
        float(rng.uniform(0.8, 2.5)),
        float(rng.uniform(0.0, 1.0)),
        eccentric,
        float(rng.uniform(0.3, 1.5)),
        depth=depth,
        swing=swing * float(rng.choice([-1, 1])),
        flare=flare,
        asymmetry=asym,
    )
    return spec, injected


@pytest.mark.slow
def test_injected_pulldown_faults_are_found_with_precision_and_recall_of_0_9() -> None:
    faults = _faults("seated-lat-pulldown")
    checked = {"partial-range", "bar-yanks-up", "swinging", "elbows-flare", "uneven-pull"}
    rng = np.random.default_rng(6)
    tp = dict.fromkeys(checked, 0)
    fp = dict.fromkeys(checked, 0)
    fn = dict.fromkeys(checked, 0)
    drift_alarms = 0  # the generator never drifts: a swing must not read as leaning back
    for _ in range(SETS):
        n = int(rng.integers(4, 10))
        reps = [_random_rep(rng) for _ in range(n)]
        # the set's best rep is a full one, so range is measured against a full rep
        reps[int(rng.integers(0, n))] = (RepSpec(1.5, 0.5, 2.0, 0.5), set())
        s = make_set(
            "pulldown",
            [r for r, _ in reps],
            noise=float(rng.uniform(0.0005, 0.002)),
            drop_rate=float(rng.uniform(0.0, 0.03)),
            rng=rng,
        )
        lm = prepare(Landmarks.from_array(s.data, fps=s.fps))
        analysis = segment_reps(primary_signal(lm, "pulldown"))
        assert analysis.count == n
        hits = detect_faults(rep_metrics(lm, analysis, "pulldown"), faults)
        found = {(h.rep, h.fault) for h in hits}
        drift_alarms += sum(h.fault == "leaning-further-back" for h in hits)
        for i, (_, injected) in enumerate(reps, start=1):
            for fault in checked:
                seen = (i, fault) in found
                if fault in injected:
                    tp[fault] += seen
                    fn[fault] += not seen
                else:
                    fp[fault] += seen
    assert drift_alarms == 0
    for fault in sorted(checked):
        assert tp[fault] > 10, fault
        precision = tp[fault] / (tp[fault] + fp[fault])
        recall = tp[fault] / (tp[fault] + fn[fault])
        assert precision >= 0.9, (fault, precision)
        assert recall >= 0.9, (fault, recall)


def test_a_clean_set_shows_no_fault() -> None:
    s = make_set("pulldown", [RepSpec(2.0, 0.5, 3.0, 1.0)] * 6, noise=0.0015)
    lm = prepare(Landmarks.from_array(s.data, fps=s.fps))
    analysis = segment_reps(primary_signal(lm, "pulldown"))
    metrics = rep_metrics(lm, analysis, "pulldown")
    assert detect_faults(metrics, _faults("seated-lat-pulldown")) == []


def test_swing_is_measured_in_degrees_on_the_rep_that_swung() -> None:
    specs = [RepSpec(2.0, 0.5, 2.0, 1.0, swing=s) for s in (0.0, 25.0, 0.0, 12.0)]
    s = make_set("pulldown", specs, noise=0.001)
    lm = prepare(Landmarks.from_array(s.data, fps=s.fps))
    metrics = rep_metrics(lm, segment_reps(primary_signal(lm, "pulldown")), "pulldown")
    assert [m["torso-swing"] for m in metrics] == pytest.approx([0.0, 25.0, 0.0, 12.0], abs=1.5)


def test_leaning_further_back_across_the_set_is_found_from_the_rep_it_passes_ten_degrees() -> None:
    leans = [0.0, 3.0, 6.0, 9.0, 12.0, 15.0]
    specs = [RepSpec(2.0, 0.5, 2.0, 1.0, lean=v) for v in leans]
    s = make_set("pulldown", specs, noise=0.001)
    lm = prepare(Landmarks.from_array(s.data, fps=s.fps))
    metrics = rep_metrics(lm, segment_reps(primary_signal(lm, "pulldown")), "pulldown")
    assert [m["torso-drift"] for m in metrics] == pytest.approx(leans, abs=1.0)
    hits = detect_faults(metrics, _faults("seated-lat-pulldown"))
    assert {(h.rep, h.fault) for h in hits} == {
        (5, "leaning-further-back"),
        (6, "leaning-further-back"),
    }
