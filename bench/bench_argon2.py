"""What a password costs: Argon2id hash and verify with Spotter's production parameters.

Prints the CPU and wall time per operation (median of ``--runs``) for the production parameters
and for the cheap ones the tests use, beside the machine's load. A login verifies once (an
unknown username too), a registration or a password change hashes once.

    python bench/bench_argon2.py --runs 10
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from spotter.services.auth import FAST_FOR_TESTS, PRODUCTION, Passwords


def _measure(passwords: Passwords, runs: int) -> dict[str, tuple[float, float]]:
    secret = "correct horse battery staple"
    out: dict[str, tuple[float, float]] = {}
    stored = passwords.hash(secret)
    for name, op in (("hash", lambda: passwords.hash(secret)),
                     ("verify", lambda: passwords.verify(stored, secret))):
        cpu, wall = [], []
        for _ in range(runs):
            c, w = time.process_time(), time.perf_counter()
            op()
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - w)
        out[name] = (statistics.median(cpu), statistics.median(wall))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    for label, params in (("production", PRODUCTION), ("tests", FAST_FOR_TESTS)):
        figures = _measure(Passwords(params), args.runs)
        print(
            f"{label}: m={params.memory_cost} KiB t={params.time_cost} p={params.parallelism}  "
            + "  ".join(
                f"{op} {cpu * 1000:.1f} ms CPU / {wall * 1000:.1f} ms wall"
                for op, (cpu, wall) in figures.items()
            )
        )


if __name__ == "__main__":
    main()
