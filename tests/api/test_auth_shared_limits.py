"""Per-address limits hold across server processes: two apps (two workers) on one database share
the 20 registrations an hour and the 30 failed logins in 10 minutes that one address is allowed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from security_harness import PASSWORD

API = "/api/v1"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def workers(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[tuple[TestClient, TestClient]]:
    """Two apps with runtimes of their own on the same database, as two uvicorn workers."""
    from spotter.api.app import create_app
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.services.auth import FAST_FOR_TESTS, Passwords

    settings = Settings(db_url=db_url, data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    runtimes = [Runtime(settings, auto_migrate=False, clock=clock) for _ in range(2)]
    clients = []
    for rt in runtimes:
        app = create_app(rt)
        app.state.passwords = Passwords(FAST_FOR_TESTS)
        clients.append(TestClient(app, raise_server_exceptions=False))
    yield clients[0], clients[1]
    for c in clients:
        c.close()
    for rt in runtimes:
        rt.close()


def _register(c: TestClient, name: str) -> int:
    r = c.post(f"{API}/auth/register", json={"username": name, "password": PASSWORD})
    return r.status_code


def test_twenty_registrations_an_hour_are_shared_by_two_workers(
    workers: tuple[TestClient, TestClient], clock: Clock
) -> None:
    a, b = workers
    codes = [_register(a if i % 2 else b, f"shared.{i}") for i in range(20)]
    assert codes == [201] * 20  # 10 on each worker
    over = b.post(f"{API}/auth/register", json={"username": "shared.x", "password": PASSWORD})
    assert over.status_code == 429 and int(over.headers["retry-after"]) == 3600
    assert _register(a, "shared.y") == 429  # the other worker agrees
    clock.now += dt.timedelta(hours=1)  # the first registration leaves the window
    assert _register(a, "shared.z") == 201


def test_thirty_failed_logins_from_one_address_are_shared_by_two_workers(
    workers: tuple[TestClient, TestClient],
) -> None:
    a, b = workers
    assert _register(a, "shared.victim") == 201
    wrong = {"username": "shared.victim", "password": "not the password at all"}
    for i in range(30):  # six different accounts would not lock: the address limit must
        r = (a if i % 2 else b).post(f"{API}/auth/login", json={**wrong, "username": f"nobody.{i}"})
        assert r.status_code == 401, (i, r.text)
    refused = a.post(f"{API}/auth/login", json={"username": "shared.victim", "password": PASSWORD})
    assert refused.status_code == 429 and "failed logins" in refused.json()["detail"]
