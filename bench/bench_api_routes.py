"""Latency of the API's everyday routes, in process (no network), on SQLite or PostgreSQL.

One lifter with a bearer token logs ``--sets`` sets one request at a time (each a retry-safe
``POST log/sets``), then the script times a retry of a stored set, pages of 50 sets, the change
feed, progress and a single set read. Prints the median and 95th percentile per route, in ms.

    python bench/bench_api_routes.py                       # a temporary SQLite file
    python bench/bench_api_routes.py --db postgresql+psycopg://USER:PW@HOST:PORT/EMPTY_DB
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _timed(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        r = fn()
        out.append((time.perf_counter() - start) * 1000)
        assert r.status_code < 300, r.text
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="An empty database URL (default: a temporary SQLite file).")
    parser.add_argument("--sets", type=int, default=300, help="Sets to log first (default 300).")
    parser.add_argument("--runs", type=int, default=50, help="Timed calls per read route.")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from spotter.access.model import Role
    from spotter.api.app import create_app
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.services.auth import create_token
    from spotter.store.db import open_engine

    home = Path(tempfile.mkdtemp(prefix="spotter-bench-api-"))
    url = args.db or f"sqlite:///{home / 'spotter.db'}"
    open_engine(url, auto_migrate=True).dispose()
    rt = Runtime(Settings(url, home / "data", home / "cache"), auto_migrate=False)
    with rt.uow() as uow:
        user = uow.accounts.add_user(
            username=f"bench-{uuid.uuid4().hex[:6]}", role=Role.LIFTER, timezone="UTC",
            password_hash=None, now=rt.now(),
        )
        uow.commit()
    token = create_token(rt.uow(), user.id, name="bench", scopes="read,write", now=rt.now()).token
    client = TestClient(create_app(rt), headers={"Authorization": f"Bearer {token}"})
    base = "/api/v1/users/me"
    client.put(f"{base}/profile", json={
        "units": "kg", "goal": "strength", "experience": "intermediate",
        "training_days": ["mon", "wed", "fri"], "minutes_per_session": 60,
        "equipment": ["full-gym"],
    }).raise_for_status()
    start = dt.datetime(2026, 1, 5, 18, 0)
    bodies = [
        {"uuid": str(uuid.uuid4()), "exercise": "barbell-back-squat", "load": 60 + i % 40,
         "reps": 5, "performed_at": (start + dt.timedelta(hours=8 * i)).isoformat()}
        for i in range(args.sets)
    ]
    it = iter(bodies)
    results = {"POST log/sets (new)": _timed(lambda: client.post(f"{base}/log/sets",
                                                                  json=next(it)), args.sets)}
    results["POST log/sets (retry)"] = _timed(
        lambda: client.post(f"{base}/log/sets", json=bodies[0]), args.runs
    )
    results["GET log/sets?limit=50"] = _timed(
        lambda: client.get(f"{base}/log/sets", params={"limit": 50}), args.runs
    )
    results["GET log/sets/{uuid}"] = _timed(
        lambda: client.get(f"{base}/log/sets/{bodies[1]['uuid']}"), args.runs
    )
    results["GET changes (everything)"] = _timed(
        lambda: client.get(f"{base}/changes", params={"limit": 1000}), max(5, args.runs // 5)
    )
    results["GET progress"] = _timed(lambda: client.get(f"{base}/progress"), max(5, args.runs // 5))
    print(f"database: {url.split('://')[0]}; {args.sets} sets logged; in process, one client")
    print(f"{'route':32} {'median ms':>10} {'p95 ms':>8} {'calls':>6}")
    for name, times in results.items():
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)
        print(f"{name:32} {statistics.median(times):10.1f} {p95:8.1f} {len(times):6}")
    client.close()
    rt.close()


if __name__ == "__main__":
    main()
