"""Form checks as a service: upload a clip, follow its analysis, log the set it shows.

:func:`submit` checks the upload (size, a video container by its first bytes, the exercise,
the optional load and reps) before anything is stored, keeps the clip under its SHA-256 in clip
storage (:mod:`spotter.jobs.storage`), records the check ``queued`` and queues its job (a thread
in the server on SQLite, ``spotter worker`` on PostgreSQL: :mod:`spotter.jobs`). The job fills
in the report and the annotated video; :func:`get` shows where it stands. A lifter may have at
most :data:`MAX_ACTIVE_PER_USER` checks queued or running; the next upload is refused with
:class:`~spotter.errors.RateLimitedError` until one finishes.

Who may do what: the lifter uploads, confirms and sees their checks; a coach linked with
``read_log`` sees them (:func:`get`, :func:`list_for`, :func:`video_path`); comments go through
:mod:`spotter.services.coaching` with target kind ``form_check`` (``comment`` permission).
Anyone else is told the check does not exist. The lifter may :func:`delete` a check; what
clip storage keeps how long is :mod:`spotter.jobs.retention`'s policy.

:func:`confirm` logs the set the check shows (its reps, or the lifter's correction, and the
load) exactly once: the set's uuid is derived from the check's, and the check records it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid as uuid_lib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from spotter.access.model import Permission, Principal
from spotter.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    SpotterError,
    ValidationError,
)

if TYPE_CHECKING:
    from spotter.compose import Runtime
    from spotter.knowledge.model import Exercise
    from spotter.science.units import Unit
    from spotter.store.form_check_repo import FormCheckRow

#: The most form checks one lifter may have queued or running at once; the next upload is
#: answered 429 until one of them finishes.
MAX_ACTIVE_PER_USER = 5
#: The Retry-After of that answer, in seconds: about one short clip's analysis.
RETRY_AFTER_S = 30
#: The most checks on one page of a list.
MAX_PAGE = 200
#: The most reps a lifter may give for a set.
MAX_REPS = 200
#: The longest load text accepted ("bw+10kg", "102.5 kg").
MAX_LOAD_TEXT = 32
#: The namespace of the uuid of the set a check logs (uuid5 of the check's uuid).
SET_NAMESPACE = uuid_lib.UUID("9b0a5c3e-6f1d-4f43-9a57-3c1f0c9d7e21")


@dataclass(frozen=True)
class FormCheckView:
    """A form check as its lifter and their coach see it."""

    uuid: str
    user_uuid: str
    exercise: str  #: the exercise's slug
    status: str  #: queued, running, done or failed
    reason: str | None  #: why it failed
    created_at: dt.datetime
    finished_at: dt.datetime | None
    #: The :class:`~spotter.services.form_check.FormCheck` as data (``to_data``), once done.
    report: dict[str, Any] | None
    logged_set_uuid: str | None
    load: str | None  #: the load to log, as the lifter gave it at upload
    reps: int | None  #: the reps the lifter gave at upload (None: the counted ones)
    has_video: bool  #: whether the annotated video is ready


def _writes(principal: Principal) -> None:
    if not principal.may_write:
        raise PermissionDeniedError(
            "these credentials are read-only (token scope 'read')", field="Authorization"
        )


def _check_uuid(check_uuid: str) -> str:
    try:
        return str(uuid_lib.UUID(str(check_uuid).strip()))
    except ValueError:
        raise NotFoundError(f"no form check {check_uuid!r}", field="check") from None


def _exercise(rt: Runtime, user_id: int, name: str) -> Exercise:
    text = name.strip()
    if not text:
        raise ValidationError("name the exercise in the clip, e.g. 'pull-up'", field="exercise")
    try:
        return rt.catalog_for(user_id).resolve(text)
    except SpotterError as exc:
        raise ValidationError(str(exc), field="exercise") from None


def _unit(rt: Runtime, user_id: int) -> Unit:
    from spotter.science.units import Unit

    with rt.uow(user_id) as uow:
        profile = uow.profiles.get()
    return Unit.LB if profile is not None and profile.units == "lb" else Unit.KG


def _load(text: str | None, ex: Exercise, unit: Unit) -> tuple[float | None, Unit | None, bool]:
    """The load to log, read by the log's grammar ("100kg", "bw+10kg"; a bare number is in the
    lifter's unit); (None, None, False) for none."""
    from spotter.services.log import parse_load

    if text is None or not text.strip():
        return None, None, False
    value = "".join(text.split()).lower()  # "102.5 kg" as the log writes it: "102.5kg"
    if len(value) > MAX_LOAD_TEXT:
        raise ValidationError(f"the load is longer than {MAX_LOAD_TEXT} characters", field="load")
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", value):
        value += unit
    if not (any(c.isdigit() for c in value) or value in ("bw", "bodyweight")):
        raise ValidationError(
            f"load {text.strip()!r}: expected a load such as 100kg, 225lb, bw or bw+10kg",
            field="load",
        )
    try:
        return parse_load(value, ex, unit)
    except SpotterError as exc:
        raise ValidationError(str(exc).replace("--load", "load"), field="load") from None


def _reps(reps: int | None) -> int | None:
    if reps is not None and not 1 <= reps <= MAX_REPS:
        raise ValidationError(f"reps must be between 1 and {MAX_REPS}, got {reps}", field="reps")
    return reps


def _user_uuid(rt: Runtime, user_id: int) -> str:
    with rt.uow(user_id) as uow:
        user = uow.accounts.user_by_id(user_id)
    return user.uuid if user is not None else ""


def _view(rt: Runtime, row: FormCheckRow, user_uuid: str | None = None) -> FormCheckView:
    report = json.loads(row.report) if row.report else None
    video = False
    if row.annotated_path:
        from spotter.jobs.storage import ClipStore

        video = ClipStore.of(rt.settings).path(row.annotated_path).is_file()
    return FormCheckView(
        uuid=row.uuid,
        user_uuid=_user_uuid(rt, row.user_id) if user_uuid is None else user_uuid,
        exercise=row.exercise,
        status=row.status,
        reason=row.reason,
        created_at=row.created_at,
        finished_at=row.finished_at,
        report=report,
        logged_set_uuid=row.logged_set_uuid,
        load=row.load_text,
        reps=row.reps,
        has_video=video,
    )


def _too_many(active: int) -> RateLimitedError:
    return RateLimitedError(
        f"you have {active} form checks queued or running, the most at once is "
        f"{MAX_ACTIVE_PER_USER}; upload this clip when one has finished",
        retry_after_s=RETRY_AFTER_S,
    )


def submit(
    rt: Runtime,
    principal: Principal,
    *,
    data: BinaryIO | bytes,
    filename: str,
    content_type: str | None,
    exercise: str,
    load: str | None,
    reps: int | None,
) -> FormCheckView:
    """Check and store an uploaded clip and queue its analysis (the caller's own check).

    ``content_type`` is what the client declared; the container is decided from the file's own
    first bytes. Raises :class:`ValidationError` naming the field (``file``, ``exercise``,
    ``load``, ``reps``) and :class:`RateLimitedError` over the limit; nothing is stored then.
    """
    from spotter.jobs.queue import enqueue
    from spotter.jobs.storage import ClipStore, check_video, read_upload
    from spotter.store.form_check_repo import FormCheckRepository

    _writes(principal)
    user_id = principal.user_id
    ex = _exercise(rt, user_id, exercise)
    load_text = load.strip() if load is not None and load.strip() else None
    _load(load_text, ex, _unit(rt, user_id))
    _reps(reps)
    body = read_upload(data)
    media_type = check_video(body, filename)
    with rt.uow(user_id) as uow:
        active = FormCheckRepository(uow.connection, user_id).active_count()
    if active >= MAX_ACTIVE_PER_USER:
        raise _too_many(active)

    stored = ClipStore.of(rt.settings).put(body, media_type)
    check_uuid = str(uuid_lib.uuid4())
    with rt.uow(user_id) as uow:
        repo = FormCheckRepository(uow.connection, user_id)
        repo.lock_owner()
        active = repo.active_count()
        if active >= MAX_ACTIVE_PER_USER:  # another upload of this lifter won the race
            raise _too_many(active)
        row = repo.add(
            uuid=check_uuid,
            exercise=ex.slug,
            content_sha256=stored.sha256,
            clip_path=stored.path,
            media_type=stored.media_type,
            size_bytes=stored.size_bytes,
            filename=Path(filename or "").name[:255],
            load_text=load_text,
            reps=reps,
            now=rt.now(),
        )
        uow.commit()
    enqueue(rt, check_uuid)
    return _view(rt, row)


def _readable(rt: Runtime, principal: Principal, check_uuid: str, need: Permission | None,
              *, write: bool) -> FormCheckRow:
    """The check, if the caller may do this to it; NotFoundError to anyone it does not exist
    for (an unknown uuid looks the same as someone else's check)."""
    from spotter.services import coaching
    from spotter.store.form_check_repo import FormCheckRepository, owner_of

    canonical = _check_uuid(check_uuid)
    with rt.engine.connect() as conn:
        owner = owner_of(conn, canonical)
    if owner is None:
        raise NotFoundError(f"no form check {canonical}", field="check")
    try:
        coaching.authorize(rt.uow(), principal, owner, need, write)
    except NotFoundError:
        raise NotFoundError(f"no form check {canonical}", field="check") from None
    with rt.uow(owner) as uow:
        row = FormCheckRepository(uow.connection, owner).get(canonical)
    if row is None:
        raise NotFoundError(f"no form check {canonical}", field="check")
    return row


def get(rt: Runtime, principal: Principal, check_uuid: str) -> FormCheckView:
    """One check: the lifter, or a coach linked with ``read_log``."""
    return _view(rt, _readable(rt, principal, check_uuid, Permission.READ_LOG, write=False))


@dataclass(frozen=True)
class FormCheckPage:
    """One page of a lifter's checks, newest first."""

    items: list[FormCheckView]
    #: The (created_at, id) of the page's last check when more follow (the next page starts
    #: after it); None on the last page.
    next_after: tuple[dt.datetime, int] | None


def page_for(
    rt: Runtime,
    principal: Principal,
    subject_id: int,
    *,
    limit: int = 50,
    after: tuple[dt.datetime, int] | None = None,
) -> FormCheckPage:
    """A page of a lifter's checks, newest first, after the position ``after`` (that of the
    last check of the previous page): the lifter, or a coach linked with ``read_log``. Checks
    uploaded while a client pages never shift a page."""
    from spotter.services import coaching
    from spotter.store.form_check_repo import FormCheckRepository

    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"limit must be between 1 and {MAX_PAGE}", field="limit")
    coaching.authorize(rt.uow(), principal, subject_id, Permission.READ_LOG, False)
    with rt.uow(subject_id) as uow:
        rows = FormCheckRepository(uow.connection, subject_id).recent(limit=limit + 1, after=after)
    more = len(rows) > limit
    rows = rows[:limit]
    owner = _user_uuid(rt, subject_id)
    last = (rows[-1].created_at, rows[-1].id) if more else None
    return FormCheckPage([_view(rt, r, owner) for r in rows], last)


def list_for(
    rt: Runtime, principal: Principal, subject_id: int, *, limit: int = 50
) -> list[FormCheckView]:
    """A lifter's newest checks (the first page of :func:`page_for`)."""
    return page_for(rt, principal, subject_id, limit=limit).items


def video_path(rt: Runtime, principal: Principal, check_uuid: str) -> Path | None:
    """The annotated video's file (None until the check is done with one)."""
    from spotter.jobs.storage import ClipStore

    row = _readable(rt, principal, check_uuid, Permission.READ_LOG, write=False)
    if row.status != "done" or not row.annotated_path:
        return None
    path = ClipStore.of(rt.settings).path(row.annotated_path)
    return path if path.is_file() else None


def delete(rt: Runtime, principal: Principal, check_uuid: str) -> None:
    """Delete a check (the lifter only): its report, the comments on it and its annotated
    video at once, and its clip unless another check uses the same file (a clip stored less
    than :data:`~spotter.jobs.retention.GRACE` ago, perhaps the same bytes being uploaded
    again, is left to the next pruning). A set logged from it stays in the log; a job still
    running for it stores nothing."""
    from spotter.jobs.retention import GRACE, delete_files
    from spotter.jobs.storage import ClipStore
    from spotter.store.form_check_repo import FormCheckRepository, clip_in_use

    _writes(principal)
    row = _readable(rt, principal, check_uuid, None, write=True)
    with rt.uow(row.user_id) as uow:
        gone = FormCheckRepository(uow.connection, row.user_id).delete(row.uuid, now=rt.now())
        uow.commit()
    if gone is None:  # deleted meanwhile by another request
        return
    store = ClipStore.of(rt.settings)
    now = rt.now()
    video = gone.annotated_path or store.annotated_path(gone.uuid)
    delete_files(store, [video], now=now, grace=dt.timedelta(0))
    with rt.engine.connect() as conn:
        shared = clip_in_use(conn, gone.clip_path)
    if not shared:  # a clip stored within the grace period may be the same bytes uploaded
        delete_files(store, [gone.clip_path], now=now, grace=GRACE)  # again: pruning's then


def confirm(
    rt: Runtime,
    principal: Principal,
    check_uuid: str,
    load: str | None = None,
    reps: int | None = None,
) -> str:
    """Log the set the check shows, once: its uuid (the same on every later call).

    ``reps`` defaults to the reps given at upload, else the reps counted; ``load`` to the load
    given at upload (a bare number is in the lifter's unit). The set is dated when the clip was
    uploaded, in the lifter's time zone. Only the lifter may confirm, and only a ``done`` check.
    """
    from sqlalchemy.exc import IntegrityError

    from spotter.interchange.logline import LoggedSet
    from spotter.services.log import to_records
    from spotter.store.form_check_repo import FormCheckRepository

    _writes(principal)
    row = _readable(rt, principal, check_uuid, None, write=True)
    if row.logged_set_uuid is not None:
        return row.logged_set_uuid
    if row.status != "done" or row.report is None:
        raise ConflictError(
            f"the form check is {row.status}; a set can be logged from it once it is done",
            field="check",
        )
    owner = row.user_id
    ex = rt.catalog_for(owner).get(row.exercise)
    load_text = load.strip() if load is not None and load.strip() else row.load_text
    value, unit, bodyweight = _load(load_text, ex, _unit(rt, owner))
    count = _reps(reps) or row.reps or int(json.loads(row.report).get("reps") or 0)
    if count < 1:
        raise ValidationError(
            "the clip shows no completed rep; give the reps to log", field="reps"
        )
    with rt.uow(owner) as uow:
        user = uow.accounts.user_by_id(owner)
    from spotter.compose import zone

    tz = zone(user.timezone if user is not None else None)
    when = row.created_at.astimezone(tz).replace(tzinfo=None, microsecond=0)
    now_local = rt.now().astimezone(tz).replace(tzinfo=None, microsecond=0)
    logged = LoggedSet(load=value, unit=unit, reps=count, bodyweight=bodyweight)
    try:
        (rec,) = to_records(ex, (logged,), when, today=now_local.date())
    except SpotterError as exc:
        raise ValidationError(str(exc), field="load" if value is not None else "reps") from None
    set_uuid = str(uuid_lib.uuid5(SET_NAMESPACE, row.uuid))
    from dataclasses import replace

    rec = replace(rec, uuid=set_uuid, notes=f"from form check {row.uuid}")
    try:
        with rt.uow(owner) as uow:
            repo = FormCheckRepository(uow.connection, owner)
            if repo.mark_logged(row.uuid, set_uuid):
                uow.log.add_batch(f"{ex.name}: 1 set (form check)", [rec], now=now_local)
                uow.commit()
    except IntegrityError:  # a confirm at the same moment logged it
        pass
    with rt.uow(owner) as uow:
        found = FormCheckRepository(uow.connection, owner).get(row.uuid)
    assert found is not None and found.logged_set_uuid is not None
    return found.logged_set_uuid
