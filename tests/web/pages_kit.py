"""What the fast page tests of Learn, Plan and Progress share: the app over a temporary SQLite
database with a fixed clock, and lifters signed in through a real web session (no browser)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from spotter.access.model import Role
from spotter.compose import Runtime
from spotter.config import Settings

#: The site's clock in these tests: Wednesday 18 November 2026, noon UTC.
NOW = dt.datetime(2026, 11, 18, 12, 0, tzinfo=dt.UTC)
#: The Monday of that week.
MONDAY = dt.date(2026, 11, 16)


@dataclass
class Site:
    """The app on one temporary database; :meth:`person` adds signed-in users."""

    rt: Runtime
    app: Any

    def person(
        self,
        name: str = "lifter",
        *,
        units: str | None = "kg",
        equipment: Iterable[str] = ("full-gym",),
        days: tuple[str, ...] = ("mon", "wed", "fri"),
        experience: str = "intermediate",
        timezone: str = "UTC",
    ) -> Person:
        """A lifter with a web session (and a profile in ``units``, unless None)."""
        from spotter.knowledge.catalog import resolve_equipment
        from spotter.profile import Profile
        from spotter.services.auth import open_session
        from spotter.services.profile import save_profile

        with self.rt.uow() as uow:
            user = uow.accounts.add_user(
                username=f"{name}-{uuid.uuid4().hex[:6]}",
                role=Role.LIFTER,
                timezone=timezone,
                password_hash=None,
                now=self.rt.now(),
            )
            uow.commit()
        if units is not None:
            save_profile(
                self.rt.uow(user.id),
                Profile(
                    units=units,
                    goal="strength",
                    experience=experience,
                    training_days=days,
                    minutes_per_session=60,
                    equipment=tuple(sorted(resolve_equipment(equipment))),
                ),
            )
        opened = open_session(self.rt.uow(), user.id, now=self.rt.now())
        client = TestClient(self.app, raise_server_exceptions=True, follow_redirects=False)
        client.cookies.set("spotter_session", opened.token)
        return Person(client, user.id, user.uuid, opened.csrf_token)

    def stranger(self) -> TestClient:
        """A browser without a session."""
        return TestClient(self.app, follow_redirects=False)


@dataclass
class Person:
    """Requests as one signed-in user."""

    client: TestClient
    user_id: int
    uuid: str
    csrf: str

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, **kw)

    def form(self, path: str, data: dict[str, str], *, csrf: bool = True) -> Any:
        """A plain HTML form post (with the hidden CSRF field unless ``csrf`` is False)."""
        body = dict(data, csrf_token=self.csrf) if csrf else dict(data)
        return self.client.post(path, data=body)

    def log_set(self, exercise: str, load: float | None, reps: int, when: str) -> None:
        """A set logged through the API (load in the profile's unit)."""
        body: dict[str, Any] = {
            "uuid": str(uuid.uuid4()),
            "exercise": exercise,
            "reps": reps,
            "performed_at": when,
        }
        if load is not None:
            body["load"] = load
        r = self.client.post(
            "/api/v1/users/me/log/sets", json=body, headers={"X-CSRF-Token": self.csrf}
        )
        assert r.status_code == 201, r.text


def open_site(tmp_path: Path, catalog: Any, template: Path | None = None) -> Iterator[Site]:
    """The app over a new SQLite database in ``tmp_path`` whose clock reads :data:`NOW`: a copy
    of ``template`` (a migrated database: the conftest's ``_sqlite_template``), else migrated
    on first use."""
    import shutil

    from spotter.api.app import create_app

    db = tmp_path / "site.db"
    if template is not None:
        shutil.copyfile(template, db)
    settings = Settings(
        db_url=f"sqlite:///{db}", data_dir=tmp_path / "data", cache_dir=tmp_path / "cache"
    )
    rt = Runtime(settings, auto_migrate=template is None, clock=lambda: NOW)
    rt.__dict__["base_catalog"] = catalog  # the session's built-in catalog, loaded once
    yield Site(rt, create_app(rt))
    rt.close()
