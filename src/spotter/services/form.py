"""Form check of one set from landmarks: reps, phases, range, velocity, and faults in the
exercise's own words (its fault name, what it looks like, and the cue that fixes it)."""

from __future__ import annotations

from dataclasses import dataclass

from spotter.knowledge.model import Exercise
from spotter.motion.analysis.faults import detect_faults, rep_metrics
from spotter.motion.analysis.landmarks import Landmarks
from spotter.motion.analysis.pipeline import analyse_reps, prepare
from spotter.motion.analysis.reps import RepAnalysis


@dataclass(frozen=True, slots=True)
class FaultReport:
    fault: str
    name: str
    fix: str
    reps: tuple[int, ...]
    metric: str
    threshold: float
    worst: float


@dataclass(frozen=True, slots=True)
class FormReport:
    exercise: Exercise | None
    family: str
    analysis: RepAnalysis
    metrics: tuple[dict[str, float], ...]
    faults: tuple[FaultReport, ...]
    duration: float


def check_form(landmarks: Landmarks, exercise: Exercise | None) -> FormReport:
    """Analyse a set; without an exercise, the generic counter and no fault checks."""
    family = exercise.facts.motion_family if exercise is not None else "generic"
    analysis = analyse_reps(landmarks, family)
    metrics = rep_metrics(prepare(landmarks), analysis, family) if analysis.count else []
    faults: list[FaultReport] = []
    if exercise is not None and metrics:
        hits = detect_faults(metrics, exercise.facts.faults)
        by_fault: dict[str, list[tuple[int, float]]] = {}
        for h in hits:
            by_fault.setdefault(h.fault, []).append((h.rep, h.value))
        words = {f.id: f for f in exercise.faults}
        facts = {f.id: f for f in exercise.facts.faults}
        for fid, seen in by_fault.items():
            f, fact = words[fid], facts[fid]
            assert fact.metric is not None and fact.threshold is not None
            values = [v for _, v in seen]
            worst = (
                min(values)
                if fact.metric in ("range-of-motion", "eccentric-too-fast", "no-pause")
                else max(values)
            )
            faults.append(
                FaultReport(
                    fid,
                    f.name,
                    f.fix,
                    tuple(r for r, _ in seen),
                    fact.metric,
                    fact.threshold,
                    worst,
                )
            )
    return FormReport(exercise, family, analysis, tuple(metrics), tuple(faults), landmarks.duration)
