"""`spotter progress` and `spotter volume` on a generated history of 100,000 sets.

Generates about six years of training (60 sets a session, 4-5 sessions a week, 30 exercises),
stores it with the project's own store, then times:

* the use case in process (query plus computation): the figure the 200 ms target is about;
* the whole command as a fresh process, which adds Python, library and catalog start-up.

    python bench/bench_log_queries.py [--sets 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from spotter.services.catalog import load_catalog
from spotter.services.training import progress, week_range, weekly_volume
from spotter.store import tables as t
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork


def generate(url: str, n_sets: int, seed: int = 7) -> tuple[str, dt.date]:
    rng = random.Random(seed)
    catalog = load_catalog(None)
    slugs = [e.slug for e in catalog.all() if e.facts.measure == "reps"][:30]
    engine = open_engine(url)
    start = dt.datetime(2024, 1, 1, 18)
    rows, workouts = [], []
    day, wid, per_session = 0, 0, 60
    while len(rows) < n_sets:
        when = start + dt.timedelta(days=day)
        wid += 1
        workouts.append({"id": wid, "started_at": when, "source": "bench"})
        for i in range(per_session):
            slug = slugs[(day + i // 5) % len(slugs)]
            rows.append(
                {
                    "workout_id": wid,
                    "position": i,
                    "performed_at": when + dt.timedelta(minutes=i),
                    "exercise": slug,
                    "set_type": "working",
                    "load_kg": 40 + rng.random() * 60 + day * 0.05,
                    "bodyweight": False,
                    "reps": rng.randint(5, 12),
                    "rpe": rng.choice([7, 7.5, 8, 8.5, 9]),
                }
            )
            if len(rows) >= n_sets:
                break
        day += 2 if day % 7 in (0, 2) else 1
    with engine.begin() as conn:
        conn.execute(insert(t.workout), workouts)
        conn.execute(insert(t.set_entry), rows)
    engine.dispose()
    last = (start + dt.timedelta(days=day)).date()
    return slugs[0], last


def median_ms(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, max(times) * 1000


def main() -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--sets", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as home:
        db = Path(home) / "bench.db"
        url = f"sqlite:///{db}"
        t0 = time.perf_counter()
        slug, last_day = generate(url, args.sets)
        print(
            f"generated {args.sets} sets in {time.perf_counter() - t0:.1f} s ({db.stat().st_size / 1e6:.1f} MB)"
        )
        catalog = load_catalog(None)
        engine = open_engine(url)
        ex_sets = SqlUnitOfWork(engine)

        def do_progress() -> None:
            with ex_sets as uow:
                records = uow.log.sets(exercise=slug)
            progress(records)

        week = last_day - dt.timedelta(days=3)

        def do_volume() -> None:
            start, end = week_range(week)
            with ex_sets as uow:
                records = uow.log.sets(start=start, end=end)
            weekly_volume(records, catalog, week)

        with ex_sets as uow:
            n_ex = len(uow.log.sets(exercise=slug))
        print(f"{'in process':42} {'median':>8} {'max':>8}")
        for label, fn in (
            (f"progress {slug} ({n_ex} sets)", do_progress),
            ("volume (one week)", do_volume),
        ):
            med, worst = median_ms(fn, args.runs)
            print(f"{label:42} {med:6.1f}ms {worst:6.1f}ms")
        env = dict(
            os.environ,
            SPOTTER_DB=url,
            SPOTTER_DATA_DIR=f"{home}/data",
            SPOTTER_CACHE_DIR=f"{home}/cache",
        )
        exe = [sys.executable, "-m", "spotter.cli"]
        subprocess.run(
            [*exe, "exercises", "show", slug], env=env, capture_output=True, check=True
        )  # warm the cache
        print(f"{'whole command (fresh process)':42} {'median':>8} {'max':>8}")
        for cmd in (["progress", slug], ["volume", "--week", week.isoformat()]):
            med, worst = median_ms(
                lambda c=cmd: subprocess.run([*exe, *c], env=env, capture_output=True, check=True),
                args.runs,
            )
            print(f"{'spotter ' + ' '.join(cmd):42} {med:6.0f}ms {worst:6.0f}ms")


if __name__ == "__main__":
    main()
