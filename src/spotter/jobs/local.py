"""The in-process queue of the embedded SQLite database: a thread pool inside the server.

On SQLite there is no queue server: ``spotter serve`` runs the analysis jobs in a pool of
:data:`THREADS` background threads (the pose model is CPU-bound; one thread per check keeps the
request threads free). What is pending lives in the database, not in the pool: each check is a
row, and when the server starts, :meth:`LocalQueue.start` takes up every check left ``queued`` or
``running`` by a server that stopped (a ``running`` one is claimed again as a new attempt).

One queue per :class:`~spotter.compose.Runtime`, made on first use by :func:`local_queue`; the
API starts it with the app and stops it at shutdown (a job running then finishes in its thread;
one not started yet stays ``queued`` for the next start). The queue also prunes clip storage
every hour (:mod:`spotter.jobs.retention`).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from spotter.jobs.analyse import Result, run_check
from spotter.jobs.checker import Checker, LazyChecker, warm_checker
from spotter.jobs.retention import FIRST_PRUNE_S, PRUNE_EVERY_S

if TYPE_CHECKING:
    from spotter.compose import Runtime

log = logging.getLogger("spotter.jobs")

#: Background threads analysing clips in a server on SQLite (each holds its own pose models).
THREADS = 1


class LocalQueue:
    """A thread pool running :func:`run_check` for the checks of one runtime's database."""

    def __init__(
        self,
        rt: Runtime,
        *,
        threads: int = THREADS,
        checker: Callable[[], Checker] = warm_checker,
        prune_every_s: float | None = PRUNE_EVERY_S,
        first_prune_s: float = FIRST_PRUNE_S,
    ) -> None:
        self._rt = rt
        self._prune_every = prune_every_s
        self._first_prune = first_prune_s
        self._pruner: threading.Thread | None = None
        self._stopping = threading.Event()
        self._threads = threads
        self._make_checker = checker
        self._local = threading.local()
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: dict[str, Future[Result]] = {}
        self._started = False

    def _checker(self) -> Checker:
        found: Checker | None = getattr(self._local, "checker", None)
        if found is None:
            found = LazyChecker(self._make_checker)
            self._local.checker = found
        return found

    def _run(self, check_uuid: str) -> Result:
        try:
            return run_check(self._rt, check_uuid, self._checker())
        except Exception:
            log.exception("form check %s: the job failed", check_uuid)
            raise
        finally:
            with self._lock:
                self._pending.pop(check_uuid, None)

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self._threads, thread_name_prefix="spotter-form-check")
        return self._pool

    def start(self) -> list[str]:
        """Start once, taking up the checks left unfinished in the database; their uuids."""
        from spotter.store.form_check_repo import unfinished

        with self._lock:
            if self._started:
                return []
            self._started = True
            self._stopping.clear()
            if self._prune_every is not None and self._pruner is None:
                self._pruner = threading.Thread(
                    target=self._prune_loop, name="spotter-clip-pruner", daemon=True
                )
                self._pruner.start()
        with self._rt.engine.connect() as conn:
            left = unfinished(conn)
        for check_uuid in left:
            self.submit(check_uuid)
        if left:
            log.info("re-queued %d form checks left unfinished", len(left))
        return left

    def submit(self, check_uuid: str) -> Future[Result]:
        """Queue a check (once: a check already waiting or running is not queued again)."""
        if not self._started:
            self.start()
        with self._lock:
            found = self._pending.get(check_uuid)
            if found is not None:
                return found
            future = self._executor().submit(self._run, check_uuid)
            if not future.done():
                self._pending[check_uuid] = future
            return future

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until nothing is queued or running (tests); False on timeout."""
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._lock:
                futures = list(self._pending.values())
            if not futures:
                return True
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            try:
                futures[0].result(timeout=left)
            except Exception:  # the outcome is in the database; only the waiting matters here
                continue

    def _prune_loop(self) -> None:
        """Apply the clip retention policy now and then until stopped."""
        from spotter.jobs.retention import prune, retention_days

        wait = self._first_prune
        while not self._stopping.wait(wait):
            wait = self._prune_every or PRUNE_EVERY_S
            try:
                prune(self._rt, days=retention_days())
            except Exception:  # a bad setting or a busy database: said, and tried again later
                log.exception("pruning clip storage failed")

    def stop(self) -> None:
        """Stop taking jobs: those not started stay ``queued`` in the database for the next
        start; one running finishes in its thread."""
        self._stopping.set()
        with self._lock:
            pool, self._pool = self._pool, None
            pruner, self._pruner = self._pruner, None
            self._pending.clear()
            self._started = False
        if pruner is not None:
            pruner.join(timeout=5)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


_QUEUES: weakref.WeakKeyDictionary[Runtime, LocalQueue] = weakref.WeakKeyDictionary()
_QUEUES_LOCK = threading.Lock()


def local_queue(rt: Runtime) -> LocalQueue:
    """The runtime's in-process queue (made on first use, started on its first job)."""
    with _QUEUES_LOCK:
        found = _QUEUES.get(rt)
        if found is None:
            found = LocalQueue(rt)
            _QUEUES[rt] = found
        return found


def running_queue(rt: Runtime) -> LocalQueue | None:
    """The runtime's queue if one was made (for shutdown)."""
    with _QUEUES_LOCK:
        return _QUEUES.get(rt)
