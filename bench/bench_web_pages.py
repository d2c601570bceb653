"""How long the Learn, Plan and Progress pages take to render, and how big they are.

One lifter (kg, Mon/Wed/Fri, a full gym) with 12 weeks of four lifts logged (144 sets), three
bench sets this week and the full-body-3 plan, on a temporary SQLite database. Each page is
asked for once to warm up, then ``--runs`` times in process (FastAPI's TestClient: routing,
session check, services, Jinja2, gzip off); the median and the slowest are printed with the
page's size (uncompressed).

    nice -n 10 python bench/bench_web_pages.py [--runs 9]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

PAGES = (
    "/learn",
    "/learn?q=pulldwn",
    "/learn/stepback-pulldown",
    "/plan",
    "/plan/1?week=5",
    "/progress",
    "/progress?exercise=barbell-bench-press",
)
NOW = dt.datetime(2026, 11, 18, 12, 0, tzinfo=dt.UTC)
LIFTS = ("barbell-back-squat", "barbell-bench-press", "seated-lat-pulldown", "conventional-deadlift")


def seeded(home: Path) -> tuple[Any, Any, str]:
    """The app over a new SQLite database in ``home`` with the lifter of the module docstring:
    (the app, its runtime, the lifter's session cookie)."""
    from fastapi.testclient import TestClient

    from spotter.access.model import Role
    from spotter.api.app import create_app
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.knowledge.catalog import resolve_equipment
    from spotter.profile import Profile
    from spotter.services.auth import open_session
    from spotter.services.profile import save_profile

    rt = Runtime(
        Settings(db_url=f"sqlite:///{home / 'b.db'}", data_dir=home / "d", cache_dir=home / "c"),
        clock=lambda: NOW,
    )
    with rt.uow() as uow:
        user = uow.accounts.add_user(
            username="alex", role=Role.LIFTER, timezone="UTC", password_hash=None, now=NOW
        )
        uow.commit()
    save_profile(
        rt.uow(user.id),
        Profile("kg", "strength", "intermediate", ("mon", "wed", "fri"), 60,
                tuple(sorted(resolve_equipment(["full-gym"])))),
    )
    opened = open_session(rt.uow(), user.id, now=NOW)
    app = create_app(rt)
    client = TestClient(app, follow_redirects=False)
    client.cookies.set("spotter_session", opened.token)
    headers = {"X-CSRF-Token": opened.csrf_token}
    first = dt.date(2026, 8, 24)
    for week in range(12):
        day = first + dt.timedelta(weeks=week)
        for lift in LIFTS:
            for k in range(3):
                r = client.post("/api/v1/users/me/log/sets", headers=headers, json={
                    "uuid": str(uuid.uuid4()), "exercise": lift, "load": 60 + 2.5 * week,
                    "reps": 8, "performed_at": f"{day.isoformat()}T18:{4 * k:02d}:00",
                })
                assert r.status_code == 201, r.text
    for k in range(3):  # this week's bench, two hours ago
        r = client.post("/api/v1/users/me/log/sets", headers=headers, json={
            "uuid": str(uuid.uuid4()), "exercise": "barbell-bench-press", "load": 90,
            "reps": 5, "performed_at": f"2026-11-18T10:{4 * k:02d}:00",
        })
        assert r.status_code == 201, r.text
    r = client.post("/plan/new", data={
        "source": "full-body-3", "start": "2026-11-16", "csrf_token": opened.csrf_token,
    })
    assert r.status_code == 303, r.text
    return app, rt, opened.token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as tmp:
        app, rt, cookie = seeded(Path(tmp))
        client = TestClient(app, follow_redirects=False)
        client.cookies.set("spotter_session", cookie)
        print(f"{'page':40s} {'median':>8s} {'slowest':>8s} {'size':>7s}")
        for path in PAGES:
            assert client.get(path).status_code == 200, path
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                r = client.get(path)
                times.append(time.perf_counter() - t0)
                assert r.status_code == 200
            print(f"{path:40s} {statistics.median(times) * 1000:6.0f} ms {max(times) * 1000:6.0f} ms"
                  f" {len(r.content) / 1024:5.1f} kB")
        rt.close()


if __name__ == "__main__":
    main()
