"""Start-up and response time of `spotter exercises search` and `show`.

Runs each command as a fresh process (as a person would), several times, and prints the median
and worst wall-clock time. The first run fills the catalog cache; it is reported separately.

    python bench/bench_catalog_cli.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = [
    ["exercises", "show", "stepback-pulldown"],
    ["exercises", "show", "stepback-pulldown", "--format", "json"],
    ["exercises", "search", "lat pull down"],
    ["exercises", "search", "--muscle", "lats", "--equipment", "cable"],
    ["exercises", "list", "--format", "json"],
    ["--help"],
]


def time_once(exe: list[str], args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [*exe, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    spotter = shutil.which("spotter")
    exe = [spotter] if spotter else [sys.executable, "-m", "spotter.cli"]
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            SPOTTER_DATA_DIR=f"{home}/data",
            SPOTTER_CACHE_DIR=f"{home}/cache",
            COLUMNS="120",
        )
        cold = time_once(exe, COMMANDS[0], env)
        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}"
        )
        print(f"first run (builds the catalog cache): {cold * 1000:.0f} ms")
        print(f"{'command':58} {'median':>8} {'max':>8}")
        for cmd in COMMANDS:
            times = [time_once(exe, cmd, env) for _ in range(args.runs)]
            label = "spotter " + " ".join(cmd)
            print(f"{label:58} {statistics.median(times) * 1000:6.0f}ms {max(times) * 1000:6.0f}ms")
        # without the cache: parse and validate every file
        shutil.rmtree(Path(home) / "cache", ignore_errors=True)
        env_nocache = dict(env, SPOTTER_CACHE_DIR="/dev/null/nowhere")
        times = [time_once(exe, COMMANDS[0], env_nocache) for _ in range(5)]
        print(
            f"{'spotter exercises show (no usable cache)':58} {statistics.median(times) * 1000:6.0f}ms "
            f"{max(times) * 1000:6.0f}ms"
        )


if __name__ == "__main__":
    main()
