"""The training log: sets and whole workouts (retry-safe by client uuids), text entries, paging,
editing, deleting (tombstones), batches and undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status
from sqlalchemy.exc import IntegrityError

from spotter.api import queries
from spotter.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Cursor
from spotter.api.schemas.common import Page, in_unit
from spotter.api.schemas.log import (
    BatchOut,
    EntryIn,
    SetIn,
    SetOut,
    SetPatch,
    WorkoutIn,
    WrittenOut,
)
from spotter.api.subject import Owner, Reader, Subject
from spotter.errors import ConflictError, NotFoundError, ValidationError
from spotter.knowledge.model import Exercise
from spotter.log import SetRecord

router = APIRouter(prefix="/users/{user}/log", tags=["log"])

#: The names a plausibility check gives each field, as the API's body calls them.
_LIMIT_FIELDS = {"duration": "seconds", "distance": "meters", "date": "performed_at"}


def set_out(s: SetRecord, sub: Subject) -> SetOut:
    """A stored set as the API shows it (loads in the lifter's unit)."""
    assert s.id is not None and s.uuid is not None
    cat = sub.catalog
    return SetOut(
        uuid=s.uuid,
        id=s.id,
        exercise=s.exercise,
        exercise_name=cat.get(s.exercise).name if s.exercise in cat else s.exercise,
        performed_at=sub.from_store(s.performed_at),
        set_type=s.set_type,
        load=in_unit(s.load_kg, sub.unit),
        unit=sub.unit,
        entered_unit=s.unit,
        bodyweight=s.bodyweight,
        reps=s.reps,
        seconds=s.seconds,
        meters=s.meters,
        rpe=s.rpe,
        rir=s.rir,
        notes=s.notes,
        superset=s.superset,
        batch=s.batch_id,
    )


@contextmanager
def input_errors(prefix: str) -> Iterator[None]:
    """Errors about one set's values as 422s naming the field under ``prefix`` (``body.``)."""
    from spotter.knowledge.catalog import AmbiguousExerciseError, UnknownExerciseError
    from spotter.science.limits import LimitError
    from spotter.services.log import LogInputError

    try:
        yield
    except LimitError as exc:
        first = exc.violations[0].field if exc.violations else None
        field = None if first is None else prefix + _LIMIT_FIELDS.get(first, first)
        raise ValidationError(str(exc), field=field) from None
    except (UnknownExerciseError, AmbiguousExerciseError) as exc:
        raise ValidationError(str(exc), field=prefix + "exercise") from None
    except LogInputError as exc:  # what is left of a set's checks is about its load
        raise ValidationError(str(exc), field=prefix + "load") from None


@contextmanager
def prefixed(prefix: str) -> Iterator[None]:
    """A service's validation or conflict error with its field put under ``prefix``."""
    try:
        yield
    except (ValidationError, ConflictError) as exc:
        if exc.field is None or exc.field.startswith(prefix):
            raise
        raise type(exc)(str(exc), field=prefix + exc.field) from None


def _record(body: SetIn, sub: Subject, *, prefix: str, notes: str | None = None) -> SetRecord:
    """A checked set record from the body (loads to kilograms; names resolved)."""
    from spotter.interchange.logline import LoggedSet
    from spotter.science.units import Unit
    from spotter.services.log import kind_of, to_records

    with input_errors(prefix):
        ex: Exercise = sub.catalog.resolve(body.exercise)
        relative = body.bodyweight or kind_of(ex) in ("bodyweight", "assisted")
        logged = LoggedSet(
            load=body.load,
            unit=Unit(body.unit or sub.unit) if body.load is not None else None,
            reps=body.reps,
            seconds=body.seconds,
            meters=body.meters,
            rpe=body.rpe,
            rir=body.rir,
            bodyweight=relative,
            set_type=body.set_type,
        )
        (rec,) = to_records(
            ex,
            (logged,),
            sub.to_store(body.performed_at),
            today=sub.today(),
            allow_outlier=body.allow_outlier,
            notes=body.notes if body.notes is not None else notes,
        )
    return replace(rec, uuid=str(body.uuid))


def _stored(sub: Subject, uuid: str) -> SetRecord:
    with sub.uow() as uow:
        found = queries.set_by_uuid(uow.connection, sub.user_id, uuid)
    if found is None or found[1]:
        raise NotFoundError(f"no set {uuid} in this log", field="path.uuid")
    return found[0]


@router.post(
    "/sets",
    status_code=status.HTTP_201_CREATED,
    summary="Log one set",
    responses={200: {"description": "The uuid was stored already: the stored set, unchanged."}},
)
def log_set(body: SetIn, sub: Owner, response: Response) -> SetOut:
    """Record one set. The client chooses its uuid, so a retried request is safe: the same uuid
    again returns the stored set with 200 and stores nothing."""
    from spotter.services.log_writes import log_set as svc_log_set

    uuid = str(body.uuid)
    with sub.uow() as uow:
        known = queries.set_by_uuid(uow.connection, sub.user_id, uuid)
    # a replay answers with the stored set even when the body would no longer pass the checks
    rec = _record(body, sub, prefix="body.") if known is None else known[0]
    command = f"{sub.catalog.get(rec.exercise).name}: 1 set (API)" if known is None else ""
    with prefixed("body."):
        try:
            written = svc_log_set(sub.uow(), rec, command=command, now=sub.now_local())
        except IntegrityError:  # the same uuid written at the same moment by a retry
            written = svc_log_set(sub.uow(), rec, command=command, now=sub.now_local())
    response.status_code = status.HTTP_201_CREATED if written.created else status.HTTP_200_OK
    return set_out(written.record, sub)


@router.post(
    "/workouts",
    status_code=status.HTTP_201_CREATED,
    summary="Log a whole workout",
    responses={200: {"description": "The workout's uuid was stored already: what it stored."}},
)
def log_workout(body: WorkoutIn, sub: Owner, response: Response) -> WrittenOut:
    """Record several sets in one write (one batch, undone as a whole). The workout's uuid makes
    the write retry-safe; each set's uuid must be new."""
    from spotter.services.log_writes import log_workout as svc_log_workout

    batch_uuid = str(body.uuid)
    replay = _replay(sub, batch_uuid)
    if replay is not None:
        response.status_code = status.HTTP_200_OK
        return replay
    records = [
        _record(s, sub, prefix=f"body.sets[{i}].", notes=body.notes)
        for i, s in enumerate(body.sets)
    ]
    names = sorted({sub.catalog.get(r.exercise).name for r in records})
    command = f"workout: {len(records)} set(s) of {', '.join(names)} (API)"
    with prefixed("body."):
        try:
            written = svc_log_workout(
                sub.uow(), records, command=command, now=sub.now_local(), batch_uuid=batch_uuid
            )
        except IntegrityError:  # a concurrent retry of the same workout won
            written = svc_log_workout(
                sub.uow(), records, command=command, now=sub.now_local(), batch_uuid=batch_uuid
            )
    if written.replayed:
        response.status_code = status.HTTP_200_OK
    return _written(sub, written.batch_id, replayed=written.replayed)


def _replay(sub: Subject, batch_uuid: str) -> WrittenOut | None:
    with sub.uow() as uow:
        known = uow.log.batch_by_uuid(batch_uuid)
    return None if known is None else _written(sub, known, replayed=True)


def _written(sub: Subject, batch_id: int, *, replayed: bool) -> WrittenOut:
    with sub.uow() as uow:
        rows = queries.sets_page(uow.connection, sub.user_id, limit=MAX_LIMIT + 1, batch_id=batch_id)
    rows.sort(key=lambda s: (s.performed_at, s.id or 0))
    return WrittenOut(batch=batch_id, replayed=replayed, sets=[set_out(s, sub) for s in rows])


@router.post(
    "/entries",
    status_code=status.HTTP_201_CREATED,
    summary="Log an entry in the log grammar",
    responses={200: {"description": "The entry's uuid was stored already: what it stored."}},
)
def log_entry(body: EntryIn, sub: Owner, response: Response) -> WrittenOut:
    """What `spotter log "..."` does: 'squat 3x5 100kg @8', supersets with '+'."""
    from spotter.interchange.logline import LogSyntaxError
    from spotter.knowledge.catalog import AmbiguousExerciseError, UnknownExerciseError
    from spotter.science.limits import LimitError
    from spotter.science.units import Unit
    from spotter.services.log import LogInputError, log_text

    refused = (LogSyntaxError, UnknownExerciseError, AmbiguousExerciseError, LimitError, LogInputError)
    try:
        logged = log_text(
            sub.uow(),
            sub.catalog,
            body.text,
            when=sub.to_store(body.performed_at),
            now=sub.now_local(),
            default_unit=Unit(body.unit or sub.unit),
            allow_outlier=body.allow_outlier,
            notes=body.notes,
            batch_uuid=None if body.uuid is None else str(body.uuid),
            set_uuids=[str(u) for u in body.set_uuids],
        )
    except refused as exc:  # the message names the set and value; the field is the text
        field = "body.set_uuids" if "uuid" in str(exc) and body.set_uuids else "body.text"
        raise ValidationError(str(exc), field=field) from None
    if logged.replayed:
        response.status_code = status.HTTP_200_OK
    return _written(sub, logged.batch_id, replayed=logged.replayed)


@router.get("/sets", summary="List sets, newest first")
def list_sets(
    sub: Reader,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    exercise: Annotated[
        str | None, Query(max_length=200, description="Only this exercise (slug or name).")
    ] = None,
    since: Annotated[dt.datetime | None, Query(description="Done at or after this time.")] = None,
    until: Annotated[dt.datetime | None, Query(description="Done before this time.")] = None,
) -> Page[SetOut]:
    """The lifter's sets, newest first, by pages that stay stable while sets are added."""
    after = None
    if cursor:
        c = Cursor.decode(cursor, "sets")
        after = (c.at, c.id)
    slug = _logged_slug(sub, exercise) if exercise else None
    with sub.uow() as uow:
        rows = queries.sets_page(
            uow.connection,
            sub.user_id,
            limit=limit + 1,
            after=after,
            exercise=slug,
            start=None if since is None else sub.to_store(since),
            end=None if until is None else sub.to_store(until),
        )
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows and more else None
    nxt = (
        None
        if last is None
        else Cursor("sets", sub.from_store(last.performed_at), last.id or 0).encode()
    )
    return Page[SetOut](items=[set_out(s, sub) for s in rows], next_cursor=nxt)


def _logged_slug(sub: Subject, name: str) -> str:
    """A catalog exercise, or a name an import kept as written."""
    from spotter.services.importer import resolve_logged

    with input_errors("query."):
        return resolve_logged(sub.uow(), sub.catalog, name)


@router.get("/sets/{uuid}", summary="One set")
def get_set(uuid: UUID, sub: Reader) -> SetOut:
    return set_out(_stored(sub, str(uuid)), sub)


@router.patch("/sets/{uuid}", summary="Edit a set")
def edit_set(uuid: UUID, body: SetPatch, sub: Owner) -> SetOut:
    """Change the fields given, all in one transaction; a load is in `unit` (default: the unit
    the set was written in, else the lifter's). A new exercise moves the set; an empty note
    clears it."""
    from spotter.science.units import parse_unit
    from spotter.services import log_writes as svc

    ref = str(uuid)
    before = _stored(sub, ref)
    if body.unit is not None and body.load is None:
        raise ValidationError("unit gives the unit of load: send load with it", field="body.unit")
    target = None
    if body.exercise is not None:
        with input_errors("body."):
            target = sub.catalog.resolve(body.exercise)
    load_text = None
    if body.load is not None or body.bodyweight is not None:
        load_text = _load_text(body, before, sub)
    with input_errors("body."):
        svc.change_set(
            sub.uow(),
            sub.catalog,
            ref,
            now=sub.now_local(),
            default_unit=parse_unit(before.unit or sub.unit),
            load=load_text,
            reps=body.reps,
            rpe=body.rpe,
            rir=body.rir,
            when=None if body.performed_at is None else sub.to_store(body.performed_at),
            set_type=body.set_type,
            exercise=target,
            notes=body.notes,
            allow_outlier=body.allow_outlier,
        )
    return set_out(_stored(sub, ref), sub)


def _load_text(body: SetPatch, before: SetRecord, sub: Subject) -> str:
    """The new load in the log grammar's words (what the edit service reads)."""
    from spotter.science.units import from_kg

    unit = body.unit or before.unit or sub.unit
    bodyweight = before.bodyweight if body.bodyweight is None else body.bodyweight
    value = body.load
    if value is None:  # only the bodyweight flag changes: keep the load
        value = None if before.load_kg is None else from_kg(before.load_kg, unit)
    if bodyweight:
        return "bw" if not value else f"bw{value:+g}{unit}"
    if value is None:
        raise ValidationError("a set that is not a bodyweight set needs a load", field="body.load")
    return f"{value:g}{unit}"


@router.delete("/sets/{uuid}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a set")
def delete_set(uuid: UUID, sub: Owner) -> Response:
    """Delete one set; it stays as a tombstone that the change feed reports."""
    from spotter.services.log import delete_set as svc_delete

    ref = str(uuid)
    _stored(sub, ref)
    svc_delete(sub.uow(), ref)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/batches", summary="List batches, newest first")
def list_batches(
    sub: Reader,
    cursor: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    include_undone: bool = False,
) -> Page[BatchOut]:
    """Each `log` entry, workout and import is a batch that can be undone as a whole."""
    after = None
    if cursor:
        c = Cursor.decode(cursor, "batches")
        after = (c.at, c.id)
    with sub.uow() as uow:
        rows = queries.batches_page(
            uow.connection, sub.user_id, limit=limit + 1, after=after, include_undone=include_undone
        )
        counts = {r.id: queries.count_live_sets(uow.connection, sub.user_id, r.id) for r in rows}
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = Cursor("batches", rows[-1].created_at, rows[-1].id).encode() if more and rows else None
    return Page[BatchOut](items=[_batch_out(r, counts[r.id], sub) for r in rows], next_cursor=nxt)


def _batch_out(r: queries.BatchRow, count: int, sub: Subject) -> BatchOut:
    return BatchOut(
        id=r.id,
        uuid=r.uuid,
        kind=r.kind,
        command=r.command,
        created_at=sub.from_store(r.created_at),
        set_count=count,
        undone_at=None if r.undone_at is None else r.undone_at.astimezone(dt.UTC),
    )


@router.post("/batches/{ref}/undo", summary="Undo a batch")
def undo_batch(ref: str, sub: Owner) -> BatchOut:
    """Undo the batch `ref` (its number or the start of its uuid): its sets become tombstones."""
    from spotter.services.log import LogInputError
    from spotter.services.log import undo_batch as svc_undo

    try:
        batch = svc_undo(sub.uow(), ref)
    except LogInputError as exc:
        if "already undone" in str(exc):
            raise ConflictError(str(exc), field="path.ref") from None
        raise NotFoundError(str(exc), field="path.ref") from None
    return _undone(sub, batch.id)


@router.post("/undo", summary="Undo the last entry")
def undo_last(sub: Owner) -> BatchOut:
    """Undo the newest log entry not yet undone (what `spotter log --undo` does)."""
    from spotter.services.log import undo_last as svc_undo

    batch = svc_undo(sub.uow())
    if batch is None:
        raise NotFoundError("the log has no entry to undo")
    return _undone(sub, batch.id)


def _undone(sub: Subject, batch_id: int) -> BatchOut:
    with sub.uow() as uow:
        stored = uow.log.get_batch(str(batch_id))
    assert stored is not None
    return BatchOut(
        id=stored.id,
        uuid=stored.uuid,
        kind=stored.kind,
        command=stored.command,
        created_at=sub.from_store(stored.created_at),
        set_count=stored.set_count,
        undone_at=None if stored.undone_at is None else stored.undone_at.astimezone(dt.UTC),
    )
