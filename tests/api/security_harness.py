"""What the security tests share: one app on one migrated database per module, and callers.

A module's database comes from the same machinery as the ``db_url`` fixture (tests/conftest.py:
a copy of the per-worker SQLite template, or a PostgreSQL database created from the per-worker
template), but lives for the whole module, so that a large matrix pays for one database and one
seeded set of users per backend. Passwords are hashed with the library's cheap test parameters.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"


def module_db_url(request: pytest.FixtureRequest, tmp: Path) -> Iterator[str]:
    """A migrated database for a module: ``request.param`` is ``sqlite`` or ``postgresql``."""
    if request.param == "sqlite":
        path = tmp / "spotter.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server = request.getfixturevalue("pg_server")
    name = server.create(template=request.getfixturevalue("_pg_template"))
    yield server.url_of(name)
    server.drop(name)


def make_app(db_url: str, home: Path) -> FastAPI:
    """The real API (``create_app``) on ``db_url``, with cheap password hashing."""
    from spotter.api.app import create_app
    from spotter.api.limits import AddressThrottle
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.services.auth import FAST_FOR_TESTS, Passwords

    settings = Settings(db_url=db_url, data_dir=home / "data", cache_dir=home / "cache")
    app = create_app(Runtime(settings, auto_migrate=False))
    app.state.passwords = Passwords(FAST_FOR_TESTS)
    # the tests register many users from one address; one test checks the limit itself
    app.state.register_throttle = AddressThrottle(limit=10**9, window_s=1, what="new accounts")
    return app


def close_app(app: FastAPI) -> None:
    app.state.runtime.close()


@dataclass
class Caller:
    """Credentials to send: a session cookie with its CSRF token, or a bearer token, or none."""

    name: str
    user_uuid: str | None = None
    cookie: str | None = None
    csrf: str | None = None
    token: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def headers(self, *, csrf: bool = True) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.cookie is not None:
            out["Cookie"] = f"spotter_session={self.cookie}"
            if csrf and self.csrf is not None:
                out["X-CSRF-Token"] = self.csrf
        if self.token is not None:
            out["Authorization"] = f"Bearer {self.token}"
        return out


def client(app: FastAPI, *, base_url: str = "http://testserver") -> TestClient:
    """A client that keeps no cookies of its own: every call says whose credentials it sends."""
    return TestClient(app, base_url=base_url, raise_server_exceptions=False)


def call(c: TestClient, caller: Caller, method: str, url: str, **kw: Any) -> Any:
    """One request as ``caller`` (the client's cookie jar is emptied first)."""
    c.cookies.clear()
    headers = {**caller.headers(), **kw.pop("headers", {})}
    return c.request(method, url, headers=headers, **kw)


def register(c: TestClient, username: str, *, role: str = "lifter", **extra: Any) -> dict[str, Any]:
    body = {"username": username, "password": PASSWORD, "role": role, **extra}
    r = c.post("/api/v1/auth/register", json=body)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def login(c: TestClient, username: str, password: str = PASSWORD) -> Caller:
    """A session caller: logs in and keeps the cookie and the CSRF token."""
    c.cookies.clear()
    r = c.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    cookie = r.cookies.get("spotter_session")
    assert cookie, "login sets the session cookie"
    c.cookies.clear()
    body = r.json()
    return Caller(username, body["account"]["uuid"], cookie=cookie, csrf=body["csrf_token"])


def make_token(c: TestClient, owner: Caller, scopes: list[str], name: str = "t") -> Caller:
    """A bearer caller holding a new token of ``owner`` with these scopes."""
    r = call(c, owner, "POST", "/api/v1/auth/tokens", json={"name": name, "scopes": scopes})
    assert r.status_code == 201, r.text
    return Caller(f"{owner.name}-token-{'+'.join(scopes)}", owner.user_uuid, token=r.json()["token"])


def sqlite_copy(request: pytest.FixtureRequest, tmp: Path) -> str:
    """A migrated SQLite database of its own (a copy of the per-worker template)."""
    path = tmp / "spotter.db"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
    return f"sqlite:///{path}"
