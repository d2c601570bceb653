"""Coach view: a coach's lifters (and inviting one), and one lifter's week (planned against
done), recent sets and form checks, comments, and assigning a plan, each only as far as the
lifter's link permits. A lifter's ``/coach`` lists their coaches and invitations to accept,
decline or end.

Every read of a lifter's rows is preceded by :func:`spotter.services.coaching.authorize`, as the
API's routes do: a coach with no active link gets the 404 page (the lifter does not exist for
them, so nothing about the lifter shows), and a section whose permission the link lacks is not
read at all. Comments and plans go through the coaching and planning services, which record a
coach's changes as audit events the lifter can read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from spotter.access.model import LinkStatus, Permission, Principal, Role
from spotter.api.deps import RuntimeDep
from spotter.compose import Runtime, zone
from spotter.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    SpotterError,
    ValidationError,
)
from spotter.services import coaching
from spotter.web.pages.history import SetLine, line_of
from spotter.web.render import page
from spotter.web.session import Viewer, ViewerDep, Writer

if TYPE_CHECKING:
    from spotter.access.records import User
    from spotter.knowledge.catalog import Catalog
    from spotter.science.units import Unit
    from spotter.services.coaching import CommentView, LinkView
    from spotter.services.form_jobs import FormCheckView

router = APIRouter(include_in_schema=False)

#: Recent sets shown on a lifter's page (and offered as comment targets).
RECENT_SETS = 20
#: Recent form checks shown (and offered as comment targets).
RECENT_CHECKS = 10


def principal_of(who: Viewer) -> Principal:
    """The viewer as the access policy sees them (a web session: no token scopes)."""
    return Principal(who.user_id, Role(who.role))


def _coach_only(who: Viewer) -> None:
    if not who.is_coach:
        raise PermissionDeniedError(
            "the Coach pages are for coach accounts; your coach sees your training here once "
            "you accept their invitation"
        )


def _lifters(
    request: Request,
    who: Viewer,
    rt: Runtime,
    *,
    code: str | None = None,
    invited_name: str = "",
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    links = [
        link
        for link in coaching.list_links(rt.uow(), principal_of(who))
        if link.coach_uuid == who.uuid
    ]
    return page(
        request,
        "coach/index.html",
        title="Your lifters",
        status_code=status,
        active=[link for link in links if link.status is LinkStatus.ACTIVE],
        invited=[link for link in links if link.status is LinkStatus.INVITED],
        describe=describe_link,
        permissions=PERMISSIONS,
        code=code,
        invited_name=invited_name,
        error=error,
    )


#: The permissions a coach may ask for, as the invitation form offers them.
PERMISSIONS = (
    (Permission.READ_LOG, "See their log and form checks"),
    (Permission.COMMENT, "Comment"),
    (Permission.ASSIGN_PLANS, "Assign plans"),
)


@router.get("/coach", response_class=HTMLResponse)
def lifters(request: Request, who: ViewerDep, rt: RuntimeDep) -> HTMLResponse:
    """A coach's lifters (active links), the invitations still open, and inviting one more; a
    lifter's coaches and their invitations, to accept or decline."""
    if not who.is_coach:
        return _coaches(request, who, rt)
    return _lifters(request, who, rt)


def _coaches(
    request: Request, who: Viewer, rt: Runtime, *, error: str | None = None, status: int = 200
) -> HTMLResponse:
    links = [
        link
        for link in coaching.list_links(rt.uow(), principal_of(who))
        if link.lifter_uuid == who.uuid
    ]
    return page(
        request,
        "coach/coaches.html",
        title="Your coaches",
        status_code=status,
        active=[link for link in links if link.status is LinkStatus.ACTIVE],
        invited=[link for link in links if link.status is LinkStatus.INVITED],
        describe=describe_link,
        error=error,
    )


@router.post("/coach/links/{link_uuid}/{action}", response_class=HTMLResponse)
def answer(
    request: Request, link_uuid: str, action: str, who: Writer, rt: RuntimeDep
) -> Response:
    """The lifter accepts or declines an invitation; either side ends a link."""
    me, now = principal_of(who), rt.now()
    try:
        if action == "accept":
            coaching.accept(rt.uow(), me, now=now, link_uuid=link_uuid)
        elif action == "decline":
            coaching.decline(rt.uow(), me, link_uuid, now=now)
        elif action == "end":
            coaching.end_link(rt.uow(), me, link_uuid, now=now)
        else:
            raise NotFoundError(f"no action {action!r} on a link: accept, decline or end")
    except (ValidationError, ConflictError) as exc:
        page_of = _lifters if who.is_coach else _coaches
        return page_of(request, who, rt, error=str(exc), status=409)
    return RedirectResponse("/coach", status_code=303)


@router.post("/coach/invite", response_class=HTMLResponse)
async def invite(request: Request, who: Writer, rt: RuntimeDep) -> HTMLResponse:
    """Invite a lifter by username; the page shows the one-time code to pass on (once)."""
    _coach_only(who)
    form = await request.form()
    username = str(form.get("username") or "").strip()[:64]
    asked = [str(p) for p in form.getlist("permission")]
    if not asked:
        return _lifters(
            request, who, rt, status=422,
            error="No invitation sent: tick at least one thing the lifter lets you do",
        )
    try:
        made = coaching.invite(rt.uow(), principal_of(who), username, asked, now=rt.now())
    except SpotterError as exc:
        status = 404 if isinstance(exc, NotFoundError) else 422
        return _lifters(request, who, rt, error=f"No invitation sent: {exc}", status=status)
    return _lifters(request, who, rt, code=made.code, invited_name=made.link.lifter_username)


# -- one lifter ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Allowed:
    """What the coach's link to the lifter lets this page show and do."""

    read_log: bool
    comment: bool
    assign_plans: bool


def _may(rt: Runtime, who: Principal, lifter_id: int, need: Permission, *, write: bool) -> bool:
    try:
        coaching.authorize(rt.uow(), who, lifter_id, need, write)
    except PermissionDeniedError:
        return False
    return True


def _lifter(rt: Runtime, who: Viewer, lifter_uuid: str) -> tuple[User, Allowed]:
    """The lifter and what the link allows; 404 (nothing shown) without an active link."""
    from spotter.api.security import user_id_of

    _coach_only(who)
    me = principal_of(who)
    lifter_id = user_id_of(rt, lifter_uuid)
    if lifter_id == who.user_id:
        raise NotFoundError("no such user")
    # visibility first: no active link raises NotFoundError here, before anything is read
    allowed = Allowed(
        read_log=_may(rt, me, lifter_id, Permission.READ_LOG, write=False),
        comment=_may(rt, me, lifter_id, Permission.COMMENT, write=True),
        assign_plans=_may(rt, me, lifter_id, Permission.ASSIGN_PLANS, write=True),
    )
    with rt.uow(lifter_id) as uow:
        user = uow.accounts.user_by_id(lifter_id)
    assert user is not None
    return user, allowed


@dataclass(frozen=True, slots=True)
class Target:
    """Something a comment can be about: a recent set."""

    kind: str
    uuid: str
    label: str


@dataclass(frozen=True, slots=True)
class Thread:
    target: Target
    comments: tuple[CommentView, ...]


def _recent(rt: Runtime, lifter: User, unit: Unit) -> list[tuple[dt.date, SetLine]]:
    with rt.uow(lifter.id) as uow:
        sets = uow.log.sets(limit=RECENT_SETS, newest_first=True)
    catalog = rt.catalog_for(lifter.id)
    return [(s.performed_at.date(), line_of(s, unit, catalog)) for s in sets]


def _unit_of(rt: Runtime, lifter: User) -> Unit:
    from spotter.science.units import Unit, parse_unit

    with rt.uow(lifter.id) as uow:
        profile = uow.profiles.get()
    return parse_unit(profile.units) if profile is not None else Unit.KG


def _week_start(rt: Runtime, lifter: User, week: dt.date | None) -> tuple[dt.date, dt.date]:
    from spotter.services.week_review import monday_of

    try:
        today = rt.today(lifter.timezone)
    except SpotterError:
        today = rt.now().date()
    return monday_of(week or today), today


@router.get("/coach/{lifter_uuid}", response_class=HTMLResponse)
def lifter_page(
    request: Request,
    lifter_uuid: str,
    who: ViewerDep,
    rt: RuntimeDep,
    week: Annotated[str, Query(max_length=10, description="A day of the week to show.")] = "",
) -> HTMLResponse:
    """One lifter: the week, recent sets, form checks and comments, as the link permits (a
    week that is no date shows the current one)."""
    try:
        day = dt.date.fromisoformat(week) if week else None
    except ValueError:
        day = None
    return _render(request, who, rt, lifter_uuid, week=day)


def _render(
    request: Request,
    who: Viewer,
    rt: Runtime,
    lifter_uuid: str,
    *,
    week: dt.date | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    from spotter.services.planning import list_templates
    from spotter.services.week_review import review_week

    lifter, allowed = _lifter(rt, who, lifter_uuid)
    unit = _unit_of(rt, lifter)
    start, today = _week_start(rt, lifter, week)
    me = principal_of(who)
    review = recent = checks = None
    if allowed.read_log:
        catalog = rt.catalog_for(lifter.id)

        def name(slug: str) -> str:
            return catalog.get(slug).name if slug in catalog else slug

        review = review_week(rt.uow(lifter.id), start=start, today=today, name=name)
        recent = _recent(rt, lifter, unit)
        checks = _form_checks(rt, me, lifter.id)
    targets = [_target(day, line) for day, line in recent or []]
    targets += [_check_target(c, rt.catalog_for(lifter.id)) for c in checks or []]
    threads: list[Thread] = []
    if allowed.comment:
        for t in targets:
            found = coaching.list_comments(rt.uow(), me, lifter.id, t.kind, t.uuid)
            if found:
                threads.append(Thread(t, tuple(found)))
    active = None
    if allowed.assign_plans or allowed.read_log:
        with rt.uow(lifter.id) as uow:
            plan = uow.plans.active()
        active = None if plan is None else plan.name
    return page(
        request,
        "coach/lifter.html",
        title=lifter.display_name or lifter.username,
        status_code=status,
        lifter=lifter,
        allowed=allowed,
        review=review,
        recent=recent,
        checks=checks,
        check_names={t.uuid: t.label for t in targets if t.kind == "form_check"},
        threads=threads,
        targets=targets,
        templates=list(list_templates(rt.catalog_for(lifter.id)).values())
        if allowed.assign_plans
        else [],
        active_plan=active,
        start=start,
        today=today,
        previous=start - dt.timedelta(days=7),
        following=start + dt.timedelta(days=7),
        error=error,
    )


def _target(day: dt.date, line: SetLine) -> Target:
    when = f"{day:%a} {day.day} {day:%b} {line.time}"
    return Target("set", line.uuid, f"{line.name}: {line.words} ({when})")


def _check_target(check: FormCheckView, catalog: Catalog) -> Target:
    name = catalog.get(check.exercise).name if check.exercise in catalog else check.exercise
    day = check.created_at
    return Target("form_check", check.uuid, f"Form check, {name} ({day:%a} {day.day} {day:%b})")


def _form_checks(rt: Runtime, me: Principal, lifter_id: int) -> list[FormCheckView]:
    """The lifter's form checks, newest first (the video workers' service)."""
    from spotter.services import form_jobs

    return form_jobs.list_for(rt, me, lifter_id, limit=RECENT_CHECKS)


@router.post("/coach/{lifter_uuid}/comments", response_class=HTMLResponse)
def add_comment(
    request: Request,
    lifter_uuid: str,
    who: Writer,
    rt: RuntimeDep,
    target: Annotated[str, Form(max_length=80)] = "",
    body: Annotated[str, Form(max_length=coaching.MAX_COMMENT)] = "",
) -> Response:
    """Comment on one of the lifter's recent sets (``target`` is ``set:<uuid>``)."""
    lifter, allowed = _lifter(rt, who, lifter_uuid)
    if not allowed.comment:
        raise PermissionDeniedError("the lifter has not given you the 'comment' permission")
    kind, _, uuid = target.partition(":")
    try:
        coaching.add_comment(
            rt.uow(), principal_of(who), lifter.id, kind, uuid, body, now=rt.now()
        )
    except SpotterError as exc:
        if isinstance(exc, (NotFoundError, PermissionDeniedError)) and exc.field is None:
            raise
        return _render(
            request, who, rt, lifter_uuid, error=f"The comment was not saved: {exc}", status=422
        )
    return RedirectResponse(f"/coach/{lifter_uuid}#comments", status_code=303)


@router.post("/coach/{lifter_uuid}/plan", response_class=HTMLResponse)
def assign_plan(
    request: Request,
    lifter_uuid: str,
    who: Writer,
    rt: RuntimeDep,
    template: Annotated[str, Form(max_length=60)] = "",
    start: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Make the lifter a plan from a template, starting on ``start``; it becomes their active
    plan (recorded as an audit event the lifter sees)."""
    from spotter.services.planning import new_plan

    lifter, allowed = _lifter(rt, who, lifter_uuid)
    if not allowed.assign_plans:
        raise PermissionDeniedError("the lifter has not given you the 'assign_plans' permission")
    try:
        first = dt.date.fromisoformat(start) if start else rt.today(lifter.timezone)
    except ValueError:
        return _render(
            request,
            who,
            rt,
            lifter_uuid,
            error=f"The plan was not made: {start!r} is not a date (YYYY-MM-DD)",
            status=422,
        )
    with rt.uow(lifter.id) as uow:
        profile = uow.profiles.get()
    if profile is None:
        return _render(
            request,
            who,
            rt,
            lifter_uuid,
            error="The plan was not made: the lifter has no profile yet",
            status=409,
        )
    now = rt.now()
    try:
        plan = new_plan(
            rt.uow(lifter.id),
            rt.catalog_for(lifter.id),
            profile,
            start=first,
            template=template or None,
            now=now.astimezone(zone(lifter.timezone)).replace(tzinfo=None, microsecond=0),
        )
    except SpotterError as exc:
        return _render(
            request, who, rt, lifter_uuid, error=f"The plan was not made: {exc}", status=422
        )
    coaching.record_event(
        rt.uow(), principal_of(who), lifter.id, "plan.assign", f"plan:{plan.id}", now=now
    )
    return RedirectResponse(f"/coach/{lifter_uuid}#week", status_code=303)


def describe_link(link: LinkView) -> str:
    """The permissions of a link in words.

    >>> from spotter.access.model import Permission
    >>> class L: permissions = frozenset({Permission.COMMENT, Permission.READ_LOG})
    >>> describe_link(L())  # type: ignore[arg-type]
    'sees the log, comments'
    """
    words = {
        Permission.READ_LOG: "sees the log",
        Permission.ASSIGN_PLANS: "assigns plans",
        Permission.COMMENT: "comments",
    }
    return ", ".join(words[p] for p in Permission if p in link.permissions)

