"""Start-up of the interactive commands, side by side with a bare ``python -c pass``.

Each command runs as a fresh process, as a person would, on a small database (a profile, a few
weeks of logged sets and an active plan) built once in a temporary folder. The runs are
interleaved (each round runs every case once, in a shuffled order) so that a change in the
machine's load hits all cases alike. Prints per case the median and 95th percentile of the wall
clock and of the CPU time (user + system, which a busy shared machine inflates far less than the
wall clock), and the wall median minus the interpreter's own start-up.

    nice -n 10 python bench/bench_startup.py --runs 21

``--src PATH`` times another checkout's ``src`` folder (e.g. the main branch, for a before/after
table); ``--imports`` also prints, per case, which heavy packages the command imported.

The commands run with compiled bytecode, as an installed package has it (pip compiles at install):
``PYTHONDONTWRITEBYTECODE`` is dropped and the ``.pyc`` files go to a cache inside the temporary
folder (``PYTHONPYCACHEPREFIX``), filled by the warm-up rounds. Without bytecode every run compiles
Spotter's modules again, which costs 80-120 ms here and measures the checkout, not the program.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: (label, target ms or None, arguments after ``spotter``); None as arguments is ``python -c pass``.
CASES: list[tuple[str, float | None, list[str] | None]] = [
    ("python -c pass", None, None),
    ("spotter --help", None, ["--help"]),
    ("spotter exercises show stepback-pulldown", 200.0, ["exercises", "show", "stepback-pulldown"]),
    ("spotter log \"bench press 60kg 5,5,5 @7\"", 300.0, ["log", "bench press 60kg 5,5,5 @7"]),
    ("spotter next bench-press", 300.0, ["next", "bench-press"]),
    ("spotter today", 300.0, ["today"]),
    ("python -c 'import sqlalchemy' (the floor of a command that opens the database)", None,
     ["-c", "import sqlalchemy"]),
]

#: Packages none of the interactive commands should need.
HEAVY = ("sqlalchemy", "alembic", "ortools", "matplotlib", "numpy", "pandas", "fastapi", "scipy")


def _env(data: Path, src: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SPOTTER_") and k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    }
    env["PYTHONPYCACHEPREFIX"] = str(data / "pycache")
    env["SPOTTER_DATA_DIR"] = str(data / "data")
    env["SPOTTER_CACHE_DIR"] = str(data / "cache")
    env["PYTHONPATH"] = str(src)
    env["COLUMNS"] = "100"
    return env


def _argv(args: list[str] | None) -> list[str]:
    if args is None:
        return [sys.executable, "-c", "pass"]
    if args[0] == "-c":  # a bare interpreter case
        return [sys.executable, *args]
    return [sys.executable, "-m", "spotter.cli", *args]


def _setup(data: Path, src: Path) -> None:
    """A profile, three weeks of bench and row sets, an active plan; the catalog cache built."""
    env = _env(data, src)

    def run(*args: str) -> None:
        subprocess.run(_argv(list(args)), env=env, check=True, capture_output=True)

    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    wd = dt.date.today().weekday()  # today is a training day, so `today` shows a session
    days = ",".join(names[(wd + k) % 7] for k in (0, 2, 4))
    run("init", "--units", "kg", "--goal", "hypertrophy", "--days", days,
        "--equipment", "full-gym")
    start = dt.date.today() - dt.timedelta(days=21)
    for week in range(3):
        day = start + dt.timedelta(days=7 * week)
        load = 55 + 2.5 * week
        run("log", f"bench press {load}kg 8,8,7 @8", "--date", day.isoformat())
        run("log", f"stepback pulldown {load}kg 10,10,9 @8", "--date", day.isoformat())
    run("plan", "new")
    run("exercises", "show", "stepback-pulldown")  # builds the catalog cache


def _time(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) milliseconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode()[-2000:]}")
    return wall, cpu


def _heavy_imports(args: list[str], env: dict[str, str]) -> list[str]:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['spotter', *{args!r}]\n"
        "try:\n    runpy.run_module('spotter.cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print('\\n'.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return [line for line in done.stderr.splitlines() if line in HEAVY]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="rounds (each case once per round)")
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    parser.add_argument("--imports", action="store_true", help="list heavy imports per case")
    opts = parser.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="spotter-startup-") as tmp:
        data = Path(tmp)
        _setup(data, opts.src)
        env = _env(data, opts.src)
        times: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
        cpus: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
        rng = random.Random(13)
        for _ in range(2):  # warm the file cache
            for _, _, args in CASES:
                _time(_argv(args), env)
        for _ in range(opts.runs):
            order = list(CASES)
            rng.shuffle(order)
            for label, _, args in order:
                wall, cpu = _time(_argv(args), env)
                times[label].append(wall)
                cpus[label].append(cpu)
        base = statistics.median(times["python -c pass"])
        print(f"source: {opts.src}; {opts.runs} interleaved runs; load average before: "
              f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores")
        print()
        print("| command | wall median | wall p95 | wall - python | CPU median | CPU p95 | target |")
        print("|---|---|---|---|---|---|---|")
        for label, target, args in CASES:
            med, p95 = statistics.median(times[label]), _p95(times[label])
            cpu, cpu95 = statistics.median(cpus[label]), _p95(cpus[label])
            over = "" if args is None else f"{med - base:.0f} ms"
            goal = "" if target is None else f"< {target:.0f} ms"
            print(
                f"| `{label}` | {med:.0f} ms | {p95:.0f} ms | {over} | {cpu:.0f} ms | "
                f"{cpu95:.0f} ms | {goal} |"
            )
        if opts.imports:
            print()
            for label, _, args in CASES:
                if args is not None and args[0] != "-c":
                    heavy = _heavy_imports(args, env)
                    print(f"{label}: {', '.join(heavy) if heavy else 'none of ' + '/'.join(HEAVY)}")


if __name__ == "__main__":
    main()
