"""Form check of a clip from landmarks: the sets in it (``motion.analysis.sets``), and for
each its reps, phases, range, velocity, and faults in the exercise's own words (its fault
name, what it looks like, and the cue that fixes it); and recording the checked sets in the
training log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from spotter.errors import SpotterError
from spotter.knowledge.model import Exercise
from spotter.log import SetRecord
from spotter.motion.analysis.counter import count_generic
from spotter.motion.analysis.effort import reps_in_reserve
from spotter.motion.analysis.faults import BELOW, CRITERIA, detect_faults, rep_metrics
from spotter.motion.analysis.landmarks import Landmarks, scale_track
from spotter.motion.analysis.pipeline import prepare
from spotter.motion.analysis.reps import RepAnalysis, segment_reps
from spotter.motion.analysis.sets import piece, present_stretches, rest_cuts, spans
from spotter.motion.analysis.signals import Signal, primary_signal
from spotter.motion.analysis.view import CameraView, detect_view, hidden_warning
from spotter.services.log import LogUnitOfWork


class FormLogError(SpotterError):
    """A checked set that cannot be logged; nothing was saved."""


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
    view: CameraView
    #: What could not be checked and why (the camera's view, cut reps).
    warnings: tuple[str, ...]
    signal: Signal
    #: Estimated reps in reserve after the last rep (velocity loss), None when unknown.
    rir: float | None
    #: The family's range standard in words, None for families without one.
    criterion: str | None

    @property
    def time_under_tension(self) -> float:
        """Seconds from the first rep's start to the last rep's end, pauses at the start out."""
        return float(sum(r.duration for r in self.analysis.reps))

    def mean_tempo(self) -> tuple[float, float, float, float] | None:
        """Mean eccentric, pause at the turn or bottom, concentric, pause (E-P-C-P), seconds."""
        reps = [r for r in self.analysis.reps if r.whole]
        if not reps:
            return None
        ecc = float(np.mean([r.eccentric for r in reps]))
        con = float(np.mean([r.concentric for r in reps]))
        turn = float(np.mean([r.pause_at_turn for r in reps]))
        starts = [r.pause_at_start for r in reps if r.pause_at_start is not None]
        rest = float(np.mean(starts)) if starts else 0.0
        # E-P-C-P: the pause after the eccentric is the turn when the rep starts concentric
        # (a pulldown's pause at the chest comes after the concentric).
        if reps[0].first_phase_name == "concentric":
            return ecc, rest, con, turn
        return ecc, turn, con, rest


#: The signal missing for at least this long at the clip's start: the lifter was not (fully)
#: in view when the recording began.
HIDDEN_START: float = 0.3
#: A first rep that starts within this long of the first frame with the lifter in view began
#: while they were hidden.
HIDDEN_MARGIN: float = 0.2
PARTIAL_BELOW: float = 0.8  # as reps.PARTIAL_BELOW: under this share of the best range


def judge_hidden_start(analysis: RepAnalysis, signal: Signal) -> tuple[RepAnalysis, float | None]:
    """Judge a first rep that began while the lifter was out of view by what was seen of it.

    A clip that starts with the lifter partly in the picture (a pull-up filmed close, head and
    shoulders below the frame at the hang) has no signal until the pose model finds them; the
    first rep then seems to start where they were first seen, part way up, and its range
    looks short. That rep is treated as begun before the clip (its first phase not timed) and
    its range is its return, from leaving the turn to the rep's end, against the set's best.
    Returns the analysis and how long the lifter was hidden (None when they were seen from
    the start, or the first rep began well after).
    """
    values = signal.values
    seen = np.flatnonzero(np.isfinite(values))
    if not analysis.reps or seen.size == 0:
        return analysis, None
    hidden = float(seen[0] / signal.fps)
    first = analysis.reps[0]
    if hidden < HIDDEN_START or first.start > hidden + HIDDEN_MARGIN:
        return analysis, None
    best = max(
        (r.excursion / r.range_of_motion for r in analysis.reps if r.range_of_motion > 0),
        default=0.0,
    )
    leave = first.start + first.first_phase + first.pause_at_turn
    i = min(len(values) - 1, round(leave * signal.fps))
    j = min(len(values) - 1, round(first.end * signal.fps))
    back = abs(float(values[i]) - float(values[j]))
    if best <= 0 or not np.isfinite(back):
        return analysis, None
    share = min(1.0, back / best)
    untimed = first.first_phase_name == "concentric"
    judged = replace(
        first,
        whole=False,
        excursion=back,
        range_of_motion=share,
        partial=share < PARTIAL_BELOW,
        concentric_mean_velocity=float("nan") if untimed else first.concentric_mean_velocity,
        concentric_peak_velocity=float("nan") if untimed else first.concentric_peak_velocity,
    )
    return replace(analysis, reps=(judged, *analysis.reps[1:])), hidden


def check_form(landmarks: Landmarks, exercise: Exercise | None) -> FormReport:
    """Analyse a set; without an exercise, the generic counter and no fault checks."""
    family = exercise.facts.motion_family if exercise is not None else "generic"
    prepared = prepare(landmarks)
    view = detect_view(prepared)
    warnings: list[str] = []
    if family == "generic":  # no dedicated signal: find the body part that repeats
        counted = count_generic(prepared)
        signal, analysis = counted.signal, counted.analysis
        partial = sum(a.reason == "partial" for a in counted.set_aside)
        if partial:
            warnings.append(
                f"{partial} partial movement{'s' if partial > 1 else ''} at the start or end "
                "of the clip: not counted"
            )
        other = len(counted.set_aside) - partial
        if other:
            warnings.append(
                f"{other} movement{'s' if other > 1 else ''} unlike the set's reps (setting up, "
                "resting, walking): not counted"
            )
    hidden: float | None = None
    if family != "generic":
        signal = primary_signal(prepared, family)
        analysis, hidden = judge_hidden_start(segment_reps(signal), signal)
        if hidden is not None:
            warnings.append(
                f"the lifter was not fully in view for the first {hidden:.1f} s: rep 1's first "
                "phase is not timed and its range is judged from its return"
            )
    skip: frozenset[str] = frozenset()
    if np.ptp(scale_track(prepared)) > 0:  # a zoom or a cut: the trunk's angle jumps with it
        skip = frozenset({"torso-swing", "torso-drift"})
        warnings.append(
            "the camera zooms, cuts or the lifter walks toward it: trunk swing and lean are "
            "not checked"
        )
    metrics = rep_metrics(prepared, analysis, family, view, skip=skip) if analysis.count else []
    faults: list[FaultReport] = []
    if exercise is not None:
        for fact in exercise.facts.faults:
            if fact.metric is not None and not view.sees(fact.metric):
                warnings.append(hidden_warning(fact.metric, view))
    if exercise is not None and metrics:
        measured = {k for m in metrics for k in m}
        for fact in exercise.facts.faults:
            if fact.metric and view.sees(fact.metric) and fact.metric not in measured | skip:
                warnings.append(f"{fact.metric} is not measured for the {family} family yet")
    if family == "row" and view.name == "front":
        warnings.append(
            "a row filmed from the front: the arms point at the camera, so the elbow angle and "
            "the reps read from it are unreliable; film from the side"
        )
    if hidden is None and any(not r.whole for r in analysis.reps):
        warnings.append(
            "rep 1 began before the clip: its first phase is timed from the first frame"
        )
    if analysis.unfinished:
        began = analysis.unfinished_start
        when = f" (begun at {began:.1f} s)" if began is not None else ""
        warnings.append(f"the clip ends during a rep{when}: that rep is not counted")
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
            worst = min(values) if fact.metric in BELOW else max(values)
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
    velocities = [r.concentric_mean_velocity for r in analysis.reps if r.whole]
    return FormReport(
        exercise,
        family,
        analysis,
        tuple(metrics),
        tuple(faults),
        landmarks.duration,
        view,
        tuple(dict.fromkeys(warnings)),
        signal,
        reps_in_reserve(velocities),
        CRITERIA.get(family),
    )


@dataclass(frozen=True, slots=True)
class SetReport:
    """One set found in a clip: where it lies (seconds into the clip) and its check. The
    report's times (reps, phases) count from the set's own start."""

    number: int
    start: float
    end: float
    report: FormReport


@dataclass(frozen=True, slots=True)
class ClipReport:
    """The sets of a clip, in order, and what was set aside."""

    sets: tuple[SetReport, ...]
    notes: tuple[str, ...]
    duration: float

    @property
    def reps(self) -> int:
        return sum(s.report.analysis.count for s in self.sets)


def check_clip(landmarks: Landmarks, exercise: Exercise | None) -> ClipReport:
    """Find the sets in a clip (breaks of :data:`~spotter.motion.analysis.sets.WALKED_AWAY`
    seconds without anyone in view, or rests of
    :data:`~spotter.motion.analysis.sets.LONG_REST` seconds between reps) and check each.
    A piece without reps between sets is left out with a note; a clip without reps anywhere
    is one set with none, as a single check would report it."""
    fps = landmarks.fps
    found: list[tuple[int, int, FormReport]] = []
    for a, b in present_stretches(landmarks):
        report = check_form(piece(landmarks, a, b), exercise)
        cuts = rest_cuts([(r.start, r.end) for r in report.analysis.reps])
        if not cuts:
            found.append((a, b, report))
            continue
        for c, d in spans(b - a, fps, cuts):
            found.append((a + c, a + d, check_form(piece(landmarks, a + c, a + d), exercise)))
    with_reps = [f for f in found if f[2].analysis.count > 0]
    notes = []
    if not with_reps or len(found) == 1:
        whole = found[0][2] if len(found) == 1 else check_form(landmarks, exercise)
        first, end = (found[0][0], found[0][1]) if len(found) == 1 else (0, landmarks.n_frames)
        return ClipReport(
            (SetReport(1, first / fps, end / fps, whole),), (), landmarks.duration
        )
    for a, b, _ in found:
        if all(f[0] != a for f in with_reps):
            notes.append(f"no reps from {a / fps:.1f} s to {b / fps:.1f} s: not counted as a set")
    sets = tuple(
        SetReport(k, a / fps, b / fps, r) for k, (a, b, r) in enumerate(with_reps, start=1)
    )
    return ClipReport(sets, tuple(notes), landmarks.duration)


def _tempo_text(tempo: tuple[float, float, float, float]) -> str:
    """E-P-C-P to the nearest half second, written as the catalog writes tempo.

    >>> _tempo_text((2.6, 0.2, 1.4, 0.49))
    '2.5-0-1.5-0.5'
    """
    return "-".join(f"{round(x * 2) / 2:g}" for x in tempo)


def log_form_set(
    uow: LogUnitOfWork,
    report: FormReport,
    *,
    load_kg: float | None,
    bodyweight: bool,
    when: dt.datetime,
    now: dt.datetime,
    command: str,
) -> SetRecord:
    """Record the checked set (reps, tempo, time under tension) in one transaction."""
    return log_form_sets(
        uow,
        [SetReport(1, 0.0, report.duration, report)],
        load_kg=load_kg,
        bodyweight=bodyweight,
        when=when,
        now=now,
        command=command,
    )[0]


def log_form_sets(
    uow: LogUnitOfWork,
    sets: Sequence[SetReport],
    *,
    load_kg: float | None,
    bodyweight: bool,
    when: dt.datetime,
    now: dt.datetime,
    command: str,
) -> list[SetRecord]:
    """Record every checked set of a clip (reps, tempo, time under tension) in one
    transaction, all or nothing; set k is stamped ``when`` plus its start in the clip, so
    the log keeps their order."""
    if load_kg is not None and load_kg < 0:
        raise FormLogError(f"a load must not be negative, got {load_kg:g} kg")
    records = [
        _record(s.report, load_kg, bodyweight, when + dt.timedelta(seconds=round(s.start)))
        for s in sets
    ]
    with uow:
        uow.log.add_batch(command, records, now=now)
        uow.commit()
    return records


def _record(
    report: FormReport, load_kg: float | None, bodyweight: bool, when: dt.datetime
) -> SetRecord:
    if report.exercise is None:
        raise FormLogError("--log needs --exercise: the log records sets of a known exercise")
    if report.analysis.count == 0:
        raise FormLogError("no reps were found in the clip: nothing logged")
    tempo = report.mean_tempo()
    notes = f"form check: time under tension {report.time_under_tension:.1f} s"
    if report.analysis.velocity_loss is not None:
        notes += f", velocity loss {report.analysis.velocity_loss:.0%}"
    if report.rir is not None:
        notes += f", estimated reps in reserve {report.rir:.0f}"
    return SetRecord(
        performed_at=when,
        exercise=report.exercise.slug,
        load_kg=load_kg,
        reps=report.analysis.count,
        bodyweight=bodyweight,
        tempo=_tempo_text(tempo) if tempo else None,
        notes=notes,
    )
