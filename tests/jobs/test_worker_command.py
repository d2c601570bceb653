"""`spotter worker` refuses, with a message and no traceback, what it cannot work on."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PgServer
from spotter.cli.app import app


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, " ".join(result.output.split())


def test_a_worker_on_the_embedded_sqlite_database_says_the_server_does_the_work(
    tmp_path: Path,
) -> None:
    code, out = _run("--db", str(tmp_path / "spotter.db"), "worker")
    assert code != 0
    assert "PostgreSQL" in out and "spotter serve" in out and "Traceback" not in out
    assert not (tmp_path / "spotter.db").exists()  # nothing created


@pytest.mark.postgres
def test_a_worker_on_a_database_behind_the_head_revision_says_to_upgrade_it(
    pg_server: PgServer,
) -> None:
    name = pg_server.create()  # empty: no schema at all
    try:
        code, out = _run("--db", pg_server.url_of(name), "worker")
    finally:
        pg_server.drop(name)
    assert code != 0
    assert "spotter db upgrade" in out and "Traceback" not in out


@pytest.mark.postgres
def test_a_worker_given_a_core_it_may_not_use_or_a_bad_retention_says_so_before_starting(
    pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = pg_server.create()
    try:
        code, out = _run("--db", pg_server.url_of(name), "worker", "--cpus", "4096")
        monkeypatch.setenv("SPOTTER_CLIP_RETENTION_DAYS", "-3")
        bad_days, days_out = _run("--db", pg_server.url_of(name), "worker")
    finally:
        pg_server.drop(name)
    assert code != 0 and "--cpus 4096" in out and "core 4096" in out and "Traceback" not in out
    assert bad_days != 0 and "SPOTTER_CLIP_RETENTION_DAYS" in days_out
