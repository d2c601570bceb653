"""What ``spotter form --format json`` prints, as a typed result rendered by
:func:`spotter.services.results.to_data`.

A clip of one set reads as that set's check at the top level; a clip of several sets gives their
totals there; both list every set with its place in the clip under ``sets``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spotter.services.form_check import FormCheck, SetCheck


@dataclass(frozen=True, slots=True)
class ClipTotals:
    """Reps and duration of a clip of several sets."""

    reps: int
    duration_s: float


@dataclass(frozen=True, slots=True)
class FormSetView:
    """One set of the clip: its number, where it starts and ends (s), and its check."""

    set: int
    start_s: float
    end_s: float
    check: SetCheck = field(metadata={"flatten": True})


@dataclass(frozen=True, slots=True)
class FormCheckView:
    """A checked clip: the one set's check, or the clip's totals, then whether the sets were
    logged, how many there are, notes, and every set."""

    exercise: str | None
    summary: SetCheck | ClipTotals = field(metadata={"flatten": True})
    logged: bool
    set_count: int
    notes: tuple[str, ...]
    sets: tuple[FormSetView, ...]


def form_check_view(checked: FormCheck, *, logged: bool) -> FormCheckView:
    """``checked`` as printed, ``logged`` saying whether its sets were recorded."""
    sets = tuple(FormSetView(c.set, c.start_s, c.end_s, c.check) for c in checked.sets)
    summary: SetCheck | ClipTotals = (
        checked.sets[0].check
        if len(sets) == 1
        else ClipTotals(reps=checked.reps, duration_s=checked.duration_s)
    )
    return FormCheckView(
        exercise=checked.exercise,
        summary=summary,
        logged=logged,
        set_count=len(sets),
        notes=tuple(checked.notes),
        sets=sets,
    )
