"""Speed of a warm form check (what a video worker does): every frame vs adaptive sampling.

One :class:`~spotter.services.form_check.FormChecker` is made and warmed on a first clip (not
timed), then checks, side by side in one run, each clip twice: with the pose model on every
frame, and with adaptive sampling (``motion.sampling``, what ``spotter form`` and the workers
use). Clips: the ~5 s real clips in ../shared/data/pose (pull-up_5, push-up_37) and a
minute-long set built from the real pull-up clips (pull-up_11 and pull-up_5 one after the
other, five times, 61 s) with ffmpeg in a temporary folder.

Printed per clip and path: wall time and CPU time (all threads of this process; less noisy on
a busy machine) over the clip's duration, and the reps counted (completed / unfinished).
Targets (issue 15): on the adaptive path a 5 s clip under 0.4 of its duration and the
minute-long set under 0.3, with the every-frame path's counts.

    nice -n 10 python bench/bench_form_speed.py [--pose DIR] [--runs 1]

Needs the vision extra (`spotter vision install`) and ffmpeg.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHORT = {"pull-up_5": "pull-up", "push-up_37": "push-up"}
MINUTE = ["pull-up_11", "pull-up_5"] * 5  # 7.3 s + 4.8 s, five times: 61 s of pull-ups


def minute_set(pose: Path, folder: Path) -> Path:
    """The pull-up clips one after the other in one H.264 mp4 (re-encoded: one clean clock)."""
    listing = folder / "clips.txt"
    listing.write_text("".join(f"file '{pose / name}.mp4'\n" for name in MINUTE))
    out = folder / "pull-ups-minute.mp4"
    concat = ["-f", "concat", "-safe", "0", "-i", str(listing), "-an"]
    encode = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", str(out)]
    subprocess.run(["ffmpeg", "-v", "error", "-y", *concat, *encode], check=True)
    return out


def timed(fn):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pose", type=Path, default=ROOT.parent / "shared" / "data" / "pose")
    parser.add_argument("--runs", type=int, default=1, help="runs of each path (best kept)")
    args = parser.parse_args()
    if not (args.pose / "pull-up_5.mp4").is_file():
        print(f"skipped: the real clips are not in {args.pose}")
        return 0
    if shutil.which("ffmpeg") is None:
        print("skipped: ffmpeg is not installed")
        return 0

    from spotter.services.catalog import load_catalog
    from spotter.services.form_check import FormChecker

    catalog = load_catalog(None)
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        clips = {name: (args.pose / f"{name}.mp4", slug) for name, slug in SHORT.items()}
        clips["pull-ups, a minute"] = (minute_set(args.pose, Path(tmp)), "pull-up")
        made, _, checker = timed(FormChecker)
        warm, _, _ = timed(lambda: checker.check(args.pose / "squat_18.mp4", None))
        print(f"FormChecker made in {made:.2f} s; warmed on squat_18 in {warm:.2f} s (not counted)")
        print(
            f"\n{'clip':<20} {'seconds':>8} {'path':<11} {'wall s':>7} {'wall/dur':>9} "
            f"{'cpu s':>7} {'cpu/dur':>8} {'reps':>5} {'unfinished':>10}"
        )
        with checker:
            for name, (path, slug) in clips.items():
                ex = catalog.resolve(slug)
                counts = {}
                for label, every in (("every frame", True), ("adaptive", False)):
                    best = None
                    for _ in range(args.runs):
                        wall, cpu, report = timed(
                            lambda p=path, e=ex, f=every: checker.check(p, e, every_frame=f)
                        )
                        if best is None or wall < best[0]:
                            best = (wall, cpu, report)
                    wall, cpu, report = best  # type: ignore[misc]
                    dur = report.duration_s
                    unfinished = sum(s.check.unfinished_reps for s in report.sets)
                    counts[label] = (report.reps, unfinished)
                    print(
                        f"{name:<20} {dur:>8.1f} {label:<11} {wall:>7.2f} {wall / dur:>9.2f} "
                        f"{cpu:>7.2f} {cpu / dur:>8.2f} {report.reps:>5} {unfinished:>10}"
                    )
                same = counts["every frame"] == counts["adaptive"]
                print(f"{'':<20} {'':>8} counts {'the same' if same else 'DIFFER'}")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
