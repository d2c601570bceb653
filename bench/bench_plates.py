"""Plate maths speed: :func:`spotter.science.plates.load_barbell` over targets from a normal bar
to absurd ones, and the whole `spotter calc plates` command (a fresh process) on loads it
accepts and on ones it refuses.

    python bench/bench_plates.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

from spotter.science.plates import (
    BAR_20_KG,
    BAR_45_LB,
    COMMON_KG,
    POWERLIFTING_KG,
    STANDARD_LB,
    Barbell,
    PlateInventory,
    load_barbell,
)
from spotter.science.units import Unit, to_kg

KIT = {
    "common kg": Barbell(BAR_20_KG, COMMON_KG),
    "powerlifting kg": Barbell(BAR_20_KG, POWERLIFTING_KG),
    "pounds": Barbell(BAR_45_LB, STANDARD_LB),
    "counted kg": Barbell(
        BAR_20_KG, PlateInventory.counted({25: 8, 20: 2, 10: 4, 5: 2, 2.5: 2, 1.25: 2}, Unit.KG)
    ),
}
TARGETS = (102.5, 487.3, 1e4, 1e6, 1e9)
COMMANDS = (["102.5"], ["500"], ["1000000"], ["1e9"], ["225", "--unit", "lb"])


def _median(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}")
    print("load_barbell, median of", args.runs)
    for name, kit in KIT.items():
        cells = []
        for target in TARGETS:
            kg = to_kg(target, Unit.LB) if kit.plates.unit is Unit.LB else target
            t = _median(lambda kg=kg, kit=kit: load_barbell(kg, kit), args.runs)
            cells.append(f"{target:g}: {t * 1000:.2f} ms")
        print(f"  {name:16} " + " | ".join(cells))
    print("spotter calc plates (whole command), median of", args.runs)
    for extra in COMMANDS:
        cmd = [sys.executable, "-m", "spotter.cli", "calc", "plates", *extra]
        t = _median(lambda cmd=cmd: subprocess.run(cmd, capture_output=True, check=False), args.runs)
        print(f"  calc plates {' '.join(extra):16} {t:.2f} s")


if __name__ == "__main__":
    main()
