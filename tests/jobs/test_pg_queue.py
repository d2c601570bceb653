"""On PostgreSQL an upload becomes one job in the queue, and a check is never queued twice."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import PgServer

pytestmark = pytest.mark.postgres

HEADER_ONLY_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    name = pg_server.create(template=request.getfixturevalue("_pg_template"))
    yield pg_server.url_of(name)
    pg_server.drop(name)


def test_an_upload_is_one_queued_job_and_queueing_it_again_adds_none(
    pg_url: str, tmp_path: Path, catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import text

    from spotter.access.model import Principal, Role
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.jobs.pg import QUEUE, TASK, close_deferrer, defer
    from spotter.services import form_jobs

    monkeypatch.setenv("SPOTTER_CLIPS", str(tmp_path / "clips"))
    rt = Runtime(Settings(db_url=pg_url, data_dir=tmp_path / "d", cache_dir=tmp_path / "c"),
                 auto_migrate=False)
    rt.__dict__["base_catalog"] = catalog
    try:
        with rt.uow() as uow:
            user = uow.accounts.add_user(username=f"u{uuid.uuid4().hex[:6]}", role=Role.LIFTER,
                                         timezone="UTC", password_hash=None, now=rt.now())
            uow.commit()
        check = form_jobs.submit(
            rt, Principal(user.id, Role.LIFTER), data=HEADER_ONLY_MP4, filename="set.mp4",
            content_type="video/mp4", exercise="pull-up", load=None, reps=None,
        )
        assert check.status == "queued"
        assert defer(pg_url, check.uuid) is False  # its queueing lock is taken
        with rt.engine.connect() as conn:
            jobs = conn.execute(text(
                "SELECT task_name, queue_name, status, args->>'check_uuid'"
                " FROM procrastinate.procrastinate_jobs")).all()
        assert [tuple(j) for j in jobs] == [(TASK, QUEUE, "todo", check.uuid)]
    finally:
        close_deferrer(pg_url)
        rt.close()
