"""Importing a parsed workout log: match names, whole loads, limits, skip what is already there,
write in one go.

* Each set keeps a stable key (app, workout, exercise, position; a repeat of the same key in one
  file gets an occurrence number), so importing the same file again adds nothing.
* Every row of the file is accounted for: stored (or already present), or listed with its line
  and reason: a row that is not a set, a cell that cannot be read (the parsers), a negative weight
  on an exercise that is not assisted or a value outside :mod:`spotter.science.limits`
  (:mod:`spotter.interchange.prepare`).
* Everything is written in one transaction: a failure leaves the database as it was.
* Names: the user's mapping (source name -> slug) first, then the catalog matcher; a name without
  a confident match is kept as ``imported:<source name>`` with a suggestion to confirm; importing
  again with a mapping re-points the sets already kept under a mapped name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from spotter.interchange.conventions import rule_for
from spotter.interchange.prepare import (
    UNMATCHED_PREFIX,
    MappingError,
    NamePlan,
    Prepared,
    imported_key,
    prepare,
    resolve_names,
)
from spotter.interchange.records import ParseResult, Skipped
from spotter.knowledge.catalog import Catalog
from spotter.log import SetRecord
from spotter.services.lookup import resolve_logged
from spotter.services.uow import UnitOfWork

__all__ = [
    "UNMATCHED_PREFIX",
    "ImportReport",
    "MappingError",
    "NameReport",
    "import_log",
    "resolve_logged",
    "resolve_names",
]

#: Sets written between two progress reports.
PROGRESS_CHUNK = 500


class _ImportRepo(Protocol):
    def label(self, command: str) -> None: ...
    def batch_id(self, *, source: str = "import", uuid: str | None = None) -> int: ...
    def existing_set_keys(self, keys: list[str]) -> set[str]: ...
    def existing_uuids(self, uuids: list[str]) -> set[str]: ...
    def workout_ids(
        self, workouts: list[tuple[str, dt.datetime, str | None, int | None, str, str | None]]
    ) -> dict[str, int]: ...
    def add_sets(self, rows: list[dict[str, object]]) -> None: ...
    def remap(self, old: str, new: str) -> int: ...


class _LogRepo(Protocol):
    def sets(self, *, exercise: str | None = None) -> list[SetRecord]: ...
    def update_set(self, set_id: int, values: dict[str, object], *, now: dt.datetime) -> None: ...


class ImportUnitOfWork(UnitOfWork, Protocol):
    @property
    def imports(self) -> _ImportRepo: ...
    @property
    def log(self) -> _LogRepo: ...


@dataclass(frozen=True, slots=True)
class NameReport:
    """One source name: where its sets went, how it was matched, the load rule applied."""

    source: str
    slug: str | None
    method: str
    confidence: float
    sets: int
    candidates: tuple[tuple[str, float], ...]
    suggestion: str | None = None
    rule: str = "as entered"

    @property
    def stored_as(self) -> str:
        return self.slug or imported_key(self.source)


@dataclass(frozen=True, slots=True)
class NameView:
    """One source name as the import report's JSON shows it."""

    source: str
    slug: str | None
    stored_as: str
    method: str
    confidence: float
    suggestion: str | None
    load_rule: str
    sets: int


@dataclass(frozen=True, slots=True)
class RowView:
    """A row not stored: its line in the file and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ImportReportView:
    """The import report as `spotter import --format json` prints it (through ``to_data``)."""

    format: str
    rows_read: int
    sets_in_file: int
    sets_imported: int
    already_present: int
    new_sets: int
    remapped: int
    workouts: int
    first: dt.date | None
    last: dt.date | None
    dry_run: bool
    names: tuple[NameView, ...]
    skipped: tuple[RowView, ...]
    refused: tuple[RowView, ...]

    @classmethod
    def of(cls, r: ImportReport) -> ImportReportView:
        return cls(
            r.format, r.rows_read, r.sets_in_file, r.sets_imported, r.already_present,
            r.new_sets, r.remapped, r.workouts, r.first, r.last, r.dry_run,
            tuple(
                NameView(
                    n.source, n.slug, n.stored_as, n.method, n.confidence, n.suggestion, n.rule,
                    n.sets,
                )
                for n in r.names
            ),
            tuple(RowView(k.line, k.reason) for k in r.skipped),
            tuple(RowView(k.line, k.reason) for k in r.refused),
        )


@dataclass(frozen=True, slots=True)
class ImportReport:
    format: str
    rows_read: int
    sets_in_file: int
    sets_imported: int
    already_present: int
    workouts: int
    first: dt.date | None
    last: dt.date | None
    names: tuple[NameReport, ...]
    #: Rows that are not sets or could not be read (the parser's), with line and reason.
    skipped: tuple[Skipped, ...]
    dry_run: bool
    #: Sets imported earlier under an unmatched name that the mapping now points at the catalog.
    remapped: int = 0
    #: Sets refused for their values (limits, a negative weight), with line and reason.
    refused: tuple[Skipped, ...] = ()
    #: Sets that would be (dry run) or were stored.
    new_sets: int = 0

    @property
    def by_method(self) -> dict[str, int]:
        """Distinct source names per match method (alias, normalised, fuzzy, mapped, none)."""
        return dict(Counter(n.method for n in self.names))

    @property
    def explained(self) -> tuple[Skipped, ...]:
        """Every row not stored, with its line and reason, in file order."""
        return tuple(sorted((*self.skipped, *self.refused), key=lambda k: k.line))

    @property
    def suggestions(self) -> dict[str, str]:
        """Source name -> suggested slug, for names kept as imported."""
        return {n.source: n.suggestion for n in self.names if n.slug is None and n.suggestion}


def import_log(
    uow: ImportUnitOfWork,
    catalog: Catalog,
    result: ParseResult,
    *,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    today: dt.date | None = None,
    allow_outlier: bool = False,
    prepared: Prepared | None = None,
    label: str | None = None,
) -> ImportReport:
    """Import the parsed sets; with ``dry_run`` only report what would happen.

    ``progress`` is called with the number of sets handled since its last call. ``today`` bounds
    the dates (no set after tomorrow); ``allow_outlier`` lets plausible-range outliers through.
    ``prepared`` is :func:`spotter.interchange.prepare.prepare` of the same arguments, when the
    caller already has it (the CLI shows names before importing). The new sets form one batch
    (``spotter undo`` takes it back), named ``label`` (the command line) when given; a row with
    its own uuid (Spotter's exports) that is already stored counts as present.
    """
    ready = prepared or prepare(
        result, catalog, mapping=mapping, today=today, allow_outlier=allow_outlier
    )
    remapped = 0
    reported = 0
    with uow:
        present = uow.imports.existing_set_keys([r.key for r in ready.sets])
        uuids = [r.row.uuid for r in ready.sets if r.row.uuid]
        known = uow.imports.existing_uuids(uuids) if uuids else set()
        new = [r for r in ready.sets if r.key not in present and r.row.uuid not in known]
        if not dry_run:
            if label:
                uow.imports.label(label)
            for plan in ready.names:
                if plan.match.method == "mapped" and plan.match.slug:
                    remapped += _repoint(uow, plan, catalog)
        if not dry_run and new:
            workouts: dict[str, tuple[str, dt.datetime, str | None, int | None, str, str | None]]
            workouts = {}
            for r in new:
                s = r.row
                wk = f"{s.source}|{s.workout_key}"
                if wk not in workouts:
                    seconds = int(s.workout_seconds) if s.workout_seconds else None
                    workouts[wk] = (
                        wk,
                        s.workout_start,
                        s.workout_name,
                        seconds,
                        s.source,
                        s.workout_notes,
                    )
            ids = uow.imports.workout_ids(list(workouts.values()))
            positions: defaultdict[str, int] = defaultdict(int)
            rows: list[dict[str, object]] = []
            for r in new:
                s = r.row
                wk = f"{s.source}|{s.workout_key}"
                rows.append(
                    {
                        "workout_id": ids[wk],
                        "batch_id": (
                            uow.imports.batch_id(source=s.source, uuid=s.batch_uuid)
                            if s.batch_uuid
                            else None
                        ),
                        "uuid": s.uuid,
                        "position": positions[wk],
                        "performed_at": s.workout_start,
                        "exercise": r.exercise,
                        "set_type": s.set_type,
                        "load_kg": r.load_kg,
                        "unit": s.unit,
                        "bodyweight": r.bodyweight,
                        "reps": s.reps,
                        "seconds": s.seconds,
                        "meters": s.meters,
                        "rpe": s.rpe,
                        "rir": s.rir,
                        "tempo": s.tempo,
                        "notes": s.notes,
                        "superset": _int_or_none(s.superset_id),
                        "source_key": r.key,
                    }
                )
                positions[wk] += 1
                if progress is not None and len(rows) % PROGRESS_CHUNK == 0:
                    progress(PROGRESS_CHUNK)
                    reported += PROGRESS_CHUNK
            uow.imports.add_sets(rows)
        if not dry_run and (new or remapped):
            uow.commit()
    if progress is not None:
        progress(len(result.sets) - reported)  # the rest, present and refused ones included
    return _report(
        result,
        ready,
        present_count=len(ready.sets) - len(new),
        new=len(new),
        dry_run=dry_run,
        remapped=remapped,
    )


def _repoint(uow: ImportUnitOfWork, plan: NamePlan, catalog: Catalog) -> int:
    """Move the sets kept under ``imported:<name>`` to the exercise the mapping names; when the
    exercise changes the load rule (a per-side name now known to be dumbbells), each set's load is
    worked out again from the number that was entered."""
    old_key = imported_key(plan.source)
    slug = plan.match.slug
    assert slug is not None
    before = rule_for(plan.source)
    if before == plan.rule:
        return uow.imports.remap(old_key, slug)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    moved = uow.log.sets(exercise=old_key)
    for s in moved:
        assert s.id is not None
        load = plan.rule.apply(before.entered(s.load_kg, s.unit), s.unit)
        bodyweight = s.bodyweight or plan.rule.assisted
        if catalog.get(slug).facts.load_type == "bodyweight":
            bodyweight = True
        uow.log.update_set(
            s.id, {"exercise": slug, "load_kg": load, "bodyweight": bodyweight}, now=now
        )
    return len(moved)


def _report(
    result: ParseResult,
    ready: Prepared,
    *,
    present_count: int,
    new: int,
    dry_run: bool,
    remapped: int,
) -> ImportReport:
    dates = [r.row.workout_start.date() for r in ready.sets]
    return ImportReport(
        format=result.format,
        rows_read=result.rows_read,
        sets_in_file=len(result.sets),
        sets_imported=0 if dry_run else new,
        already_present=present_count,
        workouts=len({f"{r.row.source}|{r.row.workout_key}" for r in ready.sets}),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        names=tuple(_name_report(p) for p in ready.names),
        skipped=result.skipped,
        dry_run=dry_run,
        remapped=remapped,
        refused=ready.refused,
        new_sets=new,
    )


def _name_report(plan: NamePlan) -> NameReport:
    m = plan.match
    return NameReport(
        plan.source,
        m.slug,
        m.method,
        m.confidence,
        plan.sets,
        m.candidates,
        m.suggestion,
        plan.rule.text,
    )


def _int_or_none(value: str | None) -> int | None:
    """A superset number as stored: an int that fits a database integer, else None.

    >>> _int_or_none("3"), _int_or_none(""), _int_or_none("9" * 30), _int_or_none("a")
    (3, None, None, None)
    """
    try:
        number = int(value) if value not in (None, "") else None
    except ValueError:
        return None
    return number if number is not None and abs(number) < 2**31 else None
