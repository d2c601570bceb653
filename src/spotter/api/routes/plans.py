"""Training plans: new (from the profile or a template), list, show, explain, review, export as
iCalendar or JSON, and which one is active. A linked coach with ``assign_plans`` may make and
assign a lifter's plans."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Path, Query, Response, status

from spotter.api import queries
from spotter.api.schemas.plans import (
    ExerciseWhy,
    ExplainOut,
    NewPlanOut,
    PlaneOut,
    PlanIn,
    PlanOut,
    PlanSummary,
    ReviewOut,
    RowVolumeOut,
    SessionOut,
    SlotOut,
    TemplateOut,
)
from spotter.api.subject import Planner, Reader, Subject
from spotter.errors import NotFoundError, SpotterError, ValidationError

if TYPE_CHECKING:
    from spotter.planning.model.review import PlanReview
    from spotter.planning.model.stored import StoredPlan
    from spotter.profile import Profile

router = APIRouter(prefix="/users/{user}/plans", tags=["plans"])

PlanRef = Annotated[
    str,
    Path(
        pattern=r"^(active|[0-9]{1,9})$",  # ids are 32-bit on PostgreSQL
        description="`active`, or a plan's id from the list.",
    ),
]


def _summary_fields(plan: StoredPlan, sub: Subject) -> dict[str, object]:
    return {
        "id": plan.id,
        "name": plan.name,
        "template": plan.template,
        "created_at": sub.from_store(plan.created_at),
        "start_date": plan.start_date,
        "weeks": plan.weeks,
        "active": plan.active,
        "warnings": list(plan.warnings),
    }


def _roles(plan: StoredPlan, sub: Subject) -> dict[str, str]:
    from spotter.services.planning import PlanInputError, plan_roles

    if sub.profile is None:
        return {}
    try:
        return plan_roles(plan, sub.catalog, sub.profile)
    except PlanInputError:
        return {}


def plan_out(plan: StoredPlan, sub: Subject, *, week: int | None = None) -> PlanOut:
    cat = sub.catalog
    roles = _roles(plan, sub)

    def name(slug: str) -> str:
        return cat.get(slug).name if slug in cat else slug

    sessions = [p for p in plan.sessions() if week is None or p.week == week]
    return PlanOut(
        **_summary_fields(plan, sub),
        emphasis=list(plan.emphasis),
        avoid=list(plan.avoid),
        favourites=list(plan.favourites),
        fill=plan.fill,
        imported=plan.imported,
        sessions=[
            SessionOut(
                date=p.date,
                day=p.session.day,
                week=p.week,
                name=p.name,
                deload=p.deload,
                slots=[
                    SlotOut(
                        exercise=s.exercise,
                        name=name(s.exercise),
                        role=roles.get(s.exercise),
                        sets=s.sets,
                        rep_low=s.rep_low,
                        rep_high=s.rep_high,
                        rir=s.rir,
                        rest_seconds=s.rest_seconds,
                        rule=s.rule,
                    )
                    for s in p.session.slots
                ],
            )
            for p in sessions
        ],
    )


def review_out(review: PlanReview) -> ReviewOut:
    """The review as the command line's ``plan review --format json`` prints it (the same
    :class:`~spotter.services.plan_views.ReviewView`)."""
    from spotter.services.plan_views import ReviewView
    from spotter.services.results import to_data

    return ReviewOut.model_validate(to_data(ReviewView.of(review)))


def _review(plan: StoredPlan, sub: Subject, profile: Profile) -> ReviewOut:
    from spotter.services.planning import review_plan

    with sub.uow() as uow:
        return review_out(review_plan(plan, sub.catalog, profile, log=uow.log))


def _plan(sub: Subject, ref: str) -> StoredPlan:
    with sub.uow() as uow:
        plan = uow.plans.active() if ref == "active" else uow.plans.get(int(ref))
    if plan is None:
        raise NotFoundError(
            "no active plan: make one with POST plans" if ref == "active" else f"no plan {ref}",
            field="path.plan",
        )
    return plan


def _profile(sub: Subject) -> Profile:
    if sub.profile is None:
        raise NotFoundError("no profile yet: PUT the profile first")
    return sub.profile


@router.get("/templates", summary="The plan templates")
def templates(sub: Reader) -> list[TemplateOut]:
    from spotter.services.planning import list_templates

    return [
        TemplateOut(
            name=t.name,
            title=t.title,
            description=t.description,
            days=t.days,
            goal=t.goal,
            experience=t.experience,
            minutes=t.minutes,
            weeks=t.weeks,
        )
        for t in list_templates(sub.catalog).values()
    ]


@router.get("", summary="Every plan, oldest first")
def list_plans(sub: Reader) -> list[PlanSummary]:
    with sub.uow() as uow:
        plans = uow.plans.all()
    return [PlanSummary(**_summary_fields(p, sub)) for p in plans]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Make a new plan (it becomes active)")
def new_plan(body: PlanIn, sub: Planner) -> NewPlanOut:
    """Build a mesocycle from the lifter's profile (the optimiser) or from a template, save it as
    the active plan, and review it against the plan rubric."""
    from spotter.services.planning import new_plan as svc_new

    profile = _profile(sub)
    try:
        plan = svc_new(
            sub.uow(),
            sub.catalog,
            profile,
            start=body.start or sub.today(),
            weeks=body.weeks,
            template=body.template,
            fill=body.fill,
            emphasis=body.emphasis,
            avoid=body.avoid,
            favourites=body.favourites,
            now=sub.now_local(),
            imported=body.imported,
        )
    except SpotterError as exc:
        from spotter.planning.model.request import PlanInfeasibleError

        if isinstance(exc, PlanInfeasibleError):
            raise
        text = str(exc).lower()
        field = next(
            (f for f in ("template", "emphasis", "avoid", "favourite", "weeks", "start") if f in text),
            None,
        )
        if field is None:
            raise
        raise ValidationError(
            str(exc), field=f"body.{'favourites' if field == 'favourite' else field}"
        ) from None
    return NewPlanOut(plan=plan_out(plan, sub), review=_review(plan, sub, profile))


@router.get("/{plan}", summary="A plan with its sessions")
def show_plan(
    plan: PlanRef,
    sub: Reader,
    week: Annotated[int | None, Query(ge=1, le=52, description="Only this week.")] = None,
) -> PlanOut:
    found = _plan(sub, plan)
    if week is not None and week > found.weeks:
        raise ValidationError(f"the plan has weeks 1-{found.weeks}", field="query.week")
    return plan_out(found, sub, week=week)


@router.post("/{plan}/activate", summary="Make a plan the active one")
def activate(plan: PlanRef, sub: Planner) -> PlanSummary:
    """Assign a saved plan: `today` follows the active plan."""
    found = _plan(sub, plan)
    with sub.uow() as uow:
        queries.activate_plan(uow.connection, sub.user_id, found.id)
        uow.commit()
        stored = uow.plans.get(found.id)
    assert stored is not None
    return PlanSummary(**_summary_fields(stored, sub))


@router.get("/{plan}/explain", summary="Why the plan looks as it does")
def explain(plan: PlanRef, sub: Reader) -> ExplainOut:
    """Weekly sets per muscle group against the targets, pull/push and knee/hip balance, why each
    exercise is there (peak week), and the plan rubric's review."""
    from spotter.services.planning import PlanInputError, explain_plan

    found = _plan(sub, plan)
    profile = _profile(sub)
    try:
        x = explain_plan(found, sub.catalog, profile)
    except PlanInputError as exc:
        raise ValidationError(str(exc), field="path.plan") from None
    return ExplainOut(
        rows=[
            RowVolumeOut(
                row=r.row, sets=r.sets, low=r.low, high=r.high, emphasised=r.emphasised,
                status=r.status,
            )
            for r in x.rows
        ],
        planes=[
            PlaneOut(plane=p.plane, pull=p.pull, push=p.push, ratio=p.ratio, ok=p.ok)
            for p in x.planes
        ],
        knee_sets=x.knee_sets,
        hip_sets=x.hip_sets,
        exercises=[
            ExerciseWhy(
                exercise=e.exercise,
                days=list(e.days),
                sets=e.sets,
                primary_rows=list(e.primary_rows),
                secondary_rows=list(e.secondary_rows),
                reasons=list(e.reasons),
            )
            for e in x.exercises
        ],
        review=_review(found, sub, profile),
    )


@router.get("/{plan}/review", summary="The plan rubric's review")
def review(plan: PlanRef, sub: Reader) -> ReviewOut:
    found = _plan(sub, plan)
    try:
        return _review(found, sub, _profile(sub))
    except ValueError as exc:
        raise ValidationError(str(exc), field="path.plan") from None


@router.get(
    "/{plan}/export.ics",
    summary="The plan as an iCalendar file",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "One event per session."}},
)
def export_ics(
    plan: PlanRef,
    sub: Reader,
    time: Annotated[
        dt.time, Query(description="Start time of each session, the lifter's local time.")
    ] = dt.time(18, 0),
) -> Response:
    from spotter.interchange.ics import plan_to_ics
    from spotter.planning.model.volume import facts_of

    found = _plan(sub, plan)
    facts = facts_of(sub.catalog.all())
    missing = sorted(
        {x.exercise for w in found.mesocycle.weeks for s in w.sessions for x in s.slots} - set(facts)
    )
    if missing:
        raise ValidationError(
            f"the plan uses exercises no longer in the catalog: {', '.join(missing)}", field="plan"
        )
    names = {ex.slug: ex.name for ex in sub.catalog}
    text = plan_to_ics(found, facts, names, at=time.replace(tzinfo=None))
    return Response(
        text,
        media_type="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="plan-{found.id}.ics"'},
    )


@router.get("/{plan}/export.json", summary="The plan as a JSON file")
def export_json(plan: PlanRef, sub: Reader, response: Response) -> PlanOut:
    found = _plan(sub, plan)
    response.headers["Content-Disposition"] = f'attachment; filename="plan-{found.id}.json"'
    return plan_out(found, sub)
