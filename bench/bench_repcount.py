"""The generic rep counter on RepCount landmarks, against a plain baseline, per exercise type.

Data: ../shared/data/repcount-dev (80 RepCount test sequences as BlazePose landmarks, true
counts and per-rep start/end frames; 30 fps). For each sequence, two counters:

- **generic**: `spotter.motion.analysis.counter.count_generic` after `prepare` (gap filling
  and smoothing), as the form check runs it for an exercise without a dedicated family;
- **baseline**: the plain counter the issue describes, written here: the first principal
  component of the hip-centred skeleton, its period from the autocorrelation's highest peak,
  and a rep per peak at least half a period apart and at least half a standard deviation
  prominent.

Figures per exercise type and overall: MAE (mean of |counted - true| / true), OBO (share of
sequences within one rep), and the boundary error in frames: for each sequence, the mean
distance from every true rep start/end to the nearest counted rep start/end and back (both
ways, so that extra or missing reps cost); the median over the sequences where both exist,
and the same over the sequences counted exactly (how well the reps found are placed).
RepCount's reps meet: each runs to the next one's start. The generic counter's reps end when
the body is back at the start position, so for the comparison a rep is extended to the next
one's start unless the pause between them is longer than the rep.
Time: landmarks to count per sequence, and the video seconds analysed per second.

Leave-one-type-out. The counter's four choices that data could tune (how well a rep must
repeat its neighbour, how small a first or last movement is partial, how much a channel's
size counts against how well it repeats: ``RIDGE``, and how well the component must follow
the elbows, hips and knees for their straight end to be the start position:
``EXTENDED_CORR``) are refitted on a grid for each held-out type using the other types only;
the held-out type is then counted with them. The
figures with the shipped constants and the leave-one-type-out figures should be close: a
method tuned to these sequences would lose accuracy when refitted without the type.

Speed. Landmarks to count for each sequence (best of ``--runs``), and the form check's
landmarks to report (`check_form` without an exercise, so the generic counter) on the three
synthetic 60 s sets that bench/bench_form.py uses, with the dedicated family's time beside it.
Target: over 1,000 times real time.

    python bench/bench_repcount.py [--data DIR] [--runs 3] [--speed-only]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import itertools
import os
import platform
import re
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from spotter.motion.analysis.counter import (
    EDGE_PARTIAL,
    EXTENDED_CORR,
    MIN_REPEAT,
    RIDGE,
    GenericCount,
    count_generic,
    judge,
)
from spotter.motion.analysis.filters import find_peaks
from spotter.motion.analysis.landmarks import LandmarkError, Landmarks
from spotter.motion.analysis.periodic import acf_period, autocovariance, filled
from spotter.motion.analysis.pipeline import prepare

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "repcount-dev"
FPS = 30.0
#: Spelling variants of RepCount's type names.
ALIASES = {"squant": "squat"}
GRID_REPEAT = (0.3, 0.5, 0.6, 0.7, 0.8)
GRID_PARTIAL = (0.3, 0.5, 0.7, 0.8, 0.9)
#: 1e9: the channels' size alone (the lag autocovariance's top eigenvector).
GRID_RIDGE = (0.3, 1.0, 3.0, 1e9)
#: 2: never (the start position from the clip's ends or dwell alone).
GRID_EXTENDED = (0.3, 0.5, 0.7, 2.0)


@dataclass
class Sequence:
    name: str
    kind: str
    count: int
    #: True (start, end) frames per rep.
    reps: list[tuple[int, int]]
    landmarks: Landmarks


@dataclass
class Result:
    count: int
    bounds: list[tuple[float, float]] = field(default_factory=list)  # frames
    seconds: float = 0.0


def kind_of(raw: str) -> str:
    """RepCount's type names with their spelling variants folded: 'pullups' -> 'pull_up'."""
    key = re.sub(r"[^a-z]", "", raw.lower())
    key = ALIASES.get(key, key)
    canonical = {
        "benchpressing": "bench_pressing",
        "frontraise": "front_raise",
        "jumpjack": "jump_jack",
        "jumpjacks": "jump_jack",
        "pullup": "pull_up",
        "pullups": "pull_up",
        "pushup": "push_up",
        "pushups": "push_up",
    }
    return canonical.get(key, key)


def load(folder: Path) -> list[Sequence]:
    out = []
    with (folder / "annotation.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            marks = [int(float(v)) for k, v in row.items() if k and k.startswith("L") and v]
            arr = np.load(folder / row["name"].replace(".mp4", ".npy"))[:, :99]
            xyz = arr.astype(np.float64).reshape(-1, 33, 3)
            xyz[(xyz == 0).all(axis=(1, 2))] = np.nan  # a row of zeros: nobody found
            out.append(
                Sequence(
                    row["name"],
                    kind_of(row["type"]),
                    int(row["count"]),
                    list(itertools.pairwise(marks))[::2],
                    Landmarks.from_array(xyz, fps=FPS),
                )
            )
    return out


def baseline(lm: Landmarks) -> Result:
    """First principal component, autocorrelation period, peaks half a period apart."""
    seen = np.isfinite(lm.xy).all(axis=(1, 2))
    xy = np.full(lm.xy.shape, np.nan)
    xy[seen] = lm.xy[seen] - lm.xy[seen].mean(axis=1, keepdims=True)
    flat = filled(xy.reshape(lm.n_frames, -1))
    flat = flat - flat.mean(axis=0)
    _, _, vt = np.linalg.svd(flat, full_matrices=False)
    pc = flat @ vt[0]
    acov = autocovariance(pc[:, None])[:, 0]
    if acov[0] <= 0:
        return Result(0)
    period, _ = acf_period(acov / acov[0], lm.fps, lm.n_frames // 2)
    distance = 0.5 * period * lm.fps if np.isfinite(period) else lm.fps / 2
    peaks = find_peaks(pc, prominence=0.5 * float(np.std(pc)), distance=distance)
    bounds = []
    for p in peaks:
        half = distance
        bounds.append((max(0.0, p - half), min(lm.n_frames - 1.0, p + half)))
    return Result(len(peaks), bounds)


def generic(counted: GenericCount) -> Result:
    """Counted reps with RepCount's boundaries: a rep runs to the next one's start (the pause
    at the start position is part of it) unless that pause is longer than the rep itself."""
    fps = counted.signal.fps
    spans = counted.boundaries()
    bounds = []
    for i, (a, b) in enumerate(spans):
        if i + 1 < len(spans) and spans[i + 1][0] - b < b - a:
            b = spans[i + 1][0]
        bounds.append((a * fps, b * fps))
    return Result(counted.count, bounds)


def boundary_error(truth: list[tuple[int, int]], got: list[tuple[float, float]]) -> float:
    """Mean distance (frames) from each true boundary to the nearest found one and back."""
    if not truth or not got:
        return float("nan")
    t = np.array([b for pair in truth for b in pair], dtype=np.float64)
    g = np.array([b for pair in got for b in pair], dtype=np.float64)
    d = np.abs(t[:, None] - g[None, :])
    return float((d.min(axis=1).mean() + d.min(axis=0).mean()) / 2)


def figures(
    seqs: list[Sequence], results: list[Result]
) -> tuple[float, float, float, float]:
    """MAE, OBO, and the median over sequences of the boundary error (frames), over all and
    over the exactly counted ones (a median: one sequence's boundaries, stu6_68, are marked
    in seconds, not frames)."""
    pairs = list(zip(seqs, results, strict=True))
    errors = [abs(r.count - s.count) / s.count for s, r in pairs]
    obo = [abs(r.count - s.count) <= 1 for s, r in pairs]
    bounds = [boundary_error(s.reps, r.bounds) for s, r in pairs]
    exact = [b for b, (s, r) in zip(bounds, pairs, strict=True) if r.count == s.count]

    def median(xs: list[float]) -> float:
        xs = [x for x in xs if np.isfinite(x)]
        return float(np.median(xs)) if xs else float("nan")

    return float(np.mean(errors)), float(np.mean(obo)), median(bounds), median(exact)


def form_speed(runs: int) -> None:
    """check_form without an exercise (the generic counter) against the family's counter."""
    sys.path.insert(0, str(ROOT / "tests" / "unit" / "motion"))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_form import best_of, synthetic_sets

    from spotter.services.catalog import load_catalog
    from spotter.services.form import check_form

    catalog = load_catalog(None)
    print("form check, landmarks to report, best of", runs, "(x real time):")
    for name, (slug, lm) in synthetic_sets().items():
        ex = catalog.resolve(slug)
        t_family, _ = best_of(runs, lambda lm=lm, ex=ex: check_form(lm, ex))
        t_generic, got = best_of(runs, lambda lm=lm: check_form(lm, None))
        dur = lm.duration  # type: ignore[attr-defined]
        print(
            f"- {name} ({dur:.0f} s): generic {1000 * t_generic:.0f} ms, {dur / t_generic:,.0f}x,"
            f" {got.analysis.count} reps; its family {1000 * t_family:.0f} ms,"  # type: ignore[attr-defined]
            f" {dur / t_family:,.0f}x"
        )


def speed_figures(seqs: list[Sequence], video: float, seconds: float, cpu: float) -> None:
    """Landmarks to count per sequence: wall clock, and CPU time (steadier on a busy machine)."""
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}; python {platform.python_version()}"
    )
    print(
        f"generic counter: {1000 * seconds / len(seqs):.0f} ms per sequence, "
        f"{video / seconds:,.0f}x real time; CPU {1000 * cpu / len(seqs):.0f} ms, "
        f"{video / cpu:,.0f}x (landmarks to count, gap filling and smoothing in)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=3, help="timing runs per sequence (best)")
    parser.add_argument(
        "--speed-only", action="store_true", help="only the timings (for a quiet moment)"
    )
    args = parser.parse_args()
    if not (args.data / "annotation.csv").is_file():
        sys.exit(f"{args.data}/annotation.csv not found: the RepCount landmarks are needed")
    seqs = load(args.data)
    prepared = [prepare(s.landmarks) for s in seqs]
    seconds = cpu = 0.0
    for s in seqs:  # timed: landmarks to count, gap filling and smoothing included
        best = best_cpu = float("inf")
        for _ in range(max(1, args.runs)):
            start, start_cpu = time.perf_counter(), time.process_time()
            with contextlib.suppress(LandmarkError):
                count_generic(prepare(s.landmarks))
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - start_cpu)
        seconds += best
        cpu += best_cpu
    video = sum(s.landmarks.duration for s in seqs)
    if args.speed_only:
        print(f"load {os.getloadavg()[0]:.1f} before the form check")
        speed_figures(seqs, video, seconds, cpu)
        form_speed(max(args.runs, 5))
        print(f"load {os.getloadavg()[0]:.1f} at the end")
        return
    base = [baseline(p) for p in prepared]
    refused: dict[str, str] = {}

    def counted(ridge: float, ext: float) -> list[GenericCount | None]:
        out: list[GenericCount | None] = []
        for s, p in zip(seqs, prepared, strict=True):
            try:
                out.append(count_generic(p, ridge=ridge, extended_corr=ext))
            except LandmarkError as err:  # nobody in any frame: counted as 0
                refused[s.name] = str(err)
                out.append(None)
        return out

    found = {(r, e): counted(r, e) for r in GRID_RIDGE for e in GRID_EXTENDED}

    def shipped(
        i: int,
        rep: float = MIN_REPEAT,
        part: float = EDGE_PARTIAL,
        ridge: float = RIDGE,
        ext: float = EXTENDED_CORR,
    ) -> Result:
        f = found[ridge, ext][i]
        if f is None:
            return Result(0)
        return generic(judge(f, min_repeat=rep, edge_partial=part))

    ours = [shipped(i) for i in range(len(seqs))]
    # Leave one type out: the choices refitted on the other types (counts only: the reps'
    # timing, which does not change them, is left out to save time).
    for key, fs in found.items():
        found[key] = [None if f is None else replace(f, timing=None) for f in fs]
    grid = list(itertools.product(GRID_REPEAT, GRID_PARTIAL, GRID_RIDGE, GRID_EXTENDED))
    by_setting = {g: [shipped(i, *g) for i in range(len(seqs))] for g in grid}
    loto: list[Result] = [Result(0)] * len(seqs)
    chosen: dict[str, tuple[float, float, float, float]] = {}
    kinds = sorted({s.kind for s in seqs})
    for kind in kinds:
        train = [i for i, s in enumerate(seqs) if s.kind != kind]

        def train_mae(g: tuple[float, float, float, float], train: list[int] = train) -> float:
            return figures([seqs[i] for i in train], [by_setting[g][i] for i in train])[0]

        best_g = min(grid, key=train_mae)
        chosen[kind] = best_g
        for i, s in enumerate(seqs):
            if s.kind == kind:
                loto[i] = by_setting[best_g][i]

    print(f"# RepCount dev: {len(seqs)} sequences, {video:.0f} s of landmarks at {FPS:g} fps")
    speed_figures(seqs, video, seconds, cpu)
    form_speed(max(args.runs, 5))
    print()
    print(
        "| type | n | generic MAE | OBO | boundary (frames) | exact count: boundary |"
        " LOTO MAE | LOTO OBO | baseline MAE | OBO | boundary | exact count: boundary |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind in [*kinds, "all"]:
        idx = [i for i, s in enumerate(seqs) if kind in ("all", s.kind)]
        sub = [seqs[i] for i in idx]
        g = figures(sub, [ours[i] for i in idx])
        lo = figures(sub, [loto[i] for i in idx])
        b = figures(sub, [base[i] for i in idx])
        print(
            f"| {kind} | {len(idx)} | {g[0]:.3f} | {g[1]:.2f} | {g[2]:.1f} | {g[3]:.1f} | "
            f"{lo[0]:.3f} | {lo[1]:.2f} | {b[0]:.3f} | {b[1]:.2f} | {b[2]:.1f} | {b[3]:.1f} |"
        )
    print()
    print(
        f"shipped: min_repeat {MIN_REPEAT}, edge_partial {EDGE_PARTIAL}, ridge {RIDGE}, "
        f"extended_corr {EXTENDED_CORR}; refitted per held-out type "
        "(min_repeat/edge_partial/ridge/extended_corr): "
        + ", ".join(f"{k} {v[0]}/{v[1]}/{v[2]:g}/{v[3]:g}" for k, v in chosen.items())
    )
    for name, reason in refused.items():
        print(f"{name}: counted 0 ({reason})")
    for s, f in zip(seqs, found[RIDGE, EXTENDED_CORR], strict=True):
        if f is not None and f.unseen >= 1.0:
            print(
                f"{s.name}: {f.unseen:.1f} s without anyone seen among the counted reps"
                f" (counted {f.count}, true {s.count})"
            )


if __name__ == "__main__":
    main()
