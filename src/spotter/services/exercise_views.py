"""The exercise commands' results as typed values, for ``--format json`` through
:func:`spotter.services.results.to_data` (the field names are the JSON keys).

>>> from spotter.services.results import to_data
>>> to_data(SkippedEntry("12", "a stretch"))
{'id': '12', 'reason': 'a stretch'}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spotter.knowledge.catalog import Alternative
    from spotter.knowledge.model import Exercise
    from spotter.services.exercise_import import ExerciseDbReport


@dataclass(frozen=True, slots=True)
class ExerciseSummaryView:
    """One exercise in a list: who it is and what it trains with what."""

    slug: str
    name: str
    pattern: str
    primary_muscles: tuple[str, ...]
    secondary_muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    level: str
    mechanic: str
    source: str

    @classmethod
    def of(cls, ex: Exercise) -> ExerciseSummaryView:
        f = ex.facts
        return cls(
            ex.slug, ex.name, f.pattern, tuple(f.primary), tuple(f.secondary),
            tuple(f.equipment), f.level, f.mechanic, f.source,
        )


@dataclass(frozen=True, slots=True)
class AlternativeView(ExerciseSummaryView):
    """An exercise that can stand in for another, and why: the primary muscles they share and
    whether the movement pattern is the same (``score`` ranks them)."""

    score: float
    shared_primary: tuple[str, ...]
    same_pattern: bool

    @classmethod
    def of_alternative(cls, alt: Alternative) -> AlternativeView:
        base = ExerciseSummaryView.of(alt.exercise)
        return cls(
            base.slug, base.name, base.pattern, base.primary_muscles, base.secondary_muscles,
            base.equipment, base.level, base.mechanic, base.source,
            alt.score, tuple(alt.shared_primary), alt.same_pattern,
        )


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """An entry of an outside database left out, and why."""

    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ExerciseDbImportView:
    """What `spotter exercises import` did (or, on a dry run, would do)."""

    source: str
    written: int
    replaced: int
    skipped: tuple[SkippedEntry, ...]
    lint_findings: Mapping[str, int]
    entries_with_findings: int
    drills: int
    dry_run: bool

    @classmethod
    def of(cls, report: ExerciseDbReport) -> ExerciseDbImportView:
        return cls(
            report.source,
            report.written,
            report.replaced,
            tuple(SkippedEntry(i, r) for i, r in report.skipped),
            dict(report.findings),
            report.entries_with_findings,
            report.drills,
            report.dry_run,
        )
