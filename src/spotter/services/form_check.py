"""Check the form in a file: a video (through the pose model) or a landmarks file, set by set.

:func:`check_file` is the use case the CLI, the API and the video workers call: it takes a path
and returns a :class:`FormCheck`, typed data (rep times in seconds from the clip's start) whose
JSON comes from :func:`spotter.services.results.to_data`; the objects behind it stay on the
result for renderers (a plot, an annotated video).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from spotter.errors import ValidationError

if TYPE_CHECKING:
    from spotter.knowledge.model import Exercise
    from spotter.motion.analysis.landmarks import Landmarks
    from spotter.motion.analysis.reps import Rep
    from spotter.motion.analysis.subjects import Preference
    from spotter.motion.pose import MediaPipePose
    from spotter.services.form import ClipReport, FormReport

#: Called with (frames done, frames in all) while a video is read.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class RepCheck:
    rep: int
    start: float
    end: float
    whole: bool
    partial: bool
    #: None for the first phase of a rep the clip starts in (not fully seen).
    concentric_s: float | None
    eccentric_s: float | None
    pause_at_turn_s: float
    pause_at_start_s: float | None
    range_of_motion: float
    excursion: float
    concentric_mean_velocity: float | None
    concentric_peak_velocity: float | None
    metrics: dict[str, float | None]


@dataclass(frozen=True, slots=True)
class FaultCheck:
    fault: str
    name: str
    fix: str
    reps: tuple[int, ...]
    metric: str
    threshold: float
    worst: float


@dataclass(frozen=True, slots=True)
class SetCheck:
    """One set's check."""

    family: str
    reps: int
    partial_reps: int
    unfinished_reps: int
    duration_s: float
    view: str
    view_yaw_deg: float | None
    warnings: tuple[str, ...]
    signal: str
    signal_unit: str
    criterion: str | None
    velocity_loss: float | None
    reps_in_reserve: float | None
    time_under_tension_s: float
    tempo: tuple[float, ...]
    per_rep: tuple[RepCheck, ...]
    faults: tuple[FaultCheck, ...]


@dataclass(frozen=True, slots=True)
class ClipSet:
    set: int
    start_s: float
    end_s: float
    check: SetCheck


@dataclass(frozen=True, slots=True)
class FormCheck:
    """The sets found in a clip, each checked, and what was set aside or noticed."""

    exercise: str | None
    reps: int
    duration_s: float
    notes: tuple[str, ...]
    #: What reading the input noticed (a rotated video, frames without anyone in view).
    input_notes: tuple[str, ...]
    sets: tuple[ClipSet, ...]
    clip: ClipReport = field(metadata={"json": False})
    landmarks: Landmarks = field(metadata={"json": False})


def load_landmarks(
    path: Path,
    *,
    fps: float | None = None,
    subject: str | None = None,
    progress: Progress | None = None,
    models: PoseModels | None = None,
    every_frame: bool = False,
) -> tuple[Landmarks, tuple[str, ...]]:
    """Landmarks from a video (via the pose model) or a landmarks file (.npy, .csv, .json), and
    the notes reading it gave.

    For a video, ``fps`` replaces the container's rate (a slow-motion clip stored at 30 fps)
    and ``subject`` says whom to follow (left, right, largest). ``models`` are pose models
    already loaded (a :class:`FormChecker`'s); without them the clip loads its own. The pose
    model runs on the frames adaptive sampling picks (``motion.sampling``), or on every frame
    with ``every_frame`` (slower; what the adaptive path is measured against).
    """
    from spotter.motion.analysis.landmarks import Landmarks
    from spotter.motion.landmark_files import read_landmarks
    from spotter.motion.video import is_video

    chosen = read_subject(subject)
    if not is_video(path):
        return read_landmarks(path, fps=fps), ()
    from spotter.motion.extract import extract_landmarks

    if models is not None:
        models.tracker.reset()
        models.refiner.reset()
    result = extract_landmarks(
        path,
        adaptive=not every_frame,
        pose_fps=None,
        subject=chosen,
        progress=progress,
        estimator=models.tracker if models is not None else None,
        refiner=models.refiner if models is not None else None,
        people_estimator=models.looker if models is not None else None,
    )
    found = result.landmarks
    return (Landmarks(found.data, float(fps)) if fps else found), tuple(result.notes)


def read_subject(subject: str | None) -> Preference | None:
    """Whom to follow when two people exercise in view: left, right or largest (None: the
    lifter the camera finds alone)."""
    from spotter.motion.analysis.subjects import PREFERENCES

    if subject is None:
        return None
    value = subject.strip().lower()
    if value not in PREFERENCES:
        raise ValidationError(
            f"--subject {subject!r}: expected one of {', '.join(PREFERENCES)}", field="subject"
        )
    return cast("Preference", value)


@dataclass(frozen=True, slots=True)
class Extracted:
    """A video's landmarks written to a file."""

    video: Path
    output: Path
    frames: int
    fps: float
    duration_s: float
    pose_every: int
    person_frames: int
    #: Uneven container time stamps, resampled onto an even clock at ``fps``.
    variable_frame_rate: bool
    notes: tuple[str, ...]


def extract_to_file(
    video: Path,
    output: Path,
    *,
    every_frame: bool = False,
    subject: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> Extracted:
    """Find the pose in every frame of ``video`` once and write the landmarks to ``output``
    (.npy, .csv or .json by its suffix), so the set can be checked again without the video."""
    from spotter.motion.extract import extract_landmarks
    from spotter.motion.landmark_files import write_landmarks
    from spotter.motion.video import is_video

    if not is_video(video):
        raise ValidationError(
            f"{video}: expected a video (mp4, mov, avi, webm, mkv)", field="video"
        )
    if output.suffix.lower() not in (".npy", ".csv", ".json"):
        raise ValidationError(f"{output}: expected a .npy, .csv or .json file name", field="output")
    if output.exists() and not force:
        raise ValidationError(
            f"{output} already exists; use --force to overwrite it", field="output"
        )
    chosen = read_subject(subject)
    result = extract_landmarks(
        video, pose_fps=None if every_frame else 15.0, subject=chosen, progress=progress
    )
    write_landmarks(output, result.landmarks)
    lm = result.landmarks
    return Extracted(
        video=video,
        output=output,
        frames=lm.n_frames,
        fps=lm.fps,
        duration_s=lm.duration,
        pose_every=result.pose_every,
        person_frames=result.person_frames,
        variable_frame_rate=result.resampled,
        notes=tuple(result.notes),
    )


def check_file(
    path: Path,
    exercise: Exercise | None,
    *,
    fps: float | None = None,
    subject: str | None = None,
    progress: Progress | None = None,
) -> FormCheck:
    """Check the form of every set in ``path`` (generic rep counting without ``exercise``)."""
    landmarks, input_notes = load_landmarks(path, fps=fps, subject=subject, progress=progress)
    return check_landmarks(landmarks, exercise, input_notes=input_notes)


@dataclass(frozen=True, slots=True)
class PoseModels:
    """The pose graphs a video needs, loaded once: the tracker that follows the lifter, the
    second tracking graph that fills the gaps adaptive sampling marks, and the single-frame
    model that looks for other people."""

    tracker: MediaPipePose
    refiner: MediaPipePose
    looker: MediaPipePose

    def close(self) -> None:
        self.tracker.close()
        self.refiner.close()
        self.looker.close()


class FormChecker:
    """:func:`check_file` for many clips in one process (what a worker holds): MediaPipe and
    the pose graphs are loaded once, here, instead of for every clip (about 0.8 s each time).

    Each clip starts from a restarted tracking graph, so a clip's report is the same as
    :func:`check_file` gives for it, whatever came before. Not for two threads at once: a
    worker thread holds its own. Close it (or use it as a context manager) to free the models.

        with FormChecker() as checker:
            for clip in clips:
                report = checker.check(clip, exercise)
    """

    def __init__(self) -> None:
        from spotter.motion.pose import MediaPipePose

        made: list[MediaPipePose] = []
        try:
            for static in (False, False, True):
                made.append(MediaPipePose(static=static))
        except BaseException:
            for pose in made:
                pose.close()
            raise
        self._models: PoseModels | None = PoseModels(*made)

    def check(
        self,
        path: Path,
        exercise: Exercise | None,
        *,
        subject: str | None = None,
        progress: Progress | None = None,
        annotate_to: Path | None = None,
        fps: float | None = None,
        every_frame: bool = False,
    ) -> FormCheck:
        """Check the form of every set in ``path`` (a video or a landmarks file), as
        :func:`check_file` does; with ``annotate_to``, also write the annotated video there
        (skeleton, rep counter and faults, see :func:`annotate_check`). ``every_frame`` runs
        the pose model on every frame instead of adaptive sampling's choice."""
        if self._models is None:
            raise RuntimeError("this FormChecker is closed")
        landmarks, input_notes = load_landmarks(
            path,
            fps=fps,
            subject=subject,
            progress=progress,
            models=self._models,
            every_frame=every_frame,
        )
        checked = check_landmarks(landmarks, exercise, input_notes=input_notes)
        if annotate_to is not None:
            annotate_check(path, checked, annotate_to)
        return checked

    def close(self) -> None:
        """Free the models (a closed checker checks no more clips)."""
        if self._models is not None:
            self._models.close()
            self._models = None

    def __enter__(self) -> FormChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def annotate_check(
    video: Path, checked: FormCheck, out: Path, *, progress: Progress | None = None
) -> int:
    """Write ``out`` (mp4): ``video`` with the skeleton, the rep counter and each fault on its
    reps (numbered through the clip's sets); returns the frames written. Raises
    :class:`~spotter.motion.annotate.AnnotateError` (or a ValidationError for a landmarks
    file, which has no picture to draw on)."""
    from spotter.motion.annotate import RepMark, write_annotated
    from spotter.motion.video import is_video

    if not is_video(video):
        raise ValidationError(
            f"{video}: the annotated video is drawn on the clip, and this is a landmarks file",
            field="annotate",
        )
    clip = checked.clip
    marks: list[RepMark] = []
    for s in clip.sets:
        on_rep: dict[int, list[str]] = {}
        for f in s.report.faults:
            for i in f.reps:
                on_rep.setdefault(i, []).append(f.name)
        marks += [
            RepMark(
                len(marks) + r.index,
                r.start + s.start,
                r.end + s.start,
                tuple(on_rep.get(r.index, ())),
            )
            for r in s.report.analysis.reps
        ]
    first = clip.sets[0].report if clip.sets else None
    title = (
        first.exercise.name if first is not None and first.exercise is not None else "Generic counter"
    )
    return write_annotated(video, checked.landmarks, marks, out, title=title, progress=progress)


def check_landmarks(
    landmarks: Landmarks, exercise: Exercise | None, *, input_notes: tuple[str, ...] = ()
) -> FormCheck:
    """:func:`check_file` on landmarks already read."""
    from spotter.services.form import check_clip

    clip = check_clip(landmarks, exercise)
    return FormCheck(
        exercise=exercise.slug if exercise is not None else None,
        reps=clip.reps,
        duration_s=clip.duration,
        notes=tuple(clip.notes),
        input_notes=input_notes,
        sets=tuple(
            ClipSet(s.number, s.start, s.end, set_check(s.report, s.start)) for s in clip.sets
        ),
        clip=clip,
        landmarks=landmarks,
    )


def set_check(report: FormReport, offset: float) -> SetCheck:
    """One set's report as data; rep times in seconds from the clip's start (``offset``: the
    set's start in the clip)."""
    a = report.analysis
    metrics = report.metrics or tuple({} for _ in range(a.count))
    return SetCheck(
        family=report.family,
        reps=a.count,
        partial_reps=a.partial_count,
        unfinished_reps=a.unfinished,
        duration_s=report.duration,
        view=report.view.name,
        view_yaw_deg=report.view.yaw,
        warnings=tuple(report.warnings),
        signal=report.signal.name,
        signal_unit=report.signal.unit,
        criterion=report.criterion,
        velocity_loss=a.velocity_loss,
        reps_in_reserve=report.rir,
        time_under_tension_s=report.time_under_tension,
        tempo=tuple(report.mean_tempo() or ()),
        per_rep=tuple(
            RepCheck(
                rep=r.index,
                start=r.start + offset,
                end=r.end + offset,
                whole=r.whole,
                partial=r.partial,
                concentric_s=seen(r, r.concentric, "concentric"),
                eccentric_s=seen(r, r.eccentric, "eccentric"),
                pause_at_turn_s=r.pause_at_turn,
                pause_at_start_s=r.pause_at_start,
                range_of_motion=r.range_of_motion,
                excursion=r.excursion,
                concentric_mean_velocity=finite(r.concentric_mean_velocity),
                concentric_peak_velocity=finite(r.concentric_peak_velocity),
                metrics={k: finite(v) for k, v in m.items()},
            )
            for r, m in zip(a.reps, metrics, strict=True)
        ),
        faults=tuple(
            FaultCheck(f.fault, f.name, f.fix, tuple(f.reps), f.metric, f.threshold, f.worst)
            for f in report.faults
        ),
    )


def seen(rep: Rep, seconds: float, phase: str) -> float | None:
    """A phase's duration, or None for the first phase of a rep the clip starts in."""
    return None if not rep.whole and rep.first_phase_name == phase else seconds


def finite(value: float) -> float | None:
    """A measured number, or None for NaN (not measured)."""
    return float(value) if math.isfinite(value) else None
