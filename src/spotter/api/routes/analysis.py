"""What the log says: progress (e1RM and records), weekly volume against the landmarks,
recovery per muscle, and the bodyweight record."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy.exc import IntegrityError

from spotter.api import queries
from spotter.api.pagination import MAX_LIMIT, Cursor
from spotter.api.schemas.analysis import (
    BodyweightIn,
    BodyweightOut,
    ExerciseProgress,
    MuscleVolumeOut,
    ProgressOut,
    RecordsOut,
    RecoveryOut,
    RepsAtLoad,
    SessionPointOut,
    VolumeOut,
)
from spotter.api.schemas.common import Page, in_unit
from spotter.api.subject import Owner, Reader, Subject
from spotter.errors import ValidationError

if TYPE_CHECKING:
    from spotter.services.bodyweight import BodyweightWrite

router = APIRouter(prefix="/users/{user}", tags=["analysis"])


@router.get("/progress", summary="e1RM trend and personal records")
def progress(
    sub: Reader,
    exercise: Annotated[
        str | None, Query(max_length=200, description="One exercise; default: every logged one.")
    ] = None,
) -> ProgressOut:
    """Per session the best estimated one-rep max (Brzycki up to 10 reps to failure, Epley
    beyond; the RTS chart with an RPE), top load and volume; records: heaviest, best e1RM, best
    session volume, best reps at each load. A bodyweight exercise counts the body when a
    bodyweight is recorded."""
    from spotter.api.routes.log import input_errors
    from spotter.services.analysis import progress_of

    cat = sub.catalog
    with input_errors("query."):
        found = progress_of(sub.uow(), cat, exercise or None)
    unit = sub.unit

    def u(kg: float | None) -> float | None:
        return in_unit(kg, unit)

    out = [
        ExerciseProgress(
            exercise=e.exercise,
            exercise_name=cat.get(e.exercise).name if e.exercise in cat else e.exercise,
            body_included=e.with_body,
            sessions=[
                SessionPointOut(
                    date=p.date,
                    e1rm=u(p.e1rm_kg) or 0.0,
                    top_load=u(p.top_load_kg) or 0.0,
                    volume=u(p.volume_kg) or 0.0,
                    sets=p.sets,
                )
                for p in e.sessions
            ],
            records=RecordsOut(
                heaviest=u(e.records.heaviest_kg),
                heaviest_date=e.records.heaviest_date,
                best_e1rm=u(e.records.best_e1rm_kg),
                best_e1rm_date=e.records.best_e1rm_date,
                best_volume=u(e.records.best_volume_kg) if e.records.best_volume_date else None,
                best_volume_date=e.records.best_volume_date,
                best_reps_at_load=[
                    RepsAtLoad(load=u(k) or 0.0, reps=v)
                    for k, v in sorted(e.records.best_reps_at_load.items(), reverse=True)
                ],
            ),
        )
        for e in found.exercises
    ]
    return ProgressOut(unit=unit, exercises=out, left_out=list(found.skipped))


@router.get("/volume", summary="Weekly sets per muscle against the landmarks")
def volume(
    sub: Reader,
    week: Annotated[
        dt.date | None, Query(description="Any day of the week (Monday-Sunday); default: this.")
    ] = None,
) -> VolumeOut:
    """A working set counts 1 for each primary muscle and 0.5 for each secondary; landmarks
    MEV, MAV and MRV per muscle (Israetel 2017)."""
    from spotter.services.analysis import volume_of

    day = week or sub.today()
    _check_day(day, "query.week", sub)
    report = volume_of(sub.uow(), sub.catalog, day).report
    return VolumeOut(
        week_start=report.week_start,
        sets_counted=report.sets_counted,
        muscles=[
            MuscleVolumeOut(
                muscle=r.muscle,
                sets=r.sets,
                mev=r.landmarks.mev,
                mav_low=r.landmarks.mav_low,
                mav_high=r.landmarks.mav_high,
                mrv=r.landmarks.mrv,
                status=r.status.value,
            )
            for r in report.rows
        ],
        other=report.other,
    )


def _check_day(day: dt.date, field: str, sub: Subject) -> None:
    from spotter.science.limits import QUERY_HORIZON, LimitError, check_date

    problems = check_date(day, today=sub.today(), ahead=QUERY_HORIZON)
    if problems:
        raise ValidationError(str(LimitError(problems)), field=field)


@router.get("/recovery", summary="Recovery per muscle")
def recovery(
    sub: Reader,
    at: Annotated[dt.datetime | None, Query(description="When (default: now).")] = None,
) -> RecoveryOut:
    """Recovery of each muscle (0-100 %) from the last 7 days of sets, and which are ready."""
    from spotter.services.analysis import recovery_of

    when = sub.to_store(at)
    _check_day(when.date(), "query.at", sub)
    report = recovery_of(sub.uow(), sub.catalog, when).report
    return RecoveryOut(
        at=sub.from_store(report.at),
        recovery={k: round(v, 1) for k, v in report.percent.items()},
        ready=list(report.ready),
    )


@router.get("/bodyweight", summary="Bodyweight measurements, newest first")
def list_bodyweight(
    sub: Reader,
    cursor: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> Page[BodyweightOut]:
    after = None
    if cursor:
        c = Cursor.decode(cursor, "bodyweight")
        after = (c.at, c.id)
    with sub.uow() as uow:
        rows = queries.bodyweight_page(uow.connection, sub.user_id, limit=limit + 1, after=after)
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = Cursor("bodyweight", rows[-1][2], rows[-1][0]).encode() if more and rows else None
    return Page[BodyweightOut](
        items=[_bw_out(sub, uuid, at, kg) for _, uuid, at, kg in rows], next_cursor=nxt
    )


def _bw_out(sub: Subject, uuid: str, at: dt.datetime, kg: float) -> BodyweightOut:
    return BodyweightOut(
        uuid=uuid, measured_at=sub.from_store(at), value=in_unit(kg, sub.unit) or 0.0, unit=sub.unit
    )


@router.post(
    "/bodyweight",
    status_code=status.HTTP_201_CREATED,
    summary="Record bodyweight",
    responses={200: {"description": "The uuid was stored already: the stored measurement."}},
)
def add_bodyweight(body: BodyweightIn, sub: Owner, response: Response) -> BodyweightOut:
    import uuid as uuidlib

    from spotter.science.limits import LimitError
    from spotter.science.units import Unit, to_kg
    from spotter.services.bodyweight import record_measurement

    uuid = str(body.uuid or uuidlib.uuid4())
    unit = body.unit or sub.unit
    kg = to_kg(body.value, unit)

    def write() -> BodyweightWrite:
        return record_measurement(
            sub.uow(), kg, unit=Unit(unit), when=sub.to_store(body.measured_at),
            today=sub.today(), uuid=uuid, allow_outlier=body.allow_outlier,
        )

    try:
        try:
            written = write()
        except IntegrityError:  # the same uuid written at the same moment by a retry
            written = write()
    except LimitError as exc:
        first = exc.violations[0].field if exc.violations else None
        field = "body.measured_at" if first == "date" else "body.value"
        raise ValidationError(str(exc), field=field) from None
    if not written.created:
        response.status_code = status.HTTP_200_OK
    return _bw_out(sub, uuid, written.measured_at, written.kg)
