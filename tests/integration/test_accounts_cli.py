"""`spotter users`: a server's operator manages accounts from the command line (both backends)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from spotter.cli.accounts_cmd import app
from spotter.services.auth import Passwords, login
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork

runner = CliRunner()
PW = "a long enough secret"


@pytest.fixture(autouse=True)
def server_db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SPOTTER_DB", db_url)
    return db_url


def _json(args: list[str], stdin: str | None = None) -> object:
    result = runner.invoke(app, [*args, "--format", "json"], input=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_an_added_user_signs_in_with_the_password_read_from_stdin(server_db: str) -> None:
    added = _json(["add", "Coach.Carla", "--role", "coach", "--tz", "Europe/Madrid",
                   "--password-stdin"], stdin=PW + "\n")
    assert isinstance(added, dict)
    assert (added["username"], added["role"], added["timezone"]) == (
        "coach.carla", "coach", "Europe/Madrid"
    )
    assert "password_hash" not in added and added["has_password"] is True
    engine = open_engine(server_db, auto_migrate=False)
    try:
        user = login(SqlUnitOfWork(engine), Passwords(), "coach.carla", PW,
                     now=dt.datetime.now(dt.UTC))
    finally:
        engine.dispose()
    assert user.id == added["id"]


def test_list_disable_and_role_change_show_in_json(server_db: str) -> None:
    _json(["add", "ana", "--password-stdin"], stdin=PW + "\n")
    assert _json(["role", "ana", "admin"])["role"] == "admin"  # type: ignore[index]
    assert _json(["disable", "ana"])["disabled_at"] is not None  # type: ignore[index]
    listed = _json(["list"])
    assert isinstance(listed, list)
    assert [(u["username"], u["role"], u["disabled_at"] is None) for u in listed] == [
        ("local", "lifter", True),
        ("ana", "admin", False),
    ]


def test_an_empty_stdin_or_a_bad_time_zone_saves_nothing_and_says_why(server_db: str) -> None:
    empty = runner.invoke(app, ["add", "ana", "--password-stdin"], input="")
    assert empty.exit_code == 1 and "standard input is empty" in empty.output
    bad = runner.invoke(app, ["add", "ana", "--tz", "Mars/Base", "--password-stdin"],
                        input=PW + "\n")
    assert bad.exit_code == 1 and "unknown time zone 'Mars/Base'" in bad.output
    assert "Traceback" not in bad.output
    short = runner.invoke(app, ["add", "ana", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "too short" in short.output
    listed = _json(["list"])
    assert [u["username"] for u in listed] == ["local"]  # type: ignore[union-attr]


def test_a_password_is_never_taken_from_the_command_line(server_db: str) -> None:
    result = runner.invoke(app, ["add", "ana", "--password", PW])
    assert result.exit_code == 2  # no such option


def test_an_unknown_user_is_a_clear_error(server_db: str) -> None:
    result = runner.invoke(app, ["disable", "ghost"])
    assert result.exit_code == 1 and "no user 'ghost'" in result.output


def test_the_local_user_gets_a_time_zone_and_a_password_for_the_server(server_db: str) -> None:
    updated = _json(["set", "local", "--tz", "Australia/Perth"])
    assert updated["timezone"] == "Australia/Perth"  # type: ignore[index]
    assert updated["has_password"] is False  # type: ignore[index]
    done = _json(["password", "local", "--password-stdin"], stdin=PW + "\n")
    assert done["has_password"] is True and done["id"] == 1  # type: ignore[index]
    bad = runner.invoke(app, ["set", "local", "--tz", "Perth"])
    assert bad.exit_code == 1 and "unknown time zone 'Perth'" in bad.output
