"""What the route tests share: an API on a test database, lifters with access tokens."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from spotter.access.model import Role
from spotter.compose import Runtime
from spotter.config import Settings


@dataclass
class Api:
    """The app on one test database, and a way to add lifters."""

    rt: Runtime
    client: TestClient

    def lifter(
        self, name: str = "lifter", *, units: str | None = "kg", timezone: str = "UTC"
    ) -> Lifter:
        """A new lifter with a read/write token (and a profile in ``units`` unless None)."""
        from spotter.services.auth import create_token

        with self.rt.uow() as uow:
            user = uow.accounts.add_user(
                username=f"{name}-{uuid.uuid4().hex[:6]}",
                role=Role.LIFTER,
                timezone=timezone,
                password_hash=None,
                now=self.rt.now(),
            )
            uow.commit()
        token = create_token(
            self.rt.uow(), user.id, name="tests", scopes="read,write", now=self.rt.now()
        ).token
        me = Lifter(self.client, {"Authorization": f"Bearer {token}"}, user.id, user.uuid)
        if units is not None:
            me.put("/profile", json=profile(units)).raise_for_status()
        return me


@dataclass
class Lifter:
    """Requests as one lifter, on paths under ``/api/v1/users/me``."""

    client: TestClient
    headers: dict[str, str]
    user_id: int
    uuid: str

    def url(self, path: str) -> str:
        return f"/api/v1/users/me{path}"

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(self.url(path), headers=self.headers, **kw)

    def post(self, path: str, **kw: Any) -> Any:
        return self.client.post(self.url(path), headers=self.headers, **kw)

    def put(self, path: str, **kw: Any) -> Any:
        return self.client.put(self.url(path), headers=self.headers, **kw)

    def patch(self, path: str, **kw: Any) -> Any:
        return self.client.patch(self.url(path), headers=self.headers, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.client.delete(self.url(path), headers=self.headers, **kw)

    def log_set(self, exercise: str, load: float | None, reps: int, when: str, **kw: Any) -> Any:
        body = {"uuid": str(uuid.uuid4()), "exercise": exercise, "reps": reps, "performed_at": when}
        if load is not None:
            body["load"] = load
        body.update(kw)
        r = self.post("/log/sets", json=body)
        assert r.status_code == 201, r.text
        return r.json()


def profile(units: str = "kg", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "units": units,
        "goal": "strength",
        "experience": "intermediate",
        "training_days": ["mon", "wed", "fri"],
        "minutes_per_session": 60,
        "equipment": ["full-gym"],
    }
    body.update(changes)
    return body


def open_api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    """The API on an empty migrated database; each test module's ``api`` fixture yields from it
    (on SQLite and PostgreSQL, through ``db_url``)."""
    from spotter.api.app import create_app

    settings = Settings(db_url=db_url, data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    rt = Runtime(settings, auto_migrate=False)
    rt.__dict__["base_catalog"] = catalog  # the session's built-in catalog, loaded once
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield Api(rt, client)
    rt.close()


def is_problem(r: Any, status: int, field: str | None = None) -> bool:
    """Whether ``r`` is a problem+json answer with this status (and field)."""
    body = r.json()
    return (
        r.status_code == status
        and r.headers["content-type"].startswith("application/problem+json")
        and body["status"] == status
        and bool(body["detail"])
        and (field is None or body.get("field") == field)
    )
