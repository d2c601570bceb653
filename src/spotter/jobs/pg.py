"""The job queue on PostgreSQL: Procrastinate, and the process behind ``spotter worker``.

The queue lives in the Spotter database itself (no broker to run), in the ``procrastinate``
schema that migration 0007 creates with ``spotter db upgrade`` (a server never creates it: it
refuses to start behind the head revision). Its connections put that schema first on their
search path. The pinned Procrastinate version (pyproject.toml) matches the schema 0007 created;
moving to a newer Procrastinate means a Spotter migration that applies its migration scripts.

One task, ``spotter.analyse_clip(check_uuid)``, on the queue ``form_checks``: it runs
:func:`spotter.jobs.analyse.run_check` (analysis and annotated video in one pass). The server
defers it after storing an upload, with the check's uuid as the queueing lock, so a check never
waits in the queue twice.

**A worker that dies mid-job** (killed, machine gone): each worker writes a heartbeat every
``stalled_after / 3`` seconds; every running worker looks, every few seconds, for jobs in
``doing`` whose worker's heartbeat is older than ``stalled_after`` (Procrastinate 3's
``JobManager.get_stalled_jobs(seconds_since_heartbeat=...)``) and puts them back with
``retry_job``, so another worker takes them up. The new attempt claims the check again, and only
the latest attempt may store its result (:mod:`spotter.jobs.analyse`), so the result is stored
once even if the presumed-dead worker was only slow.

**Clip storage** is pruned by the workers (:mod:`spotter.jobs.retention`): each tries every
hour, and the one holding a PostgreSQL advisory lock prunes while the others skip their turn.

**Stopping**: SIGTERM or SIGINT stops taking jobs; a running job is given ``grace`` seconds to
finish, then abandoned, and its job is retried by another worker as above.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spotter.errors import SpotterError
from spotter.jobs.retention import DEFAULT_DAYS, PRUNE_EVERY_S

if TYPE_CHECKING:
    import procrastinate

    from spotter.compose import Runtime
    from spotter.jobs.checker import Checker

log = logging.getLogger("spotter.jobs")

#: The PostgreSQL schema of Procrastinate's tables (made by migration 0007).
QUEUE_SCHEMA = "procrastinate"
#: The queue of form checks, and its one task.
QUEUE = "form_checks"
TASK = "spotter.analyse_clip"
#: Seconds without a heartbeat after which a worker counts as dead and its job is retried.
STALLED_AFTER_S = 30.0
#: Seconds a stopping worker lets a running job finish before abandoning it.
GRACE_S = 60.0


class QueueError(SpotterError):
    """The job queue cannot be used (no PostgreSQL, no queue schema, unreachable)."""


def conninfo(db_url: str) -> str:
    """The libpq connection string of a SQLAlchemy PostgreSQL URL.

    >>> conninfo("postgresql+psycopg://spotter:pw@db.example:5432/spotter")
    'postgresql://spotter:pw@db.example:5432/spotter'
    """
    from sqlalchemy.engine import make_url

    from spotter.store.db import normalize_url

    url = make_url(normalize_url(db_url))
    if url.get_backend_name() != "postgresql":
        raise QueueError(
            "the job queue needs PostgreSQL (SPOTTER_DB=postgresql://...); on SQLite `spotter "
            "serve` analyses clips itself"
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _connection_options() -> dict[str, Any]:
    return {"options": f"-c search_path={QUEUE_SCHEMA} -c timezone=UTC"}


def make_app(db_url: str, *, worker: bool) -> procrastinate.App:
    """A Procrastinate app on the database: async (a worker) or sync (deferring from a server),
    with the task registered (its body runs only in a worker)."""
    import procrastinate

    info = conninfo(db_url)
    connector: procrastinate.BaseConnector
    if worker:
        connector = procrastinate.PsycopgConnector(
            conninfo=info, kwargs=_connection_options(), min_size=1, max_size=4
        )
    else:
        connector = procrastinate.SyncPsycopgConnector(
            conninfo=info, kwargs=_connection_options(), min_size=0, max_size=2
        )
    app = procrastinate.App(connector=connector)

    @app.task(name=TASK, queue=QUEUE, retry=procrastinate.RetryStrategy(max_attempts=3, wait=5))
    def analyse_clip(check_uuid: str) -> str:
        return _run_in_worker(check_uuid)

    return app


# -- deferring (the server) ---------------------------------------------------------------------

_DEFERRERS: dict[str, procrastinate.App] = {}
_DEFERRERS_LOCK = threading.Lock()


def _deferrer(db_url: str) -> procrastinate.App:
    with _DEFERRERS_LOCK:
        app = _DEFERRERS.get(db_url)
        if app is None:
            app = make_app(db_url, worker=False)
            app.open()
            _DEFERRERS[db_url] = app
        return app


def defer(db_url: str, check_uuid: str) -> bool:
    """Queue the check's job; False when it is queued already (its queueing lock is taken)."""
    import procrastinate.exceptions as pe

    app = _deferrer(db_url)
    try:
        app.configure_task(TASK, queueing_lock=check_uuid).defer(check_uuid=check_uuid)
    except pe.AlreadyEnqueued:
        return False
    except pe.ConnectorException as exc:
        raise QueueError(
            f"cannot queue the form check: {_cause(exc)}. If the queue's tables are missing, "
            "run `spotter db upgrade` on this database."
        ) from exc
    return True


def close_deferrer(db_url: str) -> None:
    """Close the server's queue connections to the database (at shutdown)."""
    with _DEFERRERS_LOCK:
        app = _DEFERRERS.pop(db_url, None)
    if app is not None:
        app.close()


def _cause(exc: BaseException) -> str:
    inner = exc.__cause__ or exc
    return (str(inner).strip().splitlines() or [inner.__class__.__name__])[0]


# -- the worker ---------------------------------------------------------------------------------


@dataclass
class _WorkerState:
    rt: Runtime
    local: threading.local


_STATE: _WorkerState | None = None


def _run_in_worker(check_uuid: str) -> str:
    from spotter.jobs.analyse import run_check
    from spotter.jobs.checker import LazyChecker, warm_checker

    state = _STATE
    if state is None:
        raise QueueError("the analysis task runs only inside `spotter worker`")
    checker: Checker | None = getattr(state.local, "checker", None)
    if checker is None:
        checker = LazyChecker(warm_checker)
        state.local.checker = checker
    return run_check(state.rt, check_uuid, checker).outcome.value


@dataclass(frozen=True)
class WorkerOptions:
    concurrency: int = 1
    stalled_after_s: float = STALLED_AFTER_S
    grace_s: float = GRACE_S
    name: str | None = None
    #: Days clips are kept (None: for good); see :mod:`spotter.jobs.retention`.
    retention_days: int | None = DEFAULT_DAYS
    #: Seconds between two prunings of clip storage (None: this worker never prunes).
    prune_every_s: float | None = PRUNE_EVERY_S


def run_worker(rt: Runtime, options: WorkerOptions) -> None:
    """Run a worker on the runtime's PostgreSQL database until SIGTERM or SIGINT."""
    global _STATE
    db_url = rt.settings.db_url
    conninfo(db_url)  # a clear error on SQLite before anything starts
    rt.engine  # noqa: B018 - refuses a database behind the head revision (run db upgrade)
    _STATE = _WorkerState(rt, threading.local())
    try:
        asyncio.run(_main(db_url, options))
    finally:
        _STATE = None


async def _main(db_url: str, options: WorkerOptions) -> None:
    import procrastinate.exceptions as pe

    app = make_app(db_url, worker=True)
    try:
        await app.open_async()
    except pe.ConnectorException as exc:
        raise QueueError(f"cannot reach the job queue: {_cause(exc)}") from exc
    try:
        await _resubmit_orphans(app, db_url)
        rescue = asyncio.create_task(_rescue_stalled(app, options.stalled_after_s))
        pruner = asyncio.create_task(_prune_now_and_then(options))
        try:
            await app.run_worker_async(
                queues=[QUEUE],
                concurrency=options.concurrency,
                name=options.name or "spotter-worker",
                wait=True,
                install_signal_handlers=True,
                shutdown_graceful_timeout=options.grace_s,
                update_heartbeat_interval=max(0.5, options.stalled_after_s / 3),
                stalled_worker_timeout=options.stalled_after_s,
                fetch_job_polling_interval=min(5.0, options.stalled_after_s / 2),
                delete_jobs="successful",
            )
        finally:
            for task in (rescue, pruner):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
    finally:
        await app.close_async()


async def _rescue_stalled(app: procrastinate.App, stalled_after_s: float) -> None:
    """Every few seconds, put the jobs of workers without a recent heartbeat back in the queue."""
    import procrastinate.exceptions as pe

    every = max(0.5, min(10.0, stalled_after_s / 3))
    while True:
        await asyncio.sleep(every)
        try:
            stalled = await app.job_manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=stalled_after_s
            )
            for job in stalled:
                try:
                    await app.job_manager.retry_job(job)
                    log.warning("job %s of a stalled worker was put back in the queue", job.id)
                except pe.ConnectorException:  # another worker retried it first
                    continue
        except pe.ConnectorException:
            log.exception("looking for stalled jobs failed; trying again")


#: The advisory lock one pruning worker holds (other workers skip their turn meanwhile).
PRUNE_LOCK = 0x5350_5052  # "SPPR"


async def _prune_now_and_then(options: WorkerOptions) -> None:
    """Prune clip storage (:mod:`spotter.jobs.retention`) a minute after the start, then every
    ``prune_every_s`` seconds; a pruning that fails is logged and tried again next time."""
    from spotter.jobs.retention import FIRST_PRUNE_S

    if options.prune_every_s is None:
        return
    await asyncio.sleep(FIRST_PRUNE_S)
    while True:
        try:
            await asyncio.to_thread(_prune_once, options.retention_days)
        except Exception:
            log.exception("pruning clip storage failed; trying again later")
        await asyncio.sleep(options.prune_every_s)


def _prune_once(days: int | None) -> bool:
    """Prune under the database's advisory lock; False when another worker is pruning."""
    from sqlalchemy import text

    from spotter.jobs.retention import prune

    state = _STATE
    if state is None:
        return False
    with state.rt.engine.connect() as conn:
        locked = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": PRUNE_LOCK}).scalar()
        conn.commit()
        if not locked:
            return False
        try:
            prune(state.rt, days=days)
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PRUNE_LOCK})
            conn.commit()
    return True


async def _resubmit_orphans(app: procrastinate.App, db_url: str) -> None:
    """Queue the checks left ``queued`` without a job (a server that stored the upload and could
    not reach the queue): their queueing lock keeps the ones queued already from doubling."""
    import procrastinate.exceptions as pe
    from sqlalchemy import text

    from spotter.store.db import create_store_engine

    engine = create_store_engine(db_url)
    try:
        with engine.connect() as conn:
            uuids = conn.execute(
                text(
                    "SELECT f.uuid FROM form_check f WHERE f.status = 'queued' AND NOT EXISTS ("
                    f" SELECT 1 FROM {QUEUE_SCHEMA}.procrastinate_jobs j"
                    " WHERE j.args->>'check_uuid' = f.uuid AND j.status IN ('todo', 'doing'))"
                )
            ).scalars().all()
    finally:
        engine.dispose()
    for check_uuid in uuids:
        try:
            await app.configure_task(TASK, queueing_lock=str(check_uuid)).defer_async(
                check_uuid=str(check_uuid)
            )
        except pe.AlreadyEnqueued:
            continue
    if uuids:
        log.info("queued %d form checks that had no job", len(uuids))
