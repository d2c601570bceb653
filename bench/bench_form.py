"""Speed of the form check: landmarks to report, and a 720p video end to end.

(a) Landmarks to report (`services.form.check_form`): synthetic 60 s sets (pulldown, squat,
    push-up; the test generator in tests/unit/motion) and the real clips' landmarks, against
    real time. Target: at least 1,000 times faster than real time.
(b) Video to report, end to end, on 720p clips: the real clips in ../shared/data/pose (the
    1080p one is shrunk to 720p in a temporary folder first), three ways:
    - `spotter form CLIP --exercise SLUG --format json` as a fresh process, as a person runs it
      (start-up, imports, model load, decoding, pose, checks, analysis);
    - the same pipeline in-process (`extract_landmarks` then `check_form`);
    - a plain loop that decodes every full-resolution frame and runs the pose model on it, one
      after the other, then the same analysis.
    Target: the whole command in at most half the clip's duration.
(c) Phone footage as it comes (`--phone`), `spotter form` as a fresh process: push-up_37 at
    its own 1080p, the same scaled to 4K (H.264), squat_18 cut to a portrait picture and
    stored on its side with rotation metadata, and pull-up_11 with its mirror image beside it
    and with someone walking through (the test fixtures of tests/integration/footage.py).
    Needs ffmpeg. `--src DIR` runs another checkout's code (before/after comparisons).

    python bench/bench_form.py [--runs 3] [--pose DIR] [--phone] [--src DIR]

Needs the vision extra (`spotter vision install`) for (b) and the real clips' part of (a).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit" / "motion"))  # the synthetic set generator

CLIPS = {
    "pull-up_5": "pull-up",
    "pull-up_11": "pull-up",
    "push-up_37": "push-up",
    "squat_18": "bodyweight-squat",
}

#: Completed reps per clip, from the lead's frame-by-frame review (the label files mark rep
#: boundaries, not completed reps; see tests/integration/test_form_video_real.py).
REVIEWED = {"pull-up_5": 2, "pull-up_11": 3, "push-up_37": 4, "squat_18": 1}


def best_of(runs: int, fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def synthetic_sets() -> dict[str, tuple[str, object]]:
    from motion_synth import RepSpec, make_set

    from spotter.motion.analysis.landmarks import Landmarks

    out = {}
    rng = np.random.default_rng(1)
    for family, slug, spec in (
        ("pulldown", "stepback-pulldown", RepSpec(1.5, 0.5, 2.5, 0.5)),
        ("squat", "barbell-back-squat", RepSpec(2.0, 0.3, 1.2, 0.8)),
        ("push-up", "push-up", RepSpec(1.5, 0.2, 1.0, 0.6)),
    ):
        n = int(56 // (spec.first + spec.turn_pause + spec.second + spec.start_pause))
        s = make_set(family, [spec] * n, noise=0.002, rng=rng, view="side")
        out[f"synthetic {family}, {n} reps"] = (slug, Landmarks.from_array(s.data, fps=30.0))
    return out


def part_a(runs: int, extra: dict[str, tuple[str, object]]) -> None:
    from spotter.services.catalog import load_catalog
    from spotter.services.form import check_form

    catalog = load_catalog(None)
    print("\n(a) landmarks to report (check_form), best of", runs)
    print(f"{'set':<34} {'seconds of video':>16} {'ms':>8} {'x real time':>12} {'reps':>5}")
    sets = {**synthetic_sets(), **extra}
    for name, (slug, lm) in sets.items():
        ex = catalog.resolve(slug)
        check_form(lm, ex)  # warm imports
        t, report = best_of(runs, lambda lm=lm, ex=ex: check_form(lm, ex))
        dur = lm.duration  # type: ignore[attr-defined]
        print(
            f"{name:<34} {dur:>16.1f} {t * 1000:>8.1f} {dur / t:>12,.0f} {report.analysis.count:>5}"
        )  # type: ignore[attr-defined]


def to_720p(src: Path, folder: Path) -> Path:
    import cv2

    cap = cv2.VideoCapture(str(src))
    if int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) == 720:
        return src
    out = folder / f"{src.stem}-720p.mp4"
    writer = cv2.VideoWriter(
        str(out), cv2.VideoWriter_fourcc(*"mp4v"), cap.get(cv2.CAP_PROP_FPS), (1280, 720)
    )
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        writer.write(cv2.resize(frame, (1280, 720), interpolation=cv2.INTER_AREA))
    writer.release()
    return out


def plain_loop(path: Path):  # type: ignore[no-untyped-def]
    """Decode every full-resolution frame and run the pose model on it, sequentially."""
    import cv2

    from spotter.motion.analysis.landmarks import Landmarks
    from spotter.motion.pose import MediaPipePose

    cap = cv2.VideoCapture(str(path))
    fps = cap.get(cv2.CAP_PROP_FPS)
    rows = []
    with MediaPipePose() as pose:
        i = 0
        while True:
            ok, bgr = cap.read()
            if not ok:
                break
            pts = pose.process(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), round(i * 1000 / fps))
            rows.append(np.full((33, 4), np.nan) if pts is None else pts)
            i += 1
    return Landmarks.from_array(np.array(rows), fps=fps)


def long_clip(src: Path, folder: Path, times: int) -> Path:
    """The clip played ``times`` times in a row (forward, backward, ...): a longer 720p set."""
    import cv2

    cap = cv2.VideoCapture(str(src))
    frames = []
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        frames.append(frame)
    out = folder / f"{src.stem}-x{times}.mp4"
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(
        str(out), cv2.VideoWriter_fourcc(*"mp4v"), cap.get(cv2.CAP_PROP_FPS), (w, h)
    )
    for i in range(times):
        for frame in frames if i % 2 == 0 else frames[::-1]:
            writer.write(frame)
    writer.release()
    return out


def part_b(runs: int, pose_dir: Path, tmp: Path) -> dict[str, tuple[str, object]]:
    import cv2

    from spotter.motion.extract import extract_landmarks
    from spotter.services.catalog import load_catalog
    from spotter.services.form import check_form

    catalog = load_catalog(None)
    exe = [str(Path(sys.executable).parent / "spotter")]
    env = {**os.environ, "SPOTTER_DATA_DIR": str(tmp / "data"), "SPOTTER_CACHE_DIR": str(tmp)}
    subprocess.run([*exe, "exercises", "show", "pull-up"], env=env, capture_output=True)
    print(
        f"\n(b) video to report on 720p clips, best of {runs}: seconds, and in brackets the time "
        "as a fraction of the clip's duration (target: spotter form <= 0.5)"
    )
    print(
        f"{'clip':<16} {'size':>9} {'fps':>6} {'clip s':>7} | {'spotter form':>14} | "
        f"{'in-process':>13} | {'plain loop':>13} | reps: form / loop / reviewed"
    )
    landmarks: dict[str, tuple[str, object]] = {}
    videos = []
    for name, slug in CLIPS.items():
        src = pose_dir / f"{name}.mp4"
        if not src.is_file():
            print(f"{name}: {src} absent, skipped")
            continue
        videos.append((name, slug, to_720p(src, tmp)))
    if any(name == "pull-up_11" for name, _, _ in videos):
        src = pose_dir / "pull-up_11.mp4"
        videos.append(("pull-up_11 x8", "pull-up", long_clip(src, tmp, 8)))
    for name, slug, video in videos:
        cap = cv2.VideoCapture(str(video))
        fps = cap.get(cv2.CAP_PROP_FPS)
        size = f"{int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))}x{int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))}"
        dur = cap.get(cv2.CAP_PROP_FRAME_COUNT) / fps
        cmd = [*exe, "form", str(video), "--exercise", slug, "--format", "json"]

        def command(cmd=cmd):  # type: ignore[no-untyped-def]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
            return json.loads(done.stdout)["reps"]

        t_cmd, reps_cmd = best_of(runs, command)
        ex = catalog.resolve(slug)

        def inproc(video=video, ex=ex):  # type: ignore[no-untyped-def]
            lm = extract_landmarks(video).landmarks
            return lm, check_form(lm, ex).analysis.reps

        t_in, (lm, reps_in) = best_of(runs, inproc)  # type: ignore[misc]

        def loop(video=video, ex=ex):  # type: ignore[no-untyped-def]
            return check_form(plain_loop(video), ex).analysis.reps

        t_loop, reps_all = best_of(1, loop)
        reps_loop = len(reps_all)  # type: ignore[arg-type]
        shift = (
            max(
                max(abs(a.start - b.start), abs(a.end - b.end))
                for a, b in zip(reps_in, reps_all, strict=True)  # type: ignore[call-overload]
            )
            if reps_loop == len(reps_in) and reps_loop  # type: ignore[arg-type]
            else float("nan")
        )
        truth = REVIEWED.get(name, "-")
        print(
            f"{name:<16} {size:>9} {fps:>6.2f} {dur:>7.2f} | {t_cmd:>7.2f} ({t_cmd / dur:.2f}) | "
            f"{t_in:>6.2f} ({t_in / dur:.2f}) | {t_loop:>6.2f} ({t_loop / dur:.2f}) | "
            f"{reps_cmd} / {reps_loop} / {truth}; rep ends differ by {shift:.2f} s at most"
        )
        if name in CLIPS:
            landmarks[f"real {name}"] = (slug, lm)
    return landmarks


def ffmpeg_copy(src: Path, out: Path, *args: str) -> Path:
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(src), *args, str(out)],
        check=True,
        capture_output=True,
    )
    return out


def part_c(runs: int, pose_dir: Path, tmp: Path, src: Path | None) -> None:
    import shutil

    import cv2

    if shutil.which("ffmpeg") is None:
        print("(c) skipped: ffmpeg is not installed")
        return
    sys.path.insert(0, str(ROOT / "tests" / "integration"))
    import footage  # the test fixtures

    exe = [str(Path(sys.executable).parent / "spotter")]
    env = {**os.environ, "SPOTTER_DATA_DIR": str(tmp / "data"), "SPOTTER_CACHE_DIR": str(tmp)}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    subprocess.run([*exe, "exercises", "show", "pull-up"], env=env, capture_output=True)
    h264 = ("-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-an")
    squat = pose_dir / "squat_18.mp4"
    cases = [
        ("push-up_37 1080p", "push-up", pose_dir / "push-up_37.mp4"),
        (
            "push-up_37 4K",
            "push-up",
            ffmpeg_copy(pose_dir / "push-up_37.mp4", tmp / "4k.mp4", "-vf", "scale=3840:2160", *h264),
        ),
        (
            "squat_18 portrait, rotated",
            "bodyweight-squat",
            ffmpeg_copy(
                ffmpeg_copy(squat, tmp / "side.mp4", "-vf", "crop=404:720,transpose=1", *h264),
                tmp / "rotated.mp4",
                "-c",
                "copy",
                "-metadata:s:v:0",
                "rotate=90",
            ),
        ),
        ("pull-up_11 + mirror", "pull-up", footage.mirrored(tmp, "pull-up_11")),
        (
            "pull-up_11 + passer-by",
            "pull-up",
            footage.with_passer_by(tmp, "pull-up_11", "squat_18", start=50, length=60),
        ),
    ]
    print(f"\n(c) phone footage, `spotter form` fresh process, best of {runs}" + (f", code from {src}" if src else ""))
    print(f"{'clip':<28} {'stored size':>11} {'clip s':>7} | {'spotter form':>14} | reps / note")
    for name, slug, video in cases:
        cap = cv2.VideoCapture(str(video))
        fps = cap.get(cv2.CAP_PROP_FPS)
        size = f"{int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))}x{int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))}"
        dur = cap.get(cv2.CAP_PROP_FRAME_COUNT) / fps
        cmd = [*exe, "form", str(video), "--exercise", slug, "--format", "json"]

        def command(cmd=cmd):  # type: ignore[no-untyped-def]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                return done.stderr.strip().splitlines()[-1][:70]
            return json.loads(done.stdout)["reps"]

        t_cmd, reps = best_of(runs, command)
        print(f"{name:<28} {size:>11} {dur:>7.2f} | {t_cmd:>7.2f} ({t_cmd / dur:.2f}) | {reps}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pose", type=Path, default=ROOT.parent / "shared" / "data" / "pose")
    parser.add_argument("--phone", action="store_true", help="only part (c), phone footage")
    parser.add_argument("--src", type=Path, default=None, help="run this checkout's src")
    args = parser.parse_args()
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    real: dict[str, tuple[str, object]] = {}
    try:
        import cv2  # noqa: F401
        import mediapipe  # noqa: F401
    except ImportError:
        print("(b) skipped: the vision extra is not installed (spotter vision install)")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            if args.phone:
                part_c(args.runs, args.pose, Path(tmp), args.src)
                return
            real = part_b(args.runs, args.pose, Path(tmp))
    part_a(max(args.runs, 5), real)


if __name__ == "__main__":
    main()
