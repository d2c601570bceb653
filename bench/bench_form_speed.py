"""Speed of a warm form check (what a video worker does): every frame vs adaptive sampling.

One :class:`~spotter.services.form_check.FormChecker` is made and warmed on a first clip (not
timed), then checks, side by side in one run, each clip twice: with the pose model on every
frame, and with adaptive sampling (``motion.sampling``, what ``spotter form`` and the workers
use). Clips: the ~5 s real clips in ../shared/data/pose (pull-up_5, push-up_37) and a
minute-long set built with ffmpeg in a temporary folder from pull-up_11 and the same clip played
backwards, one after the other four times (58.7 s, 24 pull-ups with no jump between the pieces:
the clip starts and ends at the hang; cutting different clips together makes jumps the tracker
and the set analysis see as someone else).

Printed per clip and path: wall time and CPU time (all threads of this process; less noisy on
a busy machine) over the clip's duration, the reps counted (completed / unfinished), and the
pose model's runs: the tracker's, the refiner's (the second tracking graph that fills the gaps
adaptive sampling marks) and the look for other people's (each look is 1-4 runs of the
single-frame model). Measured: the check a worker makes of a clip (decoding, the pose graphs,
the look for other people, the analysis), NOT the annotated video, which the worker writes after
it and which is timed on its own per clip (decoding every frame again, drawing, H.264 encoding).
Targets (issue 15): on the adaptive path a 5 s clip under 0.4 of its duration and the
minute-long set under 0.3, with the every-frame path's counts.

    nice -n 10 python bench/bench_form_speed.py [--pose DIR] [--runs 1] [--minute-only | --short-only]
    nice -n 10 python bench/bench_form_speed.py --stages

``--stages`` prints what each stage costs on the short clips instead, in CPU seconds (one
thread at a time, nothing beside it): decoding (demuxing and decoding alone, then with
OpenCV's conversion to BGR, then shrunk to the model's size and turned to RGB), the tracking
graph per frame, the single-frame model per run and one look for other people.

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
MINUTE_FROM = "pull-up_11"  # 7.3 s, 3 pull-ups, from the hang to the hang
MINUTE_TIMES = 4  # forward and backward: 8 x 7.3 s


def minute_set(pose: Path, folder: Path) -> Path:
    """``MINUTE_FROM`` forward, backward, forward, ... in one H.264 mp4 (re-encoded: one clean
    clock)."""
    src = pose / f"{MINUTE_FROM}.mp4"
    back = folder / "backward.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(src), "-vf", "reverse", "-an", str(back)],
        check=True,
    )
    out = folder / "pull-ups-minute.mp4"
    inputs = [arg for _ in range(MINUTE_TIMES) for f in (src, back) for arg in ("-i", str(f))]
    concat = ["-filter_complex", f"concat=n={2 * MINUTE_TIMES}:v=1:a=0", "-an"]
    encode = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", str(out)]
    subprocess.run(["ffmpeg", "-v", "error", "-y", *inputs, *concat, *encode], check=True)
    return out


class Counted:
    """Counts the frames a pose graph runs on (the bench's only look inside the checker)."""

    def __init__(self, pose):  # type: ignore[no-untyped-def]
        self.pose, self.runs = pose, 0
        self.process = pose.process

        def counted(frame, stamp):  # type: ignore[no-untyped-def]
            self.runs += 1
            return self.process(frame, stamp)

        pose.process = counted


def timed(fn):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def stages(pose: Path) -> None:
    """Per-stage CPU costs on the short clips (see the module's docstring)."""
    from spotter.motion.pose import MediaPipePose, PeopleFinder, require_cv2
    from spotter.motion.video import decode, probe, scaled_size, shrink

    cv2 = require_cv2()
    tracker, single = MediaPipePose(), MediaPipePose(static=True)
    finder = PeopleFinder(single)
    print(f"{'clip':<12} {'size':>9} {'frames':>6} {'grab':>6} {'+BGR':>6} {'+RGB':>6} "
          f"{'tracker/frame':>14} {'single/run':>11} {'look':>8}")
    for name in SHORT:
        info = probe(pose / f"{name}.mp4")
        size = scaled_size(info.width, info.height, 1280)
        costs = []
        for level in range(3):
            cap = cv2.VideoCapture(str(info.path))
            cpu = time.process_time()
            while cap.grab():
                if level >= 1:
                    _, bgr = cap.retrieve()
                if level == 2:
                    cv2.cvtColor(shrink(cv2, bgr, size), cv2.COLOR_BGR2RGB)
            costs.append(time.process_time() - cpu)
            cap.release()
        frames = [f for f in decode(info, max_side=1280) if f.image is not None]
        tracker.reset()
        cpu = time.process_time()
        found = [tracker.process(f.image, f.time_ms) for f in frames]  # type: ignore[arg-type]
        per_frame = (time.process_time() - cpu) / len(frames)
        some = frames[:: max(1, len(frames) // 10)]
        cpu = time.process_time()
        for k, f in enumerate(some):
            single.process(f.image, 1000 * k)  # type: ignore[arg-type]
        per_run = (time.process_time() - cpu) / len(some)
        cpu = time.process_time()
        for f, points in zip(some, found[:: max(1, len(frames) // 10)], strict=False):
            finder.others(f.image, [] if points is None else [points], 2)  # type: ignore[arg-type]
        per_look = (time.process_time() - cpu) / len(some)
        print(
            f"{name:<12} {info.width:>4}x{info.height:<4} {len(frames):>6} {costs[0]:>6.2f} "
            f"{costs[1]:>6.2f} {costs[2]:>6.2f} {per_frame * 1000:>11.1f} ms "
            f"{per_run * 1000:>8.1f} ms {per_look * 1000:>5.0f} ms"
        )
    tracker.close()
    finder.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pose", type=Path, default=ROOT.parent / "shared" / "data" / "pose")
    parser.add_argument("--runs", type=int, default=1, help="runs of each path (best kept)")
    parser.add_argument("--minute-only", action="store_true", help="only the minute-long set")
    parser.add_argument("--short-only", action="store_true", help="only the ~5 s clips")
    parser.add_argument("--stages", action="store_true", help="per-stage costs instead")
    args = parser.parse_args()
    if not (args.pose / "pull-up_5.mp4").is_file():
        print(f"skipped: the real clips are not in {args.pose}")
        return 0
    if args.stages:
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        stages(args.pose)
        return 0
    if shutil.which("ffmpeg") is None:
        print("skipped: ffmpeg is not installed")
        return 0

    from spotter.services.catalog import load_catalog
    from spotter.services.form_check import FormChecker, annotate_check

    catalog = load_catalog(None)
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        short = {} if args.minute_only else SHORT
        clips = {name: (args.pose / f"{name}.mp4", slug) for name, slug in short.items()}
        if not args.short_only:
            clips["pull-ups, a minute"] = (minute_set(args.pose, Path(tmp)), "pull-up")
        made, _, checker = timed(FormChecker)
        warm, _, _ = timed(lambda: checker.check(args.pose / "squat_18.mp4", None))
        print(f"FormChecker made in {made:.2f} s; warmed on squat_18 in {warm:.2f} s (not counted)")
        models = checker._models  # counted from here on
        assert models is not None
        graphs = {k: Counted(getattr(models, k)) for k in ("tracker", "refiner", "looker")}
        print(
            f"\n{'clip':<20} {'seconds':>8} {'path':<11} {'wall s':>7} {'wall/dur':>9} "
            f"{'cpu s':>7} {'cpu/dur':>8} {'reps':>5} {'unfinished':>10}  "
            "model runs: tracker + refiner + looks"
        )
        with checker:
            for name, (path, slug) in clips.items():
                ex = catalog.resolve(slug)
                counts = {}
                for label, every in (("every frame", True), ("adaptive", False)):
                    best = None
                    for _ in range(args.runs):
                        for g in graphs.values():
                            g.runs = 0
                        wall, cpu, report = timed(
                            lambda p=path, e=ex, f=every: checker.check(p, e, every_frame=f)
                        )
                        runs = {k: g.runs for k, g in graphs.items()}
                        if best is None or wall < best[0]:
                            best = (wall, cpu, report, runs)
                    wall, cpu, report, runs = best  # type: ignore[misc]
                    dur = report.duration_s
                    unfinished = sum(s.check.unfinished_reps for s in report.sets)
                    counts[label] = (report.reps, unfinished)
                    print(
                        f"{name:<20} {dur:>8.1f} {label:<11} {wall:>7.2f} {wall / dur:>9.2f} "
                        f"{cpu:>7.2f} {cpu / dur:>8.2f} {report.reps:>5} {unfinished:>10}  "
                        f"{runs['tracker']} + {runs['refiner']} + {runs['looker']} "
                        f"of {report.landmarks.n_frames} frames"
                    )
                same = counts["every frame"] == counts["adaptive"]
                print(f"{'':<20} {'':>8} counts {'the same' if same else 'DIFFER'}")
                out = Path(tmp) / "annotated.mp4"
                wall, cpu, _ = timed(lambda p=path, r=report, o=out: annotate_check(p, r, o))
                print(
                    f"{'':<20} {'':>8} {'annotated':<11} {wall:>7.2f} {wall / dur:>9.2f} "
                    f"{cpu:>7.2f} {cpu / dur:>8.2f}  (the worker's second step, not above)"
                )
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
