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
    from spotter.services.today import Loading, TodayItem

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


def _loading(loading: Loading | None) -> LoadingOut | None:
    if loading is None:
        return None
    return LoadingOut(
        kind=loading.kind,
        load=loading.load,
        unit=str(loading.unit),
        text=loading.text,
        exact=loading.exact,
    )


def _item(item: TodayItem, sub: Subject) -> TodayItemOut:
    adj, facts = item.adjustment, item.exercise.facts
    return TodayItemOut(
        exercise=item.exercise.slug,
        name=item.exercise.name,
        planned=adj.planned,
        planned_name=item.planned_name,
        action=adj.action,
        recovery=RecoveryNote(muscle=adj.muscle, percent=round(adj.recovery, 1), note=adj.reason),
        sets=item.sets,
        planned_sets=adj.planned_sets,
        reps=item.reps,
        rep_range=(item.slot.rep_low, item.slot.rep_high),
        measure=facts.measure,
        rir=item.slot.rir,
        target_rpe=item.target_rpe,
        rule=item.rule,
        load=None if item.load_kg is None else _u(item.load_kg, sub),
        loading=_loading(item.loading),
        set_plan=[
            SetPlanOut(load=_u(s.load_kg, sub), reps=s.reps, amrap=s.amrap) for s in item.plan
        ],
        reason=item.reason,
        calibration=item.calibration,
        warmups=[
            WarmupOut(
                load=_u(w.load_kg, sub),
                reps=w.reps,
                plates_per_side=list(w.plates_per_side),
                loading=None if lo is None else lo.text,
            )
            for w, lo in zip(item.warmups, item.warmup_loadings, strict=True)
        ],
        rest_seconds=item.slot.rest_seconds,
        tempo=str(facts.tempo),
    )


@router.get("/today", summary="Today's session of the active plan")
def today(
    sub: Reader,
    date: Annotated[dt.date | None, Query(description="The day (default: today).")] = None,
) -> TodayOut:
    """Loads from each exercise's rule on the log, warm-ups, plates or pins, rest and tempo;
    fewer sets or a swap when a planned muscle is far from recovered."""
    from spotter.api.routes.analysis import _check_day
    from spotter.services.planning import active_plan
    from spotter.services.today import today_session

    on = date or sub.today()
    _check_day(on, "query.date", sub)
    if sub.profile is None:
        raise NotFoundError("no profile yet: PUT /profile first, then make a plan")
    plan = active_plan(sub.uow())
    if plan is None:
        raise NotFoundError("no active plan: make one with POST /plans")
    report = today_session(sub.uow(), sub.catalog, sub.profile, plan, on, sub.now_local())
    day = report.day
    return TodayOut(
        date=day.on,
        status=day.status,
        message=day.message,
        plan=report.plan_name,
        session=report.session_name or None,
        week=None if day.week_index is None else day.week_index + 1,
        weeks=day.weeks,
        deload=day.deload,
        next_session=(
            NextSession(date=day.next_date, day=day.next_day or "")
            if day.next_date is not None
            else None
        ),
        unit=sub.unit,
        recovery={k: round(v, 1) for k, v in report.recovery.items()},
        exercises=[_item(i, sub) for i in report.items],
    )
