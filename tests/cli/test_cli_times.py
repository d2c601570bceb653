"""The command line's time zone: this machine's until `spotter init --timezone` chooses one.

Pacific/Auckland is UTC+13 in November (NZDT), Europe/Berlin UTC+1 (CET).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from spotter.cli.app import app
from spotter.store import tables as t
from spotter.store.db import open_engine

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True)
def in_berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")  # this machine's zone


def _stored_times(isolated_home: Path) -> list[dt.datetime]:
    engine = open_engine(f"sqlite:///{isolated_home / 'data' / 'spotter.db'}", auto_migrate=False)
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(select(t.set_entry.c.performed_at))]
    finally:
        engine.dispose()


def test_a_chosen_zone_decides_how_a_logged_time_is_stored_and_shown(isolated_home: Path) -> None:
    r = run("init", "--defaults", "--timezone", "Pacific/Auckland", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["timezone"] == {"name": "Pacific/Auckland", "machine": False}
    assert run("log", "bench 100kg 5", "--date", "2026-11-15 23:30").exit_code == 0
    assert _stored_times(isolated_home) == [dt.datetime(2026, 11, 15, 10, 30, tzinfo=dt.UTC)]
    shown = json.loads(run("history", "--format", "json").stdout)
    assert [s["performed_at"] for s in shown] == ["2026-11-15T23:30:00"]


def test_without_a_chosen_zone_the_machines_zone_is_used_and_said(isolated_home: Path) -> None:
    assert run("init", "--defaults").exit_code == 0
    profile = json.loads(run("profile", "--format", "json").stdout)
    assert profile["timezone"] == {"name": "Europe/Berlin", "machine": True}
    assert run("log", "bench 100kg 5", "--date", "2026-11-15 23:30").exit_code == 0
    assert _stored_times(isolated_home) == [dt.datetime(2026, 11, 15, 22, 30, tzinfo=dt.UTC)]
    # choosing a zone later moves nothing: the same instant, shown on Auckland's clock
    assert run("init", "--defaults", "--timezone", "Pacific/Auckland").exit_code == 0
    shown = json.loads(run("history", "--format", "json").stdout)
    assert [s["performed_at"] for s in shown] == ["2026-11-16T11:30:00"]


def test_an_unknown_zone_is_refused_before_the_profile_is_saved(isolated_home: Path) -> None:
    r = run("init", "--defaults", "--units", "lb", "--timezone", "Mars/Base")
    assert r.exit_code == 1
    assert "unknown time zone 'Mars/Base'" in r.output and "Traceback" not in r.output
    assert run("profile").exit_code == 1  # still no profile
