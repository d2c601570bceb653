"""Sliding sessions renew their cookie, and coach invitations expire after 7 days.

The app runs on a clock the test moves; the session cookie lasts 30 days (2592000 s).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from security_harness import PASSWORD, call, login, register

API = "/api/v1"
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def c(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[TestClient]:
    from spotter.api.app import create_app
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.services.auth import FAST_FOR_TESTS, Passwords

    settings = Settings(db_url=db_url, data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    rt = Runtime(settings, auto_migrate=False, clock=clock)
    app = create_app(rt)
    app.state.passwords = Passwords(FAST_FOR_TESTS)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    rt.close()


def _max_age(r: Any) -> int | None:
    for value in r.headers.get_list("set-cookie"):
        if value.startswith("spotter_session="):
            part = next(p for p in value.split(";") if p.strip().lower().startswith("max-age="))
            return int(part.split("=", 1)[1])
    return None


def test_a_request_that_extends_the_session_sends_the_cookie_again_with_the_full_max_age(
    c: TestClient, clock: Clock
) -> None:
    register(c, "renew.ana")
    ana = login(c, "renew.ana")
    assert _max_age(call(c, ana, "GET", f"{API}/auth/me")) is None  # within the minute: no change
    clock.now += dt.timedelta(days=20)  # the session would end in 10 days; this use extends it
    r = call(c, ana, "GET", f"{API}/auth/me")
    assert r.status_code == 200 and _max_age(r) == 30 * 24 * 3600
    assert f"spotter_session={ana.cookie}" in r.headers["set-cookie"]
    assert "httponly" in r.headers["set-cookie"].lower()
    clock.now += dt.timedelta(days=29)  # 49 days after login, 29 after the renewal: still valid
    assert call(c, ana, "GET", f"{API}/auth/me").status_code == 200


def _invite(c: TestClient, coach: Any, lifter: str) -> dict[str, Any]:
    r = call(c, coach, "POST", f"{API}/coaching/invites",
             json={"username": lifter, "permissions": ["read_log"]})
    assert r.status_code == 201, r.text
    out: dict[str, Any] = r.json()
    return out


def test_an_invitation_expires_after_7_days_and_the_coach_can_invite_again(
    c: TestClient, clock: Clock
) -> None:
    register(c, "inv.coach", role="coach")
    register(c, "inv.lifter")
    coach, lifter = login(c, "inv.coach"), login(c, "inv.lifter")
    made = _invite(c, coach, "inv.lifter")
    assert made["link"]["expires_at"] == "2026-11-09T09:00:00Z"  # 2 Nov 09:00 + 7 days
    clock.now += dt.timedelta(days=7)
    lifter = login(c, "inv.lifter")
    late = call(c, lifter, "POST", f"{API}/coaching/links/{made['link']['uuid']}/accept")
    assert late.status_code in (404, 410)
    assert "expired" in late.json()["detail"] and "new one" in late.json()["detail"]
    by_code = call(c, lifter, "POST", f"{API}/coaching/accept", json={"code": made["code"]})
    assert by_code.status_code in (404, 410) and "expired" in by_code.json()["detail"]

    coach = login(c, "inv.coach", PASSWORD)
    again = _invite(c, coach, "inv.lifter")  # the expired one no longer blocks a new one
    clock.now += dt.timedelta(days=6, hours=23)
    lifter = login(c, "inv.lifter")
    ok = call(c, lifter, "POST", f"{API}/coaching/links/{again['link']['uuid']}/accept")
    assert ok.status_code == 200 and ok.json()["status"] == "active"
    assert ok.json()["expires_at"] is None
