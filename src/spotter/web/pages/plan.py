"""Plan: make a plan from the profile (the optimiser) or a template, see its weeks day by day
(sets x reps, effort, rest, the load rule), the plan rubric's review and the explanation, export
it as a calendar file and choose which plan is active.

Everything goes through the services the CLI's ``spotter plan`` commands use
(:mod:`spotter.services.planning`) and the calendar writer of ``plan export``
(:func:`spotter.interchange.ics.plan_to_ics`). Plans are the signed-in lifter's own: another
lifter's plan id is a 404, as the API answers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from spotter.api.deps import RuntimeDep
from spotter.compose import Runtime
from spotter.errors import SpotterError
from spotter.web.pages.learn import profile_of
from spotter.web.render import page
from spotter.web.session import Lifter, Viewer, Writer

if TYPE_CHECKING:
    from spotter.knowledge.catalog import Catalog
    from spotter.planning.model.program import Slot
    from spotter.planning.model.rationale import WeekExplanation
    from spotter.planning.model.review import PlanReview
    from spotter.planning.model.stored import PlannedSession, StoredPlan
    from spotter.profile import Profile

router = APIRouter(include_in_schema=False)

#: Largest plan id (ids are 32-bit on PostgreSQL); anything else names no plan.
MAX_ID = 2**31 - 1


def whole(text: str, digits: int = 10) -> int | None:
    """A whole number written in ASCII digits (at most ``digits``), else None.

    >>> whole("12"), whole("²"), whole("-1"), whole("1" * 11)
    (12, None, None, None)
    """
    return int(text) if re.fullmatch(f"[0-9]{{1,{digits}}}", text) else None


def _plan_id(text: str) -> int | None:
    """A plan id from a path segment, or None when it cannot be one."""
    n = whole(text)
    return n if n is not None and 1 <= n <= MAX_ID else None


def find_plan(rt: Runtime, user_id: int, ref: str) -> StoredPlan | None:
    """The lifter's plan ``ref`` (an id, or ``active``); None for anyone else's or none."""
    with rt.uow(user_id) as uow:
        if ref == "active":
            return uow.plans.active()
        n = _plan_id(ref)
        return None if n is None else uow.plans.get(n)


def _not_found(request: Request, what: str) -> Response:
    return page(request, "plan/missing.html", title="No such plan", status_code=404, what=what)


@dataclass(frozen=True, slots=True)
class SlotView:
    slug: str
    name: str
    role: str
    sets: int
    reps: str
    measure: str
    rir: int
    rest_seconds: int
    rule: str
    rule_words: str


@dataclass(frozen=True, slots=True)
class DayView:
    date: dt.date
    name: str
    deload: bool
    today: bool
    slots: tuple[SlotView, ...]


@dataclass(frozen=True, slots=True)
class PlanPage:
    plan: StoredPlan
    week: int
    weeks: tuple[int, ...]
    deload_week: bool
    peak_week: bool
    days: tuple[DayView, ...]
    review: PlanReview | None
    explanation: WeekExplanation | None
    #: Why the review or the explanation is missing (no profile, exercises gone...).
    problem: str | None


#: How the week table names an exercise's role.
ROLE_LABELS = {
    "main": "main lift",
    "secondary": "compound",
    "accessory": "accessory",
    "trunk": "trunk",
    "carry": "carry",
}


def current_week(plan: StoredPlan, today: dt.date) -> int:
    """The plan's week holding ``today`` (the first before it starts, the last after it ends).

    A 6-week plan from Monday 2026-11-16 is in week 2 on 2026-11-25.
    """
    if today < plan.start_date:
        return 1
    return min(plan.weeks, (today - plan.start_date).days // 7 + 1)


def _reps(slot: Slot) -> str:
    return str(slot.rep_low) if slot.rep_low == slot.rep_high else f"{slot.rep_low}-{slot.rep_high}"


def _slot_view(
    slot: Slot, catalog: Catalog, roles: dict[str, str], profile: Profile | None
) -> SlotView:
    from spotter.planning.model.progression import RULES, role_rule

    known = slot.exercise in catalog
    ex = catalog.get(slot.exercise) if known else None
    role = roles.get(slot.exercise, "")
    rule = slot.rule
    if rule is None and ex is not None and profile is not None:
        rule = role_rule(ex.facts, role or "accessory", profile.experience)
    return SlotView(
        slug=slot.exercise,
        name=ex.name if ex is not None else slot.exercise,
        role=ROLE_LABELS.get(role, role),
        sets=slot.sets,
        reps=_reps(slot),
        measure=ex.facts.measure if ex is not None else "reps",
        rir=slot.rir,
        rest_seconds=slot.rest_seconds,
        rule=rule or "auto",
        rule_words=RULES.get(rule or "", "chosen from the exercise's role and your experience"),
    )


def _day_view(
    p: PlannedSession,
    catalog: Catalog,
    roles: dict[str, str],
    profile: Profile | None,
    today: dt.date,
) -> DayView:
    return DayView(
        date=p.date,
        name=p.name,
        deload=p.deload,
        today=p.date == today,
        slots=tuple(_slot_view(s, catalog, roles, profile) for s in p.session.slots),
    )


def plan_page(
    rt: Runtime,
    user_id: int,
    plan: StoredPlan,
    catalog: Catalog,
    profile: Profile | None,
    *,
    week: int,
    today: dt.date,
) -> PlanPage:
    """Week ``week`` of ``plan`` day by day, with the rubric's review and the explanation of the
    peak week (both need the profile)."""
    from spotter.services.planning import explain_plan, plan_roles, review_plan

    roles: dict[str, str] = {}
    review = explanation = None
    problem = None
    if profile is None:
        problem = "Answer the profile questions first: the review is against your profile."
    else:
        try:
            roles = plan_roles(plan, catalog, profile)
            explanation = explain_plan(plan, catalog, profile)
            with rt.uow(user_id) as uow:
                review = review_plan(plan, catalog, profile, log=uow.log)
        except (SpotterError, ValueError) as exc:
            problem = str(exc)
    days = tuple(
        _day_view(p, catalog, roles, profile, today) for p in plan.sessions() if p.week == week
    )
    return PlanPage(
        plan=plan,
        week=week,
        weeks=tuple(range(1, plan.weeks + 1)),
        deload_week=bool(days) and days[0].deload,
        peak_week=week == plan.weeks - 1,
        days=days,
        review=review,
        explanation=explanation,
        problem=problem,
    )


def _show(request: Request, rt: Runtime, who: Viewer, plan: StoredPlan, week: str) -> Response:
    today = rt.today(who.timezone)
    n = whole(week, 3)
    chosen = n if n is not None and 1 <= n <= plan.weeks else current_week(plan, today)
    catalog = rt.catalog_for(who.user_id)
    profile = profile_of(rt, who.user_id)
    view = plan_page(rt, who.user_id, plan, catalog, profile, week=chosen, today=today)
    with rt.uow(who.user_id) as uow:
        plans = uow.plans.all()
    names = {ex.slug: ex.name for ex in catalog}
    return page(
        request, "plan/show.html", title=plan.name, view=view, plans=plans, names=names
    )


@router.get("/plan", response_class=HTMLResponse)
def active(request: Request, rt: RuntimeDep, who: Lifter, week: str = "") -> Response:
    """The active plan; without one, the form to make a plan."""
    plan = find_plan(rt, who.user_id, "active")
    if plan is None:
        return _new_form(request, rt, who)
    return _show(request, rt, who, plan, week)


@router.get("/plan/new", response_class=HTMLResponse)
def new_form(request: Request, rt: RuntimeDep, who: Lifter) -> Response:
    """The form to make a plan."""
    return _new_form(request, rt, who)


def _new_form(
    request: Request,
    rt: Runtime,
    who: Viewer,
    *,
    error: str | None = None,
    chosen: str = "",
    start: str = "",
    weeks: str = "",
) -> Response:
    from spotter.services.planning import MAX_WEEKS, MIN_WEEKS, list_templates

    catalog = rt.catalog_for(who.user_id)
    with rt.uow(who.user_id) as uow:
        plans = uow.plans.all()
    return page(
        request,
        "plan/new.html",
        title="New plan",
        templates=list(list_templates(catalog).values()),
        profile=profile_of(rt, who.user_id),
        plans=plans,
        error=error,
        chosen=chosen,
        start=start or rt.today(who.timezone).isoformat(),
        weeks=weeks,
        min_weeks=MIN_WEEKS,
        max_weeks=MAX_WEEKS,
        status_code=422 if error is not None else 200,
    )


@router.post("/plan/new")
def create(
    request: Request,
    rt: RuntimeDep,
    who: Writer,
    source: Annotated[str, Form()] = "",
    start: Annotated[str, Form()] = "",
    weeks: Annotated[str, Form()] = "",
) -> Response:
    """Make a plan from the profile (``source`` empty or ``profile``) or the template named in
    ``source``; it becomes the active plan. A bad input re-shows the form saying what was wrong,
    and nothing is saved."""
    from spotter.science.limits import QUERY_HORIZON, check_date
    from spotter.services.planning import MAX_WEEKS, MIN_WEEKS, new_plan

    source, start, weeks = source.strip()[:80], start.strip()[:40], weeks.strip()[:10]

    def again(message: str) -> Response:
        return _new_form(
            request, rt, who, error=message, chosen=source, start=start, weeks=weeks
        )

    today = rt.today(who.timezone)
    try:
        day = dt.date.fromisoformat(start) if start else today
    except ValueError:
        return again(f"Start date: {start!r} is not a date; expected YYYY-MM-DD.")
    late = check_date(day, today=today, field="Start date", ahead=QUERY_HORIZON)
    if late:
        return again(f"{late[0]}.")
    n: int | None = None
    if weeks:
        n = whole(weeks)
        if n is None:
            return again(f"Weeks: {weeks!r} is not a whole number.")
        if not MIN_WEEKS <= n <= MAX_WEEKS:
            return again(f"Weeks: a plan has {MIN_WEEKS}-{MAX_WEEKS} weeks (the last is a deload).")
    profile = profile_of(rt, who.user_id)
    if profile is None:
        return again("Answer the profile questions first: a plan is built for your profile.")
    template = None if source in ("", "profile") else source
    try:
        plan = new_plan(
            rt.uow(who.user_id),
            rt.catalog_for(who.user_id),
            profile,
            start=day,
            weeks=n,
            template=template,
            now=rt.now().astimezone(_zone(who.timezone)).replace(tzinfo=None, microsecond=0),
        )
    except SpotterError as exc:
        return again(str(exc))
    return RedirectResponse(f"/plan/{plan.id}", status_code=303)


def _zone(name: str) -> dt.tzinfo:
    from spotter.compose import zone

    return zone(name)


@router.get("/plan/{ref}", response_class=HTMLResponse)
def show(ref: str, request: Request, rt: RuntimeDep, who: Lifter, week: str = "") -> Response:
    """One of the lifter's plans, week by week."""
    plan = find_plan(rt, who.user_id, ref)
    if plan is None:
        return _not_found(request, ref)
    return _show(request, rt, who, plan, week)


@router.post("/plan/{ref}/activate")
def activate(ref: str, request: Request, rt: RuntimeDep, who: Writer) -> Response:
    """Make the plan the active one (Today follows it)."""
    from spotter.api.queries import activate_plan

    plan = find_plan(rt, who.user_id, ref)
    if plan is None:
        return _not_found(request, ref)
    with rt.uow(who.user_id) as uow:
        activate_plan(uow.connection, who.user_id, plan.id)
        uow.commit()
    return RedirectResponse(f"/plan/{plan.id}", status_code=303)


@router.get("/plan/{ref}/export.ics")
def export_ics(
    ref: str, request: Request, rt: RuntimeDep, who: Lifter, time: str = "18:00"
) -> Response:
    """The plan as an iCalendar file, one event per session at ``time`` (the lifter's clock)."""
    from spotter.interchange.ics import plan_to_ics
    from spotter.planning.model.volume import facts_of

    plan = find_plan(rt, who.user_id, ref)
    if plan is None:
        return _not_found(request, ref)
    try:
        at = dt.time.fromisoformat(time)
    except ValueError:
        return page(
            request,
            "plan/missing.html",
            title="Cannot export",
            status_code=422,
            what=ref,
            problem=f"the session time {time!r} is not a clock time; expected HH:MM, e.g. 18:00",
        )
    catalog = rt.catalog_for(who.user_id)
    facts = facts_of(catalog.all())
    missing = sorted(
        {x.exercise for w in plan.mesocycle.weeks for s in w.sessions for x in s.slots}
        - set(facts)
    )
    if missing:
        return page(
            request,
            "plan/missing.html",
            title="Cannot export",
            status_code=422,
            what=ref,
            problem="the plan uses exercises no longer in the catalog: " + ", ".join(missing),
        )
    names = {ex.slug: ex.name for ex in catalog}
    text = plan_to_ics(plan, facts, names, at=at.replace(tzinfo=None, second=0, microsecond=0))
    return Response(
        text,
        media_type="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="plan-{plan.id}.ics"'},
    )
