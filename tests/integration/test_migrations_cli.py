"""`spotter db status` and `spotter db upgrade`: explicit migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from typer.testing import CliRunner

from spotter.cli.db_cmd import app
from spotter.store.db import create_store_engine, current_revision, migrate
from spotter.store.migrations import HEAD, REVISIONS

runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_status_of_a_missing_sqlite_file_lists_every_revision_and_creates_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "later" / "spotter.db"
    result = runner.invoke(app, ["status", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["current"] is None
    assert doc["head"] == HEAD
    assert doc["pending"] == list(REVISIONS)
    assert doc["up_to_date"] is False
    assert not db.parent.exists()


def test_upgrade_of_a_0005_database_says_where_it_started_and_ended(empty_db_url: str) -> None:
    engine = create_store_engine(empty_db_url)
    migrate(engine, "0005")
    engine.dispose()

    before = runner.invoke(app, ["status", "--db", empty_db_url])
    assert before.exit_code == 0, before.output
    assert "Current revision: 0005" in " ".join(before.output.split())
    assert "run `spotter db upgrade`" in " ".join(before.output.split())

    result = runner.invoke(app, ["upgrade", "--db", empty_db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert (doc["from"], doc["to"]) == ("0005", HEAD)
    assert doc["applied"] == list(REVISIONS[REVISIONS.index("0005") + 1 :])

    engine = create_store_engine(empty_db_url)
    assert current_revision(engine) == HEAD
    engine.dispose()

    again = runner.invoke(app, ["upgrade", "--db", empty_db_url])
    assert again.exit_code == 0, again.output
    assert "already at the head revision" in " ".join(again.output.split())


def test_upgrade_of_an_empty_database_reports_the_head(empty_db_url: str) -> None:
    result = runner.invoke(app, ["upgrade", "--db", empty_db_url])
    assert result.exit_code == 0, result.output
    assert f"from none (empty database) to {HEAD}" in " ".join(result.output.split())
    status = runner.invoke(app, ["status", "--db", empty_db_url, "--format", "json"])
    assert json.loads(status.output)["up_to_date"] is True


def test_an_unreachable_server_is_named_without_its_password_or_a_traceback() -> None:
    port = _free_port()  # nothing listens there
    url = f"postgresql://coach:hunter2secret@127.0.0.1:{port}/spotter"
    result = runner.invoke(app, ["upgrade", "--db", url])
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert f"127.0.0.1:{port}" in text
    assert "hunter2secret" not in text
    assert "Traceback" not in text
    assert "server is running" in text


def test_status_json_of_a_file_at_the_head_has_every_field_and_names_the_file(
    tmp_path: Path,
) -> None:
    db = tmp_path / "spotter.db"
    done = runner.invoke(app, ["upgrade", "--db", str(db), "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output) == {
        "database": f"sqlite:///{db}",
        "from": None,
        "to": HEAD,
        "applied": list(REVISIONS),
    }
    result = runner.invoke(app, ["status", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "database": f"sqlite:///{db}",
        "current": HEAD,
        "head": HEAD,
        "pending": [],
        "up_to_date": True,
        "known": True,
    }
