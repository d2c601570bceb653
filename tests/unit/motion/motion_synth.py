"""Test-only generator: a 33-point BlazePose skeleton doing a set with a known tempo.

The skeleton is built from two key poses per exercise (start and turn) and moved between them
along a half-cosine profile with the given phase durations, pauses, idle time, range, noise
and dropped frames. Every expected value in the motion tests comes from ``SynthSet.reps``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

# A front view, image coordinates (x right, y down). Left/right are the person's.
_BODY: dict[int, tuple[float, float]] = {
    0: (0.50, 0.22),  # nose
    1: (0.51, 0.21),
    2: (0.515, 0.21),
    3: (0.52, 0.21),
    4: (0.49, 0.21),
    5: (0.485, 0.21),
    6: (0.48, 0.21),
    7: (0.53, 0.225),
    8: (0.47, 0.225),
    9: (0.51, 0.245),
    10: (0.49, 0.245),
    11: (0.56, 0.32),
    12: (0.44, 0.32),  # shoulders
    23: (0.54, 0.57),
    24: (0.46, 0.57),  # hips: torso length 0.25
    25: (0.55, 0.72),
    26: (0.45, 0.72),  # knees
    27: (0.55, 0.88),
    28: (0.45, 0.88),  # ankles
    29: (0.55, 0.895),
    30: (0.45, 0.895),  # heels
    31: (0.56, 0.90),
    32: (0.44, 0.90),  # foot index
}
TORSO = 0.25

#: Pulldown arms (elbow, wrist) at the start (overhead) and at the turn (upper chest).
_PULLDOWN_START = {13: (0.59, 0.19), 14: (0.41, 0.19), 15: (0.60, 0.07), 16: (0.40, 0.07)}
_PULLDOWN_TURN = {13: (0.63, 0.45), 14: (0.37, 0.45), 15: (0.61, 0.35), 16: (0.39, 0.35)}
#: Hand height above the shoulders (torso lengths) at the start and at the turn.
PULLDOWN_HAND_HEIGHT = ((0.32 - 0.07) / TORSO, (0.32 - 0.35) / TORSO)

#: Squat: arms hold a bar on the back; the whole upper body drops by this much at full depth.
_SQUAT_ARMS = {13: (0.62, 0.38), 14: (0.38, 0.38), 15: (0.60, 0.30), 16: (0.40, 0.30)}
SQUAT_DROP = 0.20
#: Hip height above the ankles (torso lengths) standing and at full depth.
SQUAT_HIP_HEIGHT = ((0.88 - 0.57) / TORSO, (0.88 - 0.57 - SQUAT_DROP) / TORSO)


@dataclass(frozen=True)
class RepSpec:
    """What to generate for one rep (seconds; depth is the fraction of the full range)."""

    first: float
    turn_pause: float
    second: float
    start_pause: float
    depth: float = 1.0
    #: Torso lean at the turn, degrees (the lean grows with the movement): the swing range.
    swing: float = 0.0
    #: Forearm tilt from vertical at the turn, degrees (pulldown: elbows out from the hands).
    flare: float = 0.0
    #: Torso lean held at the start of this rep, degrees (it changes smoothly between reps).
    lean: float = 0.0
    #: How much less the right hand travels, fraction of the left's travel (pulldown).
    asymmetry: float = 0.0
    #: Squat: knees inside the ankles at the bottom, fraction of the hip width.
    valgus: float = 0.0
    #: Push-up: hips below (+) or above (-) the shoulder-ankle line at the bottom, torso lengths.
    sag: float = 0.0


@dataclass(frozen=True)
class TrueRep:
    """Ground truth for one rep, in seconds from the start of the clip."""

    start: float
    end: float
    first: float
    turn_pause: float
    second: float
    pause_at_start: float | None
    depth: float


@dataclass(frozen=True)
class SynthSet:
    data: Array  # (frames, 33, 4)
    fps: float
    family: str
    reps: tuple[TrueRep, ...]
    view: str | None = None


#: Camera yaw per view, degrees (0: facing the lifter's front, or a push-up's head end).
VIEW_YAW = {"front": 0.0, "oblique": 45.0, "side": 90.0}
#: Push-up: floor height in the image, shoulder height above the hands at the top and bottom.
FLOOR = 0.85
PUSHUP_TOP, PUSHUP_BOTTOM = 0.26, 0.07
#: Row: how far the elbow bends from straight (degrees) at the turn.
ROW_SWING = 110.0
#: Push-up arm segment length (upper arm = forearm) and body length from shoulder to ankle.
_SEG, _BODY_LEN = 0.13, 0.70


def _progress(
    specs: list[RepSpec], fps: float, idle_before: float, idle_after: float
) -> tuple[Array, list[Array], tuple[TrueRep, ...]]:
    """Per frame, the fraction of the way from start to turn of the set and of each rep."""
    total = idle_before + idle_after
    for i, s in enumerate(specs):
        total += s.first + s.turn_pause + s.second + (s.start_pause if i + 1 < len(specs) else 0)
    t = np.arange(int(np.ceil(total * fps)) + 1) / fps
    p = np.zeros_like(t)
    comps: list[Array] = []
    truth: list[TrueRep] = []
    t0 = idle_before
    for i, s in enumerate(specs):
        last = i + 1 == len(specs)
        up = np.clip((t - t0) / s.first, 0, 1)
        t_leave = t0 + s.first + s.turn_pause
        down = np.clip((t - t_leave) / s.second, 0, 1)
        comp = (1 - np.cos(np.pi * up)) / 2 - (1 - np.cos(np.pi * down)) / 2
        comps.append(comp)
        p += s.depth * comp
        end = t_leave + s.second
        truth.append(
            TrueRep(
                t0, end, s.first, s.turn_pause, s.second, None if last else s.start_pause, s.depth
            )
        )
        t0 = end + s.start_pause
    return p, comps, tuple(truth)


def _lerp(a: tuple[float, float], b: tuple[float, float], p: Array) -> Array:
    return np.stack([a[0] + (b[0] - a[0]) * p, a[1] + (b[1] - a[1]) * p], axis=1)


def _per_rep(specs: list[RepSpec], comps: list[Array], p: Array, field: str) -> Array:
    return sum((getattr(s, field) * c for s, c in zip(specs, comps, strict=True)), np.zeros_like(p))


def pushup_track(
    p: Array, comps: list[Array], specs: list[RepSpec], bent_top: float = 0.0
) -> Array:
    """3-D positions (frames, 33, 3): lateral x, image y, and f along the body (head +).

    ``bent_top``: degrees the elbows stay short of straight at the top (a soft lockout).
    """
    out = np.zeros((p.size, 33, 3))
    top = 2 * _SEG * np.sin(np.radians(180.0 - bent_top) / 2)
    h = top + (PUSHUP_BOTTOM - top) * p  # shoulder height above the hands
    sy = FLOOR - h
    sag = _per_rep(specs, comps, p, "sag") * TORSO
    for side, lat in ((0, 0.07), (1, -0.07)):  # 0: left (image right in a front view)
        sh, el, wr = (11, 13, 15) if side == 0 else (12, 14, 16)
        hip, knee, ankle, heel, toe = (23, 25, 27, 29, 31) if side == 0 else (24, 26, 28, 30, 32)
        out[:, wr] = np.stack([np.full_like(p, lat), np.full_like(p, FLOOR), np.zeros_like(p)], 1)
        out[:, sh] = np.stack([np.full_like(p, lat), sy, np.zeros_like(p)], 1)
        back = np.sqrt(np.clip(_SEG**2 - (h / 2) ** 2, 0, None))  # elbows tuck back
        out[:, el] = np.stack([np.full_like(p, lat), sy + h / 2, -back], 1)
        hip_f = -TORSO * _BODY_LEN / (_BODY_LEN + 0.02)
        frac = -hip_f / _BODY_LEN
        out[:, hip] = np.stack(
            [np.full_like(p, lat * 0.6), sy + frac * h + sag, np.full_like(p, hip_f)], 1
        )
        out[:, knee] = np.stack(
            [np.full_like(p, lat * 0.6), sy + 0.66 * h, np.full_like(p, -0.47)], 1
        )
        out[:, ankle] = np.stack(
            [
                np.full_like(p, lat * 0.6),
                np.full_like(p, FLOOR - 0.03),
                np.full_like(p, -_BODY_LEN),
            ],
            1,
        )
        out[:, heel] = out[:, ankle] + (0.0, -0.02, -0.02)
        out[:, toe] = out[:, ankle] + (0.0, 0.03, 0.01)
    head = out[:, [11, 12]].mean(axis=1) + np.array((0.0, -0.02, 0.08))
    for j in range(11):
        out[:, j] = head + np.array((0.01 * ((j % 3) - 1), 0.0, 0.0))
    out[:, 7] = head + np.array((0.03, 0.0, -0.01))
    out[:, 8] = head + np.array((-0.03, 0.0, -0.01))
    for hand, wrist, df in (
        (17, 15, 0.015),
        (19, 15, 0.02),
        (21, 15, 0.01),
        (18, 16, 0.015),
        (20, 16, 0.02),
        (22, 16, 0.01),
    ):
        out[:, hand] = out[:, wrist] + (0.0, 0.0, df)
    return out


def project(xyz: Array, view: str, cx: float = 0.5) -> tuple[Array, Array]:
    """Image x, y and depth z seen by a camera at the view's yaw (orthographic)."""
    yaw = np.radians(VIEW_YAW[view])
    lat = xyz[..., 0] - cx
    x = cx + lat * np.cos(yaw) - xyz[..., 2] * np.sin(yaw)
    z = lat * np.sin(yaw) + xyz[..., 2] * np.cos(yaw)
    return np.stack([x, xyz[..., 1]], axis=-1), z


def body_track(
    family: str,
    p: Array,
    comps: list[Array],
    specs: list[RepSpec],
    base_lean: Array,
    bent_top: float = 0.0,
) -> Array:
    """3-D positions (frames, 33, 3) of a standing lifter (lateral x, image y, forward z).

    The trunk's swing and lean turn it forward and back about the hips (the sagittal plane),
    as they do in a gym, so they show from the side and not from the front.
    """
    if family == "push-up":
        return pushup_track(p, comps, specs, bent_top)
    pd = "pulldown" if family in ("pull-up", "row") else family
    xy = pose_track(pd, p, comps, [replace(s, swing=0.0, lean=0.0) for s in specs])
    out = np.zeros((p.size, 33, 3))
    out[:, :, :2] = xy
    if family == "row":  # seated: the upper arm swings from forward to back, forearm level
        phi = np.radians(ROW_SWING * p)  # elbow angle = 180 - ROW_SWING * p
        out[:, 11:13, 1] = 0.40
        out[:, 11:13, 2] = 0.0
        for sh, el, wr in ((11, 13, 15), (12, 14, 16)):
            out[:, el, 0] = out[:, wr, 0] = out[:, sh, 0]
            out[:, el, 1] = 0.40 + _SEG * np.sin(phi)
            out[:, el, 2] = _SEG * np.cos(phi)
            out[:, wr, 1] = out[:, el, 1]
            out[:, wr, 2] = out[:, el, 2] + _SEG
        for hand, wrist in ((17, 15), (19, 15), (21, 15), (18, 16), (20, 16), (22, 16)):
            out[:, hand] = out[:, wrist] + np.array((0.0, 0.0, 0.015))
    if pd == "squat":
        out[:, [25, 26], 2] += 0.08 * p[:, None]  # knees travel forward
        out[:, [23, 24], 2] -= 0.08 * p[:, None]  # hips sit back
        cave = sum(
            (
                (0.03 * s.depth + 0.04 * s.valgus) * c
                for s, c in zip(specs, comps, strict=True)
                if s.valgus
            ),
            np.zeros_like(p),
        )
        out[:, 25, 0] -= cave
        out[:, 26, 0] += cave
    if family == "pull-up":  # the hands hold the bar; the body rises to them
        lift = out[:, 15, 1] - _PULLDOWN_START[15][1]
        body = [j for j in range(33) if j not in (15, 16, 17, 18, 19, 20, 21, 22)]
        out[:, body, 1] -= lift[:, None]
        for j in (15, 16, 17, 18, 19, 20, 21, 22):
            out[:, j, 1] -= lift
    lean = _per_rep(specs, comps, p, "swing") + base_lean
    if lean.any():  # the upper body turns forward/back about the mid-hip
        hip = out[:, [23, 24]].mean(axis=1)
        theta = np.radians(lean)[:, None]
        dy = out[:, :23, 1] - hip[:, None, 1]
        dz = out[:, :23, 2] - hip[:, None, 2]
        out[:, :23, 1] = hip[:, None, 1] + dy * np.cos(theta) - dz * np.sin(theta)
        out[:, :23, 2] = hip[:, None, 2] + dy * np.sin(theta) + dz * np.cos(theta)
    return out


def pose_track(
    family: str,
    p: Array,
    comps: list[Array] | None = None,
    specs: list[RepSpec] | None = None,
    base_lean: Array | None = None,
) -> Array:
    """Positions (frames, 33, 2) for progress ``p`` (0 start, 1 turn) and the reps' faults.

    The original flat model: a front view in which swing and lean turn the trunk in the
    image plane (``make_set`` without a ``view``).
    """
    comps = comps or []
    specs = specs or []
    lean = sum((s.swing * c for s, c in zip(specs, comps, strict=True)), np.zeros_like(p))
    if base_lean is not None:
        lean = lean + base_lean
    flare = sum((s.flare * c for s, c in zip(specs, comps, strict=True)), np.zeros_like(p))
    lag = sum(
        (s.asymmetry * s.depth * c for s, c in zip(specs, comps, strict=True)), np.zeros_like(p)
    )
    xy = np.zeros((p.size, 33, 2))
    for j, (x, y) in _BODY.items():
        xy[:, j] = (x, y)
    if family == "pulldown":
        for j in _PULLDOWN_START:
            side_p = p - lag if j in (14, 16) else p
            xy[:, j] = _lerp(_PULLDOWN_START[j], _PULLDOWN_TURN[j], side_p)
        # elbows out from under the wrists by the flare angle (forearm length kept vertical)
        for elbow, wrist, out in ((13, 15, 1.0), (14, 16, -1.0)):
            forearm = xy[:, elbow, 1] - xy[:, wrist, 1]
            xy[:, elbow, 0] = xy[:, wrist, 0] + out * forearm * np.tan(np.radians(flare))
    elif family == "squat":
        for j, pos in _SQUAT_ARMS.items():
            xy[:, j] = pos
        upper = [*range(0, 17), 23, 24]
        xy[:, upper, 1] += SQUAT_DROP * p[:, None]
        xy[:, [25, 26], 1] += 0.03 * p[:, None]
        xy[:, 25, 0] += 0.03 * p
        xy[:, 26, 0] -= 0.03 * p
    else:
        raise ValueError(family)
    if lean.any():  # the upper body turns about the mid-hip
        hip = xy[:, [23, 24]].mean(axis=1)
        theta = np.radians(lean)[:, None]
        rel = xy[:, :23] - hip[:, None, :]
        x = rel[..., 0] * np.cos(theta) - rel[..., 1] * np.sin(theta)
        y = rel[..., 0] * np.sin(theta) + rel[..., 1] * np.cos(theta)
        xy[:, :23, 0] = hip[:, None, 0] + x
        xy[:, :23, 1] = hip[:, None, 1] + y
    # hands follow the wrists
    for hand, wrist, dy in (
        (17, 15, -0.015),
        (19, 15, -0.02),
        (21, 15, -0.01),
        (18, 16, -0.015),
        (20, 16, -0.02),
        (22, 16, -0.01),
    ):
        xy[:, hand] = xy[:, wrist] + (0.005 if wrist == 15 else -0.005, dy)
    return xy


def make_set(
    family: str,
    specs: list[RepSpec],
    *,
    fps: float = 30.0,
    idle_before: float = 2.0,
    idle_after: float = 2.0,
    noise: float = 0.0,
    drop_rate: float = 0.0,
    rng: np.random.Generator | None = None,
    view: str | None = None,
    bent_top: float = 0.0,
) -> SynthSet:
    """A set of ``specs`` reps with Gaussian landmark noise and dropped frames.

    Dropped frames are NaN rows (no person found). A few landmarks per frame are also marked
    barely visible and thrown off by a large error, as a pose model does when it guesses.
    With a ``view`` ("front", "side", "oblique") the lifter is built in 3-D and filmed from
    that side (``z`` is the depth, as BlazePose gives it); without one, the flat front model.
    """
    rng = rng or np.random.default_rng(0)
    p, comps, truth = _progress(specs, fps, idle_before, idle_after)
    t = np.arange(p.size) / fps
    base_lean = np.interp(t, [r.start for r in truth], [s.lean for s in specs])
    frames = p.size
    data = np.zeros((frames, 33, 4))
    if view is None:
        xy = pose_track(family, p, comps, specs, base_lean)
        depth = np.zeros((frames, 33))
    else:
        xy, depth = project(body_track(family, p, comps, specs, base_lean, bent_top), view)
    data[:, :, :2] = xy + rng.normal(0.0, noise, xy.shape) if noise else xy
    data[:, :, 2] = depth + rng.normal(0.0, 0.01, (frames, 33))
    data[:, :, 3] = rng.uniform(0.8, 1.0, (frames, 33))
    if drop_rate:
        dropped = rng.random(frames) < drop_rate
        for _ in range(int(rng.integers(0, 4))):  # a few short bursts too
            s = int(rng.integers(0, frames - 6))
            dropped[s : s + int(rng.integers(2, 6))] = True
        data[dropped, :, :3] = np.nan
        data[dropped, :, 3] = 0.0
        guessed = (rng.random((frames, 33)) < drop_rate) & ~dropped[:, None]
        data[guessed, 3] = rng.uniform(0.0, 0.3, int(guessed.sum()))
        data[guessed, 0] += rng.choice([-0.1, 0.1], int(guessed.sum()))
    return SynthSet(data, fps, family, truth, view)


def random_specs(rng: np.random.Generator, n: int) -> list[RepSpec]:
    """Reps with a set tempo and per-rep variation: 0.6-3.5 s phases, 0-1.5 s pauses."""

    def pause() -> float:
        return 0.0 if rng.random() < 0.3 else float(rng.uniform(0.2, 1.5))

    base = (float(rng.uniform(0.6, 3.0)), pause(), float(rng.uniform(0.6, 3.5)), pause())
    specs = []
    for _ in range(n):
        jitter = rng.uniform(0.85, 1.15, 4)
        specs.append(
            RepSpec(
                base[0] * jitter[0], base[1] * jitter[1], base[2] * jitter[2], base[3] * jitter[3]
            )
        )
    return specs


def random_set(family: str, rng: np.random.Generator, view: str | None = None) -> SynthSet:
    """A random set: 1-12 reps, random tempo, 0.5-4 s idle, noise and dropped frames."""
    n = int(rng.integers(1, 13))
    return make_set(
        family,
        random_specs(rng, n),
        fps=float(rng.choice([25.0, 30.0, 60.0])),
        idle_before=float(rng.uniform(0.5, 4.0)),
        idle_after=float(rng.uniform(0.5, 4.0)),
        noise=float(rng.uniform(0.0005, 0.002)),
        drop_rate=float(rng.uniform(0.0, 0.05)),
        rng=rng,
        view=view,
    )
