"""The analysis job: one clip in, its report and annotated video stored exactly once.

One job does both the analysis and the annotated video (the issue's ``analyse_clip`` and
``annotate_clip`` as one task), because both come from one pass over the clip: the video is
decoded and the pose model run once, and the overlay is drawn from those same landmarks. Split
in two, the second job would decode the clip again or need the landmarks stored in between; and
the check becomes ``done`` with its report and video together, never half.

:func:`run_check` is what every queue runs (the server's thread pool on SQLite, ``spotter
worker`` on PostgreSQL):

1. claim: the check becomes ``running`` and its attempt count goes up by one (a check already
   ``done`` or ``failed`` is left alone, so a job delivered twice does nothing the second time);
2. the clip is read from clip storage and its SHA-256 compared with the one recorded at upload
   (a clip changed or lost in storage fails the check with that reason);
3. the clip is analysed and the annotated video written beside its final place and renamed in;
4. the outcome is stored only if the check is still ``running`` under this attempt: a worker
   that was presumed dead, and whose job another worker took over, stores nothing.

A clip that is not a readable video, or holds nobody, ends the check ``failed`` with the reason,
and the job returns normally: the worker goes on with the next clip.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from spotter.errors import SpotterError
from spotter.jobs.storage import ClipStore, sha256_of, temporary_beside

if TYPE_CHECKING:
    from spotter.compose import Runtime
    from spotter.jobs.checker import Checker

log = logging.getLogger("spotter.jobs")


class Outcome(StrEnum):
    """What a run of the job did."""

    DONE = "done"  #: the report is stored
    FAILED = "failed"  #: the check failed, with its reason stored
    SKIPPED = "skipped"  #: nothing to do: finished already, or no such check
    SUPERSEDED = "superseded"  #: another attempt claimed the check meanwhile; nothing stored


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    attempt: int | None = None
    reason: str | None = None


def run_check(rt: Runtime, check_uuid: str, checker: Checker) -> Result:
    """Run the job of one check (see the module's description)."""
    from spotter.store.form_check_repo import FormCheckRepository, owner_of

    with rt.engine.connect() as conn:
        owner = owner_of(conn, check_uuid)
    if owner is None:
        return Result(Outcome.SKIPPED, reason="no such check")
    with rt.uow(owner) as uow:
        repo = FormCheckRepository(uow.connection, owner)
        attempt = repo.claim(check_uuid, now=rt.now())
        row = repo.get(check_uuid)
        uow.commit()
    if attempt is None or row is None:
        return Result(Outcome.SKIPPED, reason="finished already")
    log.info("form check %s: attempt %d", check_uuid, attempt)

    store = ClipStore.of(rt.settings)
    clip = store.path(row.clip_path)
    report: str | None = None
    annotated: str | None = None
    reason: str | None = None
    try:
        if not clip.is_file():
            raise SpotterError("the uploaded clip is missing from clip storage")
        if sha256_of(clip) != row.content_sha256:
            raise SpotterError("the uploaded clip in clip storage is damaged (its hash changed)")
        exercise = rt.catalog_for(owner).get(row.exercise)
        from spotter.motion.video import probe

        probe(clip)  # a file that is no readable video fails here, before a model is loaded
        annotated = store.annotated_path(check_uuid)
        target = store.path(annotated)
        temp = temporary_beside(target)
        try:
            result = checker.check(clip, exercise, annotate_to=temp)
            if temp.is_file():
                temp.replace(target)
            else:
                annotated = None
        finally:
            temp.unlink(missing_ok=True)
        from spotter.services.results import to_data

        report = json.dumps(to_data(result))
    except SpotterError as exc:
        reason = str(exc).strip() or exc.__class__.__name__
    except Exception as exc:  # a clip the video library chokes on must not stop the worker
        log.exception("form check %s: the analysis failed", check_uuid)
        reason = f"the clip could not be analysed ({exc.__class__.__name__}: {exc})"
    if reason is not None:  # say "the clip", not where the server keeps it
        reason = reason.replace(str(clip), "the clip")

    with rt.uow(owner) as uow:
        repo = FormCheckRepository(uow.connection, owner)
        if reason is None:
            stored = repo.finish(
                check_uuid, attempt, status="done", now=rt.now(), report=report,
                annotated_path=annotated,
            )
        else:
            stored = repo.finish(check_uuid, attempt, status="failed", now=rt.now(), reason=reason)
        uow.commit()
    if not stored:
        log.warning("form check %s: attempt %d was superseded; nothing stored", check_uuid, attempt)
        return Result(Outcome.SUPERSEDED, attempt)
    if reason is not None:
        log.info("form check %s failed: %s", check_uuid, reason)
        return Result(Outcome.FAILED, attempt, reason)
    return Result(Outcome.DONE, attempt)
