"""Importing a parsed workout log: match names, skip what is already there, write in one go.

* Each set keeps a stable key (app, workout, exercise, position; a repeat of the same key in one
  file gets an occurrence number), so importing the same file again adds nothing.
* Everything is written in one transaction: a failure leaves the database as it was.
* Names are matched by :class:`spotter.knowledge.matching.NameMatcher`, or by the user's mapping
  (source name -> slug) first. Unmatched names are kept as ``imported:<source name>``, so no set is
  lost; they are listed in the report, and importing again with a mapping re-points the sets
  already kept under a mapped name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from spotter.errors import SpotterError
from spotter.interchange.records import ImportedSet, ParseResult, Skipped
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.matching import Match, NameMatcher
from spotter.services.uow import UnitOfWork

UNMATCHED_PREFIX = "imported:"
#: Sets written between two progress reports.
PROGRESS_CHUNK = 500


class MappingError(SpotterError):
    """A mapping file entry that points at no exercise."""


class _ImportRepo(Protocol):
    def existing_set_keys(self, keys: list[str]) -> set[str]: ...
    def workout_ids(
        self, workouts: list[tuple[str, dt.datetime, str | None, int | None, str, str | None]]
    ) -> dict[str, int]: ...
    def add_sets(self, rows: list[dict[str, object]]) -> None: ...
    def remap(self, old: str, new: str) -> int: ...


class ImportUnitOfWork(UnitOfWork, Protocol):
    @property
    def imports(self) -> _ImportRepo: ...


@dataclass(frozen=True, slots=True)
class NameReport:
    source: str
    slug: str | None
    method: str
    confidence: float
    sets: int
    candidates: tuple[tuple[str, float], ...]


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
    skipped: tuple[Skipped, ...]
    dry_run: bool
    #: Sets imported earlier under an unmatched name that the mapping now points at the catalog.
    remapped: int = 0

    @property
    def by_method(self) -> dict[str, int]:
        """Distinct source names per match method (alias, normalised, fuzzy, mapped, none)."""
        return dict(Counter(n.method for n in self.names))


def resolve_names(
    sets: tuple[ImportedSet, ...], catalog: Catalog, mapping: Mapping[str, str] | None
) -> dict[str, Match]:
    """How each distinct source name maps; the user's mapping wins."""
    matcher = NameMatcher(catalog)
    out: dict[str, Match] = {}
    for name in dict.fromkeys(s.exercise for s in sets):
        target = (mapping or {}).get(name)
        if target:
            if target not in catalog:
                raise MappingError(
                    f"mapping for {name!r} points at {target!r}, which is not in the catalog"
                )
            out[name] = Match(name, target, "mapped", 100.0)
        else:
            out[name] = matcher.match(name)
    return out


def import_log(
    uow: ImportUnitOfWork,
    catalog: Catalog,
    result: ParseResult,
    *,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import the parsed sets; with ``dry_run`` only report what would happen.

    ``progress`` is called with the number of sets handled since its last call.
    """
    matches = resolve_names(result.sets, catalog, mapping)
    seen: Counter[str] = Counter()
    keyed: list[tuple[str, ImportedSet]] = []
    for s in result.sets:
        seen[s.key] += 1
        key = s.key if seen[s.key] == 1 else f"{s.key}#{seen[s.key]}"
        keyed.append((key, s))
    per_name: Counter[str] = Counter(s.exercise for s in result.sets)
    remapped = 0
    reported = 0
    with uow:
        present = uow.imports.existing_set_keys([k for k, _ in keyed])
        new = [(k, s) for k, s in keyed if k not in present]
        if not dry_run:
            for name, m in matches.items():
                if m.method == "mapped" and m.slug:
                    remapped += uow.imports.remap(f"{UNMATCHED_PREFIX}{name.strip()}", m.slug)
        if not dry_run and new:
            workouts: dict[str, ImportedSet] = {}
            for _, s in new:
                workouts.setdefault(f"{s.source}|{s.workout_key}", s)
            ids = uow.imports.workout_ids(
                [
                    (
                        wk,
                        s.workout_start,
                        s.workout_name,
                        int(s.workout_seconds) if s.workout_seconds else None,
                        s.source,
                        s.workout_notes,
                    )
                    for wk, s in workouts.items()
                ]
            )
            positions: defaultdict[str, int] = defaultdict(int)
            rows: list[dict[str, object]] = []
            for key, s in new:
                wk = f"{s.source}|{s.workout_key}"
                m = matches[s.exercise]
                rows.append(
                    {
                        "workout_id": ids[wk],
                        "batch_id": None,
                        "position": positions[wk],
                        "performed_at": s.workout_start,
                        "exercise": m.slug or f"{UNMATCHED_PREFIX}{s.exercise.strip()}",
                        "set_type": s.set_type,
                        "load_kg": s.load_kg,
                        "bodyweight": s.load_kg is None and s.reps is not None,
                        "reps": s.reps,
                        "seconds": s.seconds,
                        "meters": s.meters,
                        "rpe": s.rpe,
                        "rir": None,
                        "tempo": None,
                        "notes": s.notes,
                        "superset": _int_or_none(s.superset_id),
                        "source_key": key,
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
        progress(len(result.sets) - reported)  # the rest, present ones included
    dates = [s.workout_start.date() for s in result.sets]
    names = tuple(
        NameReport(n, m.slug, m.method, m.confidence, per_name[n], m.candidates)
        for n, m in sorted(matches.items(), key=lambda kv: (kv[1].slug is not None, kv[0].lower()))
    )
    return ImportReport(
        format=result.format,
        rows_read=result.rows_read,
        sets_in_file=len(result.sets),
        sets_imported=0 if dry_run else len(new),
        already_present=len(keyed) - len(new),
        workouts=result.workouts,
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        names=names,
        skipped=result.skipped,
        dry_run=dry_run,
        remapped=remapped,
    )


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None
