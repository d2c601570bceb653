"""Logging sets, showing the history, editing it, and undoing whole batches.

Every change is stamped by the store (``updated_at``, tombstones' ``deleted_at``: UTC).
Every `spotter log` command is one batch; so is every import (see
:class:`spotter.store.repositories.ImportRepository`). A batch can be listed and undone; undoing
leaves tombstones that a sync can see, and history hides them. A caller may give uuids for the
batch and its sets: writing the same uuids again stores nothing new (a retried request is not a
second set).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from spotter.errors import SpotterError
from spotter.interchange.logline import (
    SET_TYPES,
    LoadKind,
    LoggedSet,
    load_kind,
    parse_log,
    parse_log_line,
)
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.model import Exercise
from spotter.log import LogBatch, SetRecord
from spotter.science.limits import LimitError, check_set
from spotter.science.units import Unit, from_kg, to_kg
from spotter.services.uow import UnitOfWork


class LogInputError(SpotterError):
    """A set that cannot be logged or changed as written; nothing was saved."""


class SetReader(Protocol):
    """The log's read side: what services that only look at history need."""

    def sets(
        self,
        *,
        exercise: str | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[SetRecord]: ...


class _LogRepo(SetReader, Protocol):
    def add_batch(
        self,
        command: str,
        sets: Sequence[SetRecord],
        *,
        now: dt.datetime,
        kind: str = "log",
        uuid: str | None = None,
    ) -> int: ...
    def last_batch(self, *, kind: str | None = None) -> LogBatch | None: ...
    def get_batch(self, ref: str) -> LogBatch | None: ...
    def batch_by_uuid(self, uuid: str) -> int | None: ...
    def batches(self, *, limit: int = 20, include_undone: bool = False) -> list[LogBatch]: ...
    def delete_batch(self, batch_id: int, *, now: dt.datetime | None = None) -> int: ...
    def get_set(self, set_id: int) -> SetRecord | None: ...
    def find_sets(self, ref: str) -> list[SetRecord]: ...
    def update_set(
        self, set_id: int, values: dict[str, object], *, now: dt.datetime | None = None
    ) -> None: ...
    def delete_set(self, set_id: int, *, now: dt.datetime | None = None) -> None: ...


class LogUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> _LogRepo: ...


@dataclass(frozen=True, slots=True)
class Logged:
    exercise: Exercise
    sets: tuple[SetRecord, ...]
    batch_id: int
    #: Every exercise of the entry with its sets, in order (more than one for a superset).
    entries: tuple[tuple[Exercise, tuple[SetRecord, ...]], ...] = ()
    #: True when the batch uuid was already stored: nothing new was written, ``sets`` are the
    #: stored ones.
    replayed: bool = False


def kind_of(ex: Exercise) -> LoadKind:
    """The exercise's load kind (see :mod:`spotter.interchange.logline`)."""
    return load_kind(ex.facts.load_type, ex.slug, ex.name)


def is_assisted(ex: Exercise) -> bool:
    """Whether a negative load (assistance) makes sense for this exercise."""
    return kind_of(ex) == "assisted"


def to_records(
    ex: Exercise,
    logged: tuple[LoggedSet, ...],
    when: dt.datetime,
    *,
    today: dt.date | None = None,
    allow_outlier: bool = False,
    notes: str | None = None,
) -> list[SetRecord]:
    """Check each set against the exercise and the plausible ranges; loads to kilograms."""
    out = []
    for i, s in enumerate(logged, 1):
        where = f"set {i} of {ex.name}"
        if s.reps is not None and s.reps <= 0:
            raise LogInputError(f"{where}: reps must be at least 1, got {s.reps}")
        if s.seconds is not None and s.seconds <= 0:
            raise LogInputError(f"{where}: a timed set must last more than 0 s")
        if s.meters is not None and s.meters <= 0:
            raise LogInputError(f"{where}: a distance must be more than 0 m")
        if s.load is not None and s.load < 0 and not is_assisted(ex):
            raise LogInputError(
                f"{where}: a negative load ({s.load:g} {s.unit}) is only for assisted exercises "
                "(e.g. 'assisted pull-up 20kg 3x8')"
            )
        if s.load is not None and s.load == 0 and not s.bodyweight:
            raise LogInputError(f"{where}: a load of 0 — write 'bw' for bodyweight sets")
        load_kg = None if s.load is None or s.unit is None else to_kg(s.load, s.unit)
        problems = check_set(
            load_kg=load_kg,
            reps=s.reps,
            seconds=s.seconds,
            meters=s.meters,
            rpe=s.rpe,
            rir=s.rir,
            performed_at=when,
            today=today,
            unit=s.unit or "kg",
            allow_outlier=allow_outlier,
        )
        if problems:
            raise LimitError(problems, where=where)
        rpe = (
            s.rpe
            if s.rpe is not None
            else (10 - s.rir if s.rir is not None and s.rir <= 9 else None)
        )
        out.append(
            SetRecord(
                performed_at=when,
                exercise=ex.slug,
                load_kg=load_kg,
                reps=s.reps,
                seconds=s.seconds,
                meters=s.meters,
                rpe=rpe,
                rir=s.rir,
                set_type=s.set_type,
                bodyweight=s.bodyweight,
                unit=s.unit if s.load is not None else None,
                notes=notes,
            )
        )
    return out


def _interleave(groups: Sequence[Sequence[SetRecord]]) -> list[SetRecord]:
    """A superset's sets in the order they were done: A1 B1 A2 B2 ..."""
    out: list[SetRecord] = []
    for i in range(max(len(g) for g in groups)):
        out.extend(g[i] for g in groups if i < len(g))
    return out


def log_text(
    uow: LogUnitOfWork,
    catalog: Catalog,
    text: str,
    *,
    when: dt.datetime,
    now: dt.datetime,
    default_unit: Unit,
    allow_outlier: bool = False,
    notes: str | None = None,
    batch_uuid: str | None = None,
    set_uuids: Sequence[str] = (),
) -> Logged:
    """Parse, check and record one entry (or one superset) in one transaction.

    Nothing is saved on any error. ``batch_uuid`` and ``set_uuids`` (in the order of the sets
    as written) make the write idempotent: the same uuids again store nothing new.
    """
    resolved: dict[str, Exercise] = {}

    def kind(name: str) -> LoadKind:
        resolved[name] = catalog.resolve(name)
        return kind_of(resolved[name])

    entries = parse_log(text, default_unit=default_unit, kind=kind)
    groups: list[tuple[Exercise, tuple[SetRecord, ...]]] = []
    for e in entries:
        ex = resolved[e.exercise]
        records = to_records(
            ex, e.sets, when, today=now.date(), allow_outlier=allow_outlier, notes=notes
        )
        if len(entries) > 1:
            records = [replace(r, superset=1) for r in records]
        groups.append((ex, tuple(records)))
    ordered = _interleave([g for _, g in groups]) if len(groups) > 1 else list(groups[0][1])
    if set_uuids:
        if len(set_uuids) != len(ordered):
            raise LogInputError(
                f"{len(set_uuids)} set uuid(s) given for {len(ordered)} set(s); give one per set"
            )
        ordered = [replace(r, uuid=u) for r, u in zip(ordered, set_uuids, strict=True)]
    with uow:
        known = uow.log.batch_by_uuid(batch_uuid) if batch_uuid else None
        if known is not None:  # a retried request: report what is stored, write nothing
            stored = uow.log.get_batch(str(known))
            sets = stored.sets if stored is not None else ()
            return Logged(groups[0][0], sets, known, tuple(groups), replayed=True)
        batch_id = uow.log.add_batch(text, ordered, now=now, uuid=batch_uuid)
        uow.commit()
    return Logged(groups[0][0], tuple(ordered), batch_id, tuple(groups))


def undo_last(uow: LogUnitOfWork) -> LogBatch | None:
    """Undo the last `spotter log` entry not yet undone; returns it, or None when there is none."""
    with uow:
        batch = uow.log.last_batch(kind="log")
        if batch is None:
            return None
        uow.log.delete_batch(batch.id)  # tombstones carry the store's UTC clock
        uow.commit()
    return batch


def list_batches(
    uow: LogUnitOfWork, *, limit: int = 20, include_undone: bool = False
) -> list[LogBatch]:
    """The newest batches first (log entries and imports)."""
    with uow:
        return uow.log.batches(limit=limit, include_undone=include_undone)


def undo_batch(uow: LogUnitOfWork, ref: str) -> LogBatch:
    """Undo the batch ``ref`` (its number or a uuid prefix); returns it as it was."""
    with uow:
        batch = uow.log.get_batch(ref.strip())
        if batch is None:
            raise LogInputError(
                f"no batch {ref!r}: give a number or the start of a uuid from `spotter batches`"
            )
        if batch.undone_at is not None:
            raise LogInputError(
                f"batch {batch.id} ({batch.command}) was already undone on "
                f"{batch.undone_at:%Y-%m-%d %H:%M} UTC"
            )
        uow.log.delete_batch(batch.id)  # tombstones carry the store's UTC clock
        uow.commit()
    return batch


def history(uow: LogUnitOfWork, *, exercise: str | None = None, limit: int = 50) -> list[SetRecord]:
    """The most recent live sets (oldest first within the window)."""
    with uow:
        newest = uow.log.sets(exercise=exercise, limit=limit, newest_first=True)
    return list(reversed(newest))


# -- editing single sets -----------------------------------------------------------------------


def find_set(uow: LogUnitOfWork, ref: str) -> SetRecord:
    """A live set by its number (as `spotter history` shows it) or a uuid prefix; inside a uow."""
    ref = ref.strip().lstrip("#")
    found: list[SetRecord] = []
    if ref.isdigit() and int(ref) <= 2**31 - 1:  # ids are 32-bit integers (PostgreSQL's INTEGER)
        s = uow.log.get_set(int(ref))
        found = [s] if s is not None else []
    if not found:
        found = uow.log.find_sets(ref.lower())
    if not found:
        raise LogInputError(f"no set {ref!r}: use the number shown by `spotter history`")
    if len(found) > 1:
        raise LogInputError(f"{ref!r} matches {len(found)} sets; give more of the uuid")
    return found[0]


@dataclass(frozen=True, slots=True)
class SetChange:
    """What an edit, a move or a note did: the set before and after."""

    before: SetRecord
    after: SetRecord


def parse_load(text: str, ex: Exercise, default_unit: Unit) -> tuple[float | None, Unit | None, bool]:
    """A load as the log grammar reads it for ``ex``: (value in its unit, unit, bodyweight).

    >>> from spotter.knowledge.custom import CustomExercise, to_exercise
    >>> pu = to_exercise(CustomExercise.new("Ring pull-up", primary=("lats",)))
    >>> parse_load("bw+10kg", pu, Unit.KG), parse_load("bw", pu, Unit.KG)
    ((10.0, <Unit.KG: 'kg'>, True), (None, None, True))
    """
    try:
        s = parse_log_line(f"x {text.strip()} 1", default_unit=default_unit, kind=kind_of(ex)).sets
    except SpotterError as exc:
        raise LogInputError(
            f"--load {text!r}: expected a load such as 100kg, 225lb, bw, bw+10kg or -20kg "
            f"({str(exc).splitlines()[0]})"
        ) from None
    if len(s) != 1 or s[0].reps != 1:
        raise LogInputError(f"--load {text!r}: expected one load, such as 100kg or bw+10kg")
    return s[0].load, s[0].unit, s[0].bodyweight


def edit_set(
    uow: LogUnitOfWork,
    catalog: Catalog,
    ref: str,
    *,
    now: dt.datetime,
    default_unit: Unit,
    load: str | None = None,
    reps: int | None = None,
    rpe: float | None = None,
    rir: float | None = None,
    when: dt.datetime | None = None,
    unit: Unit | None = None,
    set_type: str | None = None,
    allow_outlier: bool = False,
) -> SetChange:
    """Change fields of one set. ``unit`` alone re-reads the number as written in that unit
    (a set typed as 120 meaning pounds): 54.43 kg entered as kg becomes 54.43 lb."""
    with uow:
        before = find_set(uow, ref)
        after = apply_edit(
            uow, catalog, before, now=now, default_unit=default_unit, load=load, reps=reps,
            rpe=rpe, rir=rir, when=when, unit=unit, set_type=set_type, allow_outlier=allow_outlier,
        )
        uow.commit()
    return SetChange(before, after)


def apply_edit(
    uow: LogUnitOfWork,
    catalog: Catalog,
    before: SetRecord,
    *,
    now: dt.datetime,
    default_unit: Unit,
    load: str | None = None,
    reps: int | None = None,
    rpe: float | None = None,
    rir: float | None = None,
    when: dt.datetime | None = None,
    unit: Unit | None = None,
    set_type: str | None = None,
    allow_outlier: bool = False,
) -> SetRecord:
    """:func:`edit_set`'s change to ``before`` inside an open unit of work (no commit); returns
    the set as changed."""
    ex = catalog.get(before.exercise) if before.exercise in catalog else None
    after = before
    if unit is not None and before.load_kg is not None:
        written = from_kg(before.load_kg, before.unit or default_unit)
        after = replace(after, load_kg=to_kg(written, unit), unit=unit)
    if load is not None:
        if ex is None:
            raise LogInputError(f"{before.exercise} is not in the catalog; move the set first")
        value, u2, bw = parse_load(load, ex, unit or before.unit or default_unit)
        if value is not None and value < 0 and not is_assisted(ex):
            raise LogInputError(f"--load {load!r}: assistance is only for assisted exercises")
        after = replace(
            after,
            load_kg=None if value is None or u2 is None else to_kg(value, u2),
            unit=u2,
            bodyweight=bw,
        )
    if reps is not None:
        if after.seconds is not None or after.meters is not None:
            raise LogInputError("this set is timed or a distance: it has no reps to change")
        if reps < 1:
            raise LogInputError(f"--reps {reps}: expected 1 or more")
        after = replace(after, reps=reps)
    if rpe is not None:
        after = replace(after, rpe=rpe)
    if rir is not None:
        after = replace(after, rir=rir, rpe=after.rpe if rpe is not None else 10 - rir)
    if when is not None:
        after = replace(after, performed_at=when)
    if set_type is not None:
        if set_type not in SET_TYPES:
            raise LogInputError(f"--type {set_type!r}: expected one of {', '.join(SET_TYPES)}")
        after = replace(after, set_type=set_type)
    problems = check_set(
        load_kg=after.load_kg,
        reps=after.reps,
        rpe=after.rpe,
        rir=after.rir,
        performed_at=after.performed_at,
        today=now.date(),
        unit=after.unit or default_unit,
        allow_outlier=allow_outlier,
    )
    if problems:
        raise LimitError(problems, where=f"set {before.id}")
    if after == before:
        raise LogInputError("nothing to change: give --load, --reps, --rpe, --rir, --date, --unit or --type")
    assert before.id is not None
    values: dict[str, object] = {
        k: getattr(after, k)
        for k in ("load_kg", "unit", "bodyweight", "reps", "rpe", "rir", "set_type")
        if getattr(after, k) != getattr(before, k)
    }
    if after.performed_at != before.performed_at:
        values["performed_at"] = after.performed_at
    uow.log.update_set(before.id, values)
    return after


def delete_set(uow: LogUnitOfWork, ref: str) -> SetRecord:
    """Delete one set (a tombstone a sync can see); returns it."""
    with uow:
        s = find_set(uow, ref)
        assert s.id is not None
        uow.log.delete_set(s.id)
        uow.commit()
    return s


def move_set(uow: LogUnitOfWork, catalog: Catalog, ref: str, exercise: str) -> SetChange:
    """Move one set to another exercise (the load kind must fit: assistance only to assisted)."""
    target = catalog.resolve(exercise)
    with uow:
        before = find_set(uow, ref)
        after = apply_move(uow, before, target)
        uow.commit()
    return SetChange(before, after)


def apply_move(uow: LogUnitOfWork, before: SetRecord, target: Exercise) -> SetRecord:
    """:func:`move_set`'s change inside an open unit of work (no commit)."""
    if before.load_kg is not None and before.load_kg < 0 and not is_assisted(target):
        raise LogInputError(
            f"set {before.id} is assisted ({before.load_kg:g} kg); {target.name} takes no assistance"
        )
    if before.exercise == target.slug:
        raise LogInputError(f"set {before.id} is already logged as {target.name}")
    assert before.id is not None
    uow.log.update_set(before.id, {"exercise": target.slug})
    return replace(before, exercise=target.slug)


def note_set(uow: LogUnitOfWork, ref: str, note: str) -> SetChange:
    """Set (or with an empty text, clear) the note of one set."""
    with uow:
        before = find_set(uow, ref)
        after = apply_note(uow, before, note)
        uow.commit()
    return SetChange(before, after)


def apply_note(uow: LogUnitOfWork, before: SetRecord, note: str) -> SetRecord:
    """:func:`note_set`'s change inside an open unit of work (no commit)."""
    text = note.strip() or None
    if text is not None and len(text) > 2000:
        raise LogInputError(f"a note is at most 2000 characters, this one has {len(text)}")
    assert before.id is not None
    uow.log.update_set(before.id, {"notes": text})
    return replace(before, notes=text)
