"""Migration 0005 on a large log, and undoing a large import batch.

Builds a revision-0004 database with a generated history (60 sets a session), then times:

* opening it with this Spotter (migration 0005: uuids and updated_at for every row);
* undoing one batch of the given size (its sets and emptied workouts become tombstones);
* `history` (the newest 50 live sets) afterwards.

    python bench/bench_log_identity.py [--sets 100000] [--batch 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from spotter.services.log import history, list_batches, undo_batch
from spotter.store.db import migrate, open_engine
from spotter.store.uow import SqlUnitOfWork


def build_0004(url: str, n_sets: int, batch: int) -> None:
    old = create_engine(url)
    migrate(old, "0004")
    start = dt.datetime(2020, 1, 1, 18)
    with old.begin() as conn:
        conn.execute(text("INSERT INTO log_batch (id, created_at, command) VALUES (1, :t, 'import')"), {"t": start})
        workouts, sets = [], []
        for i in range(n_sets):
            w = i // 60 + 1
            if i % 60 == 0:
                workouts.append({"id": w, "t": start + dt.timedelta(days=w)})
            sets.append(
                {
                    "id": i + 1,
                    "w": w,
                    "b": 1 if i >= n_sets - batch else None,
                    "p": i % 60,
                    "t": start + dt.timedelta(days=w, minutes=i % 60),
                    "e": f"exercise-{i % 30}",
                    "l": 40 + i % 60,
                    "r": 5 + i % 8,
                }
            )
        conn.execute(
            text("INSERT INTO workout (id, started_at, source) VALUES (:id, :t, 'bench')"), workouts
        )
        conn.execute(
            text(
                "INSERT INTO set_entry (id, workout_id, batch_id, position, performed_at, exercise,"
                " set_type, load_kg, bodyweight, reps) VALUES (:id, :w, :b, :p, :t, :e, 'working',"
                " :l, 0, :r)"
            ),
            sets,
        )
    old.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        build_0004(url, args.sets, args.batch)
        t0 = time.perf_counter()
        engine = open_engine(url)
        migrated = time.perf_counter() - t0
        (b,) = list_batches(SqlUnitOfWork(engine))
        t0 = time.perf_counter()
        undone = undo_batch(SqlUnitOfWork(engine), str(b.id))
        undo = time.perf_counter() - t0
        t0 = time.perf_counter()
        rows = history(SqlUnitOfWork(engine), limit=50)
        hist = time.perf_counter() - t0
        assert undone.set_count == args.batch and len(rows) == 50
        print(f"migration 0005 on {args.sets:,} sets: {migrated * 1000:.0f} ms")
        print(f"undo of a {args.batch:,}-set batch: {undo * 1000:.0f} ms")
        print(f"history (newest 50 live sets) after it: {hist * 1000:.1f} ms")


if __name__ == "__main__":
    main()
