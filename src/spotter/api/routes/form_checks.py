"""Form checks: upload a clip (202, analysed in the background), follow it, see the report and
the annotated video, log the set, delete the check. The lists (the caller's own, and a
lifter's for a coach linked with ``read_log``) page newest first by opaque cursor, like the
log's; comments on a check use the comment routes with ``target_kind=form_check``.

On the embedded SQLite database the server analyses clips itself in a background thread (started
with the app; checks left unfinished by a stopped server are taken up at its start); on
PostgreSQL ``spotter worker`` processes do (:mod:`spotter.jobs`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, FastAPI, File, Form, Query, Response, UploadFile, status
from fastapi.responses import FileResponse
from pydantic import Field

from spotter.access.model import Permission, Principal
from spotter.api.deps import RuntimeDep
from spotter.api.pagination import Cursor
from spotter.api.schemas.common import In, Out, Page
from spotter.api.security import Access, CurrentPrincipal, WritingPrincipal, access
from spotter.errors import NotFoundError, SpotterError, ValidationError
from spotter.services import form_jobs
from spotter.services.form_jobs import FormCheckView


@asynccontextmanager
async def _queue(app: FastAPI) -> AsyncIterator[None]:
    """Start the in-process analysis queue with the app (SQLite) and stop it at shutdown."""
    from spotter.jobs import queue

    rt = app.state.runtime
    with suppress(SpotterError):  # an unusable database: the requests that need it say so
        queue.start(rt)
    try:
        yield
    finally:
        queue.stop(rt)


router = APIRouter(tags=["form checks"], lifespan=_queue)

_CHECK = "/form-checks/{check}"


class FormCheckOut(Out):
    uuid: str
    user_uuid: str
    exercise: str = Field(description="The exercise's slug.")
    status: str = Field(description="queued, running, done or failed.")
    reason: str | None = Field(description="Why the check failed (status failed).")
    created_at: dt.datetime
    finished_at: dt.datetime | None
    report: dict[str, Any] | None = Field(
        description="Once done: the sets found, each with reps, phases and tempo, range of "
        "motion, faults with the exercise's cues, and the reps-in-reserve estimate."
    )
    video_url: str | None = Field(description="The annotated video, once done.")
    logged_set_uuid: str | None = Field(description="The set logged from this check.")
    load: str | None = Field(description="The load to log, as given at upload.")
    reps: int | None = Field(description="The reps given at upload (null: the counted ones).")

    @classmethod
    def of(cls, v: FormCheckView) -> FormCheckOut:
        return cls(
            uuid=v.uuid,
            user_uuid=v.user_uuid,
            exercise=v.exercise,
            status=v.status,
            reason=v.reason,
            created_at=v.created_at,
            finished_at=v.finished_at,
            report=v.report,
            video_url=f"/api/v1/form-checks/{v.uuid}/video" if v.has_video else None,
            logged_set_uuid=v.logged_set_uuid,
            load=v.load,
            reps=v.reps,
        )


class ConfirmIn(In):
    load: str | None = Field(
        default=None,
        max_length=form_jobs.MAX_LOAD_TEXT,
        description="The load (100kg, 225lb, bw+10kg; a bare number is in your unit); default: "
        "the one given at upload.",
    )
    reps: int | None = Field(
        default=None, ge=1, le=form_jobs.MAX_REPS, description="Default: the reps counted."
    )


class ConfirmOut(Out):
    set_uuid: str


_BODY_FIELDS = frozenset({"file", "exercise", "load", "reps"})


def _field(exc: ValidationError) -> ValidationError:
    """The service's field named as the request carries it (``body.file``)."""
    field = f"body.{exc.field}" if exc.field in _BODY_FIELDS else exc.field
    return ValidationError(str(exc), field=field)


@router.post(
    "/form-checks",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Upload a clip for a form check",
    description=(
        "The clip (at most 20 MB; MP4, MOV, WebM, MKV or AVI, recognised by its first bytes "
        "whatever its name says) is checked before anything is stored, kept under the SHA-256 "
        "of its content, and its analysis queued: 202 with the check's URL in Location; poll it "
        "until `status` is `done` (report and annotated video) or `failed` (`reason`). "
        f"**Limit**: at most {form_jobs.MAX_ACTIVE_PER_USER} checks of one lifter may be queued "
        "or running at once; the next upload is answered 429 with `Retry-After` "
        f"({form_jobs.RETRY_AFTER_S} s) until one finishes. The caller's own checks only."
    ),
    responses={
        202: {"description": "Stored and queued; follow the Location header."},
        429: {"description": f"{form_jobs.MAX_ACTIVE_PER_USER} checks are queued or running "
                             "already; Retry-After says when to try again."},
    },
)
async def upload(
    principal: WritingPrincipal,
    rt: RuntimeDep,
    response: Response,
    file: Annotated[
        UploadFile, File(description="The clip: MP4, MOV, WebM, MKV or AVI, at most 20 MB.")
    ],
    exercise: Annotated[str, Form(min_length=1, max_length=200, description="e.g. pull-up")],
    load: Annotated[
        str | None, Form(max_length=form_jobs.MAX_LOAD_TEXT, description="The load to log.")
    ] = None,
    reps: Annotated[int | None, Form(ge=1, le=form_jobs.MAX_REPS)] = None,
) -> FormCheckOut:
    """Check the clip, store it and queue its analysis (see the description above)."""
    from starlette.concurrency import run_in_threadpool

    data = await file.read(form_jobs_limit() + 1)

    def work() -> FormCheckView:
        try:
            return form_jobs.submit(
                rt,
                principal,
                data=data,
                filename=file.filename or "",
                content_type=file.content_type,
                exercise=exercise,
                load=load,
                reps=reps,
            )
        except ValidationError as exc:
            raise _field(exc) from None

    view = await run_in_threadpool(work)
    response.headers["Location"] = f"/api/v1/form-checks/{view.uuid}"
    return FormCheckOut.of(view)


def form_jobs_limit() -> int:
    from spotter.jobs.storage import MAX_CLIP_BYTES

    return MAX_CLIP_BYTES


@router.get(_CHECK, summary="A form check: its status and, once done, its report")
def show(check: UUID, principal: CurrentPrincipal, rt: RuntimeDep) -> FormCheckOut:
    """The lifter's check, or their linked coach's with ``read_log``."""
    return FormCheckOut.of(form_jobs.get(rt, principal, str(check)))


@router.get(
    f"{_CHECK}/video",
    summary="The annotated video of a form check",
    response_class=FileResponse,
    responses={200: {"content": {"video/mp4": {}}, "description": "The annotated clip (MP4)."}},
)
def video(check: UUID, principal: CurrentPrincipal, rt: RuntimeDep) -> FileResponse:
    """Skeleton, rep counter and each fault on its reps; 404 until the check is done."""
    path = form_jobs.video_path(rt, principal, str(check))
    if path is None:
        raise NotFoundError("the annotated video is not ready (the check is not done)",
                            field="check")
    return FileResponse(path, media_type="video/mp4", filename=f"form-check-{check}.mp4")


@router.delete(
    _CHECK,
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a form check",
    description=(
        "The check, its report, the comments on it and its annotated video go at once; the "
        "uploaded clip too, unless another check uses the same file (a clip stored within the "
        "last hour goes at the next pruning). A set logged from the check stays in the log. "
        "The lifter only."
    ),
)
def delete_check(check: UUID, principal: WritingPrincipal, rt: RuntimeDep) -> Response:
    """Delete the check and its files (see the description above)."""
    form_jobs.delete(rt, principal, str(check))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(f"{_CHECK}/confirm", summary="Log the set a form check shows")
def confirm(
    check: UUID, principal: WritingPrincipal, rt: RuntimeDep, body: ConfirmIn | None = None
) -> ConfirmOut:
    """Log the set once (again: the same set, nothing new): the counted reps unless given, the
    load given here or at upload. The lifter only, once the check is done."""
    try:
        set_uuid = form_jobs.confirm(
            rt,
            principal,
            str(check),
            load=body.load if body is not None else None,
            reps=body.reps if body is not None else None,
        )
    except ValidationError as exc:
        raise _field(exc) from None
    return ConfirmOut(set_uuid=set_uuid)


_KIND = "form-checks"
CursorQuery = Annotated[
    str | None, Query(max_length=200, description="`next_cursor` of the previous page.")
]
LimitQuery = Annotated[int, Query(ge=1, le=form_jobs.MAX_PAGE)]


def _page(
    rt: RuntimeDep, acc_principal: Principal, subject_id: int, cursor: str | None, limit: int
) -> Page[FormCheckOut]:
    after = None
    if cursor:
        c = Cursor.decode(cursor, _KIND)
        after = (c.at, c.id)
    found = form_jobs.page_for(rt, acc_principal, subject_id, limit=limit, after=after)
    nxt = None if found.next_after is None else Cursor(_KIND, *found.next_after).encode()
    return Page[FormCheckOut](items=[FormCheckOut.of(v) for v in found.items], next_cursor=nxt)


@router.get("/form-checks", summary="Your form checks, newest first")
def list_mine(
    principal: CurrentPrincipal,
    rt: RuntimeDep,
    cursor: CursorQuery = None,
    limit: LimitQuery = 50,
) -> Page[FormCheckOut]:
    """The caller's own checks, by pages that stay stable while clips are uploaded."""
    return _page(rt, principal, principal.user_id, cursor, limit)


@router.get("/users/{user}/form-checks", summary="A lifter's form checks, newest first")
def list_checks(
    acc: Annotated[Access, Depends(access(Permission.READ_LOG, write=False))],
    rt: RuntimeDep,
    cursor: CursorQuery = None,
    limit: LimitQuery = 50,
) -> Page[FormCheckOut]:
    """The lifter, or a coach linked with ``read_log``, by pages that stay stable while clips
    are uploaded."""
    return _page(rt, acc.principal, acc.subject_id, cursor, limit)
