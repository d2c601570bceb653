"""Importing a 10,000-row export: parse, match names, write, in one transaction.

Generates a Strong export (the 2023 comma format) with 10,000 set rows over 25 exercise names,
then times the import into a fresh SQLite database, in process and as a fresh `spotter import`
process, and the re-import of the same file (which must add nothing).

    python bench/bench_import.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from spotter.interchange.detect import parse_any
from spotter.services.catalog import load_catalog
from spotter.services.importer import import_log
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork

NAMES = [
    "Bench Press (Barbell)",
    "Squat (Barbell)",
    "Deadlift (Barbell)",
    "Lat Pulldown (Cable)",
    "Pull Up",
    "Overhead Press (Barbell)",
    "Bicep Curl (Dumbbell)",
    "Triceps Pushdown (Cable - Straight Bar)",
    "Seated Row (Cable)",
    "Leg Press",
    "Leg Extension (Machine)",
    "Lying Leg Curl (Machine)",
    "Plank",
    "Lateral Raise (Dumbbell)",
    "Face Pull (Cable)",
    "Romanian Deadlift (Barbell)",
    "Hip Thrust (Barbell)",
    "Incline Bench Press (Dumbbell)",
    "Chin Up",
    "Calf Raise (Machine)",
    "Hammer Curl (Dumbbell)",
    "Bulgarian Split Squat",
    "Cable Crossover",
    "Shrug (Dumbbell)",
    "Made Up Exercise",
]


def strong_csv(rows: int, seed: int = 3) -> bytes:
    rng = random.Random(seed)
    lines = [
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"
    ]
    day = dt.datetime(2020, 1, 6, 18, 0)
    n = 0
    while n < rows:
        for e in rng.sample(NAMES, 6):
            for s in range(1, 6):
                lines.append(
                    f"{day:%Y-%m-%d %H:%M:%S},Workout,1h 5m,{e},{s},{rng.randint(20, 140)},{rng.randint(3, 12)},0,0,,,"
                )
                n += 1
                if n >= rows:
                    break
            if n >= rows:
                break
        day += dt.timedelta(days=2)
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--rows", type=int, default=10_000)
    args = p.parse_args()
    data = strong_csv(args.rows)
    catalog = load_catalog(None)
    with tempfile.TemporaryDirectory() as home:
        f = Path(home) / "strong.csv"
        f.write_bytes(data)
        engine = open_engine(f"sqlite:///{home}/a.db")
        t0 = time.perf_counter()
        result = parse_any(data, unit="kg")
        t1 = time.perf_counter()
        report = import_log(SqlUnitOfWork(engine), catalog, result)
        t2 = time.perf_counter()
        again = import_log(SqlUnitOfWork(engine), catalog, result)
        t3 = time.perf_counter()
        print(
            f"{args.rows} rows, {report.workouts} workouts, {len(report.names)} names "
            f"({report.by_method})"
        )
        print(
            f"in process: parse {1000 * (t1 - t0):.0f} ms, match + write {1000 * (t2 - t1):.0f} ms, "
            f"total {1000 * (t2 - t0):.0f} ms; imported {report.sets_imported}"
        )
        print(
            f"re-import: {1000 * (t3 - t2):.0f} ms, added {again.sets_imported}, already present {again.already_present}"
        )
        env = dict(
            os.environ,
            SPOTTER_DB=f"sqlite:///{home}/b.db",
            SPOTTER_DATA_DIR=f"{home}/d",
            SPOTTER_CACHE_DIR=f"{home}/c",
        )
        t4 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "spotter.cli", "import", "strong", str(f), "--unit", "kg"],
            env=env,
            check=True,
            capture_output=True,
        )
        print(
            f"`spotter import strong FILE --unit kg` as a fresh process: {1000 * (time.perf_counter() - t4):.0f} ms"
        )


if __name__ == "__main__":
    main()
