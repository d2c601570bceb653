"""The form checker a job holds: warm (pose models loaded once per thread) when the service
offers one, else the one-shot :func:`~spotter.services.form_check.check_file`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spotter.knowledge.model import Exercise
    from spotter.motion.annotate import RepMark
    from spotter.services.form import ClipReport
    from spotter.services.form_check import FormCheck


class Checker(Protocol):
    """Checks clip after clip; writes the annotated video to ``annotate_to`` when given."""

    def check(
        self, path: Path, exercise: Exercise | None, *, annotate_to: Path | None = None
    ) -> FormCheck: ...


class OneShotChecker:
    """:func:`check_file` for each clip (the pose model is loaded for every clip), then the
    annotated video drawn from the same landmarks."""

    def check(
        self, path: Path, exercise: Exercise | None, *, annotate_to: Path | None = None
    ) -> FormCheck:
        from spotter.services.form_check import check_file

        result = check_file(path, exercise)
        if annotate_to is not None:
            draw_annotated(path, result, annotate_to)
        return result


def draw_annotated(source: Path, result: FormCheck, out: Path) -> None:
    """``out``: the clip with skeleton, rep counter and each fault's name on its reps."""
    from spotter.motion.annotate import write_annotated

    clip: ClipReport = result.clip
    title = result.exercise or "Generic counter"
    if clip.sets and clip.sets[0].report.exercise is not None:
        title = clip.sets[0].report.exercise.name
    write_annotated(source, result.landmarks, rep_marks(clip), out, title=title)


def rep_marks(clip: ClipReport) -> list[RepMark]:
    """One mark per rep of the clip, numbered through its sets, with its faults' names."""
    from spotter.motion.annotate import RepMark

    marks: list[RepMark] = []
    for s in clip.sets:
        faults: dict[int, list[str]] = {}
        for fault in s.report.faults:
            for rep in fault.reps:
                faults.setdefault(rep, []).append(fault.name)
        first = len(marks)
        marks.extend(
            RepMark(first + r.index, s.start + r.start, s.start + r.end,
                    tuple(faults.get(r.index, ())))
            for r in s.report.analysis.reps
        )
    return marks


class LazyChecker:
    """A checker made on the first clip that needs it (a job that fails before the analysis,
    on a clip that is no video, loads no pose model)."""

    def __init__(self, make: Callable[[], Checker]) -> None:
        self._make = make
        self._inner: Checker | None = None

    def check(
        self, path: Path, exercise: Exercise | None, *, annotate_to: Path | None = None
    ) -> FormCheck:
        if self._inner is None:
            self._inner = self._make()
        return self._inner.check(path, exercise, annotate_to=annotate_to)


def warm_checker() -> Checker:
    """The fastest checker available: the service's ``FormChecker`` (models loaded once and
    kept) when this version has it, else :class:`OneShotChecker`."""
    from spotter.services import form_check

    warm = getattr(form_check, "FormChecker", None)
    if warm is None:
        return OneShotChecker()
    checker: Checker = warm()
    return checker
