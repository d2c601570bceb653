"""Where a check's job goes: the server's own thread pool on SQLite, the Procrastinate queue on
PostgreSQL (taken by ``spotter worker`` processes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spotter.compose import Runtime


def embedded(rt: Runtime) -> bool:
    """Whether the runtime's database is the embedded SQLite (jobs run in this process)."""
    return rt.settings.db_url.startswith("sqlite:")


def enqueue(rt: Runtime, check_uuid: str) -> None:
    """Queue the job of a check stored ``queued``."""
    if embedded(rt):
        from spotter.jobs.local import local_queue

        local_queue(rt).submit(check_uuid)
        return
    from spotter.jobs.pg import defer

    defer(rt.settings.db_url, check_uuid)


def start(rt: Runtime) -> None:
    """At server start: on SQLite, start the thread pool and take up unfinished checks."""
    if embedded(rt):
        from spotter.jobs.local import local_queue

        local_queue(rt).start()


def stop(rt: Runtime) -> None:
    """At server shutdown: stop the thread pool, close the queue's connections."""
    if embedded(rt):
        from spotter.jobs.local import running_queue

        queue = running_queue(rt)
        if queue is not None:
            queue.stop()
        return
    from spotter.jobs.pg import close_deferrer

    close_deferrer(rt.settings.db_url)
