"""How long each command takes on absurd numbers: none may run for more than a second or two.

Each case runs as a fresh process (what a user waits for) on a copy of a small database with a
profile, a few sets and a plan; a run still going after 30 s is stopped and reported as such.

    nice -n 10 python bench/bench_absurd_numbers.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT_S = 30.0

CASES: list[list[str]] = [
    ["profile"],  # the baseline: start-up, settings and the database, nothing else
    ["log", "bench 99999999kg x5"],
    ["log", "squat 5000000x1 100kg"],
    ["log", "bench 1e308x5"],
    ["log", "squat 100kg 5", "--date", "2099-01-01"],
    ["bodyweight", "1e308kg"],
    ["history", "--limit", str(10**30)],
    ["calibrate", "squat", "--load", "1e308", "--reps", "5", "--rpe", "8"],
    ["calibrate", "squat", "--load", "100", "--reps", str(10**18), "--rpe", "8"],
    ["calc", "e1rm", "1e308", "5"],
    ["calc", "e1rm", "100", str(10**30)],
    ["calc", "load", "--e1rm", "1e308", "--reps", "5", "--rpe", "8"],
    ["calc", "plates", "1000000"],
    ["calc", "plates", "1e9"],
    ["guide", "squat", "--reps", str(10**9), "--speed", "0"],
    ["guide", "squat", "--rest", str(10**9), "--speed", "0"],
    ["init", "--defaults", "--minutes", str(10**30)],
    ["exercises", "search", "press", "--limit", str(10**18)],
    ["exercises", "alternatives", "bp", "--limit", str(10**18)],
    ["plan", "new", "--weeks", str(10**9)],
    ["plan", "show", "--week", str(10**9)],
    ["volume", "--week", "9999-12-31"],
    ["recovery", "--at", "9999-12-31 23:59"],
    ["today", "--date", "9999-12-31"],
    ["progress"],
    ["next", "squat"],
]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="spotter-bench-"))
    env = dict(os.environ, SPOTTER_DATA_DIR=str(work / "data"), SPOTTER_CACHE_DIR=str(work / "c"))
    seed = work / "seed.db"
    spotter = [sys.executable, "-m", "spotter.cli"]
    for args in (
        ["init", "--defaults"],
        ["log", "squat 3x5 100kg", "--date", "2026-11-20"],
        ["plan", "new", "--weeks", "4"],
    ):
        subprocess.run([*spotter, "--db", str(seed), *args], env=env, check=True, capture_output=True)
    print(f"{'command':<62} {'exit':>5} {'seconds':>8}")
    worst = 0.0
    for args in CASES:
        db = work / "run.db"
        shutil.copyfile(seed, db)
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [*spotter, "--db", str(db), *args],
                env=env,
                capture_output=True,
                timeout=TIMEOUT_S,
                text=True,
            )
            code = str(done.returncode)
            if "Traceback" in done.stderr:
                code += " TB"
        except subprocess.TimeoutExpired:
            code = "killed"
        took = time.perf_counter() - start
        worst = max(worst, took)
        shown = " ".join(args)
        print(f"{shown[:62]:<62} {code:>5} {took:8.2f}")
    print(f"slowest: {worst:.2f} s (fresh processes, each including Python start-up)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
