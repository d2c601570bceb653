"""What to do: the next session of one exercise, and today's session of the active plan."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query

from spotter.api.schemas.coach import (
    LoadingOut,
    NextOut,
    NextSession,
    RecoveryNote,
    SetPlanOut,
    TodayItemOut,
    TodayOut,
    WarmupOut,
)
from spotter.api.schemas.common import in_unit
from spotter.api.subject import Reader, Subject
from spotter.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from spotter.services.today_view import ItemView, LoadingView

router = APIRouter(prefix="/users/{user}", tags=["training"])


def _u(kg: float, sub: Subject) -> float:
    return in_unit(kg, sub.unit) or 0.0


@router.get("/next/{exercise}", summary="The next session of one exercise")
def next_session(exercise: str, sub: Reader) -> NextOut:
    """The prescription from the exercise's progression rule on the log, with the reason:
    by default double progression over 3 sets in the exercise's rep range."""
    from spotter.api.routes.log import input_errors
    from spotter.services.next_set import next_set
    from spotter.services.training import TrainingError

    try:
        with input_errors("path."):
            n = next_set(sub.uow(), sub.catalog, exercise)
    except NotFoundError as exc:  # a name kept as imported: no rule without a catalog entry
        raise ValidationError(str(exc), field="path.exercise") from None
    except TrainingError as exc:  # nothing logged to go on: no prescription for this lifter yet
        raise NotFoundError(str(exc), field="path.exercise") from None
    return NextOut(
        exercise=n.exercise,
        exercise_name=n.name,
        unit=sub.unit,
        load=_u(n.loaded_kg or 0.0, sub),
        relative_to_body=n.added_to_bodyweight,
        sets=n.sets,
        reps=n.reps,
        min_reps=n.min_reps,
        target_rpe=n.target_rpe,
        scheme=n.scheme,
        reason=n.reason,
        plates_per_side=list(n.plates_per_side),
        warmups=[
            WarmupOut(load=_u(w.load_kg, sub), reps=w.reps, plates_per_side=list(w.plates_per_side))
            for w in n.warmups
        ],
        tempo=n.tempo,
        rest_seconds=n.rest_seconds,
    )


def _loading(loading: LoadingView | None) -> LoadingOut | None:
    if loading is None:
        return None
    return LoadingOut(
        kind=loading.kind,
        load=loading.load,
        unit=loading.unit,
        text=loading.text,
        exact=loading.exact,
    )


def _item(item: ItemView, sub: Subject) -> TodayItemOut:
    return TodayItemOut(
        exercise=item.exercise,
        name=item.name,
        planned=item.planned,
        planned_name=item.planned_name,
        action=item.action,
        recovery=RecoveryNote(
            muscle=item.recovery.muscle, percent=item.recovery.percent, note=item.recovery.note
        ),
        sets=item.sets,
        planned_sets=item.planned_sets,
        reps=item.reps,
        rep_range=item.rep_range,
        measure=item.measure,
        rir=item.rir,
        target_rpe=item.target_rpe,
        rule=item.rule,
        load=None if item.load_kg is None else _u(item.load_kg, sub),
        loading=_loading(item.loading),
        set_plan=[
            SetPlanOut(load=_u(s.load_kg or 0.0, sub), reps=s.reps, amrap=s.amrap)
            for s in item.set_plan
        ],
        reason=item.reason,
        calibration=item.calibration,
        warmups=[
            WarmupOut(
                load=_u(w.load_kg, sub),
                reps=w.reps,
                plates_per_side=[] if w.loading is None else list(w.loading.plates_per_side),
                loading=None if w.loading is None else w.loading.text,
            )
            for w in item.warmups
        ],
        rest_seconds=item.rest_seconds,
        tempo=item.tempo.text,
    )


@router.get("/today", summary="Today's session of the active plan")
def today(
    sub: Reader,
    date: Annotated[dt.date | None, Query(description="The day (default: today).")] = None,
) -> TodayOut:
    """Loads from each exercise's rule on the log, warm-ups, plates or pins, rest and tempo;
    fewer sets or a swap when a planned muscle is far from recovered. "Today" is the lifter's,
    in their time zone."""
    from spotter.services.today_view import today_for

    try:
        day = today_for(sub.uow(), sub.catalog, now=sub.rt.now(), tz=sub.tz, on=date)
    except ValidationError as exc:
        raise ValidationError(str(exc), field="query.date") from None
    return TodayOut(
        date=day.date,
        status=day.status,
        message=day.message,
        plan=day.plan,
        session=day.session,
        week=day.week,
        weeks=day.weeks,
        deload=day.deload,
        next_session=(
            NextSession(date=day.next_session.date, day=day.next_session.day or "")
            if day.next_session is not None
            else None
        ),
        unit=sub.unit,
        recovery={k: round(v, 1) for k, v in day.recovery.items()},
        exercises=[_item(i, sub) for i in day.exercises],
    )
