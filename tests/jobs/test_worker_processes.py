"""Two real `spotter worker` processes on PostgreSQL: one is killed (SIGKILL) in the middle of a
job, the other finishes it; the result is stored once and the clip is intact. The survivor then
stops cleanly on SIGTERM."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, PgServer, shared_data

pytestmark = [pytest.mark.postgres, pytest.mark.shared_data]

#: An MP4 box header and nothing after it: passes the upload's container check, holds no frame.
HEADER_ONLY_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
#: Seconds without a heartbeat after which the test's workers count a worker as dead.
STALLED_AFTER = "3"


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database of its own (the queue's jobs must not meet other tests' workers)."""
    name = pg_server.create(template=request.getfixturevalue("_pg_template"))
    yield pg_server.url_of(name)
    pg_server.drop(name)


def _wait(what: str, ready: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _worker(url: str, env: dict[str, str], log: Path, name: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "spotter.cli", "--db", url, "worker", "--name", name,
               "--stalled-after", STALLED_AFTER, "--grace", "5"]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def test_a_job_whose_worker_is_killed_is_finished_once_by_the_other_and_the_clip_is_intact(
    pg_url: str, tmp_path: Path, catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import text

    from spotter.access.model import Principal, Role
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.services import form_jobs

    clip = shared_data("pose", "squat_18.mp4")
    body = clip.read_bytes()
    clips = tmp_path / "clips"
    monkeypatch.setenv("SPOTTER_CLIPS", str(clips))
    settings = Settings(db_url=pg_url, data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    rt = Runtime(settings, auto_migrate=False)
    rt.__dict__["base_catalog"] = catalog
    with rt.uow() as uow:
        lifter = uow.accounts.add_user(username=f"lee-{uuid.uuid4().hex[:6]}", role=Role.LIFTER,
                                       timezone="UTC", password_hash=None, now=rt.now())
        uow.commit()

    def submit() -> str:
        return form_jobs.submit(
            rt, Principal(lifter.id, Role.LIFTER), data=body, filename="set.mp4",
            content_type="video/mp4", exercise="bodyweight squat", load=None, reps=None,
        ).uuid

    check: list[str] = []
    # an upload whose server could not reach the queue: stored, but no job (a worker queues it
    # when it starts), and no video in it (it fails, and the worker carries on)
    with monkeypatch.context() as unreachable:
        unreachable.setattr("spotter.jobs.queue.enqueue", lambda rt, check_uuid: None)
        orphan = form_jobs.submit(
            rt, Principal(lifter.id, Role.LIFTER), data=HEADER_ONLY_MP4, filename="x.mp4",
            content_type="video/mp4", exercise="pull-up", load=None, reps=None,
        ).uuid

    def row() -> Any:
        with rt.engine.connect() as conn:
            return conn.execute(
                text("SELECT status, attempts, report, clip_path, annotated_path FROM form_check"
                     " WHERE uuid = :u"), {"u": check[0]}
            ).one()

    def workers() -> list[int]:
        with rt.engine.connect() as conn:
            return [int(i) for i in conn.execute(
                text("SELECT id FROM procrastinate.procrastinate_workers ORDER BY id")).scalars()]

    def status_of(uuid: str) -> str:
        with rt.engine.connect() as conn:
            return str(conn.execute(text("SELECT status FROM form_check WHERE uuid = :u"),
                                    {"u": uuid}).scalar_one())

    def job_worker() -> int | None:
        with rt.engine.connect() as conn:
            found = conn.execute(text(
                "SELECT worker_id FROM procrastinate.procrastinate_jobs"
                " WHERE args->>'check_uuid' = :u AND status = 'doing'"), {"u": check[0]}).scalar()
        return None if found is None else int(found)

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SPOTTER_CLIPS": str(clips),
           "SPOTTER_DATA_DIR": str(tmp_path / "data"), "SPOTTER_CACHE_DIR": str(tmp_path / "c")}
    procs: dict[str, subprocess.Popen[bytes]] = {}
    try:
        procs["first"] = _worker(pg_url, env, tmp_path / "first.log", "first")
        _wait("the first worker to register", lambda: len(workers()) == 1, 120)
        ids = {workers()[0]: "first"}
        procs["second"] = _worker(pg_url, env, tmp_path / "second.log", "second")
        _wait("the second worker to register", lambda: len(workers()) == 2, 120)
        ids[next(i for i in workers() if i not in ids)] = "second"
        check.append(submit())
        _wait("a worker to start the job",
              lambda: job_worker() is not None and row().status == "running", 180)
        victim = ids[job_worker() or 0]
        survivor = "second" if victim == "first" else "first"
        procs[victim].send_signal(signal.SIGKILL)
        procs[victim].wait(30)
        assert row().status == "running" and row().attempts == 1  # killed mid-job
        _wait("the other worker to finish the job", lambda: row().status == "done", 600)
        _wait("the orphaned upload to be taken up", lambda: status_of(orphan) == "failed", 60)
        procs[survivor].send_signal(signal.SIGTERM)
        assert procs[survivor].wait(60) == 0  # a clean stop
    finally:
        for process in procs.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    logs = {n: (tmp_path / f"{n}.log").read_text(errors="replace") for n in ("first", "second")}
    done = row()
    assert done.attempts == 2, logs  # claimed by the first, then once more by the second
    import json

    assert json.loads(done.report)["reps"] == 1, logs  # squat_18: one completed squat
    with rt.engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM form_check")).scalar_one()
        left = conn.execute(text(
            "SELECT count(*) FROM procrastinate.procrastinate_jobs WHERE status <> 'succeeded'"
        )).scalar_one()
        orphaned = conn.execute(text("SELECT status, reason FROM form_check WHERE uuid = :u"),
                                {"u": orphan}).one()
    assert (rows, left) == (2, 0)
    assert orphaned.status == "failed" and orphaned.reason.startswith("the clip"), orphaned
    stored = clips / done.clip_path
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == hashlib.sha256(body).hexdigest()
    assert (clips / done.annotated_path).stat().st_size > 0
    assert "Stop requested" in logs[survivor]
    rt.close()
