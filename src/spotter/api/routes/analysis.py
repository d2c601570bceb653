"""What the log says: progress (e1RM and records), weekly volume against the landmarks,
recovery per muscle, and the bodyweight record."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

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
from spotter.errors import ConflictError, ValidationError
from spotter.log import SetRecord

router = APIRouter(prefix="/users/{user}", tags=["analysis"])


def plausible(records: list[SetRecord]) -> tuple[list[SetRecord], list[str]]:
    """The sets within the hard limits, and a line for each one left out (a store written before
    the limits may hold a 1e308 kg row that would make every figure infinite)."""
    from spotter.science.limits import check_set

    kept: list[SetRecord] = []
    dropped: list[str] = []
    for r in records:
        bad = check_set(
            load_kg=r.load_kg,
            reps=r.reps,
            seconds=r.seconds,
            meters=r.meters,
            rpe=r.rpe,
            rir=r.rir,
            allow_outlier=True,
        )
        if bad:
            dropped.append(f"set {r.uuid} of {r.performed_at:%Y-%m-%d} ({bad[0]})")
        else:
            kept.append(r)
    return kept, dropped


def _sets(
    sub: Subject,
    *,
    exercise: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> tuple[list[SetRecord], list[str]]:
    with sub.uow() as uow:
        found = uow.log.sets(exercise=exercise, start=start, end=end)
    return plausible(found)


@router.get("/progress", summary="e1RM trend and personal records")
def progress(
    sub: Reader,
    exercise: Annotated[
        str | None, Query(max_length=200, description="One exercise; default: every logged one.")
    ] = None,
) -> ProgressOut:
    """Per session the best estimated one-rep max (Epley; with RPE when given), top load and
    volume; records: heaviest, best e1RM, best session volume, best reps at each load."""
    from spotter.api.routes.log import input_errors
    from spotter.services.importer import resolve_logged
    from spotter.services.training import progress as compute
    from spotter.services.training import relative_to_body, with_system_mass

    cat = sub.catalog
    if exercise:
        with input_errors("query."):
            slugs = [resolve_logged(sub.uow(), cat, exercise)]
        records, dropped = _sets(sub, exercise=slugs[0])
    else:
        records, dropped = _sets(sub)
        slugs = sorted({r.exercise for r in records})
    with sub.uow() as uow:
        bodyweights = uow.bodyweight.all()
    unit = sub.unit
    out = []
    for slug in slugs:
        mine = [r for r in records if r.exercise == slug]
        ex = cat.get(slug) if slug in cat else None
        on_body = ex is not None and relative_to_body(ex)
        points, rec = compute(with_system_mass(mine, ex, bodyweights) if ex else mine)

        def u(kg: float | None) -> float | None:
            return in_unit(kg, unit)

        out.append(
            ExerciseProgress(
                exercise=slug,
                exercise_name=ex.name if ex else slug,
                body_included=on_body and bool(bodyweights),
                sessions=[
                    SessionPointOut(
                        date=p.date,
                        e1rm=in_unit(p.e1rm_kg, unit) or 0.0,
                        top_load=in_unit(p.top_load_kg, unit) or 0.0,
                        volume=in_unit(p.volume_kg, unit) or 0.0,
                        sets=p.sets,
                    )
                    for p in points
                ],
                records=RecordsOut(
                    heaviest=u(rec.heaviest_kg),
                    heaviest_date=rec.heaviest_date,
                    best_e1rm=u(rec.best_e1rm_kg),
                    best_e1rm_date=rec.best_e1rm_date,
                    best_volume=u(rec.best_volume_kg) if rec.best_volume_date else None,
                    best_volume_date=rec.best_volume_date,
                    best_reps_at_load=[
                        RepsAtLoad(load=in_unit(k, unit) or 0.0, reps=v)
                        for k, v in sorted(rec.best_reps_at_load.items(), reverse=True)
                    ],
                ),
            )
        )
    return ProgressOut(unit=unit, exercises=out, left_out=dropped)


@router.get("/volume", summary="Weekly sets per muscle against the landmarks")
def volume(
    sub: Reader,
    week: Annotated[
        dt.date | None, Query(description="Any day of the week (Monday-Sunday); default: this.")
    ] = None,
) -> VolumeOut:
    """A working set counts 1 for each primary muscle and 0.5 for each secondary; landmarks
    MEV, MAV and MRV per muscle (Israetel 2017)."""
    from spotter.services.training import week_range, weekly_volume

    day = week or sub.today()
    _check_day(day, "query.week", sub)
    start, end = week_range(day)
    records, _ = _sets(sub, start=start, end=end)
    report = weekly_volume(records, sub.catalog, day)
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
    from spotter.services.training import RECOVERY_WINDOW, recovery_report

    when = sub.to_store(at)
    _check_day(when.date(), "query.at", sub)
    records, _ = _sets(sub, start=when - RECOVERY_WINDOW, end=when + dt.timedelta(seconds=1))
    report = recovery_report(records, sub.catalog, when)
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
    from spotter.science.limits import LimitError, check_bodyweight
    from spotter.science.units import to_kg

    uuid = None if body.uuid is None else str(body.uuid)
    if uuid is not None:
        with sub.uow() as uow:
            known = queries.bodyweight_by_uuid(uow.connection, sub.user_id, uuid)
        if known is not None:
            response.status_code = status.HTTP_200_OK
            return _bw_out(sub, uuid, *known)
    unit = body.unit or sub.unit
    kg = to_kg(body.value, unit)
    when = sub.to_store(body.measured_at)
    problems = check_bodyweight(
        kg, unit=unit, on=when, today=sub.today(), allow_outlier=body.allow_outlier
    )
    if problems:
        field = "body.measured_at" if problems[0].field == "date" else "body.value"
        raise ValidationError(str(LimitError(problems)), field=field)
    import uuid as uuidlib

    uuid = uuid or str(uuidlib.uuid4())
    try:
        with sub.uow() as uow:
            uow.bodyweight.add(when, kg, uuid=uuid)
            uow.commit()
    except IntegrityError:
        raise ConflictError("this uuid is taken", field="body.uuid") from None
    return _bw_out(sub, uuid, when, kg)
