"""Form check: film or pick a clip, name the exercise (and the load, to log the set), upload;
watch it queued and analysed, then read the report: the annotated video, the reps, tempo and
range, each fault in the exercise's own words with the cue that fixes it, and the estimated reps
in reserve; one tap logs the set.

Uploads, status and logging go through :mod:`spotter.services.form_jobs` (what the API's
``/api/v1/form-checks`` routes call): the clip is checked and stored before the page answers,
and the analysis runs on the job queue. While a check is queued or running its status block asks
again every 2 s (htmx) and is replaced by the report when it is done. The annotated video is
served by the API's video route. A coach linked with ``read_log`` sees a lifter's check (the
service decides); only the lifter logs the set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from spotter.access.model import Principal, Role
from spotter.api.deps import RuntimeDep
from spotter.compose import Runtime
from spotter.errors import PermissionDeniedError, RateLimitedError, SpotterError, ValidationError
from spotter.web.render import fragment, page
from spotter.web.session import Viewer, ViewerDep, Writer, lifter

if TYPE_CHECKING:
    from spotter.knowledge.catalog import Catalog
    from spotter.science.units import Unit
    from spotter.services.coaching import CommentView
    from spotter.services.form_jobs import FormCheckView

router = APIRouter(include_in_schema=False)

#: How often a page showing a check that is not finished asks again, in seconds.
POLL_SECONDS = 2
#: What the form page says after a check was deleted.
DELETED = "The check was deleted, with its video and its comments. A set you logged from it stays in your log."
#: Names of the motion families, as the exercise list groups them.
FAMILIES = {
    "squat": "Squats",
    "lunge": "Lunges and split squats",
    "hinge": "Hinges",
    "press": "Presses",
    "push-up": "Push-ups",
    "row": "Rows",
    "pulldown": "Pulldowns",
    "pull-up": "Pull-ups",
    "curl": "Curls",
    "raise": "Raises",
}


def _me(who: Viewer) -> Principal:
    return Principal(who.user_id, Role(who.role))


def load_text(text: str, unit: Unit) -> str | None:
    """The load as typed, a bare number read in the lifter's unit (None when empty).

    >>> load_text("100", "kg"), load_text(" 82,5 ", "lb"), load_text("bw+10kg", "kg"), load_text("", "kg")
    ('100kg', '82.5lb', 'bw+10kg', None)
    """
    value = text.strip()
    if not value:
        return None
    if re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", value):
        return value.replace(",", ".") + unit
    return value


@dataclass(frozen=True, slots=True)
class Option:
    slug: str
    name: str


def exercise_groups(catalog: Catalog) -> list[tuple[str, list[Option]]]:
    """The exercises the camera checks with their own rules, grouped by movement, by name."""
    groups: dict[str, list[Option]] = {}
    for ex in catalog:
        family = ex.facts.motion_family
        if family in FAMILIES:
            groups.setdefault(family, []).append(Option(ex.slug, ex.name))
    return [
        (FAMILIES[f], sorted(groups[f], key=lambda o: o.name)) for f in FAMILIES if f in groups
    ]


# -- the report ----------------------------------------------------------------------------------


def half(seconds: float | None) -> str:
    """Seconds to the nearest half, as tempo is written ("-" when unknown).

    >>> half(2.6), half(0.2), half(1.24), half(None)
    ('2.5', '0', '1', '-')
    """
    if seconds is None:
        return "-"
    return f"{round(seconds * 2) / 2:g}"


@dataclass(frozen=True, slots=True)
class FaultLine:
    name: str
    fix: str
    reps: str


@dataclass(frozen=True, slots=True)
class RepLine:
    rep: int
    concentric: str
    eccentric: str
    range: str
    note: str


@dataclass(frozen=True, slots=True)
class SetReport:
    """One set of the clip as the page shows it."""

    number: int
    reps: int
    partial: int
    seconds: str
    view: str
    tempo: str
    under_tension: str
    criterion: str | None
    rir: str | None
    velocity_loss: str | None
    warnings: tuple[str, ...]
    faults: tuple[FaultLine, ...]
    per_rep: tuple[RepLine, ...]


@dataclass(frozen=True, slots=True)
class Report:
    reps: int
    seconds: str
    notes: tuple[str, ...]
    sets: tuple[SetReport, ...]


def _reps_text(reps: list[int]) -> str:
    """
    >>> _reps_text([2]), _reps_text([1, 3, 4])
    ('rep 2', 'reps 1, 3, 4')
    """
    return ("rep " if len(reps) == 1 else "reps ") + ", ".join(str(r) for r in reps)


def _set_report(number: int, check: dict[str, Any]) -> SetReport:
    tempo = check.get("tempo") or []
    faults = tuple(
        FaultLine(str(f["name"]), str(f["fix"]), _reps_text(list(f.get("reps") or [])))
        for f in check.get("faults") or []
    )
    on_rep: dict[int, list[str]] = {}
    for f in check.get("faults") or []:
        for r in f.get("reps") or []:
            on_rep.setdefault(int(r), []).append(str(f["name"]))
    rir = check.get("reps_in_reserve")
    loss = check.get("velocity_loss")
    return SetReport(
        number=number,
        reps=int(check.get("reps") or 0),
        partial=int(check.get("partial_reps") or 0),
        seconds=f"{float(check.get('duration_s') or 0):.1f}",
        view=str(check.get("view") or ""),
        tempo="-".join(half(x) for x in tempo) if len(tempo) == 4 else "",
        under_tension=f"{float(check.get('time_under_tension_s') or 0):.1f}",
        criterion=check.get("criterion"),
        rir=None if rir is None else f"{rir:.0f}",
        velocity_loss=None if loss is None else f"{loss * 100:.0f} %",
        warnings=tuple(str(w) for w in check.get("warnings") or []),
        faults=faults,
        per_rep=tuple(
            RepLine(
                rep=int(r["rep"]),
                concentric=_secs(r.get("concentric_s")),
                eccentric=_secs(r.get("eccentric_s")),
                range=f"{float(r.get('range_of_motion') or 0) * 100:.0f} %",
                note=", ".join(on_rep.get(int(r["rep"]), []))
                or ("partial" if r.get("partial") else ""),
            )
            for r in check.get("per_rep") or []
        ),
    )


def _secs(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def report_of(data: dict[str, Any]) -> Report:
    """The page's reading of a check's report (the ``FormCheck`` as data)."""
    sets = tuple(
        _set_report(int(s.get("set") or i), s["check"])
        for i, s in enumerate(data.get("sets") or [], 1)
    )
    return Report(
        reps=int(data.get("reps") or 0),
        seconds=f"{float(data.get('duration_s') or 0):.1f}",
        notes=tuple(str(n) for n in (*(data.get("input_notes") or ()), *(data.get("notes") or ()))),
        sets=sets,
    )


@dataclass(frozen=True, slots=True)
class CheckPage:
    """A check as its page shows it."""

    view: FormCheckView
    exercise: str
    report: Report | None
    mine: bool
    polling: bool


def check_page(rt: Runtime, who: Viewer, view: FormCheckView) -> CheckPage:
    catalog = rt.catalog_for(who.user_id) if view.user_uuid == who.uuid else rt.base_catalog
    name = catalog.get(view.exercise).name if view.exercise in catalog else view.exercise
    return CheckPage(
        view=view,
        exercise=name,
        report=None if view.report is None else report_of(view.report),
        mine=view.user_uuid == who.uuid,
        polling=view.status in ("queued", "running"),
    )


# -- the pages -----------------------------------------------------------------------------------


def _upload_page(
    request: Request,
    who: Viewer,
    rt: Runtime,
    *,
    error: str | None = None,
    status: int = 200,
    chosen: str = "",
    load: str = "",
    reps: str = "",
    notice: str | None = None,
) -> HTMLResponse:
    from spotter.services import form_jobs

    checks = form_jobs.list_for(rt, _me(who), who.user_id, limit=20)
    catalog = rt.catalog_for(who.user_id)
    return page(
        request,
        "form/index.html",
        title="Form check",
        status_code=status,
        groups=exercise_groups(catalog),
        checks=[check_page(rt, who, c) for c in checks],
        error=error,
        chosen=chosen,
        load=load,
        reps=reps,
        notice=notice,
    )


@router.get("/form", response_class=HTMLResponse)
def form_page(request: Request, who: ViewerDep, rt: RuntimeDep) -> HTMLResponse:
    """Film or pick a clip and upload it; the lifter's recent checks below. A coach is sent to
    their lifters' checks; a lifter without a profile to onboarding first."""
    if who.is_coach:
        return page(request, "form/coach.html", title="Form check")
    notice = DELETED if request.query_params.get("deleted") else None
    return _upload_page(request, lifter(who), rt, notice=notice)  # no profile: onboarding first


@router.post("/form", response_class=HTMLResponse)
def upload(
    request: Request,
    who: Writer,
    rt: RuntimeDep,
    clip: UploadFile | None = None,
    exercise: Annotated[str, Form(max_length=200)] = "",
    load: Annotated[str, Form(max_length=32)] = "",
    reps: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Check and store the clip, queue its analysis and go to its page."""
    from spotter.services import form_jobs

    again = {"chosen": exercise, "load": load, "reps": reps}
    if clip is None or not clip.filename:
        return _upload_page(
            request, who, rt, error="Choose or film a clip first.", status=422, **again
        )
    try:
        count = int(reps) if reps.strip() else None
    except ValueError:
        return _upload_page(
            request, who, rt, error=f"reps: {reps!r} is not a whole number", status=422, **again
        )
    try:
        made = form_jobs.submit(
            rt,
            _me(who),
            data=clip.file,
            filename=clip.filename or "",
            content_type=clip.content_type,
            exercise=exercise,
            load=load_text(load, who.unit),
            reps=count,
        )
    except RateLimitedError as exc:
        return _upload_page(request, who, rt, error=str(exc), status=429, **again)
    except ValidationError as exc:
        return _upload_page(request, who, rt, error=str(exc), status=422, **again)
    return RedirectResponse(f"/form/{made.uuid}", status_code=303)


def _comments(rt: Runtime, who: Viewer, view: FormCheckView) -> list[CommentView] | None:
    """The comments on the check, oldest first; None for a reader who may not comment (a coach
    without the ``comment`` permission)."""
    from spotter.api.security import user_id_of
    from spotter.services import coaching

    owner = who.user_id if view.user_uuid == who.uuid else user_id_of(rt, view.user_uuid)
    try:
        return coaching.list_comments(rt.uow(), _me(who), owner, "form_check", view.uuid)
    except PermissionDeniedError:
        return None


def _check_response(
    request: Request,
    who: Viewer,
    rt: Runtime,
    view: FormCheckView,
    *,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    shown = check_page(rt, who, view)
    return page(
        request,
        "form/check.html",
        title=f"Form check: {shown.exercise}",
        status_code=status,
        check=shown,
        poll=POLL_SECONDS,
        comments=_comments(rt, who, view),
        error=error,
    )


@router.get("/form/{check_uuid}", response_class=HTMLResponse)
def check(request: Request, check_uuid: str, who: ViewerDep, rt: RuntimeDep) -> HTMLResponse:
    """One check: where it stands, or its report, and the comments on it."""
    from spotter.services import form_jobs

    return _check_response(request, who, rt, form_jobs.get(rt, _me(who), check_uuid))


@router.post("/form/{check_uuid}/comments", response_class=HTMLResponse)
def comment(
    request: Request,
    check_uuid: str,
    who: Writer,
    rt: RuntimeDep,
    body: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Comment on the check: the lifter, or their coach with the ``comment`` permission."""
    from spotter.api.security import user_id_of
    from spotter.services import coaching, form_jobs

    view = form_jobs.get(rt, _me(who), check_uuid)
    owner = who.user_id if view.user_uuid == who.uuid else user_id_of(rt, view.user_uuid)
    try:
        coaching.add_comment(
            rt.uow(), _me(who), owner, "form_check", view.uuid, body, now=rt.now()
        )
    except ValidationError as exc:
        return _check_response(
            request, who, rt, view, error=f"The comment was not saved: {exc}", status=422
        )
    return RedirectResponse(f"/form/{view.uuid}#comments", status_code=303)


@router.get("/form/{check_uuid}/status", response_class=HTMLResponse)
def status(request: Request, check_uuid: str, who: ViewerDep, rt: RuntimeDep) -> HTMLResponse:
    """The status block alone (what the page's polling swaps in)."""
    from spotter.services import form_jobs

    view = form_jobs.get(rt, _me(who), check_uuid)
    return fragment(
        request, "form/_status.html", check=check_page(rt, who, view), poll=POLL_SECONDS
    )


@router.post("/form/{check_uuid}/confirm", response_class=HTMLResponse)
def confirm(
    request: Request,
    check_uuid: str,
    who: Writer,
    rt: RuntimeDep,
    load: Annotated[str, Form(max_length=32)] = "",
    reps: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Log the set the check shows (once; a second tap logs nothing more)."""
    from spotter.services import form_jobs

    try:
        count = int(reps) if reps.strip() else None
        form_jobs.confirm(rt, _me(who), check_uuid, load_text(load, who.unit), count)
    except ValueError as exc:
        if isinstance(exc, SpotterError):
            message = str(exc)
        else:
            message = f"reps: {reps!r} is not a whole number"
        view = form_jobs.get(rt, _me(who), check_uuid)
        return _check_response(request, who, rt, view, error=message, status=422)
    return RedirectResponse(f"/form/{check_uuid}#logged", status_code=303)


@router.post("/form/{check_uuid}/delete", response_class=HTMLResponse)
def delete(check_uuid: str, who: Writer, rt: RuntimeDep) -> Response:
    """Delete the check (the lifter only): its report, comments, annotated video and, unless
    another check uses the same file, the clip; a set logged from it stays in the log."""
    from spotter.services import form_jobs

    form_jobs.delete(rt, _me(who), check_uuid)
    return RedirectResponse("/form?deleted=1", status_code=303)
