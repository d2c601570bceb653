"""Writes a client repeats safely: one set or a whole workout under uuids the client chose, and
a change of several fields of one set in one transaction (what the API's routes call).

A uuid already stored makes the write a replay: nothing new is written and the stored rows are
the answer. A set uuid that was deleted cannot come back (a new set needs a new uuid). Errors
name the field of the request they are about (``uuid``, ``sets[2].uuid``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spotter.errors import ConflictError, ValidationError
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.model import Exercise
from spotter.log import SetRecord
from spotter.science.units import Unit
from spotter.services.log import (
    LogInputError,
    SetChange,
    _LogRepo,
    apply_edit,
    apply_move,
    apply_note,
    find_set,
)
from spotter.services.uow import UnitOfWork


class _SyncLogRepo(_LogRepo, Protocol):
    def set_by_uuid(self, uuid: str) -> tuple[SetRecord, bool] | None: ...
    def existing_uuids(self, uuids: Sequence[str]) -> set[str]: ...


class SyncLogUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> _SyncLogRepo: ...


@dataclass(frozen=True, slots=True)
class SetWrite:
    """One set as stored, and whether this write stored it (False: a replay)."""

    record: SetRecord
    created: bool


@dataclass(frozen=True, slots=True)
class BatchWrite:
    """The batch a workout was stored as, and whether it was stored before (a replay)."""

    batch_id: int
    replayed: bool


def log_set(
    uow: SyncLogUnitOfWork, record: SetRecord, *, command: str, now: dt.datetime
) -> SetWrite:
    """Store one checked set (its own batch, labelled ``command``) under its uuid, in one
    transaction; the same uuid again returns the stored set. Raises :class:`ConflictError`
    (field ``uuid``) when that set was deleted."""
    uuid = record.uuid
    if not uuid:
        raise ValidationError("a set written by a client needs its uuid", field="uuid")
    with uow:
        known = uow.log.set_by_uuid(uuid)
        if known is None:
            uow.log.add_batch(command, [record], now=now)
            known = uow.log.set_by_uuid(uuid)
            assert known is not None
            uow.commit()
            return SetWrite(known[0], created=True)
    stored, deleted = known
    if deleted:
        raise ConflictError(f"the set {uuid} was deleted; a new set needs a new uuid", field="uuid")
    return SetWrite(stored, created=False)


def log_workout(
    uow: SyncLogUnitOfWork,
    records: Sequence[SetRecord],
    *,
    command: str,
    now: dt.datetime,
    batch_uuid: str,
) -> BatchWrite:
    """Store checked sets as one batch under ``batch_uuid`` (each set with a uuid of its own), in
    one transaction. The batch uuid again is a replay; a set uuid stored by another write is a
    :class:`ConflictError` on ``sets[i].uuid``, as a repeated one is a :class:`ValidationError`."""
    uuids = [r.uuid or "" for r in records]
    for i, u in enumerate(uuids):
        if not u:
            raise ValidationError("each set needs its own uuid", field=f"sets[{i}].uuid")
        if uuids.index(u) != i:
            raise ValidationError("each set needs its own uuid", field=f"sets[{i}].uuid")
    with uow:
        known = uow.log.batch_by_uuid(batch_uuid)
        if known is not None:
            return BatchWrite(known, replayed=True)
        taken = uow.log.existing_uuids(uuids)
        if taken:
            i = next(i for i, u in enumerate(uuids) if u in taken)
            raise ConflictError(
                f"the set uuid {uuids[i]} is already stored (in another write)",
                field=f"sets[{i}].uuid",
            )
        batch_id = uow.log.add_batch(command, list(records), now=now, uuid=batch_uuid)
        uow.commit()
    return BatchWrite(batch_id, replayed=False)


def change_set(
    uow: SyncLogUnitOfWork,
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
    set_type: str | None = None,
    exercise: Exercise | None = None,
    notes: str | None = None,
    allow_outlier: bool = False,
) -> SetChange:
    """Edit, move and annotate one set in one transaction: all of it is stored or none.

    The fields are those of :func:`~spotter.services.log.edit_set`; ``exercise`` moves the set
    (nothing when it is the set's own), ``notes`` replaces its note (empty: clears it). Giving
    only values the set already has changes nothing and is no error.
    """
    with uow:
        before = find_set(uow, ref)
        after = before
        if any(v is not None for v in (load, reps, rpe, rir, when, set_type)):
            try:
                after = apply_edit(
                    uow, catalog, after, now=now, default_unit=default_unit, load=load, reps=reps,
                    rpe=rpe, rir=rir, when=when, set_type=set_type, allow_outlier=allow_outlier,
                )
            except LogInputError as exc:
                if not str(exc).startswith("nothing to change"):
                    raise
        if exercise is not None and exercise.slug != after.exercise:
            after = apply_move(uow, after, exercise)
        if notes is not None:
            after = apply_note(uow, after, notes)
        uow.commit()
    return SetChange(before, after)
