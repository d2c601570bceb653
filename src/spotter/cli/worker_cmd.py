"""`spotter worker`: analyse uploaded form-check clips from the PostgreSQL job queue.

Registered lazily by ``cli/app.py`` (``register``), so Procrastinate is imported only when a
worker runs. Run any number of workers, on any machines that reach the database and the clip
storage (``SPOTTER_CLIPS``); each takes one job at a time per ``--concurrency`` slot.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from spotter.cli.common import err_console, fail, user_errors


def worker(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="The PostgreSQL database URL (default: the global --db, else $SPOTTER_DB).",
            show_default=False,
        ),
    ] = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency",
            "-c",
            min=1,
            max=64,
            help="Clips analysed at once in this process (each in its own thread with its own "
            "pose models; more processes use more cores better).",
        ),
    ] = 1,
    stalled_after: Annotated[
        float,
        typer.Option(
            "--stalled-after",
            min=1.0,
            help="Seconds without a worker's heartbeat after which its job is given to another "
            "worker.",
        ),
    ] = 30.0,
    grace: Annotated[
        float,
        typer.Option(
            "--grace",
            min=0.0,
            help="On SIGTERM, seconds a running job may take to finish before it is left to "
            "another worker.",
        ),
    ] = 60.0,
    cpus: Annotated[
        str,
        typer.Option(
            "--cpus",
            help="Cores to run on: 'auto' (a core of its own: the one with the fewest Spotter "
            "workers on it), a list such as 0, 0,2 or 1-3, or 'none' (no pinning). Run one "
            "worker per core with --cpus auto for the most clips per second.",
        ),
    ] = "none",
    name: Annotated[
        str | None, typer.Option("--name", help="The worker's name in logs.", show_default=False)
    ] = None,
    log_level: Annotated[
        str, typer.Option("--log-level", help="info, warning, debug...")
    ] = "info",
) -> None:
    """Analyse uploaded form-check clips from the job queue (PostgreSQL) until stopped.

    The database must be upgraded first (`spotter db upgrade`, which also creates the queue's tables), and the clips reachable: the same SPOTTER_CLIPS folder as the server's. SIGTERM or Ctrl+C stops it cleanly: no new job is taken, the running one may finish. On the embedded SQLite database no worker is needed: `spotter serve` analyses clips itself.

    MediaPipe spreads one clip over more than one core, so unpinned workers on the same machine get in each other's way; with --cpus auto each worker keeps to a core of its own and spends the same CPU per clip, so N workers on N free cores approach N times the clips of one.

    Example: SPOTTER_DB=postgresql://u:p@host/spotter SPOTTER_CLIPS=/mnt/clips spotter worker --cpus auto
    """
    from spotter.cli.common import runtime
    from spotter.compose import Runtime
    from spotter.config import resolve_settings
    from spotter.jobs.affinity import place
    from spotter.jobs.pg import WorkerOptions, run_worker
    from spotter.jobs.retention import retention_days

    level = getattr(logging, log_level.upper(), None)
    if not isinstance(level, int):
        raise fail(f"--log-level {log_level!r}: expected critical, error, warning, info or debug")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = resolve_settings(db) if db is not None else runtime(ctx).settings
    if settings.db_url.startswith("sqlite:"):
        raise fail(
            "spotter worker takes jobs from a PostgreSQL database (--db or SPOTTER_DB="
            "postgresql://...); on the embedded SQLite database `spotter serve` analyses clips "
            "itself"
        )
    with user_errors():
        days = retention_days()  # a bad SPOTTER_CLIP_RETENTION_DAYS stops the start
        placement = place(cpus, concurrency=concurrency)  # before any thread starts
    rt = Runtime(settings, auto_migrate=False)
    options = WorkerOptions(
        concurrency=concurrency, stalled_after_s=stalled_after, grace_s=grace, name=name,
        retention_days=days,
    )
    err_console().print(
        f"Spotter worker: taking form checks from the queue ({concurrency} at a time, "
        f"{placement.note}); Ctrl+C or SIGTERM stops.",
        highlight=False,
    )
    try:
        with user_errors():
            run_worker(rt, options)
    finally:
        rt.close()
        if placement.claim is not None:
            placement.claim.release()


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
