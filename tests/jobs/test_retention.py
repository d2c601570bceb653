"""Clip retention: what pruning deletes from clip storage and what it keeps, on a store filled by
hand (checks finished at chosen times, files of chosen ages); the expected files are listed
from the policy, not computed."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spotter.access.model import Role
from spotter.compose import Runtime
from spotter.config import Settings
from spotter.jobs.retention import prune
from spotter.jobs.storage import ClipStore
from spotter.store.form_check_repo import FormCheckRepository

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
#: The clip of a fake upload: only its bytes matter here.
HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


@dataclass
class Store:
    rt: Runtime
    clips: ClipStore
    user_id: int
    db_url: str

    def check(self, body: bytes, *, created: dt.datetime, finished: dt.datetime | None) -> (
        tuple[str, str]
    ):
        """A check of the clip ``body``, done at ``finished`` (None: still queued) with an
        annotated video; its uuid and the clip's stored path."""
        stored = self.clips.put(HEAD + body, "video/mp4")
        check = str(uuid.uuid4())
        with self.rt.uow(self.user_id) as uow:
            repo = FormCheckRepository(uow.connection, self.user_id)
            repo.add(uuid=check, exercise="pull-up", content_sha256=stored.sha256,
                     clip_path=stored.path, media_type=stored.media_type,
                     size_bytes=stored.size_bytes, filename="set.mp4", load_text=None, reps=None,
                     now=created)
            if finished is not None:
                attempt = repo.claim(check, now=finished)
                assert attempt is not None
                video = self.clips.annotated_path(check)
                self.write(video)
                assert repo.finish(check, attempt, status="done", now=finished,
                                   report='{"reps": 3}', annotated_path=video)
            uow.commit()
        return check, stored.path

    def write(self, relative: str, body: bytes = b"x") -> None:
        path = self.clips.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)

    def age_all(self, age: dt.timedelta) -> None:
        """Make every stored file last written ``age`` before the real now."""
        when = time.time() - age.total_seconds()
        for path in self.clips.root.rglob("*"):
            if path.is_file():
                os.utime(path, (when, when))

    def files(self) -> set[str]:
        root = self.clips.root
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def store(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """An empty database (SQLite, then PostgreSQL) with one lifter, and its clip folder."""
    monkeypatch.setenv("SPOTTER_CLIPS", str(tmp_path / "clips"))
    rt = Runtime(Settings(db_url=db_url, data_dir=tmp_path / "data", cache_dir=tmp_path / "c"),
                 auto_migrate=False)
    with rt.uow() as uow:
        lee = uow.accounts.add_user(username="lee", role=Role.LIFTER, timezone="UTC",
                                    password_hash=None, now=NOW)
        uow.commit()
    yield Store(rt, ClipStore(tmp_path / "clips"), lee.id, db_url)
    rt.close()


@pytest.fixture
def filled(store: Store) -> dict[str, str]:
    """Checks and files of every case the policy names, all written 100 days ago except one."""
    paths: dict[str, str] = {}
    late, paths["late"] = store.check(b"a", created=NOW - 32 * DAY, finished=NOW - 31 * DAY)
    paths["late video"] = store.clips.annotated_path(late)
    _, paths["recent"] = store.check(b"b", created=NOW - 30 * DAY, finished=NOW - 29 * DAY)
    _, paths["shared, one recent"] = store.check(b"c", created=NOW - 41 * DAY,
                                                 finished=NOW - 40 * DAY)
    store.check(b"c", created=NOW - 3 * DAY, finished=NOW - 2 * DAY)
    _, paths["shared, both late"] = store.check(b"d", created=NOW - 36 * DAY,
                                                finished=NOW - 35 * DAY)
    store.check(b"d", created=NOW - 32 * DAY, finished=NOW - 31 * DAY)
    _, paths["queued long"] = store.check(b"e", created=NOW - 60 * DAY, finished=None)
    orphan = store.clips.put(HEAD + b"f", "video/mp4")  # an upload refused after it was stored
    paths["orphan"] = orphan.path
    paths["part"] = f"{orphan.path[:2]}/.{orphan.sha256}.0123456789ab.part.mp4"
    store.write(paths["part"])
    paths["video of no check"] = f"annotated/{uuid.uuid4()}.mp4"
    store.write(paths["video of no check"])
    paths["not ours"] = "README.txt"
    store.write(paths["not ours"])
    store.age_all(100 * DAY)
    young = store.clips.put(HEAD + b"g", "video/mp4")  # an upload whose check is being recorded
    paths["young orphan"] = young.path
    return paths


def test_pruning_deletes_clips_past_retention_and_old_files_of_no_check_and_nothing_else(
    store: Store, filled: dict[str, str]
) -> None:
    before = store.files()
    pruned = prune(store.rt, days=30, now=NOW)
    gone = {"late", "shared, both late", "orphan", "part", "video of no check"}
    assert set(pruned.paths) == {filled[k] for k in gone}
    assert (pruned.clips, pruned.annotated, pruned.parts) == (3, 1, 1)
    assert store.files() == before - {filled[k] for k in gone}
    # the checks keep their report and annotated video: the late check's video stays
    assert filled["late video"] in store.files()
    with store.rt.uow(store.user_id) as uow:
        rows = FormCheckRepository(uow.connection, store.user_id).recent(limit=20)
    assert len(rows) == 7 and all(r.report == '{"reps": 3}' for r in rows if r.status == "done")


def test_a_dry_run_deletes_nothing_and_never_keeps_every_check_clip(
    store: Store, filled: dict[str, str]
) -> None:
    before = store.files()
    would = prune(store.rt, days=0, now=NOW, dry_run=True)
    assert store.files() == before
    # with no retention at all, every finished check's clip would go; the queued one stays
    assert {filled["recent"], filled["shared, one recent"]} <= set(would.paths)
    assert filled["queued long"] not in would.paths
    forever = prune(store.rt, days=None, now=NOW)
    assert set(forever.paths) == {filled[k] for k in ("orphan", "part", "video of no check")}


def test_the_prune_command_says_what_it_would_delete_then_deletes_it(
    store: Store, filled: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from spotter.cli.app import app

    monkeypatch.setenv("SPOTTER_CLIP_RETENTION_DAYS", "30")
    runner = CliRunner()
    args = ["--db", store.db_url, "form-checks", "prune"]
    dry = runner.invoke(app, [*args, "--dry-run", "--format", "json"], catch_exceptions=False)
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.output)["paths"] and store.files() >= {filled["late"]}
    real = runner.invoke(app, args, catch_exceptions=False)
    assert real.exit_code == 0, real.output
    # the real clock is later than NOW: the same clips are past 30 days, and more are not kept
    assert filled["late"] not in store.files() and filled["queued long"] in store.files()
    bad = runner.invoke(app, [*args, "--days", "a week"])
    assert bad.exit_code == 1 and "--days" in bad.output and "Traceback" not in bad.output


def test_a_clip_uploaded_again_is_made_fresh_so_pruning_leaves_it_to_the_new_check(
    store: Store,
) -> None:
    _, path = store.check(b"h", created=NOW - 40 * DAY, finished=NOW - 40 * DAY)
    store.age_all(100 * DAY)
    store.clips.put(HEAD + b"h", "video/mp4")  # the same bytes again, its check not yet stored
    assert path not in prune(store.rt, days=30, now=dt.datetime.now(dt.UTC)).paths
    assert path in store.files()


def test_the_servers_queue_prunes_clip_storage_by_itself(store: Store) -> None:
    from spotter.jobs.local import LocalQueue

    _, path = store.check(b"i", created=NOW - 400 * DAY, finished=NOW - 400 * DAY)
    store.age_all(100 * DAY)
    queue = LocalQueue(store.rt, prune_every_s=3600, first_prune_s=0.05)
    queue.start()
    try:
        deadline = time.monotonic() + 30
        while path in store.files() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        queue.stop()
    assert path not in store.files()


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_on_postgresql_a_worker_skips_its_pruning_while_another_worker_prunes(
    store: Store,
) -> None:
    import threading

    from sqlalchemy import text

    from spotter.jobs import pg

    _, path = store.check(b"j", created=NOW - 400 * DAY, finished=NOW - 400 * DAY)
    store.age_all(100 * DAY)
    pg._STATE = pg._WorkerState(store.rt, threading.local())  # as inside `spotter worker`
    try:
        with store.rt.engine.connect() as other:  # another worker, pruning
            other.execute(text("SELECT pg_advisory_lock(:k)"), {"k": pg.PRUNE_LOCK})
            assert pg._prune_once(30) is False
            assert path in store.files()
            other.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": pg.PRUNE_LOCK})
            other.commit()
        assert pg._prune_once(30) is True
        assert path not in store.files()
    finally:
        pg._STATE = None
